// Small byte samples of the files the panel attaches: a PNG and a JPEG header that declare a size, and whole and
// broken PDFs. Headers are enough: nothing in the core decodes pixels.

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** A PNG's signature and IHDR chunk declaring `width` × `height`, and some bytes after. */
export function pngBytes(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

export function pngDataUrl(width: number, height: number): string {
  return `data:image/png;base64,${base64(pngBytes(width, height))}`;
}

/** A JPEG with an APP0 segment, then a baseline start-of-frame declaring the size. */
export function jpegDataUrl(width: number, height: number): string {
  const bytes = new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  ]);
  return `data:image/jpeg;base64,${base64(bytes)}`;
}

/** A PDF of `pages` pages: header, page objects, end-of-file marker. */
export function pdfText(pages: number): string {
  const objects = Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj`);
  return `%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count ${pages} >> endobj\n${objects.join('\n')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
}

export function pdfDataUrl(text: string): string {
  return `data:application/pdf;base64,${Buffer.from(text, 'latin1').toString('base64')}`;
}
