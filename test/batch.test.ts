import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestWithBatch } from '../src/llm/batch.ts';
import type { LlmConfig } from '../src/llm/config.ts';
import { chatReply, hintEchoModel, startMockOpenAI, structureAnswer, type MockOpenAI, type Reply } from './helpers/openai-server.ts';
import { REPO, tempProject } from './helpers/project.ts';

/**
 * `ingest --batch` against the loopback server's Batch API, through the real SDK: the calls go
 * up as one JSONL file and one batch, the answers come back by custom_id, a failed line is sent
 * again on its own, and a run killed while the batch is out resumes it instead of paying twice.
 */
const REDIS = `# Postmortem — Redis outage 2026-03-03

Impact: sessions were lost for 20 minutes.

We restarted Redis; the disk had filled up, AOF rewrite never ran.
`;
const QUEUE = `# Runbook — Drain the billing queue

1. Pause the consumers: \`kubectl scale deploy/billing-consumer --replicas=0\`
2. Wait until the queue is empty.
`;
const TOKEN = 'ghp_4fG7hJ2kL9mN3pQ6rS8tV1wX5yZ0aB2cD4eF';
const LEAK = `# Postmortem — Token in the deploy log

Impact: deploys were blocked for an hour.

The deploy log printed the token ${TOKEN}.
`;

const ROOT_CAUSE = { text: 'The disk filled up because the AOF rewrite never ran', quote: 'the disk had filled up, AOF rewrite never ran', fromLine: 5, toLine: 5 };

/** The Redis note gets a root cause from the model; every other note, its offline hints back. */
function model(body: Record<string, unknown>): Reply {
  const user = (body.messages as Array<{ content: string }>)[1]!.content;
  if (!user.includes('Redis outage')) return hintEchoModel(body);
  return chatReply(structureAnswer({ kind: 'incident', lines: [1, 5], fields: { title: { text: 'Redis outage 2026-03-03', quote: 'Redis outage 2026-03-03', fromLine: 1, toLine: 1 }, rootCause: ROOT_CAUSE } }));
}

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => mock.close());
beforeEach(() => {
  mock.requests.length = 0;
  mock.holdBatches = false;
  mock.onChat = model;
});

const config = (): LlmConfig => ({ apiKey: 'test-key', baseURL: mock.baseURL, extractModel: 'gpt-4o-mini', transcribeModel: 'whisper-1', concurrency: 2, timeoutMs: 10_000, maxRetries: 0, audioChunkBytes: 24 * 1024 * 1024 });

async function project(files: Record<string, string>) {
  const p = await tempProject();
  for (const seed of await readdir(p.inbox)) await rm(path.join(p.inbox, seed), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(p.inbox, name), text);
  return p;
}

const redisIncident = async (content: string) => matter(await readFile(path.join(content, 'incidents', 'redis-outage-2026-03-03.mdx'), 'utf8'), {}).data;

