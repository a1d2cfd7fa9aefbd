import assert from 'node:assert/strict';
import type { Attachment, AssistantTurn } from '../../../../src/core/chat/model';
import { DEFAULT_MODEL, SETTINGS, answered, ask, conversation, delta, done, effectsOf, engine, failed, reasonOf, requestOf, updatesOf } from './conversation-support';

const lastAnswer = (turns: readonly { role: string }[]): AssistantTurn => turns.at(-1) as AssistantTurn;

describe('conversation core: stop', () => {
  it('asks the host to abort the request in flight', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    assert.deepEqual(chat.dispatch({ type: 'stop' }).effects, [{ type: 'abort', requestId }]);
  });

  it('does nothing when nothing streams', () => {
    const { chat } = conversation();
    answered(chat, 'Hi', 'Hello');
    assert.deepEqual(chat.dispatch({ type: 'stop' }), { panel: [], effects: [] });
  });
});

describe('conversation core: regenerate', () => {
  it('answers the last question again in place of the last answer', () => {
    const { chat } = conversation();
    answered(chat, 'Hi', 'Hello');
    const answerId = chat.chat.turns[1]!.id;
    assert.equal(chat.canRegenerate(answerId), true);
    const step = chat.dispatch({ type: 'regenerate', turnId: answerId });
    const { request } = requestOf(step);
    assert.deepEqual(request.messages, [{ role: 'user', content: 'Hi' }]);
    assert.equal(chat.chat.turns.length, 2);
    assert.notEqual(chat.chat.turns[1]!.id, answerId);
    assert.equal(updatesOf(step, 'snapshot').length, 1);
  });

  it('uses a model picked for that answer only; the next question uses the default again', () => {
    const { chat } = conversation();
    answered(chat, 'Hi', 'Hello');
    const step = chat.dispatch({ type: 'regenerate', turnId: chat.chat.turns[1]!.id, model: 'openai/gpt-4o' });
    assert.equal(requestOf(step).request.model, 'openai/gpt-4o');
    assert.equal(chat.model, DEFAULT_MODEL);
    assert.deepEqual(effectsOf(step, 'persistSelection'), []);
    engine(chat, requestOf(step).requestId, done('Hey', { model: 'openai/gpt-4o' }));
    assert.equal(ask(chat, 'Again').request.model, DEFAULT_MODEL);
  });

  it('is ignored while an answer streams (regenerate while streaming)', () => {
    const { chat } = conversation();
    answered(chat, 'Hi', 'Hello');
    const first = chat.chat.turns[1]!.id;
    ask(chat, 'More');
    const streamingId = chat.chat.turns[3]!.id;
    assert.equal(chat.canRegenerate(streamingId), false);
    assert.deepEqual(chat.dispatch({ type: 'regenerate', turnId: streamingId }), { panel: [], effects: [] });
    assert.deepEqual(chat.dispatch({ type: 'regenerate', turnId: first }), { panel: [], effects: [] });
    assert.equal(chat.chat.turns.length, 4);
  });

  it('is ignored for an answer that is not the last', () => {
    const { chat } = conversation();
    answered(chat, 'One', 'Uno');
    answered(chat, 'Two', 'Dos');
    assert.deepEqual(chat.dispatch({ type: 'regenerate', turnId: chat.chat.turns[1]!.id }), { panel: [], effects: [] });
  });
});

