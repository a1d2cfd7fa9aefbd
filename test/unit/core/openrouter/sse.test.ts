import assert from 'node:assert/strict';
import { SseDecoder, signalOf, StreamAssembler, type SseItem, type StreamSignal } from '../../../../src/core/openrouter/sse';

const encoder = new TextEncoder();

/** Decodes `bytes` delivered in the given pieces (cut positions), returning every item. */
function decodeInPieces(bytes: Uint8Array, cuts: number[]): SseItem[] {
  const decoder = new SseDecoder();
  const items: SseItem[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    items.push(...decoder.push(bytes.subarray(start, cut)));
    start = cut;
  }
  items.push(...decoder.end());
  return items;
}

/** Asserts the same items come out whole, at every single split point, and one byte at a time. */
function assertSplitInvariant(text: string, expected: SseItem[]): void {
  const bytes = encoder.encode(text);
  assert.deepEqual(decodeInPieces(bytes, []), expected, 'whole');
  for (let cut = 1; cut < bytes.length; cut++) assert.deepEqual(decodeInPieces(bytes, [cut]), expected, `split at ${cut}`);
  const everyByte = Array.from({ length: bytes.length - 1 }, (_, index) => index + 1);
  assert.deepEqual(decodeInPieces(bytes, everyByte), expected, 'byte by byte');
}

function signals(text: string): StreamSignal[] {
  const decoder = new SseDecoder();
  return [...decoder.push(encoder.encode(text)), ...decoder.end()].map(signalOf).filter((s): s is StreamSignal => s !== undefined);
}

const chunk = (content: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ id: 'gen-1', model: 'm/x', provider: 'P', choices: [{ index: 0, delta: { content }, finish_reason: null }], ...extra });

describe('SSE decoding: bytes to items', () => {
  it('surfaces comments as keep-alives and data as data', () => {
    const text = `: OPENROUTER PROCESSING\n\ndata: ${chunk('Hi')}\n\ndata: [DONE]\n\n`;
    assertSplitInvariant(text, [
      { type: 'comment', text: 'OPENROUTER PROCESSING' },
      { type: 'data', data: chunk('Hi') },
      { type: 'data', data: '[DONE]' },
    ]);
  });

  it('handles CRLF line endings, including a split between \\r and \\n', () => {
    const text = `: OPENROUTER PROCESSING\r\n\r\ndata: ${chunk('a')}\r\n\r\ndata: [DONE]\r\n\r\n`;
    assertSplitInvariant(text, [
      { type: 'comment', text: 'OPENROUTER PROCESSING' },
      { type: 'data', data: chunk('a') },
      { type: 'data', data: '[DONE]' },
    ]);
  });

  it('joins multi-line data with newlines, which still parses as the same JSON', () => {
    const payload = JSON.parse(chunk('multi')) as unknown;
    const lines = JSON.stringify(payload, null, 2).split('\n');
    const text = `${lines.map((line) => `data: ${line}`).join('\r\n')}\r\n\r\n`;
    const items = decodeInPieces(encoder.encode(text), []);
    assert.equal(items.length, 1);
    const signal = signalOf(items[0]!);
    assert.equal(signal?.type, 'chunk');
    assert.equal(signal?.type === 'chunk' && signal.chunk.choices?.[0]?.delta?.content, 'multi');
    assertSplitInvariant(text, items);
  });

  it('keeps multi-byte UTF-8 whole when a chunk boundary falls inside a sequence', () => {
    const content = 'héllo wörld — 你好 🎉';
    assertSplitInvariant(`data: ${chunk(content)}\n\n`, [{ type: 'data', data: chunk(content) }]);
  });

  it('turns invalid UTF-8 into replacement characters instead of throwing', () => {
    const bytes = new Uint8Array([...encoder.encode('data: {"x":"'), 0xff, 0xfe, ...encoder.encode('"}\n\n')]);
    const items = decodeInPieces(bytes, [3, 13]);
    assert.deepEqual(items, [{ type: 'data', data: '{"x":"\uFFFD\uFFFD"}' }]);
  });

  it('drops an event cut off before its blank line (the stream was truncated)', () => {
    assert.deepEqual(decodeInPieces(encoder.encode(`data: ${chunk('a')}\n\ndata: {"id":"gen-1","cho`), []), [
      { type: 'data', data: chunk('a') },
    ]);
  });

  it('ignores unknown fields and event names rather than failing the stream', () => {
    assert.deepEqual(decodeInPieces(encoder.encode(`weird: 1\nevent: message\ndata: x\n\nretry: soon\n\n`), []), [
      { type: 'data', data: 'x' },
    ]);
  });

  it('reports an event larger than the buffer limit as an overflow, once, and then stops', () => {
    const decoder = new SseDecoder({ maxEventChars: 100 });
    const first = decoder.push(encoder.encode(`data: ${'x'.repeat(200)}`));
    assert.deepEqual(first, [{ type: 'overflow' }]);
    assert.deepEqual(decoder.push(encoder.encode('\n\ndata: y\n\n')), []);
    assert.equal(signalOf(first[0]!)?.type, 'invalid');
  });
});

