import * as assert from 'node:assert/strict';
import { networkError } from '../../src/core/openrouter/errors';
import { normaliseKeyInfo } from '../../src/core/openrouter/key-info';
import { buildDashboard } from '../../src/core/spend/dashboard/model';
import { keyCard } from '../../src/core/spend/dashboard/key';
import { compareKeySpend } from '../../src/core/spend/key-spend';
import type { DashboardFilter, DashboardState } from '../../src/protocol/dashboard-state';
import type { LedgerRecord } from '../../src/core/spend/ledger/record';
import { openDashboard, screenshot, settle, type DashboardPage } from './dashboard-page';

const NOW = new Date(2026, 10, 25, 15, 30).getTime();
const day = (offset: number, hour = 12) => new Date(2026, 10, 25 + offset, hour).getTime();

function record(id: string, fields: Partial<LedgerRecord>): LedgerRecord {
  return {
    id, at: NOW, workspace: 'project', requestedModel: 'openai/gpt-4o-mini', model: 'openai/gpt-4o-mini', provider: 'OpenAI',
    promptTokens: 1200, completionTokens: 300, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, cost: 0.00036,
    costSource: 'exact', isByok: false, outcome: 'done', fallbackPath: [], ...fields,
  };
}

/** Six weeks of plausible usage across four models and two workspaces. */
function ledger(): LedgerRecord[] {
  const models = ['anthropic/claude-sonnet-4', 'openai/gpt-4o-mini', 'google/gemini-2.5-flash', 'meta-llama/llama-3.3-70b-instruct'];
  const records: LedgerRecord[] = [];
  for (let k = 0; k <= 40; k += 1) {
    // Some days have no requests at all.
    const count = (k * 7) % 5;
    for (let i = 0; i < count; i += 1) {
      const model = models[(k + i) % models.length] ?? 'openai/gpt-4o-mini';
      const cached = model.startsWith('anthropic') ? 4000 : 0;
      records.push(record(`r${k}-${i}`, {
        at: day(k - 40, 9 + i), model, requestedModel: model, promptTokens: 6000 + 500 * i, completionTokens: 400 + 40 * (k % 9),
        cachedTokens: cached, cost: Number((0.002 + 0.0011 * ((k + 3) % 7) + (model.startsWith('anthropic') ? 0.01 : 0)).toFixed(6)),
        ...(cached > 0 ? { cacheSavings: 0.0108 } : {}),
        workspace: i % 3 === 2 ? 'api-server' : 'project',
        costSource: i === 2 ? 'estimate' : 'exact',
      }));
    }
  }
  return records;
}

const KEY = {
  info: normaliseKeyInfo({ label: 'sk-or-v1-0a1...f9e', limit: 25, limit_remaining: 21.5, limit_reset: 'monthly', usage: 52.25, usage_daily: 0.125, usage_monthly: 3.5 }),
  fetchedAt: NOW,
  error: undefined,
};

function state(filter: Partial<DashboardFilter> = {}, records = ledger()): DashboardState {
  return buildDashboard({ records, filter: { range: '30d', ...filter }, now: NOW, key: KEY });
}

async function show(dashboard: DashboardPage, s: DashboardState): Promise<void> {
  await dashboard.send({ type: 'dashboard/state', state: s });
  await dashboard.page.locator('[data-section="spend"] svg.spend-chart').waitFor();
  await settle(dashboard.page);
}

