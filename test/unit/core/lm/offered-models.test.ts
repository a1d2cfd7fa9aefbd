import * as assert from 'node:assert/strict';
import { DEFAULT_PRESETS, type Settings } from '../../../../src/core/config/settings';
import type { ModelInfo } from '../../../../src/core/openrouter/catalogue-schemas';
import { chainLimits, DEFAULT_CHAIN_ID, familyOf, offerChoices, offeredModels, type OfferSettings } from '../../../../src/core/lm/offered-models';

function modelInfo(id: string, facts: Partial<ModelInfo> = {}): ModelInfo {
  return {
    id,
    name: `Vendor: ${id.split('/')[1] ?? id}`,
    contextLength: 128_000,
    maxCompletionTokens: 16_384,
    inputModalities: ['text'],
    outputModalities: ['text'],
    supportsVision: false,
    supportedParameters: ['tools', 'max_tokens'],
    pricing: { prompt: 0.00000015, completion: 0.0000006 },
    isFree: false,
    ...facts,
  };
}

const catalogue = new Map<string, ModelInfo>([
  ['openai/gpt-4o-mini', modelInfo('openai/gpt-4o-mini', { supportsVision: true, inputModalities: ['text', 'image'] })],
  ['anthropic/claude-sonnet-4', modelInfo('anthropic/claude-sonnet-4', { contextLength: 200_000, maxCompletionTokens: 64_000, supportsVision: true })],
  ['mistralai/mistral-7b-instruct', modelInfo('mistralai/mistral-7b-instruct', { contextLength: 32_768, maxCompletionTokens: undefined, supportedParameters: ['max_tokens'] })],
  ['meta-llama/llama-3.3-70b-instruct:free', modelInfo('meta-llama/llama-3.3-70b-instruct:free', { isFree: true, pricing: { prompt: 0, completion: 0 } })],
]);
const find = (id: string): ModelInfo | undefined => catalogue.get(id);

function settings(overrides: Partial<Settings> = {}): OfferSettings {
  return {
    defaultModel: 'openai/gpt-4o-mini',
    fallbackModels: ['anthropic/claude-sonnet-4'],
    favoriteModels: ['mistralai/mistral-7b-instruct'],
    presets: { simple: { model: 'openai/gpt-4o-mini' }, code: { model: 'anthropic/claude-sonnet-4', maxTokens: 8000, temperature: 0.2 } },
    maxTokens: 4096,
    provider: {},
    ...overrides,
  };
}

