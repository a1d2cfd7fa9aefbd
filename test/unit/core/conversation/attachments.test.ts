import assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/chat/model';
import { attach, attachedWhole } from '../../../../src/core/conversation/attachments';
import { ask, conversation, effectsOf, updatesOf } from './conversation-support';

const A = 'file:///w/a.ts';
const B = 'file:///w/b.ts';
const selectionOfA: Attachment = { kind: 'selection', label: 'a.ts:1-3', text: 'let x = 1;', tokens: 4, uris: [A] };
const fileA: Attachment = { kind: 'file', label: 'a.ts', text: 'let x = 1;\nlet y = 2;', tokens: 8, uris: [A] };
const fileB: Attachment = { kind: 'file', label: 'b.ts', text: 'export {};', tokens: 3, uris: [B] };
const editors = (uris: string[], text = uris.join('\n')): Attachment => ({ kind: 'editors', label: `${uris.length} open editors`, text, tokens: 9, uris });
const labels = (attachments: readonly Attachment[]): string[] => attachments.map((a) => a.label);

describe('attachments: the same file goes once', () => {
  it('attaching the same thing twice is a no-op that says so', () => {
    for (const chip of [selectionOfA, fileA, editors([A, B])]) {
      const result = attach([chip], { ...chip });
      assert.deepEqual(labels(result.attachments), [chip.label]);
      assert.equal(result.note, `${chip.label} is already attached.`);
    }
  });

  it('refreshes a chip attached again after its file changed, in place', () => {
    const edited = { ...fileA, text: 'let x = 3;' };
    const result = attach([fileA, fileB], edited);
    assert.deepEqual(result.attachments, [edited, fileB]);
    assert.equal(result.note, undefined);
  });

  it('a file attached whole makes a selection of it redundant, whichever came first', () => {
    const fileFirst = attach([fileA], selectionOfA);
    assert.deepEqual(labels(fileFirst.attachments), ['a.ts']);
    assert.equal(fileFirst.note, 'The selection\'s file is already attached whole.');
    const selectionFirst = attach([selectionOfA, fileB], fileA);
    assert.deepEqual(labels(selectionFirst.attachments), ['b.ts', 'a.ts']);
    assert.match(selectionFirst.note ?? '', /a\.ts includes a\.ts:1-3, so that chip was removed/);
  });

  it('Open Editors covers its files: a selection or a file of one of them is redundant', () => {
    const withEditors = [editors([A, B])];
    assert.match(attach(withEditors, selectionOfA).note ?? '', /already attached with the open editors/);
    assert.match(attach(withEditors, fileA).note ?? '', /^a\.ts is already attached with the open editors/);
    assert.deepEqual(labels(attach([selectionOfA], editors([A])).attachments), ['1 open editors']);
  });

  it('Open Editors leaves out the files attached on their own, and a second one replaces the first', () => {
    assert.deepEqual(attachedWhole([selectionOfA, fileB, editors([A])]), [B]);
    const again = attach([fileB, editors([A])], editors([A, 'file:///w/c.ts']));
    assert.deepEqual(labels(again.attachments), ['b.ts', '2 open editors']);
  });

  it('different selections of one file, and chips saved without URIs, are told apart by label', () => {
    const other = { ...selectionOfA, label: 'a.ts:10-12', text: 'other' };
    assert.deepEqual(labels(attach([selectionOfA], other).attachments), ['a.ts:1-3', 'a.ts:10-12']);
    const saved: Attachment = { kind: 'file', label: 'a.ts', text: 'x', tokens: 1 };
    assert.equal(attach([saved], { ...saved }).note, 'a.ts is already attached.');
    assert.deepEqual(labels(attach([saved], { ...saved, label: 'b.ts' }).attachments), ['a.ts', 'b.ts']);
  });
});

describe('conversation core: attaching context', () => {
  it('says when an attachment adds nothing, and leaves the composer as it was', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'attach', attachment: fileA });
    const step = chat.dispatch({ type: 'attach', attachment: selectionOfA });
    assert.deepEqual(effectsOf(step, 'inform'), [{ type: 'inform', text: 'The selection\'s file is already attached whole.' }]);
    assert.deepEqual(updatesOf(step, 'composer'), []);
    assert.deepEqual(chat.composerState().attachments.map((a) => a.label), ['a.ts']);
  });

  it('asks Open Editors to leave out the files already attached', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'attach', attachment: fileB });
    assert.deepEqual(chat.dispatch({ type: 'attachContext', kind: 'editors' }).effects, [{ type: 'capture', kind: 'editors', skip: [B] }]);
  });

  it('sends a command\'s context by the same rules', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'attach', attachment: fileA });
    ask(chat, 'Explain', [selectionOfA, fileB]);
    const question = chat.chat.turns[0];
    assert.deepEqual(question?.role === 'user' ? labels(question.attachments) : [], ['a.ts', 'b.ts']);
  });
});
