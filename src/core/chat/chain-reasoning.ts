// The `reasoning` object for each model of a fallback chain. OpenRouter refuses an effort a model does not list, so
// the object made for the model asked for cannot simply travel down the chain: each fallback gets what its own
// catalogue entry accepts. In order: the effort remembered for that model; else the effort asked for, when it lists
// it; else the listed effort nearest to it; else a token budget, when it takes one; else no reasoning at all.
import type { ReasoningOptions } from '../openrouter/catalogue-schemas';
import { reasoningBody, type ReasoningPreferences } from './reasoning-choice';

/** Efforts from least to most thinking, as OpenRouter names them; "nearest" is measured along this scale. */
const EFFORT_SCALE = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;

export type ReasoningFacts = (model: string) => { reasoning?: ReasoningOptions | undefined } | undefined;

/** Per model: the object to send, or null for none. Absent models are sent the request's own `reasoning`. */
export type ReasoningByModel = Readonly<Record<string, Readonly<Record<string, unknown>> | null>>;

/**
 * The reasoning for every fallback whose object differs from the one made for `primary`, or undefined when the
 * whole chain can share it. `requested` is the object made for the primary (the panel's pick, or a caller's own).
 */
export function chainReasoning(
  primary: string,
  fallbacks: readonly string[],
  requested: Readonly<Record<string, unknown>> | undefined,
  preferences: ReasoningPreferences | undefined,
  factsOf: ReasoningFacts,
): ReasoningByModel | undefined {
  const byModel: Record<string, Readonly<Record<string, unknown>> | null> = {};
  for (const model of fallbacks) {
    if (model === primary) continue;
    const own = preferences?.[model];
    const body = own ? reasoningBody(own, factsOf(model)) : fittedReasoning(requested, factsOf(model));
    if (JSON.stringify(body) !== JSON.stringify(requested)) byModel[model] = body ?? null;
  }
  return Object.keys(byModel).length > 0 ? byModel : undefined;
}

/**
 * The object asked for, fitted to a model: unchanged for a model the catalogue does not know (it is sent as made),
 * nothing for a model that cannot reason, and the nearest effort it lists in place of one it does not. A token
 * budget stays only where no effort is sent and the model takes one, as OpenRouter takes one or the other.
 */
export function fittedReasoning(
  asked: Readonly<Record<string, unknown>> | undefined,
  model: { reasoning?: ReasoningOptions | undefined } | undefined,
): Record<string, unknown> | undefined {
  if (!asked) return undefined;
  const fitted: Record<string, unknown> = { ...asked };
  if (!model) return fitted;
  const options = model.reasoning;
  if (!options) return undefined;
  if (typeof fitted['effort'] === 'string') {
    const effort = nearestEffort(fitted['effort'], options);
    if (effort) fitted['effort'] = effort;
    else delete fitted['effort'];
  }
  if (fitted['max_tokens'] !== undefined && (fitted['effort'] !== undefined || options.supportsMaxTokens === false)) delete fitted['max_tokens'];
  return Object.keys(fitted).length > 0 ? fitted : undefined;
}

/** The listed effort closest to `wanted` on the scale (the lesser of two equally close), or the model's default. */
export function nearestEffort(wanted: string, options: ReasoningOptions): string | undefined {
  const efforts = options.efforts ?? [];
  if (efforts.includes(wanted)) return wanted;
  const rank = (effort: string): number => (EFFORT_SCALE as readonly string[]).indexOf(effort);
  const target = rank(wanted);
  const ranked = efforts.filter((effort) => rank(effort) >= 0 && effort !== 'none');
  if (target < 0 || ranked.length === 0) return options.defaultEffort && efforts.includes(options.defaultEffort) ? options.defaultEffort : undefined;
  let best = ranked[0] as string;
  for (const effort of ranked) {
    const distance = Math.abs(rank(effort) - target);
    const bestDistance = Math.abs(rank(best) - target);
    if (distance < bestDistance || (distance === bestDistance && rank(effort) < rank(best))) best = effort;
  }
  return best;
}
