import assert from 'node:assert/strict';
import { isCodeBlockMessage, panelInput } from '../../../../src/core/conversation/panel-input';

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
  });

  it('except a code block\'s buttons, which the host runs on editors and terminals', () => {
    assert.equal(isCodeBlockMessage({ type: 'code/apply', code: 'x' }), true);
    assert.equal(isCodeBlockMessage({ type: 'code/terminal', code: 'ls' }), true);
    assert.equal(isCodeBlockMessage({ type: 'chat/copy', turnId: 't' }), false);
  });
});
