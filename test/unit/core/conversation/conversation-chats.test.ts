import assert from 'node:assert/strict';
import { SNAPSHOT_TURNS } from '../../../../src/core/conversation/conversation';
import type { Chat } from '../../../../src/core/chat/model';
import { DEFAULT_MODEL, SETTINGS, answered, reasonOf, ask, conversation, delta, done, effectsOf, engine, failed, requestOf, updatesOf } from './conversation-support';

function savedChat(id: string, turns: number): Chat {
  return {
    id, title: `Saved ${id}`, createdAt: 1, updatedAt: 2, model: DEFAULT_MODEL,
    turns: Array.from({ length: turns }, (_, i) => (i % 2 === 0
      ? { id: `${id}-u${i}`, role: 'user' as const, text: `q${i}`, createdAt: i, attachments: [] }
      : { id: `${id}-a${i}`, role: 'assistant' as const, text: `a${i}`, reasoning: '', status: 'done' as const, createdAt: i, notices: [] })),
  };
}

describe('conversation core: chats', () => {
  it('a new chat while idle is empty, remembered as current and shown; the empty chat is not saved', () => {
    const { chat } = conversation();
    answered(chat, 'Hi', 'Hello');
    const before = chat.chat.id;
    const step = chat.dispatch({ type: 'newChat' });
    assert.notEqual(chat.chat.id, before);
    assert.equal(chat.chat.turns.length, 0);
    assert.deepEqual(step.effects, [{ type: 'setCurrent', chatId: chat.chat.id }]);
    assert.deepEqual(step.panel, [{ type: 'snapshot' }]);
  });

  it('opens a saved chat, and ignores opening the one already open', () => {
    const { chat } = conversation();
    const saved = savedChat('chat-saved', 4);
    const step = chat.dispatch({ type: 'openChat', chat: saved });
    assert.equal(chat.chat, saved);
    assert.deepEqual(effectsOf(step, 'setCurrent'), [{ type: 'setCurrent', chatId: 'chat-saved' }]);
    assert.deepEqual(chat.dispatch({ type: 'openChat', chat: saved }), { panel: [], effects: [] });
  });

  it('opening a chat mid-answer stops the answer and switches once it has ended, saving it where it began', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const streamingChat = chat.chat;
    const step = chat.dispatch({ type: 'openChat', chat: savedChat('chat-saved', 2) });
    assert.deepEqual(step.effects, [{ type: 'abort', requestId }]);
    assert.equal(chat.chat, streamingChat, 'not switched before the answer ends');
    const end = engine(chat, requestId, delta('Hel'), failed('cancelled', 'Hel'));
    assert.deepEqual(end.effects.map((e) => e.type), ['save', 'answered', 'setCurrent']);
    assert.equal(effectsOf(end, 'save')[0]?.chat, streamingChat);
    assert.equal(chat.chat.id, 'chat-saved');
  });

  it('deleting the open chat mid-answer stops it without writing the deleted chat back', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const deleted = chat.chat.id;
    chat.dispatch({ type: 'chatDeleted', chatId: deleted, chats: [], undoable: true });
    const end = engine(chat, requestId, failed('cancelled'));
    assert.deepEqual(effectsOf(end, 'save'), []);
    assert.notEqual(chat.chat.id, deleted);
    assert.equal(chat.chat.turns.length, 0);
  });

  it('deleting another chat leaves the open one open', () => {
    const { chat } = conversation();
    answered(chat, 'Hi', 'Hello');
    const open = chat.chat.id;
    assert.deepEqual(chat.dispatch({ type: 'chatDeleted', chatId: 'chat-other', chats: [], undoable: true }).panel, [{ type: 'snapshot' }], 'the snapshot holds the list');
    assert.equal(chat.chat.id, open);
  });

  it('New Chat from a failed answer puts its question back in the composer, before a draft typed since', () => {
    const { chat } = conversation();
    const file = { kind: 'file' as const, label: 'log.txt', text: 'long', tokens: 90_000 };
    const { requestId } = ask(chat, 'Why does it fail?', [file]);
    engine(chat, requestId, failed('bad_request'));
    chat.dispatch({ type: 'draft', text: 'also this' });
    const failedAnswer = chat.chat.turns[1]!.id;
    const step = chat.dispatch({ type: 'newChatFrom', turnId: failedAnswer });
    assert.equal(chat.chat.turns.length, 0);
    assert.equal(chat.composerState().draft, 'Why does it fail?\n\nalso this');
    assert.deepEqual(chat.composerState().attachments.map((a) => a.label), ['log.txt']);
    assert.deepEqual(effectsOf(step, 'persistDraft').at(-1), { type: 'persistDraft', text: 'Why does it fail?\n\nalso this' });
    assert.equal(chat.composerState().draftRevision, 1, 'the panel is told to show it');
  });

  it('New Chat from an answer is ignored while one streams', () => {
    const { chat } = conversation();
    answered(chat, 'One', 'Uno');
    ask(chat, 'Two');
    assert.deepEqual(chat.dispatch({ type: 'newChatFrom', turnId: chat.chat.turns[1]!.id }), { panel: [], effects: [] });
  });

  it('a snapshot holds the newest turns; older ones come on demand, in order', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'openChat', chat: savedChat('chat-long', 100) });
    const state = chat.panelState();
    assert.equal(state.chat.turns.length, SNAPSHOT_TURNS);
    assert.equal(state.chat.olderCount, 100 - SNAPSHOT_TURNS);
    const [older] = updatesOf(chat.dispatch({ type: 'older', chatId: 'chat-long', before: 60 }), 'history/older');
    assert.equal(older?.olderCount, 20);
    assert.deepEqual([older?.turns[0]?.id, older?.turns.at(-1)?.id], ['chat-long-u20', 'chat-long-a59']);
    assert.deepEqual(chat.dispatch({ type: 'older', chatId: 'chat-other', before: 60 }), { panel: [], effects: [] });
  });

  it('a reader scrolling up fast gets the larger page the panel asks for', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'openChat', chat: savedChat('chat-long', 2000) });
    const [older] = updatesOf(chat.dispatch({ type: 'older', chatId: 'chat-long', before: 1960, count: 320 }), 'history/older');
    assert.equal(older?.turns.length, 320);
    assert.equal(older?.olderCount, 1640);
    assert.equal(older?.turns.at(-1)?.id, 'chat-long-a1959');
  });

  it('restores the chat open at the last close, unless a question was sent meanwhile', () => {
    const restoredChat = savedChat('chat-restored', 2);
    const first = conversation().chat;
    first.dispatch({ type: 'key', hasKey: true });
    first.dispatch({ type: 'restored', chat: restoredChat, chats: [] });
    assert.equal(first.chat.id, 'chat-restored');
    assert.equal(first.panelState().hasKey, true, 'the key read before the history loaded stands');
    const second = conversation().chat;
    ask(second, 'Typed before the history loaded');
    second.dispatch({ type: 'restored', chat: restoredChat, chats: [] });
    assert.notEqual(second.chat.id, 'chat-restored');
  });

  it('exports the open chat itself, and a saved one by id', () => {
    const { chat } = conversation();
    answered(chat, 'Hi', 'Hello');
    assert.deepEqual(chat.dispatch({ type: 'export' }).effects, [{ type: 'export', chat: chat.chat }]);
    assert.deepEqual(chat.dispatch({ type: 'export', chatId: 'chat-other' }).effects, [{ type: 'exportSaved', chatId: 'chat-other' }]);
  });

  it('keeps the saved chats\' list for the panel', () => {
    const { chat } = conversation();
    const chats = [{ id: 'chat-a', title: 'A', updatedAt: 1, turns: 2, cost: 0.01 }];
    assert.deepEqual(chat.dispatch({ type: 'chats', chats }).panel, [{ type: 'chats' }]);
    assert.deepEqual(chat.panelState().chats, chats);
  });
});

