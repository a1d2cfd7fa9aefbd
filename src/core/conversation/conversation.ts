// The conversation behind the chat panel, as a state machine: the open chat, the answer in flight, the composer and
// the model in use. Each input returns the panel's updates and the effects for the host to run; nothing here waits,
// touches the editor or the network, so every rule and race is unit-tested in plain Node.
import { assertNever } from '../assert-never';
import type { PanelState } from '../../protocol/messages';
import { AnswerStream, answerTurnFor, askResult, startNotices } from './answer-stream';
import { answerAgain, answerToRegenerate, browseVersion, type AnswerAgain } from './answer-again';
import { carryVersions } from '../chat/answer-versions';
import { attach } from './attachments';
import { budgetBlockedError, fittingModelFor } from './budget-block';
import { hostRequest } from './host-requests';
import { Composer, composerInput } from './composer';
import { DeletionUndo, type UndoableDeletion } from './deletion-undo';
import type { ConversationEffect, ConversationInput, ConversationOptions, ConversationSettings, PanelUpdate, Step } from './conversation-io';
import type { AssistantTurn, Attachment, Chat, ChatSummary, UserCommand, UserTurn } from '../chat/model';
import { editedQuestion, questionTitle, questionToResend } from '../chat/command-turns';
import { settleAnswerCost } from '../chat/turns';
import { adoptAnswer } from '../compare/winner';
import { pageOfTurns } from '../chat/history-index';
import { olderPageSize } from '../chat/older-pages';
import { ModelChoice } from './model-choice';
import { RequestExtras } from './request-extras';
import { blankChat } from '../chat/blank-chat';

/** Turns in a snapshot; older ones load on demand, so a 2,000-message chat opens as fast as a short one. */
export const SNAPSHOT_TURNS = 40;

/** What to do once the answer in flight has ended: switching chats waits for it, so its end is saved where it began. */
type AfterAnswer = Extract<ConversationInput, { type: 'newChat' | 'openChat' | 'chatDeleted' }>;

export class Conversation {
  private chatNow: Chat;
  private chatList: ChatSummary[] = [];
  private keySet = false;
  readonly choice: ModelChoice;
  readonly composer: Composer;
  private readonly extras = new RequestExtras();
  private readonly deletions = new DeletionUndo();
  private answer: AnswerStream | undefined;
  private afterAnswer: AfterAnswer | undefined;
  /** Set when the open chat was deleted mid-answer: its end must not write the chat back. */
  private discardAnswer = false;
  private out: Step = { panel: [], effects: [] };

  constructor(private readonly options: ConversationOptions) {
    this.choice = new ModelChoice(options.settings, options.preset, options.modelFacts, options.recentModels);
    this.composer = new Composer(options.draft);
    this.chatNow = blankChat(this.options.newId('chat'), this.options.now(), this.model);
  }

  get chat(): Chat {
    return this.chatNow;
  }

  get busy(): boolean {
    return this.answer !== undefined;
  }

  /** The request id of the answer in flight. */
  get inFlight(): string | undefined {
    return this.answer?.requestId;
  }

  /** The model the next answer uses: the active preset's, or the default. */
  get model(): string {
    return this.choice.model;
  }

  /** The active preset, if it still exists in the settings. */
  get preset(): string | undefined {
    return this.choice.preset;
  }

  private get settings(): ConversationSettings { return this.choice.settings; }

  canRegenerate(turnId: string): boolean { return answerToRegenerate(this.chatNow, turnId, this.busy) !== undefined; }

  dispatch(input: ConversationInput): Step {
    this.out = { panel: [], effects: [] };
    this.handle(input);
    // A snapshot is built when it is posted, from the state this step ended in: it already holds everything the
    // step's other updates say, and the panel would apply them twice (a notice shown twice).
    if (this.out.panel.some((update) => update.type === 'snapshot')) this.out.panel = [{ type: 'snapshot' }];
    return this.out;
  }

  /** The panel's state as the webview renders it. */
  panelState(): PanelState {
    const { turns, olderCount } = pageOfTurns(this.chatNow.turns, this.chatNow.turns.length, SNAPSHOT_TURNS);
    return {
      hasKey: this.keySet,
      ...this.choice.header(),
      chat: { id: this.chatNow.id, title: this.chatNow.title, turns, olderCount },
      chats: this.chatList,
      ...(this.deletions.undoable ? { deleted: this.deletions.undoable } : {}),
      streaming: this.answer !== undefined,
      waiting: this.answer?.waiting ?? false,
      composer: this.composerState(),
    };
  }

