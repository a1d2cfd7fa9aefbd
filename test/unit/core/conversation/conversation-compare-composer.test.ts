import assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/chat/model';
import { conversation, effectsOf, updatesOf } from './conversation-support';

const file: Attachment = { kind: 'file', label: 'src/a.ts', text: 'export const a = 1;', tokens: 6 };

// A comparison started from the composer takes its message elsewhere: the composer empties only once it starts,
// and a cancelled one gives the message back.
describe('conversation core: the composer and a comparison', () => {
  it('empties draft and chips once the comparison starts, and the panel is told to show the empty draft', () => {
    const { chat } = conversation({ draft: 'Explain this' });
    chat.dispatch({ type: 'attach', attachment: file });
    const before = chat.composerState().draftRevision;
    const step = chat.dispatch({ type: 'composerSent' });
    assert.deepEqual(effectsOf(step, 'persistDraft'), [{ type: 'persistDraft', text: '' }]);
    assert.equal(updatesOf(step, 'composer').length, 1);
    const after = chat.composerState();
    assert.equal(after.draft, '');
    assert.deepEqual(after.attachments, []);
    assert.notEqual(after.draftRevision, before, 'the panel replaces the draft it shows');
  });

  it('leaves the revision alone when the panel had emptied the draft itself (a /compare message sent)', () => {
    const { chat } = conversation({ draft: '' });
    chat.dispatch({ type: 'attach', attachment: file });
    const before = chat.composerState().draftRevision;
    chat.dispatch({ type: 'composerSent' });
    assert.equal(chat.composerState().draftRevision, before);
    assert.deepEqual(chat.composerState().attachments, []);
  });

  it('puts a cancelled message back with its chips still there, and the panel shows it', () => {
    const { chat } = conversation({ draft: '' });
    chat.dispatch({ type: 'attach', attachment: file });
    const before = chat.composerState().draftRevision;
    const step = chat.dispatch({ type: 'draftBack', text: '/compare What does a export?' });
    assert.deepEqual(effectsOf(step, 'persistDraft'), [{ type: 'persistDraft', text: '/compare What does a export?' }]);
    const after = chat.composerState();
    assert.equal(after.draft, '/compare What does a export?');
    assert.notEqual(after.draftRevision, before);
    assert.deepEqual(after.attachments.map((a) => a.label), ['src/a.ts']);
  });

  it('keeps what was typed since over a cancelled message', () => {
    const { chat } = conversation({ draft: '' });
    chat.dispatch({ type: 'draft', text: 'Something new' });
    const step = chat.dispatch({ type: 'draftBack', text: '/compare old' });
    assert.deepEqual(step.effects, []);
    assert.equal(chat.composerState().draft, 'Something new');
  });
});
