import { z } from 'astro/zod';
import { zodResponseFormat } from 'openai/helpers/zod';
import { adr, citedDate, citedText, incident, runbook, type Citation } from '../../schemas/index.ts';
import type { DocumentKind } from '../classify.ts';

/**
 * What a model may claim about a document, and the check of each claim. The answer's JSON Schema
 * is made from the same zod schemas as everything else; the model must give, for every value,
 * the quote it relied on and the lines of that quote. A value whose quote is not in those lines
 * is dropped and reported, never published (structure.ts decides what the verified values do).
 */
export const SCHEMAS = { incident, adr, runbook } as const;

/** Fields that are bookkeeping, not claims from the text. */
const NOT_FROM_TEXT = new Set(['language', 'sources', 'entities', 'tags', 'draft', 'missing', 'generated', 'article', 'number', 'severity', 'status', 'supersedes', 'supersededBy', 'deciders', 'links', 'cites']);

type AnyZod = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };
const def = (t: AnyZod) => t._zod.def;

/** A claim as the model returns it: strict structured output wants every property required. */
const claim = z.object({ text: z.string(), quote: z.string(), fromLine: z.number(), toLine: z.number() });

/**
 * The model's answer schema for a document schema: every cited value becomes a claim with its
 * quote and lines; optional values become nullable (strict mode); no unions, so no `oneOf`.
 */
function toModelType(type: AnyZod): z.ZodType | undefined {
  if (type === (citedText as unknown) || type === (citedDate as unknown)) return claim;
  const d = def(type);
  switch (d.type) {
    case 'optional':
      return toModelType(d.innerType as AnyZod)?.nullable();
    case 'default':
      return toModelType(d.innerType as AnyZod);
    case 'string':
      return z.string();
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'enum':
      return type;
    case 'array': {
      const element = toModelType(d.element as AnyZod);
      return element && z.array(element);
    }
    case 'object': {
      const shape = (type as unknown as z.ZodObject).shape as Record<string, AnyZod>;
      const out: Record<string, z.ZodType> = {};
      for (const [key, value] of Object.entries(shape)) {
        if (key === 'cite') continue;
        const converted = toModelType(value);
        if (converted) out[key] = converted;
      }
      // A list item with its own citation ("timeline event", "step") carries quote and lines too.
      if ('cite' in shape) Object.assign(out, { quote: z.string(), fromLine: z.number(), toLine: z.number() });
      return z.object(out);
    }
    default:
      return undefined;
  }
}

export function modelSchema(kind: DocumentKind): z.ZodObject {
  const shape = SCHEMAS[kind].shape as unknown as Record<string, AnyZod>;
  const out: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(shape)) {
    if (NOT_FROM_TEXT.has(key)) continue;
    const converted = toModelType(value);
    if (converted) out[key] = converted;
  }
  return z.object(out);
}

/** Case, spacing and inline Markdown marks do not make a quote differ from its line. */
export const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Turns the model's claims into cited values; a claim whose quote is not in its lines is dropped. */
export function verify(value: unknown, path: string, sourceId: string, lines: string[], rejected: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => verify(v, `${path}[${i}]`, sourceId, lines, rejected)).filter((v) => v !== undefined);
  if (!value || typeof value !== 'object') return value ?? undefined;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    if (['quote', 'fromLine', 'toLine'].includes(key)) continue;
    const verified = verify(inner, path ? `${path}.${key}` : key, sourceId, lines, rejected);
    if (verified !== undefined && verified !== null) out[key] = verified;
  }
  if (!('quote' in record)) return out;
  // An empty value says nothing: left out, like a null.
  if ('text' in out && !String(out.text).trim()) return undefined;
  const from = Math.round(Number(record.fromLine));
  const to = Math.round(Number(record.toLine));
  const span = from >= 1 && to >= from && to <= lines.length ? normalize(lines.slice(from - 1, to).join(' ')) : '';
  const quote = normalize(String(record.quote ?? ''));
  if (!quote || !span.includes(quote)) {
    rejected.push(`${path}: quote ${JSON.stringify(String(record.quote).slice(0, 80))} is not in lines ${from}–${to}`);
    return undefined;
  }
  const citation: Citation = { source: sourceId, lines: [from, to] };
  return { ...out, cite: [citation] };
}

