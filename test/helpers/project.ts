import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** ../shared beside the checkout: seeds, corpus and bench cases (read-only). */
export const SHARED = path.resolve(REPO, '../shared');
export const SEEDS = path.join(SHARED, 'seeds');

/** The five seed inputs, by file name. */
export async function seedFiles(): Promise<string[]> {
  return (await readdir(SEEDS)).filter((f) => f.endsWith('.txt')).sort();
}

/**
 * A throwaway copy of the project for end-to-end runs: code copied, dependencies linked from the
 * repository, `ingest/` holds the seeds (plus any extra files), `content/` starts empty.
 */
export async function tempProject(extra: Record<string, string | Uint8Array> = {}): Promise<{ root: string; inbox: string; content: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'fieldnotes-'));
  // Astro resolves modules by real path, so the code is copied; only dependencies are linked.
  await symlink(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  for (const name of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    await cp(path.join(REPO, name), path.join(root, name), { recursive: true });
  }
  const inbox = path.join(root, 'ingest');
  const content = path.join(root, 'content');
  await mkdir(inbox);
  await mkdir(content);
  for (const seed of await seedFiles()) await cp(path.join(SEEDS, seed), path.join(inbox, seed));
  for (const [name, text] of Object.entries(extra)) {
    await mkdir(path.dirname(path.join(inbox, name)), { recursive: true });
    await writeFile(path.join(inbox, name), text);
  }
  return { root, inbox, content };
}

/** Every file below a folder, relative path → bytes, for comparing trees. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const abs = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(abs);
      else files.set(path.relative(dir, abs), (await readFile(abs)).toString('base64'));
    }
  }
  await walk(dir);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `astro build` of a project folder; returns its dist/ path. */
export async function buildSite(root: string): Promise<string> {
  await promisify(execFile)(process.execPath, [path.join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return path.join(root, 'dist');
}
