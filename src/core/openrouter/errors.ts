// The closed set of ways a chat request can fail, built from the HTTP status, the structured error body and our own
// observations (timeouts, resets, cancellation) — never from the wording of an error message, which OpenRouter and
// its providers change freely. Each error says whether a retry may help, whether another model may help, and what
// the person can do, so the retry and fallback policies and the UI never re-derive that.
import { availabilityFix, readAvailability, type Availability, type PrivacySetting } from './availability';
import { describe } from './error-messages';
import { ErrorBodySchema, excerptOf, parseJsonAs, type ErrorObject } from './schemas';

export const ERROR_KINDS = [
  'auth',
  'credits',
  'moderation',
  'no_provider',
  'timeout',
  'rate_limited',
  'provider_error',
  'unavailable',
  'bad_request',
  'network',
  'invalid_response',
  'cancelled',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export type ErrorSubtype =
  | 'missing_key' // auth: no key stored, no request sent
  | 'credits' // credits: account balance (limit_source openrouter_credits)
  | 'key_limit' // credits: the key's own spending limit
  | 'in_flight_budget' // credits: concurrent requests reserve the budget; waiting frees it
  | 'context_length_exceeded' // bad_request
  | 'first_byte' // timeout: no response within firstByteMs
  | 'idle' // timeout: response went silent for idleMs
  | 'truncated'; // provider_error / network: the stream ended before it finished

export type ActionHint =
  | 'set_key' | 'top_up' | 'lower_max_tokens' | 'pick_model' | 'retry' | 'wait'
  // From an availability code (availability.ts): another model the error names, a search, or the excluding setting.
  | 'use_model' | 'search_models' | 'privacy_settings' | 'routing_settings';

/** Longest Retry-After we believe; anything later is treated as this. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

export interface ErrorContext {
  /** The model the failed request was for, named in messages. */
  model?: string | undefined;
  /** Whether the request set max_tokens: then a context-length error is best fixed by lowering it. */
  maxTokensSet?: boolean | undefined;
  /** The request's own data-policy routing, which a privacy_restricted error names when it is the cause. */
  privacySetting?: PrivacySetting | undefined;
}

export interface OpenRouterErrorInit extends ErrorContext {
  kind: ErrorKind;
  subtype?: ErrorSubtype | undefined;
  /** Overrides the message written from kind and subtype. */
  message?: string | undefined;
  source?: string | undefined;
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  rawExcerpt?: string | undefined;
  code?: number | string | undefined;
  errorType?: string | undefined;
  providerCode?: number | string | undefined;
  providerMessage?: string | undefined;
  moderationReasons?: readonly string[] | undefined;
  flaggedInput?: string | undefined;
  timeoutMs?: number | undefined;
  affordableMaxTokens?: number | undefined;
  availability?: Availability | undefined;
}

interface KindTraits {
  readonly retryable: boolean;
  readonly fallbackMayHelp: boolean;
  readonly action: ActionHint | undefined;
}

// Why each kind is (not) retryable: a retry helps only when the failure was a matter of timing or load. Another
// model helps when the failure belongs to the model or its providers; it cannot help with the key, the account,
// the content or the request itself, which every model shares.
const TRAITS: Record<ErrorKind, KindTraits> = {
  auth: { retryable: false, fallbackMayHelp: false, action: 'set_key' },
  credits: { retryable: false, fallbackMayHelp: false, action: 'top_up' },
  moderation: { retryable: false, fallbackMayHelp: false, action: undefined },
  no_provider: { retryable: false, fallbackMayHelp: true, action: 'pick_model' },
  timeout: { retryable: true, fallbackMayHelp: true, action: 'retry' },
  rate_limited: { retryable: true, fallbackMayHelp: true, action: 'wait' },
  provider_error: { retryable: true, fallbackMayHelp: true, action: 'retry' },
  unavailable: { retryable: true, fallbackMayHelp: true, action: 'pick_model' },
  bad_request: { retryable: false, fallbackMayHelp: false, action: undefined },
  // Every model is behind the same host, so a network failure is not the model's fault.
  network: { retryable: true, fallbackMayHelp: false, action: 'retry' },
  invalid_response: { retryable: false, fallbackMayHelp: false, action: 'retry' },
  cancelled: { retryable: false, fallbackMayHelp: false, action: undefined },
};

