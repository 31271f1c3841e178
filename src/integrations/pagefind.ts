import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/**
 * Indexes the built site with Pagefind when `astro build` finishes, so search can never be
 * stale or forgotten. Each page is indexed under its own `lang`, so Russian pages get
 * Russian stemming; the search box (components/Search.astro) queries all languages at once.
 */
export function pagefindIndex(): AstroIntegration {
  return {
    name: 'fieldnotes:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: outDir });
        if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
        // The same index twice: the search box merges other languages' indexes from the second
        // path, because Pagefind will not merge a bundle into itself.
        for (const bundle of ['pagefind', 'pagefind-all']) {
          const written = await index.writeFiles({ outputPath: `${outDir}/${bundle}` });
          if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
        }
        logger.info(`indexed ${added.page_count} pages`);
        await pagefind.close();
      },
    },
  };
}