describe('conversation core: the model in use', () => {
  it('a preset sets the model, system prompt and limits of the next request', () => {
    const { chat } = conversation();
    const step = chat.dispatch({ type: 'pickPreset', preset: 'simple' });
    assert.deepEqual(effectsOf(step, 'persistSelection'), [{ type: 'persistSelection', preset: 'simple' }]);
    const { request } = ask(chat, 'Classify this');
    assert.equal(request.model, 'mistralai/mistral-7b-instruct');
    assert.deepEqual(request.messages[0], { role: 'system', content: 'Answer in one line.' });
    assert.equal(request.max_tokens, 200);
    assert.equal(request.temperature, 0.2);
    assert.equal(chat.panelState().preset, 'simple');
  });

  it('a model picked while a preset is active leaves the preset: header, request and saved setting agree', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'pickPreset', preset: 'simple' });
    const step = chat.dispatch({ type: 'pickModel', model: 'openai/gpt-4o' });
    assert.deepEqual(effectsOf(step, 'persistSelection'), [{ type: 'persistSelection', defaultModel: 'openai/gpt-4o', preset: undefined }]);
    assert.equal(chat.model, 'openai/gpt-4o');
    assert.equal(chat.panelState().model, 'openai/gpt-4o');
    assert.equal(chat.panelState().preset, undefined);
    const { request } = ask(chat, 'Hi');
    assert.equal(request.model, 'openai/gpt-4o');
    assert.equal(request.max_tokens, 4096, 'the preset\'s limits went with it');
  });

  it('ignores a preset that does not exist', () => {
    const { chat } = conversation();
    assert.deepEqual(chat.dispatch({ type: 'pickPreset', preset: 'nope' }), { panel: [], effects: [] });
    assert.equal(chat.model, DEFAULT_MODEL);
  });

  it('falls back to the default model when the active preset is removed from the settings', () => {
    const { chat } = conversation({ preset: 'code' });
    assert.equal(chat.model, 'anthropic/claude-sonnet-4');
    chat.dispatch({ type: 'settings', settings: { ...SETTINGS, presets: {} } });
    assert.equal(chat.model, DEFAULT_MODEL);
    assert.equal(chat.panelState().preset, undefined);
  });

  it('a settings change shows at once and shapes the next request', () => {
    const { chat } = conversation();
    const step = chat.dispatch({ type: 'settings', settings: { ...SETTINGS, defaultModel: 'google/gemini-2.5-flash', maxTokens: 1000 } });
    assert.deepEqual(step.panel, [{ type: 'snapshot' }]);
    const { request } = ask(chat, 'Hi');
    assert.deepEqual([request.model, request.max_tokens], ['google/gemini-2.5-flash', 1000]);
  });
});

