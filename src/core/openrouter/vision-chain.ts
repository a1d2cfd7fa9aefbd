// A chat that sends images can only fall back to models that read them: OpenRouter refuses an image sent to a
// text-only model (404, no endpoint supports image input), so trying one would only add a failure to the chain and
// hide the error that mattered. Such fallbacks are left out before the first attempt, and the person is told.
import { readsImages } from '../chat/vision';
import type { ChatMessage } from './http';

/** What the catalogue says a model reads; undefined when it does not know the model. */
export type InputModalitiesLookup = (model: string) => readonly string[] | undefined;

/** Whether any message carries an image part. */
export function sendsImages(messages: readonly ChatMessage[]): boolean {
  return messages.some((message) => Array.isArray(message.content) && message.content.some(isImagePart));
}

function isImagePart(part: unknown): boolean {
  return typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'image_url';
}

/**
 * The chain without the fallbacks the catalogue says do not read images, when the messages send some; and those
 * left out. The first model always stays: the person chose it, and its own refusal is the clearest message. A
 * model the catalogue does not know is kept.
 */
export function dropBlindFallbacks(
  chain: readonly string[],
  messages: readonly ChatMessage[],
  inputModalitiesOf: InputModalitiesLookup,
): { chain: string[]; blind: string[] } {
  const [first, ...rest] = chain;
  if (first === undefined || rest.length === 0 || !sendsImages(messages)) return { chain: [...chain], blind: [] };
  const blind = rest.filter((model) => {
    const inputModalities = inputModalitiesOf(model);
    return !readsImages(inputModalities ? { inputModalities } : undefined);
  });
  return { chain: [first, ...rest.filter((model) => !blind.includes(model))], blind };
}

/** Fallbacks left out for the images, in words. */
export function blindText(blind: readonly string[]): string {
  const they = blind.length === 1 ? 'it does' : 'they do';
  return `${blind.join(', ')} not tried: ${they} not read images, and this chat sends some`;
}
