import assert from 'node:assert/strict';
import type { ModelPricing } from '../../../../src/core/openrouter/catalogue-schemas';
import { blendedPrice, capChainByPrice, dearerText, priceChange, priceChangeText } from '../../../../src/core/spend/price-ratio';

const perMillion = (prompt: number | undefined, completion: number | undefined): ModelPricing => ({
  ...(prompt !== undefined ? { prompt: prompt / 1e6 } : {}),
  ...(completion !== undefined ? { completion: completion / 1e6 } : {}),
});
const MISTRAL_7B = perMillion(0.028, 0.054);
const HAIKU = perMillion(0.8, 4);
const FREE = perMillion(0, 0);

describe('price ratio (how much dearer a fallback is)', () => {
  it('blends prompt and completion prices 3 : 1', () => {
    assert.ok(Math.abs((blendedPrice(HAIKU) ?? 0) * 1e6 - 1.6) < 1e-9);
    assert.equal(blendedPrice(perMillion(1, undefined)), undefined, 'an unknown price is not free');
  });

  it('names the ratio when the next model is 3× dearer or more, rounded to two figures', () => {
    const change = priceChange(MISTRAL_7B, HAIKU);
    assert.equal(change?.kind, 'ratio');
    assert.equal(priceChangeText(change!), 'about 46× the price per token');
    assert.equal(priceChangeText({ kind: 'ratio', ratio: 463.2 }), 'about 460× the price per token');
    assert.equal(priceChangeText({ kind: 'ratio', ratio: 3.4 }), 'about 3× the price per token');
    assert.equal(priceChangeText({ kind: 'ratio', ratio: 1234 }), 'about 1,200× the price per token');
  });

  it('says nothing of a model that is cheaper or only a little dearer', () => {
    assert.equal(priceChange(HAIKU, MISTRAL_7B), undefined);
    assert.equal(priceChange(HAIKU, perMillion(2, 10)), undefined, '2.5× is not worth a word');
    assert.equal(priceChange(HAIKU, perMillion(2.4, 12))?.kind, 'ratio', 'exactly 3× is');
  });

  it('says a free model gave way to a paid one, without a ratio', () => {
    assert.deepEqual(priceChange(FREE, HAIKU), { kind: 'paid' });
    assert.equal(priceChangeText({ kind: 'paid' }), 'a paid model');
    assert.equal(priceChange(FREE, FREE), undefined);
    assert.equal(priceChange(HAIKU, FREE), undefined);
  });

  it('gives no ratio when either price is unknown', () => {
    assert.equal(priceChange(undefined, HAIKU), undefined, 'not in the catalogue');
    assert.equal(priceChange(MISTRAL_7B, undefined), undefined);
    assert.equal(priceChange(MISTRAL_7B, perMillion(undefined, 4)), undefined, 'a variable price');
  });
});

describe('the price cap on fallbacks', () => {
  const prices: Record<string, { prompt: number; completion: number }> = {
    'a/cheap': { prompt: 1e-7, completion: 4e-7 },
    'b/dear': { prompt: 1e-5, completion: 4e-5 },
    'c/cheap-too': { prompt: 2e-7, completion: 8e-7 },
    'f/free': { prompt: 0, completion: 0 },
  };
  const pricingOf = (model: string) => prices[model];

  it('leaves out the fallbacks dearer than the cap allows, relative to the first model, and keeps the order', () => {
    const capped = capChainByPrice(['a/cheap', 'b/dear', 'unknown/model', 'c/cheap-too'], pricingOf, 10);
    assert.deepEqual(capped.chain, ['a/cheap', 'unknown/model', 'c/cheap-too'], 'an unknown price is no reason to skip');
    assert.deepEqual(capped.dearer.map((d) => [d.model, Math.round(d.ratio), d.cap]), [['b/dear', 100, 10]]);
    assert.equal(dearerText(capped.dearer), 'b/dear (about 100× the price per token) not tried: over the 10× price cap of openrouter.fallbackMaxPriceRatio');
  });

  it('keeps the whole chain with no cap, and the first model whatever its price', () => {
    assert.deepEqual(capChainByPrice(['b/dear', 'a/cheap'], pricingOf, 0).chain, ['b/dear', 'a/cheap']);
    assert.deepEqual(capChainByPrice(['b/dear', 'a/cheap'], pricingOf, 2).chain, ['b/dear', 'a/cheap']);
    assert.deepEqual(capChainByPrice(['a/cheap', 'b/dear'], pricingOf, 100).chain, ['a/cheap', 'b/dear'], 'exactly at the cap is allowed');
  });

  it('leaves a free first model only free fallbacks under any cap', () => {
    const capped = capChainByPrice(['f/free', 'a/cheap', 'f/free'], pricingOf, 1000);
    assert.deepEqual(capped.chain, ['f/free', 'f/free']);
    assert.match(dearerText(capped.dearer), /^a\/cheap \(a paid model\) not tried/);
  });
});