describe('conversation core: retry with the max_tokens the balance covers', () => {
  it('answers the last question again with that max_tokens, this once, and says so on the answer', () => {
    const { chat } = conversation();
    const { requestId, request: first } = ask(chat, 'Write a long essay');
    assert.equal(first.max_tokens, 4096);
    engine(chat, requestId, failed('credits'));
    const step = chat.dispatch({ type: 'retryWithMaxTokens', turnId: chat.chat.turns[1]!.id, maxTokens: 1024 });
    const { request } = requestOf(step);
    assert.equal(request.max_tokens, 1024);
    assert.deepEqual(request.messages, [{ role: 'user', content: 'Write a long essay' }]);
    assert.equal(chat.chat.turns.length, 2, 'in place of the failed answer');
    assert.match(lastAnswer(chat.chat.turns).notices[0]?.text ?? '', /max_tokens lowered to 1024 for this answer/, 'kept on the turn');
    assert.deepEqual(step.panel, [{ type: 'snapshot' }], 'the panel gets the turn, notice and all, once: from the snapshot');
    engine(chat, requestOf(step).requestId, done('Short essay'));
    assert.equal(ask(chat, 'Another').request.max_tokens, 4096, 'the next question has the usual limit');
  });

  it('is ignored for an answer that is not the last, while one streams, or for a limit that is not a count', () => {
    const { chat } = conversation();
    answered(chat, 'One', 'Uno');
    const firstAnswer = chat.chat.turns[1]!.id;
    answered(chat, 'Two', 'Dos');
    assert.deepEqual(chat.dispatch({ type: 'retryWithMaxTokens', turnId: firstAnswer, maxTokens: 100 }), { panel: [], effects: [] });
    const last = chat.chat.turns[3]!.id;
    assert.deepEqual(chat.dispatch({ type: 'retryWithMaxTokens', turnId: last, maxTokens: 0 }), { panel: [], effects: [] });
    assert.deepEqual(chat.dispatch({ type: 'retryWithMaxTokens', turnId: last, maxTokens: 1.5 }), { panel: [], effects: [] });
    ask(chat, 'Three');
    assert.deepEqual(chat.dispatch({ type: 'retryWithMaxTokens', turnId: chat.chat.turns[5]!.id, maxTokens: 100 }), { panel: [], effects: [] });
  });
});

describe('conversation core: continue with another model', () => {
  it('keeps the partial answer and lets the next model carry on from it', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Write a poem');
    engine(chat, requestId, delta('Roses are'), failed('network', 'Roses are', { continueWith: 'anthropic/claude-3.5-haiku' }));
    const answer = lastAnswer(chat.chat.turns);
    const step = chat.dispatch({ type: 'continue', turnId: answer.id, model: 'anthropic/claude-3.5-haiku' });
    const { request, requestId: next } = requestOf(step);
    assert.equal(request.model, 'anthropic/claude-3.5-haiku');
    assert.deepEqual(request.messages.at(-1), { role: 'assistant', content: 'Roses are' });
    assert.equal(answer.status, 'streaming');
    assert.equal(answer.error, undefined);
    assert.match(answer.notices.at(-1)?.text ?? '', /^continued by anthropic\/claude-3\.5-haiku after/);
    assert.equal(updatesOf(step, 'snapshot').length, 1, 'the changed turn is redrawn');
    engine(chat, next, delta(' red'), done(' red'));
    assert.equal(answer.text, 'Roses are red');
    assert.equal(chat.chat.turns.length, 2);
  });

  it('is ignored for an answer that is not the last', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'One');
    engine(chat, requestId, delta('U'), failed('network', 'U'));
    const broken = chat.chat.turns[1]!.id;
    answered(chat, 'Two', 'Dos');
    assert.deepEqual(chat.dispatch({ type: 'continue', turnId: broken, model: 'x/y' }), { panel: [], effects: [] });
  });

  it('is ignored while an answer streams, even for the last answer\'s own id', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'One');
    engine(chat, requestId, delta('U'));
    const streaming = chat.chat.turns[1]!.id;
    assert.deepEqual(chat.dispatch({ type: 'continue', turnId: streaming, model: 'x/y' }), { panel: [], effects: [] });
  });
});

describe('conversation core: edit and resend', () => {
  const attachment: Attachment = { kind: 'file', label: 'a.ts', text: 'a', tokens: 1 };

  it('replaces the question, drops what followed, and asks again with its attachments', () => {
    const { chat } = conversation();
    ask(chat, 'One', [attachment]);
    engine(chat, chat.inFlight!, done('Uno'));
    answered(chat, 'Two', 'Dos');
    const step = chat.dispatch({ type: 'edit', turnId: chat.chat.turns[0]!.id, text: 'Eins' });
    const { request } = requestOf(step);
    assert.match(String(request.messages.at(-1)?.content), /Eins$/);
    assert.match(String(request.messages.at(-1)?.content), /^a\.ts:/);
    assert.equal(request.messages.length, 1);
    assert.deepEqual(chat.chat.turns.map((t) => t.text), ['Eins', '']);
    assert.equal(chat.chat.title, 'Eins');
  });

  it('leaves the composer\'s draft and attachments alone', () => {
    const { chat } = conversation({ draft: 'half-typed' });
    answered(chat, 'One', 'Uno');
    chat.dispatch({ type: 'draft', text: 'half-typed thought' });
    chat.dispatch({ type: 'attach', attachment });
    const step = chat.dispatch({ type: 'edit', turnId: chat.chat.turns[0]!.id, text: 'Uno?' });
    assert.deepEqual(effectsOf(step, 'persistDraft'), []);
    assert.equal(chat.composerState().draft, 'half-typed thought');
    assert.equal(chat.composerState().attachments.length, 1);
  });

  it('is ignored for blank text, for an unknown turn and while an answer streams', () => {
    const { chat } = conversation();
    answered(chat, 'One', 'Uno');
    const question = chat.chat.turns[0]!.id;
    assert.deepEqual(chat.dispatch({ type: 'edit', turnId: question, text: '  \n' }), { panel: [], effects: [] });
    assert.deepEqual(chat.dispatch({ type: 'edit', turnId: 'turn-unknown', text: 'x' }), { panel: [], effects: [] });
    ask(chat, 'Two');
    assert.deepEqual(chat.dispatch({ type: 'edit', turnId: question, text: 'x' }), { panel: [], effects: [] });
  });
});

