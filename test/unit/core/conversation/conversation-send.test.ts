import assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/chat/model';
import { DEFAULT_MODEL, SETTINGS, answered, reasonOf, ask, conversation, delta, done, effectsOf, engine, failed, updatesOf } from './conversation-support';

const selection: Attachment = { kind: 'selection', label: 'a.ts:1-3', text: 'let x = 1;', tokens: 5 };

describe('conversation core: sending', () => {
  it('adds the question and a streaming answer, and asks for a request with the conversation so far', () => {
    const { chat } = conversation();
    const { request, step } = ask(chat, 'What is a monad?');
    assert.deepEqual(updatesOf(step, 'chat/turn').map((u) => [u.turn.role, u.turn.role === 'assistant' ? u.turn.status : u.turn.text]), [
      ['user', 'What is a monad?'], ['assistant', 'streaming'],
    ]);
    assert.equal(request.model, DEFAULT_MODEL);
    assert.deepEqual(request.messages, [{ role: 'user', content: 'What is a monad?' }]);
    assert.equal(request.session_id, chat.chat.id);
    assert.equal(chat.busy, true);
  });

  it('takes the composer\'s attachments and empties its draft, saved as empty', () => {
    const { chat } = conversation({ draft: 'What is this?' });
    chat.dispatch({ type: 'attach', attachment: selection });
    const { request, step } = ask(chat, 'What is this?');
    assert.match(String(request.messages.at(-1)?.content), /a\.ts:1-3:\n```\nlet x = 1;\n```\n\nWhat is this\?/);
    assert.deepEqual(effectsOf(step, 'persistDraft'), [{ type: 'persistDraft', text: '' }]);
    assert.equal(chat.composerState().draft, '');
    assert.deepEqual(chat.composerState().attachments, []);
  });

  it('adds a command\'s attachments after the composer\'s', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'attach', attachment: selection });
    const file: Attachment = { kind: 'file', label: 'b.ts', text: 'b', tokens: 1 };
    ask(chat, 'Compare', [file]);
    const question = chat.chat.turns[0];
    assert.deepEqual(question?.role === 'user' ? question.attachments.map((a) => a.label) : [], ['a.ts:1-3', 'b.ts']);
  });

  it('titles a chat after its first question only', () => {
    const { chat } = conversation();
    answered(chat, '  How do   I   sort a map?  ', 'Like this.');
    answered(chat, 'And in reverse?', 'Reverse it.');
    assert.equal(chat.chat.title, 'How do I sort a map?');
  });

  it('ignores a send while an answer streams: no turn, no request', () => {
    const { chat } = conversation();
    ask(chat, 'First');
    const step = chat.dispatch({ type: 'send', text: 'Second' });
    assert.deepEqual(step, { panel: [], effects: [] });
    assert.equal(chat.chat.turns.length, 2);
  });

  it('sends the earlier answers with the next question, leaving out failed answers without text', () => {
    const { chat } = conversation();
    answered(chat, 'One', 'Uno');
    const { requestId } = ask(chat, 'Two');
    engine(chat, requestId, failed('unavailable'));
    const { request } = ask(chat, 'Three');
    assert.deepEqual(request.messages.map((m) => m.content), ['One', 'Uno', 'Two', 'Three']);
  });

  it('never lists the model as its own fallback', () => {
    const settings = { ...SETTINGS, defaultModel: 'anthropic/claude-3.5-haiku', fallbackModels: ['anthropic/claude-3.5-haiku', 'openai/gpt-4o'] };
    const { chat } = conversation({ settings });
    const { request } = ask(chat, 'Hi');
    assert.deepEqual(request.fallbacks, ['openai/gpt-4o']);
  });
});