describe('ingest --batch', () => {
  it('sends every call as one batch, puts the answers in place by custom_id, and sends no secret', async () => {
    const p = await project({ 'redis.md': REDIS, 'queue.md': QUEUE, 'leak.md': LEAK });
    const report = await ingestWithBatch({ inboxDir: p.inbox, contentDir: p.content, llm: config(), pollMs: 5 });
    expect(mock.requests.filter((r) => r.path.endsWith('/chat/completions'))).toEqual([]);
    const uploads = mock.requests.filter((r) => r.path.endsWith('/files'));
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.body.purpose).toBe('batch');
    const lines = (uploads[0]!.body.file as { text: string }).text.trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; method: string; url: string; body: { response_format: { type: string } } });
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => l.custom_id)).size).toBe(3);
    expect(lines.every((l) => l.method === 'POST' && l.url === '/v1/chat/completions' && l.body.response_format.type === 'json_schema')).toBe(true);
    expect(mock.requests.find((r) => r.path.endsWith('/batches'))!.body).toMatchObject({ input_file_id: 'file-1', endpoint: '/v1/chat/completions', completion_window: '24h' });
    expect(JSON.stringify(mock.requests)).not.toContain(TOKEN);
    expect(report.batch).toMatchObject({ calls: 3, answered: 3, failed: 0, resumed: false });
    expect(report.models).toMatch(/batch batch_\d+: 3 calls, 3 answered/);
    expect(report.files.map((f) => f.status)).toEqual(['published', 'published', 'published']);
    const incident = await redisIncident(p.content);
    expect(incident.rootCause).toEqual({ text: ROOT_CAUSE.text, cite: [{ source: 'redis', lines: [5, 5] }] });
    expect(incident.by.rootCause).toBe('model');
    expect(existsSync(path.join(p.content, '.fieldnotes', 'batch.json'))).toBe(false);
  });

  it('a line that failed in the batch is sent again on its own; one that fails again keeps the offline result', async () => {
    const p = await project({ 'redis.md': REDIS, 'queue.md': QUEUE });
    let redisCalls = 0;
    mock.onChat = (body) => {
      const user = (body.messages as Array<{ content: string }>)[1]!.content;
      if (user.includes('Redis outage') && redisCalls++ === 0) return { status: 500, json: { error: { message: 'overloaded' } } };
      if (user.includes('Drain the billing queue')) return { status: 500, json: { error: { message: 'overloaded' } } };
      return model(body);
    };
    const report = await ingestWithBatch({ inboxDir: p.inbox, contentDir: p.content, llm: config(), pollMs: 5 });
    expect(report.batch).toMatchObject({ calls: 2, answered: 0, failed: 2 });
    // Both failed lines were asked again one by one: the Redis one then succeeded.
    expect(mock.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(2);
    expect((await redisIncident(p.content)).rootCause.text).toBe(ROOT_CAUSE.text);
    const queue = report.warnings.find((w) => w.file === 'queue.md')!;
    expect(queue.message).toMatch(/model extraction failed \(.*500.*\); the offline result is kept/);
    expect(report.files.find((f) => f.file === 'queue.md')!.status).toBe('published');
  });

  it('a run killed while the batch is out resumes that batch: nothing is uploaded or submitted twice', { timeout: 60_000 }, async () => {
    const p = await project({ 'redis.md': REDIS, 'queue.md': QUEUE });
    mock.holdBatches = true;
    const child = spawn(process.execPath, [path.join(REPO, 'src/cli/ingest.ts'), '--batch', '--inbox', p.inbox, '--content', p.content], {
      cwd: REPO,
      env: { ...process.env, OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: mock.baseURL, FIELDNOTES_BATCH_POLL_MS: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Killed once it is polling the submitted batch.
    const deadline = Date.now() + 30_000;
    while (mock.requests.filter((r) => /\/batches\/batch_/.test(r.path)).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(stderr).toMatch(/batch batch_\d+: in_progress/);
    const state = JSON.parse(readFileSync(path.join(p.content, '.fieldnotes', 'batch.json'), 'utf8')) as { parts: Array<{ batchId: string; calls: Record<string, unknown> }> };
    expect(state.parts).toHaveLength(1);
    expect(Object.keys(state.parts[0]!.calls)).toHaveLength(2);
    // Nothing of the dry run was written.
    expect(existsSync(path.join(p.content, 'incidents'))).toBe(false);

    mock.holdBatches = false;
    const before = mock.requests.length;
    const messages: string[] = [];
    const report = await ingestWithBatch({ inboxDir: p.inbox, contentDir: p.content, llm: config(), pollMs: 5, onStatus: (m) => messages.push(m) });
    const after = mock.requests.slice(before).map((r) => r.path);
    expect(after.filter((r) => r.endsWith('/files') || r.endsWith('/batches') || r.endsWith('/chat/completions'))).toEqual([]);
    expect(after).toContain(`/v1/batches/${state.parts[0]!.batchId}`);
    expect(messages[0]).toMatch(new RegExp(`^batch: resuming ${state.parts[0]!.batchId} \\(2 calls\\)`));
    expect(report.batch).toMatchObject({ batchIds: [state.parts[0]!.batchId], calls: 2, answered: 2, failed: 0, resumed: true });
    expect((await redisIncident(p.content)).rootCause.text).toBe(ROOT_CAUSE.text);
    expect(existsSync(path.join(p.content, '.fieldnotes', 'batch.json'))).toBe(false);
  });

  it('a long note sends every window in the batch', async () => {
    const filler = Array.from({ length: 500 }, (_, i) => `Line ${i + 1} of the investigation log.`);
    const p = await project({ 'long.md': ['# Postmortem — Queue stall', '', 'Impact: jobs waited for two hours.', ...filler, ''].join('\n') });
    const report = await ingestWithBatch({ inboxDir: p.inbox, contentDir: p.content, llm: config(), pollMs: 5 });
    const upload = mock.requests.find((r) => r.path.endsWith('/files'))!;
    expect((upload.body.file as { text: string }).text.trim().split('\n')).toHaveLength(2);
    expect(mock.requests.filter((r) => r.path.endsWith('/chat/completions'))).toEqual([]);
    expect(report.batch).toMatchObject({ calls: 2, answered: 2, failed: 0 });
  });

  it('an inbox over the limits of one batch goes up as several batches', async () => {
    const p = await project({ 'redis.md': REDIS, 'queue.md': QUEUE, 'leak.md': LEAK });
    const report = await ingestWithBatch({ inboxDir: p.inbox, contentDir: p.content, llm: config(), pollMs: 5, limits: { lines: 2, bytes: 10 * 1024 * 1024 } });
    const uploads = mock.requests.filter((r) => r.path.endsWith('/files')).map((r) => (r.body.file as { text: string }).text.trim().split('\n').length);
    expect(uploads).toEqual([2, 1]);
    expect(mock.requests.filter((r) => r.path.endsWith('/batches'))).toHaveLength(2);
    expect(report.batch).toMatchObject({ calls: 3, answered: 3, failed: 0 });
    expect(report.batch.batchIds).toHaveLength(2);
    expect(report.models).toMatch(/batches batch_\d+, batch_\d+: 3 calls, 3 answered/);
    expect((await redisIncident(p.content)).by.rootCause).toBe('model');
  });

  it('an unchanged inbox makes no batch at all', async () => {
    const p = await project({ 'redis.md': REDIS });
    await ingestWithBatch({ inboxDir: p.inbox, contentDir: p.content, llm: config(), pollMs: 5 });
    mock.requests.length = 0;
    const again = await ingestWithBatch({ inboxDir: p.inbox, contentDir: p.content, llm: config(), pollMs: 5 });
    expect(mock.requests).toEqual([]);
    expect(again.batch.calls).toBe(0);
    expect(again.files[0]!.status).toBe('unchanged');
  });
});
