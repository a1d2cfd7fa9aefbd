// A rough token count for text, good enough for pre-send estimates and warnings, never for billing.
//
// Real tokenizers differ per model and none ships here (it would be megabytes per model family). The rule of thumb
// for BPE tokenizers on English text and code is about four characters per token. Scripts without spaces (CJK, Thai…)
// and emoji break that badly, at roughly one token per character or more, so they are counted one token each.
// Billing never uses this: it uses OpenRouter's own counts from `usage`.
import { dataUrlByteLength, imageSizeOfDataUrl, imageTokens, TOKENS_PER_PDF_PAGE } from '../chat/media';


/** Characters per token for Latin-script text and code. */
export const CHARS_PER_TOKEN = 4;
/** Tokens added per chat message for the role and the separators around it (OpenAI's format uses 3-4). */
export const TOKENS_PER_MESSAGE = 4;
/**
 * Tokens assumed for one image part. Providers bill images very differently (GPT-4o about 765 for a 1024² tile
 * set, Claude about 1,600 for a megapixel); this sits between them and errs on the high side for small images.
 */
export const TOKENS_PER_IMAGE = 1_000;

// Code points that tokenise at about one token each: CJK ideographs, kana, Hangul, Thai, and emoji/pictographs.
const DENSE_SCRIPT = /[\u0E00-\u0E7F\u1100-\u11FF\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF\u{1F000}-\u{1FAFF}\u{20000}-\u{3FFFF}]/u;

/** Estimated tokens in a piece of text: dense-script code points count one each, the rest ceil(chars / 4). */
export function estimateTextTokens(text: string): number {
  if (text === '') return 0;
  let dense = 0;
  let other = 0;
  for (const char of text) {
    if (DENSE_SCRIPT.test(char)) dense += 1;
    else other += char.length;
  }
  return dense + Math.ceil(other / CHARS_PER_TOKEN);
}

/** The parts of a chat message that the estimator reads; other fields are ignored. Content parts and tool calls are
 * read as the API defines them and skipped when they are not: a request passes them through as given. */
export interface EstimatableMessage {
  readonly content?: string | null | readonly unknown[];
  readonly [field: string]: unknown;
}

interface ContentPart {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly image_url?: { readonly url?: unknown } | null;
  readonly file?: { readonly file_data?: unknown } | null;
}

/** An image by the size its header declares (media.ts, `imageTokens`); `TOKENS_PER_IMAGE` when it cannot be read. */
function imagePartTokens(part: ContentPart): number {
  const url = part.image_url?.url;
  const size = typeof url === 'string' && url.startsWith('data:') ? imageSizeOfDataUrl(url) : undefined;
  return size ? imageTokens(size.width, size.height) : TOKENS_PER_IMAGE;
}

/** Bytes of PDF taken as one page when its pages are not counted: text-heavy pages run 20 to 100 KB. */
const PDF_BYTES_PER_PAGE = 60_000;

/** A PDF by its size, at `TOKENS_PER_PDF_PAGE` per page: counting its pages would mean decoding it on every keystroke. */
function filePartTokens(part: ContentPart): number {
  const data = part.file?.file_data;
  const bytes = typeof data === 'string' ? dataUrlByteLength(data) : 0;
  return TOKENS_PER_PDF_PAGE * Math.max(1, Math.round(bytes / PDF_BYTES_PER_PAGE));
}

interface ToolCall {
  readonly function?: { readonly name?: unknown; readonly arguments?: unknown };
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Estimated prompt tokens of a whole conversation, including per-message overhead and images. */
export function estimatePromptTokens(messages: readonly EstimatableMessage[]): number {
  let total = 0;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE;
    const content = message.content;
    if (typeof content === 'string') {
      total += estimateTextTokens(content);
    } else if (Array.isArray(content)) {
      for (const part of content as readonly (ContentPart | null)[]) {
        if (typeof part?.text === 'string') total += estimateTextTokens(part.text);
        else if (part?.type === 'image_url' || part?.type === 'input_image') total += imagePartTokens(part);
        else if (part?.type === 'file') total += filePartTokens(part);
      }
    }
    const calls = Array.isArray(message['tool_calls']) ? (message['tool_calls'] as readonly (ToolCall | null)[]) : [];
    for (const call of calls) {
      total += estimateTextTokens(textOf(call?.function?.name)) + estimateTextTokens(textOf(call?.function?.arguments));
    }
  }
  return total;
}