function traitsOf(kind: ErrorKind, subtype: ErrorSubtype | undefined, ctx: OpenRouterErrorInit): KindTraits {
  const base = TRAITS[kind];
  // An availability code is about this model alone: another model may always help, and OpenRouter says whether time
  // will. It outranks the status, which for a retired or unknown model is a 400 that would otherwise stop the chain.
  if (ctx.availability) {
    return { retryable: ctx.availability.retryable, fallbackMayHelp: true, action: availabilityFix(ctx.availability.code) };
  }
  // Waiting frees an in-flight budget; the account itself is fine.
  if (subtype === 'in_flight_budget') return { retryable: true, fallbackMayHelp: false, action: 'wait' };
  // A larger context window may fit; the fallback policy checks that the next model really is larger.
  if (subtype === 'context_length_exceeded') {
    return { retryable: false, fallbackMayHelp: true, action: ctx.maxTokensSet ? 'lower_max_tokens' : 'pick_model' };
  }
  return base;
}

export class OpenRouterError extends Error {
  override readonly name = 'OpenRouterError';
  readonly kind: ErrorKind;
  readonly subtype: ErrorSubtype | undefined;
  /** `openrouter`, or the provider that failed (metadata.provider_name). */
  readonly source: string;
  /** Whether repeating the same request, unchanged, may succeed. */
  readonly retryable: boolean;
  /** Whether the same request to another model may succeed. */
  readonly fallbackMayHelp: boolean;
  readonly retryAfterMs: number | undefined;
  readonly action: ActionHint | undefined;
  /** HTTP status; 200 for errors that arrived inside a stream, undefined when no response came. */
  readonly status: number | undefined;
  /** The first characters of the body that caused it, for logs. */
  readonly rawExcerpt: string | undefined;
  readonly code: number | string | undefined;
  readonly errorType: string | undefined;
  readonly providerCode: number | string | undefined;
  /** The API's own message: shown as detail and logged, never used to classify. */
  readonly providerMessage: string | undefined;
  readonly moderationReasons: readonly string[] | undefined;
  readonly flaggedInput: string | undefined;
  readonly model: string | undefined;
  /** For a 402 on the balance: the max_tokens the balance would cover, when OpenRouter says. */
  readonly affordableMaxTokens: number | undefined;
  /** Why the model cannot be served at all, when OpenRouter says (error.availability). */
  readonly availability: Availability | undefined;
  /** The request's own data-policy setting, when a privacy_restricted error may be its doing. */
  readonly privacySetting: PrivacySetting | undefined;

  constructor(init: OpenRouterErrorInit) {
    const source = init.source ?? 'openrouter';
    super(init.message ?? describe(init, source));
    const traits = traitsOf(init.kind, init.subtype, init);
    this.kind = init.kind;
    this.subtype = init.subtype;
    this.source = source;
    this.retryable = traits.retryable;
    this.fallbackMayHelp = traits.fallbackMayHelp;
    this.action = traits.action;
    this.retryAfterMs = init.retryAfterMs;
    this.status = init.status;
    this.rawExcerpt = init.rawExcerpt;
    this.code = init.code;
    this.errorType = init.errorType;
    this.providerCode = init.providerCode;
    this.providerMessage = init.providerMessage;
    this.moderationReasons = init.moderationReasons;
    this.flaggedInput = init.flaggedInput;
    this.model = init.model;
    this.affordableMaxTokens = init.affordableMaxTokens;
    this.availability = init.availability;
    this.privacySetting = init.availability?.code === 'privacy_restricted' ? init.privacySetting : undefined;
  }

