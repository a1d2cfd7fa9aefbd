// What the model gets for a user turn. A question goes as typed, after its attached context; a command's turn (its
// bubble shows `/explain` and a chip) goes as the command's instruction, the words typed after the command, then
// the context, so the model reads the instruction before the code as it always did. The panel shows this text on
// demand, so what was sent is never hidden.
import { backtickFence } from './fence';
import { isMedia } from './media-attachment';
import type { Attachment, UserTurn } from './model';

/** One attachment as sent: its label, then its text in a fence no backtick run inside can close. */
function attachmentBlock(attachment: Attachment): string {
  return `${attachment.label}:\n${backtickFence(attachment.text, attachment.language ?? '')}`;
}

/** The attachments sent as text; images and PDFs go as content parts of their own (content-parts.ts). */
function textAttachments(attachments: readonly Attachment[]): Attachment[] {
  return attachments.filter((attachment) => !isMedia(attachment));
}

/** A question's text as sent: attached context first, each in a fence, then the question. */
export function userContent(text: string, attachments: readonly Attachment[]): string {
  const texts = textAttachments(attachments);
  if (texts.length === 0) return text;
  return `${texts.map(attachmentBlock).join('\n\n')}\n\n${text}`;
}

/** The words typed after a command's `/name`: "/explain why the loop" gives "why the loop". */
export function commandWords(turn: Pick<UserTurn, 'text' | 'command'>): string {
  if (!turn.command) return turn.text;
  const prefix = `/${turn.command.name}`;
  return (turn.text.startsWith(prefix) ? turn.text.slice(prefix.length) : turn.text).trim();
}

/** The text the model gets for `turn`; its images and PDFs follow as parts of their own (content-parts.ts). */
export function sentContent(turn: Pick<UserTurn, 'text' | 'attachments' | 'command'>): string {
  if (!turn.command) return userContent(turn.text, turn.attachments);
  return [turn.command.instruction, commandWords(turn), ...textAttachments(turn.attachments).map(attachmentBlock)].filter((part) => part.length > 0).join('\n\n');
}
