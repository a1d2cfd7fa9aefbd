import * as assert from 'node:assert/strict';
import { buildDashboard } from '../../src/core/spend/dashboard/model';
import type { DashboardFilter, DashboardState } from '../../src/protocol/dashboard-state';
import type { LedgerRecord } from '../../src/core/spend/ledger/record';
import { openDashboard, screenshot, settle, type DashboardPage } from './dashboard-page';

const NOW = new Date(2026, 10, 25, 15, 30).getTime();
const GPT = 'openai/gpt-4o';
const CLAUDE = 'anthropic/claude-sonnet-4';
const GEMINI = 'google/gemini-2.5-pro';

function record(id: string, fields: Partial<LedgerRecord>): LedgerRecord {
  return {
    id, at: NOW, workspace: 'project', requestedModel: 'openai/gpt-4o-mini', model: 'openai/gpt-4o-mini', provider: 'OpenAI',
    promptTokens: 1200, completionTokens: 300, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, cost: 0.00036,
    costSource: 'exact', isByok: false, outcome: 'done', fallbackPath: [], ...fields,
  };
}

const compared = (id: string, comparisonId: string, model: string, at: number, fields: Partial<LedgerRecord>): LedgerRecord =>
  record(id, { comparisonId, model, requestedModel: model, at, ...fields });

/** Ordinary requests, a comparison of three models (one failed) on Nov 24, and an older one of two on Nov 10. */
function ledger(): LedgerRecord[] {
  const nov24 = new Date(2026, 10, 24, 10, 15).getTime();
  const nov10 = new Date(2026, 10, 10, 9, 5).getTime();
  return [
    record('plain-1', { at: new Date(2026, 10, 23, 9).getTime(), cost: 0.01 }),
    record('plain-2', { at: new Date(2026, 10, 25, 9).getTime(), cost: 0.02 }),
    compared('a1', 'cmp-new', GPT, nov24, { cost: 0.0125, promptTokens: 1000, completionTokens: 400, durationMs: 4200 }),
    compared('a2', 'cmp-new', CLAUDE, nov24 + 3000, { cost: 0.03, promptTokens: 1000, completionTokens: 650, durationMs: 8100 }),
    compared('a3', 'cmp-new', GEMINI, nov24 + 500, { cost: 0.0004, promptTokens: 1000, completionTokens: 0, outcome: 'error' }),
    compared('b1', 'cmp-old', GPT, nov10, { cost: 0.002, durationMs: 1500 }),
    compared('b2', 'cmp-old', CLAUDE, nov10, { cost: 0.004, durationMs: 2500 }),
  ];
}

function state(filter: Partial<DashboardFilter> = {}, records = ledger()): DashboardState {
  return buildDashboard({ records, filter: { range: '30d', ...filter }, now: NOW });
}

async function show(dashboard: DashboardPage, s: DashboardState): Promise<void> {
  await dashboard.send({ type: 'dashboard/state', state: s });
  await dashboard.page.locator('[data-section="spend"] svg.spend-chart').waitFor();
  await settle(dashboard.page);
}

