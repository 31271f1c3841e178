import { z } from 'astro/zod';
import { article } from './article.ts';
import { citedText, generatedBy } from './citation.ts';
import { citedItem } from './common-item.ts';

export { citedItem };

/** Fields that every derived document (incident, ADR, runbook) carries. */
export const documentBase = z.object({
  title: citedText,
  language: z.string().regex(/^[a-z]{2}$/),
  sources: z.array(z.string()).min(1),
  entities: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  /** A draft lacks fields a full document needs; `missing` names them. */
  draft: z.boolean().default(false),
  missing: z.array(z.string()).default([]),
  /** Present when the document is (to be) cross-posted as an article. */
  article: article.optional(),
  generated: generatedBy,
});
