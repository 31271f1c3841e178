import { defineCollection } from 'astro:content';
import { adr, incident, runbook, source } from './schemas/index.ts';
import { folderLoader } from './site/folder-loader.ts';

/** The generated collections in `content/`, validated by the same schemas the pipeline uses. */
export const collections = {
  incidents: defineCollection({ loader: folderLoader('./content/incidents', { extension: '.mdx', render: true }), schema: incident }),
  adrs: defineCollection({ loader: folderLoader('./content/adrs', { extension: '.mdx', render: true }), schema: adr }),
  runbooks: defineCollection({ loader: folderLoader('./content/runbooks', { extension: '.mdx', render: true }), schema: runbook }),
  sources: defineCollection({ loader: folderLoader('./content/sources', { extension: '.md', render: false }), schema: source }),
};
