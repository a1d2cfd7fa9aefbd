import assert from 'node:assert/strict';
import { isCodeBlockMessage, panelInput } from '../../../../src/core/conversation/panel-input';
import { WebviewToHost } from '../../../../src/protocol/messages';

describe('the panel\'s messages', () => {
  it('are the conversation core\'s inputs', () => {
    assert.deepEqual(panelInput({ type: 'webview/resync' }), { type: 'refresh' });
    assert.deepEqual(panelInput({ type: 'chat/send', text: 'Hi' }), { type: 'send', text: 'Hi' });
    assert.deepEqual(panelInput({ type: 'context/remove', index: 2 }), { type: 'detach', index: 2 });
    assert.deepEqual(panelInput({ type: 'chat/export' }), { type: 'export' });
    assert.deepEqual(panelInput({ type: 'chat/export', chatId: 'chat-1' }), { type: 'export', chatId: 'chat-1' });
    assert.deepEqual(panelInput({ type: 'chat/regenerateWith', turnId: 't' }), { type: 'regenerateWith', turnId: 't' });
    assert.deepEqual(panelInput({ type: 'chat/retryWithMaxTokens', turnId: 't', maxTokens: 1024 }), { type: 'retryWithMaxTokens', turnId: 't', maxTokens: 1024 });
    assert.deepEqual(panelInput({ type: 'action/run', action: 'top_up' }), { type: 'runAction', action: 'top_up' });
    assert.deepEqual(panelInput({ type: 'chat/showVersion', turnId: 't', version: 0 }), { type: 'showVersion', turnId: 't', version: 0 });
  });

  it('that browse an answer\'s versions are checked at the boundary', () => {
    assert.equal(WebviewToHost.safeParse({ type: 'chat/showVersion', turnId: 't', version: 1 }).success, true);
    for (const version of [-1, 0.5, '1', undefined]) {
      assert.equal(WebviewToHost.safeParse({ type: 'chat/showVersion', turnId: 't', version }).success, false, String(version));
    }
  });

  it('that pick a reasoning effort name the model, and are checked at the boundary', () => {
    assert.deepEqual(panelInput({ type: 'reasoning/effort', model: 'a/b', effort: 'high' }), { type: 'pickEffort', model: 'a/b', effort: 'high' });
    assert.deepEqual(panelInput({ type: 'reasoning/effort', model: 'a/b' }), { type: 'pickEffort', model: 'a/b', effort: undefined });
    for (const bad of [{ model: '' }, { model: 'a/b', effort: '' }, { model: 'a/b', effort: 'x'.repeat(21) }, { effort: 'high' }]) {
      assert.equal(WebviewToHost.safeParse({ type: 'reasoning/effort', ...bad }).success, false, JSON.stringify(bad));
    }
  });

  it('except a code block\'s buttons, which the host runs on editors and terminals', () => {
    assert.equal(isCodeBlockMessage({ type: 'code/apply', code: 'x' }), true);
    assert.equal(isCodeBlockMessage({ type: 'code/terminal', code: 'ls' }), true);
    assert.equal(isCodeBlockMessage({ type: 'chat/copy', turnId: 't' }), false);
  });
});
