import assert from 'node:assert/strict';
import { chainReasoning, fittedReasoning, nearestEffort } from '../../../../src/core/chat/chain-reasoning';
import type { ReasoningOptions } from '../../../../src/core/openrouter/catalogue-schemas';
import { buildBody } from '../../../../src/core/openrouter/http';
import { buildChatRequest, type RequestSettings } from '../../../../src/core/chat/chat-request';

const THREE: ReasoningOptions = { efforts: ['low', 'medium', 'high'], defaultEffort: 'medium', mandatory: false, supportsMaxTokens: true };
const WIDE: ReasoningOptions = { efforts: ['minimal', 'low', 'medium', 'high', 'xhigh'], defaultEffort: 'medium', mandatory: false };
const BUDGET_ONLY: ReasoningOptions = { mandatory: false, supportsMaxTokens: true };
const FACTS: Record<string, { reasoning?: ReasoningOptions }> = {
  'wide/reasoner': { reasoning: WIDE },
  'three/reasoner': { reasoning: THREE },
  'budget/reasoner': { reasoning: BUDGET_ONLY },
  'plain/model': {},
};
const factsOf = (model: string) => FACTS[model];

const SETTINGS: RequestSettings = {
  defaultModel: 'wide/reasoner', fallbackModels: ['three/reasoner', 'plain/model', 'unknown/model'], systemPrompt: '', maxTokens: 1000,
  temperature: null, provider: {}, user: '',
};
const bodyFor = (request: ReturnType<typeof buildChatRequest>, model: string, serverModels?: string[]) =>
  JSON.parse(buildBody(request, model, serverModels)) as Record<string, unknown>;

describe('reasoning down a fallback chain', () => {
  it('gives a fallback that lists no such effort the nearest one it lists, the lesser of two as near', () => {
    assert.equal(nearestEffort('xhigh', THREE), 'high');
    assert.equal(nearestEffort('minimal', THREE), 'low');
    assert.equal(nearestEffort('medium', { efforts: ['low', 'high'], mandatory: false }), 'low');
    assert.equal(nearestEffort('turbo', THREE), 'medium', 'an effort off the scale takes the default');
  });

  it('sends no reasoning to a fallback that cannot reason, and the object as made to one the catalogue does not know', () => {
    assert.equal(fittedReasoning({ effort: 'xhigh', exclude: true }, { }), undefined);
    assert.deepEqual(fittedReasoning({ effort: 'xhigh', enabled: true }, undefined), { effort: 'xhigh', enabled: true });
  });

  it('turns an effort into nothing but the budget for a model that takes only a budget', () => {
    assert.deepEqual(fittedReasoning({ effort: 'high', exclude: true }, { reasoning: BUDGET_ONLY }), { exclude: true });
    assert.deepEqual(fittedReasoning({ max_tokens: 500 }, { reasoning: BUDGET_ONLY }), { max_tokens: 500 });
    assert.equal(fittedReasoning({ max_tokens: 500 }, { reasoning: { ...BUDGET_ONLY, supportsMaxTokens: false } }), undefined);
  });

  it('uses the effort remembered for a fallback over the one asked for', () => {
    const byModel = chainReasoning('wide/reasoner', ['three/reasoner'], { effort: 'xhigh' }, { 'three/reasoner': { effort: 'low' } }, factsOf);
    assert.deepEqual(byModel, { 'three/reasoner': { effort: 'low' } });
  });

  it('leaves the request alone when every model takes the same object', () => {
    assert.equal(chainReasoning('three/reasoner', ['wide/reasoner', 'unknown/model'], { effort: 'high' }, undefined, factsOf), undefined);
  });

  it('sends each model of the chain the reasoning its own entry accepts', () => {
    const request = buildChatRequest(SETTINGS, [{ role: 'user', content: 'Think.' }], {
      reasoning: { effort: 'xhigh' }, chainReasoning: { preferences: undefined, factsOf },
    });
    assert.deepEqual(bodyFor(request, 'wide/reasoner')['reasoning'], { effort: 'xhigh' });
    assert.deepEqual(bodyFor(request, 'three/reasoner')['reasoning'], { effort: 'high' });
    assert.equal('reasoning' in bodyFor(request, 'plain/model'), false);
    assert.deepEqual(bodyFor(request, 'unknown/model')['reasoning'], { effort: 'xhigh' });
  });

  it("cuts OpenRouter's own fallback list where the reasoning changes, leaving the rest to the engine", () => {
    const settings = { ...SETTINGS, fallbackModels: ['unknown/model', 'three/reasoner', 'plain/model'] };
    const request = buildChatRequest(settings, [{ role: 'user', content: 'Think.' }], {
      reasoning: { effort: 'xhigh' }, chainReasoning: { preferences: undefined, factsOf },
    });
    const chain = ['wide/reasoner', 'unknown/model', 'three/reasoner', 'plain/model'];
    assert.deepEqual(bodyFor(request, 'wide/reasoner', chain)['models'], ['wide/reasoner', 'unknown/model']);
    const third = bodyFor(request, 'three/reasoner', chain.slice(2));
    assert.equal('models' in third, false, 'one model left in the shared part: no models list');
    assert.deepEqual(third['reasoning'], { effort: 'high' });
  });
});
