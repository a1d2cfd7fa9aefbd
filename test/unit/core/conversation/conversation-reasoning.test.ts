import assert from 'node:assert/strict';
import type { ModelFacts } from '../../../../src/core/conversation/composer';
import { DEFAULT_MODEL, SETTINGS, ask, conversation, done, effectsOf, engine } from './conversation-support';

const THINKER = 'anthropic/claude-sonnet-4';
const FACTS: Record<string, ModelFacts> = {
  [THINKER]: {
    pricing: { prompt: 0.000003, completion: 0.25 },
    reasoning: { efforts: ['low', 'medium', 'high'], defaultEffort: 'medium', mandatory: false, supportsMaxTokens: true },
  },
  [DEFAULT_MODEL]: { pricing: { prompt: 0.00000015, completion: 0.0000006 } },
};

function thinkingChat(reasoning: Record<string, { effort?: string; exclude?: boolean }> = {}) {
  return conversation({ settings: { ...SETTINGS, defaultModel: THINKER, reasoning }, modelFacts: (model) => FACTS[model] }).chat;
}

describe('conversation core: reasoning effort', () => {
  it('offers the effort control only for a model whose catalogue entry lists efforts', () => {
    const chat = thinkingChat();
    assert.deepEqual(chat.panelState().reasoning, { efforts: ['low', 'medium', 'high'], defaultEffort: 'medium' });
    chat.dispatch({ type: 'pickModel', model: DEFAULT_MODEL });
    assert.equal(chat.panelState().reasoning, undefined);
  });

  it('shows the control once the model list arrives', () => {
    let loaded = false;
    const { chat } = conversation({ settings: { ...SETTINGS, defaultModel: THINKER }, modelFacts: (model) => (loaded ? FACTS[model] : undefined) });
    assert.equal(chat.panelState().reasoning, undefined);
    loaded = true;
    assert.deepEqual(chat.dispatch({ type: 'modelsLoaded' }).panel, [{ type: 'snapshot' }]);
    assert.equal(chat.panelState().reasoning?.defaultEffort, 'medium');
  });

  it('remembers a picked effort for the model, for every workspace, and sends it with the next request', () => {
    const chat = thinkingChat();
    const step = chat.dispatch({ type: 'pickEffort', model: THINKER, effort: 'high' });
    assert.deepEqual(effectsOf(step, 'persistReasoning'), [{ type: 'persistReasoning', reasoning: { [THINKER]: { effort: 'high' } } }]);
    assert.equal(chat.panelState().reasoning?.effort, 'high');
    assert.deepEqual(ask(chat, 'Think.').request.reasoning, { effort: 'high' });
  });

  it('sends no reasoning object before an effort is picked', () => {
    assert.equal(ask(thinkingChat(), 'Hi').request.reasoning, undefined);
  });

  it('refuses an effort the model does not list', () => {
    const chat = thinkingChat();
    assert.deepEqual(chat.dispatch({ type: 'pickEffort', model: THINKER, effort: 'extreme' }).effects, []);
    assert.equal(ask(chat, 'Hi').request.reasoning, undefined);
  });

  it('prices the reasoning tokens in the footer facts, and says when they were left out of the answer', () => {
    const chat = thinkingChat({ [THINKER]: { effort: 'low', exclude: true } });
    const { requestId, request } = ask(chat, 'Think quietly.');
    assert.deepEqual(request.reasoning, { effort: 'low', exclude: true });
    engine(chat, requestId, done('Done.', {
      model: THINKER, requestedModel: THINKER,
      usage: { promptTokens: 10, completionTokens: 12, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 8 },
    }));
    const answer = chat.chat.turns.at(-1);
    assert.equal(answer?.role === 'assistant' ? answer.meta?.reasoningUsd : undefined, 2);
    assert.equal(answer?.role === 'assistant' ? answer.meta?.reasoningExcluded : undefined, true);
  });
});