  composerState(): PanelState['composer'] {
    const request = this.choice.requestFor(this.chatNow.turns, this.model, this.chatNow.id, this.extras.requestOptions(this.chatNow, this.settings));
    const alternatives = { candidates: this.choice.alternatives, factsOf: this.options.modelFacts, media: this.choice.mediaContext(request.model) };
    const facts = this.options.modelFacts(request.model);
    return { ...this.composer.state(request, facts, this.options.budgetRoom?.(), alternatives), ...this.extras.composer(this.chatNow, this.settings, facts?.pricing.webSearch) };
  }

  get chats(): ChatSummary[] { return this.chatList; }

  /** The deletion the chat list offers to undo. */
  get deletedChat(): UndoableDeletion | undefined {
    return this.deletions.undoable;
  }

  private handle(input: ConversationInput): void {
    switch (input.type) {
      case 'send':
        return this.send(input.text, input.attachments ?? [], input.command, input.typed);
      case 'stop':
        return this.stop();
      case 'regenerate':
      case 'retryWithMaxTokens':
      case 'continue':
        return this.answerAgain(answerAgain(this.chatNow, input, this.busy));
      case 'showVersion': {
        // Which version shows is part of the chat, saved as it is: no reason to move the chat up the list.
        const turn = browseVersion(this.chatNow, input.turnId, input.version, this.busy);
        if (!turn) return;
        this.effect({ type: 'save', chat: this.chatNow });
        return this.update({ type: 'chat/turn', turn });
      }
      case 'edit':
        return this.edit(input.turnId, input.text);
      case 'newChat':
      case 'openChat':
        return this.switchChat(input);
      case 'chatDeleted':
        return this.chatDeleted(input);
      case 'undoDelete':
        return this.deletionChanged(this.deletions.undo(input.chatId));
      case 'chatRestored':
        this.chatList = input.chats;
        // The open chat comes back open, unless something else was started since it was deleted.
        if (input.chat && input.reopen && this.chatNow.turns.length === 0 && !this.answer) return this.switchChat({ type: 'openChat', chat: input.chat });
        return this.update({ type: 'chats' });
      case 'undoExpired':
        return this.deletionChanged(this.deletions.expired(input.chatId, input.deletion));
      case 'newChatFrom':
        return this.newChatFrom(input.turnId);
      case 'pickModel':
        return this.pickModel(input.model);
      case 'adoptAnswer':
        if (this.answer) return;
        adoptAnswer(this.chatNow, input, this.options.now());
        this.pickModel(input.model);
        return this.save();
      case 'switchModel': {
        const again = answerAgain(this.chatNow, { type: 'regenerate', turnId: input.turnId, model: input.model }, this.busy);
        if (!again) return;
        this.pickModel(input.model);
        return this.answerAgain(again);
      }
      case 'pickPreset':
        return this.changeChoice(this.choice.pickPreset(input.preset));
      case 'pickEffort':
        return this.changeChoice(this.choice.pickEffort(input.model, input.effort));
      case 'draft':
      case 'attach':
      case 'attachMedia':
      case 'detach':
      case 'composerSent': case 'draftBack': {
        const { changed, effects } = composerInput(this.composer, input);
        this.out.effects.push(...effects);
        return changed ? this.update({ type: 'composer' }) : undefined;
      }
      case 'chatOption':
      case 'instructions':
        if (!this.extras.apply(input, this.chatNow)) return;
        if (input.type === 'chatOption' && this.chatNow.turns.length > 0) this.effect({ type: 'save', chat: this.chatNow });
        return this.update({ type: 'composer' });
      case 'older':
        return this.older(input.chatId, input.before, input.count);
      case 'regenerateWith':
      case 'copyAnswer':
      case 'open':
      case 'delete':
      case 'rename':
      case 'searchChats':
      case 'attachContext':
      case 'dropUris':
      case 'runAction':
      case 'export': {
        const view = { chat: this.chatNow, attachments: this.composer.attachments, canRegenerate: (id: string) => this.canRegenerate(id) };
        const effect = hostRequest(input, view);
        if (effect) this.effect(effect);
        return;
      }
      case 'costSettled':
        // Saved as it is: a settled cost is no reason to move the chat to the top of the list.
        if (!settleAnswerCost(this.chatNow, input.generationId, input.usd)) return;
        this.effect({ type: 'save', chat: this.chatNow });
        return this.update({ type: 'snapshot' });
      case 'chatsFound':
        return this.update({ type: 'chats/found', ...input.result });
      case 'restored':
        this.chatList = input.chats;
        // Something typed or sent while the history loaded wins over the chat it would have restored.
        if (input.chat && this.chatNow.turns.length === 0 && !this.answer) this.chatNow = input.chat;
        return this.update({ type: 'snapshot' });
      case 'settings':
        this.choice.settings = input.settings;
        return this.update({ type: 'snapshot' });
      case 'key':
        this.keySet = input.hasKey;
        return this.update({ type: 'snapshot' });
      case 'chats':
        this.chatList = input.chats;
        return this.update({ type: 'chats' });
      case 'refresh':
      case 'modelsLoaded':
        // The header too: the effort control shows once the catalogue says the model has efforts.
        return this.update({ type: 'snapshot' });
      case 'budgetChanged':
        return this.update({ type: 'composer' });
      case 'blocked':
        return this.blocked(input);
      case 'clamped':
        if (this.answer?.requestId !== input.requestId) return;
        this.deltas(this.answer.notice({ kind: 'clamped', text: input.text }));
        return this.effect({ type: 'notify', text: input.text });
      case 'engine':
        if (this.answer?.requestId !== input.requestId) return;
        this.deltas(this.answer.apply(input.event));
        if (this.answer.ended) this.finishAnswer();
        return;
      case 'engineEnded':
        if (this.answer?.requestId !== input.requestId) return;
        // The engine always ends with done or error; this guards the panel against a turn spinning forever.
        this.deltas(this.answer.fail({ kind: 'invalid_response', message: 'The answer ended unexpectedly.', actions: ['retry'] }));
        return this.finishAnswer();
      default:
        return assertNever(input);
    }
  }

