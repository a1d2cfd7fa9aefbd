// Where a completion list opens: `/` as the first word of the composer (a command), or `#` starting a word anywhere
// (a mention). Pure, so the rules are the same wherever the cursor is.
import type { CompletionTrigger } from '../../protocol/completions';

export interface TriggerAt {
  trigger: CompletionTrigger;
  /** What was typed after the trigger, up to the cursor. */
  query: string;
  /** Where the trigger character is in the text. */
  start: number;
}

/** The trigger the cursor at `cursor` is in, or undefined when no list should show. */
export function triggerAt(text: string, cursor: number): TriggerAt | undefined {
  const before = text.slice(0, cursor);
  const command = /^\/([\w-]{0,40})$/.exec(before);
  if (command) return { trigger: '/', query: command[1] as string, start: 0 };
  const mention = /(^|\s)#([^\s#]{0,100})$/.exec(before);
  if (mention) return { trigger: '#', query: mention[2] as string, start: before.length - (mention[2] as string).length - 1 };
  return undefined;
}
