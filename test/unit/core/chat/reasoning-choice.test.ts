import assert from 'node:assert/strict';
import { buildChatRequest, type RequestSettings } from '../../../../src/core/chat/chat-request';
import { parseSettings } from '../../../../src/core/config/settings';
import { effortControl, reasoningBody, reasoningCost, withEffort } from '../../../../src/core/chat/reasoning-choice';
import type { ReasoningOptions } from '../../../../src/core/openrouter/catalogue-schemas';
import { buildBody } from '../../../../src/core/openrouter/http';

const EFFORTS: ReasoningOptions = { efforts: ['low', 'medium', 'high'], defaultEffort: 'medium', mandatory: false, supportsMaxTokens: true };
const NO_BUDGET: ReasoningOptions = { efforts: ['low', 'high'], mandatory: true, supportsMaxTokens: false };

const SETTINGS: RequestSettings = {
  defaultModel: 'anthropic/claude-sonnet-4', fallbackModels: [], systemPrompt: '', maxTokens: 4096, temperature: null, provider: {}, user: '',
};

describe('reasoning choices', () => {
  describe('the request body', () => {
    it('carries the picked effort as reasoning.effort, through to the JSON sent', () => {
      const reasoning = reasoningBody({ effort: 'high' }, { reasoning: EFFORTS });
      const request = buildChatRequest(SETTINGS, [{ role: 'user', content: 'Think hard.' }], { reasoning });
      const body = JSON.parse(buildBody(request, request.model)) as Record<string, unknown>;
      assert.deepEqual(body['reasoning'], { effort: 'high' });
    });

    it('sends no reasoning object when nothing was chosen', () => {
      const request = buildChatRequest(SETTINGS, [{ role: 'user', content: 'Hi' }], { reasoning: reasoningBody(undefined, { reasoning: EFFORTS }) });
      const body = JSON.parse(buildBody(request, request.model)) as Record<string, unknown>;
      assert.equal('reasoning' in body, false);
    });

    it('prefers the effort over a token budget, since OpenRouter takes one or the other', () => {
      assert.deepEqual(reasoningBody({ effort: 'low', maxTokens: 2000 }, { reasoning: EFFORTS }), { effort: 'low' });
      assert.deepEqual(reasoningBody({ maxTokens: 2000 }, { reasoning: EFFORTS }), { max_tokens: 2000 });
    });

    it('leaves out a token budget the model does not accept', () => {
      assert.equal(reasoningBody({ maxTokens: 2000 }, { reasoning: NO_BUDGET }), undefined);
    });

    it('leaves out an effort the model no longer lists, keeping the rest of the choice', () => {
      assert.deepEqual(reasoningBody({ effort: 'medium', exclude: true }, { reasoning: NO_BUDGET }), { exclude: true });
    });

    it('asks for the reasoning to be left out of the answer', () => {
      assert.deepEqual(reasoningBody({ effort: 'high', exclude: true }, { reasoning: EFFORTS }), { effort: 'high', exclude: true });
    });

    it('sends the choice as made while the catalogue does not know the model', () => {
      assert.deepEqual(reasoningBody({ effort: 'high' }, undefined), { effort: 'high' });
    });

    it('sends nothing to a model the catalogue says cannot reason', () => {
      assert.equal(reasoningBody({ effort: 'high', exclude: true }, {}), undefined);
    });
  });

  describe('the effort control', () => {
    it('lists the catalogue efforts, its default and the effort remembered for the model', () => {
      assert.deepEqual(effortControl(EFFORTS, { effort: 'high' }), { efforts: ['low', 'medium', 'high'], defaultEffort: 'medium', effort: 'high' });
      assert.deepEqual(effortControl(NO_BUDGET, undefined), { efforts: ['low', 'high'] });
    });

    it('is absent for a model without efforts', () => {
      assert.equal(effortControl(undefined, undefined), undefined);
      assert.equal(effortControl({ mandatory: false, supportsMaxTokens: true }, { effort: 'high' }), undefined);
    });

    it('ignores a remembered effort the model no longer lists', () => {
      assert.equal(effortControl(NO_BUDGET, { effort: 'medium' })?.effort, undefined);
    });
  });

  it('remembers an effort per model, keeping the other models and the other choices', () => {
    const before = { 'a/one': { effort: 'low', exclude: true }, 'b/two': { effort: 'high' } };
    assert.deepEqual(withEffort(before, 'a/one', 'high'), { 'a/one': { effort: 'high', exclude: true }, 'b/two': { effort: 'high' } });
    assert.deepEqual(withEffort(before, 'b/two', undefined), { 'a/one': { effort: 'low', exclude: true } });
    assert.deepEqual(before['a/one'], { effort: 'low', exclude: true }, 'the old preferences are not changed');
  });

  it('prices reasoning at the internal reasoning price when the catalogue sets one, else at the completion price', () => {
    // Prices that are exact in binary, so the products compare exactly.
    assert.equal(reasoningCost(4, { completion: 0.25, internalReasoning: 0 }), 1);
    assert.equal(reasoningCost(4, { completion: 0.25, internalReasoning: 0.125 }), 0.5);
    assert.equal(reasoningCost(1000, { prompt: 0.000003 }), undefined);
    assert.equal(reasoningCost(1000, undefined), undefined);
  });

  it('reads openrouter.reasoning per model, and falls back to none with a warning naming the setting when it is malformed', () => {
    const good = { 'anthropic/claude-sonnet-4': { effort: 'high', maxTokens: 2000, exclude: true } };
    assert.deepEqual(parseSettings((name) => (name === 'reasoning' ? good : undefined)).settings.reasoning, good);
    const { settings, warnings } = parseSettings((name) => (name === 'reasoning' ? { 'anthropic/claude-sonnet-4': { effort: 'HIGH!' } } : undefined));
    assert.deepEqual(settings.reasoning, {});
    assert.deepEqual(warnings.map((w) => w.setting), ['openrouter.reasoning']);
  });
});
