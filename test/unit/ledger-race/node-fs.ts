// A FileStore on node:fs, for the two-process race test: the same store logic as the extension, on a real disk
// shared by real processes. The atomic write is a temp file and a POSIX rename, which replaces atomically.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FileStore } from '../../../src/core/file-store';

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

export class NodeFileStore implements FileStore {
  constructor(readonly folder: string) {}

  async ensureFolder(): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
  }

  async list(): Promise<string[]> {
    try {
      return (await fs.readdir(this.folder, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  async read(name: string): Promise<string | undefined> {
    try {
      return await fs.readFile(path.join(this.folder, name), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async writeAtomic(name: string, text: string): Promise<void> {
    const target = path.join(this.folder, name);
    const temp = `${target}.tmp-${randomBytes(8).toString('hex')}`;
    await fs.writeFile(temp, text, 'utf8');
    await fs.rename(temp, target);
  }

  async delete(name: string): Promise<void> {
    await fs.rm(path.join(this.folder, name), { force: true });
  }

  async mtime(name: string): Promise<number | undefined> {
    try {
      return (await fs.stat(path.join(this.folder, name))).mtimeMs;
    } catch {
      return undefined;
    }
  }

  tempTarget(name: string): string | undefined {
    return /^(.+)\.tmp-[0-9a-f]+$/.exec(name)?.[1];
  }
}
