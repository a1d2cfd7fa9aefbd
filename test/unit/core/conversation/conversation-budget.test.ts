// The session budget as the chat shows it: the composer warns before sending when the worst case is over what a
// budget leaves, by the same rule the check before sending applies, and a blocked answer's card offers the ways on.
import assert from 'node:assert/strict';
import type { AssistantTurn } from '../../../../src/core/chat/model';
import { checkPlanned, type BudgetRoom, type PricedModel } from '../../../../src/core/spend/budget-fit';
import type { SpendSummary } from '../../../../src/core/spend/ledger/totals';
import { estimatePromptTokens } from '../../../../src/core/spend/token-estimate';
import { panelInput } from '../../../../src/core/conversation/panel-input';
import { DEFAULT_MODEL, SETTINGS, ask, conversation, effectsOf, requestOf, updatesOf } from './conversation-support';

const tally = (cost: number) => ({ cost, promptTokens: 0, completionTokens: 0, requests: 0 });
const spent = (session: number): SpendSummary => ({ session: tally(session), today: tally(0), month: tally(0) });

/** The default model answers up to 4,096 tokens (the settings' maxTokens) at $15 per million: about $0.06 at worst. */
const FACTS: Record<string, PricedModel> = {
  [DEFAULT_MODEL]: { pricing: { prompt: 0.000003, completion: 0.000015 }, contextLength: 128_000 },
  // The fallback: dearer still.
  'anthropic/claude-3.5-haiku': { pricing: { prompt: 0.000004, completion: 0.00002 }, contextLength: 200_000 },
  // The `simple` preset's model: worst case about $0.00002 for its 200 tokens.
  'mistralai/mistral-7b-instruct': { pricing: { prompt: 0.00000003, completion: 0.00000005 }, contextLength: 32_000 },
  'meta-llama/llama-3.1-8b-instruct': { pricing: { prompt: 0.00000002, completion: 0.00000003 }, contextLength: 128_000 },
};
const modelFacts = (model: string): PricedModel | undefined => FACTS[model];

/** A session budget of $0.09 with `used` of it spent. */
function budgeted(used: number, extra: Partial<Parameters<typeof conversation>[0]> = {}) {
  let room: BudgetRoom = { summary: spent(used), budgets: { session: 0.09 } };
  const made = conversation({ modelFacts, budgetRoom: () => room, ...extra });
  return { ...made, setSpent: (next: number) => (room = { ...room, summary: spent(next) }), room: () => room };
}

describe('conversation core: the composer and the budgets', () => {
  it('says nothing of budgets while the worst case fits, or when none is set', () => {
    assert.equal(budgeted(0.01, { draft: 'Hi' }).chat.composerState().estimate?.budget, undefined);
    assert.equal(conversation({ modelFacts, draft: 'Hi' }).chat.composerState().estimate?.budget, undefined);
  });

  it('warns at a third of the session budget spent when the worst case is over what is left: lowered, then blocked', () => {
    const { chat, setSpent } = budgeted(0.03, { draft: 'Explain monads.' });
    const lowered = chat.composerState().estimate?.budget;
    assert.equal(lowered?.limit, 'session');
    assert.equal(lowered?.left, 0.06);
    assert.ok(lowered?.maxTokens !== undefined && lowered.maxTokens > 256 && lowered.maxTokens < 4096, String(lowered?.maxTokens));
    setSpent(0.0899);
    assert.deepEqual(chat.composerState().estimate?.budget, { limit: 'session', left: 0.0001 });
  });

  it('tells the panel again when the spend changes', () => {
    const { chat } = budgeted(0);
    assert.deepEqual(chat.dispatch({ type: 'budgetChanged' }).panel, [{ type: 'composer' }]);
  });

  it('says what the check before sending will do with the request the draft makes', () => {
    for (const used of [0, 0.03, 0.06, 0.0899, 0.09]) {
      const { chat, room } = budgeted(used, { draft: 'Explain monads, with examples.' });
      const said = chat.composerState().estimate?.budget;
      const { request } = ask(chat, 'Explain monads, with examples.');
      const decision = checkPlanned(room(), { model: modelFacts(request.model), promptTokens: estimatePromptTokens(request.messages), maxTokens: request.max_tokens });
      const expected = decision.kind === 'allow' ? undefined
        : { limit: decision.budget, left: decision.headroom, ...(decision.kind === 'clamp' ? { maxTokens: decision.maxTokens } : {}) };
      assert.deepEqual(said, expected, `at $${used} spent`);
    }
  });
});

