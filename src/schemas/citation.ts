import { z } from 'astro/zod';

/**
 * A pointer from a claim to the source text behind it: a range of lines of a source's
 * decoded text (1-based, inclusive), or a time range in seconds of an audio transcript.
 * Sources are addressed by their id, which is also the slug of their page.
 */
export const lineCitation = z.object({
  source: z.string().min(1),
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
});
export const timeCitation = z.object({
  source: z.string().min(1),
  time: z.tuple([z.number().nonnegative(), z.number().nonnegative()]),
});
export const citation = z.union([lineCitation, timeCitation]);
export type Citation = z.output<typeof citation>;
export type LineCitation = z.output<typeof lineCitation>;

/** At least one citation: a claim with none is a bug (DESIGN.md, "every claim is cited"). */
export const citations = z.array(citation).min(1);

/** A piece of text taken from a source, with where it came from. */
export const citedText = z.object({ text: z.string().min(1), cite: citations });
export type CitedText = z.output<typeof citedText>;

/** Marks a value that the text implies but does not state (e.g. "on Thursday" → a date). */
export const citedDate = citedText.extend({
  inferred: z.boolean().default(false),
});

/** What every generated file says about where it came from. */
export const generatedBy = z.object({
  tool: z.literal('fieldnotes'),
  from: z.string().min(1),
  note: z.string(),
});

/** Where a citation points on the site: the source page, scrolled to the lines or time. */
export function citationHref(citation: Citation): string {
  if ('lines' in citation) {
    const [from, to] = citation.lines;
    return `/sources/${citation.source}/#L${from}${to !== from ? `-L${to}` : ''}`;
  }
  return `/sources/${citation.source}/#t${Math.floor(citation.time[0])}`;
}

/** Short human label of a citation: `L12–18` or `01:23–01:41`. */
export function citationLabel(citation: Citation): string {
  if ('lines' in citation) {
    const [from, to] = citation.lines;
    return from === to ? `L${from}` : `L${from}–${to}`;
  }
  const clock = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  return `${clock(citation.time[0])}–${clock(citation.time[1])}`;
}
