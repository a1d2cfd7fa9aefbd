import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { findApiKeyInDotenv, looksLikeOpenRouterKey } from '../../../src/core/auth/dotenv';
import { authorizationUrl, base64Url, codeChallengeOf, createCodeVerifier } from '../../../src/core/auth/pkce';

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
