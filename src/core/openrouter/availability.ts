// OpenRouter's availability codes: when a model cannot be served at all, the error says why with a stable code
// (error.availability), whether repeating may help, and which models it suggests instead. These rules turn a code
// into what the retry and fallback policies need, a sentence a person understands, and the one action that fixes it.
import { formatWait } from '../format';
import type { AvailabilityObject } from './schemas';

export const AVAILABILITY_CODES = [
  'model_not_found',
  'wrong_endpoint',
  'no_endpoints',
  'model_deprecated',
  'model_unavailable_upstream',
  'capacity_exhausted',
  'temporarily_unavailable',
  'region_restricted',
  'privacy_restricted',
  'constraint_filtered',
  'free_variant_ended',
] as const;
export type AvailabilityCode = (typeof AVAILABILITY_CODES)[number];

export interface Availability {
  /** One of AVAILABILITY_CODES, or a code added after this was written. */
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly affectedProviders: readonly string[];
  /** OpenRouter's suggested replacements, best first. */
  readonly fallbackModels: readonly string[];
  /** The routing setting that filtered every provider out (constraint_filtered). */
  readonly constraint: { readonly field: string | undefined; readonly detail: string | undefined } | undefined;
}

/**
 * What fixes it. `use_model`: another model named by the error (the paid sibling of an ended free variant, the
 * successor of a retired one); `search_models`: the model picker, searching for its family; `privacy_settings` and
 * `routing_settings`: the setting that excluded every provider.
 */
export type AvailabilityFix = 'use_model' | 'search_models' | 'privacy_settings' | 'routing_settings' | 'pick_model' | 'retry' | 'wait';

// Only capacity and brief outages pass with time; OpenRouter documents every other code as permanent for the model.
const RETRYABLE_CODES: ReadonlySet<string> = new Set<AvailabilityCode>(['capacity_exhausted', 'temporarily_unavailable']);

function isKnown(code: string): code is AvailabilityCode {
  return (AVAILABILITY_CODES as readonly string[]).includes(code);
}

/** The parsed object with its gaps filled: OpenRouter asks clients to follow `retryable`, and to retry unknown codes. */
export function readAvailability(raw: AvailabilityObject): Availability {
  const retryAfter = raw.retry_after ?? undefined;
  return {
    code: raw.code,
    retryable: raw.retryable ?? (isKnown(raw.code) ? RETRYABLE_CODES.has(raw.code) : true),
    // As OpenRouter says it; the error caps what it waits (errors.ts MAX_RETRY_AFTER_MS), as for Retry-After.
    retryAfterMs: retryAfter === undefined ? undefined : Math.round(retryAfter * 1000),
    affectedProviders: raw.affected_providers ?? [],
    fallbackModels: raw.fallback_models ?? [],
    constraint: raw.constraint ? { field: raw.constraint.field ?? undefined, detail: raw.constraint.detail ?? undefined } : undefined,
  };
}

export function availabilityFix(code: string): AvailabilityFix {
  if (!isKnown(code)) return 'pick_model';
  switch (code) {
    case 'free_variant_ended':
    case 'model_deprecated':
      return 'use_model';
    case 'privacy_restricted':
      return 'privacy_settings';
    case 'constraint_filtered':
      return 'routing_settings';
    case 'capacity_exhausted':
      return 'wait';
    case 'temporarily_unavailable':
      return 'retry';
    case 'model_not_found':
    case 'wrong_endpoint':
    case 'no_endpoints':
    case 'model_unavailable_upstream':
    case 'region_restricted':
      return 'pick_model';
  }
}

/** Which of the request's own routing settings could have excluded every provider on data-policy grounds. */
export type PrivacySetting = 'dataCollection' | 'zdr';

/** The request's own setting that excludes providers on data-policy grounds, from its `provider` routing object. */
export function privacySettingOf(provider: Readonly<Record<string, unknown>> | undefined): PrivacySetting | undefined {
  if (provider?.['zdr'] === true) return 'zdr';
  if (provider?.['data_collection'] === 'deny') return 'dataCollection';
  return undefined;
}

