import { hasBudget, type LimitName } from '../../core/spend/budget';
import { checkPlanned, type BudgetRoom } from '../../core/spend/budget-fit';
import type { KeySpendComparison } from '../../core/spend/key-spend';
import { keyWideNote, scopedSummary } from '../../core/spend/key-budget';
import type { SpendSummary } from '../../core/spend/ledger/totals';
import { estimatePromptTokens } from '../../core/spend/token-estimate';
import { plannedSearches } from '../../core/chat/web-search';
import type { ChatRequest } from '../../core/openrouter/http';
import { budgetsOf, type SpendRecorder } from './recorder';
import type { OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';
import type { KeySpendWatcher } from './key-spend-watcher';

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
    /** Without it the budgets count this machine only, whatever `openrouter.budget.scope` says. */
    private readonly keySpend?: KeySpendWatcher,
  ) {}

  async check(request: ChatRequest): Promise<GateVerdict> {
    if (!this.limited()) return { proceed: true, request };
    const model = this.service.catalogue.find(request.model) ?? (await this.service.catalogue.get(), this.service.catalogue.find(request.model));
    const summary = await this.recorder.summary();
    // After the ledger writes in flight have landed (summary waits for them), so this machine's side counts them too.
    const wholeKey = this.settings.current['budget.scope'] === 'wholeKey' ? await this.keySpend?.forSend() : undefined;
    const room = this.roomWith(summary, wholeKey);
    const decision = checkPlanned(room, { model, promptTokens: estimatePromptTokens(request.messages), maxTokens: request.max_tokens, webSearches: plannedSearches(request) });
    if (decision.kind === 'allow') return { proceed: true, request };
    const note = room.keyWide?.[decision.budget];
    const reason = note ? `${decision.reason} ${note}` : decision.reason;
    if (decision.kind === 'clamp') return { proceed: true, request: { ...request, max_tokens: decision.maxTokens }, clamped: reason };
    return { proceed: false, reason, limit: decision.budget, room };
  }

  /** What is left to spend, read afresh (a comparison's check); undefined when nothing limits spending. */
  async room(): Promise<BudgetRoom | undefined> {
    if (!this.limited()) return undefined;
    const summary = await this.recorder.summary();
    return this.roomWith(summary, this.settings.current['budget.scope'] === 'wholeKey' ? await this.keySpend?.forSend() : undefined);
  }

  /** What is left to spend as last read, for the composer's warning; undefined when nothing limits spending. */
  roomNow(): BudgetRoom | undefined {
    const summary = this.recorder.latest;
    return summary && this.limited() ? this.roomWith(summary, this.keySpend?.latest) : undefined;
  }

  private limited(): boolean {
    return hasBudget(budgetsOf(this.settings.current)) || this.keyLimitRemaining() !== null;
  }

  /** Under the whole-key scope, the daily and monthly budgets count the key's spend where it is higher (key-budget.ts). */
  private roomWith(summary: SpendSummary, comparison: KeySpendComparison | undefined): BudgetRoom {
    const scope = this.settings.current['budget.scope'];
    const daily = keyWideNote('daily', scope, comparison);
    const monthly = keyWideNote('monthly', scope, comparison);
    return {
      summary: scopedSummary(summary, scope, comparison),
      budgets: budgetsOf(this.settings.current),
      keyLimitRemaining: this.keyLimitRemaining(),
      ...(daily || monthly ? { keyWide: { ...(daily ? { daily } : {}), ...(monthly ? { monthly } : {}) } } : {}),
    };
  }

  private keyLimitRemaining(): number | null {
    return this.service.keyInfo.latest.info?.limitRemainingUsd ?? null;
  }
}
