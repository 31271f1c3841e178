import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { SEARCH_BUNDLES } from '../site/search/bundles.ts';

/**
 * Not indexed: the "L12–14" link after each block of a document's source excerpt (a reader
 * searches words, and an excerpt of line numbers says nothing).
 */
const EXCLUDED = ['.from-source a[href^="/sources/"]'];

/** Writes every search bundle for a built site in `outDir`; returns the pages each indexed. */
export async function writeSearchBundles(outDir: string): Promise<Record<keyof typeof SEARCH_BUNDLES, number>> {
  const counts = { documents: 0, sources: 0 };
  try {
    for (const [name, bundle] of Object.entries(SEARCH_BUNDLES) as Array<[keyof typeof SEARCH_BUNDLES, (typeof SEARCH_BUNDLES)[keyof typeof SEARCH_BUNDLES]]>) {
      const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED });
      if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
      const added = await index.addDirectory({ path: outDir, glob: bundle.glob });
      if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
      for (const copy of [bundle.path, `${bundle.path}-all`]) {
        const written = await index.writeFiles({ outputPath: `${outDir}/${copy}` });
        if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
      }
      counts[name] = added.page_count;
      // A fresh Pagefind process per bundle: it does not give memory back, and the build's peak
      // is this process beside Astro's.
      await pagefind.close();
    }
  } finally {
    await pagefind.close();
  }
  return counts;
}

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
        const counts = await writeSearchBundles(fileURLToPath(dir));
        logger.info(`indexed ${counts.documents} documents and ${counts.sources} sources`);
      },
    },
  };
}
