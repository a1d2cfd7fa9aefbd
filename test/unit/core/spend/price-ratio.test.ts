import assert from 'node:assert/strict';
import type { ModelPricing } from '../../../../src/core/openrouter/catalogue-schemas';
import { blendedPrice, priceChange, priceChangeText } from '../../../../src/core/spend/price-ratio';

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
