// What the composer shows of attached images and PDFs besides the usual chip: an image's thumbnail, a PDF's pages
// and what the paid OCR engine would charge for them, and, when the model in use does not read images, a warning
// before sending with the nearest model that does.
import type { ComposerState } from '../../protocol/messages';
import type { PdfEngine } from '../chat/content-parts';
import { OCR_USD_PER_PAGE } from '../chat/media';
import type { Attachment } from '../chat/model';
import { nearestVisionModel, readsImages, type InputFacts, type VisionCandidates } from '../chat/vision';
import { formatUsd } from '../format';
import type { ConversationOptions, ConversationSettings } from './conversation-io';

export interface MediaContext {
  readonly model: string;
  readonly engine: PdfEngine;
  readonly candidates: VisionCandidates;
  readonly factsOf: (model: string) => InputFacts | undefined;
}

/** The media context of the composer under the conversation's settings and the model of its next answer. */
export function mediaContext(
  settings: Pick<ConversationSettings, 'fallbackModels' | 'favoriteModels' | 'pdfEngine'>,
  model: string,
  options: Pick<ConversationOptions, 'modelFacts' | 'recentModels'>,
): MediaContext {
  const candidates = { chain: settings.fallbackModels, favourites: settings.favoriteModels, recent: options.recentModels?.() ?? [] };
  return { model, engine: settings.pdfEngine ?? 'cloudflare-ai', candidates, factsOf: options.modelFacts };
}

/** `state` with the media facts of `attachments` (listed in the same order as its chips). */
export function withMedia(state: ComposerState, attachments: readonly Attachment[], context: MediaContext): ComposerState {
  const chips = state.attachments.map((chip, index) => {
    const attachment = attachments[index];
    if (attachment?.kind === 'image' && attachment.thumbnail) return { ...chip, thumbnail: attachment.thumbnail };
    if (attachment?.kind === 'pdf') return { ...chip, note: pdfNote(attachment.pages ?? 1, context.engine) };
    return chip;
  });
  const hasImages = attachments.some((attachment) => attachment.kind === 'image');
  if (!hasImages || readsImages(context.factsOf(context.model))) return { ...state, attachments: chips };
  const visionModel = nearestVisionModel(context.model, context.candidates, context.factsOf);
  return { ...state, attachments: chips, noImages: { model: context.model, ...(visionModel ? { visionModel } : {}) } };
}

/** A PDF chip's note: its pages, and with the paid OCR engine what parsing them costs (OpenRouter's PDF pricing). */
export function pdfNote(pages: number, engine: PdfEngine): string {
  const count = `${pages} page${pages === 1 ? '' : 's'}`;
  if (engine === 'mistral-ocr') return `${count} · OCR ${formatUsd(pages * OCR_USD_PER_PAGE)}`;
  return engine === 'native' ? `${count} · read by the model` : `${count} · free parser`;
}
