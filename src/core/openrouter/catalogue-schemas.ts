// Schemas of GET /models (and /models/user) and the normalised model record the rest of the extension uses.
//
// The wire schema is deliberately forgiving: OpenRouter adds fields often (unknown ones are kept by looseObject and
// ignored), and one odd field must not hide a model, so every optional field falls back to "absent" when it has the
// wrong type. Only an entry without a usable id is dropped. The envelope itself (`{ data: [...] }`) is strict: if
// it does not fit, the whole response is an invalid_response.

import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import { isFreeVariantId } from './model-id';

/** An optional wire field: a value of the wrong type reads as absent rather than failing the entry. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.nullish().catch(undefined);
}

const WirePrice = lazySchema(() => lenient(z.union([z.string(), z.number()])));

const WirePricing = lazySchema(() => z.looseObject({
  prompt: WirePrice,
  completion: WirePrice,
  request: WirePrice,
  image: WirePrice,
  web_search: WirePrice,
  internal_reasoning: WirePrice,
  input_cache_read: WirePrice,
  input_cache_write: WirePrice,
}));

export const WireModelSchema = lazySchema(() => z.looseObject({
  id: z.string().trim().min(1),
  canonical_slug: lenient(z.string()),
  name: lenient(z.string()),
  created: lenient(z.number()),
  description: lenient(z.string()),
  context_length: lenient(z.number()),
  architecture: lenient(
    z.looseObject({
      modality: lenient(z.string()),
      input_modalities: lenient(z.array(z.string())),
      output_modalities: lenient(z.array(z.string())),
      tokenizer: lenient(z.string()),
    }),
  ),
  top_provider: lenient(
    z.looseObject({
      context_length: lenient(z.number()),
      max_completion_tokens: lenient(z.number()),
      is_moderated: lenient(z.boolean()),
    }),
  ),
  pricing: lenient(WirePricing),
  supported_parameters: lenient(z.array(z.string())),
  reasoning: lenient(
    z.looseObject({
      supported_efforts: lenient(z.array(z.string())),
      default_effort: lenient(z.string()),
      mandatory: lenient(z.boolean()),
      supports_max_tokens: lenient(z.boolean()),
    }),
  ),
  expiration_date: lenient(z.string()),
}));
export type WireModel = z.infer<typeof WireModelSchema>;

/** The envelope; entries are checked one by one so a malformed one is skipped, not fatal. */
export const WireModelsResponseSchema = lazySchema(() => z.looseObject({ data: z.array(z.unknown()) }));

/** USD per unit (token, request, image, search); undefined means variable or unknown, never "free". */
const Price = lazySchema(() => z.number().nonnegative().optional());

export const ModelPricingSchema = lazySchema(() => z.object({
  prompt: Price,
  completion: Price,
  request: Price,
  image: Price,
  webSearch: Price,
  internalReasoning: Price,
  inputCacheRead: Price,
  inputCacheWrite: Price,
}));
export type ModelPricing = z.infer<typeof ModelPricingSchema>;

export const ReasoningOptionsSchema = lazySchema(() => z.object({
  /** Values accepted by `reasoning.effort`; absent when the catalogue does not say. */
  efforts: z.array(z.string()).optional(),
  defaultEffort: z.string().optional(),
  /** The model always reasons; it cannot be switched off. */
  mandatory: z.boolean(),
  /** `reasoning.max_tokens` is accepted. */
  supportsMaxTokens: z.boolean().optional(),
}));
export type ReasoningOptions = z.infer<typeof ReasoningOptionsSchema>;

/** One model as the extension sees it. Also the persisted form, hence a schema rather than an interface. */
export const ModelInfoSchema = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(),
  canonicalSlug: z.string().optional(),
  description: z.string().optional(),
  /** Seconds since the epoch, as OpenRouter reports it. */
  created: z.number().optional(),
  /** The top provider's context length when known, else the model's. */
  contextLength: z.number().optional(),
  maxCompletionTokens: z.number().optional(),
  inputModalities: z.array(z.string()),
  outputModalities: z.array(z.string()),
  /** Accepts image input (the vision badge). */
  supportsVision: z.boolean(),
  supportedParameters: z.array(z.string()),
  /** Present when the model can reason. */
  reasoning: ReasoningOptionsSchema.optional(),
  pricing: ModelPricingSchema,
  /** A `:free` entry, or prompt and completion both cost 0. */
  isFree: z.boolean(),
  isModerated: z.boolean().optional(),
  expirationDate: z.string().optional(),
}));
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/**
 * A price string or number in USD per unit. "-1" (OpenRouter's "variable", e.g. openrouter/auto), negative values,
 * garbage and absence all mean unknown; they become undefined so that nothing downstream mistakes them for free.
 */
