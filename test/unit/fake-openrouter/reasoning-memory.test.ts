import * as assert from 'node:assert/strict';
import { ReasoningMemory } from '../../fixtures/fake-openrouter/reasoning-memory';

describe('the fake, for models that want their reasoning back', () => {
  const details = [{ type: 'reasoning.text', text: 'Read it first.', signature: 'sig-1', index: 0 }];
  const turn = (extra: Record<string, unknown> = {}) => [
    { role: 'user', content: 'Read it' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read', arguments: '{}' } }], ...extra },
    { role: 'tool', tool_call_id: 'call_1', content: 'text' },
  ];

  it('refuse a tool turn sent back without its reasoning, or with it changed', () => {
    const memory = new ReasoningMemory();
    memory.remember(['call_1'], details);
    assert.match(memory.missing(turn()) ?? '', /^messages\.1: .*reasoning_details/);
    assert.ok(memory.missing(turn({ reasoning_details: [{ ...details[0], text: 'Something else.' }] })));
    assert.equal(memory.missing(turn({ reasoning_details: details })), undefined);
  });

  it('take tool turns they never reasoned about, and only Anthropic and Google models are strict', () => {
    assert.equal(new ReasoningMemory().missing(turn()), undefined);
    assert.deepEqual(['anthropic/claude-sonnet-4', 'google/gemini-2.5-flash', 'openai/gpt-4o'].map(ReasoningMemory.strict), [true, true, false]);
  });
});
