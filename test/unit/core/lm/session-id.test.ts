import * as assert from 'node:assert/strict';
import { conversationSessionId } from '../../../../src/core/lm/session-id';
import type { LmMessage } from '../../../../src/core/lm/lm-messages';

const user = (text: string): LmMessage => ({ role: 'user', parts: [{ type: 'text', text }] });
const assistant = (text: string): LmMessage => ({ role: 'assistant', parts: [{ type: 'text', text }] });

describe('session ids of VS Code chat conversations', () => {
  it('stay the same across the turns of one conversation', async () => {
    const first = await conversationSessionId([{ role: 'system', parts: [{ type: 'text', text: 'You are an agent.' }] }, user('Fix the build')]);
    const third = await conversationSessionId([{ role: 'system', parts: [{ type: 'text', text: 'You are an agent.' }] }, user('Fix the build'), assistant('Done.'), user('Now the tests')]);
    assert.equal(first, third);
    assert.match(first, /^vscode-[0-9a-f]{32}$/);
  });

  it('differ between conversations and never carry their text', async () => {
    const a = await conversationSessionId([user('Fix the build')]);
    const b = await conversationSessionId([user('Write the docs')]);
    assert.notEqual(a, b);
    assert.ok(!a.includes('build'));
  });
});
