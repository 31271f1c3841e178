import type { Loader, LoaderContext } from 'astro/loaders';
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
    load: async ({ store, parseData, generateDigest, renderMarkdown, watcher, config, logger }: LoaderContext) => {
      const dir = fileURLToPath(new URL(base.endsWith('/') ? base : `${base}/`, config.root));
      const idOf = (file: string) => file.slice(0, -options.extension.length);

      /** Loads one file into the store, unless its content is what the store has already. */
      const loadFile = async (file: string): Promise<void> => {
        const text = await readFile(path.join(dir, file), 'utf8').catch(() => undefined);
        if (text === undefined) return;
        const id = idOf(file);
        const digest = generateDigest(text);
        if (store.get(id)?.digest === digest) return;
        const filePath = path.relative(fileURLToPath(config.root), path.join(dir, file));
        let parsed;
        try {
          // Options turn off gray-matter's cache, which would keep every file's text alive.
          parsed = matter(text, {});
        } catch (error) {
          throw new Error(`${filePath}: the frontmatter is not valid YAML (${(error as Error).message})`);
        }
        const data = await parseData({ id, data: parsed.data, filePath });
        // The whole file: the renderer takes the frontmatter off itself (a body may start with `---`).
        const rendered = options.render ? await renderMarkdown(text) : undefined;
        store.set({ id, data, body: parsed.content, digest, filePath, rendered });
      };

      const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(options.extension)).sort();
      for (const file of files) await loadFile(file);
      const present = new Set(files.map(idOf));
      for (const id of store.keys()) if (!present.has(id)) store.delete(id);

      // In dev, one file at a time as ingest writes or removes it.
      watcher?.add(dir);
      watcher?.on('all', (event, changed) => {
        const file = path.relative(dir, path.resolve(changed));
        if (file.startsWith('..') || file.includes(path.sep) || !file.endsWith(options.extension)) return;
        if (event === 'unlink') store.delete(idOf(file));
        else loadFile(file).catch((error: Error) => logger.error(error.message));
      });
    },
  };
}
