import { z } from 'astro/zod';
import { citedDate, citedText } from './citation.ts';
import { citedItem, documentBase } from './common.ts';

/** An operational procedure: what to do when a given thing goes wrong. */
export const runbook = documentBase.extend({
  /** What the runbook is for, in the author's words. */
  summary: citedText.optional(),
  service: citedText.optional(),
  /** The team or person who keeps the runbook. */
  owner: citedText.optional(),
  /** When the procedure was last tried or reviewed (ISO date). */
  lastVerified: citedDate.optional(),
  /** The alert's severity, as the runbook gives it ("critical"). */
  severity: z.string().regex(/^[a-z0-9][a-z0-9 -]{0,30}$/).optional(),
  alerts: z.array(citedItem({ name: z.string().min(1) })).default([]),
  triggers: z.array(citedText).default([]),
  symptoms: z.array(citedText).default([]),
  steps: z
    .array(citedItem({ text: z.string().min(1), commands: z.array(z.string()).default([]) }))
    .default([]),
  warnings: z.array(citedText).default([]),
  verification: z.array(citedText).default([]),
  escalation: z.array(citedText).default([]),
  recoveryTime: citedText.optional(),
  rto: citedText.optional(),
  rpo: citedText.optional(),
});
export type Runbook = z.output<typeof runbook>;
export type RunbookInput = z.input<typeof runbook>;
