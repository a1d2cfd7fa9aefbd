// What the spend side sees of requests from VS Code chat: a ledger record per request with its surface and the
// extension that asked, the path of a fallback in the status bar tooltip (never in the answer), and a cancel.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LedgerRecord } from '../../src/core/spend/ledger/record';
import { api, chatRequests, clientClosedEarly, script, setUserSetting } from '../integration/suite/support';
import { ask, failure, ourModel, user, withFakeAndOneAttempt } from './support';


/** The ledger records written since `before` was read. */
async function newRecords(before: readonly LedgerRecord[]): Promise<LedgerRecord[]> {
  const seen = new Set(before.map((record) => record.id));
  return (await (await api()).ledgerRecords()).filter((record) => !seen.has(record.id));
}

describe('spend of requests from vscode.lm', () => {
  withFakeAndOneAttempt();

  it('records each request as VS Code chat\'s, failures too', async () => {
    const before = await (await api()).ledgerRecords();
    await script('openai/gpt-4o-mini', { kind: 'answer', text: 'Counted.', usage: { cost: 0.0015 } }, { kind: 'http-error', status: 402, variant: 'openrouter_credits' });
    const model = await ourModel('openai/gpt-4o-mini');
    assert.equal((await ask(model, [user('Count me')])).text, 'Counted.');
    await failure(ask(model, [user('And me')]));
    const records = await newRecords(before);
    // No extension is named: VS Code runs this suite as its test runner and calls the caller `nullextensiondescription`,
    // which is not an extension id, so nothing is kept (the unit tests show an extension id being kept).
    assert.deepEqual(records.map((r) => [r.outcome, r.surface, r.initiator]).sort(), [['done', 'vscode-chat', undefined], ['error', 'vscode-chat', undefined]]);
    assert.equal(records.find((r) => r.outcome === 'done')?.cost, 0.0015);
    const [sent] = await chatRequests();
    for (const field of ['surface', 'initiator', 'origin']) assert.equal(field in (sent?.body as object), false, `${field} is not sent to OpenRouter`);
  });

  it('shows a fallback\'s path in the status bar tooltip, and not in the answer', async () => {
    await setUserSetting('fallbackModels', ['anthropic/claude-3.5-haiku']);
    await script('openai/gpt-4o-mini', { kind: 'http-error', status: 503 });
    await script('anthropic/claude-3.5-haiku', { kind: 'answer', text: 'Haiku answers.' });
    const read = await ask(await ourModel('chain:default'), [user('Hello')]);
    assert.equal(read.text, 'Haiku answers.');
    const tooltip = await (await api()).statusBarTooltip();
    assert.ok(tooltip.includes("**Last request's path** (VS Code chat): openai/gpt\\-4o\\-mini → anthropic/claude\\-3\\.5\\-haiku \\(503\\)"), tooltip);

    await script('openai/gpt-4o-mini', { kind: 'answer', text: 'Straight through.' });
    await ask(await ourModel('openai/gpt-4o-mini'), [user('Hello')]);
    assert.doesNotMatch(await (await api()).statusBarTooltip(), /path/, 'a request that went straight has no path to show');
  });

  // VS Code 1.104 does not pass a consumer's cancel on to the provider once the answer streams (1.139 does), so
  // there the answer arrives in full: the documented limitation, asserted rather than skipped.
  const forwardsCancel = Number(vscode.version.split('.')[1]) >= 139;
  it(forwardsCancel
    ? 'stops a streaming answer when the consumer cancels: the socket closes and the ledger says stopped'
    : 'on VS Code 1.104 a consumer\'s cancel mid-stream is not forwarded: the whole answer arrives and is recorded', async () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    await script('openai/gpt-4o-mini', { kind: 'answer', text: words, tokensPerSecond: 10 });
    const before = await (await api()).ledgerRecords();
    const source = new vscode.CancellationTokenSource();
    const response = await (await ourModel('openai/gpt-4o-mini')).sendRequest([user('Count slowly')], {}, source.token);
    let text = '';
    let parts = 0;
    try {
      for await (const part of response.stream) {
        if (part instanceof vscode.LanguageModelTextPart) text += part.value;
        parts += 1;
        if (parts === 1) source.cancel();
      }
    } catch (error) {
      // Where the cancel reaches the stream, it may end it with VS Code's cancellation error.
      assert.ok(forwardsCancel, `the stream failed: ${String(error)}`);
      assert.match(String((error as Error).name), /cancel/i);
    }
    const [record] = await newRecords(before);
    const [sent] = await chatRequests();
    assert.ok(sent);
    if (forwardsCancel) {
      assert.ok(text.length < words.length, `stopped early: ${JSON.stringify(text)}`);
      await clientClosedEarly(sent.id);
      assert.deepEqual([record?.outcome, record?.surface], ['cancelled', 'vscode-chat']);
    } else {
      assert.equal(text, words);
      assert.equal((await chatRequests())[0]?.clientClosedEarly, undefined, 'the socket stayed open to the end');
      assert.deepEqual([record?.outcome, record?.surface], ['done', 'vscode-chat']);
    }
  });
});