describe('conversation core: a request the budget blocked', () => {
  function blockedAnswer(settings = SETTINGS) {
    const made = budgeted(0.0899, { settings });
    const { requestId } = ask(made.chat, 'Explain monads.');
    const step = made.chat.dispatch({ type: 'blocked', requestId, reason: 'Not sent: the prompt alone could cost more than the $0.0001 left of the session budget.', limit: 'session', room: made.room() });
    const [end] = updatesOf(step, 'chat/end');
    return { ...made, step, error: end?.error, answer: made.chat.chat.turns.at(-1) as AssistantTurn };
  }

  it('offers Send Once Anyway, the cheapest model that fits, Raise Limit and Retry, and keeps the question', () => {
    const { chat, error, step } = blockedAnswer({ ...SETTINGS, favoriteModels: ['meta-llama/llama-3.1-8b-instruct'] });
    assert.deepEqual(error?.actions, ['send_anyway', 'use_fitting_model', 'raise_limit', 'retry']);
    assert.equal(error?.limit, 'session');
    assert.equal(error?.fittingModel, 'meta-llama/llama-3.1-8b-instruct', 'the favourite is cheaper than the preset model, and the fallback does not fit');
    assert.equal(effectsOf(step, 'request').length, 0);
    assert.equal(chat.chat.turns[0]?.role === 'user' && chat.chat.turns[0].text, 'Explain monads.');
  });

  it('names no model when none of the chosen ones fits', () => {
    const { error } = blockedAnswer({ ...SETTINGS, presets: {} });
    assert.deepEqual(error?.actions, ['send_anyway', 'raise_limit', 'retry']);
    assert.equal(error?.fittingModel, undefined);
  });

  it('Send Once Anyway asks again past the budget check, this once, and says so on the answer', () => {
    const { chat, answer } = blockedAnswer();
    const step = chat.dispatch(panelInput({ type: 'chat/sendAnyway', turnId: answer.id }));
    const { request } = requestOf(step);
    assert.equal(effectsOf(step, 'request')[0]?.overBudget, true);
    assert.equal(request.model, DEFAULT_MODEL);
    const next = chat.chat.turns.at(-1) as AssistantTurn;
    assert.deepEqual(next.notices.map((n) => n.text), ['sent once past the budget, as asked']);
    chat.dispatch({ type: 'engineEnded', requestId: effectsOf(step, 'request')[0]!.requestId });
    const again = chat.dispatch(panelInput({ type: 'chat/regenerate', turnId: next.id }));
    assert.equal(effectsOf(again, 'request')[0]?.overBudget, undefined, 'the next request is checked again');
  });

  it('"Use … (fits)" asks again with that model, for this answer only', () => {
    const { chat, answer, error } = blockedAnswer();
    assert.equal(error?.fittingModel, 'mistralai/mistral-7b-instruct');
    const step = chat.dispatch(panelInput({ type: 'chat/regenerate', turnId: answer.id, model: 'mistralai/mistral-7b-instruct' }));
    assert.equal(requestOf(step).request.model, 'mistralai/mistral-7b-instruct');
    assert.equal(effectsOf(step, 'request')[0]?.overBudget, undefined);
    assert.equal(chat.model, DEFAULT_MODEL);
  });
});
