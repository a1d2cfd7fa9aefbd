import * as assert from 'node:assert/strict';
import { budgetState, checkRequest, hasBudget, type BudgetSettings, type RequestCheck } from '../../../../src/core/spend/budget';
import { BudgetWarnings } from '../../../../src/core/spend/budget-warn';
import { worstCaseCost } from '../../../../src/core/spend/cost';
import type { SpendSummary, SpendTally } from '../../../../src/core/spend/ledger/totals';
import { sumUsd } from '../../../../src/core/spend/usd';
import { seeded } from '../../file-store/memory-fs';

const spent = (cost: number): SpendTally => ({ cost, promptTokens: 0, completionTokens: 0, requests: 0 });
const summary = (session: number, today = session, month = today): SpendSummary => ({ session: spent(session), today: spent(today), month: spent(month) });

/** $1 per million prompt tokens, $10 per million output tokens, 16k max output: a 1,000-token prompt costs $0.001. */
const MODEL = { pricing: { prompt: 0.000001, completion: 0.00001 }, contextLength: 128_000, maxCompletionTokens: 16_384 };
const worstCase = (maxTokens: number) => worstCaseCost({ model: MODEL, promptTokens: 1000, maxTokens }).usd;

function check(overrides: Partial<RequestCheck>): ReturnType<typeof checkRequest> {
  return checkRequest({ summary: summary(0), budgets: {}, worstCase, maxTokens: 4096, ...overrides });
}

describe('budget state', () => {
  it('is ok with no budgets, and ignores null, negative and non-finite ones', () => {
    for (const budgets of [{}, { session: null, daily: undefined, monthly: null }, { daily: -1, monthly: Number.NaN, session: Infinity }] as BudgetSettings[]) {
      const state = budgetState(summary(5), budgets);
      assert.equal(state.level, 'ok');
      assert.equal(state.budget, undefined);
      assert.deepEqual(state.budgets, []);
    }
  });

  it('warns at exactly warnAtPercent and is exceeded at exactly the limit', () => {
    assert.equal(budgetState(summary(0, 0.79999999), { daily: 1 }).level, 'ok');
    assert.equal(budgetState(summary(0, 0.8), { daily: 1 }).level, 'warning');
    assert.equal(budgetState(summary(0, 0.07), { daily: 0.1, warnAtPercent: 70 }).level, 'warning', '0.07 × 100 is not exactly 7 in floats; units are');
    assert.equal(budgetState(summary(0, 0.99999999), { daily: 1 }).level, 'warning');
    const exceeded = budgetState(summary(0, 1), { daily: 1 });
    assert.equal(exceeded.level, 'exceeded');
    assert.deepEqual(exceeded.budget, { budget: 'daily', limit: 1, spent: 1, remaining: 0, percent: 100, level: 'exceeded' });
    assert.equal(budgetState(summary(0.5), { session: 1, warnAtPercent: 50 }).level, 'warning');
    assert.equal(budgetState(summary(0), { session: 0 }).level, 'exceeded', 'a zero budget allows nothing');
  });

  it('reports the worst budget, and the most used among equals', () => {
    const state = budgetState(summary(0.85, 1.5, 95), { session: 1, daily: 2, monthly: 100 });
    assert.equal(state.level, 'warning');
    assert.equal(state.budget?.budget, 'monthly', '95% beats 85%; 75% is ok');
    assert.deepEqual(state.budgets.map((b) => [b.budget, b.level]), [['session', 'warning'], ['daily', 'ok'], ['monthly', 'warning']]);
    assert.equal(state.budgets[1]?.remaining, 0.5);
    const worse = budgetState(summary(0.85, 2.5, 95), { session: 1, daily: 2, monthly: 100 });
    assert.equal(worse.budget?.budget, 'daily');
    assert.equal(worse.budget?.remaining, 0);
  });
});

describe('whether a budget is set', () => {
  it('counts only usable limits, as the checks do', () => {
    assert.equal(hasBudget({}), false);
    assert.equal(hasBudget({ session: null, daily: -1, monthly: Number.NaN }), false);
    assert.equal(hasBudget({ daily: 0 }), true);
    assert.equal(hasBudget({ monthly: 25 }), true);
  });
});

