import * as vscode from 'vscode';
import { checkRequest, hasBudget } from '../../core/spend/budget';
import { worstCaseCost } from '../../core/spend/cost';
import { estimatePromptTokens } from '../../core/spend/token-estimate';
import type { ChatRequest } from '../../core/openrouter/http';
import { budgetsOf, type SpendRecorder } from './recorder';
import type { OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';

export type GateVerdict =
  | { proceed: true; request: ChatRequest; clamped?: string }
  | { proceed: false; reason: string };

/**
 * Before each request: the worst case is checked against what is left of every budget and of the key's own limit.
 * When it does not fit, max_tokens is lowered until it does (and the user is told); when nothing useful fits, the
 * request is blocked with a choice to raise the limit or send once anyway.
 */
export class BudgetGate {
  constructor(
    private readonly service: OpenRouterService,
    private readonly settings: ExtensionSettings,
    private readonly recorder: SpendRecorder,
  ) {}

  /** `interactive: false` never asks: a blocked request is refused (an agent's request has nobody at a modal). */
  async check(request: ChatRequest, { interactive = true } = {}): Promise<GateVerdict> {
    const budgets = budgetsOf(this.settings.current);
    const keyLimitRemaining = this.service.keyInfo.latest.info?.limitRemainingUsd ?? null;
    if (!hasBudget(budgets) && keyLimitRemaining === null) return { proceed: true, request };
    const model = this.service.catalogue.find(request.model) ?? (await this.service.catalogue.get(), this.service.catalogue.find(request.model));
    const promptTokens = estimatePromptTokens(request.messages);
    const decision = checkRequest({
      summary: await this.recorder.summary(),
      budgets,
      keyLimitRemaining,
      // Without catalogue prices the worst case is unknown; only a budget that is already spent can stop it then.
      worstCase: (maxTokens) => (model ? worstCaseCost({ model, promptTokens, maxTokens }).usd : 0),
      maxTokens: request.max_tokens,
    });
    switch (decision.kind) {
      case 'allow':
        return { proceed: true, request };
      case 'clamp':
        return { proceed: true, request: { ...request, max_tokens: decision.maxTokens }, clamped: decision.reason };
      case 'block':
        return interactive ? this.askToOverride(request, decision.reason) : { proceed: false, reason: decision.reason };
    }
  }

  private async askToOverride(request: ChatRequest, reason: string): Promise<GateVerdict> {
    const raise = 'Raise Limit';
    const once = 'Send Once Anyway';
    const choice = await vscode.window.showWarningMessage(reason, { modal: true, detail: 'Budgets are set in the openrouter.budget settings.' }, raise, once);
    if (choice === once) return { proceed: true, request };
    if (choice === raise) void vscode.commands.executeCommand('workbench.action.openSettings', 'openrouter.budget');
    return { proceed: false, reason };
  }
}
