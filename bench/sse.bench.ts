// SSE parsing throughput, side by side in one run: our stages vs raw eventsource-parser vs a naive
// split-on-newline parser, on the same synthetic OpenRouter stream cut two ways. Two tiers per parser: bytes to
// events (the data strings), and bytes to parsed chunks (JSON.parse; ours adds zod validation and assembly).
// Prints a markdown table; timings are medians of interleaved rounds.
import { createParser } from 'eventsource-parser';
import { performance } from 'node:perf_hooks';
import { SseDecoder, signalOf, StreamAssembler } from '../src/core/openrouter/sse';
import { median } from './stats';

const FRAMES = 40_000;
const ROUNDS = 7;

function buildStream(): { text: string; events: number } {
  const words = ['Hello', ' wörld', ' — ', ' 你好', ' token', ' stream', ' 🎉', ' of', ' text'];
  const parts: string[] = [': OPENROUTER PROCESSING\n\n'];
  for (let index = 0; index < FRAMES; index++) {
    const chunk = {
      id: 'gen-1732530000-AbCdEfGhIjKlMnOpQrSt',
      provider: 'FakeProvider',
      model: 'openai/gpt-4o-mini',
      object: 'chat.completion.chunk',
      created: 1732530000,
      choices: [{ index: 0, delta: { role: 'assistant', content: words[index % words.length] }, finish_reason: null, native_finish_reason: null, logprobs: null }],
    };
    parts.push(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  parts.push('data: [DONE]\n\n');
  return { text: parts.join(''), events: FRAMES + 1 };
}

function cut(bytes: Uint8Array, size: number | 'frame', text: string): Uint8Array[] {
  if (size === 'frame') {
    const encoder = new TextEncoder();
    return text.split(/(?<=\n\n)/).map((frame) => encoder.encode(frame));
  }
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) pieces.push(bytes.subarray(start, start + size));
  return pieces;
}

type Parser = (pieces: Uint8Array[], parseJson: boolean) => number;

const ours: Parser = (pieces, parseJson) => {
  const decoder = new SseDecoder();
  const assembler = new StreamAssembler();
  let count = 0;
  const take = (items: ReturnType<SseDecoder['push']>): void => {
    for (const item of items) {
      if (item.type !== 'data') continue;
      count++;
      if (!parseJson) continue;
      const signal = signalOf(item);
      if (signal?.type === 'chunk') assembler.add(signal.chunk);
    }
  };
  for (const piece of pieces) take(decoder.push(piece));
  take(decoder.end());
  return count;
};

const rawEventsource: Parser = (pieces, parseJson) => {
  const decoder = new TextDecoder();
  let count = 0;
  let sink: unknown;
  const parser = createParser({
    onEvent: (event) => {
      count++;
      if (parseJson && event.data !== '[DONE]') sink = JSON.parse(event.data);
    },
  });
  for (const piece of pieces) parser.feed(decoder.decode(piece, { stream: true }));
  parser.feed(decoder.decode());
  void sink;
  return count;
};

/** What many hand-rolled clients do: buffer, split on '\n', take `data: ` lines. No CR, no multi-line data. */
const naive: Parser = (pieces, parseJson) => {
  const decoder = new TextDecoder();
  let buffer = '';
  let count = 0;
  let sink: unknown;
  for (const piece of pieces) {
    buffer += decoder.decode(piece, { stream: true });
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('data: ')) continue;
      count++;
      const data = line.slice(6);
      if (parseJson && data !== '[DONE]') sink = JSON.parse(data);
    }
  }
  void sink;
  return count;
};

function main(): void {
  const { text, events } = buildStream();
  const bytes = new TextEncoder().encode(text);
  const megabytes = bytes.length / 1e6;
  const cuts: Array<[string, Uint8Array[]]> = [
    ['16 KB reads', cut(bytes, 16 * 1024, text)],
    ['one read per frame', cut(bytes, 'frame', text)],
  ];
  const parsers: Array<[string, Parser]> = [
    ['ours (SseDecoder → signalOf → StreamAssembler)', ours],
    ['raw eventsource-parser', rawEventsource],
    ['naive split on \\n', naive],
  ];
  const timings = new Map<string, number[]>();
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [cutName, pieces] of cuts) {
      for (const parseJson of [false, true]) {
        for (const [name, parser] of parsers) {
          const started = performance.now();
          const count = parser(pieces, parseJson);
          const elapsed = performance.now() - started;
          if (count !== events) throw new Error(`${name} saw ${count} events, expected ${events}`);
          if (round === 0) continue; // warm-up
          const key = `${name}|${cutName}|${parseJson}`;
          timings.set(key, [...(timings.get(key) ?? []), elapsed]);
        }
      }
    }
  }
  const rate = (key: string): string => (megabytes / (median(timings.get(key) ?? []) / 1000)).toFixed(0);
  console.log(`Stream: ${events} events, ${megabytes.toFixed(1)} MB; median of ${ROUNDS} interleaved rounds; MB/s (higher is better).\n`);
  console.log(`| parser | events, 16 KB reads | events, per-frame reads | parsed chunks, 16 KB reads | parsed chunks, per-frame reads |`);
  console.log(`|---|---:|---:|---:|---:|`);
  for (const [name] of parsers) {
    const cells = [false, true].flatMap((parseJson) => cuts.map(([cutName]) => rate(`${name}|${cutName}|${parseJson}`)));
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
  console.log('\n"parsed chunks": raw and naive run JSON.parse only; ours also validates each chunk with zod and assembles the answer.');
}

main();
