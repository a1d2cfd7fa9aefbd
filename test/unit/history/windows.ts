// Chat history stores over the in-memory disk, one per "window", and what the history tests need around them:
// chats to save, a log that remembers its problems, a file store whose next write can be held mid-way, and the
// index as it is on the disk.
import { HistoryIndexSchema, INDEX_FILE_NAME } from '../../../src/core/chat/history-index';
import { HistoryStore, type HistoryLog } from '../../../src/core/chat/history-store';
import type { Chat, Turn } from '../../../src/core/chat/model';
import { MemoryDisk, MemoryFileStore } from '../file-store/memory-fs';

export function makeChat(id: string, updatedAt: number, title = `Chat ${id}`, exchanges = 1): Chat {
  const turns: Turn[] = [];
  for (let i = 0; i < exchanges; i++) {
    turns.push({ id: `u${i}`, role: 'user', text: `question ${i}`, createdAt: updatedAt, attachments: [] });
    turns.push({ id: `a${i}`, role: 'assistant', text: `answer ${i}`, reasoning: '', status: 'done', createdAt: updatedAt, notices: [] });
  }
  return { id, title, createdAt: 0, updatedAt, model: 'openai/gpt-4o-mini', turns };
}

export class RecordingLog implements HistoryLog {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];

  warn(message: string): void {
    this.warnings.push(message);
  }

  error(message: string): void {
    this.errors.push(message);
  }
}

/** A memory file store whose next atomic write of a matching name stops after it began until released. */
export class HeldFileStore extends MemoryFileStore {
  private held: { match: RegExp; reached: () => void; gate: Promise<void> } | undefined;

  /** `reached` resolves once the held write has begun; the write goes on after `release()`. */
  holdNextWrite(match: RegExp): { reached: Promise<void>; release: () => void } {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached = (): void => undefined;
    const whenReached = new Promise<void>((resolve) => (reached = resolve));
    this.held = { match, reached, gate };
    return { reached: whenReached, release };
  }

  override async writeAtomic(name: string, text: string): Promise<void> {
    const held = this.held;
    if (held?.match.test(name)) {
      this.held = undefined;
      held.reached();
      await held.gate;
    }
    return super.writeAtomic(name, text);
  }
}

export interface HistoryWindow {
  readonly store: HistoryStore;
  readonly files: HeldFileStore;
  readonly log: RecordingLog;
}

/**
 * A window's store on the shared disk. `maxYields` lets other windows' operations run between its steps;
 * `tailLimitBytes` 0 makes every save write the whole chat file, for the tests of that write.
 */
export function openWindow(disk: MemoryDisk, label: string, maxYields = 0, tailLimitBytes?: number): HistoryWindow {
  const files = new HeldFileStore(disk, label, { maxYields });
  const log = new RecordingLog();
  return { files, log, store: new HistoryStore({ files, log, now: disk.now, tailLimitBytes }) };
}

/** The chat ids the index file on the disk lists, in its order; undefined when it is missing or does not parse. */
export function indexOnDisk(disk: MemoryDisk): string[] | undefined {
  const text = disk.files.get(INDEX_FILE_NAME)?.text;
  if (text === undefined) return undefined;
  try {
    const parsed = HistoryIndexSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.chats.map((summary) => summary.id) : undefined;
  } catch {
    return undefined;
  }
}

/** How many atomic writes of `name` a window began. */
export function writesOf(files: MemoryFileStore, name: string): number {
  return files.written.filter((written) => written === name).length;
}

export function tempFilesOnDisk(disk: MemoryDisk): string[] {
  return disk.names().filter((name) => name.includes('.tmp-'));
}
