import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import { formatUsd } from '../../core/format';
import { failedEnd, requestPathText, type PathEnd } from '../../core/openrouter/request-path';
import type { BudgetLevel } from '../../core/spend/budget';
import { EMPTY_TALLY, type SpendSummary } from '../../core/spend/ledger/totals';
import { spendTooltipMarkdown, type LastAnswer, type LastPath } from '../../core/spend/status-tooltip';
import { Disposable } from '../disposable';
import type { FinishedRequest, OpenRouterService } from '../openrouter-service';
import type { KeySpendWatcher } from './key-spend-watcher';

const NO_SPEND: SpendSummary = { session: EMPTY_TALLY, today: EMPTY_TALLY, month: EMPTY_TALLY };

/**
 * One status bar item with this session's spend, a spinner while a request streams, and a tooltip with today's and
 * this month's spend, the last request (its path too, when it retried or fell back) and what is left on the key.
 * Requests from the panel and from VS Code's chat count alike. The totals come from the spend ledger, so they
 * agree across windows: OpenRouter's exact costs, and estimates (of stopped answers, say) until /generation settles
 * them.
 */
export class SpendStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('openrouter.spend', vscode.StatusBarAlignment.Right, 100));
  /** Undefined until the ledger has been read: a $0.0000 shown meanwhile would be a wrong figure, not a blank. */
  private summaryShown: SpendSummary | undefined;
  private last: LastAnswer | undefined;
  private lastPath: LastPath | undefined;
  private streaming = 0;
  private budget: BudgetLevel = 'ok';
  private keySpend: KeySpendWatcher | undefined;

  constructor(private readonly service: OpenRouterService) {
    super();
    this.item.name = 'OpenRouter Spend';
    this.item.command = CommandId.showUsage;
    this._register(service.onDidChangeActivity((active) => {
      this.streaming = active;
      this.render();
    }));
    this._register(service.onDidFinish((finished) => {
      this.noteFinished(finished);
      this.render();
      // Any request, answered or not, may change the key's remaining credit and free-request count: one refresh.
      void this.service.keyInfo.afterRequest().then(() => this.render());
    }));
    this.render();
    this.item.show();
    // The key's credit is asked for once activation has returned: the item shows without it, and adds it after.
    setTimeout(() => {
      if (!this.isDisposed) void service.keyInfo.refresh().then(() => this.render());
    }, 0);
  }

  /** The totals and budget level to show; the spend recorder calls this whenever the ledger changes. */
  show(summary: SpendSummary, level: BudgetLevel): void {
    this.summaryShown = summary;
    this.budget = level;
    this.render();
  }

  /** Shows the key's spend beside this machine's in the tooltip, as `watcher` keeps it; returns `watcher`. */
  watchKeySpend(watcher: KeySpendWatcher): KeySpendWatcher {
    this.keySpend = watcher;
    this._register(watcher.onDidChange(() => this.render()));
    this.render();
    return watcher;
  }

  summary(): SpendSummary {
    return this.summaryShown ?? NO_SPEND;
  }

  get text(): string {
    return this.item.text;
  }

  /** The tooltip's Markdown, as shown. */
  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? '';
  }

  private noteFinished(finished: FinishedRequest): void {
    const { surface } = finished.origin;
    if (finished.done) this.last = { done: finished.done, surface };
    const end: PathEnd | undefined = finished.done ? { outcome: 'done', model: finished.done.model } : finished.error ? failedEnd(finished.error) : undefined;
    const text = end ? requestPathText(finished.requestedModel, finished.path, end) : undefined;
    // Only the latest request's path: an older one beside a newer answer would mislead.
    this.lastPath = text !== undefined ? { text, surface } : undefined;
  }

  private render(): void {
    const summary = this.summary();
    const icon = this.streaming > 0 ? '$(loading~spin)' : this.budget === 'ok' ? '$(pulse)' : '$(warning)';
    const session = this.summaryShown ? formatUsd(summary.session.cost) : '$…';
    this.item.text = `${icon} ${session}`;
    this.item.backgroundColor =
      this.budget === 'exceeded' ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : this.budget === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    this.item.accessibilityInformation = {
      label: this.summaryShown ? `OpenRouter spend this session ${session}` : 'OpenRouter spend: reading the ledger', role: 'button',
    };
    if (!this.summaryShown) {
      this.item.tooltip = 'OpenRouter spend: reading the ledger…';
      return;
    }
    const md = new vscode.MarkdownString(spendTooltipMarkdown({
      summary, last: this.last, path: this.lastPath, key: this.service.keyInfo.latest, comparison: this.keySpend?.latest,
    }), true);
    md.appendMarkdown(`\n[Show usage](command:${CommandId.showUsage})`);
    md.isTrusted = { enabledCommands: [CommandId.showUsage] };
    this.item.tooltip = md;
  }
}
