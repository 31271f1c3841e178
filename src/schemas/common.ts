import { z } from 'astro/zod';
import { article } from './article.ts';
import { citations, citedText, generatedBy } from './citation.ts';
import { citedItem } from './common-item.ts';

export { citedItem };

/**
 * A reference from one document to another, as the note writes it: `ADR-9`, `INC-655`, or the
 * words of a runbook's title. The site links it when a document of that name is published.
 */
export const documentLink = citedItem({
  to: z.string().min(1),
  relation: z.enum(['mentions', 'supersedes', 'supersededBy']),
});

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
  links: z.array(documentLink).default([]),
  /**
   * Citations of the fields whose values are words of a fixed set or plain lists (severity,
   * status, number, deciders…): every claim is cited, these ones here, by field name.
   */
  cites: z.record(z.string(), citations).default({}),
  /**
   * Which extractor gave each field from the text, when a model took part (`heuristic` for the
   * offline rules, `model` for a verified model claim). Absent: every field is the rules'.
   */
  by: z.record(z.string(), z.enum(['heuristic', 'model'])).optional(),
  /** Present when the document is (to be) cross-posted as an article. */
  article: article.optional(),
  generated: generatedBy,
});
