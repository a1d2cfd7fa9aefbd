import * as vscode from 'vscode';
import { StateKey } from '../../constants';
import { chatToMarkdown } from '../../core/chat/export';
import type { AssistantTurn, Attachment, Chat, ChatSummary, Turn, UserTurn } from '../../core/chat/model';
import { chatTitle, emptyChat, newId, requestMessages } from '../../core/chat/turns';
import type { ChatRequest } from '../../core/openrouter/http';
import { answerEndMessage, type HostToWebview, type PanelState, type WebviewToHost } from '../../protocol/messages';
import type { ApiKeyStore } from '../api-key';
import type { BudgetGate } from '../budget-gate';
import { Disposable } from '../disposable';
import type { ChatHistoryStore } from '../history-store';
import type { OpenRouterService } from '../openrouter-service';
import type { ExtensionSettings } from '../settings';
import { runAnswer } from './answer-run';
import { isCodeBlockMessage, type CodeActions } from './code-actions';
import { ChatLibrary } from './chat-library';
import { ComposerDraft } from './composer-draft';
import { composerState } from './composer-state';
import { runPanelAction } from './panel-actions';
import { PanelChannel } from './panel-channel';

/** Turns in a snapshot; older ones load on demand, so a 2,000-message chat opens as fast as a short one. */
const SNAPSHOT_TURNS = 40;

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
}

export interface AskResult {
  text: string;
  model?: string;
  cost?: number;
  error?: { kind: string; message: string };
}

/**
 * The conversation behind the chat panel. It owns all state; the webview renders snapshots and numbered deltas.
 * It works without a webview too (commands stream into it while the panel is closed), and a webview that reloads
 * mid-answer gets a snapshot holding everything streamed so far.
 */
export class ChatController extends Disposable {
  private chat: Chat;
  private readonly library: ChatLibrary;
  private streaming: { turnId: string; abort: AbortController; done: Promise<void> } | undefined;
  private waiting = false;
  private readonly composerDraft: ComposerDraft;
  private readonly panel = new PanelChannel();
  private hasKey = false;
  private readonly loaded: Promise<void>;

  constructor(private readonly deps: ChatControllerDeps) {
    super();
    this.chat = emptyChat(this.model());
    this.composerDraft = new ComposerDraft(deps.workspaceState);
    const listChanged = (chats: ChatSummary[]): void => this.panel.send(() => ({ type: 'chats/list', chats }));
    this.library = new ChatLibrary(deps.history, deps.workspaceState, deps.log, listChanged);
    this.loaded = this.restore();
    this._register(this.panel);
    this._register(deps.settings.onDidChange(() => {
      this.sendSnapshot();
      this.completeEstimate();
    }));
    this._register(deps.keys.onDidChange((hasKey) => {
      this.hasKey = hasKey;
      this.sendSnapshot();
    }));
  }

  /** Connects a ready webview; everything it needs comes in the snapshot. */
  async connect(post: (message: HostToWebview) => void): Promise<void> {
    this.panel.connect(post);
    await this.loaded;
    this.sendSnapshot();
    this.completeEstimate();
  }

  disconnect(): void {
    this.panel.disconnect();
  }

  /** Refreshes the panel after something outside it changed (the preset, the model). */
  refresh(): void {
    this.sendSnapshot();
  }

  async handle(message: WebviewToHost): Promise<void> {
    if (isCodeBlockMessage(message)) return this.deps.codeActions.run(message);
    switch (message.type) {
      case 'webview/ready':
      case 'webview/resync':
        this.sendSnapshot();
        return;
      case 'chat/send':
        await this.send(message.text);
        return;
      case 'chat/stop':
        this.stop();
        return;
      case 'chat/regenerate':
        await this.regenerate(message.turnId);
        return;
      case 'chat/regenerateWith': {
        // Asked first, so the picker only opens for an answer that can still be regenerated, and again after it.
        if (!this.canRegenerate(message.turnId)) return;
        const model = await this.deps.pickModelOnce?.();
        if (model) await this.regenerate(message.turnId, model);
        return;
      }
      case 'chat/continue':
        await this.continueWith(message.turnId, message.model);
        return;
      case 'chat/copy':
        await this.copyAnswer(message.turnId);
        return;
      case 'chat/edit':
        await this.edit(message.turnId, message.text);
        return;
      case 'chat/new':
        await this.newChat();
        return;
      case 'chat/newFrom':
        await this.newChatFrom(message.turnId);
        return;
      case 'chat/open':
        await this.open(message.chatId);
        return;
      case 'chat/delete':
        await this.delete(message.chatId);
        return;
      case 'chat/rename':
        await this.library.rename(message.chatId, this.chat);
        return;
      case 'chat/export':
        await this.exportChat(message.chatId);
        return;
      case 'history/older':
        this.sendOlder(message.chatId, message.before);
        return;
      case 'composer/draft':
        this.composerDraft.setText(message.text);
        this.postComposer();
        return;
      case 'context/attach':
        if (await this.composerDraft.attach(message.kind)) this.postComposer();
        return;
      case 'context/remove':
        this.composerDraft.remove(message.index);
        this.postComposer();
        return;
      case 'action/run':
        await runPanelAction(message.action);
        return;
    }
  }

