// Deleting a chat from the list can be undone for a few seconds: the host keeps the chat in memory meanwhile, and the
// core decides what the list offers, what comes back, and when the deletion becomes final.
import * as assert from 'node:assert/strict';
import { UNDO_DELETE_MS } from '../../../../src/core/conversation/deletion-undo';
import type { ChatSummary } from '../../../../src/core/chat/model';
import { answered, conversation, effectsOf } from './conversation-support';

const summary = (id: string, title: string): ChatSummary => ({ id, title, updatedAt: 1, turns: 2, cost: 0 });

describe('the conversation: undoing a deletion', () => {
  it('offers Undo for the deleted chat, by title, until its time runs out, then removes it for good', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'chats', chats: [summary('chat-a', 'Ferry times'), summary('chat-b', 'Packing list')] });
    assert.deepEqual(chat.dispatch({ type: 'delete', chatId: 'chat-a' }).effects, [{ type: 'deleteChat', chatId: 'chat-a' }]);
    const deleted = chat.dispatch({ type: 'chatDeleted', chatId: 'chat-a', chats: [summary('chat-b', 'Packing list')], undoable: true });
    assert.deepEqual(deleted.effects, [{ type: 'expireUndo', chatId: 'chat-a', deletion: 1, afterMs: UNDO_DELETE_MS }]);
    assert.deepEqual(chat.deletedChat, { chatId: 'chat-a', title: 'Ferry times' });
    assert.deepEqual(chat.panelState().deleted, { chatId: 'chat-a', title: 'Ferry times' });
    assert.deepEqual(chat.chats.map((c) => c.id), ['chat-b']);

    assert.deepEqual(chat.dispatch({ type: 'undoExpired', chatId: 'chat-a', deletion: 1 }), { panel: [{ type: 'chats' }], effects: [{ type: 'purgeChat', chatId: 'chat-a' }] });
    assert.equal(chat.deletedChat, undefined);
    assert.deepEqual(chat.dispatch({ type: 'undoDelete', chatId: 'chat-a' }).effects, [], 'too late to undo');
  });

  it('brings the chat back into the list when undone, and its time running out later changes nothing', () => {
    const { chat } = conversation();
    answered(chat, 'Open question', 'Open answer');
    const open = chat.chat;
    chat.dispatch({ type: 'chats', chats: [summary('chat-a', 'Ferry times')] });
    chat.dispatch({ type: 'chatDeleted', chatId: 'chat-a', chats: [], undoable: true });
    assert.deepEqual(chat.dispatch({ type: 'undoDelete', chatId: 'chat-a' }), { panel: [{ type: 'chats' }], effects: [{ type: 'restoreChat', chatId: 'chat-a', reopen: false }] });
    assert.equal(chat.deletedChat, undefined, 'the Undo row goes at once');
    const restored = chat.dispatch({ type: 'chatRestored', chatId: 'chat-a', chat: undefined, chats: [summary('chat-a', 'Ferry times')], reopen: false });
    assert.deepEqual(restored, { panel: [{ type: 'chats' }], effects: [] });
    assert.deepEqual(chat.chats.map((c) => c.id), ['chat-a']);
    assert.equal(chat.chat, open, 'the open chat stays open');
    assert.deepEqual(chat.dispatch({ type: 'undoExpired', chatId: 'chat-a', deletion: 1 }), { panel: [], effects: [] }, 'nothing is purged after an undo');
  });

  it('opens the open chat again when its deletion is undone, whole', () => {
    const { chat } = conversation();
    answered(chat, 'Where do ferries go?', 'To Zanzibar.');
    const deleted = structuredClone(chat.chat);
    chat.dispatch({ type: 'chats', chats: [summary(deleted.id, deleted.title)] });
    chat.dispatch({ type: 'delete', chatId: deleted.id });
    chat.dispatch({ type: 'chatDeleted', chatId: deleted.id, chats: [], undoable: true });
    assert.notEqual(chat.chat.id, deleted.id, 'a blank chat replaced it');
    assert.deepEqual(effectsOf(chat.dispatch({ type: 'undoDelete', chatId: deleted.id }), 'restoreChat'), [{ type: 'restoreChat', chatId: deleted.id, reopen: true }]);
    const back = chat.dispatch({ type: 'chatRestored', chatId: deleted.id, chat: deleted, chats: [summary(deleted.id, deleted.title)], reopen: true });
    assert.deepEqual(chat.chat, deleted);
    assert.deepEqual(effectsOf(back, 'setCurrent'), [{ type: 'setCurrent', chatId: deleted.id }]);
    assert.deepEqual(chat.panelState().chat.turns.map((t) => t.text), ['Where do ferries go?', 'To Zanzibar.']);
  });

  it('does not replace a chat started since the deletion when undone', () => {
    const { chat } = conversation();
    answered(chat, 'First', 'One');
    const deleted = structuredClone(chat.chat);
    chat.dispatch({ type: 'chatDeleted', chatId: deleted.id, chats: [], undoable: true });
    answered(chat, 'Something new', 'Two');
    const current = chat.chat;
    chat.dispatch({ type: 'undoDelete', chatId: deleted.id });
    chat.dispatch({ type: 'chatRestored', chatId: deleted.id, chat: deleted, chats: [], reopen: true });
    assert.equal(chat.chat, current);
  });

  it('only the last deletion can be undone: deleting another ends the first one\'s time', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'chats', chats: [summary('chat-a', 'A'), summary('chat-b', 'B')] });
    chat.dispatch({ type: 'chatDeleted', chatId: 'chat-a', chats: [summary('chat-b', 'B')], undoable: true });
    const second = chat.dispatch({ type: 'chatDeleted', chatId: 'chat-b', chats: [], undoable: true });
    assert.deepEqual(second.effects, [{ type: 'purgeChat', chatId: 'chat-a' }, { type: 'expireUndo', chatId: 'chat-b', deletion: 2, afterMs: UNDO_DELETE_MS }]);
    assert.deepEqual(chat.deletedChat, { chatId: 'chat-b', title: 'B' });
    assert.deepEqual(chat.dispatch({ type: 'undoDelete', chatId: 'chat-a' }).effects, []);
    assert.deepEqual(chat.dispatch({ type: 'undoExpired', chatId: 'chat-a', deletion: 1 }).effects, [], 'the first one\'s timer finds nothing to do');
  });

  it('a chat deleted, undone and deleted again keeps its second undo time when the first one\'s timer fires', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'chats', chats: [summary('chat-a', 'A')] });
    chat.dispatch({ type: 'chatDeleted', chatId: 'chat-a', chats: [], undoable: true });
    chat.dispatch({ type: 'undoDelete', chatId: 'chat-a' });
    chat.dispatch({ type: 'chatRestored', chatId: 'chat-a', chat: undefined, chats: [summary('chat-a', 'A')], reopen: false });
    const again = chat.dispatch({ type: 'chatDeleted', chatId: 'chat-a', chats: [], undoable: true });
    assert.deepEqual(effectsOf(again, 'expireUndo'), [{ type: 'expireUndo', chatId: 'chat-a', deletion: 2, afterMs: UNDO_DELETE_MS }]);
    assert.deepEqual(chat.dispatch({ type: 'undoExpired', chatId: 'chat-a', deletion: 1 }).effects, [], 'the first timer ends nothing');
    assert.deepEqual(chat.deletedChat, { chatId: 'chat-a', title: 'A' }, 'Undo is still offered');
    assert.deepEqual(chat.dispatch({ type: 'undoDelete', chatId: 'chat-a' }).effects, [{ type: 'restoreChat', chatId: 'chat-a', reopen: false }]);
  });

  it('offers no Undo for a chat the host could not keep (it could not be read)', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'chats', chats: [summary('chat-a', 'A')] });
    const deleted = chat.dispatch({ type: 'chatDeleted', chatId: 'chat-a', chats: [], undoable: false });
    assert.deepEqual(effectsOf(deleted, 'expireUndo'), []);
    assert.equal(chat.deletedChat, undefined);
  });
});
