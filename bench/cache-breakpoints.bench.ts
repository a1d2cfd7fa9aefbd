// The price of placing prompt-cache breakpoints on a long chat: the panel builds its request (and the composer its
// estimate) from the whole conversation, so marking it must stay far below what a person notices. Times
// placeCacheBreakpoints alone and the whole buildChatRequest, with and without marks, on chats of 20, 200 and
// 2,000 turns. Prints a markdown table of medians over interleaved rounds; the target is under 1 ms at 200 turns.
import { buildChatRequest, type RequestSettings } from '../src/core/chat/chat-request';
import { placeCacheBreakpoints } from '../src/core/openrouter/cache-breakpoints';
import type { ChatMessage } from '../src/core/openrouter/http';
import { medianCallMs } from './stats';

const ROUNDS = 9;
const CALLS = 200;
const TURNS = [20, 200, 2_000];

const settings: RequestSettings = {
  defaultModel: 'anthropic/claude-sonnet-4', fallbackModels: [], systemPrompt: 'You are a careful reviewer. '.repeat(40),
  maxTokens: 4096, temperature: null, provider: {}, user: '', 'promptCache.ttl': '5m',
};

function chatOf(turns: number): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: 'Instructions: answer with code first. '.repeat(20) }];
  for (let i = 0; i < turns; i++) {
    messages.push({ role: i % 2 === 0 ? 'user' : 'assistant', content: `Turn ${i}: ${'some words of the conversation '.repeat(30)}` });
  }
  return messages;
}

const medianMs = (run: () => unknown): number => medianCallMs(run, ROUNDS, CALLS);
const format = (ms: number): string => (ms < 0.01 ? `${(ms * 1000).toFixed(2)} µs` : `${ms.toFixed(3)} ms`);

console.log('| turns | place breakpoints: Anthropic | Gemini (block marks) | OpenAI (none) | buildChatRequest Anthropic | buildChatRequest OpenAI | target |');
console.log('|---:|---:|---:|---:|---:|---:|---|');
for (const turns of TURNS) {
  const messages = chatOf(turns);
  // Warm up every path before measuring, so the first row is not the JIT's.
  for (let i = 0; i < 200; i++) {
    placeCacheBreakpoints('anthropic/claude-sonnet-4', messages, '5m');
    placeCacheBreakpoints('google/gemini-2.5-flash', messages, '5m');
    buildChatRequest(settings, messages.slice(1));
  }
  const anthropic = medianMs(() => placeCacheBreakpoints('anthropic/claude-sonnet-4', messages, '1h'));
  const gemini = medianMs(() => placeCacheBreakpoints('google/gemini-2.5-flash', messages, '5m'));
  const openai = medianMs(() => placeCacheBreakpoints('openai/gpt-4o', messages, '5m'));
  const history = messages.slice(1);
  const requestAnthropic = medianMs(() => buildChatRequest(settings, history));
  const requestOpenai = medianMs(() => buildChatRequest(settings, history, { model: 'openai/gpt-4o' }));
  const worst = Math.max(anthropic, gemini, openai);
  const target = turns === 200 ? (worst < 1 ? 'under 1 ms: yes' : 'under 1 ms: NO') : '';
  console.log(`| ${turns.toLocaleString('en-US')} | ${format(anthropic)} | ${format(gemini)} | ${format(openai)} | ${format(requestAnthropic)} | ${format(requestOpenai)} | ${target} |`);
}
