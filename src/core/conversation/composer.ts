// What the person is writing: the draft and the context attached to it, and what the composer shows besides the
// draft, its chips and the pre-send estimate. The estimate is of the request that sending the draft would make,
// estimated as the budget check before it will estimate it, and says what that check would do when a budget or the
// key's limit is in the way (the same rule decides both: budget-fit.ts).
import type { ModelInfo } from '../openrouter/catalogue-schemas';
import type { ChatRequest } from '../openrouter/http';
import { checkPlanned, type BudgetRoom } from '../spend/budget-fit';
import { cheaperModel } from '../spend/cheaper-model';
import { worstCaseCost, type WorstCaseInput } from '../spend/cost';
import { estimatePromptTokens } from '../spend/token-estimate';
import type { ComposerState } from '../../protocol/messages';
import type { Attachment, UserTurn } from '../chat/model';
import { userContent } from '../chat/user-content';
import { isMedia, mediaAttachment } from '../chat/media-attachment';
import { attach } from './attachments';
import { plannedSearches } from '../chat/web-search';
import { withMedia, type MediaContext } from './composer-media';
import type { ConversationEffect, ConversationInput } from './conversation-io';

/** What the catalogue says of a model: prices and limits, and its reasoning options (absent: it cannot reason). */
export type ModelFacts = WorstCaseInput['model'] & Partial<Pick<ModelInfo, 'reasoning' | 'inputModalities'>>;

/** Models the estimate may name as much cheaper for the same prompt: the favourites and the presets' models. */
export interface Alternatives {
  readonly candidates: readonly string[];
  readonly factsOf: (model: string) => ModelFacts | undefined;
  /** What the chips of images and PDFs show, and where a model that reads images is found (composer-media.ts). */
  readonly media?: MediaContext;
}

export class Composer {
  private attached: Attachment[] = [];
  /** Moves when the host changes the draft itself, so the panel knows to show it (see ComposerState). */
  private revision = 0;

  constructor(private draftText: string) {}

  get text(): string {
    return this.draftText;
  }

  get attachments(): readonly Attachment[] {
    return this.attached;
  }

  setText(text: string): void {
    this.draftText = text;
  }

  /** Adds a chip unless it is redundant, taking out the chips it makes redundant; says what it did otherwise. */
  attach(attachment: Attachment): { changed: boolean; note?: string } {
    const before = this.attached;
    const { attachments, note } = attach(before, attachment);
    this.attached = attachments;
    const changed = attachments.length !== before.length || attachments.some((a, i) => a !== before[i]);
    return { changed, ...(note !== undefined ? { note } : {}) };
  }

  /** False when there is no chip at `index` (a stale click from a panel that had not caught up). */
  remove(index: number): boolean {
    if (index >= this.attached.length) return false;
    this.attached.splice(index, 1);
    return true;
  }

  /** The attachments of a message being sent; the composer is empty after. */
  takeForSending(): Attachment[] {
    const attachments = this.attached;
    this.attached = [];
    this.draftText = '';
    return attachments;
  }

  /** Empties the composer for a message sent elsewhere; a draft the panel still shows is taken out of it too. */
  clear(): void {
    if (this.draftText !== '') this.revision += 1;
    this.attached = [];
    this.draftText = '';
  }

  /** A message that went nowhere, back in the composer; false when something was typed since (that stays). */
  putBack(text: string): boolean {
    if (this.draftText.trim() !== '') return false;
    this.draftText = text;
    this.revision += 1;
    return true;
  }

  /** Puts a question back to be sent again, with its attachments; a draft typed since is kept, after it. */
  restore(question: UserTurn): void {
    const typed = this.draftText.trim();
    this.draftText = typed && typed !== question.text ? `${question.text}\n\n${this.draftText}` : question.text;
    this.attached = [...question.attachments, ...this.attached];
    this.revision += 1;
  }

  /**
   * The composer as the panel shows it. `request` is the request for the next answer without the draft; `model` is
   * its catalogue entry, when known: without it there is no cost estimate and no context window. `room` is what the
   * budgets leave, when any is set.
   */
  state(request: ChatRequest, model: ModelFacts | undefined, room?: BudgetRoom, alternatives?: Alternatives): ComposerState {
    const { draftText: draft, attached: attachments } = this;
    // The draft's images and PDFs by their own estimates (their size, their pages), which the message can't show.
    const mediaTokens = attachments.reduce((sum, a) => sum + (isMedia(a) ? a.tokens : 0), 0);
    const promptTokens = estimatePromptTokens([...request.messages, { role: 'user', content: userContent(draft, attachments) }]) + mediaTokens;
    const webSearches = plannedSearches(request);
    const worst = model ? worstCaseCost({ model, promptTokens, maxTokens: request.max_tokens, webSearches }) : undefined;
    const decision = room ? checkPlanned(room, { model, promptTokens, maxTokens: request.max_tokens, webSearches }) : undefined;
    const budget = decision && decision.kind !== 'allow'
      ? {
        limit: decision.budget, left: decision.headroom, ...(decision.kind === 'clamp' ? { maxTokens: decision.maxTokens } : {}),
        ...(room?.keyWide?.[decision.budget] ? { keyWide: room.keyWide[decision.budget] } : {}),
      }
      : undefined;
    const cheaper = worst && alternatives
      ? cheaperModel({ current: request.model, currentUsd: worst.usd, promptTokens, maxTokens: request.max_tokens, webSearches, ...alternatives })
      : undefined;
    const state: ComposerState = {
      draft,
      draftRevision: this.revision,
      attachments: attachments.map(({ kind, label, tokens }) => ({ kind, label, tokens })),
      estimate: {
        promptTokens,
        ...(worst ? { worstCaseUsd: worst.usd } : {}),
        ...(model?.contextLength ? { contextTokens: model.contextLength } : {}),
        ...(budget ? { budget } : {}),
        ...(cheaper ? { cheaper } : {}),
      },
    };
    return alternatives?.media ? withMedia(state, attachments, alternatives.media) : state;
  }
}

/** A change the person made to the composer: whether the panel's composer needs redrawing, and what to persist or say. */
export function composerInput(
  composer: Composer,
  input: Extract<ConversationInput, { type: 'draft' | 'attach' | 'attachMedia' | 'detach' | 'composerSent' | 'draftBack' }>,
): { changed: boolean; effects: ConversationEffect[] } {
  switch (input.type) {
    case 'draft':
      composer.setText(input.text);
      return { changed: true, effects: [{ type: 'persistDraft', text: input.text }] };
    case 'attach': {
      const { changed, note } = composer.attach(input.attachment);
      return { changed, effects: note ? [{ type: 'inform', text: note }] : [] };
    }
    case 'attachMedia': {
      // Refused: the prompt and the other chips stay as they are, and the composer says why in one line.
      const media = mediaAttachment(input);
      if ('refusal' in media) return { changed: false, effects: [{ type: 'refuse', text: media.refusal }] };
      return composerInput(composer, { type: 'attach', attachment: media });
    }
    case 'detach':
      return { changed: composer.remove(input.index), effects: [] };
    case 'composerSent':
      composer.clear();
      return { changed: true, effects: [{ type: 'persistDraft', text: '' }] };
    case 'draftBack':
      return composer.putBack(input.text) ? { changed: true, effects: [{ type: 'persistDraft', text: input.text }] } : { changed: false, effects: [] };
  }
}