describe('conversation core: the composer', () => {
  it('keeps the draft and saves it as it is typed', () => {
    const { chat } = conversation({ draft: 'from last time' });
    assert.equal(chat.composerState().draft, 'from last time');
    const step = chat.dispatch({ type: 'draft', text: 'new text' });
    assert.deepEqual(step, { panel: [{ type: 'composer' }], effects: [{ type: 'persistDraft', text: 'new text' }] });
    ask(chat, 'sent');
    assert.equal(chat.composerState().draftRevision, 0, 'the panel\'s own typing and sending never replace its text');
  });

  it('attaches and removes chips, ignoring a stale index', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'attach', attachment: { kind: 'selection', label: 'a.ts:1', text: 'a', tokens: 1 } });
    chat.dispatch({ type: 'attach', attachment: { kind: 'file', label: 'b.ts', text: 'b', tokens: 1 } });
    assert.deepEqual(chat.dispatch({ type: 'detach', index: 5 }), { panel: [], effects: [] });
    chat.dispatch({ type: 'detach', index: 0 });
    assert.deepEqual(chat.composerState().attachments.map((a) => a.label), ['b.ts']);
  });

  it('estimates the cost and measures the context once the model list is loaded, in a snapshot that redraws the header too', () => {
    let loaded = false;
    const facts = { pricing: { prompt: 0.000001, completion: 0.000002 }, contextLength: 8192 };
    const { chat } = conversation({ modelFacts: () => (loaded ? facts as never : undefined) });
    chat.dispatch({ type: 'draft', text: 'x'.repeat(400) });
    assert.equal(chat.composerState().estimate?.worstCaseUsd, undefined);
    loaded = true;
    assert.deepEqual(chat.dispatch({ type: 'modelsLoaded' }).panel, [{ type: 'snapshot' }]);
    const estimate = chat.composerState().estimate;
    assert.equal(estimate?.contextTokens, 8192);
    assert.ok((estimate?.worstCaseUsd ?? 0) > 4096 * 0.000002, 'the worst case includes max_tokens of output');
    assert.ok((estimate?.promptTokens ?? 0) >= 100);
  });
});

