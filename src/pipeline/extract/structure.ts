import { z } from 'astro/zod';
import { zodResponseFormat } from 'openai/helpers/zod';
import { ResultCache } from '../../llm/cache.ts';
import { DeferredCall, type ChatCall, type ModelClient } from '../../llm/client.ts';
import type { DocumentKind } from '../classify.ts';
import type { Candidate } from '../segment.ts';
import type { SourceAnalysis } from '../source.ts';
import { extract, missingFields, type ExtractedDocument } from './index.ts';
import { modelSchema, normalize, SCHEMAS, verify } from './llm.ts';

/**
 * Whole-note structuring with a model: one call per note (a long note in overlapping windows)
 * returns every document the model finds, with its kind, its lines and its fields as quoted
 * claims; the offline candidates go with it as hints. Each claim is verified against its lines,
 * then merged with the offline result by one policy (see `mergeFields`):
 *
 * - transcripts and chat: a verified model value replaces the rules' value (spoken fragments);
 * - written notes: the rules' values stay (they are the note's own words: commands, times,
 *   numbers, names), the model fills only empty fields, and differences are reported;
 * - a kind the model gives differently is taken when the model's title and one field verify;
 * - a document only the model found is kept when its title and at least one field verify.
 *
 * Every field records which extractor gave it (`by`). A failed call keeps the offline result.
 */
export const STRUCTURE_PROMPT_VERSION = '2';

/** Lines per call, and lines shared by neighbouring windows so no document is cut blind. */
export const WINDOW_LINES = 400;
const WINDOW_OVERLAP = 40;

const KINDS = ['incident', 'adr', 'runbook'] as const satisfies readonly DocumentKind[];

/** What the model may claim for each kind, made once. */
const KIND_SCHEMAS = { incident: modelSchema('incident'), adr: modelSchema('adr'), runbook: modelSchema('runbook') };
/** The fields of each kind that come from the text: the ones a merge and `by` are about. */
const TEXT_FIELDS = Object.fromEntries(KINDS.map((kind) => [kind, Object.keys(KIND_SCHEMAS[kind].shape)])) as Record<DocumentKind, string[]>;

/** The answer: documents, each with its kind's fields (the other kinds null: strict mode has no unions). */
export const structureSchema = z.object({
  documents: z.array(
    z.object({
      kind: z.enum(KINDS),
      fromLine: z.number(),
      toLine: z.number(),
      incident: KIND_SCHEMAS.incident.nullable(),
      adr: KIND_SCHEMAS.adr.nullable(),
      runbook: KIND_SCHEMAS.runbook.nullable(),
    }),
  ),
});
type Answer = z.output<typeof structureSchema>;

const SYSTEM = [
  'You turn engineers’ notes into structured records: incident postmortems (incident), architecture decision records (adr) and runbooks (runbook).',
  'A note may hold several documents, one, or none; a chat or a voice memo may describe one in passing. Return each document the note describes, with its kind, its first and last line, and its fields under the key of its kind (the other two keys null).',
  'Use only what the note states; answer null (or an empty list) for anything it does not say. Never guess.',
  'For every value, copy into "quote" the exact words of the note it comes from, and give the line numbers of that quote in "fromLine" and "toLine". Write each value as a clean sentence in the language of the note; for a spoken or chat note, say what the speakers mean rather than copying their fragments, but quote their exact words.',
  'The offline candidates listed are hints: correct their kind or lines where the note says otherwise, and add documents they missed.',
].join(' ');

const FORM_NAME = { written: 'a written note', speech: 'a voice-memo transcript', chat: 'a chat export' } as const;

export interface StructureResult {
  documents: ExtractedDocument[];
  /** Claims dropped, kinds corrected, documents added, disagreements: each a line of the run report. */
  warnings: string[];
  /** The model's answer was used (false: the call failed or was deferred; the offline result stands). */
  used: boolean;
}

