// Images and PDFs travel to the panel without their content: it shows their thumbnails and labels, never the data,
// so a snapshot of a chat with ten photos is no larger than one without them.
import type { Turn } from '../chat/model';
import type { HostToWebview } from '../../protocol/messages';

/** `turn` without the data URLs of its attachments; the same object when it has none. */
export function withoutMediaData(turn: Turn): Turn {
  if (turn.role !== 'user' || !turn.attachments.some((a) => a.dataUrl !== undefined)) return turn;
  return { ...turn, attachments: turn.attachments.map(({ dataUrl: _data, ...rest }) => rest) };
}

/** A message to the panel with every turn it carries lightened. */
export function lightenedMessage(message: HostToWebview): HostToWebview {
  switch (message.type) {
    case 'state/snapshot':
      return { ...message, state: { ...message.state, chat: { ...message.state.chat, turns: message.state.chat.turns.map(withoutMediaData) } } };
    case 'chat/turn':
      return { ...message, turn: withoutMediaData(message.turn) };
    case 'history/older':
      return { ...message, turns: message.turns.map(withoutMediaData) };
    default:
      return message;
  }
}
