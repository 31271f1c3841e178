import { z } from 'astro/zod';
import { zodResponseFormat } from 'openai/helpers/zod';
import { ResultCache } from '../llm/cache.ts';
import type { ChatCall, ModelClient } from '../llm/client.ts';
import type { Citation } from '../schemas/index.ts';
import type { ExtractedDocument } from './extract/index.ts';

/**
 * The article of a document, written by a model: prose in the note's language from the
 * document's cited fields and its source lines, following the author's editorial notes. Every
 * paragraph cites the lines it rests on, and a paragraph that states a number, time, date or
 * name found in none of its cited lines is rejected: the model is asked once more with the
 * reasons, then what still fails is left out and reported. Offline, the article stays the one
 * built from the fields (src/substack/article.ts).
 */
export const ARTICLE_PROMPT_VERSION = '1';

export const articleSchema = z.object({
  paragraphs: z.array(
    z.object({
      heading: z.string().nullable(),
      text: z.string(),
      lines: z.array(z.object({ fromLine: z.number(), toLine: z.number() })),
    }),
  ),
});
type Answer = z.output<typeof articleSchema>;
export type ArticleParagraph = { heading?: string; text: string; cite: Citation[] };

const LANGUAGE_NAME: Record<string, string> = { en: 'English', ru: 'Russian', ko: 'Korean' };

const SYSTEM = [
  'You write a blog article for engineers from an incident postmortem, a decision record or a runbook, and from the note it was taken from.',
  'Write clear prose, not a list of fragments: an opening paragraph, then sections with short headings.',
  'Follow the author’s editorial notes: the order of sections, what to leave out, the title asked for.',
  'Use only what the fields and the note state. For every paragraph give in "lines" the note’s lines it rests on; every number, time, date and name in the paragraph must appear in those lines.',
].join(' ');

/**
 * The facts of a paragraph that its cited lines must hold: numbers (times and dates among them)
 * and names — capitalized words that do not start a sentence, and words in another script than
 * the paragraph's own words (a Latin service name in Russian prose).
 */
