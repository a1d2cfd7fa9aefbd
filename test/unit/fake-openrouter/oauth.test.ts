import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { pkceChallenge } from '../../fixtures/fake-openrouter/index';
import { useFakeOpenRouter } from './helpers';

const VERIFIER = 'a-verifier-of-at-least-forty-three-characters-1234567890';

describe('fake OpenRouter: OAuth PKCE', () => {
  const holder = useFakeOpenRouter();

  function exchangeCode(body: Record<string, unknown>): Promise<Response> {
    return fetch(`${holder.fake.baseUrl}/auth/keys`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  it('computes the S256 challenge as base64url(sha256(verifier)) without padding', () => {
    const expected = createHash('sha256').update(VERIFIER).digest('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    assert.equal(pkceChallenge(VERIFIER), expected);
    assert.doesNotMatch(pkceChallenge(VERIFIER), /[+/=]/);
  });

  it('trades a registered code and the right verifier for the key, exactly once', async () => {
    holder.fake.registerAuthCode('code-1', pkceChallenge(VERIFIER), 'sk-or-v1-from-oauth');
    const first = await exchangeCode({ code: 'code-1', code_verifier: VERIFIER, code_challenge_method: 'S256' });
    assert.equal(first.status, 200);
    const body = (await first.json()) as { key: string; user_id: string };
    assert.equal(body.key, 'sk-or-v1-from-oauth');
    assert.equal(typeof body.user_id, 'string');

    const reuse = await exchangeCode({ code: 'code-1', code_verifier: VERIFIER, code_challenge_method: 'S256' });
    assert.equal(reuse.status, 403);
    assert.equal(((await reuse.json()) as { error: { code: number } }).error.code, 403);
  });

  it('refuses a wrong verifier (403) without spending the code, and a missing code (400)', async () => {
    holder.fake.registerAuthCode('code-2', pkceChallenge(VERIFIER), 'sk-or-v1-from-oauth');
    const wrong = await exchangeCode({ code: 'code-2', code_verifier: 'not-the-verifier', code_challenge_method: 'S256' });
    assert.equal(wrong.status, 403);
    assert.deepEqual(await wrong.json(), { error: { code: 403, message: 'Invalid code_verifier' } });

    assert.equal((await exchangeCode({ code_verifier: VERIFIER })).status, 400);
    assert.equal((await exchangeCode({ code: 'code-2', code_verifier: VERIFIER, code_challenge_method: 'plain' })).status, 400);
    assert.equal((await exchangeCode({ code: 'code-2', code_verifier: VERIFIER, code_challenge_method: 'S256' })).status, 200);
  });

  /** The approval form of an /auth page: where it posts and its hidden fields. */
  function approvalForm(html: string): { action: string; fields: URLSearchParams } {
    const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
    assert.ok(action, 'the page has the approval form');
    const unescape = (text: string): string => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    const fields = new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1] ?? '', unescape(m[2] ?? '')]));
    return { action, fields };
  }

  async function openAuthPage(callback: string): Promise<string> {
    const query = new URLSearchParams({ callback_url: callback, code_challenge: pkceChallenge(VERIFIER), code_challenge_method: 'S256' });
    const page = await fetch(`${holder.fake.origin}/auth?${query.toString()}`, { redirect: 'manual' });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    return page.text();
  }

  function decide(action: string, fields: URLSearchParams, decision: 'approve' | 'cancel'): Promise<Response> {
    const body = new URLSearchParams(fields);
    body.set('decision', decision);
    return fetch(new URL(action, holder.fake.origin), { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  }

  it('GET /auth asks the user: the page names the callback and offers Approve and Cancel, with nothing from elsewhere', async () => {
    const html = await openAuthPage('http://localhost:3000/oauth/callback?state="x"&y=<1>');
    assert.match(html, /<code id="callback">http:\/\/localhost:3000\/oauth\/callback\?state=%22x%22&#38;y=%3C1%3E<\/code>/);
    assert.match(html, /<button[^>]*value="approve">Approve<\/button>/);
    assert.match(html, /<button[^>]*value="cancel">Cancel<\/button>/);
    assert.doesNotMatch(html, /<script|<link|<img|src=|https?:\/\/(?!localhost:3000)/, 'the page loads nothing');
  });

  it('Approve redirects to the callback with a code that /auth/keys trades for a working key', async () => {
    const { fake } = holder;
    const { action, fields } = approvalForm(await openAuthPage('http://localhost:3000/oauth/callback?state=xyz'));
    const approved = await decide(action, fields, 'approve');
    assert.equal(approved.status, 303);
    const location = new URL(approved.headers.get('location') ?? '');
    assert.equal(location.origin + location.pathname, 'http://localhost:3000/oauth/callback');
    assert.equal(location.searchParams.get('state'), 'xyz');
    const code = location.searchParams.get('code') ?? '';
    assert.notEqual(code, '');

    const exchanged = await exchangeCode({ code, code_verifier: VERIFIER, code_challenge_method: 'S256' });
    assert.equal(exchanged.status, 200);
    const { key } = (await exchanged.json()) as { key: string };
    assert.match(key, /^sk-or-v1-[0-9a-f]{64}$/);
    const keyResponse = await fetch(`${fake.baseUrl}/key`, { headers: { Authorization: `Bearer ${key}` } });
    assert.equal(keyResponse.status, 200, 'the minted key works');
  });

  it('Cancel creates no code and sends the browser nowhere', async () => {
    const { action, fields } = approvalForm(await openAuthPage('http://localhost:3000/oauth/callback'));
    const cancelled = await decide(action, fields, 'cancel');
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.headers.get('location'), null);
    assert.match(await cancelled.text(), /No key was created/);
  });

  it('GET /auth without a callback shows the code to copy', async () => {
    const page = await fetch(`${holder.fake.origin}/auth?code_challenge=${pkceChallenge(VERIFIER)}&code_challenge_method=S256`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const code = /<code id="code">([^<]+)<\/code>/.exec(html)?.[1] ?? '';
    assert.match(code, /^fake-code-/);
    const wrong = await exchangeCode({ code, code_verifier: `${VERIFIER}x`, code_challenge_method: 'S256' });
    assert.equal(wrong.status, 403);
  });
});
