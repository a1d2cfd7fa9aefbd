import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, chatRequests, requests, script, setUserSetting, useFake } from '../integration/suite/support';
import { ask, failure, ourModel, user, withFakeAndOneAttempt } from './support';


describe('requests from vscode.lm to OpenRouter models', () => {
  withFakeAndOneAttempt();

  it('streams an answer, as one model alone, in one session, and counts it in the ledger', async () => {
    const extension = await api();
    const before = (await extension.spendSummary()).session;
    await script('openai/gpt-4o-mini', { kind: 'answer', text: 'Hello from the fake model.', usage: { cost: 0.0042 } });
    const model = await ourModel('openai/gpt-4o-mini');
    const read = await ask(model, [user('Say hello')]);
    assert.equal(read.text, 'Hello from the fake model.');
    const [sent] = await chatRequests();
    assert.equal(sent?.body.model, 'openai/gpt-4o-mini');
    assert.equal((sent?.body as { models?: unknown }).models, undefined);
    assert.match(String((sent?.body as { session_id?: unknown }).session_id), /^vscode-[0-9a-f]{32}$/);
    const after = (await extension.spendSummary()).session;
    assert.equal(after.requests, before.requests + 1);
    assert.ok(Math.abs(after.cost - before.cost - 0.0042) < 1e-12, `${after.cost} - ${before.cost}`);
  });

  it('keeps one session id across the turns of a conversation', async () => {
    const model = await ourModel('openai/gpt-4o-mini');
    await ask(model, [user('Plan the refactor')]);
    await ask(model, [user('Plan the refactor'), vscode.LanguageModelChatMessage.Assistant('Step one.'), user('And then?')]);
    await ask(model, [user('Something else entirely')]);
    const ids = (await chatRequests()).map((request) => (request.body as { session_id?: string }).session_id);
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[0], ids[2]);
  });

  it('falls back along the default chain on a 503 and on a 429', async () => {
    for (const status of [503, 429] as const) {
      await useFake();
      await setUserSetting('fallbackModels', ['anthropic/claude-3.5-haiku']);
      await script('openai/gpt-4o-mini', { kind: 'http-error', status });
      await script('anthropic/claude-3.5-haiku', { kind: 'answer', text: `Haiku answers after ${status}.` });
      const read = await ask(await ourModel('chain:default'), [user('Hello')]);
      assert.equal(read.text, `Haiku answers after ${status}.`);
      assert.deepEqual((await chatRequests()).map((request) => request.body.model), ['openai/gpt-4o-mini', 'anthropic/claude-3.5-haiku']);
    }
  });

  it('returns tool calls with parsed input, and sends their results back after the call', async () => {
    await script('openai/gpt-4o-mini', { kind: 'answer', text: '', toolCalls: [{ id: 'call_7', name: 'read_file', arguments: '{"path":"hello.ts"}' }] });
    const model = await ourModel('openai/gpt-4o-mini');
    const tools = [{ name: 'read_file', description: 'Reads a file of the workspace', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }];
    const first = await ask(model, [user('What does hello.ts do?')], { tools });
    assert.equal(first.toolCalls.length, 1);
    assert.equal(first.toolCalls[0]?.callId, 'call_7');
    assert.equal(first.toolCalls[0]?.name, 'read_file');
    assert.deepEqual(first.toolCalls[0]?.input, { path: 'hello.ts' });

    await script('openai/gpt-4o-mini', { kind: 'answer', text: 'It adds two numbers.' });
    const second = await ask(model, [
      user('What does hello.ts do?'),
      vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelToolCallPart('call_7', 'read_file', { path: 'hello.ts' })]),
      user([new vscode.LanguageModelToolResultPart('call_7', [new vscode.LanguageModelTextPart('export function add(a, b) { return a + b; }')])]),
    ], { tools });
    assert.equal(second.text, 'It adds two numbers.');
    const sent = (await chatRequests())[1]?.body as unknown as { messages: Record<string, unknown>[]; tools: { function: { name: string } }[] };
    assert.deepEqual(sent.tools.map((tool) => tool.function.name), ['read_file']);
    assert.deepEqual(sent.messages.slice(1), [
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_7', type: 'function', function: { name: 'read_file', arguments: '{"path":"hello.ts"}' } }] },
      { role: 'tool', tool_call_id: 'call_7', content: 'export function add(a, b) { return a + b; }' },
    ]);
  });

  it('brings a reasoning model\'s details back with its tool turn, which the model refuses without them', async () => {
    await script('anthropic/claude-sonnet-4', { kind: 'answer', text: '', reasoning: 'Read the file first.', toolCalls: [{ id: 'call_r', name: 'read_file', arguments: '{"path":"hello.ts"}' }] });
    const model = await ourModel('anthropic/claude-sonnet-4');
    const tools = [{ name: 'read_file', description: 'Reads a file' }];
    const first = await ask(model, [user('What does hello.ts do?')], { tools });
    assert.equal(first.toolCalls[0]?.callId, 'call_r');
    await script('anthropic/claude-sonnet-4', { kind: 'answer', text: 'It adds two numbers.' });
    // The history as every VS Code gives it back: the call and its result, whatever else the answer streamed.
    const second = await ask(model, [
      user('What does hello.ts do?'),
      vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelToolCallPart('call_r', 'read_file', { path: 'hello.ts' })]),
      user([new vscode.LanguageModelToolResultPart('call_r', [new vscode.LanguageModelTextPart('export function add() {}')])]),
    ], { tools });
    assert.equal(second.text, 'It adds two numbers.');
    const sent = (await chatRequests())[1]?.body as unknown as { messages: Record<string, unknown>[] };
    const details = sent.messages[1]?.['reasoning_details'] as Record<string, unknown>[];
    assert.equal(details.length, 1);
    assert.equal(details[0]?.['text'], 'Read the file first.');
    assert.match(String(details[0]?.['signature']), /^sig-gen-/);
  });

  it('sends an image as an image_url data URL to a model that takes images', async () => {
    const DataPart = (vscode as unknown as { LanguageModelDataPart: new (data: Uint8Array, mimeType: string) => vscode.LanguageModelTextPart }).LanguageModelDataPart;
    // A real one-pixel PNG: the workbench decodes images on their way to the provider.
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const read = await ask(await ourModel('openai/gpt-4o-mini'), [user([new vscode.LanguageModelTextPart('What is in this picture?'), new DataPart(png, 'image/png')] as never)]);
    assert.ok(read.text.length > 0);
    const content = (await chatRequests())[0]?.body.messages[0]?.content as unknown as { type: string; text?: string; image_url?: { url: string } }[];
    assert.deepEqual(content.map((part) => part.type), ['text', 'image_url']);
    assert.equal(content[0]?.text, 'What is in this picture?');
    const url = content[1]?.image_url?.url ?? '';
    assert.match(url, /^data:image\/png;base64,/);
    assert.equal(atob(url.slice('data:image/png;base64,'.length)).slice(1, 4), 'PNG');
  });

  it('says which tool call was malformed, and keeps working after it', async () => {
    await script('openai/gpt-4o-mini', { kind: 'answer', text: '', toolCalls: [{ name: 'read_file', arguments: '{"path": "hel' }] }, { kind: 'answer', text: 'Hello again.' });
    const model = await ourModel('openai/gpt-4o-mini');
    const tools = [{ name: 'read_file', description: 'Reads a file' }];
    const error = await failure(ask(model, [user('Read it')], { tools }));
    assert.match(error.message, /called the tool read_file with arguments that are not a JSON object/);
    assert.equal((await ask(model, [user('Hello again')])).text, 'Hello again.');
  });

  it('refuses tools for a model that cannot call them, before sending anything', async () => {
    await setUserSetting('favoriteModels', ['mistralai/mistral-7b-instruct']);
    try {
      const model = await ourModel('mistralai/mistral-7b-instruct');
      const error = await failure(ask(model, [user('Read it')], { tools: [{ name: 'read_file', description: 'Reads a file' }] }));
      assert.match(error.message, /mistralai\/mistral-7b-instruct cannot call tools/);
      assert.equal((await chatRequests()).length, 0);
    } finally {
      await setUserSetting('favoriteModels', undefined);
    }
  });

  it('caches an Anthropic conversation: the second turn reads the first from the cache, in one session', async () => {
    await setUserSetting('favoriteModels', ['anthropic/claude-3.5-haiku']);
    try {
      const model = await ourModel('anthropic/claude-3.5-haiku');
      const opening = [user(`Here is the design document:\n${'The service keeps one queue per tenant. '.repeat(200)}`), vscode.LanguageModelChatMessage.Assistant('Read it.')];
      await ask(model, [...opening, user('Summarise it.')]);
      const second = await ask(model, [...opening, user('Summarise it.'), vscode.LanguageModelChatMessage.Assistant('One queue per tenant.'), user('Any risks?')]);
      const sent = await chatRequests();
      assert.deepEqual(sent.map((request) => (request.body as { cache_control?: unknown }).cache_control), [{ type: 'ephemeral' }, { type: 'ephemeral' }]);
      const usage = second.parts.find((part): part is { mimeType: string; data: Uint8Array } => typeof part === 'object' && part !== null && (part as { mimeType?: unknown }).mimeType === 'usage');
      assert.ok(usage, 'the answer reports its usage');
      const report = JSON.parse(new TextDecoder().decode(usage.data)) as { prompt_tokens: number; prompt_tokens_details: { cached_tokens: number } };
      assert.ok(report.prompt_tokens_details.cached_tokens > 1000, JSON.stringify(report));
      assert.ok(report.prompt_tokens_details.cached_tokens < report.prompt_tokens);
    } finally {
      await setUserSetting('favoriteModels', undefined);
    }
  });

  it('names a tool whose input schema OpenRouter would reject, and sends nothing', async () => {
    const tools = [{ name: 'read_file', description: 'Reads a file', inputSchema: { type: 'string' } }];
    const error = await failure(ask(await ourModel('openai/gpt-4o-mini'), [user('Read it')], { tools }));
    assert.match(error.message, /The tool read_file cannot be sent to OpenRouter/);
    assert.equal((await chatRequests()).length, 0);
  });

  it('names the budget that blocks a request, and sends nothing', async () => {
    await setUserSetting('budget.session', 0);
    try {
      const error = await failure(ask(await ourModel('openai/gpt-4o-mini'), [user('Hello')]));
      assert.match(error.message, /session budget/);
      assert.match(error.message, /openrouter\.budget/);
      assert.equal((await chatRequests()).length, 0);
    } finally {
      await setUserSetting('budget.session', undefined);
    }
  });

  it('explains a 402 and sends nothing more', async () => {
    await script('openai/gpt-4o-mini', { kind: 'http-error', status: 402, variant: 'openrouter_credits' });
    const error = await failure(ask(await ourModel('openai/gpt-4o-mini'), [user('Hello')]));
    assert.match(error.message, /credits/i);
    assert.equal((await chatRequests()).length, 1);
  });

  it('sends nothing for a request cancelled before it starts', async () => {
    const source = new vscode.CancellationTokenSource();
    source.cancel();
    await ask(await ourModel('openai/gpt-4o-mini'), [user('Hello')], {}, source.token).catch(() => undefined);
    assert.equal((await requests()).filter((request) => request.path.endsWith('/chat/completions')).length, 0);
  });
});
