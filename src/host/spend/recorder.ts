import * as vscode from 'vscode';
import { requestedCacheTtl } from '../../core/openrouter/cache-breakpoints';
import { StateKey } from '../../constants';
import { budgetState, type BudgetSettings } from '../../core/spend/budget';
import { BudgetWarnings } from '../../core/spend/budget-warn';
import { ledgerRecordOf } from '../../core/spend/ledger/entry';
import type { SpendSummary } from '../../core/spend/ledger/totals';
import { formatUsd } from '../../core/format';
import { newId } from '../../core/ids';
import type { Settings } from '../../core/config/settings';
import { Disposable } from '../disposable';
import type { FinishedRequest, OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';
import type { SpendLedger } from './ledger';
import type { SpendSessionMemory } from './session-memory';
import type { SpendStatusBar } from './status-bar';
import type { KeySpendWatcher } from './key-spend-watcher';
import { scopedSummary } from '../../core/spend/key-budget';

export interface SettledCost {
  /** The chat the request belonged to, when it was a chat's. */
  chatId: string | undefined;
  generationId: string;
  usd: number;
}

async function drain(work: Set<Promise<void>>): Promise<void> {
  while (work.size > 0) await Promise.all([...work]);
}

export function budgetsOf(settings: Settings): BudgetSettings {
  return {
    session: settings['budget.session'],
    daily: settings['budget.daily'],
    monthly: settings['budget.monthly'],
    warnAtPercent: settings['budget.warnAtPercent'],
  };
}

/**
 * Writes every finished request to the ledger, settles estimates against /generation, and keeps the budget
 * warning (one notification per threshold crossing) and the status bar colour in step with the totals.
 */
export class SpendRecorder extends Disposable {
  /** Ledger writes in progress: a budget check must see them. */
  private readonly writes = new Set<Promise<void>>();
  /** Background work (settling estimates against /generation, budget updates), which may take seconds. */
  private readonly background = new Set<Promise<void>>();
  private readonly warnings: BudgetWarnings;
  private readonly settledCosts = this._register(new vscode.EventEmitter<SettledCost>());
  /** An estimated cost settled against /generation: what OpenRouter billed for that generation, exactly. */
  readonly onDidSettle = this.settledCosts.event;
  private readonly updated = this._register(new vscode.EventEmitter<void>());
  /** The totals or the budgets changed: `latest` has the new totals. */
  readonly onDidUpdate = this.updated.event;
  private latestSummary: SpendSummary | undefined;

  constructor(
    private readonly service: OpenRouterService,
    private readonly ledger: SpendLedger,
    private readonly settings: ExtensionSettings,
    private readonly statusBar: SpendStatusBar,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    /** Where the session is kept across reloads; without it the session is the ledger's own. */
    private readonly session?: SpendSessionMemory,
    /** Under `openrouter.budget.scope: wholeKey`, the warnings and the status bar colour count the whole key too. */
    private readonly keySpend?: KeySpendWatcher,
  ) {
    super();
    if (keySpend) this._register(keySpend.onDidChange(() => this.track(this.background, this.updateBudgets())));
    this.warnings = new BudgetWarnings(state.get(StateKey.budgetWarnings), ledger.session);
    this._register(service.onDidFinish((finished) => this.track(this.writes, this.record(finished))));
    this._register(ledger.onDidChange(() => this.track(this.background, this.updateBudgets())));
    this._register(settings.onDidChange(() => this.track(this.background, this.updateBudgets())));
    // The status bar shows at once (without totals); they are filled in once the ledger is read, after activation.
    this.track(this.background, new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => this.updateBudgets()));
  }

  /** The totals including every request that has finished; what a budget check before the next request needs. */
  async summary(): Promise<SpendSummary> {
    await drain(this.writes);
    return this.ledger.summary();
  }

  /**
   * The totals as last read, without waiting: what the composer's warning uses as it is typed. The check before a
   * request reads them afresh (`summary`). Undefined until the first read.
   */
  get latest(): SpendSummary | undefined {
    return this.latestSummary;
  }

  /** The totals once background work has settled too, estimates included (for the API and its tests). */
  async settledSummary(): Promise<SpendSummary> {
    await drain(this.writes);
    await drain(this.background);
    return this.summary();
  }

  private track(set: Set<Promise<void>>, work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.log.error(`spend: ${String(error)}`)).finally(() => set.delete(tracked));
    set.add(tracked);
  }

  private async record(finished: FinishedRequest): Promise<void> {
    const made = ledgerRecordOf({
      id: newId('req'),
      at: Date.now(),
      workspace: vscode.workspace.name ?? '(no workspace)',
      chatId: finished.request.session_id,
      requestedModel: finished.requestedModel,
      origin: finished.origin,
      done: finished.done,
      failure: finished.failure,
      pricingOf: (model) => this.service.catalogue.find(model)?.pricing,
      cacheTtl: requestedCacheTtl(finished.request),
    });
    // The session goes on the record itself, so its reconciled copy below stays in the session too.
    const record = { ...made, session: this.ledger.session };
    await this.ledger.append(record);
    this.session?.used(record.at);
    this.log.debug(`ledger: ${record.outcome} ${record.model ?? record.requestedModel} ${record.cost} (${record.costSource}) from ${record.initiator ?? record.surface}`);
    if (record.costSource === 'estimate' && record.generationId) {
      // /generation lags a few seconds behind; settle the estimate in the background.
      this.track(this.background, this.ledger.reconcile(record, (id) => this.service.generation(id)).then((settled) => {
        if (!settled) return;
        this.log.info(`ledger: settled ${record.id} at ${settled.cost} from /generation`);
        if (settled.generationId) this.settledCosts.fire({ chatId: settled.chatId, generationId: settled.generationId, usd: settled.cost });
      }));
    }
  }

  private async updateBudgets(): Promise<void> {
    const summary = await this.ledger.summary();
    this.latestSummary = summary;
    this.updated.fire();
    const counted = scopedSummary(summary, this.settings.current['budget.scope'], this.keySpend?.latest);
    const state = budgetState(counted, budgetsOf(this.settings.current));
    this.statusBar.show(summary, state.level);
    const alerts = this.warnings.update(state, Date.now());
    await this.state.update(StateKey.budgetWarnings, this.warnings.snapshot());
    for (const alert of alerts) {
      const { status } = alert;
      const what = `Your ${alert.budget} budget`;
      const message = alert.level === 'exceeded'
        ? `${what} of ${formatUsd(status.limit)} is spent. New requests are stopped before they are sent; each can still be sent once anyway.`
        : `${what} is ${Math.floor(status.percent)}% used: ${formatUsd(status.spent)} of ${formatUsd(status.limit)}.`;
      void vscode.window.showWarningMessage(message, 'Open Budget Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'openrouter.budget');
      });
    }
  }
}
