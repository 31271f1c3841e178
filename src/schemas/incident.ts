import { z } from 'astro/zod';
import { citedDate, citedText } from './citation.ts';
import { citedItem, documentBase } from './common.ts';

export const severity = z.enum(['sev1', 'sev2', 'sev3', 'sev4', 'unknown']);
export const incidentStatus = z.enum(['resolved', 'mitigated', 'ongoing', 'unknown']);

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
});
export type Incident = z.output<typeof incident>;
export type IncidentInput = z.input<typeof incident>;
