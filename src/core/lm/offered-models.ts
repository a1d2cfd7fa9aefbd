// The models OpenRouter Chat offers to VS Code's own chat (the Language Model Chat Provider). The catalogue's 400
// entries would drown VS Code's model picker, so by default it offers what the user already chose elsewhere: the
// favourites, the default model and its fallbacks, the presets' models, and one entry per preset and one for the
// default chain, which run with the fallback chain. Pure: the host turns these into VS Code's model information.
import type { Preset, Settings } from '../config/settings';
import type { ModelInfo } from '../openrouter/catalogue-schemas';
import { formatPerMillion, formatTokens } from '../format';

/** The ids of the chain entries; a model id always has a "/", so these never clash with one. */
export const DEFAULT_CHAIN_ID = 'chain:default';
export const PRESET_ID_PREFIX = 'preset:';

/** A context length to assume when the catalogue gives none: the smallest in common use, so nothing is oversold. */
const UNKNOWN_CONTEXT = 8192;

/** What one offered entry runs: a model alone, or a model with its fallback chain and a preset's limits. */
export interface OfferTarget {
  readonly model: string;
  readonly fallbacks: readonly string[];
  readonly preset?: string;
  readonly maxTokens?: number;
  readonly temperature?: number;
}

export interface OfferedModel {
  /** Unique among our entries: a model id, `chain:default` or `preset:<name>`. */
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip: string;
  /** A short line beside the name: the price in and out per million tokens. */
  readonly detail: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly toolCalling: boolean; readonly imageInput: boolean };
  readonly target: OfferTarget;
}

export type OfferSettings = Pick<Settings, 'defaultModel' | 'fallbackModels' | 'favoriteModels' | 'presets' | 'maxTokens' | 'provider'>;

/** An entry the user can choose in the management picker, before it is resolved against the catalogue. */
export interface OfferChoice {
  readonly id: string;
  readonly target: OfferTarget;
}

/** Every entry that can be offered: the chain entries first, then each model named anywhere in the settings once. */
export function offerChoices(settings: OfferSettings): OfferChoice[] {
  const chainOf = (model: string): string[] => settings.fallbackModels.filter((fallback) => fallback !== model);
  const choices: OfferChoice[] = [{ id: DEFAULT_CHAIN_ID, target: { model: settings.defaultModel, fallbacks: chainOf(settings.defaultModel) } }];
  for (const [name, preset] of Object.entries(settings.presets)) {
    choices.push({ id: `${PRESET_ID_PREFIX}${name}`, target: presetTarget(name, preset, chainOf(preset.model)) });
  }
  const models = [...settings.favoriteModels, settings.defaultModel, ...settings.fallbackModels, ...Object.values(settings.presets).map((p) => p.model)];
  for (const model of new Set(models)) choices.push({ id: model, target: { model, fallbacks: [] } });
  return choices;
}

/**
 * The entries VS Code's picker shows. `chosen` is the user's own list from the management picker (ids of entries or
 * of any catalogue model); undefined or empty offers every choice. Entries whose models the catalogue does not know are left out: their limits and
 * capabilities would be guesses, and VS Code trusts them to size its prompts.
 */
export function offeredModels(settings: OfferSettings, find: (id: string) => ModelInfo | undefined, chosen?: readonly string[]): OfferedModel[] {
  const wanted = chosen && chosen.length > 0 ? new Set(chosen) : undefined;
  const choices = offerChoices(settings);
  // Any catalogue model can be chosen too: it follows the usual entries, as a model alone.
  const known = new Set(choices.map((choice) => choice.id));
  for (const id of wanted ?? []) if (!known.has(id) && id.includes('/')) choices.push({ id, target: { model: id, fallbacks: [] } });
  const offered: OfferedModel[] = [];
  for (const choice of choices) {
    if (wanted && !wanted.has(choice.id)) continue;
    const entry = describe(choice, settings, find);
    if (entry) offered.push(entry);
  }
  return offered;
}

function presetTarget(name: string, preset: Preset, fallbacks: string[]): OfferTarget {
  return {
    model: preset.model,
    fallbacks,
    preset: name,
    ...(preset.maxTokens !== undefined ? { maxTokens: preset.maxTokens } : {}),
    ...(preset.temperature !== undefined ? { temperature: preset.temperature } : {}),
  };
}

