// Images and PDFs as attachments: which files are accepted, how big they may be, what their bytes say they are, and
// what they cost in tokens. Pure and DOM-free: the webview checks a file before reading it, and the host checks the
// same bytes again when they arrive, because a message from the webview is never trusted.

/** Image types every vision model on OpenRouter accepts as `image_url` data URLs. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const PDF_TYPE = 'application/pdf';

/** An image file larger than this is refused before it is read: decoding it would stall the panel. */
export const MAX_IMAGE_FILE_BYTES = 20 * 1024 * 1024;
/** A PDF larger than this is refused; it is sent whole, base64 in the request body. */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;
/** Images are downscaled until their longest side fits this, as most vision models resize beyond it anyway. */
export const MAX_IMAGE_SIDE = 2048;

export type MediaKind = 'image' | 'pdf';

/** What a dropped, pasted or picked file is, from its name, declared type and size; a one-line refusal otherwise. */
export function classifyFile(name: string, type: string, bytes: number): { kind: MediaKind } | { refusal: string } {
  const lower = name.toLowerCase();
  const isPdf = type === PDF_TYPE || lower.endsWith('.pdf');
  const isImage = (IMAGE_TYPES as readonly string[]).includes(type) || /\.(png|jpe?g|gif|webp)$/.test(lower);
  if (!isPdf && !isImage) {
    return { refusal: `${name} is not an image (PNG, JPEG, GIF, WebP) or a PDF, so it cannot be attached; for text files, use Attach Current File.` };
  }
  const limit = isPdf ? MAX_PDF_BYTES : MAX_IMAGE_FILE_BYTES;
  if (bytes > limit) return { refusal: `${name} is ${formatMegabytes(bytes)}; ${isPdf ? 'PDFs' : 'images'} up to ${formatMegabytes(limit)} can be attached.` };
  if (bytes === 0) return { refusal: `${name} is empty.` };
  return { kind: isPdf ? 'pdf' : 'image' };
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** The image type the bytes start with (the magic numbers), whatever the file's name claims. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const starts = (...prefix: number[]): boolean => prefix.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return undefined;
}

/**
 * Whether the bytes are a PDF that is whole: the `%PDF-` header at the start and the `%%EOF` marker near the end
 * (a truncated download or a renamed file has neither). Deeper damage only the parser at OpenRouter finds.
 */
export function pdfProblem(name: string, bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 0, 5) !== '%PDF-') return `${name} is not a PDF (it does not start with a PDF header).`;
  const tail = ascii(bytes, Math.max(0, bytes.length - 1024), 1024);
  if (!tail.includes('%%EOF')) return `${name} is damaged or cut short (it has no end-of-file marker), so it cannot be attached.`;
  return undefined;
}

/** Pages of a PDF, counted from its page objects; at least 1. Good enough to price OCR before sending. */
export function countPdfPages(bytes: Uint8Array): number {
  const text = ascii(bytes, 0, bytes.length);
  return Math.max(1, (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length);
}

/** The size an image is downscaled to: its longest side at most `MAX_IMAGE_SIDE`, never scaled up. */
export function boundedSize(width: number, height: number, maxSide = MAX_IMAGE_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Prompt tokens an image costs. Providers differ; the two documented rules are Anthropic's (width × height / 750,
 * after fitting the image in 1568 px, about 1,600 tokens at most) and OpenAI's high-detail rule (fit in 2048 px,
 * shortest side 768 px, then 170 tokens per 512-px tile plus 85). The estimate takes the larger, so it errs high.
 */
export function imageTokens(width: number, height: number): number {
  const claude = boundedSize(width, height, 1568);
  const anthropic = Math.ceil((claude.width * claude.height) / 750);
  const fitted = boundedSize(width, height, 2048);
  const shortScale = Math.min(1, 768 / Math.max(1, Math.min(fitted.width, fitted.height)));
  const tiles = Math.ceil((fitted.width * shortScale) / 512) * Math.ceil((fitted.height * shortScale) / 512);
  return Math.max(anthropic, 85 + 170 * tiles);
}

/**
 * Prompt tokens assumed per PDF page, text and layout together: Anthropic documents 1,500 to 3,000 per page for
 * PDFs read natively; parsed to Markdown a page of prose is nearer 500. The estimate takes the middle of the first.
 */
export const TOKENS_PER_PDF_PAGE = 2_000;

/** What OpenRouter charges per page for its paid OCR engine (mistral-ocr): $2 per 1,000 pages, per its PDF docs. */
export const OCR_USD_PER_PAGE = 2 / 1000;

/** The width and height a data URL's image header declares (PNG, JPEG, GIF, WebP); undefined when unreadable. */
export function imageSizeOfDataUrl(dataUrl: string): { width: number; height: number } | undefined {
  const comma = dataUrl.indexOf(',');
  if (comma < 0 || !dataUrl.slice(0, comma).endsWith(';base64')) return undefined;
  // A JPEG's size sits after its other headers; 64 KiB of it covers what a canvas writes and most cameras'.
  const head = base64Bytes(dataUrl.slice(comma + 1, comma + 1 + 87_384));
  if (!head) return undefined;
  return imageSizeOf(head);
}

/** The size an image's header declares. */
export function imageSizeOf(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = sniffImageType(bytes);
  if (type === 'image/png' && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (type === 'image/gif' && bytes.length >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (type === 'image/webp' && bytes.length >= 30) return webpSize(view, ascii(bytes, 12, 4));
  if (type === 'image/jpeg') return jpegSize(bytes, view);
  return undefined;
}

function webpSize(view: DataView, chunk: string): { width: number; height: number } | undefined {
  if (chunk === 'VP8X') return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(26, true) >> 8) };
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return undefined;
}

function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    // Start-of-frame markers (C0-CF, except C4 DHT, C8 JPG and CC DAC) carry height then width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}

/** Decodes base64 (whole 4-character groups only); undefined when it is not base64. */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> | undefined {
  const whole = base64.slice(0, base64.length - (base64.length % 4));
  try {
    const binary = atob(whole);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Base64 of `bytes`, in slices (one call with every byte as an argument would overflow the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 8192) binary += String.fromCharCode(...bytes.subarray(at, at + 8192));
  return btoa(binary);
}

/** The bytes of a base64 data URL and its declared type; undefined when it is not one. */
export function dataUrlParts(dataUrl: string): { type: string; bytes: Uint8Array } | undefined {
  const match = /^data:([\w.+/-]+);base64,/.exec(dataUrl.slice(0, 100));
  if (!match?.[1]) return undefined;
  const bytes = base64Bytes(dataUrl.slice(match[0].length));
  return bytes ? { type: match[1], bytes } : undefined;
}

/** The byte count of a base64 data URL's payload, without decoding it. */
export function dataUrlByteLength(dataUrl: string): number {
  const comma = dataUrl.indexOf(',');
  const payload = dataUrl.length - comma - 1;
  const padding = dataUrl.endsWith('==') ? 2 : dataUrl.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((payload * 3) / 4) - padding);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  const end = Math.min(bytes.length, start + length);
  // In slices: String.fromCharCode with a whole PDF's bytes as arguments would overflow the stack.
  for (let at = start; at < end; at += 8192) text += String.fromCharCode(...bytes.subarray(at, Math.min(end, at + 8192)));
  return text;
}
