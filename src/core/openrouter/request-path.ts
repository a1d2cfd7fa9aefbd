// The path one request took through retries and fallbacks, gathered from its engine events, and the one-line text
// the status bar tooltip shows for it (`openai/gpt-4o-mini → anthropic/claude-3.5-haiku (503)`). It is shown beside
// the answer, never in it: agents read the answer.
import type { ChatEvent } from './chat';
import type { OpenRouterError } from './errors';
import { metadataIdOf } from './model-id';

export type PathStep =
  | { readonly kind: 'retry'; readonly model: string; readonly reason: string }
  | { readonly kind: 'fallback'; readonly from: string; readonly to: string; readonly reason: string };

/** How the request ended, for the end of its path. */
export type PathEnd =
  | { readonly outcome: 'done'; readonly model: string }
  | { readonly outcome: 'error'; readonly reason: string }
  | { readonly outcome: 'cancelled' };

/** Why a step was taken, briefly: the HTTP status, or the kind of failure when no status says it (`timeout`). */
export function reasonOf(error: Pick<OpenRouterError, 'kind' | 'status'>): string {
  if (error.status !== undefined && error.status !== 200) return String(error.status);
  return error.kind.replaceAll('_', ' ');
}

/** The step an engine event takes, if it is a retry or a fallback. */
export function pathStepOf(event: ChatEvent): PathStep | undefined {
  if (event.type === 'retry') return { kind: 'retry', model: event.model, reason: reasonOf(event.reason) };
  if (event.type === 'fallback') return { kind: 'fallback', from: event.from, to: event.to, reason: reasonOf(event.reason) };
  return undefined;
}

/** How a request that got no answer ended: stopped, or failed for a reason. */
export function failedEnd(error: Pick<OpenRouterError, 'kind' | 'status'>): PathEnd {
  return error.kind === 'cancelled' ? { outcome: 'cancelled' } : { outcome: 'error', reason: reasonOf(error) };
}

/**
 * The path as one line: the model asked for, then each step with its reason in brackets, a retry as `retry`, and
 * how it ended when that was not an answer. Undefined for a request that went straight to its first model, since
 * there is no path to show; OpenRouter's own switch to another model (server-side fallback) counts as a step.
 */
export function requestPathText(requestedModel: string, steps: readonly PathStep[], end: PathEnd): string | undefined {
  let current = requestedModel;
  const parts = [requestedModel];
  for (const step of steps) {
    if (step.kind === 'retry') parts.push(`retry (${step.reason})`);
    else {
      parts.push(`${step.to} (${step.reason})`);
      current = step.to;
    }
  }
  const servedElsewhere = end.outcome === 'done' && metadataIdOf(end.model) !== metadataIdOf(current);
  if (steps.length === 0 && !servedElsewhere) return undefined;
  if (end.outcome === 'done' && servedElsewhere) parts.push(end.model);
  if (end.outcome === 'error') parts.push(`failed (${end.reason})`);
  if (end.outcome === 'cancelled') parts.push('stopped');
  return parts.join(' → ');
}
