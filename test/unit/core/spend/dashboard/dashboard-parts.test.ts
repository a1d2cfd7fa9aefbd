import * as assert from 'node:assert/strict';
import { invalidResponseError, missingKeyError } from '../../../../../src/core/openrouter/errors';
import { normaliseKeyInfo } from '../../../../../src/core/openrouter/key-info';
import { fractionOf, niceAxis, percentLabel, usdTickLabel } from '../../../../../src/core/spend/dashboard/axis';
import { dayCount, daysBetween, monthsBetween, rangeBounds, spanLabel, timeLabel } from '../../../../../src/core/spend/dashboard/dates';
import { formatUsd, groupDigits } from '../../../../../src/core/format';
import { keyCard } from '../../../../../src/core/spend/dashboard/key';
import { DashboardToHost } from '../../../../../src/protocol/dashboard';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

describe('usage dashboard parts', () => {
  it('axes: round ticks from 0 to the first at or above the largest value', () => {
    const axis = niceAxis(0.0123);
    assert.deepEqual(axis.ticks.map((t) => t.value), [0, 0.005, 0.01, 0.015]);
    assert.deepEqual(axis.ticks.map((t) => t.label), ['$0', '$0.005', '$0.010', '$0.015']);
    assert.equal(axis.max, 0.015);
    assert.equal(axis.ticks.at(-1)?.fraction, 1);
    assert.deepEqual(niceAxis(1).ticks.map((t) => t.label), ['$0', '$0.25', '$0.50', '$0.75', '$1.00']);
    assert.deepEqual(niceAxis(0.3).ticks.map((t) => t.value), [0, 0.1, 0.2, 0.3], 'no binary noise');
    assert.deepEqual(niceAxis(0.000042).ticks.map((t) => t.label), ['$0', '$0.00002', '$0.00004', '$0.00006']);
    assert.deepEqual(niceAxis(0), { max: 0, ticks: [{ value: 0, fraction: 0, label: '$0' }] });
    assert.deepEqual(niceAxis(Number.NaN).max, 0);
    for (const max of [0.0001, 0.07, 3.2, 47, 999, 12345]) {
      const a = niceAxis(max);
      assert.ok(a.max >= max && a.ticks.length >= 2 && a.ticks.length <= 12, `axis for ${max}`);
    }
    assert.equal(usdTickLabel(0.0025, 0.0025), '$0.0025');
  });

  it('fractions and percentages clamp and never divide by zero', () => {
    assert.equal(fractionOf(5, 0), 0);
    assert.equal(fractionOf(-1, 10), 0);
    assert.equal(fractionOf(20, 10), 1);
    assert.deepEqual([percentLabel(0), percentLabel(0.004), percentLabel(0.426), percentLabel(1)], ['0%', '<1%', '43%', '100%']);
    assert.equal(groupDigits(1234567), '1,234,567');
    assert.deepEqual([formatUsd(2.3e-7), formatUsd(-4.56e-9), formatUsd(0.0000068), formatUsd(0.0123), formatUsd(0)], ['$0.00000023', '-$0.00000000456', '$0.0000068', '$0.0123', '$0.00']);
  });

  it('dates: range bounds, whole days, months and labels', () => {
    const now = at(2026, 3, 10, 9);
    assert.deepEqual(rangeBounds('7d', now), { from: at(2026, 3, 4, 0), to: at(2026, 3, 11, 0) });
    assert.deepEqual(rangeBounds('month', now), { from: at(2026, 3, 1, 0), to: at(2026, 3, 11, 0) });
    assert.deepEqual(rangeBounds('all', now), { from: undefined, to: undefined });
    assert.equal(daysBetween(at(2026, 2, 27), at(2026, 3, 2)).map((d) => d.key).join(' '), '2026-02-27 2026-02-28 2026-03-01 2026-03-02');
    assert.deepEqual(daysBetween(at(2026, 3, 2), at(2026, 3, 1)), []);
    assert.equal(monthsBetween(at(2025, 11, 30), at(2026, 2, 1)).map((m) => m.key).join(' '), '2025-11 2025-12 2026-01 2026-02');
    assert.equal(dayCount(at(2026, 1, 1, 23), at(2026, 12, 31, 1)), 365);
    assert.equal(spanLabel(at(2026, 3, 4), at(2026, 3, 10)), 'Mar 4 – Mar 10, 2026');
    assert.equal(spanLabel(at(2026, 3, 10, 1), at(2026, 3, 10, 23)), 'Mar 10, 2026');
    assert.equal(timeLabel(new Date(2026, 2, 10, 7, 5).getTime()), 'Mar 10, 07:05');
  });

  it('credits card: limit, remaining, usage today and this month as OpenRouter reports them', () => {
    const info = normaliseKeyInfo({ label: 'sk-or-v1-abc...xyz', limit: 20, limit_remaining: 18.75, limit_reset: 'monthly', usage: 41.5, usage_daily: 0.25, usage_monthly: 1.25, byok_usage: 0 });
    const card = keyCard({ info, fetchedAt: at(2026, 3, 10, 9), error: undefined });
    assert.equal(card.status, 'ok');
    assert.deepEqual([card.limitLabel, card.remainingLabel, card.usageDailyLabel, card.usageMonthlyLabel, card.usageLabel], ['$20.00', '$18.75', '$0.2500', '$1.25', '$41.50']);
    assert.equal(card.usedFraction, 1.25 / 20);
    assert.equal(card.limitResetLabel, 'resets monthly');
    assert.equal(card.byokLabel, undefined, 'no BYOK line when nothing was spent on own keys');
    assert.equal(card.fetchedLabel, 'as of Mar 10, 09:00');
    assert.match(card.summary, /limit \$20\.00, \$18\.75 remaining \(6% used\)\. Usage today \$0\.2500, this month \$1\.25, all time \$41\.50\./);

    const unlimited = keyCard({ info: normaliseKeyInfo({ usage: 3 }), fetchedAt: 1, error: invalidResponseError('key: bad', '') });
    assert.deepEqual([unlimited.limitLabel, unlimited.remainingLabel, unlimited.usedFraction, unlimited.usageDailyLabel], ['No limit', 'No limit', undefined, 'not reported']);
    assert.ok(unlimited.error, 'a failed refresh is shown beside the last figures');
    assert.equal(keyCard({ info: undefined, fetchedAt: undefined, error: missingKeyError() }).status, 'no-key');
    assert.equal(keyCard({ info: undefined, fetchedAt: undefined, error: invalidResponseError('key: bad', '') }).status, 'error');
    assert.equal(keyCard(undefined).status, 'loading');
    assert.equal(keyCard({ info: undefined, fetchedAt: undefined, error: undefined }).status, 'loading');
  });

  it('the webview may only send the catalogued messages', () => {
    assert.ok(DashboardToHost.safeParse({ type: 'dashboard/ready' }).success);
    assert.ok(DashboardToHost.safeParse({ type: 'dashboard/filter', filter: { range: '7d', model: 'openai/gpt-4o' } }).success);
    assert.equal(DashboardToHost.safeParse({ type: 'dashboard/filter', filter: { range: '1y' } }).success, false);
    assert.equal(DashboardToHost.safeParse({ type: 'dashboard/filter', filter: { range: '7d', model: '' } }).success, false);
    assert.ok(DashboardToHost.safeParse({ type: 'dashboard/filter', filter: { range: '7d', surface: 'vscode-chat' } }).success);
    assert.equal(DashboardToHost.safeParse({ type: 'dashboard/filter', filter: { range: '7d', surface: 'terminal' } }).success, false);
    assert.equal(DashboardToHost.safeParse({ type: 'dashboard/filter' }).success, false);
    assert.equal(DashboardToHost.safeParse({ type: 'chat/send', text: 'hi' }).success, false);
  });
});
