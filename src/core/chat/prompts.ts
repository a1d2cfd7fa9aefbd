// The editor commands' questions, and how their answers are read back. Pure, so they are unit-tested.
//
// A command's question is a turn of its own kind: the bubble shows `/explain` and a chip for the code, the model gets
// the instruction and the code (see user-content.ts). Slash commands typed in the composer can make the same turn.
import { estimateTextTokens } from '../spend/token-estimate';
import type { Attachment, UserCommand } from './model';

export type EditorCommandName = 'explain' | 'improve' | 'tests';

export interface CodeSelection {
  text: string;
  languageId: string;
  /** The file's path as the chip shows it (relative to the workspace); its last part names it in the instruction. */
  path: string;
  /** The file's URI, so the chip follows the rules of attached context (a file goes once). */
  uri: string;
  /** The first and last line of the code, counted from 1. */
  startLine: number;
  endLine: number;
}

/** What a command sends: the bubble's text, the instruction in its place, and the code as a chip. */
export interface CommandQuestion {
  text: string;
  command: UserCommand;
  attachments: Attachment[];
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export const COMMAND_INSTRUCTIONS: Record<EditorCommandName, (fileName: string, languageId: string) => string> = {
  explain: (fileName) => `Explain what this code from ${fileName} does, step by step, and point out anything surprising or risky.`,
  improve: (fileName) => [
    `Improve this code from ${fileName}: make it clearer, safer and more idiomatic without changing what it does.`,
    'Reply with the complete improved code in a single fenced code block, then at most three short bullet points saying what changed.',
  ].join('\n'),
  tests: (fileName, languageId) => [
    `Write unit tests for this code from ${fileName}, using the test framework most common for ${languageId} projects.`,
    'Cover normal cases, edge cases and errors. Reply with the complete test file in a single fenced code block.',
  ].join('\n'),
};

/** A chip's label for lines of a file: `example.ts:3–9`, or `example.ts:4` for one line. */
export function selectionLabel(path: string, startLine: number, endLine: number): string {
  return startLine === endLine ? `${path}:${startLine}` : `${path}:${startLine}–${endLine}`;
}

/** The question editor command `name` sends about `selection`. */
export function editorCommandQuestion(name: EditorCommandName, selection: CodeSelection): CommandQuestion {
  const code: Attachment = {
    kind: 'selection',
    label: selectionLabel(selection.path, selection.startLine, selection.endLine),
    text: selection.text,
    tokens: estimateTextTokens(selection.text),
    uris: [selection.uri],
    language: selection.languageId,
  };
  return { text: `/${name}`, command: { name, instruction: COMMAND_INSTRUCTIONS[name](baseName(selection.path), selection.languageId) }, attachments: [code] };
}

/** The first fenced code block of a Markdown answer, or undefined when it has none. */
export function firstCodeBlock(markdown: string): string | undefined {
  const match = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\1[`~]*[ \t]*$/m.exec(markdown);
  return match?.[2];
}