describe('conversation core: budgets', () => {
  it('a blocked request ends its answer with a budget card, and keeps the question', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const step = chat.dispatch({ type: 'blocked', requestId, reason: 'Your session budget is spent.' });
    const [end] = updatesOf(step, 'chat/end');
    assert.deepEqual(end?.error && { kind: end.error.kind, actions: end.error.actions }, { kind: 'budget', actions: ['send_anyway', 'raise_limit', 'retry'] });
    assert.equal(effectsOf(step, 'save').length, 1);
    assert.deepEqual(effectsOf(step, 'answered')[0]?.result.error, { kind: 'budget', message: 'Your session budget is spent.' });
    assert.equal(chat.chat.turns[0]?.text, 'Hi');
    assert.equal(chat.busy, false);
  });

  it('a lowered max_tokens shows as a notice on the answer and in the status bar', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const step = chat.dispatch({ type: 'clamped', requestId, text: 'max_tokens lowered to 512 to fit the daily budget' });
    assert.deepEqual(updatesOf(step, 'chat/notice').map((u) => u.notice.kind), ['clamped']);
    assert.deepEqual(effectsOf(step, 'notify').map((e) => e.text), ['max_tokens lowered to 512 to fit the daily budget']);
    assert.equal(lastAnswer(chat.chat.turns).notices[0]?.kind, 'clamped');
  });
});

describe('conversation core: actions the host carries out', () => {
  it('Regenerate With asks for a model only for an answer that can be regenerated', () => {
    const { chat } = conversation();
    answered(chat, 'One', 'Uno');
    answered(chat, 'Two', 'Dos');
    assert.deepEqual(chat.dispatch({ type: 'regenerateWith', turnId: chat.chat.turns[1]!.id }).effects, [], 'not the last answer');
    const last = chat.chat.turns[3]!.id;
    assert.deepEqual(chat.dispatch({ type: 'regenerateWith', turnId: last }).effects, [{ type: 'pickModelFor', turnId: last }]);
    ask(chat, 'Three');
    assert.deepEqual(chat.dispatch({ type: 'regenerateWith', turnId: chat.chat.turns[5]!.id }).effects, [], 'while streaming');
  });

  it('Copy Answer copies the Markdown the host stored, and nothing for an answer without text', () => {
    const { chat } = conversation();
    answered(chat, 'Hi', '**Hello**');
    assert.deepEqual(chat.dispatch({ type: 'copyAnswer', turnId: chat.chat.turns[1]!.id }).effects, [{ type: 'copy', text: '**Hello**', what: 'Answer' }]);
    const { requestId } = ask(chat, 'Again');
    engine(chat, requestId, failed('unavailable'));
    assert.deepEqual(chat.dispatch({ type: 'copyAnswer', turnId: chat.chat.turns[3]!.id }).effects, []);
    assert.deepEqual(chat.dispatch({ type: 'copyAnswer', turnId: chat.chat.turns[0]!.id }).effects, [], 'a question is not an answer');
  });

  it('opening a chat reads it first, unless it is the one open', () => {
    const { chat } = conversation();
    assert.deepEqual(chat.dispatch({ type: 'open', chatId: 'chat-saved' }).effects, [{ type: 'loadChat', chatId: 'chat-saved' }]);
    assert.deepEqual(chat.dispatch({ type: 'open', chatId: chat.chat.id }).effects, []);
  });

  it('deleting, renaming, attaching context and the panel\'s links go to the host', () => {
    const { chat } = conversation();
    assert.deepEqual(chat.dispatch({ type: 'delete', chatId: 'chat-a' }).effects, [{ type: 'deleteChat', chatId: 'chat-a' }]);
    assert.deepEqual(chat.dispatch({ type: 'rename', chatId: 'chat-a' }).effects, [{ type: 'renameChat', chatId: 'chat-a', open: chat.chat }]);
    assert.deepEqual(chat.dispatch({ type: 'attachContext', kind: 'editors' }).effects, [{ type: 'capture', kind: 'editors', skip: [] }]);
    assert.deepEqual(chat.dispatch({ type: 'runAction', action: 'set_key' }).effects, [{ type: 'runAction', action: 'set_key' }]);
  });

  it('a chat search goes to the host, and what it found goes to the panel as it is', () => {
    const { chat } = conversation();
    assert.deepEqual(chat.dispatch({ type: 'searchChats', query: 'ferry' }), { panel: [], effects: [{ type: 'searchChats', query: 'ferry' }] });
    const hit = { chat: { id: 'chat-a', title: 'Trip', updatedAt: 1, turns: 2, cost: 0 }, snippet: { before: 'the ', match: 'ferry', after: ' leaves' } };
    assert.deepEqual(chat.dispatch({ type: 'chatsFound', result: { query: 'ferry', hits: [hit], more: false } }), {
      panel: [{ type: 'chats/found', query: 'ferry', hits: [hit], more: false }],
      effects: [],
    });
  });
});

