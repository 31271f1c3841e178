import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { adr, incident, runbook, source } from './schemas/index.ts';
import { sourcesLoader } from './site/sources-loader.ts';

/** The generated collections in `content/`, validated by the same schemas the pipeline uses. */
export const collections = {
  incidents: defineCollection({ loader: glob({ base: './content/incidents', pattern: '**/*.mdx' }), schema: incident }),
  adrs: defineCollection({ loader: glob({ base: './content/adrs', pattern: '**/*.mdx' }), schema: adr }),
  runbooks: defineCollection({ loader: glob({ base: './content/runbooks', pattern: '**/*.mdx' }), schema: runbook }),
  sources: defineCollection({ loader: sourcesLoader('./content/sources'), schema: source }),
};
