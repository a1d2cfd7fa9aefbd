// Chat history on disk: one `<id>.json` per chat and a small `index.json` of summaries, in a folder the host picks
// (`context.storageUri ?? context.globalStorageUri`, then `chats`). Only `vscode.workspace.fs` is used, so history
// works in the desktop, remote and web extension hosts alike.
//
// Nothing read back is trusted: files are parsed with zod, ids are checked before they become paths, and a damaged
// file is logged and skipped rather than thrown at the panel. The index is a cache; when it is missing or damaged it
// is rebuilt from the chat files, and the list is reconciled with the folder's names on every read.
//
// Ordering: every operation on one chat (save, delete, load) runs in that chat's queue, so writes never interleave
// and a load never sees a half-finished replace. A save or delete that is still queued when a newer one arrives is
// skipped, and its caller waits for the newer one instead: the last state wins, and nothing is written twice for
// nothing. Index updates run in one queue of their own; a chat's task only enqueues its index update (it never
// waits for the index queue), so the index queue can wait for chat queues without a deadlock.
import * as vscode from 'vscode';
import {
  chatFileName,
  chatIdOfFileName,
  chatTextMatches,
  ChatFileSchema,
  HistoryIndexSchema,
  INDEX_FILE_NAME,
  isValidChatId,
  matchesTerms,
  newestFirst,
  pageOfTurns,
  queryTerms,
  toChatFile,
  toIndex,
  type TurnPage,
} from '../core/chat/history-index';
import { ChatSchema, summarise, type Chat, type ChatSummary } from '../core/chat/model';
import { errorText } from '../core/format';
import { deleteIfExists, leftoverTempFiles, readDirectoryIfExists, readJson, readJsonRecovering, removeLeftoverTempFiles, writeJsonAtomic } from './atomic-file';

/** Temp files younger than this may belong to a write still running in another window; older ones are litter. */
const STALE_TEMP_MS = 10 * 60_000;

export interface SearchOptions {
  /** Also search the messages, not only titles. Loads every chat whose title does not match, so it is slower. */
  readonly includeText?: boolean;
}

/** A save or delete waiting in a chat's queue; a newer one makes it unnecessary. */
interface ChatOperation {
  done?: Promise<void>;
}

export class InvalidChatIdError extends Error {
  constructor(readonly chatId: string) {
    super(`Not a valid chat id: ${JSON.stringify(chatId.slice(0, 100))}`);
    this.name = 'InvalidChatIdError';
  }
}

export class ChatHistoryStore {
  /** The tail of each chat's queue. */
  private readonly chatQueues = new Map<string, Promise<unknown>>();
  /** The newest save or delete asked for, per chat. */
  private readonly newestOperation = new Map<string, ChatOperation>();
  private indexQueue: Promise<unknown> = Promise.resolve();
  private folderCreated: Promise<void> | undefined;
  /** Chat files that failed to load and are not in the index, so listing does not retry (and log) them every time. */
  private readonly unreadable = new Set<string>();
  /** Chats whose leftover temp files were already looked at this session. */
  private readonly tidied = new Set<string>();