describe('SSE signals: items to chunks', () => {
  it('recognises [DONE], with or without surrounding spaces', () => {
    assert.deepEqual(signals('data: [DONE]\n\n'), [{ type: 'done' }]);
    assert.deepEqual(signals('data:  [DONE] \n\n'), [{ type: 'done' }]);
  });

  it('skips empty data events', () => {
    assert.deepEqual(signals('data:\n\n'), []);
  });

  it('reports a data frame that is not JSON as invalid, with a short excerpt', () => {
    const [signal] = signals(`data: {"id": "gen-1", ${'oops '.repeat(100)}\n\n`);
    assert.equal(signal?.type, 'invalid');
    assert.ok(signal?.type === 'invalid' && signal.excerpt.length <= 200 && signal.excerpt.startsWith('{"id"'));
  });

  it('reports a chunk of the wrong shape as invalid, naming where', () => {
    const [signal] = signals('data: {"choices":[{"delta":{"content":42}}]}\n\n');
    assert.equal(signal?.type, 'invalid');
    assert.match(signal?.type === 'invalid' ? signal.reason : '', /choices\.0\.delta\.content/);
  });

  it('accepts unknown fields and nulls', () => {
    const [signal] = signals('data: {"id":null,"model":null,"choices":[{"delta":{"content":null,"annotations":[]},"logprobs":null}],"system_fingerprint":"x"}\n\n');
    assert.equal(signal?.type, 'chunk');
  });
});

describe('SSE assembly: chunks to an answer', () => {
  function assemble(frames: string[]): { assembler: StreamAssembler; outputs: string[] } {
    const assembler = new StreamAssembler();
    const outputs: string[] = [];
    for (const signal of signals(frames.map((frame) => `data: ${frame}\n\n`).join(''))) {
      if (signal.type !== 'chunk') continue;
      const output = assembler.add(signal.chunk);
      outputs.push(output.content);
    }
    return { assembler, outputs };
  }

  it('treats the final usage frame as accounting, not a second end', () => {
    const usage = { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12, cost: 0.00012, is_byok: false };
    const { assembler, outputs } = assemble([
      chunk('Hel'),
      chunk('lo'),
      JSON.stringify({ id: 'gen-1', choices: [{ index: 0, delta: { content: '' }, finish_reason: 'stop', native_finish_reason: 'end_turn' }] }),
      JSON.stringify({ id: 'gen-1', choices: [{ index: 0, delta: { content: '' }, finish_reason: 'length' }], usage }),
    ]);
    assert.deepEqual(outputs, ['Hel', 'lo', '', '']);
    assert.equal(assembler.text, 'Hello');
    assert.equal(assembler.finishReason, 'stop');
    assert.equal(assembler.nativeFinishReason, 'end_turn');
    assert.equal(assembler.usage?.cost, 0.00012);
    assert.equal(assembler.id, 'gen-1');
    assert.equal(assembler.model, 'm/x');
    assert.equal(assembler.provider, 'P');
  });

  it('keeps reasoning apart from content', () => {
    const { assembler } = assemble([
      JSON.stringify({ choices: [{ delta: { reasoning: 'think ' } }] }),
      JSON.stringify({ choices: [{ delta: { reasoning: 'more', content: 'Answer' } }] }),
    ]);
    assert.equal(assembler.reasoning, 'think more');
    assert.equal(assembler.text, 'Answer');
    assert.equal(assembler.started, true);
  });

  it('assembles tool calls from fragments by index', () => {
    const { assembler } = assemble([
      JSON.stringify({ choices: [{ delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'read', arguments: '{"pa' } }] } }] }),
      JSON.stringify({ choices: [{ delta: { tool_calls: [{ index: 1, id: 'call_2', function: { name: 'list', arguments: '{}' } }] } }] }),
      JSON.stringify({ choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: 'th":"a"}' } }] }, finish_reason: 'tool_calls' }] }),
    ]);
    assert.deepEqual(assembler.toolCalls, [
      { id: 'call_1', name: 'read', arguments: '{"path":"a"}' },
      { id: 'call_2', name: 'list', arguments: '{}' },
    ]);
    assert.equal(assembler.finishReason, 'tool_calls');
    assert.equal(assembler.started, true);
  });

  it('hands back an error chunk, mid-stream or as the only event', () => {
    const error = { code: 502, message: 'Provider disconnected', metadata: { error_type: 'provider_unavailable', provider_code: 500 } };
    const assembler = new StreamAssembler();
    const [only] = signals(`data: ${JSON.stringify({ error, choices: [{ delta: { content: '' }, finish_reason: 'error' }] })}\n\n`);
    assert.equal(only?.type, 'chunk');
    const output = only?.type === 'chunk' ? assembler.add(only.chunk) : undefined;
    assert.equal(output?.error?.metadata?.error_type, 'provider_unavailable');
    assert.equal(assembler.started, false);
  });

  it('ignores choices other than the first', () => {
    const { assembler } = assemble([JSON.stringify({ choices: [{ index: 1, delta: { content: 'other' } }, { index: 0, delta: { content: 'mine' } }] })]);
    assert.equal(assembler.text, 'mine');
  });
});
