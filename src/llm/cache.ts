import { createHash } from 'node:crypto';
import path from 'node:path';
import { readIfExists, writeFileAtomic } from '../pipeline/write/files.ts';

/**
 * Results of model calls, cached by a hash of everything that determines them (model, prompt
 * version, input), in `content/.fieldnotes/cache/`. The cache is committed with the content: a
 * re-run anywhere, even without an API key, makes no call and gives the same content.
 */
export class ResultCache {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  static key(...parts: Array<string | Uint8Array>): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part).update('\u0000');
    return hash.digest('hex');
  }

  private file(kind: string, key: string): string {
    return path.join(this.dir, kind, `${key}.json`);
  }

  async get<T>(kind: string, key: string): Promise<T | undefined> {
    const text = readIfExists(this.file(kind, key));
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async set(kind: string, key: string, value: unknown): Promise<void> {
    writeFileAtomic(this.file(kind, key), JSON.stringify(value, null, 2) + '\n');
  }
}