  constructor(
    private readonly root: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Every chat, newest first, from the index (rebuilt from the chat files if it is missing or damaged). */
  list(): Promise<ChatSummary[]> {
    return this.inIndexQueue(async () => {
      const { summaries, changed } = await this.reconciledIndex();
      if (changed) await this.writeIndex(summaries);
      return newestFirst(summaries.values());
    });
  }

  /** The chat, or undefined when there is none or its file is damaged (which is logged). Never throws. */
  async load(chatId: string): Promise<Chat | undefined> {
    if (!isValidChatId(chatId)) {
      this.log.warn(`history: refused to load a chat with an invalid id ${JSON.stringify(chatId.slice(0, 100))}`);
      return undefined;
    }
    try {
      return await this.inChatQueue(chatId, () => this.readChat(chatId));
    } catch (error) {
      this.log.error(`history: loading chat ${chatId} failed: ${errorText(error)}`);
      return undefined;
    }
  }

  /**
   * Writes the chat, as it is at the call, atomically and updates the index. Resolves when this state (or a save or
   * delete asked for after it) is on disk. Rejects for an invalid id or a chat that would not load back.
   */
  save(chat: Chat): Promise<void> {
    if (!isValidChatId(chat.id)) return Promise.reject(new InvalidChatIdError(chat.id));
    const checked = ChatSchema.safeParse(chat);
    if (!checked.success) return Promise.reject(new Error(`Chat ${chat.id} does not match the chat schema: ${checked.error.message}`));
    const snapshot = checked.data;
    return this.runNewest(chat.id, async () => {
      await this.ensureFolder();
      await writeJsonAtomic(this.chatUri(snapshot.id), toChatFile(snapshot));
      this.unreadable.delete(snapshot.id);
      const summary = summarise(snapshot);
      return () => this.updateIndex((summaries) => summaries.set(summary.id, summary));
    });
  }

  /** Removes the chat, any temp files it left behind, and its index entry. Deleting a missing chat is not an error. */
  delete(chatId: string): Promise<void> {
    if (!isValidChatId(chatId)) return Promise.reject(new InvalidChatIdError(chatId));
    return this.runNewest(chatId, async () => {
      const target = this.chatUri(chatId);
      await deleteIfExists(target);
      // A complete temp file would otherwise bring the chat back on the next index rebuild.
      for (const temp of await leftoverTempFiles(target)) await deleteIfExists(temp.uri);
      this.unreadable.delete(chatId);
      return () => this.updateIndex((summaries) => summaries.delete(chatId));
    });
  }

  /**
   * Chats whose title (and, with `includeText`, messages) contains every word of the query, ignoring case and
   * accents; newest first. An empty query lists everything.
   */
  async search(query: string, options: SearchOptions = {}): Promise<ChatSummary[]> {
    const terms = queryTerms(query);
    const summaries = await this.list();
    if (terms.length === 0) return summaries;
    const found: ChatSummary[] = [];
    for (const summary of summaries) {
      if (matchesTerms(summary.title, terms)) found.push(summary);
      else if (options.includeText) {
        const chat = await this.load(summary.id);
        if (chat && chatTextMatches(chat, terms)) found.push(summary);
      }
    }
    return found;
  }

  /** The `count` newest turns before index `before`, for lazy loading (see `pageOfTurns`). */
  page(chat: Chat, before: number, count: number): TurnPage {
    return pageOfTurns(chat.turns, before, count);
  }

  /** Resolves when every save and delete asked for so far has finished (for deactivation and tests). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.chatQueues.values()]);
    await this.indexQueue.then(undefined, () => undefined);
  }

  // ---- chats ----

  private chatUri(chatId: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, chatFileName(chatId));
  }

  /** Runs in the chat's queue. */
  private async readChat(chatId: string): Promise<Chat | undefined> {
    const target = this.chatUri(chatId);
    const read = await readJsonRecovering(target, ChatFileSchema);
    if (read.value === undefined) {
      if (read.problem.kind !== 'missing') this.log.error(`history: chat ${chatId} is unusable and was skipped: ${read.problem.message}`);
      return undefined;
    }
    if (read.recoveredFrom) this.log.warn(`history: chat ${chatId} was restored from an unfinished write (${read.recoveredFrom.path.split('/').pop() ?? ''})`);
    const { chat } = read.value;
    if (chat.id !== chatId) {
      this.log.error(`history: ${chatFileName(chatId)} holds chat ${JSON.stringify(chat.id)}; skipped`);
      return undefined;
    }
    return chat;
  }

  private inChatQueue<T>(chatId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.chatQueues.get(chatId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.chatQueues.set(chatId, tail);
    void tail.then(() => {
      if (this.chatQueues.get(chatId) === tail) this.chatQueues.delete(chatId);
    });
    return result;
  }

  /**
   * Queues a save or delete. When it reaches the front of the queue but a newer save or delete of the same chat is
   * already waiting, it is skipped and its caller waits for the newer one. `write` returns the index update to
   * enqueue, which is started inside the chat's turn (keeping index updates in the order of the writes) but not
   * awaited there.
   */
  private runNewest(chatId: string, write: () => Promise<() => Promise<void>>): Promise<void> {
    const operation: ChatOperation = {};
    this.newestOperation.set(chatId, operation);
    const queued = this.inChatQueue(chatId, async (): Promise<{ supersededBy?: ChatOperation; indexed?: Promise<void> }> => {
      const newest = this.newestOperation.get(chatId);
      if (newest && newest !== operation) return { supersededBy: newest };
      try {
        return { indexed: (await write())() };
      } finally {
        if (this.newestOperation.get(chatId) === operation) this.newestOperation.delete(chatId);
      }
    });
    operation.done = queued.then(async ({ supersededBy, indexed }) => {
      if (supersededBy) await supersededBy.done;
      else await indexed;
    });
    return operation.done;
  }

  private ensureFolder(): Promise<void> {
    // Once per store: concurrent createDirectory calls on some providers replace a folder that was just created.
    this.folderCreated ??= Promise.resolve(vscode.workspace.fs.createDirectory(this.root)).catch((error: unknown) => {
      this.folderCreated = undefined;
      throw error;
    });
    return this.folderCreated;
  }

  // ---- index ----

  private inIndexQueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.indexQueue.then(task, task);
    this.indexQueue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private get indexUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.root, INDEX_FILE_NAME);
  }

