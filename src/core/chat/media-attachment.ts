// An image or a PDF the panel sends to be attached, checked again on arrival (the webview is not trusted): the data
// URL must decode, its bytes must be what it claims, and its size within the bounds. The result is the attachment,
// with its token estimate, or the one line that says why not.
import type { Attachment } from './model';
import {
  classifyFile, countPdfPages, dataUrlParts, imageSizeOf, imageTokens, pdfProblem, sniffImageType, TOKENS_PER_PDF_PAGE,
} from './media';

export interface MediaUpload {
  readonly name: string;
  readonly dataUrl: string;
  /** An image's small copy for its chip; dropped when it is not a small PNG, JPEG or WebP. */
  readonly thumbnail?: string;
}

const MAX_THUMBNAIL_CHARS = 200_000;

function checkedThumbnail(thumbnail: string | undefined): { thumbnail: string } | object {
  if (!thumbnail || thumbnail.length > MAX_THUMBNAIL_CHARS || !/^data:image\/(png|jpeg|webp);base64,/.test(thumbnail)) return {};
  const parts = dataUrlParts(thumbnail);
  return parts && sniffImageType(parts.bytes) ? { thumbnail } : {};
}

/** A label that is one line of plain text: control characters and runs of spaces become one space. */
export function mediaLabel(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const flat = name.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  return (flat || 'unnamed').slice(0, 200);
}

export function mediaAttachment(upload: MediaUpload): Attachment | { refusal: string } {
  const name = mediaLabel(upload.name);
  const parts = dataUrlParts(upload.dataUrl);
  if (!parts) return { refusal: `${name} could not be read.` };
  const kind = classifyFile(name, parts.type, parts.bytes.length);
  if ('refusal' in kind) return kind;
  if (kind.kind === 'pdf') {
    const problem = pdfProblem(name, parts.bytes);
    if (problem) return { refusal: problem };
    const pages = countPdfPages(parts.bytes);
    return { kind: 'pdf', label: name, text: '', tokens: pages * TOKENS_PER_PDF_PAGE, dataUrl: `data:application/pdf;base64,${upload.dataUrl.slice(upload.dataUrl.indexOf(',') + 1)}`, pages };
  }
  const type = sniffImageType(parts.bytes);
  const size = type ? imageSizeOf(parts.bytes) : undefined;
  if (!type || !size) return { refusal: `${name} is damaged or not an image the models read (PNG, JPEG, GIF, WebP).` };
  return { kind: 'image', label: name, text: '', tokens: imageTokens(size.width, size.height), dataUrl: `data:${type};base64,${upload.dataUrl.slice(upload.dataUrl.indexOf(',') + 1)}`, ...size, ...checkedThumbnail(upload.thumbnail) };
}

/** Whether an attachment is an image or a PDF, sent as a content part rather than as text. */
export function isMedia(attachment: Pick<Attachment, 'kind'>): boolean {
  return attachment.kind === 'image' || attachment.kind === 'pdf';
}
