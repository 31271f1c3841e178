import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { InboxFile } from './read.ts';
import { writeFileAtomic } from './write/files.ts';

/**
 * A machine-local memory of each inbox file's size and modification time with the hash it had, so
 * an unchanged re-run need not read and hash 10,000 files again. It lives in the user's cache
 * folder, not in content/: timestamps differ between machines, and content/ must not.
 */
export class StatCache {
  private entries: Record<string, { size: number; mtimeMs: number; hash: string }> = {};
  private dirty = false;

  private readonly file: string;

  private constructor(file: string) {
    this.file = file;
  }

  static open(inboxDir: string): StatCache {
    const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
    const key = createHash('sha256').update(path.resolve(inboxDir)).digest('hex').slice(0, 16);
    const cache = new StatCache(path.join(base, 'fieldnotes', `inbox-${key}.json`));
    try {
      cache.entries = JSON.parse(readFileSync(cache.file, 'utf8'));
    } catch {
      cache.entries = {};
    }
    return cache;
  }

  /** The hash recorded for a file whose size and mtime have not changed since, if any. */
  knownHash(absPath: string, relPath: string): string | undefined {
    const entry = this.entries[relPath];
    if (!entry) return undefined;
    const stat = statSync(absPath, { throwIfNoEntry: false });
    return stat && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs ? entry.hash : undefined;
  }

  /** Remembers a file as it was just read. */
  remember(file: InboxFile): void {
    this.entries[file.relPath] = { size: file.bytes.length, mtimeMs: file.mtimeMs, hash: file.hash };
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    try {
      writeFileAtomic(this.file, JSON.stringify(this.entries));
    } catch {
      // A cache that cannot be written only costs speed next time.
    }
  }
}
