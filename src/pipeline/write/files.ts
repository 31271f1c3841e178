import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers see either the old or the new content, never half of it:
 * the bytes go to a temporary file in the same folder, then are renamed over the target (rename
 * is atomic within one file system). There is no fsync per file: a killed process loses nothing
 * the kernel holds, and after a power cut the next run rewrites what it finds missing — syncing
 * every file would make a 10,000-note run spend most of its time waiting on the disk.
 */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  await writeBytesAtomic(target, Buffer.from(content, 'utf8'));
}

export async function writeBytesAtomic(target: string, content: Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
  await writeFile(temp, content);
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Temporary files of a write that was killed before its rename: never content, always safe to drop. */
export async function removeLeftoverTempFiles(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) await removeLeftoverTempFiles(abs);
    else if (/^\..+\.tmp-[0-9a-f]{12}$/.test(entry.name)) await rm(abs, { force: true });
  }
}
