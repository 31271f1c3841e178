import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * File writes are synchronous on purpose: ingest writes thousands of small files from one thread
 * while workers do the CPU work, and a synchronous write of a few kilobytes into the page cache
 * costs microseconds, where each promise-based call (open, write, close, rename) costs a
 * round trip through libuv's thread pool. At 10,000 notes that was half the main thread's time.
 */

/** Folders known to exist, so each is created once per run rather than once per file. */
const createdDirs = new Set<string>();

function ensureDir(dir: string): void {
  if (createdDirs.has(dir)) return;
  mkdirSync(dir, { recursive: true });
  createdDirs.add(dir);
}

/**
 * Writes a file so that readers see either the old or the new content, never half of it:
 * the bytes go to a temporary file in the same folder, then are renamed over the target (rename
 * is atomic within one file system). There is no fsync per file: a killed process loses nothing
 * the kernel holds, and after a power cut the next run rewrites what it finds missing — syncing
 * every file would make a 10,000-note run spend most of its time waiting on the disk.
 */
export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  const dir = path.dirname(target);
  ensureDir(dir);
  const temp = path.join(dir, `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(temp, content);
  } catch (error) {
    // The folder may have been removed since we created it (a test, a person): once more.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    createdDirs.delete(dir);
    ensureDir(dir);
    writeFileSync(temp, content);
  }
  try {
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The file's bytes, or undefined when it does not exist. */
export function readBytesIfExists(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The file's text, or undefined when it does not exist. */
export function readIfExists(file: string): string | undefined {
  return readBytesIfExists(file)?.toString('utf8');
}

/** Temporary files of a write that was killed before its rename: never content, always safe to drop. */
export function removeLeftoverTempFiles(dir: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) removeLeftoverTempFiles(abs);
    else if (/^\..+\.tmp-[0-9a-f]{12}$/.test(entry.name)) rmSync(abs, { force: true });
  }
}
