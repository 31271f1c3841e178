import type { Loader } from 'astro/loaders';
import matter from 'gray-matter';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Loads `content/sources/*.md` as data: frontmatter plus the text as `body`. The glob loader
 * would render every source's markdown to HTML at sync, which the site never shows (a source page
 * lists its lines verbatim); with 10,000 sources that was time and memory for nothing.
 * In `astro dev` it watches the folder, so sources written by ingest appear without a restart.
 */
export function sourcesLoader(base: string): Loader {
  return {
    name: 'fieldnotes:sources',
    load: async ({ store, parseData, generateDigest, watcher, config, logger }) => {
      const dir = fileURLToPath(new URL(base.endsWith('/') ? base : `${base}/`, config.root));
      const sync = async () => {
        const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.md')).sort();
        const seen = new Set<string>();
        for (const file of files) {
          const id = file.slice(0, -'.md'.length);
          seen.add(id);
          const text = await readFile(path.join(dir, file), 'utf8').catch(() => undefined);
          if (text === undefined) continue;
          const digest = generateDigest(text);
          if (store.get(id)?.digest === digest) continue;
          const parsed = matter(text, {});
          const filePath = path.relative(fileURLToPath(config.root), path.join(dir, file));
          const data = await parseData({ id, data: parsed.data, filePath });
          store.set({ id, data, body: parsed.content, digest, filePath });
        }
        for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      };
      await sync();
      if (watcher) {
        watcher.add(dir);
        watcher.on('all', (_event, changed) => {
          if (path.resolve(changed).startsWith(dir)) sync().catch((error: Error) => logger.error(`sources: ${error.message}`));
        });
      }
    },
  };
}