  /** Applies one chat's change to the index as stored (reconciled with the folder only when it cannot be read). */
  private updateIndex(change: (summaries: Map<string, ChatSummary>) => void): Promise<void> {
    return this.inIndexQueue(async () => {
      const stored = await readJson(this.indexUri, HistoryIndexSchema);
      const summaries = stored.value ? new Map(stored.value.chats.map((summary) => [summary.id, summary])) : (await this.reconciledIndex()).summaries;
      change(summaries);
      await this.writeIndex(summaries);
    });
  }

  private async writeIndex(summaries: Map<string, ChatSummary>): Promise<void> {
    await this.ensureFolder();
    await writeJsonAtomic(this.indexUri, toIndex(summaries.values()));
  }

  /**
   * Runs in the index queue. The index as stored, corrected against the folder: entries whose chat file is gone are
   * dropped, and chat files the index does not know (a crash between the two writes, or a lost index) are loaded
   * and added. `changed` says whether the stored index needs writing back.
   */
  private async reconciledIndex(): Promise<{ summaries: Map<string, ChatSummary>; changed: boolean }> {
    const { chatIds: onDisk, withTempFiles } = await this.scanFolder();
    const stored = await readJson(this.indexUri, HistoryIndexSchema);
    if (stored.value === undefined && stored.problem.kind !== 'missing') this.log.warn(`history: rebuilding the chat index: ${stored.problem.message}`);
    const summaries = new Map<string, ChatSummary>();
    let changed = stored.value === undefined && onDisk.size > 0;
    for (const summary of stored.value?.chats ?? []) {
      if (onDisk.has(summary.id) && isValidChatId(summary.id) && !summaries.has(summary.id)) summaries.set(summary.id, summary);
      else changed = true;
    }
    for (const chatId of onDisk) {
      if (summaries.has(chatId) || this.unreadable.has(chatId)) continue;
      const chat = await this.load(chatId);
      if (chat) {
        summaries.set(chatId, summarise(chat));
        changed = true;
      } else this.unreadable.add(chatId);
    }
    for (const chatId of withTempFiles) await this.tidyTempFiles(chatId);
    return { summaries, changed };
  }

  /** The chats the folder holds (by file name alone), and those with temp files next to them. */
  private async scanFolder(): Promise<{ chatIds: Set<string>; withTempFiles: Set<string> }> {
    const chatIds = new Set<string>();
    const withTempFiles = new Set<string>();
    for (const [name, type] of await readDirectoryIfExists(this.root)) {
      const chatId = type === vscode.FileType.File ? chatIdOfFileName(name) : undefined;
      if (chatId === undefined) continue;
      chatIds.add(chatId);
      if (name !== chatFileName(chatId)) withTempFiles.add(chatId);
    }
    return { chatIds, withTempFiles };
  }

  /**
   * Temp files outlive their write only after a crash. Once the chat itself reads back (recovering from a temp file
   * if need be), old ones are litter; this runs once per chat per session, since new litter needs a new crash.
   */
  private async tidyTempFiles(chatId: string): Promise<void> {
    if (this.tidied.has(chatId) || this.unreadable.has(chatId)) return;
    this.tidied.add(chatId);
    await this.inChatQueue(chatId, async () => {
      if (await this.readChat(chatId)) await removeLeftoverTempFiles(this.chatUri(chatId), STALE_TEMP_MS);
    }).catch(() => undefined);
  }
}
