import { z } from 'astro/zod';
import { generatedBy } from './citation.ts';

export const sourceKind = z.enum(['note', 'transcript', 'audio', 'ai-summary', 'chat', 'report']);

/** What the decode stage found and did, so a reader can trust (or doubt) the text. */
export const encodingProvenance = z.object({
  detected: z.string(),
  repairs: z.array(z.string()).default([]),
  confidence: z.number().min(0).max(1),
  changedLines: z.array(z.number().int().positive()).default([]),
});
export type EncodingProvenance = z.output<typeof encodingProvenance>;

/** One redaction, reported by line so the author can find it in the inbox original. */
export const redactionNote = z.object({ line: z.number().int().positive(), type: z.string(), rule: z.string().optional() });

/**
 * An inbox file as published: its decoded text is the body of `content/sources/<id>.md`,
 * and every citation's line numbers refer to the lines of that text.
 */
export const source = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  file: z.string().min(1),
  kind: sourceKind,
  languages: z.array(z.string()).min(1),
  encoding: encodingProvenance,
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  author: z.string().optional(),
  date: z.string().optional(),
  origin: z.string().optional(),
  lineCount: z.number().int().nonnegative(),
  redactions: z.array(redactionNote).default([]),
  documents: z
    .array(z.object({ collection: z.enum(['incidents', 'adrs', 'runbooks']), slug: z.string() }))
    .default([]),
  /** The voice memo a transcript came from, served from /audio/<file>. */
  audio: z.object({ file: z.string(), original: z.string() }).optional(),
  /** Time range of each transcript line, so the page can play the audio from a line. */
  segments: z.array(z.object({ line: z.number().int().positive(), start: z.number().nonnegative(), end: z.number().nonnegative() })).default([]),
  /** The reader that converted the file to the text shown (readers/), when it was not a text note. */
  reader: z.enum(['html', 'docx', 'pdf', 'slack', 'telegram', 'mattermost', 'subtitles', 'transcript', 'jira', 'asciidoc', 'org']).optional(),
  /** First line of each page of a converted PDF: a citation names its page. */
  pages: z.array(z.object({ page: z.number().int().positive(), line: z.number().int().positive() })).optional(),
  /**
   * The original file offered for download from /originals/<file>, or why it is not: it is
   * published as it is, so it is withheld when anything in it looks like a secret.
   */
  original: z.union([z.object({ file: z.string() }), z.object({ withheld: z.literal('secrets') })]).optional(),
  generated: generatedBy,
});

/** The page a line of a source is on, for sources converted from a PDF. */
export function pageOfLine(pages: Array<{ page: number; line: number }>, line: number): number | undefined {
  let page: number | undefined;
  for (const start of pages) if (start.line <= line) page = start.page;
  return page;
}
export type Source = z.output<typeof source>;
export type SourceInput = z.input<typeof source>;
