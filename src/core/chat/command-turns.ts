// A command's turn after it is sent (see prompts.ts and user-content.ts): which chat an editor command goes to, how
// the chat is titled after it, what editing it keeps, and what goes back to the composer to send again.
import { chatTitle, TITLE_MAX_LENGTH } from './chat-title';
import type { UserTurn } from './model';
import { commandWords } from './user-content';

/** The `openrouter.editorCommands.chat` setting: where an editor command goes when the open chat has messages. */
export const EDITOR_COMMAND_CHAT = ['ask', 'newChat', 'continue'] as const;
export type EditorCommandChat = (typeof EDITOR_COMMAND_CHAT)[number];

/**
 * The chat an editor command's question goes to: an empty open chat takes it (there is nothing to carry along);
 * otherwise the setting decides, and `ask` asks the person.
 */
export function chatForEditorCommand(setting: EditorCommandChat, openChatIsEmpty: boolean): 'open' | 'new' | 'ask' {
  if (openChatIsEmpty || setting === 'continue') return 'open';
  return setting === 'newChat' ? 'new' : 'ask';
}

type Question = Pick<UserTurn, 'text' | 'attachments' | 'command'>;

/** A chat's title from its first question; a command's names the command and its code: "/explain · example.ts:3–9". */
export function questionTitle(question: Question): string {
  // An image or PDF sent without words is named after its file, as its name is spelt.
  if (!question.command && !question.text.trim() && question.attachments.length > 0) {
    return question.attachments.map((a) => a.label).join(' · ').slice(0, TITLE_MAX_LENGTH);
  }
  if (!question.command) return chatTitle(question.text);
  return chatTitle([question.text, ...question.attachments.map((a) => a.label)].join(' · '));
}

/**
 * A question edited to `text`. A command's turn stays one while the text still starts with its `/name` (the words
 * after it go along with the instruction); otherwise the text is sent as typed, with the same attached code.
 */
export function editedQuestion(original: UserTurn, text: string): UserTurn {
  const { command, ...question } = original;
  if (command && new RegExp(`^/${command.name}(?:\\s|$)`).test(text)) return { ...original, text };
  return { ...question, text };
}

/**
 * A question as the composer takes it back to send again: a command's turn becomes the words the model got (its
 * instruction and what was typed after it), with its code as a chip, so nothing sent is hidden or lost.
 */
export function questionToResend(question: UserTurn): UserTurn {
  const { command, ...rest } = question;
  if (!command) return question;
  return { ...rest, text: [command.instruction, commandWords(question)].filter((part) => part.length > 0).join('\n\n') };
}
