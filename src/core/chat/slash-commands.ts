// Slash commands typed at the start of the composer. `/explain`, `/fix` and `/tests` (and the person's own, from
// the `openrouter.slashCommands` setting) make the same command turn the editor commands make: the bubble shows
// `/name`, the words after it and the code's chips; the model gets the instruction in their place. `/new`,
// `/model` and `/preset` act instead of sending. Pure, so parsing and templates are unit-tested.
import * as z from 'zod';
import type { Attachment } from './model';
import { COMMAND_INSTRUCTIONS, type CommandQuestion } from './prompts';

export type SlashAction = 'new' | 'model' | 'preset';

interface BuiltIn {
  readonly name: string;
  readonly description: string;
  /** Set for the commands that act; the others send a prompt about code. */
  readonly action?: SlashAction;
}

export const BUILT_IN_SLASH_COMMANDS: readonly BuiltIn[] = [
  { name: 'explain', description: 'Explain the selected or mentioned code' },
  { name: 'fix', description: 'Find and fix the problems in the selected or mentioned code' },
  { name: 'tests', description: 'Write unit tests for the selected or mentioned code' },
  { name: 'new', description: 'Start a new chat', action: 'new' },
  { name: 'model', description: 'Pick the model (words after it search the list)', action: 'model' },
  { name: 'preset', description: 'Pick a task preset', action: 'preset' },
];

/** A command's name: what UserCommandSchema accepts, starting with a letter so `/` followed by a path is not one. */
export const SlashNameSchema = z.string().regex(/^[a-zA-Z][\w-]{0,39}$/, 'a command name is a letter, then up to 39 letters, digits, - or _');
/** The `openrouter.slashCommands` setting: name → prompt template. */
export const SlashCommandsSettingSchema = z.record(SlashNameSchema, z.string().trim().min(1, 'a template is needed').max(20_000));

/** The person's commands that a built-in does not shadow. */
export function userSlashCommands(setting: Readonly<Record<string, string>>): Map<string, string> {
  const builtIn = new Set(BUILT_IN_SLASH_COMMANDS.map((c) => c.name));
  return new Map(Object.entries(setting).filter(([name]) => !builtIn.has(name.toLowerCase())));
}

export interface SlashCompletion {
  name: string;
  description: string;
}

/** The commands starting with what was typed after `/`, built-ins first. */
export function slashCompletions(typed: string, user: ReadonlyMap<string, string>): SlashCompletion[] {
  const prefix = typed.toLowerCase();
  const users = [...user].map(([name, template]) => ({ name, description: firstLine(template) }));
  return [...BUILT_IN_SLASH_COMMANDS, ...users]
    .filter((c) => c.name.toLowerCase().startsWith(prefix))
    .map(({ name, description }) => ({ name, description }));
}

export type ParsedSlash =
  | { kind: 'action'; action: SlashAction; words: string }
  | { kind: 'code'; name: 'explain' | 'fix' | 'tests'; words: string }
  | { kind: 'user'; name: string; template: string; words: string };

/** The command `text` starts with, or undefined when it is a question (an unknown `/word` is sent as typed). */
export function parseSlash(text: string, user: ReadonlyMap<string, string>): ParsedSlash | undefined {
  const match = /^\/([a-zA-Z][\w-]{0,39})(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const name = match[1] as string;
  const words = (match[2] ?? '').trim();
  const builtIn = BUILT_IN_SLASH_COMMANDS.find((c) => c.name === name.toLowerCase());
  if (builtIn?.action) return { kind: 'action', action: builtIn.action, words };
  if (builtIn) return { kind: 'code', name: builtIn.name as 'explain' | 'fix' | 'tests', words };
  const template = user.get(name);
  return template === undefined ? undefined : { kind: 'user', name, template, words };
}

/** The code a command is about: the composer's chips, or else the editor's selection. */
export interface SlashCode {
  attachments: Attachment[];
  /** The editor language of the code, when known (for /tests' framework). */
  languageId?: string;
}

/** Whether a template names the code, so the command cannot run without some. */
export function templateNeedsCode(template: string): boolean {
  return /\{\{\s*(selection|file|language)\s*\}\}/.test(template);
}

/**
 * The question a prompt command sends about `code`, or a one-line reason it cannot be sent. The words typed after
 * the command stay in the bubble's text and go after the instruction (user-content.ts).
 */
export function slashQuestion(parsed: Exclude<ParsedSlash, { kind: 'action' }>, code: SlashCode | undefined): CommandQuestion | string {
  const text = parsed.words ? `/${parsed.name} ${parsed.words}` : `/${parsed.name}`;
  const attachments = code?.attachments ?? [];
  const subject = attachments.length === 1 ? baseName((attachments[0] as Attachment).label) : 'the attached files';
  const language = code?.languageId ?? 'this language';
  if (parsed.kind === 'user') {
    if (attachments.length === 0 && templateNeedsCode(parsed.template)) return `/${parsed.name} uses the selection: select code in an editor, or mention a file with #.`;
    const instruction = parsed.template
      .replace(/\{\{\s*selection\s*\}\}/g, attachments.map((a) => a.label).join(', '))
      .replace(/\{\{\s*file\s*\}\}/g, subject)
      .replace(/\{\{\s*language\s*\}\}/g, language);
    return { text, command: { name: parsed.name, instruction }, attachments };
  }
  if (attachments.length === 0) return `/${parsed.name} needs code: select some in an editor, or mention a file with #.`;
  const instruction = parsed.name === 'fix' ? fixInstruction(subject) : COMMAND_INSTRUCTIONS[parsed.name](subject, language);
  return { text, command: { name: parsed.name, instruction }, attachments };
}

function fixInstruction(subject: string): string {
  return [
    `Find the bugs in this code from ${subject} and fix them, keeping what it is meant to do.`,
    'Reply with the corrected code in a fenced code block, then a short list of what was wrong.',
  ].join('\n');
}

/** A chip's label as a name: `src/a.ts:3–9` gives `a.ts`. */
function baseName(label: string): string {
  return (label.split(/[\\/]/).pop() || label).replace(/:\d+(?:[–-]\d+)?$/, '');
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
