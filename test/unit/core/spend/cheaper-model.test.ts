import assert from 'node:assert/strict';
import { cheaperModel, type CheaperQuery } from '../../../../src/core/spend/cheaper-model';
import { panelInput } from '../../../../src/core/conversation/panel-input';
import { describeCheaper } from '../../../../src/core/chat/prompt-estimate';
import { DEFAULT_MODEL, SETTINGS, conversation, effectsOf } from '../conversation/conversation-support';

/** Per-token prices; the current model's worst case for 1,000 prompt tokens and 4,096 out is about $0.064. */
const FACTS: Record<string, { pricing: { prompt: number; completion: number }; contextLength: number }> = {
  [DEFAULT_MODEL]: { pricing: { prompt: 3e-6, completion: 15e-6 }, contextLength: 128_000 },
  'a/cheap': { pricing: { prompt: 0.15e-6, completion: 0.6e-6 }, contextLength: 128_000 },
  'b/cheaper-small': { pricing: { prompt: 0.02e-6, completion: 0.05e-6 }, contextLength: 4_000 },
  'c/only-a-bit-cheaper': { pricing: { prompt: 1.5e-6, completion: 7e-6 }, contextLength: 128_000 },
};
const factsOf = (model: string) => FACTS[model];
const query = (extra: Partial<CheaperQuery> = {}): CheaperQuery => ({
  current: DEFAULT_MODEL, currentUsd: 0.0645, promptTokens: 1000, maxTokens: 4096,
  candidates: ['c/only-a-bit-cheaper', 'b/cheaper-small', 'a/cheap'], factsOf, ...extra,
});

describe('a much cheaper model for the same prompt', () => {
  it('names the cheapest favourite or preset at a third of the cost or less whose context holds the request', () => {
    const found = cheaperModel(query());
    assert.equal(found?.model, 'a/cheap', 'the smaller model cannot hold 1,000 + 4,096 tokens; the other saves too little');
    assert.ok(Math.abs((found?.worstCaseUsd ?? 0) - (1000 * 0.15e-6 + 4096 * 0.6e-6)) < 1e-12);
    assert.equal(cheaperModel(query({ maxTokens: 500 }))?.model, 'b/cheaper-small', 'a shorter answer fits the small one');
  });

  it('says nothing for small sums, for the model in use, or for models whose prices are unknown', () => {
    assert.equal(cheaperModel(query({ currentUsd: 0.0009 })), undefined);
    assert.equal(cheaperModel(query({ candidates: [DEFAULT_MODEL, 'unknown/model'] })), undefined);
  });

  it('words the offer with the fraction it costs', () => {
    assert.deepEqual(describeCheaper({ model: 'a/cheap', worstCaseUsd: 0.0026 }, 0.0645).label, 'cheap: at most $0.0026 (1/25)');
  });

  it('reaches the composer from the favourites and presets, and a click makes it the model in use', () => {
    const { chat } = conversation({ modelFacts: factsOf, draft: 'x'.repeat(4000), settings: { ...SETTINGS, favoriteModels: ['a/cheap'] } });
    assert.equal(chat.composerState().estimate?.cheaper?.model, 'a/cheap');
    const step = chat.dispatch(panelInput({ type: 'model/pick', model: 'a/cheap' }));
    assert.deepEqual(effectsOf(step, 'persistSelection'), [{ type: 'persistSelection', defaultModel: 'a/cheap', preset: undefined }]);
    assert.equal(chat.composerState().estimate?.cheaper, undefined, 'nothing cheaper than itself');
  });
});
