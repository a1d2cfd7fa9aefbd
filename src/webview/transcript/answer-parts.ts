// The parts of an answer around its text: notices (retries, fallbacks) above it, the honest footer below it, and
// the error card with what the user can do next.
import { shownStatus, type AnswerError, type AnswerMeta, type ErrorAction, type Notice } from '../../core/chat/model';
import { formatCost, formatDuration, formatUsd, sourceName } from '../../core/format';
import { cacheFactText } from '../../core/spend/cache-facts';
import { searchFactText } from '../../core/spend/search-cost';
import type { WebviewToHost } from '../../protocol/messages';
import { codicon, el, textButton } from '../dom';

const NOTICE_ICONS: Record<Notice['kind'], string> = {
  retry: 'refresh',
  fallback: 'arrow-swap',
  waiting: 'watch',
  clamped: 'warning',
  info: 'info',
};

export function renderNotice(notice: Notice): HTMLElement {
  return el('li', { className: `notice notice-${notice.kind}` }, [codicon(NOTICE_ICONS[notice.kind]), el('span', { text: notice.text })]);
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** The facts of a finished answer, each as short text; what is unknown is left out rather than guessed. */
export function footerFacts(meta: AnswerMeta): { label: string; text: string }[] {
  const facts: { label: string; text: string }[] = [];
  const asked = meta.requestedModel && meta.requestedModel !== meta.model ? ` (asked for ${meta.requestedModel})` : '';
  facts.push({ label: 'Answered by', text: `${meta.model}${asked}` });
  if (meta.provider) facts.push({ label: 'Provider', text: `via ${meta.provider}` });
  if (meta.usage) {
    const { promptTokens, completionTokens, cachedTokens, reasoningTokens } = meta.usage;
    const cached = cachedTokens > 0 ? ` (${count(cachedTokens)} cached)` : '';
    // Priced reasoning gets a fact of its own, below.
    const reasoning = reasoningTokens > 0 && meta.reasoningUsd === undefined ? ` (${count(reasoningTokens)} reasoning)` : '';
    facts.push({ label: 'Tokens', text: `${count(promptTokens)} in${cached} · ${count(completionTokens)} out${reasoning}` });
  }
  const cache = meta.cache ? cacheFactText(meta.cache) : '';
  if (cache) facts.push({ label: 'Prompt cache', text: cache });
  if (meta.cost !== undefined) {
    facts.push({ label: meta.cost.basis === 'estimate' ? 'Estimated cost' : 'Cost', text: formatCost(meta.cost) });
  }
  const reasoning = reasoningFact(meta);
  if (reasoning) facts.push(reasoning);
  if (meta.webSearch) facts.push({ label: 'Web search (part of the cost)', text: searchFactText(meta.webSearch, formatUsd) });
  if (meta.timeToFirstTokenMs !== undefined) facts.push({ label: 'Time to first token', text: `first token ${formatDuration(meta.timeToFirstTokenMs)}` });
  if (meta.durationMs !== undefined) facts.push({ label: 'Duration', text: `${formatDuration(meta.durationMs)} total` });
  if (meta.finishReason === 'length') facts.push({ label: 'Finish reason', text: 'cut off at the token limit' });
  return facts;
}

/** "1,234 reasoning ≈ $0.0123", and whether the reasoning was left out of the answer though billed. */
function reasoningFact(meta: AnswerMeta): { label: string; text: string } | undefined {
  const tokens = meta.usage?.reasoningTokens ?? 0;
  const priced = tokens > 0 && meta.reasoningUsd !== undefined ? `${count(tokens)} reasoning ≈ ${formatUsd(meta.reasoningUsd)}` : undefined;
  if (!meta.reasoningExcluded) return priced ? { label: 'Reasoning', text: priced } : undefined;
  if (tokens === 0) return { label: 'Reasoning', text: 'reasoning excluded' };
  return { label: 'Reasoning', text: `${priced ?? `${count(tokens)} reasoning`}, excluded from the answer but billed` };
}

export function renderFooter(meta: AnswerMeta): HTMLElement {
  const items = footerFacts(meta).map((fact) => el('li', { className: 'footer-fact', text: fact.text, attrs: { title: fact.label } }));
  return el('ul', { className: 'answer-footer', attrs: { 'aria-label': 'Answer details' } }, items);
}

/** Posts the host message for an error action; `turnId` is the failed answer. */
type Post = (message: WebviewToHost) => void;

function actionButton(action: ErrorAction, error: AnswerError, turnId: string, post: Post): HTMLButtonElement | undefined {
  switch (action) {
    case 'set_key':
      return textButton('Set Key', () => post({ type: 'action/run', action: 'set_key' }));
    case 'top_up':
      return textButton('Top Up Credits', () => post({ type: 'action/run', action: 'top_up' }));
    case 'pick_model':
      return textButton('Pick Another Model', () => post({ type: 'action/run', action: 'pick_model' }));
    case 'retry':
      return textButton('Retry', () => post({ type: 'chat/regenerate', turnId }));
    case 'new_chat':
      return textButton('Ask in a New Chat', () => post({ type: 'chat/newFrom', turnId }));
    case 'continue': {
      const model = error.continueWith;
      return model ? textButton(`Continue with ${model}`, () => post({ type: 'chat/continue', turnId, model })) : undefined;
    }
    case 'lower_max_tokens': {
      // Without the number the balance covers (a request too long for the context) there is nothing to resend
      // with; the card's hint says what to do.
      const maxTokens = error.affordableMaxTokens;
      return maxTokens !== undefined
        ? textButton(`Retry with ${maxTokens.toLocaleString('en-US')} Max Tokens`, () => post({ type: 'chat/retryWithMaxTokens', turnId, maxTokens }))
        : undefined;
    }
    case 'send_anyway':
      return textButton('Send Once Anyway', () => post({ type: 'chat/sendAnyway', turnId }));
    case 'raise_limit':
      return textButton('Raise Limit', () => post({ type: 'action/run', action: error.limit === 'key' ? 'key_settings' : 'budget_settings' }));
    case 'use_fitting_model': {
      const model = error.fittingModel;
      if (!model) return undefined;
      // The name without its vendor, as a narrow card has room for; the tooltip has the whole id.
      const button = textButton(`Use ${model.slice(model.indexOf('/') + 1)} (fits)`, () => post({ type: 'chat/regenerate', turnId, model }));
      button.title = `Answer this once with ${model}, whose longest answer fits what the budget leaves`;
      return button;
    }
    case 'switch_model': {
      const model = error.suggestedModel;
      if (!model) return undefined;
      const price = error.suggestedPrice ? ` (${error.suggestedPrice})` : '';
      const button = textButton(`Switch to ${model.slice(model.indexOf('/') + 1)}${price}`, () => post({ type: 'chat/switchModel', turnId, model }));
      button.title = `Use ${model} from now on, and answer this question again with it`;
      return button;
    }
    case 'search_models': {
      const query = error.searchQuery;
      return textButton('Find a Replacement', () => post({ type: 'action/run', action: 'pick_model', ...(query ? { query } : {}) }));
    }
    case 'privacy_settings':
      return textButton('Open Privacy Settings', () => post({ type: 'action/run', action: 'privacy_settings' }));
    case 'routing_settings':
      return textButton('Open Routing Settings', () => post({ type: 'action/run', action: 'routing_settings' }));
    // No host action exists for this; the card says what to do instead.
    case 'wait':
      return undefined;
  }
}

const ACTION_HINTS: Partial<Record<ErrorAction, string>> = {
  lower_max_tokens: 'Lowering openrouter.maxTokens in the settings may help.',
  wait: 'Waiting a moment before retrying may help.',
};

export function renderErrorCard(error: AnswerError, turnId: string, post: Post): HTMLElement {
  const shown = shownStatus(error.status);
  const status = shown !== undefined ? ` (${shown})` : '';
  const detail = error.detail ? [el('p', { className: 'error-detail', text: `${sourceName(error.source)} said: ${error.detail}` })] : [];
  const buttons = error.actions.map((action) => actionButton(action, error, turnId, post)).filter((b): b is HTMLButtonElement => b !== undefined);
  const hints = error.actions
    .filter((action) => !(action === 'lower_max_tokens' && error.affordableMaxTokens !== undefined))
    .map((action) => ACTION_HINTS[action])
    .filter((h): h is string => h !== undefined);
  return el('div', { className: 'error-card', attrs: { role: 'group', 'aria-label': 'Error' } }, [
    el('p', { className: 'error-message' }, [codicon('error'), el('span', { text: `${error.message}${status}` })]),
    ...detail,
    ...hints.map((hint) => el('p', { className: 'error-hint', text: hint })),
    ...(buttons.length > 0 ? [el('div', { className: 'error-actions' }, buttons)] : []),
  ]);
}
