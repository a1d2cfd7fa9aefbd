// What the composer shows besides the draft: its attachments and the pre-send estimate. The estimate is of the
// request that sending the draft would make, estimated as the budget check before it will estimate it.
import type { Attachment } from '../../core/chat/model';
import { userContent } from '../../core/chat/turns';
import type { ChatRequest } from '../../core/openrouter/http';
import { worstCaseCost, type WorstCaseInput } from '../../core/spend/cost';
import { estimatePromptTokens } from '../../core/spend/token-estimate';
import type { PanelState } from '../../protocol/messages';

export interface ComposerInput {
  draft: string;
  attachments: readonly Attachment[];
  /** The request for the next answer, without the draft. */
  request: ChatRequest;
  /** The model's catalogue entry, when known: without it there is no cost estimate and no context window. */
  model: WorstCaseInput['model'] | undefined;
}

export function composerState({ draft, attachments, request, model }: ComposerInput): PanelState['composer'] {
  const promptTokens = estimatePromptTokens([...request.messages, { role: 'user', content: userContent(draft, attachments) }]);
  const worst = model ? worstCaseCost({ model, promptTokens, maxTokens: request.max_tokens }) : undefined;
  return {
    draft,
    attachments: attachments.map(({ kind, label, tokens }) => ({ kind, label, tokens })),
    estimate: {
      promptTokens,
      ...(worst ? { worstCaseUsd: worst.usd } : {}),
      ...(model?.contextLength ? { contextTokens: model.contextLength } : {}),
    },
  };
}
