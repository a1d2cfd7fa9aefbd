import * as assert from 'node:assert/strict';
import type { RequestSettings } from '../../../../src/core/chat/chat-request';
import type { ModelInfo } from '../../../../src/core/openrouter/catalogue-schemas';
import { buildLmRequest, checkLmRequest, LmRequestError, type LmRequestInput } from '../../../../src/core/lm/lm-request';

const settings: RequestSettings = {
  defaultModel: 'openai/gpt-4o-mini',
  fallbackModels: ['anthropic/claude-3.5-haiku'],
  systemPrompt: 'Answer like a pirate.',
  maxTokens: 4096,
  temperature: null,
  provider: { sort: 'price' },
  user: '',
};

function input(overrides: Partial<LmRequestInput> = {}): LmRequestInput {
  return {
    target: { model: 'openai/gpt-4o-mini', fallbacks: [] },
    messages: [{ role: 'user', content: 'Hello' }],
    tools: [],
    toolRequired: false,
    modelOptions: undefined,
    sessionId: 'vscode-abc',
    ...overrides,
  };
}

function model(id: string, facts: Partial<ModelInfo> = {}): ModelInfo {
  return {
    id, name: id, contextLength: 1000, inputModalities: ['text'], outputModalities: ['text'], supportsVision: false,
    supportedParameters: ['tools'], pricing: {}, isFree: false, ...facts,
  };
}

describe('requests from VS Code chat', () => {
  it('run a plain model alone and a chain entry with its fallbacks, under the routing settings', () => {
    const plain = buildLmRequest(settings, input());
    assert.equal(plain.model, 'openai/gpt-4o-mini');
    assert.deepEqual(plain.fallbacks, []);
    assert.deepEqual(plain.provider, { sort: 'price' });
    assert.equal(plain.session_id, 'vscode-abc');
    assert.equal(plain.max_tokens, 4096);
    const chain = buildLmRequest(settings, input({ target: { model: 'openai/gpt-4o-mini', fallbacks: ['anthropic/claude-3.5-haiku'], preset: 'simple', maxTokens: 900, temperature: 0.1 } }));
    assert.deepEqual(chain.fallbacks, ['anthropic/claude-3.5-haiku']);
    assert.equal(chain.max_tokens, 900);
    assert.equal(chain.temperature, 0.1);
  });

  it('place a cache breakpoint for Anthropic models, which cache nothing without one', () => {
    assert.deepEqual(buildLmRequest(settings, input({ target: { model: 'anthropic/claude-3.5-haiku', fallbacks: [] } })).extra, { cache_control: { type: 'ephemeral' } });
    assert.equal(buildLmRequest(settings, input()).extra, undefined);
  });

  it('leave the prompt to the caller: no system prompt of ours is added', () => {
    assert.deepEqual(buildLmRequest(settings, input()).messages, [{ role: 'user', content: 'Hello' }]);
  });

  it('send tools as functions, with an empty object schema when none is given, and Required as tool_choice', () => {
    const request = buildLmRequest(settings, input({
      tools: [{ name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }, { name: 'now', description: 'The time' }],
      toolRequired: true,
    }));
    assert.deepEqual(request.tools, [
      { type: 'function', function: { name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } },
      { type: 'function', function: { name: 'now', description: 'The time', parameters: { type: 'object', properties: {} } } },
    ]);
    assert.equal(request.tool_choice, 'required');
    assert.equal(buildLmRequest(settings, input({ tools: [{ name: 'now', description: '' }] })).tool_choice, undefined);
  });

  it('pass model options that are OpenRouter parameters, and nothing else', () => {
    const request = buildLmRequest(settings, input({ modelOptions: { temperature: 0.3, max_tokens: 100, reasoning: { effort: 'low' }, copilotSecret: 'x', model: 'evil/other' } }));
    assert.equal(request.temperature, 0.3);
    assert.equal(request.max_tokens, 100);
    assert.deepEqual(request.extra, { reasoning: { effort: 'low' } });
    assert.equal(request.model, 'openai/gpt-4o-mini');
  });

  it('carry the reasoning effort picked for the model in the panel, unless the caller sets its own', () => {
    const picked = { ...settings, reasoning: { 'openai/gpt-4o-mini': { effort: 'high' } } };
    assert.deepEqual(buildLmRequest(picked, input()).reasoning, { effort: 'high' });
    const own = buildLmRequest(picked, input({ modelOptions: { reasoning: { effort: 'low' } } }));
    assert.equal(own.reasoning, undefined);
    assert.deepEqual(own.extra, { reasoning: { effort: 'low' } });
    assert.equal(buildLmRequest(settings, input()).reasoning, undefined);
  });

  it("fit the caller's reasoning, or the panel's pick, to each fallback: none for a model that cannot reason", () => {
    const facts = (id: string) => ({ 'a/reasoner': { reasoning: { efforts: ['low', 'high'], mandatory: false } }, 'b/plain': {} })[id];
    const target = { model: 'a/reasoner', fallbacks: ['b/plain', 'c/unknown'] };
    const caller = buildLmRequest(settings, input({ target, factsOf: facts, modelOptions: { reasoning: { effort: 'high' } } }));
    assert.deepEqual(caller.reasoningByModel, { 'b/plain': null });
    const picked = buildLmRequest({ ...settings, reasoning: { 'a/reasoner': { effort: 'low' } } }, input({ target, factsOf: facts }));
    assert.deepEqual(picked.reasoning, { effort: 'low' });
    assert.deepEqual(picked.reasoningByModel, { 'b/plain': null });
  });

  it('refuse before sending: a model no longer listed, tools for a model without them, a prompt over the context', () => {
    const find = (id: string): ModelInfo | undefined => ({ 'a/tools': model('a/tools'), 'b/plain': model('b/plain', { supportedParameters: [] }) })[id];
    const refused = (request: Parameters<typeof checkLmRequest>[0], pattern: RegExp, code: string) =>
      assert.throws(() => checkLmRequest(request, find), (error: unknown) => error instanceof LmRequestError && error.code === code && pattern.test(error.message));
    refused({ model: 'gone/model', messages: [] }, /no longer lists gone\/model/, 'not_found');
    refused({ model: 'b/plain', messages: [], tools: [{ type: 'function', function: { name: 'x', parameters: {} } }] }, /b\/plain cannot call tools/, 'bad_request');
    refused({ model: 'a/tools', messages: [{ role: 'user', content: 'x'.repeat(3000) }], max_tokens: 400 }, /about 7\d\d tokens plus 400 for the answer, over a\/tools's context of 1\.0k/, 'bad_request');
    const tool = (name: string, parameters: unknown) => ({ type: 'function', function: { name, description: '', parameters } });
    refused({ model: 'a/tools', messages: [], tools: [tool('read file', { type: 'object' })] }, /The tool "read file" cannot be sent.*letters, digits/, 'bad_request');
    refused({ model: 'a/tools', messages: [], tools: [tool('read_file', { type: 'string' })] }, /The tool read_file cannot be sent.*describes "string"/, 'bad_request');
    refused({ model: 'a/tools', messages: [], tools: [tool('read_file', 'path')] }, /The tool read_file cannot be sent.*not a JSON object/, 'bad_request');
    assert.doesNotThrow(() => checkLmRequest({ model: 'a/tools', messages: [{ role: 'user', content: 'short' }], max_tokens: 400, tools: [tool('read_file', { type: 'object', properties: {} })] }, find));
  });
});
