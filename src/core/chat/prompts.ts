// The prompts behind the editor commands, and how their answers are read back. Pure, so they are unit-tested.
import { backtickFence } from './fence';

export interface CodeSelection {
  text: string;
  languageId: string;
  fileName: string;
}

export function explainPrompt(selection: CodeSelection): string {
  return `Explain what this code from ${selection.fileName} does, step by step, and point out anything surprising or risky.\n\n${backtickFence(selection.text, selection.languageId)}`;
}

export function improvePrompt(selection: CodeSelection): string {
  return [
    `Improve this code from ${selection.fileName}: make it clearer, safer and more idiomatic without changing what it does.`,
    'Reply with the complete improved code in a single fenced code block, then at most three short bullet points saying what changed.',
    '',
    backtickFence(selection.text, selection.languageId),
  ].join('\n');
}

export function writeTestsPrompt(selection: CodeSelection): string {
  return [
    `Write unit tests for this code from ${selection.fileName}, using the test framework most common for ${selection.languageId} projects.`,
    'Cover normal cases, edge cases and errors. Reply with the complete test file in a single fenced code block.',
    '',
    backtickFence(selection.text, selection.languageId),
  ].join('\n');
}

/** The first fenced code block of a Markdown answer, or undefined when it has none. */
export function firstCodeBlock(markdown: string): string | undefined {
  const match = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n\1[`~]*[ \t]*$/m.exec(markdown);
  return match?.[2];
}
