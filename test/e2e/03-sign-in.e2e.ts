import * as assert from 'node:assert/strict';
import { startFakeOpenRouter, type FakeOpenRouter } from '../fixtures/fake-openrouter';
import {
  answerNotification, chatFrame, ensureKeySet, openSidebar, readTree, readUserSettings, reloadWindow, runCommand, workbench, writeUserSettings, type Workbench,
} from './workbench';

describe('signing in and keeping the key secret', function () {
  let wb: Workbench;
  // code-server rewrites links to 127.0.0.1 and localhost into its own port proxy and drops their path, which
  // would lose the /auth?code_challenge=… URL. OpenRouter's real page is on openrouter.ai, so only the fake needs a
  // loopback address code-server leaves alone: IPv6's [::1].
  let oauthFake: FakeOpenRouter;
  let settings: Record<string, unknown>;

  before(async function () {
    wb = await workbench();
    await ensureKeySet(wb);
    oauthFake = await startFakeOpenRouter({ host: '::1' });
    settings = readUserSettings(wb);
  });

  after(async () => {
    writeUserSettings(wb, settings);
    await reloadWindow(wb);
    await oauthFake.close();
  });

  it('clears the key after confirmation and shows the welcome view again', async () => {
    await runCommand(wb.page, 'OpenRouter: Clear API Key');
    await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Remove Key' }).click();
    await wb.page.locator('.welcome-view-content').getByRole('button', { name: 'Sign In with OpenRouter' }).waitFor({ timeout: 20000 });
  });

  it('signs in with OAuth PKCE: the user approves in the browser, the callback returns, /auth/keys gives the key', async () => {
    writeUserSettings(wb, { ...settings, 'openrouter.baseUrl': oauthFake.baseUrl });
    await reloadWindow(wb);
    await openSidebar(wb.page);
    const popup = wb.page.context().waitForEvent('page');
    await wb.page.locator('.welcome-view-content').getByRole('button', { name: 'Sign In with OpenRouter' }).click();
    // The workbench asks before opening any external site; the user agrees.
    await wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ }).click();
    const authPage = await popup;
    const authRequest = await oauthFake.waitForRequest((r) => r.path === '/auth', 20000);
    assert.equal(authRequest.query['code_challenge_method'], 'S256');
    assert.match(authRequest.query['code_challenge'] ?? '', /^[A-Za-z0-9_-]{43}$/);
    // The fake's approval page, as a person sees it: it names where the key goes, and waits for Approve.
    await authPage.locator('#callback').filter({ hasText: new URL(wb.page.url()).host }).waitFor({ timeout: 20000 });
    await authPage.getByRole('button', { name: 'Approve' }).click();
    const exchange = await oauthFake.waitForRequest((r) => r.path === '/api/v1/auth/keys', 30000);
    const body = exchange.body as { code_verifier?: string; code_challenge_method?: string };
    assert.equal(body.code_challenge_method, 'S256');
    assert.match(body.code_verifier ?? '', /^[A-Za-z0-9_-]{43,128}$/);
    // The new key goes to a host it has not been sent to before: the user confirms once.
    await answerNotification(wb.page, /Send your OpenRouter API key to/, /^Send Key to/);
    await chatFrame(wb.page).locator('body').waitFor({ timeout: 30000 });
    const check = await oauthFake.waitForRequest((r) => r.path === '/api/v1/key', 20000);
    assert.match(check.headers['authorization'] ?? '', /^Bearer sk-or-/);
    await authPage.close();
  });

  it('never writes the key to settings, logs or any file of the user data folder, nor into the webview', async () => {
    const keys = [...wb.fake.requests, ...oauthFake.requests]
      .map((r) => r.headers['authorization']?.replace(/^Bearer /, ''))
      .filter((k): k is string => typeof k === 'string' && k.startsWith('sk-or-'));
    assert.ok(keys.length > 0);
    const leaks = readTree(wb.userData).filter(({ text }) => keys.some((key) => text.includes(key)));
    assert.deepEqual(leaks.map((l) => l.file), []);
    const html = await chatFrame(wb.page).locator('html').innerHTML();
    for (const key of keys) assert.ok(!html.includes(key), 'the key is in the webview DOM');
  });
});
