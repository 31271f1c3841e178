import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { slugify } from './slug.ts';

/** One file of the inbox, as read: its bytes never change after this point. */
export interface InboxFile {
  /** Path relative to the inbox, with `/` separators (stable across machines). */
  relPath: string;
  absPath: string;
  bytes: Uint8Array;
  /** `sha256:<hex>` of the bytes; the manifest keys skip-if-unchanged on it. */
  hash: string;
  /** Modification time when read (the stat cache pairs it with the size and hash). */
  mtimeMs: number;
}

/** A file of the inbox that could not be read, with the reason. */
export interface InboxProblem {
  relPath: string;
  message: string;
}

/** Files the pipeline never treats as notes: editor and OS droppings, our own sidecars. */
const IGNORED = /^(\.|~\$)|~$|\.(swp|tmp|part|crdownload)$|^(Thumbs\.db|desktop\.ini)$/i;

/** Bigger inputs are refused with a clear message instead of exhausting memory. */
export const MAX_INBOX_FILE_BYTES = 64 * 1024 * 1024;
/** Text notes are small; one this big is a log or a dump, and parsing it would stall the run. */
export const MAX_NOTE_BYTES = 8 * 1024 * 1024;

/** Voice memos: transcribed, not read as text. */
export const AUDIO_EXTENSIONS = /\.(ogg|oga|opus|mp3|m4a|wav|webm|flac|mp4)$/i;

/** Stable source id from a file name: `Отчёт о сбое.txt` → `otchyot-o-sboe`. */
export function sourceSlug(relPath: string): string {
  const base = relPath.split('/').pop()!.replace(/\.[^.]+$/, '');
  // A name that is a slug already is its own (slugify costs 7 µs a name: most of listing 10,000).
  if (ALREADY_SLUG.test(base)) return base.slice(0, 80);
  return slugify(base, { separator: '-', preserveCharacters: ['_'] }).slice(0, 80) || 'source';
}

/** Lowercase letters and digits in runs joined by single `-` or `_`: what slugify gives back unchanged. */
const ALREADY_SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export function hashBytes(bytes: Uint8Array | string): string {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex');
}

/**
 * Lists the inbox files in a stable order (sorted by relative path). Symbolic links are
 * followed only when they stay inside the inbox, so a link cannot publish `/etc/passwd`.
 */
export async function listInbox(inboxDir: string): Promise<{ files: string[]; problems: InboxProblem[] }> {
  const root = await realpath(inboxDir);
  const files: string[] = [];
  const problems: InboxProblem[] = [];
  // The relative path is built alongside the absolute one (path.relative per file was a tenth of
  // listing 10,000).
  async function walk(dir: string, relDir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (IGNORED.test(entry.name)) continue;
      const abs = path.join(dir, entry.name);
      const relPath = relDir + entry.name;
      if (entry.isSymbolicLink()) {
        const target = await realpath(abs).catch(() => null);
        if (!target || (target !== root && !target.startsWith(root + path.sep))) {
          problems.push({ relPath, message: 'symbolic link points outside the inbox (or nowhere); skipped' });
          continue;
        }
        const stat = await lstat(target);
        if (stat.isDirectory()) {
          problems.push({ relPath, message: 'symbolic link to a folder; skipped to avoid cycles' });
          continue;
        }
        files.push(relPath);
      } else if (entry.isDirectory()) {
        await walk(abs, `${relPath}/`);
      } else if (entry.isFile()) {
        files.push(relPath);
      }
    }
  }
  await walk(root, '');
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, problems };
}

/**
 * Reads one inbox file; never writes to the inbox. Synchronous: inbox files are small and
 * read one after another, and a promise round trip per call cost more than the read.
 */
export function readInboxFile(inboxDir: string, relPath: string): InboxFile {
  const absPath = path.join(inboxDir, ...relPath.split('/'));
  const stat = statSync(absPath);
  if (stat.size > MAX_INBOX_FILE_BYTES) {
    throw new Error(
      `file is ${(stat.size / 1048576).toFixed(1)} MB; the limit is ${MAX_INBOX_FILE_BYTES / 1048576} MB`,
    );
  }
  const bytes = new Uint8Array(readFileSync(absPath));
  return { relPath, absPath, bytes, hash: hashBytes(bytes), mtimeMs: stat.mtimeMs };
}
