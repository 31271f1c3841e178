import { z } from 'astro/zod';
import { citedDate, citedText } from './citation.ts';
import { citedItem, documentBase } from './common.ts';

export const severity = z.enum(['sev1', 'sev2', 'sev3', 'sev4', 'unknown']);
export const incidentStatus = z.enum(['resolved', 'mitigated', 'ongoing', 'unknown']);

/** Substack cross-post data that a document may carry (see the substack command). */
export const article = z.object({
  title: citedText.optional(),
  subtitle: citedText.optional(),
  status: z.enum(['draft', 'ready', 'published']).default('draft'),
  notes: z.array(citedItem({ text: z.string().min(1), done: z.boolean().default(false) })).default([]),
});

/** A postmortem of one outage. */
export const incident = documentBase.extend({
  date: citedDate.optional(),
  started: citedText.optional(),
  detected: citedText.optional(),
  resolved: citedText.optional(),
  duration: citedText.optional(),
  severity: severity.default('unknown'),
  status: incidentStatus.default('unknown'),
  summary: citedText.optional(),
  impact: citedText.optional(),
  trigger: citedText.optional(),
  rootCause: citedText.optional(),
  resolution: citedText.optional(),
  timeline: z.array(citedItem({ time: z.string(), event: z.string().min(1) })).default([]),
  followUps: z
    .array(
      citedItem({
        action: z.string().min(1),
        owner: z.string().optional(),
        status: z.enum(['open', 'done', 'unknown']).default('unknown'),
      }),
    )
    .default([]),
  lessons: z.array(citedText).default([]),
  article: article.optional(),
});
export type Incident = z.output<typeof incident>;
export type IncidentInput = z.input<typeof incident>;
