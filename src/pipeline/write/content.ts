import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { hashBytes } from '../read.ts';
import { readIfExists, writeBytesAtomic, writeFileAtomic } from './files.ts';
import type { Journal, Manifest } from './manifest.ts';

export type WriteOutcome = 'written' | 'unchanged' | 'kept-edited';

/**
 * Writes generated files into `content/`, never over a person's edits: a file on disk whose
 * hash is not the one recorded when we wrote it (or that we never wrote) is left alone.
 */
export class ContentWriter {
  constructor(
    private readonly contentDir: string,
    private readonly manifest: Manifest,
    private readonly journal: Journal,
    /** Hashes a killed earlier run may have left (from its journal): those files are ours too. */
    private readonly unsaved: Map<string, Set<string>> = new Map(),
  ) {}

  private isOurs(relPath: string, hash: string): boolean {
    return this.manifest.outputs[relPath] === hash || (this.unsaved.get(relPath)?.has(hash) ?? false);
  }

  private abs(relPath: string): string {
    const target = path.resolve(this.contentDir, relPath);
    if (!target.startsWith(path.resolve(this.contentDir) + path.sep)) throw new Error(`refusing to write outside content/: ${relPath}`);
    return target;
  }

  /** True when the file on disk is not what we last wrote there. */
  async isHandEdited(relPath: string, onDisk?: string): Promise<boolean> {
    const current = onDisk ?? (await readIfExists(this.abs(relPath)));
    if (current === undefined) return false;
    return !this.isOurs(relPath, hashBytes(current));
  }

  async write(relPath: string, text: string): Promise<WriteOutcome> {
    const target = this.abs(relPath);
    const onDisk = await readIfExists(target);
    const hash = hashBytes(text);
    if (onDisk === text) {
      this.manifest.outputs[relPath] = hash;
      return 'unchanged';
    }
    if (onDisk !== undefined && (await this.isHandEdited(relPath, onDisk))) return 'kept-edited';
    await this.journal.record(relPath, hash);
    await writeFileAtomic(target, text);
    this.manifest.outputs[relPath] = hash;
    return 'written';
  }

  /** Writes bytes (an audio copy) under the same rules as text: never over a file someone changed. */
  async writeBytes(relPath: string, bytes: Uint8Array): Promise<WriteOutcome> {
    const target = this.abs(relPath);
    const hash = hashBytes(bytes);
    const onDisk = await readFile(target).catch(() => undefined);
    if (onDisk && hashBytes(onDisk) === hash) {
      this.manifest.outputs[relPath] = hash;
      return 'unchanged';
    }
    if (onDisk && !this.isOurs(relPath, hashBytes(onDisk))) return 'kept-edited';
    await this.journal.record(relPath, hash);
    await writeBytesAtomic(target, bytes);
    this.manifest.outputs[relPath] = hash;
    return 'written';
  }

  /** Removes a file we generated earlier that nothing produces now, unless someone edited it. */
  async remove(relPath: string): Promise<'removed' | 'kept-edited' | 'absent'> {
    const target = this.abs(relPath);
    const onDisk = await readFile(target).catch(() => undefined);
    if (onDisk === undefined) {
      delete this.manifest.outputs[relPath];
      return 'absent';
    }
    if (!this.isOurs(relPath, hashBytes(onDisk))) return 'kept-edited';
    await rm(target);
    delete this.manifest.outputs[relPath];
    return 'removed';
  }
}