describe('the usage dashboard\'s comparisons', function () {
  let dashboard: DashboardPage;

  afterEach(async () => dashboard?.close());

  it('lists each comparison, newest first, opening to each model\'s cost, tokens and time from the keyboard', async () => {
    dashboard = await openDashboard();
    const s = state();
    await show(dashboard, s);
    const { page } = dashboard;
    const card = page.getByRole('region', { name: 'Comparisons' });
    assert.match(await card.locator('.note').innerText(), /^2 comparisons in this range, \$0\.0489 in total\.$/);
    const entries = card.locator('details.comparison');
    assert.deepEqual(await entries.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-comparison'))), ['cmp-new', 'cmp-old']);
    const newest = entries.first();
    assert.equal(await newest.locator('summary').textContent(), `Nov 24, 10:15 ${CLAUDE} vs ${GPT} vs ${GEMINI} $0.0429`);
    assert.equal(await newest.locator('summary data.amount').getAttribute('value'), String(s.comparisons.rows[0]?.cost), 'the exact total is in the page');
    assert.equal(await newest.getAttribute('open'), null, 'folded at first');

    await newest.locator('summary').focus();
    await page.keyboard.press('Enter');
    const table = newest.getByRole('table', { name: `Comparison of ${CLAUDE} vs ${GPT} vs ${GEMINI}, Nov 24, 10:15` });
    await table.waitFor();
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Model', 'Cost', 'Tokens', 'Time']);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => (cell as HTMLElement).innerText.trim())));
    assert.deepEqual(rows, [
      [CLAUDE, '$0.0300', '1.0k in, 650 out', '8.1 s'],
      [GPT, '$0.0125', '1.0k in, 400 out', '4.2 s'],
      [`${GEMINI}error`, '$0.0004', '1.0k in, 0 out', '—'],
      ['Total', '$0.0429', '3.0k in, 1.1k out', '1 failed or stopped'],
    ]);
    assert.equal(await table.locator('.badge').innerText(), 'error', 'the failed column is marked');

    // A new state (the ledger grew) keeps the open comparison open.
    await show(dashboard, state({}, [...ledger(), record('plain-3', { at: NOW, cost: 0.5 })]));
    assert.equal(await card.locator('details.comparison[data-comparison="cmp-new"]').getAttribute('open'), '');
    await card.locator('details.comparison[data-comparison="cmp-new"] summary').focus();
    await page.keyboard.press(' ');
    assert.equal(await card.locator('details.comparison[data-comparison="cmp-new"]').getAttribute('open'), null, 'Space folds it again');
    assert.deepEqual(await dashboard.violations(), []);
    assert.deepEqual(dashboard.warnings, []);
  });

  it('follows the range, and shows no card when the range holds no comparison', async () => {
    dashboard = await openDashboard();
    const { page } = dashboard;
    await show(dashboard, state({ range: '7d' }, ledger().filter((r) => r.comparisonId !== 'cmp-new')));
    assert.equal(await page.locator('[data-section="comparisons"]').count(), 0, 'Nov 10 is outside the last 7 days');
    await show(dashboard, state({ range: 'all' }));
    assert.equal(await page.getByRole('region', { name: 'Comparisons' }).locator('details.comparison').count(), 2);
  });

  it('fits a narrow panel, opened, without sideways scrolling', async () => {
    dashboard = await openDashboard({ width: 320, height: 1400 });
    await show(dashboard, state());
    const { page } = dashboard;
    await page.locator('details.comparison[data-comparison="cmp-new"] summary').click();
    await page.locator('details.comparison[data-comparison="cmp-new"] table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    const times = await page.locator('details.comparison[data-comparison="cmp-new"] tbody .col-time').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().right));
    assert.deepEqual(times.filter((right) => right > 320), [], 'every model\'s time is in view, not scrolled off');
    await screenshot(page, 'dashboard-comparisons-narrow');
  });

  it('reads in the dark, light and high-contrast themes without inline styles', async () => {
    const colours: string[] = [];
    for (const theme of ['dark', 'light', 'high-contrast'] as const) {
      dashboard = await openDashboard({ theme });
      await show(dashboard, state());
      const { page } = dashboard;
      const card = page.getByRole('region', { name: 'Comparisons' });
      await card.locator('details.comparison summary').first().click();
      const colour = await card.locator('.comparison-when').first().evaluate((node) => getComputedStyle(node).color);
      const text = await card.locator('.comparison-title').first().evaluate((node) => getComputedStyle(node).color);
      assert.notEqual(colour, text, 'the time is quieter than the models');
      colours.push(text);
      assert.equal(await page.locator('[style]').count(), 0, 'no inline style attributes');
      assert.deepEqual(await dashboard.violations(), []);
      await screenshot(page, `dashboard-comparisons-${theme}`);
      await dashboard.close();
    }
    assert.equal(new Set(colours).size, 3, 'each theme gives its own text colour');
  });
});
