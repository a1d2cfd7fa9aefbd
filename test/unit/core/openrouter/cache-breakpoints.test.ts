import * as assert from 'node:assert/strict';
import { buildChatRequest, type RequestSettings } from '../../../../src/core/chat/chat-request';
import { cacheFamily, placeCacheBreakpoints, requestedCacheTtl } from '../../../../src/core/openrouter/cache-breakpoints';
import type { ChatMessage } from '../../../../src/core/openrouter/http';

const EPHEMERAL = { type: 'ephemeral' };

const chat: ChatMessage[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'system', content: 'Instructions: answer in French.' },
  { role: 'user', content: 'First question' },
  { role: 'assistant', content: 'First answer' },
  { role: 'user', content: 'Second question' },
];

/** Where each message carries a mark: the index of the part, or -1. */
function marks(messages: readonly ChatMessage[]): unknown[] {
  return messages.map((m) => (Array.isArray(m.content) ? m.content.findIndex((part) => (part as { cache_control?: unknown }).cache_control !== undefined) : -1));
}

const settings: RequestSettings = {
  defaultModel: 'anthropic/claude-sonnet-4', fallbackModels: [], systemPrompt: 'Be brief.', maxTokens: null, temperature: null, provider: {}, user: '',
};

describe('cache breakpoints', () => {
  it('sort models into families by how they cache behind OpenRouter', () => {
    assert.equal(cacheFamily('anthropic/claude-sonnet-4'), 'anthropic');
    assert.equal(cacheFamily('google/gemini-2.5-flash'), 'block');
    assert.equal(cacheFamily('qwen/qwen3-coder:free'), 'block');
    assert.equal(cacheFamily('openai/gpt-4o'), 'automatic');
    assert.equal(cacheFamily('deepseek/deepseek-r1'), 'automatic');
  });

  it('Anthropic: a top-level mark for the conversation, block marks on the system prompt and the instructions', () => {
    const placed = placeCacheBreakpoints('anthropic/claude-sonnet-4', chat, '5m');
    assert.deepEqual(placed.cacheControl, EPHEMERAL);
    assert.deepEqual(marks(placed.messages), [0, 0, -1, -1, -1]);
    assert.deepEqual(placed.messages[0]?.content, [{ type: 'text', text: 'You are terse.', cache_control: EPHEMERAL }]);
    // The turns themselves are the same objects, untouched.
    assert.equal(placed.messages[4], chat[4]);
    assert.equal(chat[0]?.content, 'You are terse.', 'the caller\'s messages are not changed');
  });

  it('Anthropic: never more than its four marks, however many system messages come first', () => {
    const many: ChatMessage[] = [...Array.from({ length: 6 }, (_, i): ChatMessage => ({ role: 'system', content: `rule ${i}` })), { role: 'user', content: 'q' }];
    const placed = placeCacheBreakpoints('anthropic/claude-sonnet-4', many, '5m');
    const blockMarks = marks(placed.messages).filter((at) => at !== -1).length;
    assert.ok(blockMarks + 1 <= 4, `${blockMarks} block marks plus the top-level one`);
  });

  it('Anthropic: a one-hour TTL goes on every mark', () => {
    const placed = placeCacheBreakpoints('anthropic/claude-sonnet-4', chat, '1h');
    assert.deepEqual(placed.cacheControl, { type: 'ephemeral', ttl: '1h' });
    assert.deepEqual((placed.messages[0]?.content as unknown[])[0], { type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral', ttl: '1h' } });
    assert.equal(requestedCacheTtl({ extra: { cache_control: placed.cacheControl } }), '1h');
    assert.equal(requestedCacheTtl({ extra: { cache_control: EPHEMERAL } }), '5m');
    assert.equal(requestedCacheTtl({}), '5m');
  });

  it('Gemini: block marks on the system prompts and the last question, string content turned into a text part, no TTL', () => {
    const placed = placeCacheBreakpoints('google/gemini-2.5-flash', chat, '1h');
    assert.equal(placed.cacheControl, undefined);
    assert.deepEqual(marks(placed.messages), [0, 0, -1, -1, 0]);
    assert.deepEqual(placed.messages[4], { role: 'user', content: [{ type: 'text', text: 'Second question', cache_control: EPHEMERAL }] });
  });

  it('Qwen: the mark goes on the last text part of a message with an image, and skips a trailing tool result', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }, { type: 'text', text: 'Be exact.' }] },
      { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'look', arguments: '{}' } }] },
      { role: 'tool', content: 'a cat', tool_call_id: 't1' },
    ];
    const placed = placeCacheBreakpoints('qwen/qwen3-coder', messages, '5m');
    assert.deepEqual(marks(placed.messages), [2, -1, -1]);
    assert.equal((placed.messages[0]?.content as { cache_control?: unknown }[])[0]?.cache_control, undefined);
    assert.equal(placed.messages[2], messages[2]);
  });

  it('OpenAI and the others: nothing added, the same messages back', () => {
    const placed = placeCacheBreakpoints('openai/gpt-4o', chat, '1h');
    assert.equal(placed.messages, chat);
    assert.equal(placed.cacheControl, undefined);
  });

  it('the panel\'s request carries them: the setting\'s TTL, the system prompt marked, a top-level mark for Anthropic', () => {
    const history: ChatMessage[] = [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'More' }];
    const request = buildChatRequest({ ...settings, 'promptCache.ttl': '1h' }, history, { sessionId: 'chat-1' });
    assert.deepEqual(request.extra, { cache_control: { type: 'ephemeral', ttl: '1h' } });
    assert.deepEqual(marks(request.messages), [0, -1, -1, -1]);
    assert.equal(request.session_id, 'chat-1');
    const openai = buildChatRequest(settings, history, { model: 'openai/gpt-4o-mini' });
    assert.equal(openai.extra, undefined);
    assert.deepEqual(openai.messages, [{ role: 'system', content: 'Be brief.' }, ...history]);
  });
});
