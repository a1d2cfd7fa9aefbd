import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import type { KeyInfoState } from '../../core/openrouter/key-info';
import { formatCost, formatDuration, formatTokens, formatUsd } from '../../core/format';
import type { DoneInfo } from '../../core/openrouter/chat';
import type { BudgetLevel } from '../../core/spend/budget';
import { EMPTY_TALLY, type SpendSummary } from '../../core/spend/ledger/totals';
import { Disposable } from '../disposable';
import type { OpenRouterService } from '../openrouter-service';

const NO_SPEND: SpendSummary = { session: EMPTY_TALLY, today: EMPTY_TALLY, month: EMPTY_TALLY };

/**
 * One status bar item with this session's spend, a spinner while a request streams, and a tooltip with today's and
 * this month's spend, the last request and what is left on the key. The totals come from the spend ledger, so they
 * agree across windows: OpenRouter's exact costs, and estimates (of stopped answers, say) until /generation settles
 * them.
 */
export class SpendStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('openrouter.spend', vscode.StatusBarAlignment.Right, 100));
  private summaryShown: SpendSummary = NO_SPEND;
  private last: DoneInfo | undefined;
  private streaming = 0;
  private budget: BudgetLevel = 'ok';

  constructor(private readonly service: OpenRouterService) {
    super();
    this.item.name = 'OpenRouter Spend';
    this.item.command = CommandId.showUsage;
    this._register(service.onDidChangeActivity((active) => {
      this.streaming = active;
      this.render();
    }));
    this._register(service.onDidFinish((finished) => {
      if (finished.done) this.last = finished.done;
      this.render();
      // Any request, answered or not, may change the key's remaining credit and free-request count: one refresh.
      void this.service.keyInfo.afterRequest().then(() => this.render());
    }));
    this.render();
    this.item.show();
    void service.keyInfo.refresh().then(() => this.render());
  }

  /** The totals and budget level to show; the spend recorder calls this whenever the ledger changes. */
  show(summary: SpendSummary, level: BudgetLevel): void {
    this.summaryShown = summary;
    this.budget = level;
    this.render();
  }

  summary(): SpendSummary {
    return this.summaryShown;
  }

  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const summary = this.summary();
    const icon = this.streaming > 0 ? '$(loading~spin)' : this.budget === 'ok' ? '$(pulse)' : '$(warning)';
    this.item.text = `${icon} ${formatUsd(summary.session.cost)}`;
    this.item.backgroundColor =
      this.budget === 'exceeded' ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : this.budget === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    this.item.accessibilityInformation = { label: `OpenRouter spend this session ${formatUsd(summary.session.cost)}`, role: 'button' };
    this.item.tooltip = tooltip(summary, this.last, this.service.keyInfo.latest);
  }
}

function tooltip(summary: SpendSummary, last: DoneInfo | undefined, key: KeyInfoState): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown('**OpenRouter spend**\n\n');
  md.appendMarkdown('| | spend | tokens in | tokens out | requests |\n|---|---:|---:|---:|---:|\n');
  for (const [label, total] of [['Session', summary.session], ['Today', summary.today], ['This month', summary.month]] as const) {
    md.appendMarkdown(`| ${label} | ${formatUsd(total.cost)} | ${formatTokens(total.promptTokens)} | ${formatTokens(total.completionTokens)} | ${total.requests} |\n`);
  }
  if (last) {
    const usage = last.usage;
    md.appendMarkdown(`\n**Last request:** \`${last.model}\`${last.provider ? ` via ${last.provider}` : ''}, `);
    md.appendMarkdown(`${formatTokens(usage?.promptTokens ?? 0)} in${usage?.cachedTokens ? ` (${formatTokens(usage.cachedTokens)} cached)` : ''} / ${formatTokens(usage?.completionTokens ?? 0)} out, `);
    const cost = last.cost ? formatCost(last.cost) : 'cost unknown';
    md.appendMarkdown(`${cost}, ${formatDuration(last.durationMs)}`);
    if (last.timeToFirstTokenMs !== undefined) md.appendMarkdown(` (first token ${formatDuration(last.timeToFirstTokenMs)})`);
    md.appendMarkdown('\n');
  }
  const info = key.info;
  if (info) {
    md.appendMarkdown('\n**Key**');
    if (info.label) md.appendMarkdown(` ${escape(info.label)}`);
    md.appendMarkdown(': ');
    md.appendMarkdown(info.limitRemainingUsd !== null ? `${formatUsd(info.limitRemainingUsd)} left of a ${formatUsd(info.limitUsd ?? 0)} limit` : `no limit, ${formatUsd(info.usageUsd)} used`);
    const free = info.freeModelRequests;
    md.appendMarkdown(free.remaining !== undefined ? `; ${free.remaining} of ${free.limit} free-model requests left today` : `; free models: up to ${free.limit} requests a day`);
    if (info.usageDailyUsd !== undefined) md.appendMarkdown(`; OpenRouter counts ${formatUsd(info.usageDailyUsd)} on this key today`);
    md.appendMarkdown('\n');
  } else if (key.error) {
    md.appendMarkdown(`\nKey info unavailable: ${escape(key.error.message)}\n`);
  }
  md.appendMarkdown(`\n[Show usage](command:${CommandId.showUsage})`);
  md.isTrusted = { enabledCommands: [CommandId.showUsage] };
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
