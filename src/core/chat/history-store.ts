// Chat history over the file-store port: one `<id>.json` per chat (with a bounded `<id>.tail.json` of its latest
// turns, see chat-journal.ts) and a small `index.json` of summaries, in one folder (the host picks it and wires
// `vscode.workspace.fs`, see src/host/history-store.ts).
//
// Nothing read back is trusted: files are parsed with zod, ids are checked before they become file names, and a
// damaged file is logged and skipped rather than thrown at the panel. The index is a cache; when it is missing or
// damaged it is rebuilt from the chat files, and the list is reconciled with the folder's names on every read. That
// is also what brings two windows writing one folder together: an index update of one window may overwrite the
// other's, and the next list finds the chat file the index forgot. Ordering within a window: see history-queues.ts.
import type { FileStore } from '../file-store';
import { readJsonFile, removeStaleTempFiles, tempFilesOf } from '../file-store-json';
import { errorText } from '../format';
import {
  chatFileName,
  chatIdOfFileName,
  chatTextMatches,
  HistoryIndexSchema,
  INDEX_FILE_NAME,
  isValidChatId,
  matchesTerms,
  newestFirst,
  pageOfTurns,
  queryTerms,
  toIndex,
  type TurnPage,
} from './history-index';
import { ChatJournal, chatIdOfTailFileName, tailFileName, type ChatWrite } from './chat-journal';
import { ChatQueues, SerialQueue } from './history-queues';
import { boundMedia } from './media-bound';
import { ChatSchema, summarise, type Chat, type ChatSummary } from './model';

/** Where the store reports damaged files it skipped or repaired (the host's log channel fits). */
export interface HistoryLog {
  warn(message: string): void;
  error(message: string): void;
}

export interface HistoryStoreOptions {
  /** The history folder. */
  readonly files: FileStore;
  readonly log: HistoryLog;
  /** Epoch ms, on the clock of the file system's modification times. */
  readonly now?: () => number;
  /** Temp files younger than this may belong to a write still running in another window; older ones are litter. */
  readonly staleTempMs?: number;
  /** A save rewrites the whole chat once its tail would pass this many bytes (chat-journal.ts). */
  readonly tailLimitBytes?: number | undefined;
  /** Told what each save wrote (for the benchmarks). */
  readonly onWrite?: (write: ChatWrite) => void;
}

export interface SearchOptions {
  /** Also search the messages, not only titles. Loads every chat whose title does not match, so it is slower. */
  readonly includeText?: boolean;
}

export class InvalidChatIdError extends Error {
  constructor(readonly chatId: string) {
    super(`Not a valid chat id: ${JSON.stringify(chatId.slice(0, 100))}`);
    this.name = 'InvalidChatIdError';
  }
}

const DEFAULT_STALE_TEMP_MS = 10 * 60_000;

export class HistoryStore {
  private readonly files: FileStore;
  private readonly log: HistoryLog;
  private readonly now: () => number;
  private readonly staleTempMs: number;
  private readonly chatQueues = new ChatQueues();
  private readonly indexQueue = new SerialQueue();
  /** Chat files that failed to load and are not in the index, so listing does not retry (and log) them every time. */
  private readonly unreadable = new Set<string>();
  /** Chats whose leftover temp files were already looked at this session. */
  private readonly tidied = new Set<string>();
  private readonly journal: ChatJournal;
  private readonly onWrite: ((write: ChatWrite) => void) | undefined;

  constructor(options: HistoryStoreOptions) {
    this.files = options.files;
    this.log = options.log;
    this.now = options.now ?? (() => Date.now());
    this.staleTempMs = options.staleTempMs ?? DEFAULT_STALE_TEMP_MS;
    this.journal = new ChatJournal({ files: this.files, tailLimitBytes: options.tailLimitBytes });
    this.onWrite = options.onWrite;
  }

