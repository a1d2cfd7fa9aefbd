// A request the budget check stopped before it was sent, as its answer's error card: the check's reason, and the
// ways on from there. Send Once Anyway sends it regardless, this once; Raise Limit opens the limit's settings; and
// "Use … (fits)" asks a model whose worst case fits what is left. Retry stays for after a limit was raised.
import type { AnswerError, ErrorAction } from '../chat/model';
import type { ChatRequest } from '../openrouter/http';
import type { LimitName } from '../spend/budget';
import { cheapestFittingModel, type BudgetRoom, type PricedModel } from '../spend/budget-fit';
import { estimatePromptTokens } from '../spend/token-estimate';
import type { ConversationSettings } from './conversation-io';

export function budgetBlockedError(reason: string, limit: LimitName | undefined, fittingModel: string | undefined): AnswerError {
  const actions: ErrorAction[] = ['send_anyway', ...(fittingModel ? (['use_fitting_model'] as const) : []), 'raise_limit', 'retry'];
  return { kind: 'budget', message: reason, actions, ...(limit ? { limit } : {}), ...(fittingModel ? { fittingModel } : {}) };
}

/**
 * The model to offer instead of a blocked one: the cheapest whose worst case fits (budget-fit.ts), among the models
 * the person has chosen for their work, in this order: the fallback chain (already meant to stand in for the
 * default), then the favourites, then the presets' models. Not the whole catalogue: its cheapest entries are free or
 * tiny models nobody picked, and an answer from one would be cheap and likely of no use.
 */
export function fittingModelFor(
  request: ChatRequest,
  room: BudgetRoom,
  settings: Pick<ConversationSettings, 'fallbackModels' | 'favoriteModels' | 'presets'>,
  facts: (model: string) => PricedModel | undefined,
): string | undefined {
  return cheapestFittingModel({
    room,
    candidates: [...settings.fallbackModels, ...settings.favoriteModels, ...Object.values(settings.presets).map((preset) => preset.model)],
    blocked: request.model,
    promptTokens: estimatePromptTokens(request.messages),
    maxTokens: request.max_tokens,
    facts,
  });
}