  /** Sends a message in the current chat and resolves when the answer has ended. */
  async send(text: string, extra: readonly Attachment[] = []): Promise<AskResult> {
    await this.loaded;
    if (this.streaming) return { text: '', error: { kind: 'busy', message: 'An answer is still streaming; stop it first.' } };
    const attachments = [...this.composerDraft.takeForSending(), ...extra];
    const user: UserTurn = { id: newId('turn'), role: 'user', text, createdAt: Date.now(), attachments };
    if (this.chat.turns.length === 0) this.chat.title = chatTitle(text);
    this.chat.turns.push(user);
    this.panel.emit({ type: 'chat/turn', turn: user });
    this.postComposer();
    return this.answer();
  }

  stop(): void {
    this.streaming?.abort.abort();
  }

  async newChat(): Promise<void> {
    this.stop();
    await this.streaming?.done;
    this.chat = emptyChat(this.model());
    await this.library.setCurrent(this.chat.id);
    this.sendSnapshot();
  }

  /** A new chat with the question `answerId` answered back in the composer, with its attachments, to send again. */
  private async newChatFrom(answerId: string): Promise<void> {
    const index = this.chat.turns.findIndex((t) => t.role === 'assistant' && t.id === answerId);
    const question = this.chat.turns.slice(0, Math.max(0, index)).reverse().find((t): t is UserTurn => t.role === 'user');
    if (this.streaming || !question) return;
    await this.newChat();
    this.composerDraft.restore(question);
    this.postComposer();
  }

  async exportChat(chatId?: string): Promise<string | undefined> {
    const chat = chatId && chatId !== this.chat.id ? await this.library.load(chatId) : this.chat;
    if (!chat) return undefined;
    const markdown = chatToMarkdown(chat);
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(document, { preview: false });
    return markdown;
  }

  /** The panel's state as the webview renders it. */
  snapshot(): PanelState {
    const turns = this.chat.turns;
    const first = Math.max(0, turns.length - SNAPSHOT_TURNS);
    return {
      hasKey: this.hasKey,
      model: this.model(),
      ...(this.preset() ? { preset: this.preset() } : {}),
      chat: { id: this.chat.id, title: this.chat.title, turns: turns.slice(first), olderCount: first },
      chats: this.library.chats,
      streaming: this.streaming !== undefined,
      waiting: this.waiting,
      composer: this.composer(),
    };
  }

  private model(): string {
    const preset = this.preset();
    return (preset ? this.deps.settings.current.presets[preset]?.model : undefined) ?? this.deps.settings.current.defaultModel;
  }

  private preset(): string | undefined {
    const name = this.deps.globalState.get<string>(StateKey.activePreset);
    return name && this.deps.settings.current.presets[name] ? name : undefined;
  }

  private async restore(): Promise<void> {
    this.hasKey = (await this.deps.keys.get()) !== undefined;
    this.chat = (await this.library.restore()) ?? this.chat;
  }

  private async answer(turn?: AssistantTurn, modelOverride?: string): Promise<AskResult> {
    const model = modelOverride ?? this.model();
    let request = this.requestFor(this.chat.turns.filter((t) => t !== turn), model);
    if (turn) {
      // Continuing: the partial answer goes last, as an assistant prefill the next model carries on from.
      request.messages = [...request.messages, { role: 'assistant', content: turn.text }];
      turn.status = 'streaming';
      delete turn.error;
    }
    const assistant: AssistantTurn = turn ?? { id: newId('turn'), role: 'assistant', text: '', reasoning: '', status: 'streaming', createdAt: Date.now(), notices: [] };
    if (!turn) {
      this.chat.turns.push(assistant);
      this.panel.emit({ type: 'chat/turn', turn: assistant });
    }
    const verdict = this.deps.gate ? await this.deps.gate.check(request) : { proceed: true as const, request };
    if (!verdict.proceed) {
      // Nothing was sent; the question stays, and Retry sends it once the budget allows.
      assistant.status = 'error';
      assistant.error = { kind: 'budget', message: verdict.reason, actions: ['retry'] };
      this.panel.emit(answerEndMessage(assistant));
      await this.save();
      return { text: '', error: { kind: 'budget', message: verdict.reason } };
    }
    request = verdict.request;
    if ('clamped' in verdict && verdict.clamped) {
      const notice = { kind: 'clamped' as const, text: verdict.clamped };
      assistant.notices.push(notice);
      this.panel.emit({ type: 'chat/notice', turnId: assistant.id, notice });
      void vscode.window.setStatusBarMessage(`$(warning) OpenRouter: ${verdict.clamped}`, 8000);
    }
    const abort = new AbortController();
    let finish = (): void => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    this.streaming = { turnId: assistant.id, abort, done };
    // A continued answer changed in place (error gone, streaming again): the panel redraws it from a snapshot.
    if (turn) this.sendSnapshot();
    await runAnswer(assistant, this.deps.service.chat(request, abort.signal), request, {
      emit: (delta) => {
        if (delta.type === 'chat/waiting') this.waiting = delta.waiting;
        if (delta.type === 'chat/end') this.streaming = undefined;
        this.panel.emit(delta);
      },
    });
    this.streaming = undefined;
    finish();
    await this.save();
    return {
      text: assistant.text,
      ...(assistant.meta && assistant.status === 'done' ? { model: assistant.meta.model } : {}),
      ...(assistant.meta?.cost !== undefined ? { cost: assistant.meta.cost.usd } : {}),
      ...(assistant.error ? { error: { kind: assistant.error.kind, message: assistant.error.message } } : {}),
      ...(assistant.status === 'stopped' ? { error: { kind: 'cancelled', message: 'Stopped.' } } : {}),
    };
  }

