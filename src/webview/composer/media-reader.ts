// Reads a pasted, dropped or picked file into what the host attaches: an image decoded off the main thread
// (createImageBitmap), downscaled to a longest side of 2048 px on an OffscreenCanvas and re-encoded
// (convertToBlob, also off the main thread), with a 96-px thumbnail for its chip; a PDF checked for its header and
// end marker. Every refusal is one line that names the file; the host checks the result again.
import { boundedSize, classifyFile, MAX_IMAGE_SIDE, pdfProblem } from '../../core/chat/media';

export type ReadMedia = { name: string; dataUrl: string; thumbnail?: string } | { refusal: string };

const THUMBNAIL_SIDE = 96;
/** A PNG re-encoded larger than this goes as JPEG: a screenshot stays sharp, a photo does not weigh megabytes. */
const MAX_PNG_BYTES = 1_500_000;

export async function readMedia(file: Blob, name: string): Promise<ReadMedia> {
  const kind = classifyFile(name, file.type, file.size);
  if ('refusal' in kind) return kind;
  if (kind.kind === 'pdf') return readPdf(file, name);
  return readImage(file, name);
}

async function readPdf(file: Blob, name: string): Promise<ReadMedia> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const problem = pdfProblem(name, bytes);
  if (problem) return { refusal: problem };
  return { name, dataUrl: await dataUrlOf(new Blob([bytes], { type: 'application/pdf' })) };
}

async function readImage(file: Blob, name: string): Promise<ReadMedia> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { refusal: `${name} is damaged or not an image the panel can read.` };
  }
  try {
    const size = boundedSize(bitmap.width, bitmap.height, MAX_IMAGE_SIDE);
    let encoded = await encode(bitmap, size, 'image/png');
    if (encoded.size > MAX_PNG_BYTES || file.type === 'image/jpeg') encoded = await encode(bitmap, size, 'image/jpeg', 0.85);
    const thumbnail = await encode(bitmap, boundedSize(bitmap.width, bitmap.height, THUMBNAIL_SIDE), 'image/jpeg', 0.8);
    return { name, dataUrl: await dataUrlOf(encoded), thumbnail: await dataUrlOf(thumbnail) };
  } finally {
    bitmap.close();
  }
}

async function encode(bitmap: ImageBitmap, size: { width: number; height: number }, type: string, quality?: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.imageSmoothingQuality = 'high';
  // JPEG has no transparency: a transparent screenshot gets the white it would be shown on, not black.
  if (type === 'image/jpeg') {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size.width, size.height);
  }
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return canvas.convertToBlob(quality === undefined ? { type } : { type, quality });
}

/** A blob as a base64 data URL, encoded by the browser off the main thread. */
function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read'));
    reader.readAsDataURL(blob);
  });
}
