import { z } from 'astro/zod';
import { citations, citedText, generatedBy } from './citation.ts';

/** ISO 639-1 codes of the languages a document is written in, most used first. */
export const languages = z.array(z.string().regex(/^[a-z]{2}$/)).min(1);

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
  generated: generatedBy,
});

/** A list entry with its own citation (timeline events, steps, follow-ups…). */
export const citedItem = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ ...shape, cite: citations });