export function factsOf(text: string): string[] {
  const facts = new Set<string>();
  for (const match of text.matchAll(/\d+(?:[.,:/-]\d+)*/g)) facts.add(match[0]);
  const cyrillic = (text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0) > (text.match(/\p{Script=Latin}/gu)?.length ?? 0);
  const hangul = /\p{Script=Hangul}/u.test(text);
  for (const sentence of text.split(/(?<=[.!?…:;])\s+/)) {
    const words = [...sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{N}_'’.-]*[\p{L}\p{N}]|\p{L}/gu)].map((m) => m[0]);
    words.forEach((word, i) => {
      const latin = /^\p{Script=Latin}/u.test(word);
      const foreign = (cyrillic || hangul) && latin;
      const capitalized = i > 0 && /^\p{Lu}/u.test(word);
      if (foreign || capitalized) facts.add(word.replace(/[.'’-]+$/, ''));
    });
  }
  return [...facts].filter((fact) => fact.length > 0);
}

const flat = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A fact is in the text when it stands there whole: "45" is not in "21:45", "Redis" is in "redis-1". */
function stated(text: string, fact: string): boolean {
  if (!/^\d/.test(fact)) return text.includes(fact);
  return new RegExp(`(?<!\\d[.,:/-]?)${escape(fact)}(?![.,:/-]?\\d)`).test(text);
}

/** Why a paragraph cannot stand (its citations are off, or it states what its lines do not); undefined when it can. */
function problemOf(paragraph: Answer['paragraphs'][number], lines: string[]): string | undefined {
  if (!paragraph.text.trim()) return 'it is empty';
  if (paragraph.lines.length === 0) return 'it cites no lines';
  const bad = paragraph.lines.find((l) => !(l.fromLine >= 1 && l.toLine >= l.fromLine && l.toLine <= lines.length));
  if (bad) return `it cites lines ${bad.fromLine}–${bad.toLine}, which the note does not have`;
  const cited = flat(paragraph.lines.map((l) => lines.slice(Math.round(l.fromLine) - 1, Math.round(l.toLine)).join(' ')).join(' '));
  const unsupported = factsOf(paragraph.text).filter((fact) => !stated(cited, flat(fact)));
  return unsupported.length > 0 ? `${unsupported.map((f) => JSON.stringify(f)).join(', ')} ${unsupported.length === 1 ? 'is' : 'are'} in none of its cited lines` : undefined;
}

/** The document's fields as the model sees them: each value with the lines it was taken from. */
function fieldLines(data: Record<string, unknown>): string[] {
  const skip = new Set(['language', 'sources', 'entities', 'tags', 'generated', 'by', 'cites', 'draft', 'missing', 'article', 'links']);
  const out: string[] = [];
  const where = (cite: unknown) => (Array.isArray(cite) ? cite.map((c: { lines?: [number, number] }) => (c.lines ? `L${c.lines[0]}–${c.lines[1]}` : '')).join(', ') : '');
  const visit = (value: unknown, label: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${label}[${i + 1}]`));
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('cite' in record) {
        const { cite, ...rest } = record;
        const text = Object.entries(rest)
          .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')
          .map(([k, v]) => (k === 'text' ? String(v) : `${k}: ${String(v)}`))
          .join('; ');
        out.push(`${label}: ${text} (${where(cite)})`);
      } else for (const [key, inner] of Object.entries(record)) visit(inner, `${label}.${key}`);
    } else if (typeof value === 'string' && value) out.push(`${label}: ${value}`);
  };
  for (const [key, value] of Object.entries(data)) if (!skip.has(key)) visit(value, key);
  return out;
}

function userPrompt(document: ExtractedDocument, lines: string[], noise: Set<number>): string {
  const data = document.data as Record<string, unknown>;
  const article = document.data.article;
  const numbered: string[] = [];
  for (let n = document.range[0]; n <= document.range[1]; n++) if (!noise.has(n)) numbered.push(`${n}| ${lines[n - 1] ?? ''}`);
  return [
    `Write the article in ${LANGUAGE_NAME[document.data.language] ?? document.data.language} about this ${document.kind}${article?.title ? `, titled ${JSON.stringify(article.title.text)}` : ''}.`,
    `Editorial notes from the author:\n${(article?.notes ?? []).map((n) => `- ${n.text}`).join('\n') || '- none'}`,
    `The document's fields, with the lines each comes from:\n${fieldLines(data).join('\n')}`,
    `The note's lines, numbered ("12| text"):\n${numbered.join('\n')}`,
  ].join('\n\n');
}

function call(model: string, messages: ChatCall['body']['messages']): ChatCall {
  return {
    kind: 'article',
    key: ResultCache.key(model, ARTICLE_PROMPT_VERSION, JSON.stringify(messages)),
    body: { model, temperature: 0.3, messages, response_format: zodResponseFormat(articleSchema, 'article') },
  };
}

export interface WrittenArticle {
  /** The verified paragraphs; undefined when the call failed or nothing verified (the article from the fields stands). */
  body?: ArticleParagraph[];
  warnings: string[];
}

/** Writes the article of one document with the model; never throws for the model's sake. */
export async function writeArticle(document: ExtractedDocument, sourceId: string, lines: string[], client: ModelClient, cache: ResultCache): Promise<WrittenArticle> {
  const model = client.config.extractModel;
  const label = `"${document.data.title.text.slice(0, 60)}"`;
  const messages: ChatCall['body']['messages'] = [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: userPrompt(document, lines, new Set(document.noiseLines)) },
  ];
  const warnings: string[] = [];
  try {
    let answer = (await client.structured(cache, call(model, messages), articleSchema)).answer;
    let problems = answer.paragraphs.map((p) => problemOf(p, lines));
    if (problems.some(Boolean)) {
      // Asked once more, with what was wrong; the answer that comes back is checked the same way.
      const reasons = problems.flatMap((problem, i) => (problem ? [`- paragraph ${i + 1} ("${answer.paragraphs[i]!.text.slice(0, 50)}…"): ${problem}`] : []));
      const retry = [
        ...messages,
        { role: 'assistant' as const, content: JSON.stringify(answer) },
        { role: 'user' as const, content: `These paragraphs were rejected:\n${reasons.join('\n')}\nWrite the whole article again. Cite the lines that hold each number, time, date and name, or leave it out.` },
      ];
      answer = (await client.structured(cache, call(model, retry), articleSchema)).answer;
      problems = answer.paragraphs.map((p) => problemOf(p, lines));
    }
    const body: ArticleParagraph[] = [];
    answer.paragraphs.forEach((paragraph, i) => {
      const problem = problems[i];
      if (problem) {
        warnings.push(`article paragraph left out: ${label}: "${paragraph.text.slice(0, 60)}…": ${problem}`);
        return;
      }
      const cite = paragraph.lines.map((l): Citation => ({ source: sourceId, lines: [Math.round(l.fromLine), Math.round(l.toLine)] }));
      body.push({ ...(paragraph.heading?.trim() && { heading: paragraph.heading.trim() }), text: paragraph.text.trim(), cite });
    });
    return { body: body.length > 0 ? body : undefined, warnings };
  } catch (error) {
    return { warnings: [`article not written by the model (${error instanceof Error ? error.message : String(error)}); the article from the fields stands`] };
  }
}
