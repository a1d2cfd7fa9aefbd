import assert from 'node:assert/strict';
import { routePanelMessage } from '../../../../src/core/conversation/panel-input';

describe('the panel\'s messages', () => {
  it('are the core\'s own inputs where no editor is needed', () => {
    assert.deepEqual(routePanelMessage({ type: 'webview/resync' }), { to: 'core', input: { type: 'refresh' } });
    assert.deepEqual(routePanelMessage({ type: 'context/remove', index: 2 }), { to: 'core', input: { type: 'detach', index: 2 } });
    assert.deepEqual(routePanelMessage({ type: 'chat/export' }), { to: 'core', input: { type: 'export' } });
    assert.deepEqual(routePanelMessage({ type: 'chat/new' }), { to: 'core', input: { type: 'newChat' } });
  });

  it('go to the host where a picker, the clipboard, a file or a command comes first', () => {
    for (const message of [{ type: 'chat/regenerateWith', turnId: 't' }, { type: 'code/apply', code: 'x' }, { type: 'chat/open', chatId: 'c' }] as const) {
      assert.equal(routePanelMessage(message).to, 'host', message.type);
    }
  });
});
