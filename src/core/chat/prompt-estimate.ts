// How the composer words its pre-send estimate: the prompt's size against the model's context window, and the most
// the answer could cost. A prompt larger than the window is flagged before it is sent, with what to do about it.

import { formatTokens, formatUsd } from '../format';

export interface PromptEstimate {
  promptTokens: number;
  /** The most the request could cost, when the model's prices are known. */
  worstCaseUsd?: number | undefined;
  /** The model's context window, when the catalogue knows it. */
  contextTokens?: number | undefined;
}

export interface EstimateWording {
  /** One short line for the composer's footer. */
  text: string;
  /** The same in full sentences, for its tooltip and for screen readers. */
  title: string;
  overContext: boolean;
  /** When over the context: one sentence to announce as the prompt outgrows the model. */
  warning?: string;
}

export function describeEstimate({ promptTokens, worstCaseUsd, contextTokens }: PromptEstimate): EstimateWording {
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
  return { text: size + cost, title: sentences.join(' '), overContext, ...(warning ? { warning } : {}) };
}

function wholeNumber(count: number): string {
  return count.toLocaleString('en-US');
}