describe('request check', () => {
  it('allows anything when nothing limits it', () => {
    assert.deepEqual(check({ budgets: { session: null }, keyLimitRemaining: null }), { kind: 'allow' });
    assert.deepEqual(check({ maxTokens: undefined }), { kind: 'allow' });
  });

  it('allows a request whose worst case fits exactly', () => {
    // 1000 prompt tokens + 4096 output tokens = 0.001 + 0.04096.
    assert.deepEqual(check({ budgets: { daily: 1 }, summary: summary(0, 1 - 0.04196) }), { kind: 'allow' });
  });

  it('blocks when there is no headroom left', () => {
    const decision = check({ budgets: { daily: 1, monthly: 10 }, summary: summary(0, 1, 3) });
    assert.equal(decision.kind, 'block');
    assert.equal(decision.kind === 'block' && decision.budget, 'daily');
    assert.match(decision.kind === 'block' ? decision.reason : '', /daily budget of \$1\.00 is spent/);
    assert.equal(check({ budgets: { session: 0.5 }, summary: summary(0.75) }).kind, 'block', 'also when already over');
  });

  it('clamps max_tokens to the largest that fits, exactly at the boundary', () => {
    const decision = check({ budgets: { daily: 1 }, summary: summary(0, 0.995) });
    assert.equal(decision.kind, 'clamp');
    assert.ok(decision.kind === 'clamp');
    // 0.005 left − 0.001 prompt = 0.004 = 400 tokens at $0.00001.
    assert.equal(decision.maxTokens, 400);
    assert.equal(decision.budget, 'daily');
    assert.equal(decision.headroom, 0.005);
    assert.ok(worstCase(400) <= 0.005 && worstCase(401) > 0.005);
    assert.match(decision.reason, /from 4096 to 400/);
  });

  it('blocks instead of clamping below the smallest useful answer', () => {
    const tiny = check({ budgets: { daily: 1 }, summary: summary(0, 0.998) }); // room for 100 tokens
    assert.equal(tiny.kind, 'block');
    assert.match(tiny.kind === 'block' ? tiny.reason : '', /at most 100 answer tokens/);
    assert.deepEqual(check({ budgets: { daily: 1 }, summary: summary(0, 0.998), minUsefulTokens: 100 }), { kind: 'clamp', maxTokens: 100, budget: 'daily', headroom: 0.002, reason: 'max_tokens lowered from 4096 to 100 to stay within the $0.002 left of the daily budget.' });
    assert.equal(check({ budgets: { daily: 1 }, summary: summary(0, 0.998), maxTokens: 150 }).kind, 'block', 'the floor is never above what was asked');
    assert.equal(check({ budgets: { daily: 1 }, summary: summary(0, 0.9995) }).kind, 'block', 'the prompt alone does not fit');
  });

  it('uses the key limit when it is tighter than every budget', () => {
    const decision = check({ budgets: { daily: 100, monthly: 1000 }, summary: summary(0, 1, 1), keyLimitRemaining: 0.011 });
    assert.equal(decision.kind, 'clamp');
    assert.equal(decision.kind === 'clamp' && decision.budget, 'key');
    assert.equal(decision.kind === 'clamp' && decision.maxTokens, 1000);
    const none = check({ keyLimitRemaining: 0 });
    assert.equal(none.kind === 'block' && none.budget, 'key');
    assert.equal(check({ keyLimitRemaining: -2 }).kind, 'block', 'a key already over its limit');
  });

  it('picks the budget with the least headroom, counting requests in flight', () => {
    const decision = check({ budgets: { session: 10, daily: 100, monthly: 1000 }, summary: summary(9.995, 50, 999.5) });
    assert.equal(decision.kind === 'clamp' && decision.budget, 'session');
    assert.equal(decision.kind === 'clamp' && decision.maxTokens, 400);
    const busy = check({ budgets: { session: 10 }, summary: summary(9.995), inFlight: 0.002, minUsefulTokens: 100 });
    assert.equal(busy.kind === 'clamp' && busy.maxTokens, 200);
    assert.equal(check({ budgets: { session: 10 }, summary: summary(9.99), inFlight: 0.01 }).kind, 'block');
  });

  it('bounds a request without max_tokens by the model limit, and clamps it when that does not fit', () => {
    // Worst case with the model's 16,384-token limit: 0.001 + 0.16384.
    assert.deepEqual(check({ budgets: { daily: 1 }, maxTokens: undefined }), { kind: 'allow' });
    const decision = check({ budgets: { daily: 1 }, summary: summary(0, 0.9), maxTokens: undefined });
    assert.equal(decision.kind === 'clamp' && decision.maxTokens, 9900);
    assert.match(decision.kind === 'clamp' ? decision.reason : '', /from the model’s limit to 9900/);
    const unknownLimits = (t: number) => worstCaseCost({ model: { pricing: MODEL.pricing }, promptTokens: 1000, maxTokens: t }).usd;
    const unbounded = check({ budgets: { daily: 1 }, maxTokens: undefined, worstCase: unknownLimits });
    assert.equal(unbounded.kind === 'clamp' && unbounded.maxTokens, 99_900, 'no model limit: a budget still bounds the answer');
  });

  it('never overshoots a budget when requests cost at most their worst case (random sequences)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = seeded(seed);
      const limit = Math.round(random() * 1e6) / 1e7 + 0.01;
      const costs: number[] = [];
      for (let i = 0; i < 500; i++) {
        const promptTokens = Math.floor(random() * 5000);
        const requestWorst = (t: number) => worstCaseCost({ model: MODEL, promptTokens, maxTokens: t }).usd;
        const asked = random() < 0.2 ? undefined : 1 + Math.floor(random() * 8000);
        const decision = checkRequest({ summary: summary(sumUsd(costs)), budgets: { session: limit }, worstCase: requestWorst, maxTokens: asked, minUsefulTokens: 16 });
        if (decision.kind === 'block') continue;
        const bound = requestWorst(decision.kind === 'clamp' ? decision.maxTokens : (asked ?? 2 ** 31 - 1));
        costs.push(Math.round(bound * random() * 1e12) / 1e12);
        assert.ok(sumUsd(costs) <= limit, `seed ${seed}: spent ${sumUsd(costs)} of ${limit}`);
      }
    }
  });
});

