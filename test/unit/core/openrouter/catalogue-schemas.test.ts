import assert from 'node:assert/strict';
import {
  ModelInfoSchema,
  normaliseModel,
  parseModelList,
  parsePrice,
  WireModelSchema,
} from '../../../../src/core/openrouter/catalogue-schemas';
import { FAKE_MODELS } from '../../../fixtures/fake-openrouter/catalogue';

function normaliseListed(id: string) {
  const listing = FAKE_MODELS.find((model) => model.id === id);
  assert.ok(listing, `${id} is in the fake catalogue`);
  return normaliseModel(WireModelSchema.parse(listing));
}

describe('catalogue schemas', () => {
  it('parses USD-per-token price strings and treats "-1", garbage and absence as unknown', () => {
    assert.equal(parsePrice('0.000002'), 0.000002);
    assert.equal(parsePrice('0.0000000375'), 3.75e-8);
    assert.equal(parsePrice('1e-7'), 1e-7);
    assert.equal(parsePrice('0'), 0);
    assert.equal(parsePrice(0.5), 0.5);
    for (const unknown of ['-1', '-0.5', '', 'abc', '1,5', 'Infinity', null, undefined]) {
      assert.equal(parsePrice(unknown), undefined, String(unknown));
    }
  });

  it('normalises a listing: prices as numbers, context, limits, modalities, reasoning options', () => {
    const sonnet = normaliseListed('anthropic/claude-sonnet-4');
    assert.deepEqual(sonnet.pricing, {
      prompt: 0.000003, completion: 0.000015, request: 0, image: 0.0048, webSearch: 0.01, internalReasoning: 0,
      inputCacheRead: 0.0000003, inputCacheWrite: 0.00000375,
    });
    assert.equal(sonnet.contextLength, 200_000);
    assert.equal(sonnet.maxCompletionTokens, 64_000);
    assert.equal(sonnet.supportsVision, true);
    assert.deepEqual(sonnet.reasoning, { mandatory: false, efforts: ['low', 'medium', 'high'], defaultEffort: 'medium', supportsMaxTokens: true });
    assert.equal(sonnet.isFree, false);
    assert.equal(sonnet.name, 'Anthropic: Claude Sonnet 4');
    assert.ok(sonnet.supportedParameters.includes('tools'));
    assert.doesNotThrow(() => ModelInfoSchema.parse(sonnet), 'a normalised model is a valid persisted model');
  });

  it('flags :free entries and zero-priced models as free, and keeps paid ones paid', () => {
    assert.equal(normaliseListed('meta-llama/llama-3.3-70b-instruct:free').isFree, true);
    assert.equal(normaliseListed('meta-llama/llama-3.3-70b-instruct').isFree, false);
    const zeroPriced = normaliseModel(WireModelSchema.parse({ id: 'x/zero', pricing: { prompt: '0', completion: '0' } }));
    assert.equal(zeroPriced.isFree, true);
    const unknownPrices = normaliseModel(WireModelSchema.parse({ id: 'openrouter/auto', pricing: { prompt: '-1', completion: '-1' } }));
    assert.equal(unknownPrices.isFree, false, 'variable pricing is not free');
    assert.deepEqual(unknownPrices.pricing, {});
  });

  it('reads mandatory reasoning, missing max completion tokens and text-only input', () => {
    const r1 = normaliseListed('deepseek/deepseek-r1');
    assert.equal(r1.reasoning?.mandatory, true);
    assert.equal(r1.supportsVision, false);
    assert.equal(normaliseListed('mistralai/mistral-small-3.2-24b-instruct').maxCompletionTokens, undefined);
    assert.equal(normaliseListed('google/gemini-2.5-flash').contextLength, 1_048_576);
  });

  it('prefers the top provider context, falls back to the model context and to the modality string', () => {
    const model = normaliseModel(WireModelSchema.parse({
      id: 'a/b', context_length: 32_000, top_provider: { context_length: 16_000, max_completion_tokens: null },
      architecture: { modality: 'text+image->text' },
    }));
    assert.equal(model.contextLength, 16_000);
    assert.deepEqual(model.inputModalities, ['text', 'image']);
    assert.equal(model.supportsVision, true);
    const bare = normaliseModel(WireModelSchema.parse({ id: 'a/c', context_length: 32_000, top_provider: { context_length: null } }));
    assert.equal(bare.contextLength, 32_000);
    assert.equal(bare.name, 'a/c', 'the id stands in for a missing name');
    assert.equal(bare.reasoning, undefined);
  });

  it('derives reasoning support from supported_parameters when there is no reasoning object', () => {
    const model = normaliseModel(WireModelSchema.parse({ id: 'a/r', supported_parameters: ['reasoning', 'max_tokens'] }));
    assert.deepEqual(model.reasoning, { mandatory: false });
  });

  it('skips malformed entries, keeps odd-but-usable ones, ignores unknown fields and duplicates', () => {
    const parsed = parseModelList({
      data: [
        { id: 'good/one', pricing: { prompt: '0.000001', completion: '0.000002' }, brand_new_field: { nested: true } },
        { id: 5 },
        null,
        'not an entry',
        {},
        { id: 'odd/types', context_length: 'large', pricing: 'cheap', supported_parameters: 'tools', architecture: [] },
        { id: 'good/one', name: 'duplicate' },
      ],
      unexpected_top_level: 1,
    });
    assert.ok(parsed);
    assert.deepEqual(parsed.models.map((model) => model.id), ['good/one', 'odd/types']);
    assert.equal(parsed.skippedCount, 4);
    assert.deepEqual(parsed.skipped.map((skip) => skip.index), [1, 2, 3, 4]);
    assert.match(parsed.skipped[0]!.issue, /^id:/);
    const odd = parsed.models[1]!;
    assert.equal(odd.contextLength, undefined);
    assert.deepEqual(odd.pricing, {});
    assert.deepEqual(odd.supportedParameters, []);
  });

  it('rejects a body whose envelope does not fit', () => {
    assert.equal(parseModelList({ models: [] }), undefined);
    assert.equal(parseModelList([]), undefined);
    assert.equal(parseModelList('<html>'), undefined);
    assert.deepEqual(parseModelList({ data: [] }), { models: [], skippedCount: 0, skipped: [] });
  });

  it('normalises every model of the fake catalogue into a valid persisted record', () => {
    const parsed = parseModelList({ data: FAKE_MODELS });
    assert.ok(parsed);
    assert.equal(parsed.models.length, FAKE_MODELS.length);
    for (const model of parsed.models) assert.doesNotThrow(() => ModelInfoSchema.parse(model), model.id);
  });
});
