import * as z from 'zod';

/**
 * A comparison started from the chat panel's composer: `/compare <prompt>` sent (`sent` is the whole message, given
 * back to the composer if the comparison is cancelled), or the header's Compare button (no prompt: it is asked for,
 * starting from the draft). Either way the composer's chips and attachments go with the prompt.
 */
const FromComposerSchema = z.object({
  fromComposer: z.literal(true),
  prompt: z.string().optional(),
  sent: z.string().optional(),
});
export type FromComposer = z.infer<typeof FromComposerSchema>;

/** Where a comparison came from: the composer, a prompt typed elsewhere (a string), or neither (the palette, the editor's menu). */
export type CompareOrigin = { kind: 'composer'; prompt?: string; sent?: string } | { kind: 'prompt'; prompt: string } | { kind: 'other' };

/** The command's argument, read as its origin; anything unexpected counts as neither. */
export function compareOrigin(arg: unknown): CompareOrigin {
  if (typeof arg === 'string') return { kind: 'prompt', prompt: arg };
  const parsed = FromComposerSchema.safeParse(arg);
  if (!parsed.success) return { kind: 'other' };
  const { prompt, sent } = parsed.data;
  return { kind: 'composer', ...(prompt !== undefined ? { prompt } : {}), ...(sent !== undefined ? { sent } : {}) };
}
