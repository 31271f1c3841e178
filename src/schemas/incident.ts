import { z } from 'astro/zod';
import { citedDate, citedText } from './citation.ts';
import { citedItem, documentBase } from './common.ts';

/**
 * `sev1`…`sev4` where the note uses the common scale (SEV-2, Severity 3, Sev 1); a named level
 * ("critical", "major") stays the note's word; `unknown` when the note gives none.
 */
export const severity = z.string().regex(/^[a-z0-9][a-z0-9 -]{0,30}$/);
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
  contributingFactors: z.array(citedText).default([]),
  detection: citedText.optional(),
  resolution: citedText.optional(),
  /** `time` as written (`14:02`, `7:32 PM`); `date` (ISO) where the note gives or implies one. */
  timeline: z.array(citedItem({ time: z.string(), date: z.string().optional(), event: z.string().min(1) })).default([]),
  followUps: z
    .array(
      citedItem({
        action: z.string().min(1),
        owner: z.string().optional(),
        /** ISO date. */
        due: z.string().optional(),
        ticket: z.string().optional(),
        status: z.enum(['open', 'done', 'unknown']).default('unknown'),
      }),
    )
    .default([]),
  lessons: z.array(citedText).default([]),
  whatWentWell: z.array(citedText).default([]),
  whatWentWrong: z.array(citedText).default([]),
});
export type Incident = z.output<typeof incident>;
export type IncidentInput = z.input<typeof incident>;
