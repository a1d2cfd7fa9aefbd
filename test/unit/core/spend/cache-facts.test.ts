import * as assert from 'node:assert/strict';
import { cacheFactText, cacheFacts } from '../../../../src/core/spend/cache-facts';
import { cacheSavings } from '../../../../src/core/spend/ledger/entry';
import type { ModelPricing } from '../../../../src/core/openrouter/catalogue-schemas';

// Claude Sonnet 4's prices per token: $3/M prompt, $0.30/M cache read, $3.75/M cache write (5 minutes).
const sonnet: ModelPricing = { prompt: 0.000003, completion: 0.000015, inputCacheRead: 0.0000003, inputCacheWrite: 0.00000375 };
// GPT-4o-mini: reads at half price, writes not priced apart.
const mini: ModelPricing = { prompt: 0.00000015, completion: 0.0000006, inputCacheRead: 0.000000075 };

describe('cache facts', () => {
  it('the share of the prompt read from the cache and what the reads saved (the ledger\'s figure)', () => {
    const facts = cacheFacts({ promptTokens: 10_000, cachedTokens: 6_200, cacheWriteTokens: 300 }, sonnet, '5m');
    assert.equal(facts?.readShare, 0.62);
    // 6,200 tokens × ($3 − $0.30)/M.
    assert.equal(facts?.savedUsd, 0.01674);
    assert.equal(facts?.savedUsd, cacheSavings(6_200, sonnet));
    // 300 tokens × ($3.75 − $3)/M.
    assert.equal(facts?.writeExtraUsd, 0.000225);
    assert.equal(cacheFactText(facts!), '62% cached, saved $0.0167');
  });

  it('a write that cost more than the reads saved is shown, not hidden', () => {
    const facts = cacheFacts({ promptTokens: 5_000, cachedTokens: 0, cacheWriteTokens: 5_000 }, sonnet, '5m');
    assert.equal(facts?.writeExtraUsd, 0.00375);
    assert.equal(cacheFactText(facts!), 'cache write +$0.00375');
  });

  it('a one-hour write costs twice the prompt price, not the catalogue\'s five-minute price', () => {
    const facts = cacheFacts({ promptTokens: 5_000, cachedTokens: 1_000, cacheWriteTokens: 4_000 }, sonnet, '1h');
    // 4,000 × $3/M extra; 1,000 × $2.70/M saved.
    assert.equal(facts?.writeExtraUsd, 0.012);
    assert.equal(facts?.savedUsd, 0.0027);
    assert.equal(cacheFactText(facts!), '20% cached, saved $0.0027 · cache write +$0.0120');
  });

  it('automatic caches: reads saved, writes cost nothing extra', () => {
    const facts = cacheFacts({ promptTokens: 2_000, cachedTokens: 1_024, cacheWriteTokens: 976 }, mini, '1h');
    assert.equal(facts?.writeExtraUsd, 0);
    assert.equal(cacheFactText(facts!), '51% cached, saved $0.0000768');
  });

  it('nothing to say when the cache neither read nor wrote', () => {
    assert.equal(cacheFacts({ promptTokens: 2_000, cachedTokens: 0, cacheWriteTokens: 0 }, sonnet, '5m'), undefined);
  });

  it('a tiny share reads as under 1%, a near-total one never as 100%', () => {
    assert.equal(cacheFactText({ readShare: 0.001, savedUsd: 0.000001, writeExtraUsd: 0 }), '<1% cached, saved $0.000001');
    assert.equal(cacheFactText({ readShare: 0.999, savedUsd: 0.01, writeExtraUsd: 0 }), '99% cached, saved $0.0100');
  });
});
