import * as vscode from 'vscode';
import { CommandId } from './constants';
import { processEnvironment, runsInNode } from './core/node-process';
import type { LedgerRecord } from './core/spend/ledger/record';
import type { SpendSummary } from './core/spend/ledger/totals';
import { ProposalDocuments } from './host/proposal-documents';
import { ProposalReview } from './host/chat/proposal-review';
import { ApiKeyStore } from './host/api-key';
import { AuthCallbackHandler } from './host/auth-callback';
import { ChatController } from './host/chat/chat-controller';
import { CodeActions } from './host/chat/code-actions';
import { ChatViewProvider } from './host/chat-view';
import { registerAskCommands } from './host/commands/ask-commands';
import { offerKeyImport, registerKeyCommands } from './host/commands/key-commands';
import { pickModelOnce, registerModelCommands, type ModelSelection } from './host/commands/model-commands';
import { BudgetGate } from './host/spend/budget-gate';
import { ChatHistoryStore } from './host/history-store';
import { KeyDestinationGuard } from './host/key-destination';
import { createLog } from './host/log';
import { OpenRouterService } from './host/openrouter-service';
import { ExtensionSettings } from './host/settings';
import { KeySpendWatcher } from './host/spend/key-spend-watcher';
import { SpendLedger } from './host/spend/ledger';
import { SpendRecorder } from './host/spend/recorder';
import { SpendSessionMemory } from './host/spend/session-memory';
import { SpendStatusBar } from './host/spend/status-bar';
import { UsageDashboard } from './host/spend/usage-dashboard';
import { registerCompareCommand } from './host/compare/compare-command';
import { registerChatModels } from './host/lm/register-chat-models';
import { lazy } from './host/lazy';
import { ProjectInstructionsReader } from './host/project-instructions';

/** What the extension offers other extensions (and its own tests): read-only facts, never the key. */
export interface OpenRouterChatApi {
  hasKey(): Promise<boolean>;
  /** This session's, today's and this month's spend, once every finished request is in the ledger. */
  spendSummary(): Promise<SpendSummary>;
  statusBarText(): Promise<string>;
  /** The status bar tooltip's Markdown, once every finished request is in the ledger and /key was read since. */
  statusBarTooltip(): Promise<string>;
  /** Every spend ledger record of this machine, once every request in flight has finished and is in it. */
  ledgerRecords(): Promise<readonly LedgerRecord[]>;
}

export function activate(context: vscode.ExtensionContext): OpenRouterChatApi {
  const log = createLog();
  const env = processEnvironment();
  const settings = new ExtensionSettings(log, env);
  const keys = new ApiKeyStore(context.secrets);
  const guard = new KeyDestinationGuard(context.globalState);
  const service = new OpenRouterService(settings, keys, guard, context.globalState, log);
  const statusBar = new SpendStatusBar(service);
  const session = new SpendSessionMemory(context.workspaceState);
  const ledger = new SpendLedger({ folder: SpendLedger.folderIn(context.globalStorageUri), log, session: session.id });
  const keySpend = statusBar.watchKeySpend(new KeySpendWatcher(service, ledger, settings, context.globalState, log));
  const recorder = new SpendRecorder(service, ledger, settings, statusBar, context.globalState, log, session, keySpend);
  const gate = new BudgetGate(service, settings, recorder, keySpend);
  const documents = new ProposalDocuments();
  const callbacks = new AuthCallbackHandler();
  const review = new ProposalReview(documents);
  const codeActions = new CodeActions(review);
  // Everything below is built when first used (the chat view resolving, a command, the dashboard opening), not at
  // activation: a window that never opens the chat pays only for the status bar and the registrations.
  const dashboard = lazy(context.subscriptions, () => new UsageDashboard({ extensionUri: context.extensionUri, ledger, keyInfo: () => service.keyInfo, log }));
  const selection: ModelSelection = {
    get model(): string {
      return controller().model;
    },
    get preset(): string | undefined {
      return controller().preset;
    },
    pickModel: (model: string) => controller().pickModel(model),
    pickPreset: (preset: string | undefined) => controller().pickPreset(preset),
  };
  const modelDeps = { service, settings, globalState: context.globalState, selection };
  const instructions = lazy(context.subscriptions, () => new ProjectInstructionsReader(log));
  const controller = lazy(context.subscriptions, () => new ChatController({
    service, gate, settings, keys, codeActions, globalState: context.globalState, workspaceState: context.workspaceState, log,
    history: new ChatHistoryStore(vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'chats'), log),
    pickModelOnce: () => pickModelOnce(modelDeps),
    onDidSettleCost: recorder.onDidSettle,
    onDidChangeSpend: recorder.onDidUpdate,
    instructions: instructions(),
  }));
  const chatView = lazy(context.subscriptions, () => new ChatViewProvider(context.extensionUri, controller(), log));
  const keyDeps = { keys, settings, guard, callbacks, globalState: context.globalState, workspaceState: context.workspaceState, log };

  context.subscriptions.push(
    log, settings, keys, service, statusBar, ledger, recorder, keySpend, documents, review,
    vscode.window.registerUriHandler(callbacks),
    // Kept alive while hidden, so coming back to the chat shows it at once instead of a blank panel rebuilding.
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, {
      resolveWebviewView: (view) => chatView().resolveWebviewView(view),
    }, { webviewOptions: { retainContextWhenHidden: true } }),
    vscode.commands.registerCommand(CommandId.showLog, () => log.show()),
    vscode.commands.registerCommand(CommandId.focusComposer, () => chatView().focusComposer()),
    ...registerKeyCommands(keyDeps),
    ...registerAskCommands({
      keys, codeActions, settings,
      get controller() {
        return controller();
      },
    }),
    ...registerModelCommands(modelDeps),
    vscode.commands.registerCommand(CommandId.showUsage, () => dashboard().show()),
    vscode.window.registerWebviewPanelSerializer(UsageDashboard.viewType, {
      deserializeWebviewPanel: (panel, state) => dashboard().deserializeWebviewPanel(panel, state),
    }),
    ...registerChatModels({ service, settings, keys, gate, log }),
    ...registerCompareCommand({
      extensionUri: context.extensionUri, service, gate, codeActions, globalState: context.globalState, log, pickModelOnce: () => pickModelOnce(modelDeps),
      get controller() {
        return controller();
      },
    }),
  );
  void offerKeyImport(keyDeps, env);
  log.info(`activated in the ${runsInNode() ? 'Node' : 'web-worker'} extension host of VS Code ${vscode.version} (${vscode.env.appHost})`);
  return {
    hasKey: async () => (await keys.get()) !== undefined,
    spendSummary: () => recorder.settledSummary(),
    statusBarText: async () => {
      await recorder.settledSummary();
      return statusBar.text;
    },
    statusBarTooltip: async () => {
      await recorder.settledSummary();
      await service.keyInfo.refresh();
      await keySpend.update();
      return statusBar.tooltip;
    },
    ledgerRecords: async () => {
      await service.idle();
      await recorder.settledSummary();
      return ledger.all();
    },
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions; each answer awaits its history save and ledger write as it ends.
}
