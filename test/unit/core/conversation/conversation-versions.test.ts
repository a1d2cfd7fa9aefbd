import assert from 'node:assert/strict';
import { MAX_ANSWER_VERSIONS, allVersions, versionPosition } from '../../../../src/core/chat/answer-versions';
import { chatToMarkdown } from '../../../../src/core/chat/export';
import { ChatSchema, summarise, type AssistantTurn } from '../../../../src/core/chat/model';
import { answered, ask, conversation, delta, done, effectsOf, engine, failed, requestOf, updatesOf } from './conversation-support';
import type { Conversation } from '../../../../src/core/conversation/conversation';

const lastAnswer = (chat: Conversation): AssistantTurn => chat.chat.turns.at(-1) as AssistantTurn;

/** Regenerates the last answer and lets the engine answer `text` (generation `generationId`, costing `usd`). */
function regenerated(chat: Conversation, text: string, generationId: string, usd: number, model?: string): void {
  const step = chat.dispatch({ type: 'regenerate', turnId: lastAnswer(chat).id, ...(model ? { model } : {}) });
  const cost = { usd, basis: 'exact' as const, source: 'usage' as const };
  engine(chat, requestOf(step).requestId, delta(text), done(text, { generationId, cost, ...(model ? { model, requestedModel: model } : {}) }));
}

/** A chat with one question answered twice: "First" (gen-1, $0.1) and "Second" by gpt-4o (gen-2, $0.2). */
function twoVersions(): Conversation {
  const { chat } = conversation();
  const { requestId } = ask(chat, 'Hi');
  engine(chat, requestId, delta('First'), done('First', { generationId: 'gen-1', cost: { usd: 0.1, basis: 'exact', source: 'usage' } }));
  regenerated(chat, 'Second', 'gen-2', 0.2, 'openai/gpt-4o');
  return chat;
}