  /** Whether `turnId` is the last answer, and nothing is streaming: only that answer can be answered again. */
  private canRegenerate(turnId: string): boolean {
    const last = this.chat.turns.at(-1);
    return !this.streaming && last?.role === 'assistant' && last.id === turnId;
  }

  /** Answers the last question again, with `model` for this answer only when given. */
  private async regenerate(turnId: string, model?: string): Promise<void> {
    if (!this.canRegenerate(turnId)) return;
    this.chat.turns.pop();
    this.sendSnapshot();
    await this.answer(undefined, model);
  }

  private async copyAnswer(turnId: string): Promise<void> {
    const turn = this.chat.turns.find((t): t is AssistantTurn => t.role === 'assistant' && t.id === turnId);
    if (turn?.text) await this.deps.codeActions.copy(turn.text, 'Answer');
  }

  private async continueWith(turnId: string, model: string): Promise<void> {
    const turn = this.chat.turns.find((t): t is AssistantTurn => t.role === 'assistant' && t.id === turnId);
    if (this.streaming || !turn || turn !== this.chat.turns.at(-1)) return;
    turn.notices.push({ kind: 'fallback', text: `continued by ${model} after ${turn.meta?.model ?? 'the first model'} failed` });
    await this.answer(turn, model);
  }

  private async edit(turnId: string, text: string): Promise<void> {
    const index = this.chat.turns.findIndex((t) => t.role === 'user' && t.id === turnId);
    if (this.streaming || index < 0 || !text.trim()) return;
    const original = this.chat.turns[index] as UserTurn;
    this.chat.turns.splice(index);
    this.sendSnapshot();
    await this.send(text, original.attachments);
  }

  private async open(chatId: string): Promise<void> {
    if (chatId === this.chat.id) return;
    const chat = await this.library.open(chatId);
    if (chat) {
      this.stop();
      await this.streaming?.done;
      this.chat = chat;
      await this.library.setCurrent(chat.id);
    }
    this.sendSnapshot();
  }

  private async delete(chatId: string): Promise<void> {
    await this.library.delete(chatId);
    if (chatId === this.chat.id) await this.newChat();
    else this.sendSnapshot();
  }

  private async save(): Promise<void> {
    this.chat.updatedAt = Date.now();
    this.chat.model = this.model();
    await this.library.save(this.chat);
  }

  private sendOlder(chatId: string, before: number): void {
    if (chatId !== this.chat.id) return;
    const end = Math.min(before, this.chat.turns.length);
    const start = Math.max(0, end - SNAPSHOT_TURNS);
    this.panel.send(() => ({ type: 'history/older', chatId, turns: this.chat.turns.slice(start, end), olderCount: start }));
  }

  /** The request for the next answer after `turns`, as the active preset shapes it (system prompt, limits). */
  private requestFor(turns: readonly Turn[], model: string): ChatRequest {
    const preset = this.preset();
    const presetConfig = preset ? this.deps.settings.current.presets[preset] : undefined;
    return this.deps.service.buildRequest(requestMessages(turns, presetConfig?.systemPrompt), {
      model, maxTokens: presetConfig?.maxTokens, temperature: presetConfig?.temperature, sessionId: this.chat.id,
    });
  }

  private composer(): PanelState['composer'] {
    const request = this.requestFor(this.chat.turns, this.model());
    const { text: draft, attachments } = this.composerDraft;
    return composerState({ draft, attachments, request, model: this.deps.service.catalogue.find(request.model) });
  }

  /**
   * The pre-send estimate needs the model's prices and context window. The model list is otherwise read only when
   * a request is made (and dropped when settings change), so load it now rather than leave the next message without.
   */
  private completeEstimate(): void {
    const { catalogue } = this.deps.service;
    if (!catalogue.find(this.model())) void catalogue.get().then(() => this.postComposer());
  }

  private postComposer(): void {
    this.panel.send(() => ({ type: 'composer/state', composer: this.composer() }));
  }

  private sendSnapshot(): void {
    this.panel.snapshot(() => this.snapshot());
  }
}
