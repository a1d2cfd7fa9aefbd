import assert from 'node:assert/strict';
import { buildChatRequest, type RequestSettings } from '../../../../src/core/chat/chat-request';
import { plannedSearches, webSearchTool, WEB_SEARCH_TOOL } from '../../../../src/core/chat/web-search';
import { parseSettings } from '../../../../src/core/config/settings';
import { buildBody } from '../../../../src/core/openrouter/http';
import { worstCaseCost } from '../../../../src/core/spend/cost';
import { searchFacts, searchFactText } from '../../../../src/core/spend/search-cost';
import { ledgerRecordOf } from '../../../../src/core/spend/ledger/entry';
import { LedgerRecordSchema } from '../../../../src/core/spend/ledger/record';

const SETTINGS: RequestSettings = {
  defaultModel: 'openai/gpt-4o-mini', fallbackModels: [], systemPrompt: '', maxTokens: 1000, temperature: null, provider: {}, user: '',
};
const MESSAGES = [{ role: 'user' as const, content: 'What is new in TypeScript?' }];

describe('web search request', () => {
  it('sends the openrouter:web_search server tool with the settings, not the :online suffix or the web plugin', () => {
    const request = buildChatRequest(SETTINGS, MESSAGES, { webSearch: { engine: 'exa', maxResults: 7, maxSearches: 2 } });
    const body = JSON.parse(buildBody(request, request.model)) as Record<string, unknown>;
    assert.deepEqual(body['tools'], [{ type: 'openrouter:web_search', parameters: { engine: 'exa', max_results: 7, max_uses: 2 } }]);
    assert.equal(body['model'], 'openai/gpt-4o-mini');
    assert.equal(body['plugins'], undefined);
  });

  it('leaves the engine to OpenRouter when it is auto', () => {
    assert.deepEqual(webSearchTool({ engine: 'auto', maxResults: 5, maxSearches: 3 }), { type: WEB_SEARCH_TOOL, parameters: { max_results: 5, max_uses: 3 } });
  });

  it('sends no tools when web search is off', () => {
    const request = buildChatRequest(SETTINGS, MESSAGES);
    assert.equal(JSON.parse(buildBody(request, request.model)).tools, undefined);
  });

  it('plans the tool\'s max_uses searches, and none without the tool', () => {
    assert.equal(plannedSearches({ tools: [webSearchTool({ engine: 'auto', maxResults: 5, maxSearches: 4 })] }), 4);
    assert.equal(plannedSearches({ tools: [{ type: 'function', function: { name: 'x' } }] }), 0);
    assert.equal(plannedSearches({}), 0);
  });

  it('validates the settings: a bad engine, too many results or searches fall back to the defaults with a warning', () => {
    const raw: Record<string, unknown> = { 'webSearch.engine': 'bing', 'webSearch.maxResults': 30, 'webSearch.maxSearches': 0 };
    const { settings, warnings } = parseSettings((name) => raw[name]);
    assert.equal(settings['webSearch.engine'], 'auto');
    assert.equal(settings['webSearch.maxResults'], 5);
    assert.equal(settings['webSearch.maxSearches'], 3);
    assert.deepEqual(warnings.map((w) => w.setting).sort(), ['openrouter.webSearch.engine', 'openrouter.webSearch.maxResults', 'openrouter.webSearch.maxSearches']);
    const good: Record<string, unknown> = { 'webSearch.engine': 'parallel', 'webSearch.maxResults': 25, 'webSearch.maxSearches': 10 };
    const parsed = parseSettings((name) => good[name]);
    assert.deepEqual(parsed.warnings, []);
    assert.equal(parsed.settings['webSearch.engine'], 'parallel');
  });
});

describe('web search cost', () => {
  const model = { pricing: { prompt: 0.000001, completion: 0.000002, request: 0, webSearch: 0.01 }, contextLength: 10_000, maxCompletionTokens: 1000 };

  it('counts every search the request may make at the search price in the worst case', () => {
    const without = worstCaseCost({ model, promptTokens: 100, maxTokens: 100 });
    const withSearches = worstCaseCost({ model, promptTokens: 100, maxTokens: 100, webSearches: 3 });
    assert.equal(without.usd, 0.0003);
    assert.equal(withSearches.usd, 0.0303);
  });

  it('flags the search price as unknown rather than count it as free', () => {
    const unpriced = { ...model, pricing: { prompt: 0.000001, completion: 0.000002, request: 0 } };
    assert.deepEqual(worstCaseCost({ model: unpriced, promptTokens: 100, maxTokens: 100, webSearches: 2 }).unknownPrices, ['webSearch']);
  });

  it('prices the searches an answer made, exactly, and words them for the footer', () => {
    const facts = searchFacts(3, { webSearch: 0.007 });
    assert.deepEqual(facts, { searches: 3, usd: 0.021 });
    assert.equal(searchFactText(facts!, (usd) => `$${usd}`), '3 web searches ≈ $0.021');
    assert.equal(searchFactText({ searches: 1 }, String), '1 web search');
    assert.equal(searchFacts(0, { webSearch: 0.01 }), undefined);
    assert.deepEqual(searchFacts(2, undefined), { searches: 2 });
  });

  it('records the searches and their cost in the ledger, inside the answer\'s cost', () => {
    const record = ledgerRecordOf({
      id: 'req-1', at: 1, workspace: 'w', chatId: 'chat-1', requestedModel: 'openai/gpt-4o-mini', origin: { surface: 'panel' },
      pricingOf: () => ({ prompt: 0.000001, completion: 0.000002, webSearch: 0.01 }),
      done: {
        model: 'openai/gpt-4o-mini', provider: 'OpenAI', finishReason: 'stop', nativeFinishReason: 'stop', generationId: 'gen-1',
        usage: { promptTokens: 10, completionTokens: 5, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
        cost: { usd: 0.02002, basis: 'exact', source: 'usage' }, timeToFirstTokenMs: 1, durationMs: 2, requestedModel: 'openai/gpt-4o-mini',
        fallbackPath: [], text: 'x', reasoning: '', toolCalls: [], reasoningDetails: [], webSearches: 2,
      },
    });
    assert.equal(record.cost, 0.02002);
    assert.equal(record.webSearches, 2);
    assert.equal(record.webSearchUsd, 0.02);
    assert.deepEqual(LedgerRecordSchema.parse(JSON.parse(JSON.stringify(record))), record);
  });
});
