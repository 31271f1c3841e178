import { z } from 'astro/zod';
import { citations } from './citation.ts';

/** A list entry with its own citation (timeline events, steps, follow-ups…). */
export const citedItem = <Shape extends z.ZodRawShape>(shape: Shape) => z.object({ ...shape, cite: citations });
