import { z } from 'astro/zod';
import { citedItem } from './common-item.ts';
import { citedText } from './citation.ts';

/**
 * Substack cross-post data that any document may carry. The article's title may differ from the
 * document's; its slug does not (the file name stays).
 */
export const article = z.object({
  title: citedText.optional(),
  subtitle: citedText.optional(),
  status: z.enum(['draft', 'ready', 'published']).default('draft'),
  /** Editorial notes from the author, as a checklist for whoever writes the article up. */
  notes: z.array(citedItem({ text: z.string().min(1), done: z.boolean().default(false) })).default([]),
  /**
   * The article's prose, written by a model from the document's cited fields and its source:
   * paragraphs under optional headings, each with the lines it rests on. Absent offline: the
   * article is then built from the fields themselves.
   */
  body: z.array(citedItem({ heading: z.string().min(1).optional(), text: z.string().min(1) })).optional(),
});
export type Article = z.output<typeof article>;