describe('conversation core: switching away from a model that will not come back', () => {
  const PAID = 'meta-llama/llama-3.3-70b-instruct';

  it('makes the suggested model the one in use and answers the question again with it', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    engine(chat, requestId, failed('no_provider'));
    const answerId = chat.chat.turns[1]!.id;
    const step = chat.dispatch({ type: 'switchModel', turnId: answerId, model: PAID });
    assert.deepEqual(effectsOf(step, 'persistSelection'), [{ type: 'persistSelection', defaultModel: PAID, preset: undefined }]);
    assert.equal(requestOf(step).request.model, PAID);
    assert.equal(chat.model, PAID, 'the next question goes to it too');
    assert.equal(updatesOf(step, 'snapshot').length > 0, true, 'the header shows it');
  });

  it('changes nothing when the answer can no longer be asked again', () => {
    const { chat } = conversation();
    answered(chat, 'One', 'Uno');
    answered(chat, 'Two', 'Dos');
    const step = chat.dispatch({ type: 'switchModel', turnId: chat.chat.turns[1]!.id, model: PAID });
    assert.deepEqual(step.effects, []);
    assert.equal(chat.model, DEFAULT_MODEL);
  });
});

describe('conversation core: the price cap on fallbacks', () => {
  const DEAR = { model: 'anthropic/claude-opus-4', ratio: 100, cap: 10 };

  it('sends the cap with the request, and none when it is 0', () => {
    assert.equal(ask(conversation({ settings: { ...SETTINGS, fallbackMaxPriceRatio: 10 } }).chat, 'Hi').request.maxFallbackPriceRatio, 10);
    assert.equal(ask(conversation().chat, 'Hi').request.maxFallbackPriceRatio, undefined);
  });

  it('says which fallbacks the cap left out, on a fallback and on an error that ends the chain', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    engine(chat, requestId, { type: 'fallback', from: DEFAULT_MODEL, to: 'anthropic/claude-3.5-haiku', reason: reasonOf('unavailable'), skipped: [], dearer: [DEAR] }, done('Hello'));
    const notices = lastAnswer(chat.chat.turns).notices.map((n) => n.text);
    assert.equal(notices.length, 2);
    assert.match(notices[1] ?? '', /^anthropic\/claude-opus-4 \(about 100× the price per token\) not tried: over the 10× price cap/);

    const again = ask(chat, 'Again');
    engine(chat, again.requestId, failed('unavailable', '', { dearer: [DEAR] }));
    assert.match(lastAnswer(chat.chat.turns).notices.map((n) => n.text).join('\n'), /claude-opus-4 .* not tried/);
  });
});
