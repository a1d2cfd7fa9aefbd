// What the project's instructions and web search add to the panel's hot paths. The composer rebuilds its request
// and estimate as typing pauses, now with the instructions (up to 64,000 characters) in it, and an answer's end turns
// its annotations into sources. Times the composer's state with and without the largest instructions, on chats of
// 20 and 200 turns, and reading 500 annotations. Prints markdown tables of medians; the target is that they add
// under 5 ms.
import { citationsOf } from '../src/core/chat/citations';
import { assembleInstructions, MAX_FILE_CHARS } from '../src/core/chat/project-instructions';
import { Conversation } from '../src/core/conversation/conversation';
import type { ConversationSettings } from '../src/core/conversation/conversation-io';
import { medianCallMs } from './stats';

const ROUNDS = 9;
const CALLS = 50;
const FACTS = { pricing: { prompt: 0.000001, completion: 0.000002, request: 0, webSearch: 0.01 }, contextLength: 1_000_000, maxCompletionTokens: 4096 };
const SETTINGS: ConversationSettings = {
  defaultModel: 'openai/gpt-4o-mini', presets: {}, fallbackModels: [], fallbackMaxPriceRatio: 0, favoriteModels: [], systemPrompt: '',
  maxTokens: 4096, temperature: null, provider: {}, user: '',
};
const LARGEST = assembleInstructions(['AGENTS.md', '.github/copilot-instructions.md', '.openrouter/instructions.md']
  .map((label) => ({ label, text: 'Prefer small pure functions with explicit types. '.repeat(MAX_FILE_CHARS / 40) })))!;

function chatWith(turns: number, instructions: boolean): Conversation {
  let id = 0;
  const chat = new Conversation({ settings: SETTINGS, preset: undefined, draft: '', now: () => 0, newId: (p) => `${p}-${++id}`, modelFacts: () => FACTS });
  for (let i = 0; i < turns / 2; i++) {
    const step = chat.dispatch({ type: 'send', text: `Question ${i}: ${'words of the question '.repeat(20)}` });
    const request = step.effects.find((e) => e.type === 'request');
    if (request?.type !== 'request') throw new Error('no request');
    const text = `Answer ${i}: ${'words of the answer '.repeat(60)}`;
    chat.dispatch({ type: 'engine', requestId: request.requestId, event: { type: 'delta', text } });
    chat.dispatch({ type: 'engine', requestId: request.requestId, event: {
      type: 'done', model: SETTINGS.defaultModel, provider: 'P', finishReason: 'stop', nativeFinishReason: 'stop', usage: undefined, cost: undefined,
      generationId: undefined, timeToFirstTokenMs: 1, durationMs: 1, requestedModel: SETTINGS.defaultModel, fallbackPath: [], text, reasoning: '', toolCalls: [], reasoningDetails: [],
    } });
  }
  if (instructions) chat.dispatch({ type: 'instructions', instructions: LARGEST });
  chat.dispatch({ type: 'chatOption', option: 'webSearch', on: instructions });
  chat.dispatch({ type: 'draft', text: 'And what about the tests?' });
  return chat;
}

const medianMs = (run: () => unknown): number => medianCallMs(run, ROUNDS, CALLS);
const format = (ms: number): string => `${ms.toFixed(3)} ms`;
const annotations = Array.from({ length: 500 }, (_, i) => ({ type: 'url_citation', url_citation: { url: `https://site${i % 60}.example/page/${i}`, title: `Result ${i}` } }));

console.log(`instructions: ${LARGEST.text.length.toLocaleString('en-US')} characters, ~${LARGEST.tokens.toLocaleString('en-US')} tokens\n`);
console.log('| chat | composer state, no instructions, search off | with the largest instructions, search on | added | target |');
console.log('|---:|---:|---:|---:|---|');
for (const turns of [20, 200]) {
  const plain = chatWith(turns, false);
  const extra = chatWith(turns, true);
  for (let i = 0; i < 20; i++) {
    plain.composerState();
    extra.composerState();
  }
  const without = medianMs(() => plain.composerState());
  const withExtras = medianMs(() => extra.composerState());
  console.log(`| ${turns} turns | ${format(without)} | ${format(withExtras)} | ${format(withExtras - without)} | adds under 5 ms: ${withExtras - without < 5 ? 'yes' : 'NO'} |`);
}
console.log('');
console.log('| work | median | target |');
console.log('|---|---:|---|');
const read = medianMs(() => citationsOf(annotations));
console.log(`| 500 annotations to sources (50 kept) | ${format(read)} | under 5 ms: ${read < 5 ? 'yes' : 'NO'} |`);
const assemble = medianMs(() => assembleInstructions([{ label: 'AGENTS.md', text: 'x '.repeat(MAX_FILE_CHARS) }]));
console.log(`| assembling one file at the bound | ${format(assemble)} | under 5 ms: ${assemble < 5 ? 'yes' : 'NO'} |`);