function describe(choice: OfferChoice, settings: OfferSettings, find: (id: string) => ModelInfo | undefined): OfferedModel | undefined {
  const primary = find(choice.target.model);
  if (!primary) return undefined;
  // A fallback the catalogue does not know is skipped, as the engine would fail on it anyway.
  const chain = [primary, ...choice.target.fallbacks.flatMap((id) => find(id) ?? [])];
  const limits = chainLimits(chain, choice.target.maxTokens ?? settings.maxTokens ?? undefined);
  const isChain = choice.target.fallbacks.length > 0 || choice.target.preset !== undefined;
  return {
    id: choice.id,
    name: entryName(choice, primary, chain.length > 1),
    family: familyOf(primary.id),
    version: primary.canonicalSlug ?? primary.id,
    tooltip: tooltipOf(chain, limits, settings),
    detail: pricesOf(primary),
    ...limits,
    // Every model of a chain must manage what the entry promises, or a fallback would fail where the first did not.
    capabilities: {
      toolCalling: chain.every((model) => model.supportedParameters.includes('tools')),
      imageInput: chain.every((model) => model.supportsVision),
    },
    target: isChain ? { ...choice.target, fallbacks: chain.slice(1).map((model) => model.id) } : choice.target,
  };
}

/**
 * The sizes VS Code plans a prompt by. The answer and the prompt share the context window, so the input may use
 * only what the requested output leaves; the output is what each request asks for (the preset's or the settings'
 * max tokens, within the model's own limit). A chain offers what its smallest model can take.
 */
export function chainLimits(chain: readonly ModelInfo[], requestedMaxTokens: number | undefined): { maxInputTokens: number; maxOutputTokens: number } {
  const context = Math.min(...chain.map((model) => model.contextLength ?? UNKNOWN_CONTEXT));
  const maxOutputTokens = Math.min(requestedMaxTokens ?? Infinity, ...chain.map((model) => model.maxCompletionTokens ?? Infinity), Math.floor(context / 2));
  return { maxInputTokens: context - maxOutputTokens, maxOutputTokens };
}

function entryName(choice: OfferChoice, primary: ModelInfo, withFallbacks: boolean): string {
  const chain = withFallbacks ? ' + fallbacks' : '';
  if (choice.id === DEFAULT_CHAIN_ID) return `Default chain (${shortName(primary)}${chain})`;
  if (choice.target.preset !== undefined) return `Preset ${choice.target.preset} (${shortName(primary)}${chain})`;
  return primary.name;
}

/** "OpenAI: GPT-4o-mini" reads as "GPT-4o-mini" inside an entry's name. */
function shortName(model: ModelInfo): string {
  return model.name.replace(/^[^:]{1,40}:\s*/, '');
}

/** `family` lets other extensions select a model by kind: the id's name part, without a variant suffix. */
export function familyOf(id: string): string {
  return (id.split('/').pop() ?? id).replace(/:[\w-]+$/, '');
}

function pricesOf(model: ModelInfo): string {
  if (model.isFree) return 'free';
  return `${formatPerMillion(model.pricing.prompt)} in · ${formatPerMillion(model.pricing.completion)} out /M`;
}

function tooltipOf(chain: readonly ModelInfo[], limits: { maxInputTokens: number; maxOutputTokens: number }, settings: OfferSettings): string {
  const [primary, ...fallbacks] = chain;
  const lines = [
    `${primary?.id ?? ''}: ${primary ? pricesOf(primary) : ''} tokens`,
    `Context ${formatTokens(primary?.contextLength ?? UNKNOWN_CONTEXT)}: up to ${formatTokens(limits.maxInputTokens)} in, ${formatTokens(limits.maxOutputTokens)} out`,
  ];
  if (fallbacks.length > 0) lines.push(`Falls back to ${fallbacks.map((model) => `${model.id} (${pricesOf(model)})`).join(', ')}`);
  const routing = routingText(settings.provider);
  if (routing) lines.push(routing);
  lines.push('Budgets and the spend ledger apply.');
  // VS Code's model picker shows the tooltip as Markdown, where a bare newline runs the lines together.
  return lines.join('  \n');
}

/** The provider routing and privacy settings every request carries, in words. */
function routingText(provider: OfferSettings['provider']): string | undefined {
  const parts: string[] = [];
  if (provider.order?.length) parts.push(`providers in order ${provider.order.join(', ')}`);
  if (provider.only?.length) parts.push(`only ${provider.only.join(', ')}`);
  if (provider.ignore?.length) parts.push(`never ${provider.ignore.join(', ')}`);
  if (provider.sort) parts.push(`sorted by ${provider.sort}`);
  if (provider.dataCollection === 'deny') parts.push('no providers that store data');
  if (provider.zdr) parts.push('zero data retention only');
  if (provider.maxPrice) parts.push('price caps set');
  if (provider.allowFallbacks === false) parts.push('no provider fallback');
  return parts.length > 0 ? `Routing: ${parts.join('; ')}` : undefined;
}
