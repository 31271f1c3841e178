/**
 * The eval: ingests the corpus into a temporary folder, offline, and scores every input against
 * its expected answer. Used by `npm run eval` and by the test that holds the floors.
 */
import matter from 'gray-matter';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LlmConfig } from '../llm/config.ts';
import { ingest, type IngestReport } from '../pipeline/run.ts';
import { loadCorpus, type CorpusCase, type ExpectedKind } from './corpus.ts';
import { scoreInput, totals, type GeneratedDocument, type InputOutput, type InputScore, type Totals } from './score.ts';

export interface EvalResult {
  scores: InputScore[];
  /** Totals per set (`notes`, `public`) and over everything (`all`). */
  totals: Record<string, Totals>;
  /** Files ingest could not read, with its error. */
  failures: Array<{ file: string; error: string }>;
  seconds: number;
  /** With a model: the endpoint, the calls' totals, and per field how often each extractor gave it. */
  model?: { name: string; baseURL?: string; usage: NonNullable<IngestReport['usage']>; winners: Record<string, { heuristic: number; model: number }> };
}

const KIND_OF: Record<string, ExpectedKind> = { incidents: 'incident', adrs: 'adr', runbooks: 'runbook' };

function readFrontmatter(file: string): { data: Record<string, unknown>; content: string; raw: string } {
  const raw = readFileSync(file, 'utf8');
  // Options turn off gray-matter's cache, which would return one parse for equal texts.
  const parsed = matter(raw, { language: 'yaml' });
  return { data: parsed.data as Record<string, unknown>, content: parsed.content, raw };
}

/** What ingest wrote for each input file, keyed by the input's file name. */
function collectOutputs(contentDir: string): Map<string, InputOutput> {
  const outputs = new Map<string, InputOutput>();
  const sourcesDir = path.join(contentDir, 'sources');
  for (const name of existsSync(sourcesDir) ? readdirSync(sourcesDir) : []) {
    const source = readFrontmatter(path.join(sourcesDir, name));
    const documents: GeneratedDocument[] = [];
    const files = [source.raw];
    for (const ref of (source.data.documents as Array<{ collection: string; slug: string }>) ?? []) {
      const document = readFrontmatter(path.join(contentDir, ref.collection, `${ref.slug}.mdx`));
      documents.push({ kind: KIND_OF[ref.collection]!, slug: ref.slug, data: document.data });
      files.push(document.raw);
    }
    outputs.set(String(source.data.file), { published: true, sourceLines: source.content.split('\n'), documents, files });
  }
  return outputs;
}

export interface EvalOptions {
  corpusDir?: string;
  /** Only inputs whose file name contains this. */
  only?: string;
  /** Keep the temporary folder (its path is in `workDir`). */
  keep?: boolean;
  /** Run through this model (any OpenAI-compatible endpoint) instead of offline. */
  llm?: LlmConfig;
  /** Where the model's answers are cached between eval runs. */
  cacheDir?: string;
}

/** Per field, how many documents got it from the rules and how many from the model (their `by`). */
function fieldWinners(outputs: Map<string, InputOutput>): Record<string, { heuristic: number; model: number }> {
  const winners: Record<string, { heuristic: number; model: number }> = {};
  for (const output of outputs.values()) {
    for (const document of output.documents) {
      for (const [field, by] of Object.entries((document.data.by as Record<string, 'heuristic' | 'model'> | undefined) ?? {})) {
        const tally = (winners[`${document.kind}.${field}`] ??= { heuristic: 0, model: 0 });
        tally[by]++;
      }
    }
  }
  return Object.fromEntries(Object.entries(winners).sort(([a], [b]) => a.localeCompare(b)));
}

export async function runEval(options: EvalOptions = {}): Promise<EvalResult & { workDir: string }> {
  const started = performance.now();
  const cases: CorpusCase[] = loadCorpus(options.corpusDir).filter((c) => !options.only || c.file.includes(options.only));
  const workDir = mkdtempSync(path.join(tmpdir(), 'fieldnotes-eval-'));
  const inbox = path.join(workDir, 'ingest');
  const content = path.join(workDir, 'content');
  try {
    await import('node:fs/promises').then((fs) => Promise.all([fs.mkdir(inbox), fs.mkdir(content)]));
    for (const c of cases) copyFileSync(c.inputPath, path.join(inbox, c.file));
    const report = await ingest({ inboxDir: inbox, contentDir: content, llm: options.llm ?? false, workers: 0, force: true, cacheDir: options.cacheDir });
    const outputs = collectOutputs(content);
    const empty: InputOutput = { published: false, sourceLines: [], documents: [], files: [] };
    const scores = cases.map((c) => scoreInput(c.set, c.expected, outputs.get(c.file) ?? empty));
    const bySet = (set?: string) => totals(scores.filter((s) => !set || s.set === set));
    return {
      scores,
      totals: { notes: bySet('notes'), public: bySet('public'), all: bySet() },
      failures: report.files.flatMap((f) => (f.status === 'failed' ? [{ file: f.file, error: f.error }] : [])),
      seconds: (performance.now() - started) / 1000,
      workDir,
      ...(options.llm && report.usage && { model: { name: options.llm.extractModel, baseURL: options.llm.baseURL, usage: report.usage, winners: fieldWinners(outputs) } }),
    };
  } finally {
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}