describe('conversation core: an answer streaming', () => {
  it('adds text and reasoning to the turn as they arrive, and passes them on', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const step = engine(chat, requestId, { type: 'reasoning', text: 'Think' }, delta('Hel'), delta('lo'));
    assert.deepEqual(step.panel.filter((u) => u.type === 'chat/delta' || u.type === 'chat/reasoning').map((u) => 'text' in u ? u.text : ''), ['Think', 'Hel', 'lo']);
    const answer = chat.chat.turns[1];
    assert.equal(answer?.text, 'Hello');
    assert.equal(answer?.role === 'assistant' ? answer.reasoning : '', 'Think');
  });

  it('ends with the footer, saves the chat and reports the answer', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const step = engine(chat, requestId, delta('Hello'), done('Hello'));
    const [end] = updatesOf(step, 'chat/end');
    assert.equal(end?.turn.status, 'done');
    assert.equal(end?.textLength, 5);
    assert.equal(end?.meta?.provider, 'OpenAI');
    assert.equal(effectsOf(step, 'save').length, 1);
    assert.deepEqual(effectsOf(step, 'answered')[0]?.result, { text: 'Hello', model: DEFAULT_MODEL, cost: 0.00042 });
    assert.equal(chat.busy, false);
  });

  it('saves the question in the same step that starts its request, without the answer still to come', () => {
    const { chat } = conversation();
    answered(chat, 'First', 'One');
    const { step } = ask(chat, 'Second');
    assert.deepEqual(step.effects.map((e) => e.type).filter((t) => t === 'save' || t === 'request'), ['save', 'request']);
    const [save] = effectsOf(step, 'save');
    assert.deepEqual(save?.chat.turns.map((t) => t.text), ['First', 'One', 'Second']);
    // The answer streams into the open chat; the saved copy keeps the turns as they were.
    assert.equal(chat.chat.turns.length, 4);
    assert.notEqual(save?.chat.turns, chat.chat.turns);
  });

  it('saves an edited question beside its request too', () => {
    const { chat } = conversation();
    answered(chat, 'First', 'One');
    const step = chat.dispatch({ type: 'edit', turnId: chat.chat.turns[0]!.id, text: 'First, edited' });
    assert.deepEqual(effectsOf(step, 'save')[0]?.chat.turns.map((t) => t.text), ['First, edited']);
    assert.equal(effectsOf(step, 'request').length, 1);
  });

  it('saves the chat with the time it ended and the model in use', () => {
    const { chat, clock } = conversation();
    const { requestId } = ask(chat, 'Hi');
    clock.advance(5_000);
    const [save] = effectsOf(engine(chat, requestId, done('Hello')), 'save');
    assert.equal(save?.chat.updatedAt, clock.now());
    assert.equal(save?.chat.model, DEFAULT_MODEL);
  });

  it('turns an error into a card with the actions that fix it, keeping the partial text', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const step = engine(chat, requestId, delta('Part'), failed('network', 'Part', { continueWith: 'anthropic/claude-3.5-haiku' }));
    const [end] = updatesOf(step, 'chat/end');
    assert.equal(end?.turn.status, 'error');
    assert.deepEqual(end?.error?.actions, ['continue', 'retry']);
    assert.equal(end?.error?.continueWith, 'anthropic/claude-3.5-haiku');
    assert.equal(chat.chat.turns[1]?.text, 'Part');
    assert.equal(effectsOf(step, 'answered')[0]?.result.error?.kind, 'network');
  });

  it('marks a stopped answer as stopped, not failed, with the estimated cost the ledger records for it', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const cost = { usd: 0.0001, basis: 'estimate' as const, source: 'catalogue' as const };
    const step = engine(chat, requestId, delta('Part'), failed('cancelled', 'Part', { cost, generationId: 'gen-9', model: DEFAULT_MODEL }));
    const answer = chat.chat.turns[1];
    assert.equal(answer?.role === 'assistant' && answer.status, 'stopped');
    assert.equal(answer?.role === 'assistant' && answer.error, undefined);
    assert.deepEqual(answer?.role === 'assistant' && answer.meta?.cost, cost, 'the footer shows what the ledger bills');
    assert.deepEqual(updatesOf(step, 'chat/end')[0]?.meta?.cost, cost);
    assert.deepEqual(effectsOf(step, 'answered')[0]?.result, { text: 'Part', cost: 0.0001, error: { kind: 'cancelled', message: 'Stopped.' } });
  });

  it('shows retries and fallbacks inline and keeps them on the turn', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const reason = reasonOf('rate_limited');
    const step = engine(chat, requestId,
      { type: 'retry', model: DEFAULT_MODEL, delayMs: 1500, reason },
      { type: 'fallback', from: DEFAULT_MODEL, to: 'anthropic/claude-3.5-haiku', reason, skipped: [] });
    assert.deepEqual(updatesOf(step, 'chat/notice').map((u) => u.notice.kind), ['retry', 'fallback']);
    const answer = chat.chat.turns[1];
    assert.match(answer?.role === 'assistant' ? answer.notices[0]?.text ?? '' : '', /was rate limited; retrying in 1\.5 s/);
    assert.match(answer?.role === 'assistant' ? answer.notices[1]?.text ?? '' : '', /— trying anthropic\/claude-3\.5-haiku/);
  });

  it('says when a fallback goes to a much dearer model, from the catalogue\'s prices', () => {
    const prices: Record<string, { prompt: number; completion: number }> = {
      [DEFAULT_MODEL]: { prompt: 0.15e-6, completion: 0.6e-6 },
      'anthropic/claude-3.5-haiku': { prompt: 0.8e-6, completion: 4e-6 },
      'anthropic/claude-opus-4': { prompt: 15e-6, completion: 75e-6 },
    };
    const { chat } = conversation({ modelFacts: (model) => (prices[model] ? { pricing: prices[model] } : undefined) });
    const { requestId } = ask(chat, 'Hi');
    const reason = reasonOf('unavailable');
    const step = engine(chat, requestId,
      { type: 'fallback', from: DEFAULT_MODEL, to: 'anthropic/claude-3.5-haiku', reason, skipped: [] },
      { type: 'fallback', from: 'anthropic/claude-3.5-haiku', to: 'anthropic/claude-opus-4', reason, skipped: ['openai/gpt-4o'] },
      { type: 'fallback', from: 'anthropic/claude-opus-4', to: 'some/unlisted-model', reason, skipped: [] });
    const texts = updatesOf(step, 'chat/notice').map((u) => u.notice.text);
    assert.match(texts[0] ?? '', /— trying anthropic\/claude-3\.5-haiku \(about 6× the price per token\)$/);
    assert.match(texts[1] ?? '', /— trying anthropic\/claude-opus-4 \(about 19× the price per token; skipping openai\/gpt-4o, whose context is not larger\)$/);
    assert.match(texts[2] ?? '', /— trying some\/unlisted-model$/, 'no price known, no ratio');
  });

  it('says which fallbacks were left out for not reading the chat\'s images, with the fallback or the error', () => {
    const { chat } = conversation();
    const first = ask(chat, 'What is in this picture?');
    const fellBack = engine(chat, first.requestId,
      { type: 'fallback', from: DEFAULT_MODEL, to: 'anthropic/claude-3.5-haiku', reason: reasonOf('unavailable'), skipped: [], blind: ['meta-llama/llama-3.3-70b-instruct'] });
    assert.deepEqual(updatesOf(fellBack, 'chat/notice').map((u) => u.notice.text).slice(1), ['meta-llama/llama-3.3-70b-instruct not tried: it does not read images, and this chat sends some']);
    engine(chat, first.requestId, done('A cat.'));
    const second = ask(chat, 'And this one?');
    const step = engine(chat, second.requestId, failed('unavailable', '', { blind: ['meta-llama/llama-3.3-70b-instruct'] }));
    const [end] = updatesOf(step, 'chat/end');
    assert.match(end?.turn.notices.at(-1)?.text ?? '', /^meta-llama\/llama-3\.3-70b-instruct not tried: it does not read images/);
  });

  it('ignores events of a request that is no longer in flight', () => {
    const { chat } = conversation();
    const first = ask(chat, 'One');
    engine(chat, first.requestId, done('Uno'));
    ask(chat, 'Two');
    const step = engine(chat, first.requestId, delta('late'), done('late'));
    assert.deepEqual(step, { panel: [], effects: [] });
    assert.equal(chat.chat.turns[3]?.text, '');
  });

  it('ends an answer whose stream stopped without an ending, instead of spinning forever', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    engine(chat, requestId, delta('Part'));
    const step = chat.dispatch({ type: 'engineEnded', requestId });
    const [end] = updatesOf(step, 'chat/end');
    assert.equal(end?.error?.message, 'The answer ended unexpectedly.');
    assert.deepEqual(end?.error?.actions, ['retry']);
    assert.equal(effectsOf(step, 'save').length, 1);
    assert.equal(chat.busy, false);
  });

  it('does nothing when the stream ends after its ending', () => {
    const { chat } = conversation();
    const { requestId } = ask(chat, 'Hi');
    engine(chat, requestId, done('Hello'));
    assert.deepEqual(chat.dispatch({ type: 'engineEnded', requestId }), { panel: [], effects: [] });
  });
});

