import * as vscode from 'vscode';
import { StateKey } from '../../constants';
import { chatToMarkdown } from '../../core/chat/export';
import { MAX_TITLE_LENGTH, type Chat, type ChatSummary } from '../../core/chat/model';
import { settleAnswerCost } from '../../core/chat/turns';
import type { ChatHistoryStore } from '../history-store';

/**
 * The saved chats as the panel lists them, and which one is open in this workspace. Reads and writes go through the
 * history store; the list is read again after each save or rename (and then handed to `changed`), so it also shows
 * what other windows saved.
 */
export class ChatLibrary {
  private summaries: ChatSummary[] = [];

  constructor(
    private readonly history: ChatHistoryStore,
    private readonly workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly changed: (chats: ChatSummary[]) => void,
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

  /** Remembers `chatId` as the chat open in this workspace. */
  async setCurrent(chatId: string): Promise<void> {
    await this.workspaceState.update(StateKey.currentChat, chatId);
  }

  /**
   * Asks for a new title for a saved chat and saves it. The open chat (`open`) is renamed in place, so its next save
   * keeps the title.
   */
  async rename(chatId: string, open: Chat): Promise<void> {
    const chat = chatId === open.id ? open : await this.open(chatId);
    // A chat without turns is not saved, so not listed: there is nothing to rename.
    if (!chat || chat.turns.length === 0) return;
    const typed = await vscode.window.showInputBox({
      title: 'Rename Chat',
      prompt: 'The title the chat list shows and searches',
      value: chat.title,
      validateInput: (value) => (value.trim() === '' ? 'A chat needs a title.' : undefined),
    });
    const title = typed?.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);
    if (!title || title === chat.title) return;
    chat.title = title;
    try {
      await this.history.save(chat);
    } catch (error) {
      this.log.error(`could not rename the chat: ${String(error)}`);
      void vscode.window.showErrorMessage('The chat could not be renamed: its history could not be written.');
    }
    this.summaries = await this.history.list();
    this.changed(this.summaries);
  }

  /** Opens a chat, the open one or a saved one by id, as Markdown in a new editor; the Markdown, if it could be read. */
  async export(chat: Chat | string): Promise<string | undefined> {
    const exported = typeof chat === 'string' ? await this.history.load(chat) : chat;
    if (!exported) return undefined;
    const markdown = chatToMarkdown(exported);
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(document, { preview: false });
    return markdown;
  }

  /**
   * Deletes a saved chat and hands back what Undo needs: the chat as it was (undefined when it could not be read,
   * so there is nothing to bring back) and the list without it.
   */
  async deleteForUndo(chatId: string): Promise<{ chat: Chat | undefined; chats: ChatSummary[] }> {
    const chat = await this.history.load(chatId);
    await this.history.delete(chatId);
    this.summaries = await this.history.list();
    return { chat, chats: this.summaries };
  }

  /**
   * Puts a deleted chat back. A chat saved under its id since (by another window) is newer and is kept instead:
   * Undo never overwrites. Undefined, having said so, when the chat could not be written.
   */
  async undelete(chat: Chat): Promise<Chat | undefined> {
    const current = await this.history.load(chat.id);
    try {
      if (!current) await this.history.save(chat);
    } catch (error) {
      this.log.error(`could not bring a deleted chat back: ${String(error)}`);
      void vscode.window.showErrorMessage('The deleted chat could not be brought back: its history could not be written.');
      return undefined;
    } finally {
      this.summaries = await this.history.list();
    }
    return current ?? chat;
  }

  /** Settles an answer's estimated cost in a saved chat that is not open (see `settleAnswerCost`). */
  async settleCost(chatId: string, generationId: string, usd: number): Promise<void> {
    const chat = await this.history.load(chatId);
    if (!chat || !settleAnswerCost(chat, generationId, usd)) return;
    // Not `save`: that would also make this chat the open one.
    await this.history.save(chat);
    this.summaries = await this.history.list();
    this.changed(this.summaries);
  }

  /** Saves a chat that has turns; a failure is logged and shown, and the chat stays open. */
  async save(chat: Chat): Promise<void> {
    if (chat.turns.length === 0) return;
    try {
      await this.history.save(chat);
      await this.setCurrent(chat.id);
      this.summaries = await this.history.list();
      this.changed(this.summaries);
    } catch (error) {
      this.log.error(`could not save the chat: ${String(error)}`);
      void vscode.window.showErrorMessage('The chat could not be saved to history. It stays open here; export it to keep a copy.');
    }
  }
}
