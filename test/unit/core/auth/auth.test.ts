import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { findApiKeyInDotenv, looksLikeOpenRouterKey } from '../../../../src/core/auth/dotenv';
import { exchangeAuthCode } from '../../../../src/core/auth/exchange';
import { authorizationUrl, base64Url, codeChallengeOf, createCodeVerifier } from '../../../../src/core/auth/pkce';
import { ManualClock } from '../../../../src/core/clock';
import type { FetchLike } from '../../../../src/core/openrouter/api-request';

describe('PKCE', () => {
  it('makes a 64-character base64url verifier from random bytes', () => {
    const verifier = createCodeVerifier();
    assert.match(verifier, /^[A-Za-z0-9_-]{64}$/);
    assert.notEqual(createCodeVerifier(), verifier);
  });

  it('derives the S256 challenge: base64url of the SHA-256 of the verifier', async () => {
    const verifier = createCodeVerifier();
    const expected = createHash('sha256').update(verifier).digest('base64url');
    assert.equal(await codeChallengeOf(verifier), expected);
  });

  it('encodes base64url without padding', () => {
    assert.equal(base64Url(new Uint8Array([0xfb, 0xff])), '-_8');
  });

  it('builds the authorisation URL with the callback and challenge', () => {
    const url = new URL(authorizationUrl('https://openrouter.ai', 'vscode://x/callback?state=1', 'abc'));
    assert.equal(url.pathname, '/auth');
    assert.equal(url.searchParams.get('callback_url'), 'vscode://x/callback?state=1');
    assert.equal(url.searchParams.get('code_challenge'), 'abc');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(new URL(authorizationUrl('https://openrouter.ai', undefined, 'abc')).searchParams.has('callback_url'), false);
  });
});

describe('.env key import', () => {
  it('finds the key in the usual spellings', () => {
    assert.equal(findApiKeyInDotenv('OPENROUTER_API_KEY=sk-or-v1-abc'), 'sk-or-v1-abc');
    assert.equal(findApiKeyInDotenv('export OPENROUTER_API_KEY="sk-or-v1-abc"\n'), 'sk-or-v1-abc');
    assert.equal(findApiKeyInDotenv("OPENROUTER_API_KEY = 'sk-or-v1-abc' # mine"), 'sk-or-v1-abc');
    assert.equal(findApiKeyInDotenv('A=1\r\nOPENROUTER_API_KEY=sk-or-v1-abc # comment\r\nB=2'), 'sk-or-v1-abc');
  });

  it('ignores comments, other variables and empty values', () => {
    assert.equal(findApiKeyInDotenv('# OPENROUTER_API_KEY=sk-or-v1-abc\nOTHER_OPENROUTER_API_KEY=x'), undefined);
    assert.equal(findApiKeyInDotenv('OPENROUTER_API_KEY='), undefined);
    assert.equal(findApiKeyInDotenv(''), undefined);
  });

  it('tells OpenRouter keys from other strings', () => {
    assert.equal(looksLikeOpenRouterKey('sk-or-v1-0123456789abcdef'), true);
    assert.equal(looksLikeOpenRouterKey('sk-proj-123'), false);
    assert.equal(looksLikeOpenRouterKey('sk-or-v1 with spaces'), false);
  });
});

describe('sign-in code exchange', () => {
  const exchange = (fetch: FetchLike) =>
    exchangeAuthCode({ baseUrl: 'https://openrouter.test/api/v1', fetch, clock: new ManualClock(), code: ' code-1 ', verifier: 'v'.repeat(64), timeoutMs: 0 });
  const answering = (status: number, body: string): FetchLike => async () => new Response(body, { status });

  it('posts the trimmed code and the verifier to /auth/keys and returns the key', async () => {
    let sent: { url: string; init: RequestInit } | undefined;
    const fetch: FetchLike = async (url, init) => {
      sent = { url, init };
      return new Response('{"key":"sk-or-v1-new","user_id":"u"}', { status: 200 });
    };
    assert.deepEqual(await exchange(fetch), { ok: true, key: 'sk-or-v1-new' });
    assert.equal(sent?.url, 'https://openrouter.test/api/v1/auth/keys');
    assert.equal(sent?.init.method, 'POST');
    assert.deepEqual(JSON.parse(String(sent?.init.body)), { code: 'code-1', code_verifier: 'v'.repeat(64), code_challenge_method: 'S256' });
  });

  it('explains a rejected code with its status and the reason OpenRouter gave', async () => {
    const result = await exchange(answering(403, '{"error":{"code":403,"message":"Invalid code_verifier"}}'));
    assert.ok(!result.ok);
    assert.match(result.message, /did not accept the sign-in code \(403: Invalid code_verifier\)/);
  });

  it('tells an unreachable server from an answer without a key', async () => {
    const offline: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    const unreachable = await exchange(offline);
    assert.ok(!unreachable.ok);
    assert.match(unreachable.message, /^Could not reach OpenRouter/);
    for (const body of ['{"user_id":"u"}', 'not json']) {
      const keyless = await exchange(answering(200, body));
      assert.ok(!keyless.ok);
      assert.match(keyless.message, /without a key/, body);
    }
  });
});
