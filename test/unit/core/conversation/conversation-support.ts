// A conversation core with a manual clock, numbered ids and the settings the tests change, and small readers of
// what each step asked for.
import assert from 'node:assert/strict';
import { ManualClock } from '../../../../src/core/clock';
import { Conversation } from '../../../../src/core/conversation/conversation';
import type { ConversationOptions } from '../../../../src/core/conversation/conversation-io';
import type { ConversationEffect, ConversationSettings, PanelUpdate, Step } from '../../../../src/core/conversation/conversation-io';
import type { Attachment } from '../../../../src/core/chat/model';
import type { ChatEvent } from '../../../../src/core/openrouter/chat';
import { OpenRouterError } from '../../../../src/core/openrouter/errors';
import type { ChatRequest } from '../../../../src/core/openrouter/http';

export const DEFAULT_MODEL = 'openai/gpt-4o-mini';

export const SETTINGS: ConversationSettings = {
  defaultModel: DEFAULT_MODEL,
  presets: {
    simple: { model: 'mistralai/mistral-7b-instruct', systemPrompt: 'Answer in one line.', maxTokens: 200, temperature: 0.2 },
    code: { model: 'anthropic/claude-sonnet-4' },
  },
  fallbackModels: ['anthropic/claude-3.5-haiku'],
  fallbackMaxPriceRatio: 0,
  favoriteModels: [],
  systemPrompt: '',
  maxTokens: 4096,
  temperature: null,
  provider: {},
  user: '',
};

export function conversation(options: Partial<ConversationOptions> = {}): { chat: Conversation; clock: ManualClock } {
  const clock = new ManualClock();
  let count = 0;
  const chat = new Conversation({
    settings: SETTINGS,
    preset: undefined,
    draft: '',
    now: () => clock.now(),
    newId: (prefix) => `${prefix}-${++count}`,
    modelFacts: () => undefined,
    ...options,
  });
  return { chat, clock };
}

export function effectsOf<T extends ConversationEffect['type']>(step: Step, type: T): Array<Extract<ConversationEffect, { type: T }>> {
  return step.effects.filter((effect): effect is Extract<ConversationEffect, { type: T }> => effect.type === type);
}

export function updatesOf<T extends PanelUpdate['type']>(step: Step, type: T): Array<Extract<PanelUpdate, { type: T }>> {
  return step.panel.filter((update): update is Extract<PanelUpdate, { type: T }> => update.type === type);
}

/** The one request a step started. */
export function requestOf(step: Step): { requestId: string; request: ChatRequest } {
  const requests = effectsOf(step, 'request');
  assert.equal(requests.length, 1, `expected one request, got ${requests.length}`);
  return requests[0]!;
}

/** Sends `text` and returns the request it started. */
export function ask(chat: Conversation, text: string, attachments: Attachment[] = []): { requestId: string; request: ChatRequest; step: Step } {
  const step = chat.dispatch({ type: 'send', text, attachments });
  return { ...requestOf(step), step };
}

export function engine(chat: Conversation, requestId: string, ...events: ChatEvent[]): Step {
  const merged: Step = { panel: [], effects: [] };
  for (const event of events) {
    const step = chat.dispatch({ type: 'engine', requestId, event });
    merged.panel.push(...step.panel);
    merged.effects.push(...step.effects);
  }
  return merged;
}

export function done(text: string, overrides: Partial<Extract<ChatEvent, { type: 'done' }>> = {}): ChatEvent {
  return {
    type: 'done', model: DEFAULT_MODEL, provider: 'OpenAI', finishReason: 'stop', nativeFinishReason: 'stop',
    usage: { promptTokens: 12, completionTokens: 5, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    cost: { usd: 0.00042, basis: 'exact', source: 'usage' },
    generationId: 'gen-1', timeToFirstTokenMs: 300, durationMs: 900, requestedModel: DEFAULT_MODEL,
    fallbackPath: [DEFAULT_MODEL], text, reasoning: '', toolCalls: [], reasoningDetails: [], ...overrides,
  };
}

export function failed(kind: OpenRouterError['kind'], partialText = '', extra: Partial<Extract<ChatEvent, { type: 'error' }>> = {}): ChatEvent {
  const stoppedBecause = kind === 'cancelled' ? 'cancelled' : 'chain_exhausted';
  return { type: 'error', error: new OpenRouterError({ kind, model: DEFAULT_MODEL }), partialText, stoppedBecause, cost: { usd: 0, basis: 'exact', source: 'not_charged' }, ...extra };
}

export const delta = (text: string): ChatEvent => ({ type: 'delta', text });

/** Sends `text` and lets the engine answer it with `answer`. */
export function answered(chat: Conversation, text: string, answer: string): void {
  const { requestId } = ask(chat, text);
  engine(chat, requestId, delta(answer), done(answer));
}

/** An engine error of `kind`, as the reason of a retry or fallback. */
export const reasonOf = (kind: OpenRouterError['kind']): OpenRouterError => new OpenRouterError({ kind, model: DEFAULT_MODEL });
