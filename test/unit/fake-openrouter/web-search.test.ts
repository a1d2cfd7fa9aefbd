import * as assert from 'node:assert/strict';
import { expectedCost, WEB_SEARCH_PRICE } from '../../fixtures/fake-openrouter/index';
import { USER_MESSAGES, chunks, contentOf, postChat, streamChat, useFakeOpenRouter } from './helpers';
import { countPromptTokens, tokenize } from '../../fixtures/fake-openrouter/index';

const TOOL = (parameters: Record<string, unknown> = {}): unknown[] => [{ type: 'openrouter:web_search', parameters }];

interface AnnotatedDelta {
  content?: string;
  annotations?: Array<{ type: string; url_citation: { url: string; title: string } }>;
}

describe('fake OpenRouter: the web search server tool', () => {
  const holder = useFakeOpenRouter();

  it('streams url_citation annotations in a delta after the text, and counts and bills the search', async () => {
    const { fake } = holder;
    const { items } = await streamChat(fake, { model: 'openai/gpt-4o-mini', tools: TOOL({ max_results: 2 }) });
    const all = chunks(items);
    const annotated = all.filter((chunk) => ((chunk.choices[0]?.delta ?? {}) as AnnotatedDelta).annotations);
    assert.equal(annotated.length, 1);
    const annotations = (annotated[0]!.choices[0]!.delta as AnnotatedDelta).annotations!;
    assert.deepEqual(annotations.map((a) => [a.type, a.url_citation.url]), [
      ['url_citation', 'https://search1.example/hello-there-friend'], ['url_citation', 'https://search2.example/hello-there-friend'],
    ]);
    const usage = all.at(-1)!.usage as unknown as { cost: number; server_tool_use: { web_search_requests: number } };
    assert.equal(usage.server_tool_use.web_search_requests, 1);
    const text = contentOf(items);
    const tokens = { promptTokens: countPromptTokens(USER_MESSAGES), completionTokens: tokenize(text).length };
    assert.equal(usage.cost, expectedCost('openai/gpt-4o-mini', { ...tokens, webSearches: 1 }));
    assert.equal(Math.round((usage.cost - expectedCost('openai/gpt-4o-mini', tokens)) * 1e9) / 1e9, Number(WEB_SEARCH_PRICE));
  });

  it('cites the scripted results and runs the scripted searches, up to max_uses', async () => {
    const { fake } = holder;
    fake.script('openai/gpt-4o-mini', { kind: 'answer', text: 'Sources below.', webSearch: { searches: 5, results: [{ url: 'javascript:alert(1)', title: '<b>x</b>' }] } });
    const { items } = await streamChat(fake, { model: 'openai/gpt-4o-mini', tools: TOOL({ max_uses: 2 }) });
    const all = chunks(items);
    const delta = all.map((chunk) => chunk.choices[0]?.delta as AnnotatedDelta).find((d) => d?.annotations);
    assert.deepEqual(delta?.annotations?.[0]?.url_citation, { url: 'javascript:alert(1)', title: '<b>x</b>', content: '', start_index: 0, end_index: 14 });
    assert.equal((all.at(-1)!.usage as unknown as { server_tool_use: { web_search_requests: number } }).server_tool_use.web_search_requests, 2);
  });

  it('puts the annotations on the message of a non-streamed answer', async () => {
    const { fake } = holder;
    const response = await postChat(fake, { model: 'openai/gpt-4o-mini', tools: TOOL() });
    const body = (await response.json()) as { choices: Array<{ message: { annotations?: unknown[] } }>; usage: { server_tool_use?: unknown } };
    assert.equal(body.choices[0]?.message.annotations?.length, 3);
    assert.deepEqual(body.usage.server_tool_use, { web_search_requests: 1 });
  });

  it('searches nothing and reports no server tool use without the tool', async () => {
    const { fake } = holder;
    const { items } = await streamChat(fake, { model: 'openai/gpt-4o-mini' });
    const all = chunks(items);
    assert.equal(all.some((chunk) => (chunk.choices[0]?.delta as AnnotatedDelta | undefined)?.annotations), false);
    assert.equal((all.at(-1)!.usage as unknown as Record<string, unknown>)['server_tool_use'], undefined);
  });

  it('refuses an unknown engine or too many results with a 400', async () => {
    const { fake } = holder;
    assert.equal((await postChat(fake, { model: 'openai/gpt-4o-mini', tools: TOOL({ engine: 'bing' }) })).status, 400);
    assert.equal((await postChat(fake, { model: 'openai/gpt-4o-mini', tools: TOOL({ max_results: 26 }) })).status, 400);
  });
});
