import { z } from 'astro/zod';
import { citedDate, citedText } from './citation.ts';
import { citedItem, documentBase } from './common.ts';

/**
 * The status word: `proposed`, `accepted`, `rejected`, `deprecated`, `superseded`, or the note's
 * own English word (`draft`, `approved`); Russian and Korean words are translated. `unknown`
 * when the note does not say.
 */
export const adrStatus = z.string().regex(/^[a-z][a-z -]{0,30}$/);

/** An architecture decision record ("ADR-014 — Postgres as primary datastore"). */
export const adr = documentBase.extend({
  /** The record's identifier as written: `ADR-0012`, `15`, `DL-2026-011`. */
  number: z.string().min(1).optional(),
  status: adrStatus.default('unknown'),
  date: citedDate.optional(),
  deciders: z.array(z.string()).default([]),
  context: citedText.optional(),
  drivers: z.array(citedText).default([]),
  decision: citedText.optional(),
  options: z
    .array(citedItem({ name: z.string().min(1), chosen: z.boolean(), reasons: z.string().optional() }))
    .default([]),
  consequences: z
    .object({ positive: z.array(citedText).default([]), negative: z.array(citedText).default([]) })
    .default({ positive: [], negative: [] }),
  /** Identifiers of the records this one replaces, and of those that replace it. */
  supersedes: z.array(z.string()).default([]),
  supersededBy: z.array(z.string()).default([]),
});
export type Adr = z.output<typeof adr>;
export type AdrInput = z.input<typeof adr>;
