import * as assert from 'node:assert/strict';
import { requestInitiatorOf, vscodeChatOrigin } from '../../../../src/core/lm/request-initiator';

describe('the extension behind a VS Code chat request', () => {
  it('is read from the options VS Code passes, where it says', () => {
    assert.equal(requestInitiatorOf({ toolMode: 1, requestInitiator: 'github.copilot-chat' }), 'github.copilot-chat');
    assert.deepEqual(vscodeChatOrigin({ requestInitiator: 'openrouter-chat-tests.lm-consumer' }), { surface: 'vscode-chat', initiator: 'openrouter-chat-tests.lm-consumer' });
    assert.deepEqual(vscodeChatOrigin({ toolMode: 1 }), { surface: 'vscode-chat' }, 'VS Code 1.100-style options without it');
  });

  it('is ignored unless it looks like an extension id', () => {
    for (const value of [42, '', 'no-dot', 'a.b c', '<script>.x', `a.${'b'.repeat(200)}`, null]) {
      assert.equal(requestInitiatorOf({ requestInitiator: value }), undefined, String(value));
    }
    assert.equal(requestInitiatorOf(undefined), undefined);
  });
});
