/// <reference lib="dom" />
// The usage dashboard in the real workbench: chat requests go through the fake OpenRouter, land in the spend
// ledger, and the dashboard opened with **OpenRouter: Show Usage** must show exactly what the fake charged.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { CSV_COLUMNS, parseCsv } from '../../src/core/spend/csv';
import { formatUsd } from '../../src/core/format';
import { sumUsd } from '../../src/core/spend/usd';
import {
  closeAllEditors, dismissNotifications, ensureKeySet, FAKE_API_KEY, notification, openSidebar, readUserSettings, reloadWindow, runCommand, screenshot, workbench, writeUserSettings,
  type Workbench,
} from './workbench';

/** A model no other workbench test uses, so the dashboard can be filtered to exactly this file's requests. */
const MODEL = 'mistralai/mistral-small-3.2-24b-instruct';

/** Webview views (the chat) carry `purpose=webviewView` in their frame URL; editor panels (the dashboard) do not. */
const CHAT_FRAME = 'iframe.webview.ready[src*="purpose=webviewView"]';
const DASHBOARD_FRAME = 'iframe.webview.ready:not([src*="purpose="])';

/**
 * What the fake has charged the extension's key since its last reset, as OpenRouter's GET /key reports it. The key
 * is the one the extension sent: after the sign-in tests it is an OAuth key, not FAKE_API_KEY.
 */
async function charged(wb: Workbench): Promise<number> {
  const used = wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions').at(-1)?.headers['authorization'];
  const response = await fetch(`${wb.fake.baseUrl}/key`, { headers: { Authorization: used ?? `Bearer ${FAKE_API_KEY}` } });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { data: { usage: number } };
  return body.data.usage;
}