describe('budget warnings', () => {
  const day = (d: number, h = 12) => new Date(2026, 10, d, h).getTime();
  const budgets: BudgetSettings = { session: 1, daily: 2, monthly: 10 };

  it('fires once per threshold crossing per period', () => {
    const warnings = new BudgetWarnings();
    const at = (session: number, today: number, month: number, now: number) => warnings.update(budgetState(summary(session, today, month), budgets), now).map((a) => `${a.budget}:${a.level}`);
    assert.deepEqual(at(0.1, 0.1, 0.1, day(1)), []);
    assert.deepEqual(at(0.85, 0.85, 0.85, day(1)), ['session:warning']);
    assert.deepEqual(at(0.9, 0.9, 0.9, day(1)), [], 'still the same crossing');
    assert.deepEqual(at(1.7, 1.7, 1.7, day(1)), ['session:exceeded', 'daily:warning']);
    assert.deepEqual(at(1.8, 2.1, 8.1, day(1)), ['daily:exceeded', 'monthly:warning']);
    assert.deepEqual(at(1.8, 2.2, 8.2, day(1)), []);
    assert.deepEqual(at(1.9, 0.1, 8.3, day(2)), [], 'a new day starts the daily budget over; the month already warned');
    assert.deepEqual(at(1.9, 1.9, 10, day(2)), ['daily:warning', 'monthly:exceeded']);
  });

  it('fires straight to exceeded when one request jumps past both thresholds', () => {
    const warnings = new BudgetWarnings();
    const alerts = warnings.update(budgetState(summary(0, 3, 3), budgets), day(3));
    assert.deepEqual(alerts.map((a) => [a.budget, a.level, a.status.spent]), [['daily', 'exceeded', 3]]);
  });

  it('fires again after the budget is raised and crossed again', () => {
    const warnings = new BudgetWarnings();
    assert.equal(warnings.update(budgetState(summary(0, 1.7), { daily: 2 }), day(4)).length, 1);
    assert.equal(warnings.update(budgetState(summary(0, 1.7), { daily: 5 }), day(4)).length, 0, 'raised: back to ok');
    assert.equal(warnings.update(budgetState(summary(0, 4.5), { daily: 5 }), day(4)).length, 1, 'a new crossing');
  });

  it('restores what it announced, except for the session, and ignores garbage', () => {
    const first = new BudgetWarnings();
    first.update(budgetState(summary(0.9, 1.7, 1.7), budgets), day(5));
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as unknown;
    assert.deepEqual(Object.keys(snapshot as object).sort(), ['daily', 'monthly']);
    const reloaded = new BudgetWarnings(snapshot);
    const alerts = reloaded.update(budgetState(summary(0.9, 1.7, 1.7), budgets), day(5)).map((a) => a.budget);
    assert.deepEqual(alerts, ['session'], 'the daily warning is not repeated after a reload; a new session warns for itself');
    assert.equal(new BudgetWarnings({ daily: { period: 5, level: 'nope' } }).update(budgetState(summary(0, 1.7), budgets), day(5)).length, 1);
  });

  it('does not warn again for a session that survives a reload, and warns for a new one', () => {
    const first = new BudgetWarnings(undefined, 'session-a');
    assert.deepEqual(first.update(budgetState(summary(0.9, 0), budgets), day(6)).map((a) => a.budget), ['session']);
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as unknown;
    const reloaded = new BudgetWarnings(snapshot, 'session-a');
    assert.deepEqual(reloaded.update(budgetState(summary(0.9, 0), budgets), day(6)), [], 'the same session, already warned');
    const next = new BudgetWarnings(snapshot, 'session-b');
    assert.deepEqual(next.update(budgetState(summary(0.9, 0), budgets), day(6)).map((a) => a.budget), ['session']);
  });
});
