// One schema for every `openrouter.*` setting. Settings come from files anyone can edit (and a cloned repository's
// `.vscode/settings.json`), so they are untrusted: each value is checked on its own, and a bad one is replaced by
// its default with a warning naming the setting, instead of failing the whole read.
import * as z from 'zod';
import { EDITOR_COMMAND_CHAT, type EditorCommandChat } from '../chat/command-turns';
import { SlashCommandsSettingSchema } from '../chat/slash-commands';
import { PDF_ENGINES, type PdfEngine } from '../chat/content-parts';
import { DEFAULT_APP, DEFAULT_BASE_URL } from '../openrouter/api-request';
import { DEFAULT_TIMEOUTS } from '../openrouter/chat';
import { DEFAULT_RETRY_OPTIONS } from '../openrouter/retry-policy';
import { DEFAULT_WEB_SEARCH, MAX_RESULTS_LIMIT, MAX_SEARCHES_LIMIT, WEB_SEARCH_ENGINES, type WebSearchEngine } from '../chat/web-search';

const ModelId = z.string().trim().min(1).max(200).regex(/^[\w.:@/-]+$/, 'not a model id');

const PresetSchema = z.object({
  model: ModelId,
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  systemPrompt: z.string().max(20_000).optional(),
  description: z.string().max(200).optional(),
});
export type Preset = z.infer<typeof PresetSchema>;

const PriceCap = z.number().nonnegative();
const ProviderSchema = z.object({
  order: z.array(z.string().min(1)).optional(),
  allowFallbacks: z.boolean().optional(),
  sort: z.enum(['price', 'throughput', 'latency']).optional(),
  dataCollection: z.enum(['allow', 'deny']).optional(),
  zdr: z.boolean().optional(),
  maxPrice: z.object({ prompt: PriceCap.optional(), completion: PriceCap.optional(), request: PriceCap.optional(), image: PriceCap.optional() }).optional(),
  only: z.array(z.string().min(1)).optional(),
  ignore: z.array(z.string().min(1)).optional(),
});
export type ProviderRouting = z.infer<typeof ProviderSchema>;

/** Per model: the reasoning effort picked in the panel, a reasoning token budget, and leaving reasoning out of answers. */
const ReasoningPreferenceSchema = z.object({
  effort: z.string().regex(/^[a-z]{1,20}$/, 'not an effort').optional(),
  maxTokens: z.number().int().positive().max(1_000_000).optional(),
  exclude: z.boolean().optional(),
});

/** The seed's cost table: a cheap fast model for simple work, Sonnet for code, Opus for reasoning, Llama for bulk. */
export const DEFAULT_PRESETS: Record<string, Preset> = {
  simple: { model: 'openai/gpt-4o-mini', description: 'Classification and simple questions: fast and cheap' },
  code: { model: 'anthropic/claude-sonnet-4', description: 'Writing and reviewing code' },
  reason: { model: 'anthropic/claude-opus-4', description: 'Hard problems that need careful reasoning' },
  bulk: { model: 'meta-llama/llama-3.3-70b-instruct', description: 'Large volumes of routine text' },
};

/** Each setting's schema and default. Keys are the setting names without the `openrouter.` prefix. */
export const SETTINGS = {
  baseUrl: { schema: z.string().url(), default: DEFAULT_BASE_URL },
  defaultModel: { schema: ModelId, default: 'openai/gpt-4o-mini' },
  fallbackModels: { schema: z.array(ModelId).max(10), default: [] as string[] },
  favoriteModels: { schema: z.array(ModelId).max(50), default: [] as string[] },
  /** Entries VS Code's chat offers (model ids, `chain:default`, `preset:<name>`); empty: the default set. */
  'vscodeChat.models': { schema: z.array(z.string().min(1).max(250)).max(500), default: [] as string[] },
  serverSideFallback: { schema: z.boolean(), default: false },
  /** Fallbacks dearer per token than this many times the model asked for are skipped; 0: no cap. */
  fallbackMaxPriceRatio: { schema: z.number().min(0).max(1_000_000), default: 0 },
  /** How long a prompt-cache write lives: 5 minutes (writes 1.25× the prompt price) or 1 hour (2×). */
  'promptCache.ttl': { schema: z.enum(['5m', '1h']), default: '5m' as '5m' | '1h' },
  // The engine's own defaults, so a client built without settings behaves as one built from the default settings.
  'retry.maxAttempts': { schema: z.number().int().min(1).max(10), default: DEFAULT_RETRY_OPTIONS.maxAttempts },
  'retry.maxWaitSeconds': { schema: z.number().min(0).max(600), default: DEFAULT_RETRY_OPTIONS.maxWaitMs / 1000 },
  'timeouts.firstByteSeconds': { schema: z.number().min(1).max(600), default: DEFAULT_TIMEOUTS.firstByteMs / 1000 },
  'timeouts.idleSeconds': { schema: z.number().min(1).max(600), default: DEFAULT_TIMEOUTS.idleMs / 1000 },
  'attribution.referer': { schema: z.string().url(), default: DEFAULT_APP.referer },
  'attribution.title': { schema: z.string().min(1).max(100), default: DEFAULT_APP.title },
  provider: { schema: ProviderSchema, default: {} as ProviderRouting },
  maxTokens: { schema: z.number().int().positive().max(1_000_000).nullable(), default: 4096 as number | null },
  temperature: { schema: z.number().min(0).max(2).nullable(), default: null as number | null },
  reasoning: { schema: z.record(ModelId, ReasoningPreferenceSchema), default: {} as Record<string, z.infer<typeof ReasoningPreferenceSchema>> },
  systemPrompt: { schema: z.string().max(20_000), default: '' },
  /** How OpenRouter's file-parser plugin reads attached PDFs: the model itself, the free parser, or paid OCR. */
  pdfEngine: { schema: z.enum(PDF_ENGINES), default: 'cloudflare-ai' as PdfEngine },
  presets: { schema: z.record(z.string().min(1).max(40), PresetSchema), default: DEFAULT_PRESETS },
  user: { schema: z.string().max(128), default: '' },
  'budget.session': { schema: z.number().nonnegative().nullable(), default: null as number | null },
  'budget.daily': { schema: z.number().nonnegative().nullable(), default: null as number | null },
  'budget.monthly': { schema: z.number().nonnegative().nullable(), default: null as number | null },
  'budget.warnAtPercent': { schema: z.number().min(1).max(100), default: 80 },
  /** What the daily and monthly budgets count: this machine's ledger, or every app and machine using the key (/key). */
  'budget.scope': { schema: z.enum(['thisMachine', 'wholeKey']), default: 'thisMachine' as 'thisMachine' | 'wholeKey' },
  /** Warn once a day when the key's spend today is this many times its recent daily average; 0: never. */
  'spendSpike.ratio': { schema: z.number().min(0).max(1000), default: 3 },
  'editorCommands.chat': { schema: z.enum(EDITOR_COMMAND_CHAT), default: 'ask' as EditorCommandChat },
  /** Web search, when the composer's toggle turns it on: the engine, results per search, searches per answer. */
  'webSearch.engine': { schema: z.enum(WEB_SEARCH_ENGINES), default: DEFAULT_WEB_SEARCH.engine as WebSearchEngine },
  'webSearch.maxResults': { schema: z.number().int().min(1).max(MAX_RESULTS_LIMIT), default: DEFAULT_WEB_SEARCH.maxResults },
  'webSearch.maxSearches': { schema: z.number().int().min(1).max(MAX_SEARCHES_LIMIT), default: DEFAULT_WEB_SEARCH.maxSearches },
  /** The person's slash commands: name → prompt template (slash-commands.ts). */
  slashCommands: { schema: SlashCommandsSettingSchema, default: {} as Record<string, string> },
} as const;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { -readonly [K in SettingName]: z.infer<(typeof SETTINGS)[K]['schema']> };

