import { rmSync } from 'node:fs';
import path from 'node:path';
import { toFile } from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { z } from 'astro/zod';
import { readIfExists, writeFileAtomic } from '../pipeline/write/files.ts';
import { ingest, type IngestOptions, type IngestReport } from '../pipeline/run.ts';
import { ResultCache } from './cache.ts';
import { answerOf, ModelClient, type ChatCall } from './client.ts';
import { estimateCost, type LlmConfig } from './config.ts';

/**
 * Backfills through the OpenAI Batch API (`npm run ingest -- --batch`): a dry run collects the
 * model calls the inbox needs that are not cached yet; they go up as one JSONL file and one
 * batch; the batch is polled until it ends; its answers are checked and put in the cache by
 * `custom_id`; then the ordinary ingest runs and finds them there. A line that failed is sent
 * again on its own by that ingest, and falls back to the offline result if it fails again.
 *
 * A large inbox goes up as several batches, each within the API's limits. The ids of the files
 * and batches and what each `custom_id` stands for are kept in `content/.fieldnotes/batch.json`
 * from the moment a file is uploaded: a run killed while a batch is out picks it up again
 * instead of paying for it twice, then batches what it had not uploaded yet.
 */
export interface BatchPart {
  inputFileId: string;
  batchId?: string;
  /** custom_id → the cache entry its answer goes to. */
  calls: Record<string, { kind: string; key: string }>;
}

export interface BatchState {
  version: 2;
  /** One batch per part: the Batch API takes at most 50,000 lines and 200 MB in one file. */
  parts: BatchPart[];
}

/** What one batch may hold: OpenAI's limits, with room under the 200 MB. */
export const BATCH_LIMITS = { lines: 50_000, bytes: 190 * 1024 * 1024 };

const TERMINAL = new Set<Batch['status']>(['completed', 'failed', 'expired', 'cancelled']);

export interface BatchSummary {
  batchIds: string[];
  calls: number;
  answered: number;
  failed: number;
  resumed: boolean;
}

export interface BatchOptions extends Omit<IngestOptions, 'llm' | 'collectCalls'> {
  llm: LlmConfig;
  /** Time between two looks at the batch (the Batch API answers within 24 hours). */
  pollMs?: number;
  /** Each status the batch reports, for the CLI to print. */
  onStatus?: (message: string) => void;
  /** What one batch may hold (tests make it small). */
  limits?: { lines: number; bytes: number };
}

const statePath = (contentDir: string) => path.join(contentDir, '.fieldnotes', 'batch.json');

function loadState(contentDir: string): BatchState | undefined {
  const text = readIfExists(statePath(contentDir));
  if (text === undefined) return undefined;
  try {
    const state = JSON.parse(text) as BatchState;
    if (state.version === 2 && Array.isArray(state.parts) && state.parts.every((part) => typeof part.inputFileId === 'string' && part.calls)) return state;
  } catch {
    // Not JSON: the error below says what to do.
  }
  throw new Error(`${statePath(contentDir)} is not a batch state this version can read; remove it to start a new batch`);
}

const saveState = (contentDir: string, state: BatchState) => writeFileAtomic(statePath(contentDir), JSON.stringify(state, null, 2) + '\n');

/** The schema each kind of call's answer must fit, loaded with the stage that makes such calls. */
async function schemaOf(kind: string): Promise<z.ZodType> {
  if (kind === 'structure') return (await import('../pipeline/extract/structure.ts')).structureSchema;
  if (kind === 'article') return (await import('../pipeline/write-article.ts')).articleSchema;
  throw new Error(`a batch line of unknown kind "${kind}"`);
}

/** The calls as JSONL files the Batch API takes, each within the limits. */
function batchFiles(calls: Map<string, ChatCall>, limits: { lines: number; bytes: number }): Array<{ text: string; calls: BatchPart['calls'] }> {
  const files: Array<{ lines: string[]; bytes: number; calls: BatchPart['calls'] }> = [];
  for (const [customId, call] of calls) {
    const line = JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: call.body }) + '\n';
    const bytes = Buffer.byteLength(line);
    let file = files.at(-1);
    if (!file || file.lines.length >= limits.lines || file.bytes + bytes > limits.bytes) files.push((file = { lines: [], bytes: 0, calls: {} }));
    file.lines.push(line);
    file.bytes += bytes;
    file.calls[customId] = { kind: call.kind, key: call.key };
  }
  return files.map((file) => ({ text: file.lines.join(''), calls: file.calls }));
}

