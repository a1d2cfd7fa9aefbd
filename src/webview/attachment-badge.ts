// One attached piece of editor context, as the composer's chips and a sent message's list both show it: an icon for
// its kind, its label and its size in tokens.
import type { Attachment } from '../core/chat/model';
import { formatTokens } from '../core/format';
import { codicon, el } from './dom';

const KIND_ICONS: Record<Attachment['kind'], string> = { selection: 'list-selection', file: 'file', editors: 'files', problems: 'warning' };

/** `classPrefix` names the item and its parts (`chip`, `chip-label`, `chip-tokens`); `extra` follows them. */
export function attachmentBadge(
  attachment: Pick<Attachment, 'kind' | 'label' | 'tokens'>,
  classPrefix: string,
  extra: readonly Node[] = [],
): HTMLLIElement {
  return el('li', { className: classPrefix, attrs: { title: attachment.label } }, [
    codicon(KIND_ICONS[attachment.kind]),
    el('span', { className: `${classPrefix}-label`, text: attachment.label }),
    el('span', { className: `${classPrefix}-tokens`, text: `~${formatTokens(attachment.tokens)} tokens` }),
    ...extra,
  ]);
}
