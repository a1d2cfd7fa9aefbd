// How hard a model thinks, per model: the effort picked in the panel, a reasoning token budget and whether the
// reasoning is left out of the answer (it is still billed). The catalogue says what each model accepts; a choice the
// model no longer accepts is left out of the request rather than sent to fail.
import type { ModelPricing, ReasoningOptions } from '../openrouter/catalogue-schemas';

/** What the person chose for one model (the `openrouter.reasoning` setting, keyed by model id). */
export interface ReasoningPreference {
  effort?: string | undefined;
  maxTokens?: number | undefined;
  exclude?: boolean | undefined;
}

export type ReasoningPreferences = Readonly<Record<string, ReasoningPreference>>;

/** The panel's effort control for the model in use; absent for a model that lists no efforts. */
export interface EffortControl {
  efforts: string[];
  defaultEffort?: string;
  /** The effort picked for this model, when one was. */
  effort?: string;
}

/**
 * The request's `reasoning` object for this model, or undefined when nothing was chosen. `model` is its catalogue
 * entry; undefined when the catalogue is not loaded or does not know the model, and the choice is then sent as made.
 * An effort wins over a token budget, since OpenRouter takes one or the other.
 */
export function reasoningBody(preference: ReasoningPreference | undefined, model: { reasoning?: ReasoningOptions | undefined } | undefined): Record<string, unknown> | undefined {
  if (!preference) return undefined;
  // A model the catalogue knows cannot reason: nothing to choose for it.
  if (model && !model.reasoning) return undefined;
  const options = model?.reasoning;
  const body: Record<string, unknown> = {};
  const effortAccepted = !options || (options.efforts?.includes(preference.effort ?? '') ?? false);
  if (preference.effort && effortAccepted) body['effort'] = preference.effort;
  else if (preference.maxTokens !== undefined && options?.supportsMaxTokens !== false) body['max_tokens'] = preference.maxTokens;
  if (preference.exclude) body['exclude'] = true;
  return Object.keys(body).length > 0 ? body : undefined;
}

/** The control to show for a model, from its catalogue entry and the effort remembered for it. */
export function effortControl(options: ReasoningOptions | undefined, preference: ReasoningPreference | undefined): EffortControl | undefined {
  const efforts = options?.efforts ?? [];
  if (efforts.length === 0) return undefined;
  const control: EffortControl = { efforts: [...efforts] };
  if (options?.defaultEffort && efforts.includes(options.defaultEffort)) control.defaultEffort = options.defaultEffort;
  if (preference?.effort && efforts.includes(preference.effort)) control.effort = preference.effort;
  return control;
}

/** The preferences with `model`'s effort set (or cleared, back to the model's default); the rest kept as they were. */
export function withEffort(preferences: ReasoningPreferences, model: string, effort: string | undefined): Record<string, ReasoningPreference> {
  const next: Record<string, ReasoningPreference> = { ...preferences };
  const { effort: _previous, ...rest } = preferences[model] ?? {};
  const updated: ReasoningPreference = effort ? { ...rest, effort } : rest;
  if (Object.keys(updated).length > 0) next[model] = updated;
  else delete next[model];
  return next;
}

/**
 * What the answer's reasoning tokens cost: at the catalogue's `internal_reasoning` price where it sets one above
 * zero, else at the completion price, which is how providers bill them. Undefined when the price is unknown.
 */
export function reasoningCost(reasoningTokens: number, pricing: ModelPricing | undefined): number | undefined {
  if (!pricing) return undefined;
  const price = pricing.internalReasoning !== undefined && pricing.internalReasoning > 0 ? pricing.internalReasoning : pricing.completion;
  return price === undefined ? undefined : reasoningTokens * price;
}
