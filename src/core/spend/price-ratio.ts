// How much dearer one model is than another, for the notice of a fallback: a chain that starts on a cheap model can
// end on one many times the price, and the person should hear of it when it happens, not on the bill.
import type { ModelPricing } from '../openrouter/catalogue-schemas';

/** Below this a fallback's price is not worth a word: providers of like models differ by that much. */
export const NOTABLE_PRICE_RATIO = 3;

/** Prompt tokens weighed against completion tokens in a blended price (see blendedPrice). */
const PROMPT_WEIGHT = 3;

/**
 * "Price per token" as one number: prompt and completion prices blended 3 : 1. A chat resends its whole history with
 * each question, so prompt tokens usually outnumber completion tokens several times over; the 3 : 1 blend is the
 * usual way to compare models on one figure, and it neither overstates a model whose output alone is dear nor hides
 * one whose input is. Undefined when either price is unknown (variable or missing), never counted as free.
 */
export function blendedPrice(pricing: Pick<ModelPricing, 'prompt' | 'completion'>): number | undefined {
  const { prompt, completion } = pricing;
  if (prompt === undefined || completion === undefined) return undefined;
  return (PROMPT_WEIGHT * prompt + completion) / (PROMPT_WEIGHT + 1);
}

/** How `to` compares with `from` in price per token, when that is worth saying. */
export type PriceChange =
  | { readonly kind: 'ratio'; readonly ratio: number }
  /** `from` is free and `to` is not: no ratio, but the person should know the answer now costs money. */
  | { readonly kind: 'paid' };

/**
 * The price change from `from` to `to` when `to` is at least NOTABLE_PRICE_RATIO times dearer per token, or paid
 * where `from` was free; undefined when it is not notable or either price is unknown.
 */
export function priceChange(from: ModelPricing | undefined, to: ModelPricing | undefined): PriceChange | undefined {
  const before = from && blendedPrice(from);
  const after = to && blendedPrice(to);
  if (before === undefined || after === undefined || after === 0) return undefined;
  if (before === 0) return { kind: 'paid' };
  const ratio = after / before;
  return ratio >= NOTABLE_PRICE_RATIO ? { kind: 'ratio', ratio } : undefined;
}

/** A fallback left out of the chain because it costs more than the cap allows, relative to the model asked for. */
export interface DearerModel {
  readonly model: string;
  readonly ratio: number;
  readonly cap: number;
}

/**
 * The chain without the fallbacks whose price per token is more than `maxRatio` times the first model's, and those
 * left out. The first model always stays: the person chose it. A price unknown on either side is no reason to skip;
 * a free first model makes every paid one infinitely dearer, so a cap leaves it only free fallbacks.
 */
export function capChainByPrice(
  chain: readonly string[],
  pricingOf: (model: string) => ModelPricing | undefined,
  maxRatio: number | undefined,
): { chain: string[]; dearer: DearerModel[] } {
  const [first, ...rest] = chain;
  const base = first === undefined || !maxRatio ? undefined : blendedPrice(pricingOf(first) ?? {});
  if (first === undefined || !maxRatio || base === undefined) return { chain: [...chain], dearer: [] };
  const kept = [first];
  const dearer: DearerModel[] = [];
  for (const model of rest) {
    const price = blendedPrice(pricingOf(model) ?? {});
    const ratio = price === undefined ? undefined : base === 0 ? (price === 0 ? 1 : Infinity) : price / base;
    // A hair of tolerance: prices are decimals in binary, and a model at exactly the cap is allowed.
    if (ratio !== undefined && ratio > maxRatio * (1 + 1e-9)) dearer.push({ model, ratio, cap: maxRatio });
    else kept.push(model);
  }
  return { chain: kept, dearer };
}

/** Models left out by the price cap, in words: "anthropic/claude-opus-4 (about 460× the price per token)". */
export function dearerText(dearer: readonly DearerModel[]): string {
  const cap = dearer[0]?.cap ?? 0;
  const models = dearer.map((d) => `${d.model} (${Number.isFinite(d.ratio) ? priceChangeText({ kind: 'ratio', ratio: d.ratio }) : 'a paid model'})`);
  return `${models.join(', ')} not tried: over the ${cap}× price cap of openrouter.fallbackMaxPriceRatio`;
}

/** A price change in words, e.g. "about 46× the price per token". */
export function priceChangeText(change: PriceChange): string {
  if (change.kind === 'paid') return 'a paid model';
  return `about ${roundRatio(change.ratio).toLocaleString('en-US')}× the price per token`;
}

/** Two significant figures at most: "about 46×", "about 460×", never "about 46.37×". */
function roundRatio(ratio: number): number {
  if (ratio < 10) return Math.round(ratio);
  const scale = 10 ** (Math.floor(Math.log10(ratio)) - 1);
  return Math.round(ratio / scale) * scale;
}
