import type { Loader } from 'astro/loaders';
import matter from 'gray-matter';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Loads one generated folder of `content/` (every `*.ext` file in it) into a collection, and in
 * `astro dev` watches it, so files written by ingest appear without a restart.
 *
 * Why not Astro's glob loader: it makes every `.mdx` file a Vite module, and bundling 10,000 of
 * them is most of a large build's time and memory. Our documents are MDX only in name: ingest
 * writes them through mdast with every MDX construct (JSX, expressions, ESM) escaped, so their
 * bodies are plain Markdown, and Astro's own Markdown renderer (with this site's remark/rehype
 * plugins and Shiki) renders them here, once, into the data store. Sources are not rendered at
 * all: a source page lists the text line by line.
 */
export function folderLoader(base: string, options: { extension: string; render: boolean }): Loader {
  return {
    name: 'fieldnotes:folder',
    load: async ({ store, parseData, generateDigest, renderMarkdown, watcher, config, logger }) => {
      const dir = fileURLToPath(new URL(base.endsWith('/') ? base : `${base}/`, config.root));
      const sync = async () => {
        const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(options.extension)).sort();
        const seen = new Set<string>();
        for (const file of files) {
          const id = file.slice(0, -options.extension.length);
          seen.add(id);
          const text = await readFile(path.join(dir, file), 'utf8').catch(() => undefined);
          if (text === undefined) continue;
          const digest = generateDigest(text);
          if (store.get(id)?.digest === digest) continue;
          // Options turn off gray-matter's cache, which would keep every file's text alive.
          const parsed = matter(text, {});
          const filePath = path.relative(fileURLToPath(config.root), path.join(dir, file));
          const data = await parseData({ id, data: parsed.data, filePath });
          // The whole file: the renderer takes the frontmatter off itself (a body may start with `---`).
          const rendered = options.render ? await renderMarkdown(text) : undefined;
          store.set({ id, data, body: parsed.content, digest, filePath, rendered });
        }
        for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      };
      await sync();
      if (watcher) {
        watcher.add(dir);
        watcher.on('all', (_event, changed) => {
          if (path.resolve(changed).startsWith(dir)) sync().catch((error: Error) => logger.error(`${base}: ${error.message}`));
        });
      }
    },
  };
}