describe('conversation core: races', () => {
  it('stop, then a new chat: the stopped answer is saved in its chat before the new one is current', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const old = chat.chat;
    assert.deepEqual(chat.dispatch({ type: 'stop' }).effects, [{ type: 'abort', requestId }]);
    const newChat = chat.dispatch({ type: 'newChat' });
    assert.deepEqual(newChat.effects, [{ type: 'abort', requestId }], 'waits for the answer to end');
    assert.equal(chat.chat, old);
    const end = engine(chat, requestId, failed('cancelled'));
    assert.deepEqual(end.effects.map((e) => e.type), ['save', 'answered', 'setCurrent']);
    assert.equal((old.turns[1] as { status: string }).status, 'stopped');
    assert.notEqual(chat.chat.id, old.id);
    assert.equal(chat.busy, false);
  });

  it('a webview reload mid-answer gets everything streamed so far, and the deltas that follow', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    engine(chat, requestId, { type: 'reasoning', text: 'Hmm. ' }, delta('Hel'));
    assert.deepEqual(chat.dispatch({ type: 'refresh' }).panel, [{ type: 'snapshot' }]);
    const state = chat.panelState();
    assert.equal(state.streaming, true);
    const answer = state.chat.turns.at(-1);
    assert.deepEqual([answer?.text, answer?.role === 'assistant' && answer.reasoning], ['Hel', 'Hmm. ']);
    const more = engine(chat, requestId, delta('lo'), done('Hello'));
    assert.deepEqual(updatesOf(more, 'chat/delta').map((u) => u.text), ['lo']);
    assert.equal(updatesOf(more, 'chat/end')[0]?.textLength, 5);
  });

  it('a keep-alive before the first token shows the waiting line; one after it does not', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    assert.deepEqual(engine(chat, requestId, { type: 'waiting' }, { type: 'waiting' }).panel, [{ type: 'chat/waiting', waiting: true }]);
    assert.equal(chat.panelState().waiting, true);
    assert.deepEqual(engine(chat, requestId, delta('Hi')).panel, [{ type: 'chat/waiting', waiting: false }, { type: 'chat/delta', turnId: chat.chat.turns[1]!.id, text: 'Hi' }]);
    assert.deepEqual(engine(chat, requestId, { type: 'waiting' }).panel, [], 'a keep-alive after the first token');
    assert.equal(chat.panelState().waiting, false);
  });

  it('a retry clears the waiting line: the failed attempt is no longer working', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const reason = reasonOf('unavailable');
    engine(chat, requestId, { type: 'waiting' });
    const step = engine(chat, requestId, { type: 'retry', model: DEFAULT_MODEL, delayMs: 1000, reason });
    assert.deepEqual(step.panel[0], { type: 'chat/waiting', waiting: false });
  });

  it('a key cleared mid-answer shows at once; the answer in flight still ends and is saved', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'key', hasKey: true });
    const { requestId } = ask(chat, 'Hi');
    assert.deepEqual(chat.dispatch({ type: 'key', hasKey: false }).panel, [{ type: 'snapshot' }]);
    assert.equal(chat.panelState().hasKey, false);
    const end = engine(chat, requestId, delta('Hello'), done('Hello'));
    assert.equal(effectsOf(end, 'save').length, 1);
    assert.equal(chat.busy, false);
  });

  it('a preset picked, then a model picked, mid-answer: the answer keeps its model, the next uses the picked one', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const picks = [chat.dispatch({ type: 'pickPreset', preset: 'code' }), chat.dispatch({ type: 'pickModel', model: 'openai/gpt-4o' })];
    assert.deepEqual(picks.flatMap((step) => step.effects.map((e) => e.type)), ['persistSelection', 'persistSelection'], 'the answer in flight is neither stopped nor sent again');
    assert.equal(chat.inFlight, requestId);
    engine(chat, requestId, done('Hello'));
    assert.equal(ask(chat, 'Next').request.model, 'openai/gpt-4o');
  });

  it('two new chats while an answer ends: the last request wins, once', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    chat.dispatch({ type: 'openChat', chat: savedChat('chat-a', 2) });
    chat.dispatch({ type: 'openChat', chat: savedChat('chat-b', 2) });
    const end = engine(chat, requestId, failed('cancelled'));
    assert.deepEqual(effectsOf(end, 'setCurrent'), [{ type: 'setCurrent', chatId: 'chat-b' }]);
    assert.equal(chat.chat.id, 'chat-b');
  });

  it('a question sent right after an answer ends starts a new request', () => {
    const { chat } = conversation();
    const first = ask(chat, 'One');
    engine(chat, first.requestId, delta('Uno'), done('Uno'));
    const second = requestOf(chat.dispatch({ type: 'send', text: 'Two' }));
    assert.notEqual(second.requestId, first.requestId);
    assert.deepEqual(second.request.messages.map((m) => m.content), ['One', 'Uno', 'Two']);
  });
});
