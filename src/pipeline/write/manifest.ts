import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { readIfExists, writeFileAtomic } from './files.ts';

/**
 * The manifest remembers, per inbox file, the hash it had and what was made from it, and per
 * generated file the hash it was written with. It lets a re-run skip unchanged inputs and lets
 * the writer tell a hand-edited file (hash differs from what we wrote) from its own output.
 * It holds no timestamps, so it is as deterministic as the content it describes.
 */
export interface ManifestInput {
  hash: string;
  sourceId: string;
  /** `published`: pages were written; `unpublished`: nothing derived (private chatter stays private). */
  status: 'published' | 'unpublished' | 'failed';
  outputs: string[];
  /** Document slugs claimed by this input, `collection/slug`. */
  documents: string[];
}

export interface Manifest {
  version: 1;
  pipeline: string;
  inputs: Record<string, ManifestInput>;
  outputs: Record<string, string>;
}

export const MANIFEST_PATH = '.fieldnotes/manifest.json';
/**
 * The journal: one line per file written since the manifest was last saved. A run that is killed
 * before it saves the manifest leaves it behind, so the next run still knows those files are its
 * own (not hand edits) and can overwrite or remove them.
 */
export const JOURNAL_PATH = '.fieldnotes/journal.log';

export function emptyManifest(pipeline: string): Manifest {
  return { version: 1, pipeline, inputs: {}, outputs: {} };
}

export function loadManifest(contentDir: string, pipeline: string): Manifest {
  const text = readIfExists(path.join(contentDir, MANIFEST_PATH));
  if (!text) return emptyManifest(pipeline);
  try {
    const parsed = JSON.parse(text) as Manifest;
    if (parsed.version !== 1 || typeof parsed.inputs !== 'object' || typeof parsed.outputs !== 'object') {
      throw new Error('unknown manifest version');
    }
    return parsed;
  } catch (error) {
    throw new Error(`${path.join(contentDir, MANIFEST_PATH)}: cannot read the manifest (${(error as Error).message}); delete it to rebuild everything`);
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function saveManifest(contentDir: string, manifest: Manifest): void {
  const stable: Manifest = { ...manifest, inputs: sortKeys(manifest.inputs), outputs: sortKeys(manifest.outputs) };
  writeFileAtomic(path.join(contentDir, MANIFEST_PATH), JSON.stringify(stable, null, 2) + '\n');
  rmSync(path.join(contentDir, JOURNAL_PATH), { force: true });
}

/** Appends "path<TAB>hash" to the journal, before the file itself is written. */
export class Journal {
  private fd: number | undefined;
  private readonly contentDir: string;

  constructor(contentDir: string) {
    this.contentDir = contentDir;
  }

  record(relPath: string, hash: string): void {
    if (this.fd === undefined) {
      mkdirSync(path.join(this.contentDir, '.fieldnotes'), { recursive: true });
      this.fd = openSync(path.join(this.contentDir, JOURNAL_PATH), 'a');
    }
    writeSync(this.fd, `${relPath}\t${hash}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Hashes of the files a killed run wrote: path → every hash it may have left there. */
export function readJournal(contentDir: string): Map<string, Set<string>> {
  const text = readIfExists(path.join(contentDir, JOURNAL_PATH));
  const written = new Map<string, Set<string>>();
  for (const line of (text ?? '').split('\n')) {
    const [relPath, hash] = line.split('\t');
    if (relPath && hash?.startsWith('sha256:')) written.set(relPath, new Set([...(written.get(relPath) ?? []), hash]));
  }
  return written;
}

