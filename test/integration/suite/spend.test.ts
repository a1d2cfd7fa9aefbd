import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, fake, FAKE_KEY, script, setUserSetting, signInWithFakeKey, useFake } from './support';

interface KeyData {
  usage: number;
  byok_usage: number;
}

async function keyData(): Promise<KeyData> {
  const { baseUrl } = await fake();
  const response = await fetch(`${baseUrl}/key`, { headers: { Authorization: `Bearer ${FAKE_KEY}` } });
  return ((await response.json()) as { data: KeyData }).data;
}

const ask = (prompt: string) => vscode.commands.executeCommand<{ text: string; model?: string; error?: { kind: string } }>('openrouter.ask', prompt);

describe('the spend ledger', () => {
  before(async () => {
    await useFake();
    await signInWithFakeKey();
  });

  it('adds up exactly what OpenRouter charged: fallback, cached tokens, bring-your-own-key and a stopped stream', async () => {
    const extension = await api();
    const before = (await extension.spendSummary()).session.cost;
    const charged = await keyData();

    // A fallback: the first model is down, the second answers and is billed.
    await setUserSetting('fallbackModels', ['anthropic/claude-3.5-haiku']);
    await setUserSetting('retry.maxAttempts', 1);
    await script('openai/gpt-4o-mini', { kind: 'http-error', status: 503 });
    await script('anthropic/claude-3.5-haiku', { kind: 'answer', text: 'answered after a fallback' });
    assert.strictEqual((await ask('fallback please')).model, 'anthropic/claude-3.5-haiku');

    // Cached tokens, at the cache-read price.
    await script('openai/gpt-4o-mini', { kind: 'answer', text: 'mostly cached', usage: { promptTokens: 5000, cachedTokens: 4000 } });
    await ask('cached please');

    // Bring your own key: OpenRouter bills a fee, the provider bills the inference to the user's own account.
    await script('openai/gpt-4o-mini', { kind: 'answer', text: 'on your own key', usage: { isByok: true } });
    await ask('byok please');

    // A stream that stalls after some tokens and is stopped by the client (its idle timeout): OpenRouter bills the
    // tokens sent; the ledger's estimate is settled against /generation.
    await setUserSetting('timeouts.idleSeconds', 1);
    await script('openai/gpt-4o-mini', { kind: 'stall', afterTokens: 8, keepAlives: 0 });
    const stopped = await ask('a long answer');
    assert.strictEqual(stopped.error?.kind, 'timeout');
    assert.ok(stopped.text.length > 0, 'some text had streamed');

    const after = await keyData();
    const expected = (after.usage - charged.usage) + (after.byok_usage - charged.byok_usage);
    const recorded = (await extension.spendSummary()).session.cost - before;
    assert.ok(expected > 0);
    assert.ok(Math.abs(recorded - expected) < 1e-9, `ledger ${recorded} vs charged ${expected}`);
    await setUserSetting('fallbackModels', []);
    await setUserSetting('retry.maxAttempts', undefined);
    await setUserSetting('timeouts.idleSeconds', undefined);
  });
});
