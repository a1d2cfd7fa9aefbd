import assert from 'node:assert/strict';
import { assembleInstructions } from '../../../../src/core/chat/project-instructions';
import { ChatSchema } from '../../../../src/core/chat/model';
import { ask, conversation, done, effectsOf, engine, SETTINGS } from './conversation-support';

const FACTS = { pricing: { prompt: 0.000001, completion: 0.000002, request: 0, webSearch: 0.01 }, contextLength: 100_000, maxCompletionTokens: 4096 };
const INSTRUCTIONS = assembleInstructions([{ label: 'AGENTS.md', text: 'Always answer in French.' }])!;

describe('conversation: web search and project instructions', () => {
  it('sends the web search tool only once the chat turns it on, and says so in the composer', () => {
    const { chat } = conversation();
    assert.equal(ask(chat, 'first').request.tools, undefined);
    engine(chat, chat.inFlight!, done('ok'));
    const step = chat.dispatch({ type: 'chatOption', option: 'webSearch', on: true });
    assert.equal(chat.composerState().webSearch?.on, true);
    // A chat with turns is saved with its choice, so a reload keeps it.
    assert.equal(effectsOf(step, 'save')[0]?.chat.webSearch, true);
    const { request } = ask(chat, 'second');
    assert.deepEqual(request.tools, [{ type: 'openrouter:web_search', parameters: { max_results: 5, max_uses: 3 } }]);
  });

  it('takes the engine, results and searches from the settings', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'settings', settings: { ...chat['settings'], 'webSearch.engine': 'exa', 'webSearch.maxResults': 9, 'webSearch.maxSearches': 1 } });
    chat.dispatch({ type: 'chatOption', option: 'webSearch', on: true });
    assert.deepEqual(ask(chat, 'q').request.tools, [{ type: 'openrouter:web_search', parameters: { engine: 'exa', max_results: 9, max_uses: 1 } }]);
  });

  it('counts the most searches at the search price in the pre-send estimate', () => {
    const { chat } = conversation({ modelFacts: () => FACTS });
    chat.dispatch({ type: 'draft', text: 'hello' });
    const before = chat.composerState().estimate?.worstCaseUsd ?? 0;
    chat.dispatch({ type: 'chatOption', option: 'webSearch', on: true });
    const after = chat.composerState();
    assert.equal(Math.round((after.estimate!.worstCaseUsd! - before) * 1e6) / 1e6, 0.03);
    assert.deepEqual(after.webSearch, { on: true, maxSearches: 3, maxUsd: 0.03 });
  });

  it('compares a cheaper model with its searches counted too, so searches alone never make another model look cheap', () => {
    const dear = { ...FACTS, pricing: { ...FACTS.pricing, prompt: 0.00001, completion: 0.00003 } };
    const cheap = { ...FACTS, pricing: { ...FACTS.pricing, prompt: 0.0000001, completion: 0.0000002 } };
    const facts = (model: string) => (model === 'cheap/model' ? cheap : dear);
    const { chat } = conversation({ modelFacts: facts, settings: { ...SETTINGS, favoriteModels: ['cheap/model'], maxTokens: 100 } });
    chat.dispatch({ type: 'draft', text: 'hello' });
    chat.dispatch({ type: 'chatOption', option: 'webSearch', on: true });
    // Three searches at $0.01 dwarf both models' tokens: the cheap model would cost nearly as much.
    assert.equal(chat.composerState().estimate?.cheaper, undefined);
  });

  it('puts the footer\'s searches, their cost and the sources on the answer', () => {
    const { chat } = conversation({ modelFacts: () => FACTS });
    chat.dispatch({ type: 'chatOption', option: 'webSearch', on: true });
    const { requestId } = ask(chat, 'news?');
    engine(chat, requestId, done('See [1].', { webSearches: 2, citations: [{ url: 'https://example.com/a', title: 'A' }] }));
    const answer = chat.chat.turns[1];
    assert.ok(answer?.role === 'assistant');
    assert.deepEqual(answer.meta?.webSearch, { searches: 2, usd: 0.02 });
    assert.deepEqual(answer.meta?.citations, [{ url: 'https://example.com/a', title: 'A' }]);
    // The saved chat, with its choice and its sources, reads back as it was.
    assert.equal(ChatSchema.parse(JSON.parse(JSON.stringify(chat.chat))).webSearch, true);
  });

  it('adds the project instructions to the system prompt, shows their chip, and leaves them out when the chat turns them off', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'instructions', instructions: INSTRUCTIONS });
    assert.deepEqual(chat.composerState().instructions, { on: true, files: ['AGENTS.md'], tokens: INSTRUCTIONS.tokens });
    const first = ask(chat, 'hi').request;
    assert.equal(first.messages[0]?.role, 'system');
    assert.match(String(first.messages[0]?.content), /Always answer in French/);
    engine(chat, chat.inFlight!, done('ok'));
    chat.dispatch({ type: 'chatOption', option: 'instructions', on: false });
    assert.equal(chat.composerState().instructions?.on, false);
    const second = ask(chat, 'again').request;
    assert.ok(second.messages.every((m) => !String(m.content).includes('Always answer in French')));
  });

  it('counts the instructions in the pre-send estimate', () => {
    const { chat } = conversation();
    const without = chat.composerState().estimate!.promptTokens;
    chat.dispatch({ type: 'instructions', instructions: INSTRUCTIONS });
    assert.ok(chat.composerState().estimate!.promptTokens >= without + INSTRUCTIONS.tokens);
  });

  it('in an untrusted workspace sends nothing of the project and says why', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'instructions', instructions: 'untrusted' });
    assert.deepEqual(chat.composerState().instructions, { untrusted: true, on: false, files: [], tokens: 0 });
    assert.equal(ask(chat, 'hi').request.messages.filter((m) => m.role === 'system').length, 0);
  });

  it('starts a new chat with web search off', () => {
    const { chat } = conversation();
    chat.dispatch({ type: 'chatOption', option: 'webSearch', on: true });
    chat.dispatch({ type: 'newChat' });
    assert.equal(chat.composerState().webSearch?.on, false);
  });
});
