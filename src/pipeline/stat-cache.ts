import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { InboxFile } from './read.ts';
import { writeFileAtomic } from './write/files.ts';

/** A file as `stat` saw it: enough to tell that it was replaced or written since. */
interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

const stampOf = (stat: Stats): FileStamp => ({ ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs });

/** One run of an inbox into one content folder, as far as skipping the next run goes. */
export interface RunKey {
  contentDir: string;
  pipeline: string;
  /** Hash of the run's inputs, listed in order. */
  inputs: string;
}

/**
 * The last run into a content folder that left every input settled (none failed, no edited
 * file kept): its key and its manifest as that run left it.
 */
interface SettledRun extends RunKey {
  manifest: FileStamp;
}

/**
 * A machine-local memory of each inbox file's size and modification time with the hash it had, so
 * an unchanged re-run need not read and hash 10,000 files again, and of the last settled run, so
 * that it need not read the manifest either. It lives in the user's cache folder, not in content/:
 * timestamps differ between machines, and content/ must not.
 */
export class StatCache {
  private files: Record<string, { size: number; mtimeMs: number; hash: string }> = {};
  private settled: SettledRun | undefined;
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
      const saved = JSON.parse(readFileSync(cache.file, 'utf8'));
      // An older cache (the files' record alone, with no `files` key) is read as empty.
      if (saved && typeof saved.files === 'object') {
        cache.files = saved.files;
        cache.settled = saved.settled ?? undefined;
      }
    } catch {
      // No cache yet, or an unreadable one: everything is read and hashed once.
    }
    return cache;
  }

  /** The hash recorded for a file whose size and mtime have not changed since, if any. */
  knownHash(absPath: string, relPath: string): string | undefined {
    const entry = this.files[relPath];
    if (!entry) return undefined;
    const stat = statSync(absPath, { throwIfNoEntry: false });
    return stat && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs ? entry.hash : undefined;
  }

  /** Remembers a file as it was just read. */
  remember(file: InboxFile): void {
    this.files[file.relPath] = { size: file.bytes.length, mtimeMs: file.mtimeMs, hash: file.hash };
    this.dirty = true;
  }

  /**
   * True when the last settled run had this same key, its manifest has not been written or replaced
   * since, and every file the inputs depend on is as that run read it: then the run would find
   * every input unchanged, and there is nothing to do.
   */
  isSettled(run: RunKey, manifestFile: string, inboxDir: string, files: string[]): boolean {
    const last = this.settled;
    if (!last || last.contentDir !== run.contentDir || last.pipeline !== run.pipeline || last.inputs !== run.inputs) return false;
    const manifest = statSync(manifestFile, { throwIfNoEntry: false });
    if (!manifest || manifest.ino !== last.manifest.ino || manifest.size !== last.manifest.size || manifest.mtimeMs !== last.manifest.mtimeMs) return false;
    return files.every((relPath) => this.knownHash(path.join(inboxDir, relPath), relPath) !== undefined);
  }

  /**
   * Records how a run ended: settled (with its manifest file, as saved) or not. A run that did
   * not settle clears the record, so that the next run checks every input again.
   */
  recordRun(run: RunKey, manifestFile: string | undefined): void {
    const manifest = manifestFile === undefined ? undefined : statSync(manifestFile, { throwIfNoEntry: false });
    const settled = manifest ? { ...run, manifest: stampOf(manifest) } : undefined;
    if (JSON.stringify(settled) === JSON.stringify(this.settled)) return;
    this.settled = settled;
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    try {
      writeFileAtomic(this.file, JSON.stringify({ files: this.files, settled: this.settled }));
    } catch {
      // A cache that cannot be written only costs speed next time.
    }
  }
}