describe('the usage dashboard', function () {
  let wb: Workbench;
  let settings: Record<string, unknown>;
  const chat = (): FrameLocator => wb.page.frameLocator(CHAT_FRAME).frameLocator('#active-frame');
  const dashboard = (): FrameLocator => wb.page.frameLocator(DASHBOARD_FRAME).frameLocator('#active-frame');
  const total = () => dashboard().getByRole('region', { name: 'Totals for the range' }).locator('data.amount').first();

  /** Sends `text` from the chat panel; the fake answers `answer` and bills `promptTokens` (a long conversation). */
  async function ask(text: string, answer: string, promptTokens: number): Promise<void> {
    wb.fake.script(MODEL, { kind: 'answer', text: answer, usage: { promptTokens, completionTokens: 900 } });
    const composer = chat().getByRole('textbox', { name: 'Message OpenRouter' });
    await composer.fill(text);
    await composer.press('Enter');
    const last = chat().getByRole('article', { name: 'Answer' }).last();
    await last.filter({ hasText: answer }).getByRole('list', { name: 'Answer details' }).waitFor({ timeout: 30000 });
  }

  /** Waits until the dashboard's range total shows `usd`, formatted as everywhere else. */
  async function waitForTotal(usd: number): Promise<void> {
    const exact = new RegExp(`^${formatUsd(usd).replace(/[$.]/g, '\\$&')}$`);
    await dashboard().getByRole('region', { name: 'Totals for the range' }).locator('data.amount', { hasText: exact }).first().waitFor({ timeout: 30000 });
  }

  before(async function () {
    wb = await workbench();
    settings = readUserSettings(wb);
    writeUserSettings(wb, { ...settings, 'openrouter.defaultModel': MODEL, 'openrouter.fallbackModels': [], 'openrouter.retry.maxAttempts': 1 });
    await reloadWindow(wb);
    await ensureKeySet(wb);
    await openSidebar(wb.page);
    await chat().getByRole('button', { name: 'New Chat' }).click();
    // From here on, /key's usage is exactly this file's requests.
    wb.fake.reset();
  });

  after(async () => {
    // Later files find the chat by the only webview frame: close the dashboard first.
    await closeAllEditors(wb.page);
    writeUserSettings(wb, settings);
    await reloadWindow(wb);
  });

  it('shows totals equal to what OpenRouter charged for the requests', async () => {
    await ask('What is a ledger?', 'A ledger is a book of accounts, one line per transaction.', 24_000);
    await ask('And a dashboard?', 'A dashboard shows the figures that matter at a glance, with charts.', 61_000);
    const usd = await charged(wb);
    assert.ok(usd > 0, 'the fake charged something');

    await runCommand(wb.page, 'OpenRouter: Show Usage');
    await dashboard().getByRole('heading', { level: 1, name: 'OpenRouter Usage' }).waitFor({ timeout: 30000 });
    await dashboard().getByRole('combobox', { name: 'Model' }).selectOption(MODEL);
    await waitForTotal(usd);
    assert.ok(Math.abs(Number(await total().getAttribute('value')) - usd) < 1e-12, 'the exact total matches too, not only its rounding');

    const largest = dashboard().getByRole('region', { name: 'Largest requests' }).locator('tbody tr');
    assert.equal(await largest.count(), 2);
    for (const row of await largest.allInnerTexts()) assert.match(row, /mistralai\/mistral-small/);
    assert.equal(await dashboard().locator('.spend-chart .bar').count(), 30, 'one bar per day of the last 30 days');
    await dashboard().getByRole('img', { name: new RegExp(`^Spend per day, .*${formatUsd(usd).replace(/[$.]/g, '\\$&')} in total`) }).waitFor();
    await dashboard().getByRole('region', { name: 'Credits' }).getByText(formatUsd(usd)).first().waitFor({ timeout: 30000 });
    await dismissNotifications(wb.page);
    await screenshot(wb.page, 'dashboard');
  });

  it('updates live when another request finishes', async () => {
    const before = await charged(wb);
    await ask('One more, please.', 'Here is one more answer for the running total.', 9_000);
    const after = await charged(wb);
    assert.ok(after > before);
    await waitForTotal(after);
    assert.equal(await dashboard().getByRole('region', { name: 'Largest requests' }).locator('tbody tr').count(), 3);
  });

  it('exports the filtered requests as CSV through the save dialog', async () => {
    const usd = await charged(wb);
    await dashboard().getByRole('button', { name: 'Export CSV' }).click();
    // The save dialog (a quick input in the browser) fills in the folder and the suggested name.
    const input = wb.page.locator('.quick-input-widget input').first();
    await wb.page.waitForFunction(() => /openrouter-usage-\d{4}-\d{2}-\d{2}\.csv$/.test(document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value ?? ''));
    assert.ok((await input.inputValue()).startsWith(wb.workspace), 'in the workspace folder');
    await input.press('Enter');
    await notification(wb.page, /Exported 3 requests to openrouter-usage-/).waitFor({ timeout: 20000 });
    const file = fs.readdirSync(wb.workspace).find((name) => /^openrouter-usage-\d{4}-\d{2}-\d{2}\.csv$/.test(name));
    assert.ok(file, 'the CSV is in the workspace folder');
    const [header, ...rows] = parseCsv(fs.readFileSync(path.join(wb.workspace, file), 'utf8')).filter((row) => row.join('') !== '');
    assert.deepEqual(header, [...CSV_COLUMNS]);
    assert.equal(rows.length, 3);
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    for (const row of rows) assert.equal(row[column('requested_model')], MODEL);
    assert.equal(sumUsd(rows.map((row) => Number(row[column('cost_usd')]))), usd, 'the file adds up to what was charged');
  });

  it('follows the light theme', async () => {
    await runCommand(wb.page, 'Preferences: Color Theme');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().click();
    await dashboard().locator('body.vscode-dark').waitFor({ timeout: 15000 });
    await runCommand(wb.page, 'Preferences: Color Theme');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Light Modern' }).first().click();
    await wb.page.locator('.monaco-workbench.vs').waitFor({ timeout: 15000 });
    await dashboard().locator('body.vscode-light').waitFor({ timeout: 15000 });
    await dashboard().locator('.spend-chart .bar').first().waitFor({ state: 'attached' });
    const fill = await dashboard().locator('.spend-chart .bar').first().evaluate((node) => getComputedStyle(node).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)', 'bars are coloured by the theme');
    await dismissNotifications(wb.page);
    await screenshot(wb.page, 'dashboard-light');
    await runCommand(wb.page, 'Preferences: Color Theme');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().click();
    await wb.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 15000 });
  });
});
