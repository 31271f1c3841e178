import { existsSync, rmSync } from 'node:fs';
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
 * The batch's id and what each `custom_id` stands for are kept in `content/.fieldnotes/batch.json`
 * from the moment the file is uploaded: a run killed while the batch is out picks it up again
 * instead of paying for it twice.
 */
export interface BatchState {
  version: 1;
  inputFileId: string;
  batchId?: string;
  /** custom_id → the cache entry its answer goes to. */
  calls: Record<string, { kind: string; key: string }>;
}

const TERMINAL = new Set<Batch['status']>(['completed', 'failed', 'expired', 'cancelled']);

export interface BatchSummary {
  batchId?: string;
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
}

const statePath = (contentDir: string) => path.join(contentDir, '.fieldnotes', 'batch.json');

function loadState(contentDir: string): BatchState | undefined {
  const text = readIfExists(statePath(contentDir));
  if (text === undefined) return undefined;
  try {
    const state = JSON.parse(text) as BatchState;
    if (state.version === 1 && typeof state.inputFileId === 'string' && state.calls) return state;
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

/** One JSONL line per call, as the Batch API takes them. */
function batchFile(calls: Map<string, ChatCall>): string {
  return [...calls].map(([customId, call]) => JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: call.body })).join('\n') + '\n';
}

/** Waits for the batch to end, then puts every answer that checks out in the cache. */
async function settle(client: ModelClient, cache: ResultCache, state: BatchState, options: BatchOptions): Promise<{ answered: number; failed: number }> {
  const { openai } = client;
  let batch = await openai.batches.retrieve(state.batchId!);
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
      const call = state.calls[result.custom_id];
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
  return { answered, failed: Object.keys(state.calls).length - seen.size };
}

/** `ingest --batch`: see the comment at the top. */
export async function ingestWithBatch(options: BatchOptions): Promise<IngestReport & { batch: BatchSummary }> {
  const client = new ModelClient(options.llm);
  const cacheDir = options.cacheDir ?? path.join(options.contentDir, '.fieldnotes', 'cache');
  const cache = new ResultCache(cacheDir);
  let state = loadState(options.contentDir);
  const summary: BatchSummary = { calls: 0, answered: 0, failed: 0, resumed: state !== undefined };

  if (!state) {
    const collected: ChatCall[] = [];
    await ingest({ ...options, llm: options.llm, collectCalls: collected });
    // The same call asked by two inputs (two copies of a note) is sent once.
    const calls = new Map<string, ChatCall>();
    for (const call of collected) calls.set(`${call.kind}-${call.key.slice(0, 48)}`, call);
    if (calls.size > 0) {
      const file = await client.openai.files.create({ file: await toFile(Buffer.from(batchFile(calls)), 'fieldnotes-batch.jsonl', { type: 'application/jsonl' }), purpose: 'batch' });
      state = { version: 1, inputFileId: file.id, calls: Object.fromEntries([...calls].map(([id, call]) => [id, { kind: call.kind, key: call.key }])) };
      saveState(options.contentDir, state);
      options.onStatus?.(`batch: ${calls.size} model calls uploaded as ${file.id}`);
    }
  } else {
    options.onStatus?.(`batch: resuming ${state.batchId ?? `the upload ${state.inputFileId}`} (${Object.keys(state.calls).length} calls) from ${statePath(options.contentDir)}`);
  }

  if (state) {
    if (!state.batchId) {
      const batch = await client.openai.batches.create({ input_file_id: state.inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { tool: 'fieldnotes' } });
      state = { ...state, batchId: batch.id };
      saveState(options.contentDir, state);
      options.onStatus?.(`batch ${batch.id}: submitted`);
    }
    const settled = await settle(client, cache, state, options);
    Object.assign(summary, { batchId: state.batchId, calls: Object.keys(state.calls).length, ...settled });
    if (existsSync(statePath(options.contentDir))) rmSync(statePath(options.contentDir));
  }

  // The ordinary run: the batch's answers come from the cache; what failed is asked again one by one.
  const report = await ingest({ ...options, llm: options.llm });
  if (summary.calls > 0) {
    report.models += `; batch ${summary.batchId}: ${summary.calls} calls, ${summary.answered} answered${summary.failed ? `, ${summary.failed} failed and sent again one by one` : ''}`;
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
