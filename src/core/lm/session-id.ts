// A `session_id` for one conversation in VS Code's chat, so OpenRouter's prompt caching and sticky routing work
// across its turns. VS Code gives providers no conversation id, and storing the messages to recognise a conversation
// would keep people's text; instead the id is a hash of what every turn of a conversation starts with: its first
// user message.
import { sha256Hex } from '../ids';
import type { LmMessage } from './lm-messages';

export async function conversationSessionId(messages: readonly LmMessage[]): Promise<string> {
  const first = messages.find((message) => message.role === 'user');
  const text = first?.parts.map((part) => (part.type === 'text' ? part.text : '')).join('') ?? '';
  return `vscode-${await sha256Hex(`openrouter-chat/vscode-chat:${text}`, 16)}`;
}
