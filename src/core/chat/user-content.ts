// What the model gets for a user turn. A question goes as typed, after its attached context; a command's turn (its
// bubble shows `/explain` and a chip) goes as the command's instruction, the words typed after the command, then
// the context, so the model reads the instruction before the code as it always did. The panel shows this text on
// demand, so what was sent is never hidden.
import { backtickFence } from './fence';
import type { Attachment, UserTurn } from './model';

/** One attachment as sent: its label, then its text in a fence no backtick run inside can close. */
function attachmentBlock(attachment: Attachment): string {
  return `${attachment.label}:\n${backtickFence(attachment.text, attachment.language ?? '')}`;
}

/** A question's content as sent: attached context first, each in a fence, then the question. */
export function userContent(text: string, attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return text;
  return `${attachments.map(attachmentBlock).join('\n\n')}\n\n${text}`;
}

/** The words typed after a command's `/name`: "/explain why the loop" gives "why the loop". */
export function commandWords(turn: Pick<UserTurn, 'text' | 'command'>): string {
  if (!turn.command) return turn.text;
  const prefix = `/${turn.command.name}`;
  return (turn.text.startsWith(prefix) ? turn.text.slice(prefix.length) : turn.text).trim();
}

/** Exactly what the model gets for `turn`. */
export function sentContent(turn: Pick<UserTurn, 'text' | 'attachments' | 'command'>): string {
  if (!turn.command) return userContent(turn.text, turn.attachments);
  return [turn.command.instruction, commandWords(turn), ...turn.attachments.map(attachmentBlock)].filter((part) => part.length > 0).join('\n\n');
}