interface ModelDocument {
  kind: DocumentKind;
  range: [number, number];
  fields: Record<string, unknown>;
}

/** The windows of a note's lines: [from, to], 1-based, inclusive. */
export function windows(lineCount: number, size = WINDOW_LINES, overlap = WINDOW_OVERLAP): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let from = 1; ; from += size - overlap) {
    const to = Math.min(lineCount, from + size - 1);
    out.push([from, to]);
    if (to >= lineCount) return out;
  }
}

function userPrompt(analysis: SourceAnalysis, window: [number, number]): string {
  const { ctx } = analysis;
  const hints = analysis.candidates
    .filter(({ candidate }) => candidate.endLine >= window[0] && candidate.startLine <= window[1])
    .map(({ candidate, document }) => `- ${document ? candidate.classification.kind : 'not a document'}, lines ${candidate.startLine}–${candidate.endLine}: ${JSON.stringify(document?.data.title.text ?? candidate.title)}`);
  const numbered: string[] = [];
  for (let n = window[0]; n <= window[1]; n++) if (!ctx.noise.noiseLines.has(n)) numbered.push(`${n}| ${ctx.parsed.lines[n - 1] ?? ''}`);
  return [
    `This is ${FORM_NAME[analysis.form]}${window[0] > 1 || window[1] < ctx.parsed.lines.length ? `, lines ${window[0]}–${window[1]} of ${ctx.parsed.lines.length}` : ''}.`,
    `Offline candidates (hints):\n${hints.join('\n') || '- none'}`,
    `The note's lines, numbered ("12| text"; interface chrome left out):\n${numbered.join('\n')}`,
  ].join('\n\n');
}

/** The chat calls that structure one note: one per window. `ingest --batch` sends the same ones. */
export function structureCalls(analysis: SourceAnalysis, model: string): ChatCall[] {
  return windows(analysis.ctx.parsed.lines.length).map((window) => {
    const user = userPrompt(analysis, window);
    return {
      kind: 'structure',
      key: ResultCache.key(model, STRUCTURE_PROMPT_VERSION, SYSTEM, user),
      body: {
        model,
        temperature: 0,
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: user },
        ],
        response_format: zodResponseFormat(structureSchema, 'note_structure'),
      },
    };
  });
}

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && !Array.isArray(value) && !('text' in value) && !('cite' in value) && Object.values(value).every(isEmpty));

const overlap = (a: [number, number], b: [number, number]) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]) + 1);

/** Verified documents of every window; a document seen by two windows is merged into one. */
function verifiedDocuments(answers: Answer[], analysis: SourceAnalysis, warnings: string[]): ModelDocument[] {
  const { sourceId, parsed } = analysis.ctx;
  const out: ModelDocument[] = [];
  for (const answer of answers) {
    for (const found of answer.documents) {
      const from = Math.max(1, Math.min(Math.round(found.fromLine), parsed.lines.length));
      const to = Math.max(from, Math.min(Math.round(found.toLine), parsed.lines.length));
      const rejected: string[] = [];
      const fields = (verify(found[found.kind] ?? {}, '', sourceId, parsed.lines, rejected) ?? {}) as Record<string, unknown>;
      for (const r of rejected) warnings.push(`model claim rejected: ${found.kind} at lines ${from}–${to}: ${r}`);
      const same = out.find((d) => d.kind === found.kind && overlap(d.range, [from, to]) > 0);
      if (!same) {
        out.push({ kind: found.kind, range: [from, to], fields });
        continue;
      }
      same.range = [Math.min(same.range[0], from), Math.max(same.range[1], to)];
      for (const [key, value] of Object.entries(fields)) if (isEmpty(same.fields[key])) same.fields[key] = value;
    }
  }
  return out;
}

/** Enough of a model document checks out to stand on its own: its title and one other field. */
function standsAlone(document: ModelDocument): boolean {
  return !isEmpty(document.fields.title) && Object.entries(document.fields).some(([key, value]) => key !== 'title' && !isEmpty(value));
}