  private send(text: string, extra: readonly Attachment[], command?: UserCommand, typed = false): void {
    if (this.answer) return;
    // Ask's context joins the composer's by the same rules, so a file goes once. An editor command's turn is its own:
    // the draft and its chips stay for the person's next message (a command typed in the composer takes them).
    const attachments = extra.reduce((all, next) => attach(all, next).attachments, command && !typed ? [] : this.composer.takeForSending());
    if (!command || typed) this.effect({ type: 'persistDraft', text: '' });
    this.update({ type: 'composer' });
    this.ask({ id: this.options.newId('turn'), role: 'user', text, createdAt: this.options.now(), attachments, ...(command ? { command } : {}) });
  }

  /**
   * A question joins the chat (naming it, when it is the first) and is answered. It is saved beside its request, so
   * a crash mid-answer keeps it; the answer is saved at its end.
   */
  private ask(user: UserTurn): void {
    if (this.chatNow.turns.length === 0) this.chatNow.title = questionTitle(user);
    this.chatNow.turns.push(user);
    this.chatNow.updatedAt = this.options.now();
    this.effect({ type: 'save', chat: { ...this.chatNow, turns: [...this.chatNow.turns] } });
    this.update({ type: 'chat/turn', turn: user });
    this.startAnswer();
  }

  private stop(): void {
    if (this.answer) this.effect({ type: 'abort', requestId: this.answer.requestId });
  }

  /** The model in use is one thing: picking one leaves the preset, rather than be silently overruled by it. */
  private pickModel(model: string): void {
    this.changeChoice(this.choice.pickModel(model));
  }

  /** A change of model, preset or effort, persisted and shown in the header; nothing when it was refused. */
  private changeChoice(effect: ConversationEffect | undefined): void {
    if (!effect) return;
    this.effect(effect);
    this.update({ type: 'snapshot' });
  }

  /** Regenerate, Retry or Continue With, as answer-again.ts took them: the earlier answer stays, as a version. */
  private answerAgain(again: AnswerAgain | undefined): void {
    if (!again) return;
    this.update({ type: 'snapshot' });
    this.startAnswer(again.continuing, again.model, again.maxTokens, again.overBudget);
    if (again.previous && this.answer) carryVersions(again.previous, this.answer.turn);
  }

  /** Replaces a question, drops what followed it, and asks again; the composer's draft is left alone. */
  private edit(turnId: string, text: string): void {
    const index = this.chatNow.turns.findIndex((t) => t.role === 'user' && t.id === turnId);
    if (this.answer || index < 0 || !text.trim()) return;
    const original = this.chatNow.turns[index] as UserTurn;
    this.chatNow.turns.splice(index);
    this.update({ type: 'snapshot' });
    this.ask({ ...editedQuestion(original, text), id: this.options.newId('turn'), createdAt: this.options.now() });
  }

  /** A chat was deleted: the list offers Undo for it, and the open chat closes if it was the one. */
  private chatDeleted(input: Extract<ConversationInput, { type: 'chatDeleted' }>): void {
    const title = this.chatList.find((c) => c.id === input.chatId)?.title ?? (input.chatId === this.chatNow.id ? this.chatNow.title : 'Chat');
    this.chatList = input.chats;
    this.deletionChanged(this.deletions.deleted({ chatId: input.chatId, title, reopen: input.chatId === this.chatNow.id }, input.undoable));
    this.switchChat(input);
  }

