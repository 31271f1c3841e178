import { z } from 'astro/zod';
import { citedDate, citedText } from './citation.ts';
import { citedItem, documentBase } from './common.ts';

export const adrStatus = z.enum(['proposed', 'accepted', 'rejected', 'deprecated', 'superseded', 'unknown']);

/** An architecture decision record ("ADR-014 — Postgres as primary datastore"). */
export const adr = documentBase.extend({
  number: z.number().int().nonnegative().optional(),
  status: adrStatus.default('unknown'),
  date: citedDate.optional(),
  deciders: z.array(z.string()).default([]),
  context: citedText.optional(),
  decision: citedText.optional(),
  options: z
    .array(citedItem({ name: z.string().min(1), chosen: z.boolean(), reasons: z.string().optional() }))
    .default([]),
  consequences: z
    .object({ positive: z.array(citedText).default([]), negative: z.array(citedText).default([]) })
    .default({ positive: [], negative: [] }),
  supersedes: z.array(z.number().int()).default([]),
  supersededBy: z.array(z.number().int()).default([]),
});
export type Adr = z.output<typeof adr>;
export type AdrInput = z.input<typeof adr>;
