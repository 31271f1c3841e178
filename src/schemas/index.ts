/**
 * The collections' schemas, defined once and used by Astro's content collections
 * (src/content.config.ts) and by the pipeline's writer, which validates every document
 * before it reaches `content/`.
 */
import { adr } from './adr.ts';
import { incident } from './incident.ts';
import { runbook } from './runbook.ts';
import { source } from './source.ts';

export * from './article.ts';
export * from './citation.ts';
export * from './adr.ts';
export * from './incident.ts';
export * from './runbook.ts';
export * from './source.ts';
export { documentBase, citedItem } from './common.ts';

export const documentSchemas = { incidents: incident, adrs: adr, runbooks: runbook } as const;
export type DocumentCollection = keyof typeof documentSchemas;
export const collectionSchemas = { ...documentSchemas, sources: source } as const;
