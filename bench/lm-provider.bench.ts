// The VS Code chat provider's overhead on time to first token against the engine alone, against the fake OpenRouter
// on localhost. The provider path is what a request from VS Code's chat goes through before the engine: VS Code's
// messages (already read into plain parts, as the host does) become OpenRouter's, the session id is derived, the
// request is built from the settings and checked before sending (tools, model, context), then the engine streams.
// The engine arm sends the same request, built once beforehand. Runs are interleaved and the overhead is the median
// of the paired differences. Target: ≤ 1 ms. Not measured here: the budget check and ledger, which are the panel's
// too, and VS Code's own IPC between extensions.
import { performance } from 'node:perf_hooks';
import { parseSettings } from '../src/core/config/settings';
import { buildLmRequest, checkLmRequest, type LmTool } from '../src/core/lm/lm-request';
import { toChatMessages, type LmMessage } from '../src/core/lm/lm-messages';
import { conversationSessionId } from '../src/core/lm/session-id';
import { OpenRouterClient } from '../src/core/openrouter/chat';
import type { ModelInfo } from '../src/core/openrouter/catalogue-schemas';
import type { ChatRequest } from '../src/core/openrouter/http';
import { FAKE_API_KEY, startFakeOpenRouter } from '../test/fixtures/fake-openrouter';

const MODEL = 'openai/gpt-4o-mini';
const WARMUP = 30;
const RUNS = 300;
const { settings } = parseSettings(() => undefined);
const CATALOGUE: Record<string, ModelInfo> = {
  [MODEL]: {
    id: MODEL, name: 'OpenAI: GPT-4o-mini', contextLength: 128000, inputModalities: ['text', 'image'], outputModalities: ['text'],
    supportsVision: true, supportedParameters: ['tools', 'tool_choice', 'max_tokens'], pricing: {}, isFree: false,
  },
};

interface Case {
  name: string;
  messages: LmMessage[];
  tools: LmTool[];
}

const text = (value: string) => ({ type: 'text' as const, text: value });
/** Tools shaped like an agent's: a name, a description and an object schema with a few properties. */
const agentTools = (count: number): LmTool[] => Array.from({ length: count }, (_, i) => ({
  name: `tool_${i}`,
  description: `Does thing ${i} in the workspace.`,
  inputSchema: { type: 'object', properties: { path: { type: 'string' }, line: { type: 'number' }, query: { type: 'string' } }, required: ['path'] },
}));

const CASES: Case[] = [
  { name: 'one question', messages: [{ role: 'user', parts: [text('Say hello')] }], tools: [] },
  {
    name: 'agent turn: system, 3 messages, a tool result, 40 tools',
    messages: [
      { role: 'system', parts: [text('You are an expert programming assistant. '.repeat(40))] },
      { role: 'user', parts: [text('Find where add() is defined and explain it.')] },
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 'call_1', name: 'tool_1', input: { path: 'hello.ts' } }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'call_1', content: [text('export function add(a: number, b: number): number {\n  return a + b;\n}\n')] }] },
    ],
    tools: agentTools(40),
  },
];

/** The request as the provider builds it for this case. */
async function providerRequest(c: Case): Promise<ChatRequest> {
  const request = buildLmRequest(settings, {
    target: { model: MODEL, fallbacks: [] },
    messages: toChatMessages(c.messages),
    tools: c.tools,
    toolRequired: false,
    modelOptions: undefined,
    sessionId: await conversationSessionId(c.messages),
  });
  checkLmRequest(request, (id) => CATALOGUE[id]);
  return request;
}

async function ttft(client: OpenRouterClient, started: number, request: ChatRequest): Promise<number> {
  for await (const event of client.chat(request)) {
    if (event.type === 'delta') return performance.now() - started; // leaving the loop aborts the request
    if (event.type === 'error') throw event.error;
  }
  throw new Error('stream ended before a token');
}

const engineTtft = (client: OpenRouterClient, request: ChatRequest): Promise<number> => ttft(client, performance.now(), request);

async function providerTtft(client: OpenRouterClient, c: Case): Promise<number> {
  const started = performance.now();
  return ttft(client, started, await providerRequest(c));
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const fake = await startFakeOpenRouter();
  try {
    const client = new OpenRouterClient({ fetch: (url, init) => fetch(url, init), getApiKey: async () => FAKE_API_KEY, baseUrl: fake.baseUrl });
    const fmt = (ms: number): string => ms.toFixed(3);
    console.log(`Fake OpenRouter on 127.0.0.1, ${RUNS} interleaved pairs per case after ${WARMUP} warm-up pairs; ms (lower is better).\n`);
    console.log('| case | engine alone median | engine alone p95 | provider path median | provider path p95 | overhead median | overhead p95 |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    let worst = 0;
    for (const c of CASES) {
      const built = await providerRequest(c);
      const engine: number[] = [];
      const provider: number[] = [];
      for (let run = 0; run < WARMUP + RUNS; run++) {
        // Alternate which goes first so neither always follows the other's connection set-up.
        const first = run % 2 === 0;
        const a = first ? await engineTtft(client, built) : await providerTtft(client, c);
        const b = first ? await providerTtft(client, c) : await engineTtft(client, built);
        if (run % 50 === 0) fake.reset(); // keep the fake's request log small
        if (run < WARMUP) continue;
        engine.push(first ? a : b);
        provider.push(first ? b : a);
      }
      const paired = provider.map((value, index) => value - (engine[index] ?? 0));
      worst = Math.max(worst, quantile(paired, 0.5));
      console.log(`| ${c.name} | ${fmt(quantile(engine, 0.5))} | ${fmt(quantile(engine, 0.95))} | ${fmt(quantile(provider, 0.5))} | ${fmt(quantile(provider, 0.95))} | ${fmt(quantile(paired, 0.5))} | ${fmt(quantile(paired, 0.95))} |`);
    }
    console.log(`\nTarget: median overhead ≤ 1 ms in every case — ${worst <= 1 ? 'met' : 'NOT met'}.`);
  } finally {
    await fake.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
