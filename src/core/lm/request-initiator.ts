// The extension behind a VS Code chat request. VS Code passes it to providers as `requestInitiator` (1.104 and later
// do, though the 1.104 type declarations do not name it), so it is read by shape and only trusted when it looks
// like an extension id.
import type { RequestOrigin } from '../spend/ledger/surface';

/** `publisher.name`, as VS Code spells extension ids. */
const EXTENSION_ID = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9._-]*$/i;
const MAX_LENGTH = 200;

/** The extension id in the provider's options, when VS Code gave one. */
export function requestInitiatorOf(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null || !('requestInitiator' in options)) return undefined;
  const value = options.requestInitiator;
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  return id.length <= MAX_LENGTH && EXTENSION_ID.test(id) ? id : undefined;
}

/** The origin of a request VS Code's chat (or another extension through `vscode.lm`) made. */
export function vscodeChatOrigin(options: unknown): RequestOrigin {
  const initiator = requestInitiatorOf(options);
  return initiator ? { surface: 'vscode-chat', initiator } : { surface: 'vscode-chat' };
}
