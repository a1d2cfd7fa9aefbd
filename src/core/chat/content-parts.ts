// A user turn with images or PDFs goes as content parts: the text as sent (user-content.ts), then an `image_url`
// part per image and a `file` part per PDF, both base64 data URLs. An image goes only to a model whose catalogue
// lists image input: to any other, a text part says what was left out, so the model knows and the request is not
// refused. A PDF goes to every model: OpenRouter's file-parser plugin turns it into text for those that cannot read
// files, with the engine the settings pick (`fileParserPlugins`).
import type { ChatMessage } from '../openrouter/http';
import { isMedia } from './media-attachment';
import type { Attachment, UserTurn } from './model';
import { sentContent } from './user-content';

/** What the model in use reads besides text; unknown models are sent images (OpenRouter will say if they cannot). */
export interface ModelInputs {
  readonly images: boolean;
}

export const ALL_INPUTS: ModelInputs = { images: true };

export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'file'; file: { filename: string; file_data: string } };

/** The content of a user turn's message: a string when it has no images or PDFs, parts otherwise. */
export function userMessageContent(turn: Pick<UserTurn, 'text' | 'attachments' | 'command'>, inputs: ModelInputs): string | ContentPart[] {
  const text = sentContent(turn);
  const media = turn.attachments.filter(isMedia);
  if (media.length === 0) return text;
  // A picture sent without words goes without an empty text part, which Anthropic's API refuses.
  const words: ContentPart[] = text.trim() ? [{ type: 'text', text }] : [];
  return [...words, ...media.map((attachment) => mediaPart(attachment, inputs))];
}

function mediaPart(attachment: Attachment, inputs: ModelInputs): ContentPart {
  if (!attachment.dataUrl) return { type: 'text', text: `[${mediaPlaceholder(attachment)}]` };
  if (attachment.kind === 'pdf') return { type: 'file', file: { filename: attachment.label, file_data: attachment.dataUrl } };
  if (!inputs.images) return { type: 'text', text: `[Image ${attachment.label} was attached but not sent: this model does not read images.]` };
  return { type: 'image_url', image_url: { url: attachment.dataUrl } };
}

/** What stands in for an image or PDF whose content history let go, or that an export leaves out. */
export function mediaPlaceholder(attachment: Attachment): string {
  const size = attachment.width && attachment.height ? `, ${attachment.width}×${attachment.height}` : '';
  const pages = attachment.pages ? `, ${attachment.pages} page${attachment.pages === 1 ? '' : 's'}` : '';
  const what = attachment.kind === 'pdf' ? 'PDF' : 'Image';
  return `${what} ${attachment.label}${size}${pages}${attachment.omitted ? ` — ${attachment.omitted}` : ''}`;
}

/** PDF engines of OpenRouter's file-parser plugin: the model's own file reading, the free parser, the paid OCR. */
export const PDF_ENGINES = ['native', 'cloudflare-ai', 'mistral-ocr'] as const;
export type PdfEngine = (typeof PDF_ENGINES)[number];

/** The `plugins` of a request whose messages carry a file part; none otherwise. */
export function fileParserPlugins(messages: readonly ChatMessage[], engine: PdfEngine): unknown[] | undefined {
  const hasFile = messages.some((message) => Array.isArray(message.content) && message.content.some((part) => (part as { type?: unknown } | null)?.type === 'file'));
  return hasFile ? [{ id: 'file-parser', pdf: { engine } }] : undefined;
}
