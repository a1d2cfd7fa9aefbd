// Reasoning details go back only to the family that wrote them: a history with Claude's signed thinking, sent to a
// GPT (a model switch or a fallback), leaves them out, and OpenRouter's own fallback list stops at the family's edge.
import assert from 'node:assert/strict';
import { buildBody, type ChatMessage, type ChatRequest } from '../../../../src/core/openrouter/http';
import { messagesForModel } from '../../../../src/core/openrouter/reasoning-family';

const CLAUDE_THINKING = { type: 'reasoning.text', text: 'Look at the file first.', signature: 'sig-1', format: 'anthropic-claude-v1', index: 0 };
const GPT_ENCRYPTED = { type: 'reasoning.encrypted', data: 'enc-1', format: 'openai-responses-v1', index: 0 };
const PLAIN = { type: 'reasoning.text', text: 'Thinking.', format: 'unknown', index: 1 };
const CALL = [{ id: 'call-1', type: 'function', function: { name: 'read', arguments: '{}' } }];

function history(...details: unknown[]): ChatMessage[] {
  return [
    { role: 'user', content: 'Read the file.' },
    { role: 'assistant', content: null, tool_calls: CALL, reasoning_details: details },
    { role: 'tool', tool_call_id: 'call-1', content: 'file text' },
  ];
}

const sentMessages = (body: string): ChatMessage[] => (JSON.parse(body) as { messages: ChatMessage[] }).messages;

describe('reasoning details by model family', () => {
  it('sends a family its own details and those no family claims, and leaves out another family\'s', () => {
    const messages = history(CLAUDE_THINKING, PLAIN);
    assert.deepEqual(messagesForModel(messages, 'anthropic/claude-sonnet-4')[1]?.['reasoning_details'], [CLAUDE_THINKING, PLAIN]);
    assert.deepEqual(messagesForModel(messages, 'openai/gpt-4o')[1]?.['reasoning_details'], [PLAIN]);
    assert.deepEqual(messagesForModel(history(GPT_ENCRYPTED), 'openai/gpt-5')[1]?.['reasoning_details'], [GPT_ENCRYPTED]);
  });

  it('drops the field when nothing is left, and keeps the tool calls and the rest of the history', () => {
    const sent = messagesForModel(history(CLAUDE_THINKING), 'google/gemini-2.5-flash');
    assert.equal(Object.hasOwn(sent[1] ?? {}, 'reasoning_details'), false);
    assert.deepEqual(sent[1]?.['tool_calls'], CALL);
    assert.equal(sent.length, 3);
  });

  it('returns the same messages when no detail belongs to a known family', () => {
    const messages = history(PLAIN);
    assert.equal(messagesForModel(messages, 'openai/gpt-4o'), messages);
  });

  it('fits the body to each model of the chain, and cuts OpenRouter\'s own fallback list at the family\'s edge', () => {
    const request: ChatRequest = { model: 'anthropic/claude-sonnet-4', messages: history(CLAUDE_THINKING) };
    const first = JSON.parse(buildBody(request, 'anthropic/claude-sonnet-4', ['anthropic/claude-sonnet-4', 'anthropic/claude-3.5-haiku', 'openai/gpt-4o'])) as { models?: string[]; messages: ChatMessage[] };
    assert.deepEqual(first.models, ['anthropic/claude-sonnet-4', 'anthropic/claude-3.5-haiku']);
    assert.deepEqual(first.messages[1]?.['reasoning_details'], [CLAUDE_THINKING]);
    const fallback = sentMessages(buildBody(request, 'openai/gpt-4o'));
    assert.equal(Object.hasOwn(fallback[1] ?? {}, 'reasoning_details'), false);
  });

  it('leaves OpenRouter\'s fallback list whole when the history carries no family\'s details', () => {
    const request: ChatRequest = { model: 'anthropic/claude-sonnet-4', messages: history(PLAIN) };
    const body = JSON.parse(buildBody(request, 'anthropic/claude-sonnet-4', ['anthropic/claude-sonnet-4', 'openai/gpt-4o'])) as { models?: string[] };
    assert.deepEqual(body.models, ['anthropic/claude-sonnet-4', 'openai/gpt-4o']);
  });
});