const textOf = (value: unknown) => (value && typeof value === 'object' && 'text' in value ? String((value as { text: unknown }).text) : undefined);

/**
 * The merge of one document's fields (policy above). `modelLeads`: the model's verified value
 * wins (speech, chat, a document only the model found); otherwise the rules' value stays.
 */
function mergeFields(kind: DocumentKind, heuristic: Record<string, unknown>, model: Record<string, unknown>, modelLeads: boolean, label: string, warnings: string[]): { data: Record<string, unknown>; by: Record<string, 'heuristic' | 'model'> } {
  const data = { ...heuristic };
  const by: Record<string, 'heuristic' | 'model'> = {};
  for (const key of TEXT_FIELDS[kind]) {
    const mine = heuristic[key];
    const theirs = model[key];
    if (isEmpty(theirs)) {
      if (!isEmpty(mine)) by[key] = 'heuristic';
      continue;
    }
    if (isEmpty(mine) || modelLeads) {
      data[key] = theirs;
      by[key] = 'model';
      continue;
    }
    by[key] = 'heuristic';
    const [a, b] = [textOf(mine), textOf(theirs)];
    if (a && b && !normalize(a).includes(normalize(b)) && !normalize(b).includes(normalize(a))) warnings.push(`model disagrees: ${label}: ${key}: kept "${a.slice(0, 60)}", model said "${b.slice(0, 60)}"`);
  }
  return { data, by };
}

/**
 * The merged data checked against its schema; a model value that does not fit (a timeline event
 * without its time) goes back to the rules' value, and is reported.
 */
function fitSchema(kind: DocumentKind, merged: { data: Record<string, unknown>; by: Record<string, 'heuristic' | 'model'> }, heuristic: Record<string, unknown>, label: string, warnings: string[]) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const checked = SCHEMAS[kind].safeParse(merged.data);
    if (checked.success) return merged;
    const fields = new Set(checked.error.issues.map((issue) => String(issue.path[0] ?? '')));
    for (const field of fields) {
      if (merged.by[field] !== 'model') continue;
      warnings.push(`model value does not fit the schema: ${label}: ${field}; the rules' value is kept`);
      if (isEmpty(heuristic[field])) {
        delete merged.data[field];
        delete merged.by[field];
      } else {
        merged.data[field] = heuristic[field];
        merged.by[field] = 'heuristic';
      }
    }
  }
  return undefined;
}

/** `missing` and `draft` again, after the model filled fields. */
function settleDraft(kind: DocumentKind, data: Record<string, unknown>, speech: boolean): void {
  const missing = missingFields(kind, data, isEmpty);
  data.missing = missing;
  data.draft = missing.length > 0 || speech;
}

const aKind = (kind: DocumentKind) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

const describe = (document: { kind: DocumentKind; range: [number, number] }) => `${document.kind} at lines ${document.range[0]}–${document.range[1]}`;

/**
 * Structures one note with the model and merges the answer with the offline documents. Never
 * throws for the model's sake: a failed call leaves the offline result, with a warning.
 */
