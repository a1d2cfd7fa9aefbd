// Engine events and a comparison to feed them to, for the comparison's tests.
import type { ChatEvent, DoneInfo } from '../../../../src/core/openrouter/chat';
import type { ChatRequest } from '../../../../src/core/openrouter/http';
import { applyColumnEvent, columnOf, newComparison, type Comparison } from '../../../../src/core/compare/comparison';

export function doneEvent(model: string, { usd, ttft, duration, out }: { usd: number; ttft: number; duration: number; out: number }, text = 'answer'): ChatEvent {
  const done: DoneInfo = {
    model, provider: 'Prov', finishReason: 'stop', nativeFinishReason: 'stop',
    usage: { promptTokens: 10, completionTokens: out, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    cost: { usd, basis: 'exact', source: 'usage' }, generationId: `gen-${model}`, timeToFirstTokenMs: ttft, durationMs: duration,
    requestedModel: model, fallbackPath: [model], text, reasoning: '', toolCalls: [], reasoningDetails: [],
  };
  return { type: 'done', ...done };
}

export function comparisonOf(...models: string[]): Comparison {
  return newComparison({ id: 'compare-1', prompt: 'Which is best?', models, blind: false, now: 1000 });
}

/** Feeds `events` to the column, as the host does, at `now`. */
export function feed(comparison: Comparison, columnId: string, events: ChatEvent[], now = 2000): void {
  const column = columnOf(comparison, columnId);
  if (!column) throw new Error(`no column ${columnId}`);
  const request: ChatRequest = { model: column.model, messages: [{ role: 'user', content: comparison.prompt }] };
  for (const event of events) applyColumnEvent(column, column.run, event, { now, request, pricing: () => undefined });
}
