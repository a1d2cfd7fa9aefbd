import * as assert from 'node:assert/strict';
import { checkComparison, type PlannedColumn } from '../../../../src/core/compare/compare-budget';
import type { BudgetRoom, PricedModel } from '../../../../src/core/spend/budget-fit';
import { worstCaseCost } from '../../../../src/core/spend/cost';
import { sumUsd } from '../../../../src/core/spend/usd';
import type { SpendSummary } from '../../../../src/core/spend/ledger/totals';

const tally = (cost: number) => ({ cost, promptTokens: 0, completionTokens: 0, requests: 0 });
const spent = (usd: number): SpendSummary => ({ session: tally(usd), today: tally(usd), month: tally(usd) });

/** 1,000 answer tokens at $10/M: $0.01 each, prompt aside. */
const TEN: PricedModel = { pricing: { prompt: 0, completion: 0.00001 }, contextLength: 100_000 };
const ONE: PricedModel = { pricing: { prompt: 0, completion: 0.000001 }, contextLength: 100_000 };
const columns: PlannedColumn[] = [
  { model: 'x/ten-a', facts: TEN },
  { model: 'x/one', facts: ONE },
  { model: 'x/ten-b', facts: TEN },
];
const planned = { columns, promptTokens: 0, maxTokens: 1000 };

describe('comparison budget: the sum of every column’s worst case', () => {
  it('allows when the sum of the worst cases fits, to the last unit', () => {
    const room: BudgetRoom = { summary: spent(0), budgets: { session: 0.021 } };
    const sum = sumUsd(columns.map((column) => worstCaseCost({ model: column.facts!, promptTokens: 0, maxTokens: 1000 }).usd));
    assert.equal(sum, 0.021);
    assert.deepEqual(checkComparison(room, planned), { kind: 'allow' });
    assert.equal(checkComparison({ ...room, budgets: { session: 0.0209 } }, planned).kind, 'over', 'a hundredth of a cent less does not');
  });

  it('when the sum does not fit, offers a lower max_tokens for all and the columns that fit without the dearest', () => {
    const room: BudgetRoom = { summary: spent(0), budgets: { session: 0.0125 } };
    const decision = checkComparison(room, planned);
    assert.equal(decision.kind, 'over');
    if (decision.kind !== 'over') return;
    // 0.0125 / (0.00001 + 0.000001 + 0.00001) per token = 595 tokens each.
    assert.equal(decision.maxTokens, 595);
    assert.deepEqual(decision.keep, ['x/ten-a', 'x/one'], 'one dear column dropped, the order kept');
    assert.match(decision.reason, /all 3 answers together/);
  });

  it('counts the key’s own limit like a budget', () => {
    const decision = checkComparison({ summary: spent(0), budgets: {}, keyLimitRemaining: 0.015 }, planned);
    assert.equal(decision.kind, 'over');
  });

  it('offers no smaller set below two columns, and no lower max_tokens below what is worth asking for', () => {
    const decision = checkComparison({ summary: spent(0), budgets: { session: 0.0015 } }, planned);
    assert.deepEqual(decision.kind === 'over' ? [decision.keep, decision.maxTokens] : 'allowed', [undefined, undefined]);
  });
});
