// The chat panel: builds the views, and applies what the host sends. The host owns all state; the panel mirrors
// it. A snapshot rebuilds everything; numbered deltas extend it, and a gap in their numbers asks for a snapshot.
import { assertNever } from '../core/assert-never';
import type { AnswerError, Turn } from '../core/chat/model';
import type { EndedAnswer, HostToWebview, PanelState, WebviewToHost } from '../protocol/messages';
import { Announcer } from './announcer';
import { ComposerView } from './composer/composer-view';
import { el, textButton } from './dom';
import { FrameScheduler } from './frame-scheduler';
import { HeaderView } from './header/header-view';
import type { HostBridge } from './host-bridge';
import { postingCodeActions } from './markdown/code-actions';
import { SeqGate } from './seq-gate';
import type { AssistantTurnView } from './transcript/assistant-turn-view';
import { TranscriptView } from './transcript/transcript-view';

const SAVE_SCROLL_DELAY_MS = 250;

type EndMessage = Extract<HostToWebview, { type: 'chat/end' }>;

export class ChatPanel {
  private readonly gate = new SeqGate();
  private readonly scheduler = new FrameScheduler();
  private readonly header: HeaderView;
  private readonly transcript: TranscriptView;
  private readonly composer: ComposerView;
  private readonly announcer = new Announcer();
  private readonly noKeyBanner: HTMLElement;
  private model = '';
  private firstSnapshot = true;
  private saveScrollTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement, private readonly bridge: HostBridge) {
    const post = (message: WebviewToHost): void => bridge.post(message);
    const focusComposer = (): void => this.composer.focus();
    // Compare starts from the draft: one typed a moment ago (still waiting for the typing pause) must reach the host first.
    this.header = new HeaderView((message) => {
      if (message.type === 'action/run' && message.action === 'compare') this.composer.flushDraft();
      post(message);
    }, focusComposer);
    this.transcript = new TranscriptView({
      context: {
        post,
        focusComposer,
        schedule: (task) => this.scheduler.schedule(task),
        codeActions: postingCodeActions(post),
      },
      currentModel: () => this.model,
      onScrolled: () => this.saveScrollSoon(),
    });
    this.composer = new ComposerView({ post, prompts: () => this.transcript.userPrompts(), announce: (text) => this.announcer.announce(text) });
    this.noKeyBanner = el('div', { className: 'no-key-banner', attrs: { role: 'region', 'aria-label': 'API key' } }, [
      el('p', { text: 'No OpenRouter API key is set.' }),
      textButton('Set Key', () => post({ type: 'action/run', action: 'set_key' }), 'text-button primary'),
    ]);
    this.noKeyBanner.hidden = true;
    root.replaceChildren(this.header.element, this.noKeyBanner, this.transcript.frame, this.composer.element, this.announcer.element);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.transcript.isStreaming && !event.defaultPrevented) {
        event.preventDefault();
        post({ type: 'chat/stop' });
      }
    });
  }

  receive(message: HostToWebview): void {
    switch (message.type) {
      case 'state/snapshot':
        this.gate.acceptSnapshot(message.seq);
        this.applySnapshot(message.state);
        return;
      case 'chat/turn':
        if (this.admit(message.seq)) this.addTurn(message.turn);
        return;
      case 'chat/delta':
        if (this.admit(message.seq)) this.withAnswer(message.turnId, (answer) => this.streamInto(answer, message.text));
        return;
      case 'chat/reasoning':
        if (this.admit(message.seq)) this.withAnswer(message.turnId, (answer) => {
          answer.appendReasoning(message.text);
          this.transcript.noteToken();
        });
        return;
      case 'chat/notice':
        if (this.admit(message.seq)) this.withAnswer(message.turnId, (answer) => answer.addNotice(message.notice));
        return;
      case 'chat/waiting':
        if (this.admit(message.seq)) this.transcript.setWaiting(message.waiting);
        return;
      case 'chat/end':
        if (this.admit(message.seq)) this.endAnswer(message);
        return;
      case 'history/older':
        if (message.chatId === this.transcript.currentChatId) this.transcript.prependOlder(message.turns, message.olderCount);
        return;
      case 'composer/state':
        this.composer.update(message.composer);
        return;
      case 'composer/fileRead':
        return this.composer.media.receiveFile(message.name, message.dataUrl);
      case 'composer/focus':
        this.composer.focus();
        return;
      case 'completion/items':
        this.composer.completions.receive(message);
        return;
      case 'composer/notice':
        this.composer.notice.show(message.text, message.draft);
        return;
      case 'chats/list':
        this.header.updateChats(message.chats, message.deleted);
        return;
      case 'chats/found':
        this.header.showFound(message);
        return;
      default:
        assertNever(message);
    }
  }

  private admit(seq: number): boolean {
    const verdict = this.gate.check(seq);
    if (verdict === 'gap') {
      console.warn(`openrouter chat: missed a message before seq ${seq}; asking for the whole state`);
      this.bridge.post({ type: 'webview/resync' });
    }
    return verdict === 'apply';
  }

  private resync(reason: string): void {
    console.warn(`openrouter chat: ${reason}; asking for the whole state`);
    this.gate.invalidate();
    this.bridge.post({ type: 'webview/resync' });
  }

  private applySnapshot(state: PanelState): void {
    this.scheduler.clear();
    this.model = state.model;
    this.header.update(state);
    this.noKeyBanner.hidden = state.hasKey;
    // Same chat (a resync): stay where the reader was. Re-created webview: where VS Code says it was. Else the end.
    const saved = this.firstSnapshot ? this.bridge.loadViewState() : undefined;
    this.firstSnapshot = false;
    const position = state.chat.id === this.transcript.currentChatId
      ? { top: this.transcript.scrollTop, atEnd: this.transcript.isAtEnd }
      : saved?.chatId === state.chat.id ? { top: saved.scrollTop, atEnd: saved.atBottom } : { top: 0, atEnd: true };
    this.transcript.reset(state.chat, state.streaming);
    this.transcript.setWaiting(state.waiting);
    this.composer.setStreaming(state.streaming);
    this.composer.update(state.composer);
    this.scheduler.schedule(() => (position.atEnd ? this.transcript.scrollToEnd() : this.transcript.scrollTo(position.top)));
  }

  private addTurn(turn: Turn): void {
    this.transcript.appendTurn(turn);
    if (turn.role === 'user') this.transcript.scrollToEnd();
    this.composer.setStreaming(this.transcript.isStreaming);
  }

  private withAnswer(turnId: string, update: (answer: AssistantTurnView) => void): void {
    const answer = this.transcript.answer(turnId);
    if (answer) update(answer);
    else this.resync(`a delta for an unknown answer ${turnId}`);
  }

  /**
   * Appends streamed text. An answer that is continued after it ended comes back as streaming in a snapshot first;
   * text for one still ended here means this view missed that, so it asks for the state again.
   */
  private streamInto(answer: AssistantTurnView, text: string): void {
    if (answer.isStreaming) {
      answer.appendText(text);
      this.transcript.noteToken();
    } else this.resync(`a delta for an answer that has ended (${answer.id})`);
  }

  private endAnswer(message: EndMessage): void {
    const { turn, meta, error } = message;
    const outcome = this.transcript.endAnswer(message);
    if (outcome !== 'ended') {
      this.resync(`the end of an answer (${turn.id}): ${outcome}`);
      return;
    }
    this.composer.setStreaming(false);
    this.announcer.announce(describeEnd(turn, meta?.model ?? turn.meta?.model, error ?? turn.error));
  }

  private saveScrollSoon(): void {
    if (this.saveScrollTimer !== undefined) return;
    this.saveScrollTimer = setTimeout(() => {
      this.saveScrollTimer = undefined;
      this.bridge.saveViewState({ chatId: this.transcript.currentChatId, scrollTop: this.transcript.scrollTop, atBottom: this.transcript.isAtEnd });
    }, SAVE_SCROLL_DELAY_MS);
  }
}

function describeEnd(turn: EndedAnswer, model: string | undefined, error: AnswerError | undefined): string {
  if (error || turn.status === 'error') return `Answer failed: ${error?.message ?? 'unknown error'}`;
  if (turn.status === 'stopped') return 'Answer stopped.';
  return model ? `Answer from ${model} finished.` : 'Answer finished.';
}