describe('conversation core: answer versions', () => {
  it('Regenerate keeps the earlier answer as a version, and shows the new one', () => {
    const chat = twoVersions();
    const answer = lastAnswer(chat);
    assert.equal(chat.chat.turns.length, 2);
    assert.equal(answer.text, 'Second');
    assert.deepEqual(versionPosition(answer), { shown: 1, count: 2 });
    const [first, second] = allVersions(answer);
    assert.equal(first?.text, 'First');
    assert.equal(first?.status, 'done');
    assert.equal(first?.meta?.model, 'openai/gpt-4o-mini');
    assert.equal(first?.meta?.cost?.usd, 0.1);
    assert.equal(second?.meta?.model, 'openai/gpt-4o');
  });

  it('browsing shows an earlier version with its own footer, redraws that answer and saves the chat as it is', () => {
    const chat = twoVersions();
    const answer = lastAnswer(chat);
    const updatedAt = chat.chat.updatedAt;
    const step = chat.dispatch({ type: 'showVersion', turnId: answer.id, version: 0 });
    assert.equal(answer.text, 'First');
    assert.equal(answer.meta?.model, 'openai/gpt-4o-mini');
    assert.equal(answer.meta?.cost?.usd, 0.1);
    assert.deepEqual(versionPosition(answer), { shown: 0, count: 2 });
    assert.deepEqual(updatesOf(step, 'chat/turn').map((u) => u.turn.id), [answer.id]);
    assert.equal(effectsOf(step, 'save').length, 1);
    assert.equal(chat.chat.updatedAt, updatedAt, 'browsing is no reason to move the chat up the list');
    // And forward again: the newest, as it was.
    chat.dispatch({ type: 'showVersion', turnId: answer.id, version: 1 });
    assert.equal(answer.text, 'Second');
    assert.equal(answer.meta?.model, 'openai/gpt-4o');
  });

  it('the next question continues from the version shown', () => {
    const chat = twoVersions();
    chat.dispatch({ type: 'showVersion', turnId: lastAnswer(chat).id, version: 0 });
    const { request } = ask(chat, 'And then?');
    assert.deepEqual(request.messages, [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'First' },
      { role: 'user', content: 'And then?' },
    ]);
  });

  it('ignores a version that does not exist, the one shown, and any browsing while an answer streams', () => {
    const chat = twoVersions();
    const id = lastAnswer(chat).id;
    const nothing = { panel: [], effects: [] };
    assert.deepEqual(chat.dispatch({ type: 'showVersion', turnId: id, version: 2 }), nothing);
    assert.deepEqual(chat.dispatch({ type: 'showVersion', turnId: id, version: 1 }), nothing);
    assert.deepEqual(chat.dispatch({ type: 'showVersion', turnId: 'turn-unknown', version: 0 }), nothing);
    ask(chat, 'More');
    assert.deepEqual(chat.dispatch({ type: 'showVersion', turnId: id, version: 0 }), nothing);
    assert.equal((chat.chat.turns[1] as AssistantTurn).text, 'Second');
  });

  it('the version shown is saved, and a saved chat opens on it', () => {
    const chat = twoVersions();
    const step = chat.dispatch({ type: 'showVersion', turnId: lastAnswer(chat).id, version: 0 });
    const saved = ChatSchema.parse(JSON.parse(JSON.stringify(effectsOf(step, 'save')[0]!.chat)));
    const { chat: reopened } = conversation();
    reopened.dispatch({ type: 'openChat', chat: { ...saved, id: 'chat-saved' } });
    assert.equal(lastAnswer(reopened).text, 'First');
    assert.deepEqual(versionPosition(lastAnswer(reopened)), { shown: 0, count: 2 });
    assert.equal(allVersions(lastAnswer(reopened))[1]?.text, 'Second');
  });

  it('Regenerate after browsing back keeps every version, and the new one comes last', () => {
    const chat = twoVersions();
    chat.dispatch({ type: 'showVersion', turnId: lastAnswer(chat).id, version: 0 });
    regenerated(chat, 'Third', 'gen-3', 0.3);
    assert.deepEqual(allVersions(lastAnswer(chat)).map((v) => v.text), ['First', 'Second', 'Third']);
    assert.deepEqual(versionPosition(lastAnswer(chat)), { shown: 2, count: 3 });
  });

  it('Retry with the max tokens the balance covers keeps the partial answer it replaces', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Write a long essay');
    const partial = { ...failed('credits', 'It was a dark'), cost: { usd: 0.01, basis: 'exact' as const, source: 'usage' as const } };
    engine(chat, requestId, delta('It was a dark'), partial);
    const step = chat.dispatch({ type: 'retryWithMaxTokens', turnId: lastAnswer(chat).id, maxTokens: 1024 });
    assert.equal(requestOf(step).request.max_tokens, 1024);
    assert.deepEqual(allVersions(lastAnswer(chat)).map((v) => [v.text, v.status]), [['It was a dark', 'error'], ['', 'streaming']]);
  });

  it('keeps no blank version: an answer with no text and nothing paid (a budget block) is not kept by Retry', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    chat.dispatch({ type: 'blocked', requestId, reason: 'The session budget is spent.' });
    chat.dispatch({ type: 'regenerate', turnId: lastAnswer(chat).id });
    assert.deepEqual(versionPosition(lastAnswer(chat)), { shown: 0, count: 1 });
    assert.equal(lastAnswer(chat).versions, undefined);
  });

  it('keeps no blank version of a request OpenRouter did not bill (a 402 before any text)', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Write a long essay');
    engine(chat, requestId, failed('credits'));
    chat.dispatch({ type: 'retryWithMaxTokens', turnId: lastAnswer(chat).id, maxTokens: 1024 });
    assert.equal(lastAnswer(chat).versions, undefined);
  });

  it('keeps a version that was paid for even with no text to show', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    engine(chat, requestId, failed('provider_error', '', { cost: { usd: 0.002, basis: 'exact', source: 'usage' } }));
    chat.dispatch({ type: 'regenerate', turnId: lastAnswer(chat).id });
    assert.deepEqual(allVersions(lastAnswer(chat))[0]?.meta?.cost?.usd, 0.002);
  });

  it(`keeps at most ${MAX_ANSWER_VERSIONS} versions; the oldest goes, its cost stays in the chat's cost`, () => {
    const { chat } = conversation();
    answered(chat, 'Hi', 'v1');
    for (let n = 2; n <= MAX_ANSWER_VERSIONS + 2; n++) regenerated(chat, `v${n}`, `gen-${n}`, 0.01);
    const answer = lastAnswer(chat);
    assert.equal(versionPosition(answer).count, MAX_ANSWER_VERSIONS);
    assert.deepEqual(allVersions(answer).map((v) => v.text).slice(0, 2), ['v3', 'v4']);
    assert.equal(answer.text, `v${MAX_ANSWER_VERSIONS + 2}`);
    assert.equal(answer.droppedCosts?.length, 2);
    // v1 cost $0.00042 (the default done()), every later one $0.01.
    assert.equal(summarise(chat.chat).cost, 0.11042);
    assert.match(chatToMarkdown(chat.chat), /\*\*Total cost:\*\* \$0\.11042\n/);
  });

  it('Continue With carries on the version shown, in place, and keeps the others', () => {
    const chat = twoVersions();
    const answer = lastAnswer(chat);
    const step = chat.dispatch({ type: 'regenerate', turnId: answer.id });
    const broken = failed('provider_error', 'Half an', { continueWith: 'anthropic/claude-3.5-haiku' });
    engine(chat, requestOf(step).requestId, delta('Half an'), broken);
    const third = lastAnswer(chat);
    const go = chat.dispatch({ type: 'continue', turnId: third.id, model: 'anthropic/claude-3.5-haiku' });
    assert.deepEqual(requestOf(go).request.messages.slice(-1), [{ role: 'assistant', content: 'Half an' }]);
    engine(chat, requestOf(go).requestId, delta(' answer.'), done('Half an answer.', { generationId: 'gen-4' }));
    assert.equal(lastAnswer(chat), third, 'continued in place');
    assert.deepEqual(allVersions(third).map((v) => v.text), ['First', 'Second', 'Half an answer.']);
  });

  it('editing the question drops its answer with every version, and asks again afresh', () => {
    const chat = twoVersions();
    const step = chat.dispatch({ type: 'edit', turnId: chat.chat.turns[0]!.id, text: 'Hello?' });
    assert.deepEqual(requestOf(step).request.messages, [{ role: 'user', content: 'Hello?' }]);
    assert.equal(chat.chat.turns.length, 2);
    assert.equal(lastAnswer(chat).versions, undefined);
    assert.deepEqual(versionPosition(lastAnswer(chat)), { shown: 0, count: 1 });
  });

  it('a settled cost reaches a version not shown, and the footer it shows when browsed to', () => {
    const chat = twoVersions();
    const step = chat.dispatch({ type: 'costSettled', generationId: 'gen-1', usd: 0.125 });
    assert.equal(effectsOf(step, 'save').length, 1);
    assert.deepEqual(allVersions(lastAnswer(chat))[0]?.meta?.cost, { usd: 0.125, basis: 'exact', source: 'generation' });
    assert.equal(lastAnswer(chat).meta?.cost?.usd, 0.2, 'the version shown keeps its own cost');
  });

  it('the chat list and the export count every version: each was paid for', () => {
    const chat = twoVersions();
    assert.equal(summarise(chat.chat).cost, 0.3);
    const markdown = chatToMarkdown(chat.chat);
    assert.match(markdown, /\*\*Total cost:\*\* \$0\.30\n/);
    assert.match(markdown, /\*\*Earlier answer 1 of 2\*\* · `openai\/gpt-4o-mini` · \$0\.10\n\nFirst\n/);
    assert.ok(markdown.indexOf('Second') < markdown.indexOf('Earlier answer 1 of 2'), 'the answer shown first, the earlier one under it');
    assert.doesNotMatch(markdown, /<details|<summary/);
    chat.dispatch({ type: 'showVersion', turnId: lastAnswer(chat).id, version: 0 });
    assert.match(chatToMarkdown(chat.chat), /\*\*Later answer 2 of 2\*\* · `openai\/gpt-4o` · \$0\.20\n\nSecond\n/);
  });

  it('old saved chats without versions still open, as one version', () => {
    const old = {
      id: 'chat-old', title: 't', createdAt: 1, updatedAt: 2, model: 'm',
      turns: [
        { id: 'u', role: 'user', text: 'q', createdAt: 1 },
        { id: 'a', role: 'assistant', text: 'a', status: 'done', createdAt: 1, meta: { requestedModel: 'm', model: 'm', cost: 0.5 } },
      ],
    };
    const parsed = ChatSchema.parse(old);
    const answer = parsed.turns[1] as AssistantTurn;
    assert.deepEqual(versionPosition(answer), { shown: 0, count: 1 });
    assert.equal(summarise(parsed).cost, 0.5);
  });
});