/** Waits for one batch to end, then puts every answer that checks out in the cache. */
async function settle(client: ModelClient, cache: ResultCache, part: BatchPart, options: BatchOptions): Promise<{ answered: number; failed: number }> {
  const { openai } = client;
  let batch = await openai.batches.retrieve(part.batchId!);
  let last = '';
  while (!TERMINAL.has(batch.status)) {
    const counts = batch.request_counts;
    const line = `batch ${batch.id}: ${batch.status}${counts ? `, ${counts.completed}/${counts.total} done` : ''}`;
    if (line !== last) options.onStatus?.(line);
    last = line;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 30_000));
    batch = await openai.batches.retrieve(batch.id);
  }
  options.onStatus?.(`batch ${batch.id}: ${batch.status}`);
  let answered = 0;
  const seen = new Set<string>();
  // An expired or failed batch may still have answered part of its lines.
  if (batch.output_file_id) {
    const text = await (await openai.files.content(batch.output_file_id)).text();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const result = JSON.parse(line) as { custom_id: string; response?: { status_code: number; body: ChatCompletion } | null };
      const call = part.calls[result.custom_id];
      if (!call || !result.response || result.response.status_code !== 200) continue;
      try {
        const answer = answerOf(result.response.body, await schemaOf(call.kind));
        client.addUsage(result.response.body.usage);
        await cache.set(call.kind, call.key, answer);
        seen.add(result.custom_id);
        answered++;
      } catch {
        // A bad answer is a failed line: the ingest that follows asks for it again.
      }
    }
  }
  return { answered, failed: Object.keys(part.calls).length - seen.size };
}

/** Submits what is uploaded and not yet submitted, waits for every batch, and caches their answers. */
async function runParts(client: ModelClient, cache: ResultCache, state: BatchState, options: BatchOptions, summary: BatchSummary): Promise<void> {
  for (const part of state.parts) {
    if (part.batchId) continue;
    const batch = await client.openai.batches.create({ input_file_id: part.inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { tool: 'fieldnotes' } });
    part.batchId = batch.id;
    saveState(options.contentDir, state);
    options.onStatus?.(`batch ${batch.id}: submitted`);
  }
  // The batches run side by side on the server: waiting for them one after another costs nothing.
  for (const part of state.parts) {
    const settled = await settle(client, cache, part, options);
    summary.batchIds.push(part.batchId!);
    summary.calls += Object.keys(part.calls).length;
    summary.answered += settled.answered;
    summary.failed += settled.failed;
  }
  rmSync(statePath(options.contentDir), { force: true });
}

/** `ingest --batch`: see the comment at the top. */
export async function ingestWithBatch(options: BatchOptions): Promise<IngestReport & { batch: BatchSummary }> {
  const client = new ModelClient(options.llm);
  const cache = new ResultCache(options.cacheDir ?? path.join(options.contentDir, '.fieldnotes', 'cache'));
  const resumed = loadState(options.contentDir);
  const summary: BatchSummary = { batchIds: [], calls: 0, answered: 0, failed: 0, resumed: resumed !== undefined };
  if (resumed) {
    const ids = resumed.parts.map((part) => part.batchId ?? `the upload ${part.inputFileId}`);
    options.onStatus?.(`batch: resuming ${ids.join(', ')} (${resumed.parts.reduce((n, part) => n + Object.keys(part.calls).length, 0)} calls) from ${statePath(options.contentDir)}`);
    await runParts(client, cache, resumed, options, summary);
  }

  // The calls not answered yet (all of them, or after a resume those never uploaded) go up now.
  const collected: ChatCall[] = [];
  await ingest({ ...options, llm: options.llm, collectCalls: collected });
  // The same call asked by two inputs (two copies of a note) is sent once.
  const calls = new Map<string, ChatCall>();
  for (const call of collected) calls.set(`${call.kind}-${call.key.slice(0, 48)}`, call);
  if (calls.size > 0) {
    const state: BatchState = { version: 2, parts: [] };
    for (const file of batchFiles(calls, options.limits ?? BATCH_LIMITS)) {
      const uploaded = await client.openai.files.create({ file: await toFile(Buffer.from(file.text), 'fieldnotes-batch.jsonl', { type: 'application/jsonl' }), purpose: 'batch' });
      state.parts.push({ inputFileId: uploaded.id, calls: file.calls });
      saveState(options.contentDir, state);
      options.onStatus?.(`batch: ${Object.keys(file.calls).length} model calls uploaded as ${uploaded.id}`);
    }
    await runParts(client, cache, state, options, summary);
  }

  // The ordinary run: the batch's answers come from the cache; what failed is asked again one by one.
  const report = await ingest({ ...options, llm: options.llm });
  if (summary.calls > 0) {
    report.models += `; ${summary.batchIds.length === 1 ? 'batch' : 'batches'} ${summary.batchIds.join(', ')}: ${summary.calls} calls, ${summary.answered} answered${summary.failed ? `, ${summary.failed} failed and sent again one by one` : ''}`;
    if (report.usage) {
      report.usage.promptTokens += client.usage.promptTokens;
      report.usage.completionTokens += client.usage.completionTokens;
      // The Batch API bills its tokens at half the price of the same calls sent one by one.
      const batchCost = estimateCost(options.llm.extractModel, client.usage.promptTokens, client.usage.completionTokens);
      if (report.usage.cost !== undefined && batchCost !== undefined) report.usage.cost += batchCost / 2;
    }
  }
  return { ...report, batch: summary };
}