export function parsePrice(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (text === '' || !/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const price = Number(text);
  return Number.isFinite(price) && price >= 0 ? price : undefined;
}

function positiveInteger(value: number | null | undefined): number | undefined {
  return value !== null && value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}

/** Older entries only carry `modality: "text+image->text"`. */
function modalitiesFromString(modality: string | null | undefined): { input: string[]; output: string[] } {
  if (!modality) return { input: [], output: [] };
  const [input = '', output = ''] = modality.split('->');
  const split = (side: string) => side.split('+').map((part) => part.trim()).filter((part) => part !== '');
  return { input: split(input), output: split(output) };
}

function reasoningOf(wire: WireModel, supportedParameters: readonly string[]): ReasoningOptions | undefined {
  const detail = wire.reasoning;
  const advertised = supportedParameters.includes('reasoning') || supportedParameters.includes('include_reasoning');
  if (!detail && !advertised) return undefined;
  const options: ReasoningOptions = { mandatory: detail?.mandatory ?? false };
  if (detail?.supported_efforts) options.efforts = [...detail.supported_efforts];
  if (detail?.default_effort) options.defaultEffort = detail.default_effort;
  if (detail?.supports_max_tokens !== null && detail?.supports_max_tokens !== undefined) {
    options.supportsMaxTokens = detail.supports_max_tokens;
  }
  return options;
}

/** Drops undefined entries, so optional properties stay absent rather than undefined (exactOptionalPropertyTypes). */
function definedOnly<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** Turns one validated wire entry into a ModelInfo. */
export function normaliseModel(wire: WireModel): ModelInfo {
  const pricing: ModelPricing = definedOnly({
    prompt: parsePrice(wire.pricing?.prompt),
    completion: parsePrice(wire.pricing?.completion),
    request: parsePrice(wire.pricing?.request),
    image: parsePrice(wire.pricing?.image),
    webSearch: parsePrice(wire.pricing?.web_search),
    internalReasoning: parsePrice(wire.pricing?.internal_reasoning),
    inputCacheRead: parsePrice(wire.pricing?.input_cache_read),
    inputCacheWrite: parsePrice(wire.pricing?.input_cache_write),
  });
  const fallback = modalitiesFromString(wire.architecture?.modality);
  const inputModalities = wire.architecture?.input_modalities ?? fallback.input;
  const outputModalities = wire.architecture?.output_modalities ?? fallback.output;
  const supportedParameters = wire.supported_parameters ?? [];
  const isFree = isFreeVariantId(wire.id) || (pricing.prompt === 0 && pricing.completion === 0);
  return {
    ...definedOnly({
      canonicalSlug: wire.canonical_slug ?? undefined,
      description: wire.description ?? undefined,
      created: wire.created ?? undefined,
      contextLength: positiveInteger(wire.top_provider?.context_length) ?? positiveInteger(wire.context_length),
      maxCompletionTokens: positiveInteger(wire.top_provider?.max_completion_tokens),
      reasoning: reasoningOf(wire, supportedParameters),
      isModerated: wire.top_provider?.is_moderated ?? undefined,
      expirationDate: wire.expiration_date ?? undefined,
    }),
    id: wire.id,
    name: wire.name?.trim() || wire.id,
    inputModalities: [...inputModalities],
    outputModalities: [...outputModalities],
    supportsVision: inputModalities.includes('image'),
    supportedParameters: [...supportedParameters],
    pricing,
    isFree,
  };
}

export interface ParsedModelList {
  models: ModelInfo[];
  /** How many entries did not fit the schema and were left out. */
  skippedCount: number;
  /** The first few of them, with the first problem of each. */
  skipped: { index: number; id: string | undefined; issue: string }[];
}

const MAX_SKIP_REPORTS = 20;

/**
 * Parses a /models body. Returns undefined when the envelope itself does not fit; otherwise every usable entry,
 * de-duplicated by id (first wins), and a short account of what was skipped.
 */
export function parseModelList(body: unknown): ParsedModelList | undefined {
  const envelope = WireModelsResponseSchema.safeParse(body);
  if (!envelope.success) return undefined;
  const models: ModelInfo[] = [];
  const skipped: ParsedModelList['skipped'] = [];
  const seen = new Set<string>();
  let skippedCount = 0;
  envelope.data.data.forEach((entry, index) => {
    const parsed = WireModelSchema.safeParse(entry);
    if (!parsed.success) {
      skippedCount += 1;
      if (skipped.length < MAX_SKIP_REPORTS) {
        const rawId = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
        const first = parsed.error.issues[0];
        skipped.push({
          index,
          id: typeof rawId === 'string' ? rawId : undefined,
          issue: first ? `${first.path.join('.') || '(entry)'}: ${first.message}` : 'invalid entry',
        });
      }
      return;
    }
    if (seen.has(parsed.data.id)) return;
    seen.add(parsed.data.id);
    models.push(normaliseModel(parsed.data));
  });
  return { models, skippedCount, skipped };
}
