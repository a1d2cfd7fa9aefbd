// What a `#` mention may bring into a message. A file is read whole, so the bounds keep one mention from filling
// the context window or freezing the panel, and binary data never goes to a model as text.

/** Files larger than this are refused: past it a file costs more than it helps, and reading it would stall. */
export const MAX_MENTION_BYTES = 200 * 1024;
/** Chips in one message; past this the person is told to remove some first. */
export const MAX_MENTIONS = 50;
/** Bytes looked at to tell text from binary, as git does (a NUL in the first 8,000 means binary). */
const SNIFF_BYTES = 8000;

export type DecodedFile = { ok: true; text: string } | { ok: false; reason: string };

/** The file's text, or a one-line reason it cannot be mentioned (too large, binary, not UTF-8). */
export function decodeMentionedFile(label: string, bytes: Uint8Array): DecodedFile {
  if (bytes.byteLength > MAX_MENTION_BYTES) return { ok: false, reason: tooLarge(label, bytes.byteLength) };
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { ok: false, reason: `${label} is a binary file; only text files can be mentioned.` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: `${label} is not UTF-8 text; only text files can be mentioned.` };
  }
}

/** Refuses a file by its size before reading it, so a huge file is never loaded at all. */
export function refuseBySize(label: string, size: number): string | undefined {
  return size > MAX_MENTION_BYTES ? tooLarge(label, size) : undefined;
}

function tooLarge(label: string, size: number): string {
  return `${label} is ${formatSize(size)}, over the ${formatSize(MAX_MENTION_BYTES)} a mention may hold; select the part you need and mention #selection.`;
}

/** Why one more chip cannot be added to `count` chips, or undefined when it can. */
export function refuseMoreMentions(count: number): string | undefined {
  return count >= MAX_MENTIONS ? `A message can hold at most ${MAX_MENTIONS} mentions and attachments; remove some chips first.` : undefined;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
