import * as vscode from 'vscode';
import { StateKey } from '../../constants';
import { assertNever } from '../../core/assert-never';
import { Conversation } from '../../core/conversation/conversation';
import type { AskResult, ConversationEffect, ConversationInput } from '../../core/conversation/conversation-io';
import type { FoundInstructions } from '../../core/conversation/request-extras';
import { PanelChannel } from '../../core/conversation/panel-channel';
import { ChatSearch } from '../../core/chat/history-search';
import { isCodeBlockMessage, isCompletionMessage, panelInput } from '../../core/conversation/panel-input';
import type { Attachment, UserCommand, UserTurn } from '../../core/chat/model';
import type { AdoptedAnswer } from '../../core/compare/winner';
import type { ChatRequest } from '../../core/openrouter/http';
import { newId } from '../../core/ids';
import type { HostToWebview, WebviewToHost } from '../../protocol/messages';
import type { ApiKeyStore } from '../api-key';
import type { BudgetGate } from '../spend/budget-gate';
import type { SettledCost } from '../spend/recorder';
import { Disposable } from '../disposable';
import type { ChatHistoryStore } from '../history-store';
import type { OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';
import { ChatLibrary } from './chat-library';
import type { CodeActions } from './code-actions';
import { ComposerAssist } from './composer-assist';
import { captureContext } from './editor-context';
import { readDroppedFiles } from './dropped-files';
import { recentModels } from '../commands/model-commands';
import { isLibraryEffect, LibraryEffects } from './library-effects';
import { runPanelAction } from './panel-actions';
import { RequestRunner } from './request-runner';

const NOTHING_TO_RUN: Promise<void> = Promise.resolve();

export interface ChatControllerDeps {
  service: OpenRouterService;
  /** Checks budgets before each request; absent, every request goes. */
  gate?: BudgetGate;
  settings: ExtensionSettings;
  keys: ApiKeyStore;
  history: ChatHistoryStore;
  codeActions: CodeActions;
  globalState: vscode.Memento;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
  /** Asks for a model for one answer, leaving the default as it is; undefined when the person cancels. */
  pickModelOnce?: () => Promise<string | undefined>;
  /** Estimated costs settled against /generation, to show in the answers they belong to. */
  onDidSettleCost?: vscode.Event<SettledCost>;
  /** The spend totals changed: the composer says again whether the draft fits the budgets. */
  onDidChangeSpend?: vscode.Event<void>;
  /** The project's instructions, as last read, and each reading after a change. */
  instructions?: { readonly current: FoundInstructions; readonly onDidChange: vscode.Event<FoundInstructions> };
}

/**
 * The VS Code side of the conversation core (`core/conversation/`): it feeds the core the panel's messages,
 * the settings, the key and each request's events, and runs the effects the core asks for. It works without a
 * webview too (commands stream into it while the panel is closed).
 */
export class ChatController extends Disposable {
  private readonly core: Conversation;
  private readonly library: ChatLibrary;
  private readonly panel: PanelChannel;
  private readonly loaded: Promise<void>;
  private readonly requests: RequestRunner;
  private readonly libraryEffects: LibraryEffects;
  private readonly assist: ComposerAssist;
  /**
   * Storage writes, one at a time in the order the core asked for them: a chat saved as its answer ends must not
   * overwrite the pointer to the new chat opened after it, and an answer is reported only once its chat is saved.
   */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ChatControllerDeps) {
    super();
    this.core = new Conversation({
      settings: deps.settings.current,
      preset: deps.globalState.get<string>(StateKey.activePreset),
      draft: deps.workspaceState.get<string>(StateKey.composerDraft) ?? '',
      now: Date.now,
      newId,
      modelFacts: (model) => deps.service.catalogue.find(model),
      budgetRoom: () => deps.gate?.roomNow(),
      recentModels: () => recentModels(deps.globalState),
    });
    this.panel = new PanelChannel(this.core);
    this.requests = new RequestRunner(deps.service, deps.gate, (input) => void this.dispatch(input), deps.log);
    this.library = new ChatLibrary(deps.history, deps.workspaceState, deps.log, (chats) => void this.dispatch({ type: 'chats', chats }));
    this.libraryEffects = this._register(new LibraryEffects(
      this.library, new ChatSearch(deps.history), (input) => this.untilIdle(input).then(() => undefined), (work) => this.write(work),
    ));
    this.assist = new ComposerAssist({
      settings: deps.settings,
      post: (message) => this.panel.send(() => message),
      // Read, never changed, outside a dispatch: the chips to check before sending.
      attachments: () => this.core.composer.attachments,
      dispatch: (input) => this.untilIdle(input),
    });
    this.loaded = this.restore();
    this._register(this.panel);
    this._register(deps.settings.onDidChange(() => {
      void this.dispatch({ type: 'settings', settings: deps.settings.current });
      this.completeEstimate();
    }));
    this._register(deps.keys.onDidChange((hasKey) => void this.dispatch({ type: 'key', hasKey })));
    if (deps.onDidChangeSpend) this._register(deps.onDidChangeSpend(() => void this.dispatch({ type: 'budgetChanged' })));
    if (deps.instructions) this._register(deps.instructions.onDidChange((instructions) => void this.dispatch({ type: 'instructions', instructions })));
    if (deps.instructions?.current) void this.dispatch({ type: 'instructions', instructions: deps.instructions.current });
    if (deps.onDidSettleCost) this._register(deps.onDidSettleCost(({ chatId, generationId, usd }) => {
      if (chatId === this.core.chat.id) void this.dispatch({ type: 'costSettled', generationId, usd });
      else if (chatId) this.library.settleCost(chatId, generationId, usd).catch((error: unknown) => deps.log.error(`chat: could not settle a saved answer's cost: ${String(error)}`));
    }));
  }

  /** Connects a ready webview; everything it needs comes in the snapshot. */
  async connect(post: (message: HostToWebview) => void): Promise<void> {
    this.panel.connect(post);
    await this.loaded;
    await this.dispatch({ type: 'refresh' });
    this.completeEstimate();
  }

  disconnect(): void {
    this.panel.disconnect();
  }

  async handle(message: WebviewToHost): Promise<void> {
    if (isCodeBlockMessage(message)) return this.deps.codeActions.run(message);
    await this.loaded;
    if (isCompletionMessage(message)) return this.assist.handle(message);
    if (message.type === 'chat/send') return this.assist.send(message.text);
    await this.untilIdle(panelInput(message));
  }

  /**
   * Sends a message in the current chat and resolves when the answer has ended; a command's turn (`command`) shows
   * `text` and sends the command's instruction in its place.
   */
  async send(text: string, extra: readonly Attachment[] = [], command?: UserCommand): Promise<AskResult> {
    await this.loaded;
    if (this.core.busy) return { text: '', error: { kind: 'busy', message: 'An answer is still streaming; stop it first.' } };
    return this.untilIdle({ type: 'send', text, attachments: extra, ...(command ? { command } : {}) });
  }

  /** Whether the open chat has no messages yet, once the saved one is restored. */
  async openChatIsEmpty(): Promise<boolean> {
    await this.loaded;
    return this.core.chat.turns.length === 0;
  }

  /** The open chat's turns so far: what a comparison's requests carry when the user keeps them. */
  async earlierTurns(): Promise<number> {
    await this.loaded;
    return this.core.chat.turns.length;
  }

  /** The composer's draft, which a comparison started from the panel asks about. */
  get draft(): string {
    return this.core.composerState().draft;
  }

  /** The composer's chips and attachments, which a comparison started from the panel sends with its prompt. */
  get composerAttachments(): readonly Attachment[] {
    return this.core.composer.attachments;
  }

  /** A comparison took the composer's message: the composer empties, as sending empties it. */
  composerSent(): Promise<void> {
    return this.dispatch({ type: 'composerSent' });
  }

  /** The message of a comparison the person cancelled, back in the composer (unless something was typed since). */
  draftBack(text: string): Promise<void> {
    return this.dispatch({ type: 'draftBack', text });
  }

  /**
   * The request a comparison sends `model`: the question after the chat's turns (or alone), shaped by the active
   * preset like the chat's own, and without fallbacks, since the point is to see what each model does.
   */
  comparisonRequest(question: Pick<UserTurn, 'text' | 'attachments'>, keepHistory: boolean, model: string): ChatRequest {
    const turn: UserTurn = { id: 'compare-question', role: 'user', createdAt: Date.now(), ...question, attachments: [...question.attachments] };
    const turns = keepHistory ? [...this.core.chat.turns, turn] : [turn];
    return { ...this.core.choice.requestFor(turns, model, this.core.chat.id), fallbacks: [] };
  }

  /** A comparison's picked answer joins the open chat, which continues with its model; false while one streams. */
  async adopt(adopted: AdoptedAnswer): Promise<boolean> {
    await this.loaded;
    if (this.core.busy) return false;
    await this.dispatch({ type: 'adoptAnswer', ...adopted });
    return true;
  }

  /** Whether an answer is streaming. */
  get busy(): boolean {
    return this.core.busy;
  }

  /** Starts a new chat; an answer still streaming is stopped first, and saved in the chat it belongs to. */
  async newChat(): Promise<void> {
    await this.loaded;
    await this.untilIdle({ type: 'newChat' });
  }

  /** The model new answers use: the active preset's, or the default. */
  get model(): string {
    return this.core.model;
  }

  /** The active preset, if it still exists in the settings. */
  get preset(): string | undefined {
    return this.core.preset;
  }

  /** Picks the model for new answers; it leaves the active preset, whose model would otherwise win. */
  pickModel(model: string): Promise<void> {
    return this.dispatch({ type: 'pickModel', model });
  }

  pickPreset(preset: string | undefined): Promise<void> {
    return this.dispatch({ type: 'pickPreset', preset });
  }

  private async restore(): Promise<void> {
    // The key first, on its own: a change of key while the history loads must not be undone by this reading of it.
    await this.dispatch({ type: 'key', hasKey: (await this.deps.keys.get()) !== undefined });
    const chat = await this.library.restore();
    await this.dispatch({ type: 'restored', chat, chats: this.library.chats });
  }

  /** Runs `input`, then waits until no answer is in flight (its own, or the one it had to stop first): how it ended. */
  private async untilIdle(input: ConversationInput): Promise<AskResult> {
    const applied = this.dispatch(input);
    const answer = this.requests.ended(this.core.inFlight);
    await applied;
    return answer;
  }

  private write(work: () => Thenable<void> | Promise<void>): Promise<void> {
    this.writes = this.writes.then(work).catch((error: unknown) => this.deps.log.error(`chat: could not write: ${String(error)}`));
    return this.writes;
  }

  /** Runs one input through the core: the panel's updates at once, then its effects in order. */
  private dispatch(input: ConversationInput): Promise<void> {
    const step = this.core.dispatch(input);
    for (const update of step.panel) this.panel.update(update);
    // Most inputs (every streamed token among them) ask for no effect: no promises to make for those.
    if (step.effects.length === 0) return NOTHING_TO_RUN;
    return Promise.all(step.effects.map((effect) => this.run(effect))).then(() => undefined);
  }

  private async run(effect: ConversationEffect): Promise<void> {
    if (isLibraryEffect(effect)) return this.libraryEffects.run(effect);
    switch (effect.type) {
      case 'request':
        return this.requests.start(effect.requestId, effect.request, effect.overBudget);
      case 'abort':
        return this.requests.abort(effect.requestId);
      case 'save':
        return this.write(() => this.library.save(effect.chat));
      case 'setCurrent':
        return this.write(() => this.library.setCurrent(effect.chatId));
      case 'persistDraft':
        return this.write(() => this.deps.workspaceState.update(StateKey.composerDraft, effect.text));
      case 'persistSelection':
        await this.deps.globalState.update(StateKey.activePreset, effect.preset);
        if (effect.defaultModel) await this.deps.settings.update('defaultModel', effect.defaultModel);
        return;
      case 'persistReasoning':
        return this.deps.settings.update('reasoning', effect.reasoning);
      case 'pickModelFor': {
        const model = await this.deps.pickModelOnce?.();
        if (model) await this.untilIdle({ type: 'regenerate', turnId: effect.turnId, model });
        return;
      }
      case 'copy':
        return this.deps.codeActions.copy(effect.text, effect.what);
      case 'capture': {
        const captured = await captureContext(effect.kind, effect.skip);
        if (typeof captured === 'string') void vscode.window.showInformationMessage(captured);
        else await this.dispatch({ type: 'attach', attachment: captured });
        return;
      }
      case 'readDropped':
        for (const read of await readDroppedFiles(effect.uris)) this.panel.send(() => read);
        return;
      case 'refuse':
        return this.panel.update({ type: 'composer/notice', text: effect.text });
      case 'runAction':
        return runPanelAction(effect.action, effect.query);
      case 'inform':
        void vscode.window.showInformationMessage(effect.text);
        return;
      case 'notify':
        void vscode.window.setStatusBarMessage(`$(warning) OpenRouter: ${effect.text}`, 8000);
        return;
      case 'answered': {
        // Reported after the chat's save, which an earlier effect of the same step queued.
        await this.writes;
        return this.requests.answered(effect.requestId, effect.result);
      }
      default:
        assertNever(effect);
    }
  }

  /**
   * The pre-send estimate needs the model's prices and context window. The model list is otherwise read only when
   * a request is made (and dropped when settings change), so load it now rather than leave the next message without.
   */
  private completeEstimate(): void {
    const { catalogue } = this.deps.service;
    if (!catalogue.find(this.core.model)) void catalogue.get().then(() => this.dispatch({ type: 'modelsLoaded' }));
  }
}
