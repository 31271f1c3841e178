import { rmSync } from 'node:fs';
import path from 'node:path';
import { hashBytes } from '../read.ts';
import { readBytesIfExists, readIfExists, writeFileAtomic } from './files.ts';
import type { Journal, Manifest } from './manifest.ts';

export type WriteOutcome = 'written' | 'unchanged' | 'kept-edited';

/**
 * Writes generated files into `content/`, never over a person's edits: a file on disk whose
 * hash is not the one recorded when we wrote it (or that we never wrote) is left alone.
 */
export class ContentWriter {
  private readonly contentDir: string;
  private readonly manifest: Manifest;
  private readonly journal: Journal;
  /** Hashes a killed earlier run may have left (from its journal): those files are ours too. */
  private readonly unsaved: Map<string, Set<string>>;

  constructor(contentDir: string, manifest: Manifest, journal: Journal, unsaved: Map<string, Set<string>> = new Map()) {
    this.contentDir = contentDir;
    this.manifest = manifest;
    this.journal = journal;
    this.unsaved = unsaved;
  }

  private isOurs(relPath: string, hash: string): boolean {
    return this.manifest.outputs[relPath] === hash || (this.unsaved.get(relPath)?.has(hash) ?? false);
  }

  private abs(relPath: string): string {
    const target = path.resolve(this.contentDir, relPath);
    if (!target.startsWith(path.resolve(this.contentDir) + path.sep)) throw new Error(`refusing to write outside content/: ${relPath}`);
    return target;
  }

  /** True when the file on disk is not what we last wrote there. */
  isHandEdited(relPath: string): boolean {
    const current = readIfExists(this.abs(relPath));
    return current !== undefined && !this.isOurs(relPath, hashBytes(current));
  }

  /** Writes text or bytes (an audio copy) unless the file on disk is someone else's. */
  write(relPath: string, content: string | Uint8Array): WriteOutcome {
    const target = this.abs(relPath);
    const hash = hashBytes(content);
    const onDisk = readBytesIfExists(target);
    if (onDisk !== undefined) {
      const onDiskHash = hashBytes(onDisk);
      if (onDiskHash === hash) {
        this.manifest.outputs[relPath] = hash;
        return 'unchanged';
      }
      if (!this.isOurs(relPath, onDiskHash)) return 'kept-edited';
    }
    this.journal.record(relPath, hash);
    writeFileAtomic(target, content);
    this.manifest.outputs[relPath] = hash;
    return 'written';
  }

  /** Removes a file we generated earlier that nothing produces now, unless someone edited it. */
  remove(relPath: string): 'removed' | 'kept-edited' | 'absent' {
    const target = this.abs(relPath);
    const onDisk = readBytesIfExists(target);
    if (onDisk === undefined) {
      delete this.manifest.outputs[relPath];
      return 'absent';
    }
    if (!this.isOurs(relPath, hashBytes(onDisk))) return 'kept-edited';
    rmSync(target);
    delete this.manifest.outputs[relPath];
    return 'removed';
  }
}
