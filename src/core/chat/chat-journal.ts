// One chat on disk as a base and a tail, so saving an answer writes a bounded part instead of the whole chat.
//
// The base is the chat file as it always was (`<id>.json`), now with a `stamp`. The tail (`<id>.tail.json`) holds the
// chat's header and every turn from `from` on, and names the stamp of the base it continues. Reading takes the
// base's first `from` turns and the tail's turns. A save rewrites only the tail while it stays under a size bound;
// past the bound (and whenever this window cannot vouch for the base), it writes the whole chat as a new base with
// a new stamp and removes the tail. The file system offers no append, so the bound is what keeps each write small.
//
// Crashes: both files are replaced atomically (file-store.ts), and an interrupted replace is recovered from its temp
// file. A tail whose stamp is not the base's (a crash between a new base and removing the old tail, or a window of
// an older version that wrote the whole chat) is ignored, so a chat never mixes turns of two different bases.
// Two windows: a save writes only a tail while the base's modification time is the one this window last saw; once
// another window rewrote the base, the next save writes the whole chat, and the last writer wins as before.
import * as z from 'zod';
import type { FileStore } from '../file-store';
import { readJsonRecovering, tempFilesOf, type JsonRead } from '../file-store-json';
import { lazySchema } from '../lazy-schema';
import { chatFileName, CHAT_FILE_VERSION, ChatFileSchema } from './history-index';
import { ChatSchema, TurnSchema, type Chat } from './model';

/** Tails above this many bytes of turns are folded into a new base; 0 writes the whole chat every time. */
export const DEFAULT_TAIL_LIMIT_BYTES = 64 * 1024;

const TAIL_VERSION = 1;
export const ChatTailFileSchema = lazySchema(() => z.object({
  version: z.literal(TAIL_VERSION),
  /** The stamp of the base this tail continues. */
  base: z.string().min(1).max(100),
  /** The number of the base's turns kept; the tail's turns follow them. */
  from: z.number().int().nonnegative(),
  chat: ChatSchema.omit({ turns: true }),
  turns: z.array(TurnSchema),
}));

export function tailFileName(chatId: string): string {
  return `${chatId}.tail.json`;
}

/** The chat id of a tail file or of one of its temp files; undefined for anything else. */
export function chatIdOfTailFileName(name: string): string | undefined {
  const match = /^([\w-]{1,80})\.tail\.json(\.tmp-[0-9a-f]+)?$/i.exec(name);
  return match?.[1];
}

/** What this window last wrote or read of one chat: enough to tell which turns a save changes. */
interface Known {
  readonly stamp: string;
  readonly baseMtime: number;
  readonly baseTurns: number;
  readonly turns: readonly string[];
}

/** What a save wrote, for the benchmarks and tests. */
export interface ChatWrite {
  readonly kind: 'tail' | 'base';
  readonly bytes: number;
}

export interface ChatJournalOptions {
  readonly files: FileStore;
  readonly tailLimitBytes?: number | undefined;
  /** A new base stamp; random unless a test fixes it. */
  readonly newStamp?: () => string;
}

export class ChatJournal {
  private readonly files: FileStore;
  private readonly tailLimit: number;
  private readonly newStamp: () => string;
  private readonly known = new Map<string, Known>();

  constructor(options: ChatJournalOptions) {
    this.files = options.files;
    this.tailLimit = options.tailLimitBytes ?? DEFAULT_TAIL_LIMIT_BYTES;
    this.newStamp = options.newStamp ?? randomStamp;
  }

  /** The chat as its base and tail say, recovering either from an interrupted replace. `recoveredFrom` names temp files used. */
  async read(chatId: string): Promise<JsonRead<Chat>> {
    const base = await readJsonRecovering(this.files, chatFileName(chatId), ChatFileSchema);
    if (base.value === undefined) {
      this.known.delete(chatId);
      return base;
    }
    const { chat, stamp } = base.value;
    const tail = stamp === undefined ? undefined : await readJsonRecovering(this.files, tailFileName(chatId), ChatTailFileSchema);
    const continues = tail?.value !== undefined && tail.value.base === stamp && tail.value.from <= chat.turns.length;
    const whole: Chat = continues ? { ...tail.value.chat, turns: [...chat.turns.slice(0, tail.value.from), ...tail.value.turns] } : chat;
    const baseMtime = await this.files.mtime(chatFileName(chatId));
    if (stamp !== undefined && baseMtime !== undefined) {
      this.known.set(chatId, { stamp, baseMtime, baseTurns: continues ? tail.value.from : chat.turns.length, turns: whole.turns.map((turn) => JSON.stringify(turn)) });
    } else this.known.delete(chatId);
    const recovered = [base.recoveredFrom, continues ? tail.recoveredFrom : undefined].filter((name): name is string => name !== undefined);
    return { value: whole, ...(recovered.length > 0 ? { recoveredFrom: recovered.join(', ') } : {}) };
  }

  /** Writes a validated chat: its tail when that stays small and the base is the one this window knows, else all of it. */
  async write(chat: Chat): Promise<ChatWrite> {
    const turns = chat.turns.map((turn) => JSON.stringify(turn));
    const known = this.known.get(chat.id);
    if (known) {
      let from = 0;
      const limit = Math.min(known.baseTurns, turns.length, known.turns.length);
      while (from < limit && turns[from] === known.turns[from]) from++;
      let bytes = 0;
      for (let i = from; i < turns.length; i++) bytes += (turns[i] as string).length + 1;
      if (this.tailLimit > 0 && bytes <= this.tailLimit && (await this.files.mtime(chatFileName(chat.id))) === known.baseMtime) {
        const { turns: _turns, ...header } = chat;
        const text = `{"version":${TAIL_VERSION},"base":${JSON.stringify(known.stamp)},"from":${from},"chat":${JSON.stringify(header)},"turns":[${turns.slice(from).join(',')}]}`;
        await this.files.writeAtomic(tailFileName(chat.id), text);
        this.known.set(chat.id, { ...known, baseTurns: from, turns });
        return { kind: 'tail', bytes: text.length };
      }
    }
    return this.writeBase(chat, turns);
  }

  /** Removes the chat's tail and any temp files of it (its base is the caller's). */
  async deleteTail(chatId: string): Promise<void> {
    this.known.delete(chatId);
    const name = tailFileName(chatId);
    await this.files.delete(name);
    for (const temp of await tempFilesOf(this.files, name)) await this.files.delete(temp);
  }

  private async writeBase(chat: Chat, turns: readonly string[]): Promise<ChatWrite> {
    const stamp = this.newStamp();
    const { turns: _turns, ...header } = chat;
    const headerJson = JSON.stringify(header);
    // The chat's own JSON, with the turns already serialised for the comparison above.
    const chatJson = `${headerJson.slice(0, -1)}${headerJson.length > 2 ? ',' : ''}"turns":[${turns.join(',')}]}`;
    const text = `{"version":${CHAT_FILE_VERSION},"stamp":${JSON.stringify(stamp)},"chat":${chatJson}}`;
    await this.files.writeAtomic(chatFileName(chat.id), text);
    // The old tail names the old stamp and would be ignored; removing it keeps the folder tidy.
    await this.deleteTail(chat.id);
    const baseMtime = await this.files.mtime(chatFileName(chat.id));
    if (baseMtime !== undefined) this.known.set(chat.id, { stamp, baseMtime, baseTurns: turns.length, turns });
    return { kind: 'base', bytes: text.length };
  }
}

function randomStamp(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
