// An in-memory FileStore for the unit tests of the stores built on it (the spend ledger, chat history), shared by
// several "windows" (one adapter each), that can interleave their operations at random and crash at chosen points
// of an atomic write.
//
// Its atomic write behaves like VS Code's file service: write `<name>.tmp-<hex>`, then rename with overwrite,
// which is delete-then-rename. Each step is a separate await, so other adapters' operations can run in between.
import type { FileStore } from '../../../src/core/file-store';

export interface MemoryFile {
  text: string;
  mtime: number;
  /** The adapter that wrote it last. */
  writer: string;
}

/** Where a write dies: in the middle of the temp file, after the temp file, or between delete and rename. */
export type CrashPoint = 'torn-temp' | 'after-temp' | 'after-delete';

export class Crash extends Error {
  constructor(readonly point: CrashPoint) {
    super(`simulated crash (${point})`);
  }
}

/** A small deterministic PRNG (mulberry32), so a failing interleaving can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class MemoryDisk {
  readonly files = new Map<string, MemoryFile>();
  /** Every name each adapter wrote (the final name of an atomic write). */
  readonly writtenBy = new Map<string, Set<string>>();
  folderExists = false;
  time = 1_750_000_000_000;
  private tempCounter = 0;

  constructor(readonly random: () => number = Math.random) {}

  now = (): number => this.time;

  nextTempSuffix(): string {
    this.tempCounter += 1;
    return this.tempCounter.toString(16).padStart(8, '0');
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }
}

export interface MemoryFsOptions {
  /** Yield to other adapters between steps, a random number of times up to this. 0: never. */
  readonly maxYields?: number;
}

export class MemoryFileStore implements FileStore {
  /** Set to crash the next atomic write of a name matching `match`. */
  crashNext: { point: CrashPoint; match?: RegExp } | undefined;
  /** Set to make the next atomic write fail cleanly (like a full disk): the temp file is removed, the target kept. */
  failNext: RegExp | undefined;
  /** Set to corrupt what is stored by the next atomic write of a matching name (a lying disk). */
  corruptNext: RegExp | undefined;
  /** Runs once, right after the next listing is taken and before it is returned (to change the folder under it). */
  afterNextList: (() => Promise<void>) | undefined;
  crashed = false;
  writes = 0;
  /** The name of every atomic write begun, in order. */
  readonly written: string[] = [];

  constructor(
    readonly disk: MemoryDisk,
    readonly label: string,
    private readonly options: MemoryFsOptions = {},
  ) {}

  private async yieldSome(): Promise<void> {
    const max = this.options.maxYields ?? 0;
    const count = Math.floor(this.disk.random() * (max + 1));
    for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private alive(): void {
    if (this.crashed) throw new Error(`${this.label} has crashed`);
  }

  async ensureFolder(): Promise<void> {
    this.alive();
    await this.yieldSome();
    this.disk.folderExists = true;
  }

  async list(): Promise<string[]> {
    this.alive();
    await this.yieldSome();
    const names = this.disk.folderExists ? this.disk.names() : [];
    const hook = this.afterNextList;
    this.afterNextList = undefined;
    await hook?.();
    return names;
  }

  async read(name: string): Promise<string | undefined> {
    this.alive();
    await this.yieldSome();
    return this.disk.files.get(name)?.text;
  }

  async writeAtomic(name: string, text: string): Promise<void> {
    this.alive();
    if (!this.disk.folderExists) throw new Error('no folder');
    this.writes += 1;
    this.written.push(name);
    const temp = `${name}.tmp-${this.disk.nextTempSuffix()}`;
    const crash = this.crashNext !== undefined && (this.crashNext.match?.test(name) ?? true) ? this.crashNext.point : undefined;
    if (crash) this.crashNext = undefined;
    const fail = this.failNext?.test(name) ?? false;
    if (fail) this.failNext = undefined;
    const corrupt = this.corruptNext?.test(name) ?? false;
    if (corrupt) this.corruptNext = undefined;

    await this.yieldSome();
    if (crash === 'torn-temp') {
      this.disk.files.set(temp, { text: text.slice(0, Math.max(1, Math.floor(text.length * 0.6))), mtime: this.disk.time, writer: this.label });
      return this.die(crash);
    }
    this.disk.files.set(temp, { text: corrupt ? text.slice(0, -2) : text, mtime: this.disk.time, writer: this.label });
    if (crash === 'after-temp') return this.die(crash);
    if (fail) {
      this.disk.files.delete(temp);
      throw new Error(`disk full writing ${name}`);
    }
    await this.yieldSome();
    this.disk.files.delete(name);
    if (crash === 'after-delete') return this.die(crash);
    await this.yieldSome();
    const written = this.disk.files.get(temp);
    if (written === undefined) throw new Error(`temp file ${temp} vanished`);
    this.disk.files.delete(temp);
    this.disk.files.set(name, written);
    let writers = this.disk.writtenBy.get(name);
    if (writers === undefined) this.disk.writtenBy.set(name, (writers = new Set()));
    writers.add(this.label);
  }

  private die(point: CrashPoint): never {
    this.crashed = true;
    throw new Crash(point);
  }

  async delete(name: string): Promise<void> {
    this.alive();
    await this.yieldSome();
    this.disk.files.delete(name);
  }

  async mtime(name: string): Promise<number | undefined> {
    this.alive();
    await this.yieldSome();
    return this.disk.files.get(name)?.mtime;
  }

  tempTarget(name: string): string | undefined {
    const match = /^(.+)\.tmp-[0-9a-f]+$/.exec(name);
    return match?.[1];
  }
}
