// The fields an image or a PDF attachment adds to an attachment (model.ts): its content as a base64 data URL, and
// what the composer and the estimate need to know of it without decoding it.
import * as z from 'zod';

export const MediaFieldsSchema = z.object({
  /** The image (downscaled, re-encoded) or the PDF, as a base64 data URL; absent once history let it go. */
  dataUrl: z.string().max(40_000_000).regex(/^data:[\w.+/-]+;base64,/).optional(),
  /** A small copy of an image for the composer's chip and the transcript, so the large one never travels with them. */
  thumbnail: z.string().max(200_000).regex(/^data:image\/(png|jpeg|webp);base64,/).optional(),
  width: z.number().int().positive().max(100_000).optional(),
  height: z.number().int().positive().max(100_000).optional(),
  pages: z.number().int().positive().max(100_000).optional(),
  /** Why the content is no longer here (history keeps images and PDFs within a bound), said where it was. */
  omitted: z.string().max(300).optional(),
});