  /** A plain object for logs and messages to the webview (an Error's own message is not enumerable). */
  toJSON(): Record<string, unknown> {
    const plain: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (value !== undefined) plain[key] = value;
    return plain;
  }
}

/** Kind of an HTTP status; statuses outside OpenRouter's documented set fall into the nearest family. */
export function kindFromStatus(status: number): ErrorKind {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'auth';
    case 402:
      return 'credits';
    case 403:
      return 'moderation';
    case 404:
      return 'no_provider';
    case 408:
      return 'timeout';
    case 429:
      return 'rate_limited';
    case 502:
      return 'provider_error';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'provider_error' : 'bad_request';
  }
}

/** A wait the server asked for, as we believe it: never negative, never beyond MAX_RETRY_AFTER_MS. */
function believedWait(ms: number): number {
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/**
 * Retry-After as milliseconds from now: delta-seconds (fractions accepted) or an HTTP date measured against the
 * injected clock. Unreadable values give undefined; dates in the past give 0; anything beyond an hour is capped.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) {
    ms = Math.round(Number(text) * 1000);
  } else {
    // All three HTTP-date forms start with a day name; without one, Date.parse would read "-5" as a year.
    if (!/^[A-Za-z]{3}/.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return believedWait(ms);
}

function availabilityWait(availability: Availability | undefined): number | undefined {
  return availability?.retryAfterMs === undefined ? undefined : believedWait(availability.retryAfterMs);
}

function subtypeOfLimitSource(limitSource: string | null | undefined): ErrorSubtype {
  if (limitSource === 'openrouter_key_limit') return 'key_limit';
  if (limitSource === 'openrouter_in_flight_budget') return 'in_flight_budget';
  return 'credits';
}

/**
 * The max_tokens a 402 says the balance covers ("… but can only afford 1024"). OpenRouter gives that number only in
 * its message, so it is the one fact read from wording: it only offers a retry with fewer tokens and classifies
 * nothing, and a reworded message merely leaves that offer out.
 */
function affordableMaxTokens(subtype: ErrorSubtype | undefined, message: string | null | undefined): number | undefined {
  if (subtype !== 'credits') return undefined;
  const match = /\bcan only afford ([\d,]+)/i.exec(message ?? '');
  const tokens = match ? Number(match[1]?.replace(/,/g, '')) : Number.NaN;
  return Number.isSafeInteger(tokens) && tokens > 0 ? tokens : undefined;
}

function isContextLength(error: ErrorObject): boolean {
  return error.metadata?.error_type === 'context_length_exceeded' || error.code === 'context_length_exceeded';
}

function detailOf(error: ErrorObject | undefined, status: number | undefined, ctx: ErrorContext): OpenRouterErrorInit {
  const metadata = error?.metadata ?? undefined;
  return {
    kind: 'provider_error',
    status,
    model: ctx.model,
    maxTokensSet: ctx.maxTokensSet,
    source: metadata?.provider_name ?? undefined,
    code: error?.code ?? undefined,
    errorType: metadata?.error_type ?? undefined,
    providerCode: metadata?.provider_code ?? undefined,
    providerMessage: error?.message ?? undefined,
    moderationReasons: metadata?.reasons ?? undefined,
    flaggedInput: metadata?.flagged_input ?? undefined,
    privacySetting: ctx.privacySetting,
    availability: error?.availability ? readAvailability(error.availability) : undefined,
  };
}

export interface HttpFailure {
  status: number;
  bodyText: string;
  retryAfter: string | null;
  nowMs: number;
}

/** The error for a non-2xx response: kind from the status, subtype from the body's structured metadata. */
export function errorFromHttp(failure: HttpFailure, ctx: ErrorContext = {}): OpenRouterError {
  const parsed = parseJsonAs(ErrorBodySchema, failure.bodyText);
  const error = parsed.ok ? parsed.value.error : undefined;
  const kind = kindFromStatus(failure.status);
  let subtype: ErrorSubtype | undefined;
  if (kind === 'credits') subtype = subtypeOfLimitSource(error?.metadata?.limit_source);
  if (kind === 'bad_request' && error && isContextLength(error)) subtype = 'context_length_exceeded';
  const detail = detailOf(error, failure.status, ctx);
  return new OpenRouterError({
    ...detail,
    kind,
    subtype,
    affordableMaxTokens: affordableMaxTokens(subtype, error?.message),
    // The header is the HTTP-level word on when to come back; the body's retry_after stands in when it is missing.
    retryAfterMs: parseRetryAfter(failure.retryAfter, failure.nowMs) ?? availabilityWait(detail.availability),
    rawExcerpt: excerptOf(failure.bodyText),
  });
}

// Mid-stream errors carry no HTTP status; error_type names what went wrong upstream.
const KIND_OF_ERROR_TYPE: Readonly<Record<string, [ErrorKind, ErrorSubtype?]>> = {
  context_length_exceeded: ['bad_request', 'context_length_exceeded'],
  rate_limit_exceeded: ['rate_limited'],
  provider_overloaded: ['provider_error'],
  provider_unavailable: ['provider_error'],
  payment_required: ['credits', 'credits'],
};

/** The error for a chunk with a top-level `error` (HTTP 200, after the headers). */
export function errorFromStreamError(error: ErrorObject, rawText: string, ctx: ErrorContext = {}): OpenRouterError {
  const byType = error.metadata?.error_type ? KIND_OF_ERROR_TYPE[error.metadata.error_type] : undefined;
  let kind: ErrorKind = 'provider_error';
  let subtype: ErrorSubtype | undefined;
  if (byType) {
    [kind, subtype] = byType;
  } else if (isContextLength(error)) {
    kind = 'bad_request';
    subtype = 'context_length_exceeded';
  } else if (typeof error.code === 'number' && error.code >= 400 && error.code < 600) {
    kind = kindFromStatus(error.code);
    if (kind === 'credits') subtype = subtypeOfLimitSource(error.metadata?.limit_source);
  }
  const detail = detailOf(error, 200, ctx);
  return new OpenRouterError({
    ...detail, kind, subtype, affordableMaxTokens: affordableMaxTokens(subtype, error.message), rawExcerpt: excerptOf(rawText),
    retryAfterMs: availabilityWait(detail.availability),
  });
}

export function missingKeyError(): OpenRouterError {
  return new OpenRouterError({ kind: 'auth', subtype: 'missing_key' });
}

export function timeoutError(subtype: 'first_byte' | 'idle', timeoutMs: number, ctx: ErrorContext = {}): OpenRouterError {
  return new OpenRouterError({ kind: 'timeout', subtype, timeoutMs, model: ctx.model });
}

/** A fetch or read that failed below HTTP: DNS, refused, reset. `midStream` once the body had started. */
export function networkError(cause: unknown, midStream: boolean, ctx: ErrorContext = {}): OpenRouterError {
  const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new OpenRouterError({
    kind: 'network',
    subtype: midStream ? 'truncated' : undefined,
    model: ctx.model,
    providerMessage: excerptOf(detail),
  });
}

/**
 * The body ended cleanly but before `[DONE]` or a finish_reason. We call this provider_error, not network: the
 * connection closed in order, so the server chose to stop, which in practice means the upstream provider died.
 */
export function truncatedError(ctx: ErrorContext = {}): OpenRouterError {
  return new OpenRouterError({ kind: 'provider_error', subtype: 'truncated', status: 200, model: ctx.model });
}

export function invalidResponseError(reason: string, excerpt: string, ctx: ErrorContext = {}): OpenRouterError {
  return new OpenRouterError({
    kind: 'invalid_response',
    model: ctx.model,
    providerMessage: reason,
    rawExcerpt: excerptOf(excerpt),
  });
}

export function cancelledError(ctx: ErrorContext = {}): OpenRouterError {
  return new OpenRouterError({ kind: 'cancelled', model: ctx.model });
}