/** The sentence for the error card; `model` is the model that failed. */
export function availabilityMessage(availability: Availability, model: string, privacy?: PrivacySetting): string {
  const { code } = availability;
  if (!isKnown(code)) return `OpenRouter cannot serve ${model} right now (${code}).`;
  switch (code) {
    case 'model_not_found':
      return `OpenRouter has no model called ${model}. Check the id, or pick another model.`;
    case 'wrong_endpoint':
      return `${model} is not a chat model, so it cannot answer here. Pick a chat model.`;
    case 'no_endpoints':
      return `No provider serves ${model} at the moment. Pick another model, or try this one later.`;
    case 'model_deprecated':
      return `${model} has been retired and no longer answers.`;
    case 'model_unavailable_upstream':
      return `The providers of ${model} have stopped serving it. Pick another model.`;
    case 'capacity_exhausted': {
      const when = availability.retryAfterMs !== undefined ? `Try again in ${formatWait(availability.retryAfterMs)}` : 'Try again shortly';
      return `Every provider of ${model} is at capacity. ${when}, or use another model.`;
    }
    case 'temporarily_unavailable':
      return `${model} is briefly unavailable. Try again in a moment.`;
    case 'region_restricted':
      return `${model} is not offered in your region. Pick another model.`;
    case 'privacy_restricted':
      return privacy === 'zdr'
        ? `No provider of ${model} offers zero data retention, which openrouter.provider.zdr requires. Turn it off for this model, or pick another model.`
        : privacy === 'dataCollection'
          ? `Every provider of ${model} may keep or train on prompts, which openrouter.provider.dataCollection "deny" excludes. Allow it, or pick another model.`
          : `Every provider of ${model} is excluded by your data policy on OpenRouter (whether providers may keep or train on prompts). Change it in your OpenRouter privacy settings, or pick another model.`;
    case 'constraint_filtered': {
      const field = availability.constraint?.field;
      const detail = availability.constraint?.detail ? ` (${availability.constraint.detail})` : '';
      const which = field ? `The routing setting ${field}${detail}` : 'Your provider routing settings';
      return `${which} filtered out every provider of ${model}. Loosen openrouter.provider, or pick another model.`;
    }
    case 'free_variant_ended':
      return `The free variant of ${model} has ended.`;
  }
}

/** How the failure reads inline, in a retry or fallback notice: "is at capacity (429)". */
export function availabilityPhrase(code: string): string | undefined {
  if (!isKnown(code)) return undefined;
  const phrases: Record<AvailabilityCode, string> = {
    model_not_found: 'does not exist',
    wrong_endpoint: 'is not a chat model',
    no_endpoints: 'has no provider serving it',
    model_deprecated: 'has been retired',
    model_unavailable_upstream: 'is no longer served by its providers',
    capacity_exhausted: 'is at capacity',
    temporarily_unavailable: 'is briefly unavailable',
    region_restricted: 'is not offered in this region',
    privacy_restricted: 'has no provider your data policy allows',
    constraint_filtered: 'has no provider your routing settings allow',
    free_variant_ended: 'is no longer free',
  };
  return phrases[code];
}

/**
 * The model `use_model` offers, among those `known` to the catalogue: for an ended free variant its paid sibling
 * (the same id without `:free`), else OpenRouter's first suggestion that is not the failed model. Undefined when
 * the catalogue knows none of them: an unknown id would only fail again.
 */
export function suggestedModel(availability: Availability, model: string, known: (id: string) => boolean): string | undefined {
  const candidates = [...availability.fallbackModels];
  if (availability.code === 'free_variant_ended' && model.endsWith(':free')) candidates.unshift(model.slice(0, -':free'.length));
  return candidates.find((id) => id !== model && known(id));
}

/** What to search the model picker for when a retired model names no successor: its family, without version. */
export function familySearch(model: string): string {
  const name = model.slice(model.indexOf('/') + 1).replace(/:.*$/, '');
  const family = name.split(/[-_.]/).find((part) => /[a-z]/i.test(part) && !/^\d/.test(part));
  return family ?? name;
}