  /** Every chat, newest first, from the index (rebuilt from the chat files if it is missing or damaged). */
  list(): Promise<ChatSummary[]> {
    return this.indexQueue.run(async () => {
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
      return await this.chatQueues.run(chatId, () => this.readChat(chatId));
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
    const snapshot = boundMedia(checked.data);
    return this.chatQueues.runNewest(chat.id, async () => {
      await this.files.ensureFolder();
      const written = await this.journal.write(snapshot);
      this.onWrite?.(written);
      this.unreadable.delete(snapshot.id);
      const summary = summarise(snapshot);
      return () => this.updateIndex((summaries) => summaries.set(summary.id, summary));
    });
  }

  /** Removes the chat, any temp files it left behind, and its index entry. Deleting a missing chat is not an error. */
  delete(chatId: string): Promise<void> {
    if (!isValidChatId(chatId)) return Promise.reject(new InvalidChatIdError(chatId));
    return this.chatQueues.runNewest(chatId, async () => {
      const name = chatFileName(chatId);
      await this.files.delete(name);
      // A complete temp file would otherwise bring the chat back on the next index rebuild.
      for (const temp of await tempFilesOf(this.files, name)) await this.files.delete(temp);
      await this.journal.deleteTail(chatId);
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
    await this.chatQueues.idle();
    await this.indexQueue.idle();
  }

  // ---- chats ----

  /** Runs in the chat's queue. */
  private async readChat(chatId: string): Promise<Chat | undefined> {
    const read = await this.journal.read(chatId);
    if (read.value === undefined) {
      if (read.problem.kind !== 'missing') this.log.error(`history: chat ${chatId} is unusable and was skipped: ${read.problem.message}`);
      return undefined;
    }
    if (read.recoveredFrom) this.log.warn(`history: chat ${chatId} was restored from an unfinished write (${read.recoveredFrom})`);
    const chat = read.value;
    if (chat.id !== chatId) {
      this.log.error(`history: ${chatFileName(chatId)} holds chat ${JSON.stringify(chat.id)}; skipped`);
      return undefined;
    }
    return chat;
  }

  // ---- index ----

  /** Applies one chat's change to the index as stored (reconciled with the folder only when it cannot be read). */
  private updateIndex(change: (summaries: Map<string, ChatSummary>) => void): Promise<void> {
    return this.indexQueue.run(async () => {
      const stored = await readJsonFile(this.files, INDEX_FILE_NAME, HistoryIndexSchema);
      const summaries = stored.value ? new Map(stored.value.chats.map((summary) => [summary.id, summary])) : (await this.reconciledIndex()).summaries;
      change(summaries);
      await this.writeIndex(summaries);
    });
  }

  private async writeIndex(summaries: Map<string, ChatSummary>): Promise<void> {
    await this.files.ensureFolder();
    await this.files.writeAtomic(INDEX_FILE_NAME, JSON.stringify(toIndex(summaries.values())));
  }

  /**
   * Runs in the index queue. The index as stored, corrected against the folder: entries whose chat file is gone are
   * dropped, and chat files the index does not know (a crash between the two writes, a lost index, or another
   * window's update written over this one's) are loaded and added. `changed` says whether the stored index needs
   * writing back.
   */
  private async reconciledIndex(): Promise<{ summaries: Map<string, ChatSummary>; changed: boolean }> {
    const { chatIds: onDisk, withTempFiles } = await this.scanFolder();
    const stored = await readJsonFile(this.files, INDEX_FILE_NAME, HistoryIndexSchema);
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
    for (const name of await this.files.list()) {
      // A tail's temp files are litter to tidy too; the tail itself is part of its chat, not a chat.
      const tailOf = chatIdOfTailFileName(name);
      if (tailOf !== undefined && name !== tailFileName(tailOf)) withTempFiles.add(tailOf);
      const chatId = chatIdOfFileName(name);
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
    await this.chatQueues
      .run(chatId, async () => {
        if (!(await this.readChat(chatId))) return;
        await removeStaleTempFiles(this.files, chatFileName(chatId), this.staleTempMs, this.now());
        await removeStaleTempFiles(this.files, tailFileName(chatId), this.staleTempMs, this.now());
      })
      .catch(() => undefined);
  }
}
