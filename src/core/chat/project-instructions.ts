// The project's own instructions for the model: AGENTS.md, GitHub Copilot's instructions file and ours, at a
// workspace folder's root, joined into one system message after the settings' system prompt. A repository writes
// them, so they are read only in a trusted workspace (the host decides), bounded in size, and sent as plain text.
import type { ChatMessage } from '../openrouter/http';
import { estimateTextTokens } from '../spend/token-estimate';

/** The files read, relative to each workspace folder's root, in the order they are sent. */
export const INSTRUCTION_FILES = ['AGENTS.md', '.github/copilot-instructions.md', '.openrouter/instructions.md'] as const;

/** Characters kept of one file; the rest is cut, and the message says so. */
export const MAX_FILE_CHARS = 32_000;
/** Characters kept of all files together: a large monorepo's files must not crowd out the conversation. */
export const MAX_TOTAL_CHARS = 64_000;
/** Bytes read of one file at most; anything past the character bound is never looked at. */
export const MAX_FILE_BYTES = 4 * MAX_FILE_CHARS;

export interface InstructionFile {
  /** How the file is named to the person and the model: its path, with the folder's name in a multi-root workspace. */
  label: string;
  text: string;
}

export interface ProjectInstructions {
  /** The files sent, by label; `cut` when not all of the file fits the bounds. */
  files: { label: string; cut: boolean }[];
  /** The system message's text. */
  text: string;
  /** Its estimated size in tokens, as the composer's chip shows it. */
  tokens: number;
}

/** The instructions message from the files found; undefined when none has any text. */
export function assembleInstructions(files: readonly InstructionFile[]): ProjectInstructions | undefined {
  const sections: string[] = [];
  const sent: ProjectInstructions['files'] = [];
  let left = MAX_TOTAL_CHARS;
  for (const file of files) {
    const text = file.text.replace(/^\uFEFF/, '').trim();
    if (!text || left <= 0) continue;
    const room = Math.min(MAX_FILE_CHARS, left);
    const cut = text.length > room;
    const kept = cut ? `${text.slice(0, room)}\n[… the rest of ${file.label} was left out: it is longer than ${room.toLocaleString('en-US')} characters]` : text;
    left -= Math.min(text.length, room);
    sections.push(`## ${file.label}\n\n${kept}`);
    sent.push({ label: file.label, cut });
  }
  if (sections.length === 0) return undefined;
  const text = `The project's instructions, from files in the workspace. Follow them where they apply.\n\n${sections.join('\n\n')}`;
  return { files: sent, text, tokens: estimateTextTokens(text) };
}

/** The messages with the instructions as a system message after the leading system messages (the prompt's own). */
export function withInstructions(messages: readonly ChatMessage[], instructions: string | undefined): readonly ChatMessage[] {
  if (!instructions) return messages;
  const at = messages.findIndex((message) => message.role !== 'system');
  const index = at < 0 ? messages.length : at;
  return [...messages.slice(0, index), { role: 'system', content: instructions }, ...messages.slice(index)];
}