describe('the usage dashboard', function () {
  let dashboard: DashboardPage;

  afterEach(async () => dashboard?.close());

  it('renders a state: one bar per day, the totals, the credits and the largest requests', async () => {
    dashboard = await openDashboard();
    const s = state();
    await show(dashboard, s);
    const { page } = dashboard;
    assert.equal(await page.locator('.spend-chart .bar').count(), 30);
    assert.equal(await page.locator('.spend-chart .bar.current').count(), 1, 'today is marked');
    const totals = page.getByRole('region', { name: 'Totals for the range' });
    assert.equal(await totals.locator('data.amount').first().getAttribute('value'), String(s.totals.cost), 'the exact total is in the page');
    assert.match(await totals.innerText(), new RegExp(s.totals.costLabel.replace(/[$.]/g, '\\$&')));
    const credits = page.getByRole('region', { name: 'Credits' });
    for (const text of ['$25.00 (resets monthly)', '$21.50', '$0.1250', '$3.50', '$52.25']) assert.ok((await credits.innerText()).includes(text), text);
    const largest = page.getByRole('region', { name: 'Largest requests' });
    assert.equal(await largest.locator('tbody tr').count(), s.largest.length);
    assert.match(await largest.locator('tbody tr').first().innerText(), /anthropic\/claude-sonnet-4/);
    assert.ok(await largest.locator('.source.estimate').count() > 0, 'estimates are marked');
    assert.equal(await page.locator('.model-cost-chart .row').count(), 4);
    assert.equal(await page.locator('.model-token-chart .bar.cached').count(), 1, 'only the model that used the cache has a cached segment');
    await page.getByText(/^Saved/).first().waitFor();
    assert.equal(await page.locator('.savings-bar .bar.saved').count(), 1);

    await show(dashboard, state({ range: '7d' }));
    assert.equal(await page.locator('.spend-chart .bar').count(), 7, 'the bars follow the range');
    await screenshot(page, 'dashboard-dark');
  });

  it('lists cache savings and write premiums by model and by day, marking a cache that cost more than it saved', async () => {
    dashboard = await openDashboard();
    const records = [
      record('w', { at: day(-1), model: 'google/gemini-2.5-flash', requestedModel: 'google/gemini-2.5-flash', cacheWriteTokens: 3000, cacheWriteExtra: 0.0025 }),
      record('r', { at: day(0), model: 'anthropic/claude-sonnet-4', requestedModel: 'anthropic/claude-sonnet-4', cachedTokens: 1000, cacheSavings: 0.0027 }),
    ];
    await show(dashboard, state({}, records));
    const { page } = dashboard;
    const byDay = page.locator('details[data-id="savings-day-table"]');
    await byDay.locator('summary').click();
    const rows = byDay.locator('tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /Nov 25, 2026\s+\$0\.0027\s+\$0\.00\s+\$0\.0027/);
    assert.match(await rows.nth(1).innerText(), /Nov 24, 2026.*−\$0\.0025 \(cost more than it saved\)/s);
    assert.equal(await rows.nth(1).locator('data.costlier').getAttribute('value'), '-0.0025');
    const byModel = page.locator('details[data-id="savings-model-table"]');
    await byModel.locator('summary').click();
    assert.match(await byModel.locator('tbody').innerText(), /google\/gemini-2\.5-flash.*cost more than it saved/s);
  });

  it('names every chart for assistive technology, with tooltips and data tables', async () => {
    dashboard = await openDashboard();
    const s = state();
    await show(dashboard, s);
    const { page } = dashboard;
    await page.getByRole('img', { name: s.spend.summary }).waitFor();
    await page.getByRole('img', { name: s.models.costSummary }).waitFor();
    await page.getByRole('img', { name: s.models.tokenSummary }).waitFor();
    await page.getByRole('img', { name: s.savings.summary }).waitFor();
    const charts = page.locator('svg.chart');
    const count = await charts.count();
    assert.ok(count >= 5);
    for (let i = 0; i < count; i += 1) {
      assert.equal(await charts.nth(i).getAttribute('role'), 'img');
      assert.ok(((await charts.nth(i).getAttribute('aria-label')) ?? '').length > 10, `chart ${i} has a summary`);
    }
    const titles = await page.locator('.spend-chart .slot > title').allTextContents();
    assert.deepEqual(titles, s.spend.bars.map((bar) => bar.title));
    assert.match(titles.at(-1) ?? '', /^Nov 25: (\$[\d.]+, \d+ requests?|no requests)$/);
    await page.getByText('Spend per day as a table').click();
    const table = page.getByRole('table', { name: 'Spend per day' });
    assert.equal(await table.locator('tbody tr').count(), 30);
    assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Day', 'Spend', 'Requests']);
    assert.equal(await page.getByRole('button', { name: 'Export CSV' }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Refresh' }).count(), 1);
    for (const name of ['Range', 'Model', 'Workspace', 'Surface']) await page.getByRole('combobox', { name }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 1, name: 'OpenRouter Usage' }).count(), 1);
  });

  it('posts the filters, export and refresh as messages, and keeps the filter for a restore', async () => {
    dashboard = await openDashboard();
    await show(dashboard, state());
    const { page } = dashboard;
    await page.getByRole('combobox', { name: 'Range' }).selectOption({ label: 'Last 7 days' });
    assert.deepEqual((await dashboard.posted()).at(-1), { type: 'dashboard/filter', filter: { range: '7d' } });
    await page.getByRole('combobox', { name: 'Model' }).selectOption('google/gemini-2.5-flash');
    assert.deepEqual((await dashboard.posted()).at(-1), { type: 'dashboard/filter', filter: { range: '7d', model: 'google/gemini-2.5-flash' } });
    await page.getByRole('combobox', { name: 'Workspace' }).selectOption('api-server');
    assert.deepEqual((await dashboard.posted()).at(-1), { type: 'dashboard/filter', filter: { range: '7d', model: 'google/gemini-2.5-flash', workspace: 'api-server' } });
    await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'All models' });
    assert.deepEqual((await dashboard.posted()).at(-1), { type: 'dashboard/filter', filter: { range: '7d', workspace: 'api-server' } });
    const surface = page.getByRole('combobox', { name: 'Surface' });
    assert.deepEqual(await surface.locator('option').allInnerTexts(), ['All surfaces', 'Panel', 'VS Code chat']);
    await surface.selectOption({ label: 'VS Code chat' });
    assert.deepEqual((await dashboard.posted()).at(-1), { type: 'dashboard/filter', filter: { range: '7d', workspace: 'api-server', surface: 'vscode-chat' } });
    await surface.selectOption({ label: 'All surfaces' });
    assert.deepEqual((await dashboard.posted()).at(-1), { type: 'dashboard/filter', filter: { range: '7d', workspace: 'api-server' } });
    await page.getByRole('button', { name: 'Export CSV' }).click();
    assert.deepEqual((await dashboard.posted()).at(-1), { type: 'dashboard/exportCsv' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    assert.deepEqual((await dashboard.posted()).at(-1), { type: 'dashboard/refresh' });

    // The host's answer is what the page shows and keeps.
    await show(dashboard, state({ range: '7d', workspace: 'api-server', surface: 'panel' }));
    assert.equal(await page.getByRole('combobox', { name: 'Range' }).inputValue(), '7d');
    assert.equal(await page.getByRole('combobox', { name: 'Workspace' }).inputValue(), 'api-server');
    assert.equal(await surface.inputValue(), 'panel');
    assert.deepEqual(await dashboard.savedViewState(), { filter: { range: '7d', workspace: 'api-server', surface: 'panel' } });
    assert.match(await page.locator('[role="status"]').innerText(), /^Last 7 days/, 'the new totals are announced');
  });

  it('follows the dark, light and high-contrast themes without inline styles', async () => {
    const fills: string[] = [];
    for (const theme of ['dark', 'light', 'high-contrast'] as const) {
      dashboard = await openDashboard({ theme });
      await show(dashboard, state());
      const { page } = dashboard;
      assert.equal(await page.evaluate(() => document.body.className), `vscode-${theme}`);
      const bar = page.locator('.spend-chart .bar').last();
      const style = await bar.evaluate((node) => {
        const computed = getComputedStyle(node);
        return { fill: computed.fill, stroke: computed.stroke, strokeWidth: computed.strokeWidth };
      });
      fills.push(style.fill);
      if (theme === 'high-contrast') assert.equal(style.stroke, 'rgb(111, 195, 223)', 'bars are outlined with the contrast border');
      else assert.equal(style.stroke, 'none');
      const text = await page.locator('.spend-chart .value-label').first().evaluate((node) => getComputedStyle(node).fill);
      assert.notEqual(text, 'rgb(0, 0, 0)', 'chart text takes the theme colour, not SVG black');
      assert.equal(await page.locator('[style]').count(), 0, 'no inline style attributes');
      assert.deepEqual(await dashboard.violations(), []);
      assert.deepEqual(dashboard.warnings, []);
      await screenshot(page, `dashboard-${theme}`);
      await dashboard.close();
    }
    assert.deepEqual(fills.slice(0, 2), ['rgb(55, 148, 255)', 'rgb(26, 133, 255)'], 'bars use --vscode-charts-blue of each theme');
  });

  it('fits a narrow panel: no sideways scrolling, day labels apart, redrawn when widened', async () => {
    dashboard = await openDashboard({ width: 320, height: 1200 });
    await show(dashboard, state({ range: '90d' }));
    const { page } = dashboard;
    assert.equal(await page.locator('.spend-chart .bar').count(), 90);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    const boxes = await page.locator('.spend-chart .x-axis text').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => [r.left, r.right]));
    assert.ok(boxes.length >= 4, 'some days are labelled');
    for (let i = 1; i < boxes.length; i += 1) assert.ok((boxes[i]?.[0] ?? 0) > (boxes[i - 1]?.[1] ?? 0), `day labels ${i - 1} and ${i} overlap`);
    const narrow = Number(await page.locator('svg.spend-chart').getAttribute('width'));
    assert.ok(narrow <= 320, `chart is ${narrow}px wide in a 320px panel`);
    await screenshot(page, 'dashboard-narrow');
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.waitForFunction((before) => Number(document.querySelector('svg.spend-chart')?.getAttribute('width')) > before + 300, narrow);
  });

  it('shows an empty ledger and a failed /key read plainly', async () => {
    dashboard = await openDashboard();
    const error = networkError(new Error('connect ECONNREFUSED 127.0.0.1:9'), false);
    const empty = buildDashboard({ records: [], filter: { range: '30d' }, now: NOW, key: { info: undefined, fetchedAt: undefined, error } });
    assert.match(empty.key.summary, /^Credits could not be read: /);
    await show(dashboard, empty);
    const { page } = dashboard;
    await page.getByText('No requests recorded yet.', { exact: false }).waitFor();
    assert.equal(await page.locator('.spend-chart .bar').count(), 30);
    assert.equal(await page.locator('.spend-chart .bar[height="0"]').count(), 30, 'every day empty');
    await page.locator('.spend-chart .empty-label', { hasText: 'Nothing spent' }).waitFor();
    await page.getByRole('region', { name: 'Credits' }).getByText(empty.key.summary).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Largest requests' }).getByText('No requests in this range.').count(), 1);
  });

  it('updates in place: new figures, the same open tables, focus kept; malformed states dropped', async () => {
    dashboard = await openDashboard();
    await show(dashboard, state());
    const { page } = dashboard;
    await page.getByText('Spend per day as a table').click();
    const range = page.getByRole('combobox', { name: 'Range' });
    await range.focus();
    const more = [...ledger(), record('new', { at: NOW, cost: 1.25, model: 'anthropic/claude-opus-4', requestedModel: 'anthropic/claude-opus-4' })];
    const next = state({}, more);
    await show(dashboard, next);
    const total = page.getByRole('region', { name: 'Totals for the range' }).locator('data.amount').first();
    assert.equal(await total.getAttribute('value'), String(next.totals.cost));
    assert.equal(await page.locator('details.chart-data[data-id="spend-table"]').getAttribute('open'), '', 'the table stays open');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'range', 'focus stays on the range picker');
    assert.match(await page.getByRole('region', { name: 'Largest requests' }).locator('tbody tr').first().innerText(), /anthropic\/claude-opus-4/);

    for (const bad of [{ type: 'dashboard/state', state: { ...next, totals: { cost: 'lots' } } }, { type: 'dashboard/unknown' }]) {
      const dropped = page.waitForEvent('console', { predicate: (m) => m.text().includes('dropped a malformed message') });
      await dashboard.sendRaw(bad);
      await dropped;
    }
    await settle(page);
    assert.equal(await total.getAttribute('value'), String(next.totals.cost), 'the last good state stays');
  });

  it('shows this machine beside the whole key per UTC window, and names what was spent elsewhere today', async () => {
    dashboard = await openDashboard();
    const info = normaliseKeyInfo({ usage: 52.25, usage_daily: 2, usage_weekly: 3.5, usage_monthly: 9 });
    const machine = { day: { beforeRead: 0.8, sinceRead: 0.05 }, week: { beforeRead: 1.5, sinceRead: 0.05 }, month: { beforeRead: 4, sinceRead: 0.05 } };
    const key = keyCard({ info, fetchedAt: NOW, error: undefined }, compareKeySpend(info, NOW, NOW, machine));
    await show(dashboard, { ...state(), key });
    const credits = dashboard.page.getByRole('region', { name: 'Credits' });
    await credits.getByText('$1.20 spent elsewhere with this key today.').waitFor();
    const rows = await credits.locator('table.key-spread tbody tr').allInnerTexts();
    assert.deepEqual(rows.map((row) => row.split('\t').map((cell) => cell.trim())), [
      ['Today (UTC)', '$0.8500', '$2.05', '$1.20'],
      ['This week (UTC)', '$1.55', '$3.55', '$2.00'],
      ['This month (UTC)', '$4.05', '$9.05', '$5.00'],
    ]);
    assert.deepEqual(await dashboard.violations(), []);
    await screenshot(dashboard.page, 'dashboard-key-spread');
  });
});
