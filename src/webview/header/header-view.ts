// The panel header: which model (and its reasoning effort) and preset the next message uses (each opens its picker in the host), New Chat,
// the chat list, Export and Usage.
import type { PanelState, WebviewToHost } from '../../protocol/messages';
import { el, iconButton } from '../dom';
import { ChatListView, type ChatsFound } from './chat-list';
import { EffortPicker } from './effort-picker';

export class HeaderView {
  readonly element: HTMLElement;
  private readonly modelButton: HTMLButtonElement;
  private readonly presetButton: HTMLButtonElement;
  private readonly effortPicker: EffortPicker;
  private readonly chatsButton: HTMLButtonElement;
  private readonly chatList: ChatListView;
  private chatId = '';

  constructor(
    private readonly post: (message: WebviewToHost) => void,
    private readonly focusComposer: () => void,
  ) {
    this.modelButton = iconButton('symbol-class', 'Model', () => post({ type: 'action/run', action: 'pick_model' }), { text: '', className: 'model-button' });
    this.presetButton = iconButton('list-selection', 'Preset', () => post({ type: 'action/run', action: 'pick_preset' }), { text: '', className: 'preset-button' });
    this.effortPicker = new EffortPicker(post);
    this.chatsButton = iconButton('history', 'Chats', () => this.toggleChatList(), { className: 'chats-button' });
    this.chatsButton.setAttribute('aria-expanded', 'false');
    this.chatsButton.setAttribute('aria-controls', 'chat-list');
    this.chatList = new ChatListView(post, (then) => this.closeChatList(then === 'toggle'));
    this.element = el('header', { className: 'panel-header' }, [
      el('h1', { className: 'visually-hidden', text: 'OpenRouter Chat' }),
      el('div', { className: 'header-row' }, [
        el('div', { className: 'header-pickers' }, [
          this.modelButton,
          this.effortPicker.element,
          iconButton('split-horizontal', 'Compare Models', () => post({ type: 'action/run', action: 'compare' }), { className: 'compare-button' }),
          this.presetButton,
        ]),
        el('div', { className: 'header-actions', attrs: { role: 'toolbar', 'aria-label': 'Chat actions' } }, [
          iconButton('add', 'New Chat', () => {
            post({ type: 'chat/new' });
            this.closeChatList(false);
            focusComposer();
          }),
          this.chatsButton,
          iconButton('export', 'Export Chat', () => post({ type: 'chat/export', chatId: this.chatId })),
          iconButton('graph', 'Show Usage', () => post({ type: 'action/run', action: 'show_usage' })),
        ]),
      ]),
      this.chatList.element,
    ]);
  }

  update(state: PanelState): void {
    this.chatId = state.chat.id;
    setButtonText(this.modelButton, state.model, `Model: ${state.model}. Pick another model`);
    this.effortPicker.update(state.model, state.reasoning);
    const preset = state.preset ?? 'No preset';
    setButtonText(this.presetButton, preset, state.preset ? `Preset: ${state.preset}. Pick another preset` : 'No preset. Pick a preset');
    this.chatList.update(state.chats, state.chat.id, state.deleted);
  }

  updateChats(chats: PanelState['chats'], deleted: PanelState['deleted']): void {
    this.chatList.update(chats, this.chatId, deleted);
  }

  showFound(found: ChatsFound): void {
    this.chatList.showFound(found);
  }

  private toggleChatList(): void {
    if (this.chatsButton.getAttribute('aria-expanded') === 'true') this.closeChatList(true);
    else {
      this.chatsButton.setAttribute('aria-expanded', 'true');
      this.chatList.show();
    }
  }

  private closeChatList(returnFocus: boolean): void {
    this.chatsButton.setAttribute('aria-expanded', 'false');
    this.chatList.hide();
    if (returnFocus) this.chatsButton.focus();
    else this.focusComposer();
  }
}

function setButtonText(button: HTMLButtonElement, text: string, label: string): void {
  const span = button.querySelector('.button-text');
  if (span) span.textContent = text;
  button.setAttribute('aria-label', label);
  button.title = label;
}