export interface SettingWarning {
  setting: `openrouter.${SettingName}`;
  message: string;
}

/** Settings that may come only from the user's own settings: they decide where the key goes or who is named. */
const USER_ONLY: ReadonlySet<SettingName> = new Set(['baseUrl', 'attribution.referer', 'attribution.title', 'user']);

/** What VS Code reports for one setting at each level (its `inspect()`), the levels the extension reads. */
export interface InspectedSetting {
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/**
 * The raw value the extension uses for a setting (undefined: not set, the default applies): the most specific
 * level that sets it, except that a user-only setting comes from the user's own settings alone. A repository's
 * .vscode/settings.json must never choose where the key is sent, whatever VS Code's scope rules do.
 */
export function settingValue(name: SettingName, inspected: InspectedSetting | undefined): unknown {
  if (!inspected) return undefined;
  if (USER_ONLY.has(name)) return inspected.globalValue;
  return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
}

/**
 * Validates raw values (undefined = not set) into complete settings. A value that fails its schema falls back to
 * the default and produces one warning; nothing throws.
 */
export function parseSettings(read: (name: SettingName) => unknown): { settings: Settings; warnings: SettingWarning[] } {
  const warnings: SettingWarning[] = [];
  const settings = {} as Record<SettingName, unknown>;
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const { schema, default: fallback } = SETTINGS[name];
    const raw = read(name);
    if (raw === undefined) {
      settings[name] = fallback;
      continue;
    }
    const parsed = (schema as z.ZodType).safeParse(raw);
    if (parsed.success) {
      settings[name] = parsed.data;
    } else {
      settings[name] = fallback;
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      warnings.push({
        setting: `openrouter.${name}`,
        message: `openrouter.${name} is invalid${where} (${issue?.message ?? 'wrong type'}); using the default instead.`,
      });
    }
  }
  return { settings: settings as Settings, warnings };
}

/**
 * The environment convention: DEFAULT_MODEL and FALLBACK_MODEL seed the model settings when the user has not set
 * them. FALLBACK_MODEL may list several ids separated by commas.
 */
export function applyEnvironmentDefaults(
  settings: Settings,
  userHasSet: (name: 'defaultModel' | 'fallbackModels') => boolean,
  env: Readonly<Record<string, string | undefined>>,
): Settings {
  const next = { ...settings };
  const defaultModel = env.DEFAULT_MODEL?.trim();
  if (defaultModel && !userHasSet('defaultModel') && ModelId.safeParse(defaultModel).success) next.defaultModel = defaultModel;
  const fallbacks = (env.FALLBACK_MODEL ?? '').split(',').map((id) => id.trim()).filter((id) => ModelId.safeParse(id).success);
  if (fallbacks.length > 0 && !userHasSet('fallbackModels')) next.fallbackModels = fallbacks;
  return next;
}

/** The key is sent only over https, or plain http to this machine's loopback. */
export function checkBaseUrl(value: string): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: `"${value}" is not a URL` };
  }
  if (url.username || url.password) return { ok: false, reason: 'the base URL must not contain credentials' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return { ok: true, url };
  return { ok: false, reason: `plain http is allowed only for this machine (localhost, 127.0.0.1, [::1]), not ${url.host}` };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The origin the key would be sent to, the unit the user confirms. */
export function keyDestination(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