describe('conversation core: a cost settled against /generation', () => {
  it('replaces the estimate in the answer it belongs to, and saves the chat without moving it up the list', () => {
    const { chat, clock } = conversation();
    const { requestId } = ask(chat, 'Hi');
    const estimate = { usd: 0.0001, basis: 'estimate' as const, source: 'catalogue' as const };
    engine(chat, requestId, delta('Part'), failed('cancelled', 'Part', { cost: estimate, generationId: 'gen-7', model: DEFAULT_MODEL }));
    const updatedAt = chat.chat.updatedAt;
    clock.advance(60_000);
    const step = chat.dispatch({ type: 'costSettled', generationId: 'gen-7', usd: 0.00012 });
    const answer = chat.chat.turns[1];
    assert.deepEqual(answer?.role === 'assistant' && answer.meta?.cost, { usd: 0.00012, basis: 'exact', source: 'generation' });
    assert.deepEqual(step.panel, [{ type: 'snapshot' }]);
    assert.equal(effectsOf(step, 'save')[0]?.chat.updatedAt, updatedAt);
  });

  it('leaves the chat alone for a generation none of its answers came from', () => {
    const { chat } = conversation();
    answered(chat, 'Hi', 'Hello');
    assert.deepEqual(chat.dispatch({ type: 'costSettled', generationId: 'gen-elsewhere', usd: 1 }), { panel: [], effects: [] });
  });
});
