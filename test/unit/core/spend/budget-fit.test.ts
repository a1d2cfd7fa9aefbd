import * as assert from 'node:assert/strict';
import { checkRequest } from '../../../../src/core/spend/budget';
import { checkPlanned, cheapestFittingModel, type BudgetRoom, type PricedModel } from '../../../../src/core/spend/budget-fit';
import { worstCaseCost } from '../../../../src/core/spend/cost';
import type { SpendSummary } from '../../../../src/core/spend/ledger/totals';

const tally = (cost: number) => ({ cost, promptTokens: 0, completionTokens: 0, requests: 0 });
const spent = (session: number): SpendSummary => ({ session: tally(session), today: tally(session), month: tally(session) });

/** Prices per token: a 1,000-token prompt and 4,096 answer tokens cost $0.0010 + $0.04096 on DEAR. */
const DEAR: PricedModel = { pricing: { prompt: 0.000001, completion: 0.00001 }, contextLength: 128_000, maxCompletionTokens: 16_384 };
const MIDDLE: PricedModel = { pricing: { prompt: 0.0000002, completion: 0.000002 }, contextLength: 128_000 };
const CHEAP: PricedModel = { pricing: { prompt: 0.0000001, completion: 0.0000005 }, contextLength: 32_000 };
const FACTS: Record<string, PricedModel> = { 'x/dear': DEAR, 'x/middle': MIDDLE, 'x/cheap': CHEAP };
const facts = (model: string): PricedModel | undefined => FACTS[model];

describe('budget fit: what the check would do with a planned request', () => {
  const room: BudgetRoom = { summary: spent(0.33), budgets: { session: 0.35 } };

  it('is the check itself, fed the planned request’s worst case', () => {
    for (const maxTokens of [undefined, 100, 1500, 4096]) {
      const expected = checkRequest({ ...room, worstCase: (tokens) => worstCaseCost({ model: DEAR, promptTokens: 1000, maxTokens: tokens }).usd, maxTokens });
      assert.deepEqual(checkPlanned(room, { model: DEAR, promptTokens: 1000, maxTokens }), expected);
    }
  });

  it('blocks, lowers or allows as what the session budget leaves allows, even at a third of it spent', () => {
    const decide = (session: number) => checkPlanned({ summary: spent(session), budgets: { session: 0.06 } }, { model: DEAR, promptTokens: 1000, maxTokens: 4096 });
    assert.equal(decide(0).kind, 'allow');
    assert.deepEqual(decide(0.02), { kind: 'clamp', maxTokens: 3900, budget: 'session', headroom: 0.04, reason: 'max_tokens lowered from 4096 to 3900 to stay within the $0.0400 left of the session budget.' });
    assert.equal(decide(0.0575).kind, 'block', 'a third of the way is not the point: what is left is');
  });

  it('without the model’s prices only a spent limit stops a request', () => {
    assert.equal(checkPlanned(room, { model: undefined, promptTokens: 1000, maxTokens: 4096 }).kind, 'allow');
    assert.equal(checkPlanned({ summary: spent(0.35), budgets: { session: 0.35 } }, { model: undefined, promptTokens: 1000, maxTokens: 4096 }).kind, 'block');
  });
});

describe('budget fit: the model a blocked answer offers instead', () => {
  const query = { room: { summary: spent(0.33), budgets: { session: 0.34 } }, blocked: 'x/dear', promptTokens: 1000, maxTokens: 4096, facts };

  it('is the cheapest candidate that fits, whatever its place in the list', () => {
    assert.equal(cheapestFittingModel({ ...query, candidates: ['x/middle', 'x/cheap', 'x/dear'] }), 'x/cheap');
  });

  it('may be one the check would send with fewer max_tokens', () => {
    // $0.0096 left: MIDDLE's worst case ($0.0084) fits whole, CHEAP's is lower still; with $0.0005 left only a clamp fits.
    const tight = { ...query, room: { summary: spent(0.3395), budgets: { session: 0.34 } } };
    assert.equal(checkPlanned(tight.room, { model: CHEAP, promptTokens: 1000, maxTokens: 4096 }).kind, 'clamp');
    assert.equal(cheapestFittingModel({ ...tight, candidates: ['x/middle', 'x/cheap'] }), 'x/cheap');
  });

  it('is never the blocked model, a model without prices, or one the check would block too', () => {
    assert.equal(cheapestFittingModel({ ...query, candidates: ['x/dear', 'x/unknown'] }), undefined);
    const spentOut = { ...query, room: { summary: spent(0.34), budgets: { session: 0.34 } } };
    assert.equal(cheapestFittingModel({ ...spentOut, candidates: ['x/middle', 'x/cheap'] }), undefined);
  });

  it('prefers the earlier of equally cheap candidates', () => {
    const twin = (model: string) => (model === 'x/twin' ? CHEAP : facts(model));
    assert.equal(cheapestFittingModel({ ...query, facts: twin, candidates: ['x/twin', 'x/cheap'] }), 'x/twin');
  });
});
