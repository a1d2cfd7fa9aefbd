import * as assert from 'node:assert/strict';
import {
  answerNotification, chatFrame, dismissNotifications, notification, openSidebar, FAKE_API_KEY, runCommand, screenshot, shownSessionSpend, textOf, workbench, type Workbench,
} from './workbench';

describe('the OpenRouter sidebar', function () {
  let wb: Workbench;

  before(async function () {
    wb = await workbench();
  });

  it('shows the OpenRouter entry in the activity bar and the spend in the status bar', async () => {
    const entry = wb.page.locator('.activitybar [aria-label^="OpenRouter"]').first();
    await entry.waitFor();
    assert.equal(await shownSessionSpend(wb.page), 0);
  });

  it('offers Set API Key and Sign In while no key is set', async () => {
    await openSidebar(wb.page);
    const welcome = wb.page.locator('.welcome-view-content');
    await welcome.getByRole('button', { name: 'Set API Key' }).waitFor();
    await welcome.getByRole('button', { name: 'Sign In with OpenRouter' }).waitFor();
    await screenshot(wb.page, 'welcome');
  });

  it('rejects a key OpenRouter does not accept, saves nothing, and offers Try Again with the key kept', async () => {
    await wb.page.locator('.welcome-view-content').getByRole('button', { name: 'Set API Key' }).click();
    const input = wb.page.locator('.quick-input-widget input[type="password"]');
    await input.fill('sk-or-v1-invalid-key');
    await wb.page.keyboard.press('Enter');
    await answerNotification(wb.page, /Send your OpenRouter API key to/, /^Send Key to/);
    await notification(wb.page, 'OpenRouter rejected this key (401').waitFor();
    const checked = wb.fake.requests.filter((r) => r.path === '/api/v1/key');
    assert.equal(checked.at(-1)?.headers['authorization'], 'Bearer sk-or-v1-invalid-key', 'OpenRouter was asked about this key');
    await wb.page.locator('.welcome-view-content').getByRole('button', { name: 'Set API Key' }).waitFor();

    // Try Again brings the box back with the rejected key in it, so a one-character slip is a one-character fix.
    await answerNotification(wb.page, 'OpenRouter rejected this key (401', /^Try Again$/);
    await input.waitFor();
    assert.equal(await input.inputValue(), 'sk-or-v1-invalid-key');
    await wb.page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' });
    await wb.page.locator('.welcome-view-content').getByRole('button', { name: 'Set API Key' }).waitFor();
  });

  it('flags an obvious typo in the key box and sends nothing until it is fixed', async () => {
    const sentBefore = wb.fake.requests.filter((r) => r.path === '/api/v1/key').length;
    await wb.page.locator('.welcome-view-content').getByRole('button', { name: 'Set API Key' }).click();
    const input = wb.page.locator('.quick-input-widget input[type="password"]');
    const message = wb.page.locator('.quick-input-widget .quick-input-message');
    await input.waitFor();
    assert.match((await wb.page.locator('.quick-input-widget').innerText()), /starts with sk-or-v1-/, 'the box says what a key looks like');
    for (const [typo, hint] of [['sk-or-v1-invalid key', 'no spaces'], ['Bearer sk-or-v1-invalid-key', 'Remove "Bearer "'], ['or-v1-invalid-key', 'start of the key is missing']] as const) {
      await input.fill(typo);
      await message.filter({ hasText: hint }).waitFor();
      await wb.page.keyboard.press('Enter');
    }
    // The box is still open: fixing the value there sends the fixed key, and only that one reaches OpenRouter.
    await input.fill('sk-or-v1-invalid-key');
    await wb.page.keyboard.press('Enter');
    await notification(wb.page, 'OpenRouter rejected this key (401').waitFor();
    const sent = wb.fake.requests.filter((r) => r.path === '/api/v1/key').slice(sentBefore).map((r) => r.headers['authorization']);
    assert.deepEqual(sent, ['Bearer sk-or-v1-invalid-key']);
    await dismissNotifications(wb.page);
  });

  it('takes a key through a password box and then shows the chat view', async () => {
    await wb.page.locator('.welcome-view-content').getByRole('button', { name: 'Set API Key' }).click();
    const input = wb.page.locator('.quick-input-widget input[type="password"]');
    await input.fill(FAKE_API_KEY);
    await wb.page.keyboard.press('Enter');
    const frame = chatFrame(wb.page);
    await frame.getByRole('heading', { name: 'OpenRouter Chat' }).waitFor({ timeout: 30000 });
    const checked = wb.fake.requests.filter((r) => r.path === '/api/v1/key');
    assert.equal(checked.at(-1)?.headers['authorization'], `Bearer ${FAKE_API_KEY}`);
    await screenshot(wb.page, 'sidebar');
  });

  it('keeps the view title to one place for each action: the rest is under More Actions', async () => {
    const title = wb.page.locator('.part.sidebar .composite.title');
    // New Chat, the model and usage are in the panel's own header; a second copy in the title would sit right above.
    await chatFrame(wb.page).getByRole('button', { name: 'New Chat' }).waitFor();
    assert.equal(await title.locator('.action-label[aria-label="New Chat"]').count(), 0);
    await title.locator('.action-label[aria-label*="More Actions"]').click();
    const menu = wb.page.getByRole('menu');
    for (const name of ['New Chat', 'Select Model…', 'Select Task Preset…', 'Show Usage', 'Set API Key', 'Clear API Key', 'Show Log']) {
      await menu.getByRole('menuitem', { name }).first().waitFor({ timeout: 10000 });
    }
    await screenshot(wb.page, 'view-more-actions');
    await wb.page.keyboard.press('Escape');
  });

  it('runs "OpenRouter: Show Log" from the command palette', async () => {
    await runCommand(wb.page, 'OpenRouter: Show Log');
    const output = wb.page.locator('.panel .monaco-editor').filter({ hasText: 'activated in' }).first();
    await output.waitFor({ timeout: 15000 });
    const text = await textOf(output);
    assert.match(text, /activated in the (Node|web-worker) extension host/);
    // Once, for the good key: the rejected one was not saved.
    assert.equal(text.match(/key saved/g)?.length, 1);
  });
});
