import * as vscode from 'vscode';
import { CommandId } from '../../constants';
import type { Attachment } from '../../core/chat/model';
import { checkComparison } from '../../core/compare/compare-budget';
import { newComparison } from '../../core/compare/comparison';
import { adoptedAnswer } from '../../core/compare/winner';
import { newId } from '../../core/ids';
import type { ChatRequest } from '../../core/openrouter/http';
import { estimatePromptTokens } from '../../core/spend/token-estimate';
import type { ChatController } from '../chat/chat-controller';
import type { CodeActions } from '../chat/code-actions';
import { captureContext } from '../chat/editor-context';
import type { OpenRouterService } from '../openrouter-service';
import type { BudgetGate } from '../spend/budget-gate';
import { compareOrigin, type CompareOrigin } from './compare-origin';
import { ComparePanel } from './compare-panel';
import { pickComparedModels } from './compare-picker';
import { CompareSession } from './compare-session';

export interface CompareCommandDeps {
  extensionUri: vscode.Uri;
  service: OpenRouterService;
  controller: ChatController;
  gate: BudgetGate;
  codeActions: CodeActions;
  globalState: vscode.Memento;
  log: vscode.LogOutputChannel;
  /** Asks for a model for one column (Pick Another Model); undefined when the person cancels. */
  pickModelOnce: () => Promise<string | undefined>;
}

interface Question {
  text: string;
  attachments: Attachment[];
}

export function registerCompareCommand(deps: CompareCommandDeps): vscode.Disposable[] {
  const panels = new Set<ComparePanel>();
  return [
    // The chat panel says it started the comparison (compare-origin.ts); the editor's menu passes the document's URI.
    vscode.commands.registerCommand(CommandId.compareModels, async (arg?: unknown) => {
      const origin = compareOrigin(arg);
      const panel = await startComparison(deps, origin);
      if (origin.kind === 'composer') {
        // As a sent message empties the composer; a cancelled one goes back to it, its chips never left.
        if (panel) await deps.controller.composerSent();
        else if (origin.sent !== undefined) await deps.controller.draftBack(origin.sent);
      }
      if (!panel) return;
      panels.add(panel);
      panel.panel.onDidDispose(() => panels.delete(panel));
    }),
    { dispose: () => panels.forEach((panel) => panel.dispose()) },
  ];
}

/**
 * The prompt (with the composer's chips when started from the chat panel, else the editor's selection as a chip when
 * there is one), the models, the budget check, then the panel.
 */
async function startComparison(deps: CompareCommandDeps, origin: CompareOrigin): Promise<ComparePanel | undefined> {
  const question = await askQuestion(deps, origin);
  if (!question) return undefined;
  const images = question.attachments.some((attachment) => attachment.kind === 'image');
  const pick = await pickComparedModels(deps.service, deps.globalState, { current: deps.controller.model, earlierTurns: await deps.controller.earlierTurns(), images });
  if (!pick) return undefined;
  const asked = (model: string): ChatRequest => deps.controller.comparisonRequest(question, pick.keepHistory, model);
  const fitted = await fitBudget(deps, pick.models, asked);
  if (!fitted) return undefined;
  const { models, maxTokens } = fitted;
  const requestFor = (model: string): ChatRequest => (maxTokens === undefined ? asked(model) : { ...asked(model), max_tokens: maxTokens });

  const comparison = newComparison({ id: newId('compare'), prompt: question.text, models, blind: pick.blind, now: Date.now() });
  const session = new CompareSession(comparison, {
    chat: (request, signal, origin) => deps.service.chat(request, signal, origin),
    requestFor,
    pricing: (model) => deps.service.catalogue.find(model)?.pricing,
    now: Date.now,
    log: (message) => deps.log.error(message),
  });
  const panel = new ComparePanel(session, {
    extensionUri: deps.extensionUri,
    codeActions: deps.codeActions,
    log: deps.log,
    pickModel: deps.pickModelOnce,
    continueWith: (running, columnId) => continueWith(deps, running, columnId, question),
  });
  session.start();
  return panel;
}

async function askQuestion(deps: CompareCommandDeps, origin: CompareOrigin): Promise<Question | undefined> {
  const typed = origin.kind === 'other' ? undefined : origin.prompt;
  const attachments = origin.kind === 'composer' ? [...deps.controller.composerAttachments] : await editorSelection(origin);
  if (typed?.trim()) return { text: typed.trim(), attachments };
  const text = await vscode.window.showInputBox({
    title: 'Compare Models',
    prompt: attachments.length > 0 ? `The prompt, sent with ${attachments.map((a) => a.label).join(', ')} to every model` : 'The prompt every model answers',
    value: typed ?? (origin.kind === 'composer' || attachments.length === 0 ? deps.controller.draft : 'Explain this code.'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Type a prompt to compare the models on.'),
  });
  return text?.trim() ? { text: text.trim(), attachments } : undefined;
}

/** The editor's selection as a chip, for a comparison started from the palette or the editor's menu. */
async function editorSelection(origin: CompareOrigin): Promise<Attachment[]> {
  const editor = vscode.window.activeTextEditor;
  if (origin.kind !== 'other' || !editor || editor.selection.isEmpty) return [];
  const selection = await captureContext('selection');
  return typeof selection === 'string' ? [] : [selection];
}

/**
 * The budget check on the sum of every column's worst case. When it does not fit, the user chooses: a lower
 * max_tokens for every column, fewer columns, or sending anyway. Undefined when they cancel.
 */
async function fitBudget(deps: CompareCommandDeps, models: string[], requestFor: (model: string) => ChatRequest): Promise<{ models: string[]; maxTokens?: number } | undefined> {
  const room = await deps.gate.room();
  if (!room) return { models };
  if (models.some((model) => !deps.service.catalogue.find(model))) await deps.service.catalogue.get();
  const sample = requestFor(models[0] ?? '');
  const decision = checkComparison(room, {
    columns: models.map((model) => ({ model, facts: deps.service.catalogue.find(model) })),
    promptTokens: estimatePromptTokens(sample.messages),
    maxTokens: sample.max_tokens,
  });
  if (decision.kind === 'allow') return { models };
  const lower = decision.maxTokens !== undefined ? `Lower max_tokens to ${decision.maxTokens}` : undefined;
  const fewer = decision.keep ? `Compare Only ${decision.keep.join(', ')}` : undefined;
  const anyway = 'Send Anyway';
  const choice = await vscode.window.showWarningMessage(decision.reason, { modal: true }, ...[lower, fewer, anyway].filter((c): c is string => c !== undefined));
  if (choice === lower && decision.maxTokens !== undefined) return { models, maxTokens: decision.maxTokens };
  if (choice === fewer && decision.keep) return { models: [...decision.keep] };
  return choice === anyway ? { models } : undefined;
}

/** Stops what still runs, then makes the picked answer the chat's and continues the chat with its model. */
async function continueWith(deps: CompareCommandDeps, session: CompareSession, columnId: string, question: Question): Promise<boolean> {
  session.stopAll();
  await session.idle();
  const adopted = adoptedAnswer(session.comparison, columnId, { question, ids: { question: newId('turn'), answer: newId('turn') }, now: Date.now() });
  if (!adopted) return false;
  if (!(await deps.controller.adopt(adopted))) {
    void vscode.window.showInformationMessage('An answer is still streaming in the chat; stop it first, then pick again.');
    return false;
  }
  session.comparison.winner = columnId;
  session.comparison.revealed = true;
  session.channel.meta(session.comparison);
  await vscode.commands.executeCommand('openrouter.chatView.focus');
  return true;
}