describe('models offered to VS Code chat', () => {
  it('offer the default chain, each preset, and every model named in the settings once', () => {
    const ids = offeredModels(settings(), find).map((model) => model.id);
    assert.deepEqual(ids, [DEFAULT_CHAIN_ID, 'preset:simple', 'preset:code', 'mistralai/mistral-7b-instruct', 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4']);
  });

  it('run a chain entry with the fallbacks and a plain model entry alone', () => {
    const offered = new Map(offeredModels(settings(), find).map((model) => [model.id, model]));
    assert.deepEqual(offered.get(DEFAULT_CHAIN_ID)?.target, { model: 'openai/gpt-4o-mini', fallbacks: ['anthropic/claude-sonnet-4'] });
    assert.deepEqual(offered.get('openai/gpt-4o-mini')?.target, { model: 'openai/gpt-4o-mini', fallbacks: [] });
    // A preset's own model is never its own fallback, and its limits go with it.
    assert.deepEqual(offered.get('preset:code')?.target, { model: 'anthropic/claude-sonnet-4', fallbacks: [], preset: 'code', maxTokens: 8000, temperature: 0.2 });
    assert.match(offered.get(DEFAULT_CHAIN_ID)?.name ?? '', /^Default chain \(gpt-4o-mini \+ fallbacks\)$/);
    assert.equal(offered.get('preset:code')?.name, 'Preset code (claude-sonnet-4)');
  });

  it('offer only what the user chose, in the usual order', () => {
    const ids = offeredModels(settings(), find, ['anthropic/claude-sonnet-4', DEFAULT_CHAIN_ID]).map((model) => model.id);
    assert.deepEqual(ids, [DEFAULT_CHAIN_ID, 'anthropic/claude-sonnet-4']);
  });

  it('offer any catalogue model the user chose, after the usual entries, and the default set when nothing is chosen', () => {
    const ids = offeredModels(settings(), find, ['meta-llama/llama-3.3-70b-instruct:free', DEFAULT_CHAIN_ID, 'preset:gone']).map((model) => model.id);
    assert.deepEqual(ids, [DEFAULT_CHAIN_ID, 'meta-llama/llama-3.3-70b-instruct:free']);
    assert.equal(offeredModels(settings(), find, []).length, offeredModels(settings(), find).length);
  });

  it('leave out models the catalogue does not know, and skip unknown fallbacks of a chain', () => {
    const offered = offeredModels(settings({ favoriteModels: ['nobody/unknown'], fallbackModels: ['nobody/gone', 'anthropic/claude-sonnet-4'] }), find);
    assert.ok(!offered.some((model) => model.id === 'nobody/unknown'));
    assert.deepEqual(offered.find((model) => model.id === DEFAULT_CHAIN_ID)?.target.fallbacks, ['anthropic/claude-sonnet-4']);
  });

  it('promise tools and images for a chain only when every model of it has them', () => {
    const offered = new Map(offeredModels(settings({ fallbackModels: ['mistralai/mistral-7b-instruct'] }), find).map((model) => [model.id, model]));
    assert.deepEqual(offered.get(DEFAULT_CHAIN_ID)?.capabilities, { toolCalling: false, imageInput: false });
    assert.deepEqual(offered.get('openai/gpt-4o-mini')?.capabilities, { toolCalling: true, imageInput: true });
  });

  it('size the input by what the requested output leaves of the smallest context in the chain', () => {
    const [mini, mistral] = [find('openai/gpt-4o-mini'), find('mistralai/mistral-7b-instruct')] as ModelInfo[];
    assert.deepEqual(chainLimits([mini as ModelInfo], 4096), { maxInputTokens: 128_000 - 4096, maxOutputTokens: 4096 });
    // No max tokens asked: the model's own output limit.
    assert.deepEqual(chainLimits([mini as ModelInfo], undefined), { maxInputTokens: 128_000 - 16_384, maxOutputTokens: 16_384 });
    // No output limit known either: at most half the window, so the prompt keeps room.
    assert.deepEqual(chainLimits([mistral as ModelInfo], undefined), { maxInputTokens: 16_384, maxOutputTokens: 16_384 });
    assert.deepEqual(chainLimits([mini as ModelInfo, mistral as ModelInfo], 4096), { maxInputTokens: 32_768 - 4096, maxOutputTokens: 4096 });
  });

  it('give prices, context and routing in the tooltip and prices in the detail', () => {
    const chain = offeredModels(settings({ provider: { sort: 'price', dataCollection: 'deny' } }), find).find((model) => model.id === DEFAULT_CHAIN_ID);
    assert.equal(chain?.detail, '$0.15 in · $0.60 out /M');
    assert.match(chain?.tooltip ?? '', /Context 128k: up to 124k in, 4\.1k out/);
    assert.match(chain?.tooltip ?? '', /Falls back to anthropic\/claude-sonnet-4 \(\$0\.15 in · \$0\.60 out \/M\)/);
    assert.match(chain?.tooltip ?? '', /Routing: sorted by price; no providers that store data/);
    assert.match(chain?.tooltip ?? '', /tokens {2}\nContext/, 'each line ends in a Markdown line break');
    const free = offeredModels(settings({ favoriteModels: ['meta-llama/llama-3.3-70b-instruct:free'] }), find).find((model) => model.id.endsWith(':free'));
    assert.equal(free?.detail, 'free');
    assert.equal(free?.family, 'llama-3.3-70b-instruct');
  });

  it('name families by the id without vendor or variant', () => {
    assert.equal(familyOf('openai/gpt-4o-mini'), 'gpt-4o-mini');
    assert.equal(familyOf('deepseek/deepseek-r1:free'), 'deepseek-r1');
  });

  it('list the default presets as choices with the default chain first', () => {
    const choices = offerChoices(settings({ presets: DEFAULT_PRESETS }));
    assert.equal(choices[0]?.id, DEFAULT_CHAIN_ID);
    assert.deepEqual(choices.slice(1, 5).map((choice) => choice.id), ['preset:simple', 'preset:code', 'preset:reason', 'preset:bulk']);
  });
});
