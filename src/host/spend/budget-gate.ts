import { hasBudget, type LimitName } from '../../core/spend/budget';
import { checkPlanned, type BudgetRoom } from '../../core/spend/budget-fit';
import type { SpendSummary } from '../../core/spend/ledger/totals';
import { estimatePromptTokens } from '../../core/spend/token-estimate';
import type { ChatRequest } from '../../core/openrouter/http';
import { budgetsOf, type SpendRecorder } from './recorder';
import type { OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';

export type GateVerdict =
  | { proceed: true; request: ChatRequest; clamped?: string }
  /** `room` is what the check saw, so the answer's card can name a model that fits it. */
  | { proceed: false; reason: string; limit: LimitName; room: BudgetRoom };

/**
 * Before each request: the worst case is checked against what is left of every budget and of the key's own limit.
 * When it does not fit, max_tokens is lowered until it does (and the user is told); when nothing useful fits, the
 * request is not sent, and its answer's card offers to send it once anyway, raise the limit, or use a model that
 * fits. There is no dialog as well: the card holds the same choices, in the chat, for as long as they are wanted.
 */
export class BudgetGate {
  constructor(
    private readonly service: OpenRouterService,
    private readonly settings: ExtensionSettings,
    private readonly recorder: SpendRecorder,
  ) {}

  async check(request: ChatRequest): Promise<GateVerdict> {
    if (!this.limited()) return { proceed: true, request };
    const model = this.service.catalogue.find(request.model) ?? (await this.service.catalogue.get(), this.service.catalogue.find(request.model));
    const room = this.roomWith(await this.recorder.summary());
    const decision = checkPlanned(room, { model, promptTokens: estimatePromptTokens(request.messages), maxTokens: request.max_tokens });
    switch (decision.kind) {
      case 'allow':
        return { proceed: true, request };
      case 'clamp':
        return { proceed: true, request: { ...request, max_tokens: decision.maxTokens }, clamped: decision.reason };
      case 'block':
        return { proceed: false, reason: decision.reason, limit: decision.budget, room };
    }
  }

  /** What is left to spend, read afresh (a comparison's check); undefined when nothing limits spending. */
  async room(): Promise<BudgetRoom | undefined> {
    return this.limited() ? this.roomWith(await this.recorder.summary()) : undefined;
  }

  /** What is left to spend as last read, for the composer's warning; undefined when nothing limits spending. */
  roomNow(): BudgetRoom | undefined {
    const summary = this.recorder.latest;
    return summary && this.limited() ? this.roomWith(summary) : undefined;
  }

  private limited(): boolean {
    return hasBudget(budgetsOf(this.settings.current)) || this.keyLimitRemaining() !== null;
  }

  private roomWith(summary: SpendSummary): BudgetRoom {
    return { summary, budgets: budgetsOf(this.settings.current), keyLimitRemaining: this.keyLimitRemaining() };
  }

  private keyLimitRemaining(): number | null {
    return this.service.keyInfo.latest.info?.limitRemainingUsd ?? null;
  }
}