  /** Effects of a deletion's start, undo or end; the list's Undo row changes with them. */
  private deletionChanged(effects: readonly ConversationEffect[]): void {
    if (effects.length === 0) return;
    this.out.effects.push(...effects);
    this.update({ type: 'chats' });
  }

  /** A new chat, a saved one or the open one deleted: at once when idle, else once the answer in flight has ended. */
  private switchChat(input: AfterAnswer): void {
    if (input.type === 'openChat' && input.chat.id === this.chatNow.id) return;
    if (input.type === 'chatDeleted' && input.chatId !== this.chatNow.id) return this.update({ type: 'snapshot' });
    if (this.answer) {
      if (input.type === 'chatDeleted') this.discardAnswer = true;
      this.afterAnswer = input;
      return this.stop();
    }
    this.chatNow = input.type === 'openChat' ? input.chat : blankChat(this.options.newId('chat'), this.options.now(), this.model);
    this.effect({ type: 'setCurrent', chatId: this.chatNow.id });
    this.update({ type: 'snapshot' });
  }

  /** A new chat with the question `answerId` answered back in the composer, with its attachments, to send again. */
  private newChatFrom(answerId: string): void {
    const turns = this.chatNow.turns;
    const index = turns.findIndex((t) => t.role === 'assistant' && t.id === answerId);
    const question = turns.slice(0, Math.max(0, index)).reverse().find((t): t is UserTurn => t.role === 'user');
    if (this.answer || !question) return;
    this.switchChat({ type: 'newChat' });
    this.composer.restore(questionToResend(question));
    this.effect({ type: 'persistDraft', text: this.composer.text });
    this.update({ type: 'composer' });
  }

  private older(chatId: string, before: number, count: number | undefined): void {
    if (chatId !== this.chatNow.id) return;
    this.update({ type: 'history/older', chatId, ...pageOfTurns(this.chatNow.turns, before, olderPageSize(count)) });
  }

  /**
   * Starts the next answer: a new turn, or `continuing` a broken one, which the model carries on from its text.
   * `maxTokens` overrides the preset's and the settings' limit for this request only.
   */
  private startAnswer(continuing?: AssistantTurn, model = this.model, maxTokens?: number, overBudget = false): void {
    const request = this.choice.requestFor(this.chatNow.turns.filter((t) => t !== continuing), model, this.chatNow.id, this.extras.requestOptions(this.chatNow, this.settings));
    if (maxTokens !== undefined) request.max_tokens = maxTokens;
    const turn = answerTurnFor(request, continuing, () =>
      ({ id: this.options.newId('turn'), role: 'assistant', text: '', reasoning: '', status: 'streaming', createdAt: this.options.now(), notices: [] }));
    if (!continuing) this.chatNow.turns.push(turn);
    // A continued answer changed in place (error gone, streaming again): the panel redraws it from a snapshot.
    this.update(continuing ? { type: 'snapshot' } : { type: 'chat/turn', turn });
    this.answer = new AnswerStream(this.options.newId('req'), turn, request, (id) => this.options.modelFacts(id)?.pricing);
    for (const notice of startNotices(maxTokens, overBudget)) this.deltas(this.answer.notice(notice));
    this.effect({ type: 'request', requestId: this.answer.requestId, request, ...(overBudget ? { overBudget } : {}) });
  }

  private blocked({ requestId, reason, limit, room }: Extract<ConversationInput, { type: 'blocked' }>): void {
    if (this.answer?.requestId !== requestId) return;
    // Nothing was sent; the question stays, and the card offers the ways on (budget-block.ts).
    const fitting = room ? fittingModelFor(this.answer.request, room, this.settings, this.options.modelFacts) : undefined;
    this.deltas(this.answer.fail(budgetBlockedError(reason, limit, fitting)));
    this.finishAnswer();
  }

  /** The answer in flight has ended: save the chat, report the result, then do what waited for the end. */
  private finishAnswer(): void {
    const answer = this.answer;
    if (!answer) return;
    this.answer = undefined;
    if (this.discardAnswer) this.discardAnswer = false;
    else this.save();
    this.effect({ type: 'answered', requestId: answer.requestId, result: askResult(answer.turn) });
    const after = this.afterAnswer;
    this.afterAnswer = undefined;
    if (after) this.switchChat(after);
  }

  private save(): void {
    if (this.chatNow.turns.length === 0) return;
    this.chatNow.updatedAt = this.options.now();
    this.chatNow.model = this.model;
    this.effect({ type: 'save', chat: this.chatNow });
  }

  private update(update: PanelUpdate): void { this.out.panel.push(update); }
  private deltas(deltas: readonly PanelUpdate[]): void { this.out.panel.push(...deltas); }
  private effect(effect: ConversationEffect): void { this.out.effects.push(effect); }
}
