// Malformed input never throws: random bytes and random JSON into the SSE, schema and error layers, and random
// HTTP answers into the whole client. Seeded, so a failure names a seed that reproduces it.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { OpenRouterClient, type ChatEvent } from '../../../../src/core/openrouter/chat';
import { errorFromHttp, errorFromStreamError } from '../../../../src/core/openrouter/errors';
import { CompletionSchema, ErrorBodySchema, parseJsonAs, StreamChunkSchema, UsageSchema } from '../../../../src/core/openrouter/schemas';
import { SseDecoder, signalOf, StreamAssembler } from '../../../../src/core/openrouter/sse';
import { seeded as prng } from '../../file-store/memory-fs';


const encoder = new TextEncoder();
const VOCABULARY = ['choices', 'delta', 'content', 'reasoning', 'tool_calls', 'function', 'arguments', 'index', 'finish_reason', 'usage', 'cost', 'error', 'code', 'message', 'metadata', 'error_type', 'reasons', 'model', 'provider', 'id', 'prompt_tokens_details', 'cached_tokens'];
const FRAGMENTS = ['data: ', 'data:', '\n', '\r\n', '\r', '\n\n', ': OPENROUTER PROCESSING', '[DONE]', '{"choices":[{"delta":{"content":"', '"}}]}', 'event: x', 'é', '🎉', '{', '}', '"', '\u0000'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomJson(random: () => number, depth = 0): unknown {
  const roll = random();
  if (depth > 4 || roll < 0.35) {
    return pick(random, [null, true, false, 0, -1, 1.5, 1e308, '', 'x', 'stop', 'error', '[DONE]', 429, 'context_length_exceeded', 'openrouter_key_limit'] as unknown[]);
  }
  if (roll < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth + 1));
  const object: Record<string, unknown> = {};
  for (let count = Math.floor(random() * 5); count > 0; count--) object[pick(random, VOCABULARY)] = randomJson(random, depth + 1);
  return object;
}

function randomBytes(random: () => number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let count = Math.floor(random() * 30); count > 0; count--) {
    const roll = random();
    if (roll < 0.4) parts.push(encoder.encode(pick(random, FRAGMENTS)));
    else if (roll < 0.7) parts.push(encoder.encode(`data: ${JSON.stringify(randomJson(random))}\n\n`));
    else parts.push(Uint8Array.from({ length: Math.floor(random() * 16) }, () => Math.floor(random() * 256)));
  }
  const total = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    total.set(part, offset);
    offset += part.length;
  }
  return total;
}

function randomSplit(random: () => number, bytes: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = Math.min(bytes.length, start + 1 + Math.floor(random() * 24));
    pieces.push(bytes.subarray(start, end));
    start = end;
  }
  return pieces;
}

describe('fuzz: malformed input never throws', () => {
  it('SSE decoding, signals and assembly survive random byte streams', () => {
    let signals = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const random = prng(seed);
      const decoder = new SseDecoder({ maxEventChars: 4096 });
      const assembler = new StreamAssembler();
      try {
        for (const piece of [...randomSplit(random, randomBytes(random)), new Uint8Array(0)]) {
          for (const item of decoder.push(piece)) {
            const signal = signalOf(item);
            if (signal?.type === 'chunk') assembler.add(signal.chunk);
            if (signal) signals++;
          }
        }
        for (const item of decoder.end()) signalOf(item);
        void assembler.toolCalls;
      } catch (error) {
        assert.fail(`seed ${seed} threw: ${String(error)}`);
      }
    }
    assert.ok(signals > 1000, 'the generator produces parseable events too, not only noise');
  });

  it('schemas and error builders survive random JSON', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const random = prng(seed);
      const value = randomJson(random);
      const text = random() < 0.1 ? JSON.stringify(value).slice(0, Math.floor(random() * 40)) : JSON.stringify(value);
      try {
        for (const schema of [StreamChunkSchema, CompletionSchema, ErrorBodySchema, UsageSchema] as const) {
          if (parseJsonAs(schema as typeof UsageSchema, text).ok) accepted++;
        }
        const status = pick(random, [0, 200, 400, 401, 402, 403, 404, 408, 429, 500, 502, 503, 599, 999]);
        const error = errorFromHttp({ status, bodyText: text, retryAfter: pick(random, [null, '1', 'x', 'Mon, 01 Jan 2024 00:00:00 GMT', '-3']), nowMs: 0 });
        assert.ok(error.message.length > 0 && (error.rawExcerpt ?? '').length <= 200);
        const body = parseJsonAs(ErrorBodySchema, text);
        if (body.ok) errorFromStreamError(body.value.error, text);
      } catch (error) {
        assert.fail(`seed ${seed} threw: ${String(error)}`);
      }
    }
    assert.ok(accepted > 100, 'some random values fit the loose schemas');
  });

  it('the client turns random HTTP answers into exactly one done or error event', async () => {
    const statuses = [200, 200, 200, 400, 401, 402, 403, 404, 408, 429, 500, 502, 503];
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const random = prng(seed);
      const mode = random();
      const fetchImpl = async (): Promise<Response> => {
        if (mode < 0.05) throw new TypeError('fetch failed');
        if (mode < 0.08) return { nonsense: true } as unknown as Response;
        const pieces = randomSplit(random, randomBytes(random));
        const failAt = random() < 0.1 ? Math.floor(random() * (pieces.length + 1)) : -1;
        let index = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (index === failAt) controller.error(new Error('socket hang up'));
            else {
              const piece = pieces[index];
              if (piece === undefined) controller.close();
              else controller.enqueue(piece);
            }
            index++;
          },
        });
        const contentType = pick(random, ['text/event-stream', 'application/json', '']);
        return new Response(body, { status: pick(random, statuses), headers: contentType ? { 'content-type': contentType } : {} });
      };
      const client = new OpenRouterClient({
        fetch: fetchImpl,
        getApiKey: async () => 'sk-or-fuzz',
        clock: new ManualClock({ autoAdvance: true }),
        timeouts: { firstByteMs: 0, idleMs: 0 },
        retry: { maxAttempts: 2, random },
      });
      const events: ChatEvent[] = [];
      try {
        for await (const event of client.chat({ model: 'fuzz/a', fallbacks: ['fuzz/b'], messages: [{ role: 'user', content: 'x' }] })) events.push(event);
      } catch (error) {
        assert.fail(`seed ${seed} threw out of chat(): ${String(error)}`);
      }
      const endings = events.filter((event) => event.type === 'done' || event.type === 'error');
      assert.equal(endings.length, 1, `seed ${seed}: ${events.map((event) => event.type).join(',')}`);
      assert.equal(events.at(-1), endings[0], `seed ${seed}: the ending is the last event`);
      const ending = endings[0];
      if (ending?.type === 'error') kinds.add(ending.error.kind);
    }
    assert.ok(kinds.size >= 5, `varied failures: ${[...kinds].join(', ')}`);
  });
});
