import { z } from 'astro/zod';
import { zodResponseFormat } from 'openai/helpers/zod';
import { ResultCache } from '../../llm/cache.ts';
import type { ModelClient } from '../../llm/client.ts';
import { adr, citedDate, citedText, incident, runbook, type Citation } from '../../schemas/index.ts';
import type { DocumentKind } from '../classify.ts';
import type { ExtractedDocument } from './index.ts';

/**
 * LLM extraction: one structured-output call per document candidate, whose JSON Schema is made
 * from the same zod schemas as everything else. The model must give, for every value, the quote
 * it relied on and the lines of that quote; a value whose quote is not in those lines is dropped
 * and reported, never published. Model values fill what the offline extractor left empty; they
 * do not replace values that already carry verified citations.
 */
export const PROMPT_VERSION = '1';

const SCHEMAS = { incident, adr, runbook } as const;

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

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

export interface LlmReport {
  rejected: string[];
  disagreements: string[];
}

/** Turns the model's claims into cited values; a claim whose quote is not in its lines is dropped. */
function verify(value: unknown, path: string, sourceId: string, lines: string[], report: LlmReport): unknown {
  if (Array.isArray(value)) return value.map((v, i) => verify(v, `${path}[${i}]`, sourceId, lines, report)).filter((v) => v !== undefined);
  if (!value || typeof value !== 'object') return value ?? undefined;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    if (['quote', 'fromLine', 'toLine'].includes(key)) continue;
    const verified = verify(inner, path ? `${path}.${key}` : key, sourceId, lines, report);
    if (verified !== undefined && verified !== null) out[key] = verified;
  }
  if (!('quote' in record)) return out;
  const from = Math.round(Number(record.fromLine));
  const to = Math.round(Number(record.toLine));
  const span = from >= 1 && to >= from && to <= lines.length ? normalize(lines.slice(from - 1, to).join(' ')) : '';
  const quote = normalize(String(record.quote ?? ''));
  if (!quote || !span.includes(quote)) {
    report.rejected.push(`${path}: quote ${JSON.stringify(String(record.quote).slice(0, 80))} is not in lines ${from}–${to}`);
    return undefined;
  }
  const citation: Citation = { source: sourceId, lines: [from, to] };
  return { ...out, cite: [citation] };
}

const isEmpty = (value: unknown) => value === undefined || value === null || (Array.isArray(value) && value.length === 0);

/** LLM values fill gaps; heuristic values with citations stay, and differences are reported. */
function merge(heuristic: Record<string, unknown>, model: Record<string, unknown>, report: LlmReport): Record<string, unknown> {
  const merged = { ...heuristic };
  for (const [key, value] of Object.entries(model)) {
    if (isEmpty(value)) continue;
    if (isEmpty(heuristic[key])) {
      merged[key] = value;
      continue;
    }
    const mine = (heuristic[key] as { text?: string }).text;
    const theirs = (value as { text?: string }).text;
    if (mine && theirs && !normalize(mine).includes(normalize(theirs)) && !normalize(theirs).includes(normalize(mine))) {
      report.disagreements.push(`${key}: kept "${mine.slice(0, 60)}", model said "${theirs.slice(0, 60)}"`);
    }
  }
  return merged;
}

function prompt(kind: DocumentKind, lines: string[], range: [number, number], noise: Set<number>): string {
  const numbered: string[] = [];
  for (let n = range[0]; n <= range[1]; n++) if (!noise.has(n)) numbered.push(`${n}| ${lines[n - 1] ?? ''}`);
  return `Extract the ${kind} described in this note. The note's lines are numbered ("12| text").\n\n${numbered.join('\n')}`;
}

const SYSTEM = [
  'You turn engineers’ notes (postmortems, decision records, runbooks, voice-memo transcripts) into structured records.',
  'Use only what the note states; answer null (or an empty list) for anything it does not say. Never guess.',
  'For every value, copy into "quote" the exact words of the note it comes from, and give the line numbers of that quote in "fromLine" and "toLine".',
  'Write values in the language of the note.',
].join(' ');

export interface EnrichContext {
  client: ModelClient;
  cache: ResultCache;
  sourceId: string;
  lines: string[];
}

/**
 * Asks the model for one document, verifies its citations and merges what it adds. Returns the
 * document unchanged (and says why) when the call fails: the offline result stands.
 */
export async function enrichWithModel(document: ExtractedDocument, ctx: EnrichContext): Promise<{ document: ExtractedDocument; report: LlmReport; error?: string; cached: boolean }> {
  const report: LlmReport = { rejected: [], disagreements: [] };
  const schema = modelSchema(document.kind);
  const userPrompt = prompt(document.kind, ctx.lines, document.range, new Set(document.noiseLines));
  const model = ctx.client.config.extractModel;
  const key = ResultCache.key(model, PROMPT_VERSION, document.kind, SYSTEM, userPrompt);
  let answer = await ctx.cache.get<Record<string, unknown>>('extract', key);
  const cached = answer !== undefined;
  if (!answer) {
    try {
      const completion = await ctx.client.limit(() =>
        ctx.client.openai.chat.completions.parse({
          model,
          temperature: 0,
          messages: [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: userPrompt },
          ],
          response_format: zodResponseFormat(schema, `${document.kind}_extraction`),
        }),
      );
      ctx.client.addUsage(completion.usage);
      const parsed = completion.choices[0]?.message.parsed;
      if (!parsed) throw new Error(completion.choices[0]?.message.refusal ?? 'the model returned no answer');
      answer = parsed as Record<string, unknown>;
      await ctx.cache.set('extract', key, answer);
    } catch (error) {
      return { document, report, error: error instanceof Error ? error.message : String(error), cached: false };
    }
  }
  const verified = verify(answer, '', ctx.sourceId, ctx.lines, report) as Record<string, unknown>;
  const data = merge(document.data as Record<string, unknown>, verified, report);
  const schemaCheck = SCHEMAS[document.kind].safeParse(data);
  if (!schemaCheck.success) return { document, report, error: `model answer does not fit the schema: ${schemaCheck.error.issues[0]?.message}`, cached };
  return { document: { ...document, data: data as ExtractedDocument['data'] }, report, cached };
}
