// Engine overhead on time to first token: TTFT through OpenRouterClient.chat() minus TTFT with a raw fetch that
// reads the same stream by hand, against the same fake OpenRouter on localhost. Runs are interleaved (raw, ours,
// raw, ours …) so drift affects both; the overhead is the median of the paired differences. Target: ≤ 1 ms.
import { performance } from 'node:perf_hooks';
import { OpenRouterClient } from '../src/core/openrouter/chat';
import { FAKE_API_KEY, startFakeOpenRouter } from '../test/fixtures/fake-openrouter';

const MODEL = 'openai/gpt-4o-mini';
const WARMUP = 30;
const RUNS = 300;
const MESSAGES = [{ role: 'user' as const, content: 'Say hello' }];

/** TTFT the hand-written way: POST, read bytes until a data frame carries non-empty content, then hang up. */
async function rawTtft(baseUrl: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${FAKE_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: MODEL, messages: MESSAGES, stream: true }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const read = await reader.read();
    if (read.done) throw new Error('raw: stream ended before a token');
    buffer += decoder.decode(read.value, { stream: true });
    if (/"content":"[^"]/.test(buffer)) {
      const elapsed = performance.now() - started;
      await reader.cancel();
      return elapsed;
    }
  }
}

async function engineTtft(client: OpenRouterClient): Promise<number> {
  const started = performance.now();
  for await (const event of client.chat({ model: MODEL, messages: MESSAGES })) {
    if (event.type === 'delta') return performance.now() - started; // leaving the loop aborts the request
    if (event.type === 'error') throw event.error;
  }
  throw new Error('engine: stream ended before a token');
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const fake = await startFakeOpenRouter();
  try {
    const client = new OpenRouterClient({ fetch: (url, init) => fetch(url, init), getApiKey: async () => FAKE_API_KEY, baseUrl: fake.baseUrl });
    const raw: number[] = [];
    const engine: number[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      // Alternate which goes first so neither always follows the other's connection set-up.
      const first = run % 2 === 0;
      const a = first ? await rawTtft(fake.baseUrl) : await engineTtft(client);
      const b = first ? await engineTtft(client) : await rawTtft(fake.baseUrl);
      if (run < WARMUP) continue;
      raw.push(first ? a : b);
      engine.push(first ? b : a);
      if (run % 50 === 0) fake.reset(); // keep the fake's request log small
    }
    const paired = engine.map((value, index) => value - (raw[index] ?? 0));
    const fmt = (ms: number): string => ms.toFixed(3);
    console.log(`Fake OpenRouter on 127.0.0.1, ${RUNS} interleaved pairs after ${WARMUP} warm-up pairs; ms (lower is better).\n`);
    console.log('| measure | median | p90 |');
    console.log('|---|---:|---:|');
    console.log(`| TTFT, raw fetch + hand scan | ${fmt(quantile(raw, 0.5))} | ${fmt(quantile(raw, 0.9))} |`);
    console.log(`| TTFT, OpenRouterClient.chat() | ${fmt(quantile(engine, 0.5))} | ${fmt(quantile(engine, 0.9))} |`);
    console.log(`| engine overhead (paired difference) | ${fmt(quantile(paired, 0.5))} | ${fmt(quantile(paired, 0.9))} |`);
    const verdict = quantile(paired, 0.5) <= 1 ? 'met' : 'NOT met';
    console.log(`\nTarget: median overhead ≤ 1 ms — ${verdict}.`);
  } finally {
    await fake.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
