import * as vscode from 'vscode';
import { StateKey } from '../../constants';
import type { Chat, ChatSummary } from '../../core/chat/model';
import type { ChatHistoryStore } from '../history-store';

/**
 * The saved chats as the panel lists them, and which one is open in this workspace. Reads and writes go through the
 * history store; the list is read again after each change, so it also shows what other windows saved.
 */
export class ChatLibrary {
  private summaries: ChatSummary[] = [];

  constructor(
    private readonly history: ChatHistoryStore,
    private readonly workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get chats(): ChatSummary[] {
    return this.summaries;
  }

  /** The chat that was open when the window last closed, if it can still be read. */
  async restore(): Promise<Chat | undefined> {
    this.summaries = await this.history.list();
    const id = this.workspaceState.get<string>(StateKey.currentChat);
    const chat = id ? await this.history.load(id) : undefined;
    // An answer that was streaming when the window closed cannot resume; say so rather than spin forever.
    for (const turn of chat?.turns ?? []) if (turn.role === 'assistant' && turn.status === 'streaming') turn.status = 'stopped';
    return chat;
  }

  /** A saved chat; undefined (having said so, and read the list again) when it cannot be read. */
  async open(chatId: string): Promise<Chat | undefined> {
    const chat = await this.history.load(chatId);
    if (!chat) {
      void vscode.window.showWarningMessage('That chat could not be read; it may have been deleted or damaged.');
      this.summaries = await this.history.list();
    }
    return chat;
  }

  load(chatId: string): Promise<Chat | undefined> {
    return this.history.load(chatId);
  }

  /** Remembers `chatId` as the chat open in this workspace. */
  async setCurrent(chatId: string): Promise<void> {
    await this.workspaceState.update(StateKey.currentChat, chatId);
  }

  async delete(chatId: string): Promise<void> {
    await this.history.delete(chatId);
    this.summaries = await this.history.list();
  }

  /** Saves a chat that has turns; a failure is logged and shown, and the chat stays open. */
  async save(chat: Chat): Promise<void> {
    if (chat.turns.length === 0) return;
    try {
      await this.history.save(chat);
      await this.setCurrent(chat.id);
      this.summaries = await this.history.list();
    } catch (error) {
      this.log.error(`could not save the chat: ${String(error)}`);
      void vscode.window.showErrorMessage('The chat could not be saved to history. It stays open here; export it to keep a copy.');
    }
  }
}