export async function structureWithModel(analysis: SourceAnalysis, client: ModelClient, cache: ResultCache): Promise<StructureResult> {
  const offline = analysis.processed.documents;
  const warnings: string[] = [];
  const answers: Answer[] = [];
  let deferred = false;
  try {
    for (const call of structureCalls(analysis, client.config.extractModel)) {
      try {
        answers.push((await client.structured(cache, call, structureSchema)).answer);
      } catch (error) {
        // While a batch is collected, every window's call is queued, not only the first.
        if (!(error instanceof DeferredCall)) throw error;
        deferred = true;
      }
    }
  } catch (error) {
    return { documents: offline, warnings: [`model extraction failed (${error instanceof Error ? error.message : String(error)}); the offline result is kept`], used: false };
  }
  if (deferred) return { documents: offline, warnings: [], used: false };
  const { ctx, form } = analysis;
  const found = verifiedDocuments(answers, analysis, warnings);
  const speech = form === 'speech';
  const modelLeadsIn = form !== 'written';
  const taken = new Set<number>();
  const documents: ExtractedDocument[] = [];

  // Each model document takes the offline candidate it overlaps most; a candidate goes to one document.
  const matches = found.map((document) => {
    let best = -1;
    let most = 0;
    analysis.candidates.forEach(({ candidate }, i) => {
      const shared = overlap(document.range, [candidate.startLine, candidate.endLine]);
      if (shared > most && !taken.has(i)) [best, most] = [i, shared];
    });
    if (best >= 0) taken.add(best);
    return best;
  });
  const byCandidate = new Map<number, ModelDocument>();
  found.forEach((document, i) => {
    const index = matches[i]!;
    if (index >= 0 && analysis.candidates[index]!.document) byCandidate.set(index, document);
  });

  const finish = (kind: DocumentKind, base: ExtractedDocument, model: ModelDocument | undefined, modelLeads: boolean) => {
    const heuristic = base.data as Record<string, unknown>;
    const label = `"${base.data.title.text.slice(0, 60)}"`;
    // Without a model document every field the rules found is theirs.
    const merged = mergeFields(kind, heuristic, model?.fields ?? {}, modelLeads, label, warnings);
    const fitted = fitSchema(kind, merged, heuristic, label, warnings);
    if (!fitted) {
      warnings.push(`model answer does not fit the schema for ${label}; the offline result is kept`);
      return base;
    }
    settleDraft(kind, fitted.data, speech);
    return { ...base, kind, data: { ...fitted.data, by: fitted.by } as ExtractedDocument['data'] };
  };

  analysis.candidates.forEach(({ candidate, document }, i) => {
    if (!document) return;
    const model = byCandidate.get(i);
    if (model && model.kind !== document.kind) {
      if (!standsAlone(model)) {
        warnings.push(`model says ${describe(model)} is not ${aKind(document.kind)}, but too little of its answer verifies; kept as ${aKind(document.kind)}`);
        documents.push(finish(document.kind, document, undefined, false));
        return;
      }
      warnings.push(`kind corrected by the model: "${document.data.title.text.slice(0, 60)}" is ${aKind(model.kind)}, not ${aKind(document.kind)}`);
      const again = extract(ctx, { ...candidate, classification: { kind: model.kind, score: 1, reason: `the model: ${model.kind}` } });
      documents.push(finish(model.kind, again, model, modelLeadsIn));
      return;
    }
    documents.push(finish(document.kind, document, model, modelLeadsIn));
  });

  found.forEach((model, i) => {
    const index = matches[i]!;
    if (index >= 0 && analysis.candidates[index]!.document) return;
    if (!standsAlone(model)) {
      warnings.push(`model found ${describe(model)}, but its title and at least one field must verify to publish it; left out`);
      return;
    }
    const title = model.fields.title as { text: string; cite: Array<{ lines: [number, number] }> };
    const skipped = index >= 0 ? analysis.candidates[index]!.candidate : undefined;
    const candidate: Candidate = {
      title: title.text,
      titleLine: title.cite[0]!.lines[0],
      startLine: model.range[0],
      endLine: model.range[1],
      excluded: skipped?.excluded ?? [],
      context: skipped?.context ?? [],
      classification: { kind: model.kind, score: 1, reason: `the model: ${model.kind}` },
      form,
    };
    warnings.push(`document added by the model: ${describe(model)}, "${title.text.slice(0, 60)}"`);
    documents.push(finish(model.kind, extract(ctx, candidate), model, true));
  });
  documents.sort((a, b) => a.range[0] - b.range[0]);
  return { documents, warnings, used: true };
}
