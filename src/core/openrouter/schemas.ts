// Zod schemas of what OpenRouter sends back on the chat endpoint: the stream chunk, the non-streamed completion and
// the error body. Objects are loose (fields we do not know pass through untouched) and every optional field is
// nullish, because the API sends `null` for absent values as often as it omits them. Parsing goes through
// `parseJsonAs`, which never throws: a body that does not fit comes back as a failure with a short excerpt, and the
// caller turns it into an `invalid_response` error.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';

/** How much of an unparseable body an error keeps, in characters. */
export const EXCERPT_LENGTH = 200;

const count = () => z.number().nullish();

export const UsageSchema = lazySchema(() => z.looseObject({
  prompt_tokens: count(),
  completion_tokens: count(),
  total_tokens: count(),
  prompt_tokens_details: z.looseObject({ cached_tokens: count(), cache_write_tokens: count() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count() }).nullish(),
  /** USD actually charged for this generation. */
  cost: z.number().nullish(),
  is_byok: z.boolean().nullish(),
  cost_details: z.looseObject({ upstream_inference_cost: z.number().nullish() }).nullish(),
  server_tool_use: z.looseObject({ web_search_requests: count() }).nullish(),
}));
export type Usage = z.infer<typeof UsageSchema>;

/** `error.code` is numeric on OpenRouter, but OpenAI-style string codes appear in provider passthroughs. */
const ErrorCodeSchema = lazySchema(() => z.union([z.number(), z.string()]).nullish());

export const ErrorMetadataSchema = lazySchema(() => z.looseObject({
  provider_name: z.string().nullish(),
  /** The provider's own error, as text or JSON. */
  raw: z.unknown().optional(),
  error_type: z.string().nullish(),
  provider_code: ErrorCodeSchema,
  reasons: z.array(z.string()).nullish(),
  flagged_input: z.string().nullish(),
  model_slug: z.string().nullish(),
  limit_source: z.string().nullish(),
  reason: z.string().nullish(),
  remedy_hint: z.string().nullish(),
}));
export type ErrorMetadata = z.infer<typeof ErrorMetadataSchema>;

/**
 * Why a model cannot be served at all (since 2026-08): a stable code, whether repeating may help, and what OpenRouter
 * suggests instead. Added beside the status and message, which keep their meaning.
 */
export const AvailabilitySchema = lazySchema(() => {
  const slugs = z.array(z.string()).nullish();
  return z.looseObject({
    code: z.string(),
    retryable: z.boolean().nullish(),
    /** Seconds. */
    retry_after: z.number().nonnegative().nullish(),
    requested_models: slugs,
    affected_providers: slugs,
    excluded_by: slugs,
    /** Suggested replacements, best first. */
    fallback_models: slugs,
    constraint: z.looseObject({ field: z.string().nullish(), detail: z.string().nullish() }).nullish(),
    docs_url: z.string().nullish(),
  });
});
export type AvailabilityObject = z.infer<typeof AvailabilitySchema>;

export const ErrorObjectSchema = lazySchema(() => z.looseObject({
  code: ErrorCodeSchema,
  message: z.string().nullish(),
  // A metadata object of an unexpected shape must not hide the status-derived error, so it degrades to absent.
  metadata: ErrorMetadataSchema.nullish().catch(undefined),
  availability: AvailabilitySchema.nullish().catch(undefined),
}));
export type ErrorObject = z.infer<typeof ErrorObjectSchema>;

export const ErrorBodySchema = lazySchema(() => z.looseObject({ error: ErrorObjectSchema }));
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const ToolCallDeltaSchema = lazySchema(() => z.looseObject({
  index: z.number().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
}));
export type ToolCallDelta = z.infer<typeof ToolCallDeltaSchema>;

export const DeltaSchema = lazySchema(() => z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  reasoning: z.string().nullish(),
  reasoning_details: z.array(z.unknown()).nullish(),
  tool_calls: z.array(ToolCallDeltaSchema).nullish(),
  /** Web search sources (`url_citation`); checked one by one later (chat/citations.ts), so a bad one drops alone. */
  annotations: z.array(z.unknown()).nullish().catch(undefined),
}));

const finishReason = () => z.string().nullish();

export const StreamChoiceSchema = lazySchema(() => z.looseObject({
  index: z.number().nullish(),
  delta: DeltaSchema.nullish(),
  finish_reason: finishReason(),
  native_finish_reason: finishReason(),
}));

export const StreamChunkSchema = lazySchema(() => z.looseObject({
  id: z.string().nullish(),
  /** The model that actually answered (differs from the request after server-side fallback). */
  model: z.string().nullish(),
  provider: z.string().nullish(),
  created: z.number().nullish(),
  choices: z.array(StreamChoiceSchema).nullish(),
  usage: UsageSchema.nullish(),
  /** Present when the generation failed after the response headers were sent. */
  error: ErrorObjectSchema.nullish(),
}));
export type StreamChunk = z.infer<typeof StreamChunkSchema>;

export const CompletionMessageSchema = lazySchema(() => z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  reasoning: z.string().nullish(),
  annotations: z.array(z.unknown()).nullish().catch(undefined),
  tool_calls: z
    .array(
      z.looseObject({
        id: z.string().nullish(),
        type: z.string().nullish(),
        function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
}));

export const CompletionSchema = lazySchema(() => z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  provider: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        message: CompletionMessageSchema.nullish(),
        finish_reason: finishReason(),
        native_finish_reason: finishReason(),
      }),
    )
    .nullish(),
  usage: UsageSchema.nullish(),
  error: ErrorObjectSchema.nullish(),
}));
export type Completion = z.infer<typeof CompletionSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string; excerpt: string };

/** The first characters of a body, for error messages and logs. */
export function excerptOf(text: string): string {
  return text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH - 1)}…`;
}

/** Parses JSON text against a schema. Never throws: bad JSON and misfit shapes both come back as failures. */
export function parseJsonAs<T>(schema: z.ZodType<T>, text: string): ParseResult<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON', excerpt: excerptOf(text) };
  }
  return parseValueAs(schema, json, text);
}

/** Validates an already-parsed value; `source` is the text the excerpt is cut from. */
export function parseValueAs<T>(schema: z.ZodType<T>, value: unknown, source: string): ParseResult<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, reason: `unexpected shape${where}`, excerpt: excerptOf(source) };
}
