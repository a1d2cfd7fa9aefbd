// How the composer words its pre-send estimate: the prompt's size against the model's context window, and the most
// the answer could cost. A prompt larger than the window, or a worst case over what a budget leaves, is flagged
// before it is sent, with what sending would do about it.

import { formatTokens, formatUsd } from '../format';
import { limitLabel, type LimitName } from '../spend/budget';

export interface PromptEstimate {
  promptTokens: number;
  /** The most the request could cost, when the model's prices are known. */
  worstCaseUsd?: number | undefined;
  /** The model's context window, when the catalogue knows it. */
  contextTokens?: number | undefined;
  /** The worst case is over what `limit` leaves (`left` USD): sending lowers max_tokens to `maxTokens`, or blocks. */
  budget?: { limit: LimitName; left: number; maxTokens?: number | undefined; keyWide?: string | undefined } | undefined;
}

export interface EstimateWording {
  /** One short line for the composer's footer. */
  text: string;
  /** The same in full sentences, for its tooltip and for screen readers. */
  title: string;
  overContext: boolean;
  /** The worst case is over what a budget or the key's limit leaves. */
  overBudget: boolean;
  /** When over the context or a budget: one sentence to announce as the prompt outgrows the model or the budget. */
  warning?: string;
}

export function describeEstimate({ promptTokens, worstCaseUsd, contextTokens, budget }: PromptEstimate): EstimateWording {
  const overContext = contextTokens !== undefined && promptTokens > contextTokens;
  const about = `~${formatTokens(promptTokens)}`;
  let size = `${about} tokens`;
  let first = `About ${wholeNumber(promptTokens)} prompt tokens with history and attachments`;
  let warning: string | undefined;
  if (contextTokens !== undefined && overContext) {
    size = `${about} tokens, over the ${formatTokens(contextTokens)} context`;
    warning = `The message is too long for the model: about ${formatTokens(promptTokens)} tokens, over its ${formatTokens(contextTokens)} context.`;
    first += `: more than the model's context of ${wholeNumber(contextTokens)}.`;
  } else if (contextTokens !== undefined) {
    size = `${about} / ${formatTokens(contextTokens)} tokens`;
    first += `, of the model's context of ${wholeNumber(contextTokens)}.`;
  } else {
    first += '.';
  }
  const sentences = [first];
  if (overContext) sentences.push('Start a new chat, remove attachments or pick a model with a longer context.');
  if (worstCaseUsd !== undefined) sentences.push('The cost assumes the longest possible answer.');
  const cost = worstCaseUsd === undefined ? '' : ` · at most ${formatUsd(worstCaseUsd)}`;
  const over = budget ? budgetWording(budget) : undefined;
  if (over) {
    sentences.push(over.sentence);
    warning ??= over.sentence;
  }
  const text = size + cost + (over ? ` · ${over.text}` : '');
  return { text, title: sentences.join(' '), overContext, overBudget: over !== undefined, ...(warning ? { warning } : {}) };
}

/** "over the $0.021 your session budget leaves; max_tokens would be lowered to 812", and its sentence. */
function budgetWording({ limit, left, maxTokens, keyWide }: NonNullable<PromptEstimate['budget']>): { text: string; sentence: string } {
  const label = limitLabel(limit);
  const over = left > 0 ? `over the ${formatUsd(left)} your ${label} leaves` : `your ${label} is spent`;
  const outcome = maxTokens !== undefined ? `max_tokens would be lowered to ${wholeNumber(maxTokens)}` : 'it would be blocked';
  const sentence = maxTokens !== undefined
    ? `The longest answer could cost more than the ${formatUsd(left)} your ${label} leaves: sending lowers max_tokens to ${wholeNumber(maxTokens)}.`
    : `${left > 0 ? `The longest answer could cost more than the ${formatUsd(left)} your ${label} leaves` : `Your ${label} is spent`}: sending would be blocked, with a choice to send once anyway.`;
  // Under the whole-key scope the figure the budget counts is not this machine's: the sentence names it.
  return { text: `${over}; ${outcome}`, sentence: keyWide ? `${sentence} ${keyWide}` : sentence };
}

function wholeNumber(count: number): string {
  return count.toLocaleString('en-US');
}

/** The composer's offer of a much cheaper model: its button label and the sentence behind it. */
export function describeCheaper(cheaper: { model: string; worstCaseUsd: number }, currentUsd: number | undefined): { label: string; title: string } {
  const short = cheaper.model.slice(cheaper.model.indexOf('/') + 1);
  const times = currentUsd !== undefined && cheaper.worstCaseUsd > 0 ? ` (1/${Math.round(currentUsd / cheaper.worstCaseUsd)})` : '';
  return {
    label: `${short}: at most ${formatUsd(cheaper.worstCaseUsd)}${times}`,
    title: `${cheaper.model}, one of your favourites or presets, would cost at most ${formatUsd(cheaper.worstCaseUsd)} for this prompt` +
      `${currentUsd !== undefined ? ` instead of ${formatUsd(currentUsd)}` : ''}. Click to use it from now on.`,
  };
}
