import matter from 'gray-matter';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../src/llm/config.ts';
import { ffmpeg } from '../src/pipeline/ffmpeg.ts';
import { ingest } from '../src/pipeline/run.ts';
import { chatReply, claim, startMockOpenAI, structureAnswer, type MockOpenAI } from './helpers/openai-server.ts';
import { telegramExport } from './helpers/export-fixtures.ts';
import { SEEDS, tempProject } from './helpers/project.ts';

/**
 * Models through the real `openai` SDK against a local OpenAI-compatible server: transcription
 * (with chunking and the Ogg quirk), structured extraction with verified quotes, the merge with
 * the offline result, the cache, retries and the offline fallback.
 */
const NOTE = `# Postmortem — Redis outage 2026-03-03

Impact: sessions were lost for 20 minutes.

We restarted Redis; the disk had filled up, AOF rewrite never ran.
`;

let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => mock.close());

const config = (overrides: Partial<LlmConfig> = {}): LlmConfig => ({
  apiKey: 'test-key',
  baseURL: mock.baseURL,
  extractModel: 'gpt-4o-mini',
  transcribeModel: 'whisper-1',
  concurrency: 2,
  timeoutMs: 10_000,
  maxRetries: 2,
  audioChunkBytes: 24 * 1024 * 1024,
  ...overrides,
});

const REDIS_ANSWER = structureAnswer({
  kind: 'incident',
  lines: [1, 5],
  fields: {
    title: { text: 'Redis outage 2026-03-03', quote: 'Redis outage 2026-03-03', fromLine: 1, toLine: 1 },
    rootCause: { text: 'The disk filled up because the AOF rewrite never ran', quote: 'the disk had filled up, AOF rewrite never ran', fromLine: 5, toLine: 5 },
    resolution: { text: 'Redis was restarted', quote: 'We restarted Redis', fromLine: 5, toLine: 5 },
    trigger: { text: 'A cosmic ray', quote: 'a cosmic ray flipped a bit in Redis', fromLine: 5, toLine: 5 },
    impact: { text: 'All users were logged out', quote: 'sessions were lost', fromLine: 3, toLine: 3 },
  },
});

async function project(files: Record<string, string>) {
  const p = await tempProject();
  for (const seed of await readdir(p.inbox)) await rm(path.join(p.inbox, seed));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(p.inbox, name)), { recursive: true });
    await writeFile(path.join(p.inbox, name), text);
  }
  return p;
}

const incidentOf = async (content: string) => {
  const [file] = await readdir(path.join(content, 'incidents'));
  return matter(await readFile(path.join(content, 'incidents', file!), 'utf8'), {}).data;
};

describe('LLM extraction', () => {
  it('fills what the offline extractor missed, with verified citations; rejects an invented quote', async () => {
    mock.requests.length = 0;
    mock.onChat = () => chatReply(REDIS_ANSWER);
    const p = await project({ 'redis.md': NOTE });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    const incident = await incidentOf(p.content);
    expect(incident.rootCause).toEqual({ text: 'The disk filled up because the AOF rewrite never ran', cite: [{ source: 'redis', lines: [5, 5] }] });
    // Offline found the resolution in the sentence that says it; the model's wording does not replace it.
    expect(incident.resolution.text).toBe('We restarted Redis; the disk had filled up, AOF rewrite never ran.');
    expect(incident.trigger).toBeUndefined();
    // The offline value with its own citation stays; the difference is reported.
    expect(incident.impact.text).toBe('sessions were lost for 20 minutes.');
    const messages = report.warnings.map((w) => w.message).join('\n');
    expect(messages).toMatch(/model claim rejected: incident at lines 1–5: trigger: quote "a cosmic ray flipped a bit in Redis" is not in lines 5–5/);
    // A written note: the rules' value stays, the difference is reported, and each field says who gave it.
    expect(messages).toMatch(/model disagrees: "Redis outage 2026-03-03": impact: kept "sessions were lost for 20 minutes\.", model said "All users were logged out"/);
    expect(incident.by).toMatchObject({ title: 'heuristic', impact: 'heuristic', resolution: 'heuristic', rootCause: 'model' });
    expect(report.models).toMatch(/1 model requests, 120 tokens in, 40 out, about \$0\.0000/);
    // One structured-output call, with the JSON Schema made from the zod schema.
    const request = mock.requests[0]!.body as { response_format: { type: string; json_schema: { strict: boolean; schema: object } } };
    expect(request.response_format.type).toBe('json_schema');
    expect(request.response_format.json_schema.strict).toBe(true);
    expect(JSON.stringify(request.response_format.json_schema.schema)).not.toContain('oneOf');
  });

  it('a re-run is served from the cache: zero requests', async () => {
    mock.onChat = () => chatReply(REDIS_ANSWER);
    const p = await project({ 'redis.md': NOTE });
    await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    mock.requests.length = 0;
    const second = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config(), force: true });
    expect(mock.requests).toHaveLength(0);
    expect(second.files[0]!.status).toBe('published');
    expect((await incidentOf(p.content)).rootCause.text).toBe('The disk filled up because the AOF rewrite never ran');
  });

  it('retries a 429 and succeeds', async () => {
    mock.requests.length = 0;
    let calls = 0;
    mock.onChat = () => (calls++ === 0 ? { status: 429, json: { error: { message: 'slow down' } }, headers: { 'retry-after-ms': '10' } } : chatReply(REDIS_ANSWER));
    const p = await project({ 'redis.md': NOTE.replace('20 minutes', '21 minutes') });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    expect(mock.requests.length).toBe(2);
    expect(report.warnings.filter((w) => /failed/.test(w.message))).toEqual([]);
    expect((await incidentOf(p.content)).rootCause).toBeDefined();
  });

  it('falls back to the offline result when the server fails every time, and says so', async () => {
    mock.requests.length = 0;
    mock.onChat = () => ({ status: 500, json: { error: { message: 'boom' } }, headers: { 'retry-after-ms': '5' } });
    const p = await project({ 'redis.md': NOTE.replace('20 minutes', '22 minutes') });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config({ maxRetries: 1 }) });
    expect(mock.requests.length).toBe(2);
    expect(report.files[0]!.status).toBe('published');
    expect(report.warnings.map((w) => w.message).join('\n')).toMatch(/model extraction failed \(.*500.*\); the offline result is kept/);
    const incident = await incidentOf(p.content);
    expect(incident.rootCause).toBeUndefined();
    expect(incident.impact.text).toBe('sessions were lost for 22 minutes.');
  });

  it('treats malformed JSON as a failed call: offline result, reported', async () => {
    mock.onChat = () => chatReply('{"title": {"text": "Redis outage", "quote": ');
    const p = await project({ 'redis.md': NOTE.replace('20 minutes', '23 minutes') });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    expect(report.warnings.map((w) => w.message).join('\n')).toMatch(/model extraction failed/);
    expect((await incidentOf(p.content)).impact.text).toBe('sessions were lost for 23 minutes.');
  });

  it('without a key the offline path runs and the report says so', async () => {
    const p = await project({ 'redis.md': NOTE });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: false });
    expect(report.models).toMatch(/models off/);
  });
});

const CALL_NOTE = `Notes from the Tuesday call

We talked about the load balancer again.
nginx reloads drop long-lived connections, which hurts the websocket clients.
We decided to move the edge to Envoy; HAProxy was considered but has the same reload problem.
Owner: Dana.
`;

const RUNBOOK_SHAPED_OUTAGE = `# Runbook: Disk full on db-1

## Steps

1. Check \`df -h\` on db-1.
2. Remove WAL files older than the last base backup.
3. Restart postgres.

Writes failed for 15 minutes on 2026-03-02 before this was done; the WAL volume had filled because archiving was broken.
`;

const MEMO = readFileSync(new URL('./fixtures/notes/voice-memo-ru-billing.md', import.meta.url), 'utf8');

async function documentsOf(content: string, collection: string) {
  const dir = path.join(content, collection);
  const files = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(files.map(async (file) => matter(await readFile(path.join(dir, file), 'utf8'), {}).data));
}

describe('whole-note structuring', () => {
  it('adds a document the offline path did not publish, when its title and a field verify', async () => {
    mock.requests.length = 0;
    mock.onChat = () =>
      chatReply(
        structureAnswer({
          kind: 'adr',
          lines: [1, 6],
          fields: {
            title: claim('Move the edge to Envoy', 'move the edge to Envoy', 5),
            decision: claim('Move the edge load balancer from nginx to Envoy.', 'We decided to move the edge to Envoy', 5),
            context: claim('nginx reloads drop long-lived connections, which hurts websocket clients.', 'nginx reloads drop long-lived connections', 4),
            options: [{ name: 'HAProxy', chosen: false, reasons: 'the same reload problem', quote: 'HAProxy was considered but has the same reload problem', fromLine: 5, toLine: 5 }],
          },
        }),
      );
    const p = await project({ 'call.md': CALL_NOTE });
    const offline = await ingest({ inboxDir: p.inbox, contentDir: `${p.content}-offline`, llm: false });
    expect(offline.files[0]!.status).toBe('unpublished');
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    expect(report.files[0]!.status).toBe('published');
    const [adr] = await documentsOf(p.content, 'adrs');
    expect(adr!.title).toEqual({ text: 'Move the edge to Envoy', cite: [{ source: 'call', lines: [5, 5] }] });
    expect(adr!.decision.cite).toEqual([{ source: 'call', lines: [5, 5] }]);
    expect(adr!.options).toEqual([{ name: 'HAProxy', chosen: false, reasons: 'the same reload problem', cite: [{ source: 'call', lines: [5, 5] }] }]);
    expect(adr!.by).toMatchObject({ title: 'model', decision: 'model', context: 'model', options: 'model' });
    expect(report.warnings.map((w) => w.message)).toContain('document added by the model: adr at lines 1–6, "Move the edge to Envoy"');
    // The hints name what the offline path saw: nothing it would publish.
    const prompt = ((mock.requests[0]!.body.messages as Array<{ content: string }>)[1]!).content;
    expect(prompt).toContain('This is a written note.');
    expect(prompt).toMatch(/- not a document, lines 1–\d+/);
    expect(prompt).toContain('5| We decided to move the edge to Envoy');
  });

  it('leaves out a document only the model found when its title does not verify', async () => {
    mock.onChat = () =>
      chatReply(structureAnswer({ kind: 'adr', lines: [1, 6], fields: { title: claim('Adopt Envoy', 'we adopt Envoy everywhere', 1), decision: claim('Move to Envoy', 'We decided to move the edge to Envoy', 5) } }));
    const p = await project({ 'call.md': CALL_NOTE.replace('Tuesday', 'Wednesday') });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    expect(report.files[0]!.status).toBe('unpublished');
    const messages = report.warnings.map((w) => w.message).join('\n');
    expect(messages).toMatch(/model claim rejected: adr at lines 1–6: title: quote "we adopt Envoy everywhere" is not in lines 1–1/);
    expect(messages).toMatch(/model found adr at lines 1–6, but its title and at least one field must verify to publish it; left out/);
  });

  it('corrects a wrong kind, and the document is extracted again as that kind', async () => {
    mock.onChat = () =>
      chatReply(
        structureAnswer({
          kind: 'incident',
          lines: [1, 9],
          fields: {
            title: claim('Disk full on db-1', 'Disk full on db-1', 1),
            impact: claim('Writes failed for 15 minutes.', 'Writes failed for 15 minutes', 9),
            rootCause: claim('WAL archiving was broken, so the WAL volume filled.', 'the WAL volume had filled because archiving was broken', 9),
          },
        }),
      );
    const p = await project({ 'disk.md': RUNBOOK_SHAPED_OUTAGE });
    const offline = await ingest({ inboxDir: p.inbox, contentDir: `${p.content}-offline`, llm: false });
    expect(offline.files[0]).toMatchObject({ documents: ['runbooks/disk-full-on-db-1'] });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    expect(report.files[0]).toMatchObject({ status: 'published', documents: ['incidents/disk-full-on-db-1'] });
    expect(report.warnings.map((w) => w.message)).toContain('kind corrected by the model: "Disk full on db-1" is an incident, not a runbook');
    const [incident] = await documentsOf(p.content, 'incidents');
    // A written note: the rules' own value (the whole sentence) stays where they found one.
    expect(incident!.impact.text).toMatch(/^Writes failed for 15 minutes/);
    expect(incident!.rootCause).toEqual({ text: 'WAL archiving was broken, so the WAL volume filled.', cite: [{ source: 'disk', lines: [9, 9] }] });
    expect(await documentsOf(p.content, 'runbooks')).toEqual([]);
  });

  it('in a transcript, a verified model value replaces the spoken fragment; an unverified one does not', async () => {
    mock.onChat = () =>
      chatReply(
        structureAnswer({
          kind: 'incident',
          lines: [5, 8],
          fields: {
            title: claim('Падение биллинга: на диске базы кончилось место', 'упал биллинг', 5),
            rootCause: claim('На диске базы кончилось место: логи не ротировались.', 'кончилось место на диске у базы, логи не ротировались', 6),
            resolution: claim('Логи почистили, сервис перезапустили.', 'почистили логи и перезапустили', 7),
            impact: claim('Биллинг не работал около сорока минут.', 'биллинг лежал сорок минут', 5),
          },
        }),
      );
    const p = await project({ 'memo.md': MEMO });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    const [incident] = await documentsOf(p.content, 'incidents');
    expect(incident!.title).toEqual({ text: 'Падение биллинга: на диске базы кончилось место', cite: [{ source: 'memo', lines: [5, 5] }] });
    expect(incident!.rootCause.text).toBe('На диске базы кончилось место: логи не ротировались.');
    expect(incident!.resolution.cite).toEqual([{ source: 'memo', lines: [7, 7] }]);
    expect(incident!.impact).toBeUndefined();
    expect(incident!.by).toMatchObject({ title: 'model', rootCause: 'model', resolution: 'model' });
    // Still a draft (speech is), now missing less.
    expect(incident!.draft).toBe(true);
    expect(incident!.missing).toEqual(['impact', 'timeline']);
    expect(report.warnings.map((w) => w.message).join('\n')).toMatch(/impact: quote "биллинг лежал сорок минут" is not in lines 5–5/);
  });

  it('a long note is sent in overlapping windows, and a document seen by two is one', async () => {
    mock.requests.length = 0;
    const filler = Array.from({ length: 500 }, (_, i) => `Line ${i + 1} of the investigation log.`);
    const text = ['# Postmortem — Queue stall', '', 'Impact: jobs waited for two hours.', ...filler, 'Root cause: the consumer group lost its lease.', ''].join('\n');
    mock.onChat = (body) => {
      const prompt = (body.messages as Array<{ content: string }>)[1]!.content;
      const second = prompt.includes('lines 361–');
      return chatReply(
        structureAnswer({
          kind: 'incident',
          lines: second ? [361, 505] : [1, 400],
          fields: second
            ? { title: claim('Queue stall', 'Queue stall', 1), rootCause: claim('The consumer group lost its lease.', 'the consumer group lost its lease', 504) }
            : { title: claim('Queue stall', 'Queue stall', 1), impact: claim('Jobs waited for two hours.', 'jobs waited for two hours', 3) },
        }),
      );
    };
    const p = await project({ 'long.md': text });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    const prompts = mock.requests.map((r) => (r.body.messages as Array<{ content: string }>)[1]!.content);
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).toContain('lines 1–400 of 505');
    expect(prompts[1]).toContain('lines 361–505 of 505');
    expect(report.files[0]).toMatchObject({ status: 'published', documents: ['incidents/queue-stall'] });
    const [incident] = await documentsOf(p.content, 'incidents');
    expect(incident!.rootCause.cite).toEqual([{ source: 'long', lines: [504, 504] }]);
  });
});

const ARTICLE_NOTE = `---
substack_title: How a full disk took billing down
article_status: ready
---
# Postmortem — Billing outage 2026-03-03

Impact: invoices were not sent for 40 minutes.
Root cause: the database disk filled up because log rotation was off.
Resolution: we cleared the logs and restarted the billing service.

## Timeline
- 21:05 alerts fired
- 21:45 service restored
`;

const paragraph = (text: string, lines: Array<[number, number]>, heading: string | null = null) => ({ heading, text, lines: lines.map(([fromLine, toLine]) => ({ fromLine, toLine })) });
const OPENING = paragraph('For 40 minutes on 2026-03-03, invoices were not sent.', [[5, 5], [7, 7]]);
const CAUSE = paragraph('The database disk filled up because log rotation was off.', [[8, 8]], 'What happened');
const INVENTED = paragraph('Alerts fired at 21:05 and it took 45 minutes to bring Billing back.', [[12, 13]], 'What happened');
const FIXED = paragraph('Alerts fired at 21:05; the service was back at 21:45.', [[12, 13]], 'What happened');

/** The loopback model: the structure call finds nothing new, the article calls answer in turn. */
function articleModel(...answers: Array<Array<ReturnType<typeof paragraph>>>) {
  let articleCalls = 0;
  return (body: Record<string, unknown>) => {
    const name = (body.response_format as { json_schema: { name: string } }).json_schema.name;
    if (name !== 'article') return chatReply(structureAnswer());
    return chatReply(JSON.stringify({ paragraphs: answers[Math.min(articleCalls++, answers.length - 1)] }));
  };
}

const articleRequests = () => mock.requests.filter((r) => (r.body.response_format as { json_schema: { name: string } }).json_schema.name === 'article');

describe('the article written by the model', () => {
  it('every paragraph carries its citations; one with an invented number and name is re-asked, then kept when fixed', async () => {
    mock.requests.length = 0;
    mock.onChat = articleModel([OPENING, CAUSE, INVENTED], [OPENING, CAUSE, FIXED]);
    const p = await project({ 'billing.md': ARTICLE_NOTE });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    const requests = articleRequests();
    expect(requests).toHaveLength(2);
    const first = (requests[0]!.body.messages as Array<{ content: string }>)[1]!.content;
    expect(first).toContain('Write the article in English about this incident, titled "How a full disk took billing down".');
    expect(first).toMatch(/rootCause: the database disk filled up because log rotation was off\. \(L8–8\)/);
    const retry = (requests[1]!.body.messages as Array<{ role: string; content: string }>).at(-1)!.content;
    expect(retry).toMatch(/paragraph 3 .*: "45", "Billing" are in none of its cited lines/);
    const [incident] = await documentsOf(p.content, 'incidents');
    expect(incident!.article.body).toEqual([
      { text: OPENING.text, cite: [{ source: 'billing', lines: [5, 5] }, { source: 'billing', lines: [7, 7] }] },
      { heading: 'What happened', text: CAUSE.text, cite: [{ source: 'billing', lines: [8, 8] }] },
      { heading: 'What happened', text: FIXED.text, cite: [{ source: 'billing', lines: [12, 13] }] },
    ]);
    expect(report.warnings.filter((w) => /article/.test(w.message))).toEqual([]);
    // The Substack post is the prose, each paragraph with its numbered markers.
    const [{ buildArticle }, { loadDocuments }] = await Promise.all([import('../src/substack/article.ts'), import('../src/substack/content.ts')]);
    const [document] = await loadDocuments(p.content);
    const built = buildArticle(document!, 'https://notes.example');
    expect(built.markdown).toContain('For 40 minutes on 2026-03-03, invoices were not sent. [\\[1\\]](https://notes.example/sources/billing/#L5) [\\[2\\]](https://notes.example/sources/billing/#L7)');
    expect(built.markdown).toContain('## What happened');
    expect(built.html).toContain('<p>Alerts fired at 21:05; the service was back at 21:45. <a href="https://notes.example/sources/billing/#L12-L13">[4]</a></p>');
  });

  it('a paragraph still unsupported after the second answer is left out and reported; a re-run asks nothing', async () => {
    mock.requests.length = 0;
    const p = await project({ 'billing.md': ARTICLE_NOTE.replace('40 minutes', '41 minutes').replace('For 40', 'For 41') });
    mock.onChat = articleModel([paragraph(OPENING.text.replace('40', '41'), [[5, 5], [7, 7]]), INVENTED]);
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    expect(articleRequests()).toHaveLength(2);
    const [incident] = await documentsOf(p.content, 'incidents');
    expect(incident!.article.body.map((b: { text: string }) => b.text)).toEqual(['For 41 minutes on 2026-03-03, invoices were not sent.']);
    expect(report.warnings.map((w) => w.message).join('\n')).toMatch(/article paragraph left out: "Billing outage 2026-03-03": "Alerts fired at 21:05 and it took 45 minutes.*": "45", "Billing" are in none of its cited lines/);
    mock.requests.length = 0;
    await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config(), force: true });
    expect(mock.requests).toHaveLength(0);
  });

  it('seed 000, voice feedback on an article: the prose is asked in the note\'s language with the title and the editorial notes, and the post is that prose', async () => {
    mock.requests.length = 0;
    const seed = '000_7ab448249b043be4.txt';
    const opening = paragraph('В четверг вечером по Берлину я дропнул базу данных.', [[13, 13]]);
    const invented = paragraph('Пропало 12 таблиц и 2 миллиона записей.', [[15, 16]], 'Что случилось');
    mock.onChat = articleModel([opening, invented]);
    const p = await project({ [seed]: await readFile(path.join(SEEDS, seed), 'utf8') });
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config() });
    const prompt = (articleRequests()[0]!.body.messages as Array<{ content: string }>)[1]!.content;
    expect(prompt).toContain('Write the article in Russian about this incident, titled "How I dropped our production database and now pay 10% more for AWS".');
    expect(prompt).toMatch(/Editorial notes from the author:\n- Во-первых, давай имя файла оставляй/);
    expect(prompt).toContain('13| введение типа, о чем статья будет, что вот я там в четверг');
    expect(report.warnings.map((w) => w.message).join('\n')).toMatch(/article paragraph left out: .*"Пропало 12 таблиц и 2 миллиона записей\.…": "12" is in none of its cited lines/);
    const { articleDocuments, buildArticle } = await import('../src/substack/article.ts');
    const { loadDocuments } = await import('../src/substack/content.ts');
    const [post] = articleDocuments(await loadDocuments(p.content)).map((d) => buildArticle(d, 'https://notes.example'));
    expect(post!.title).toBe('How I dropped our production database and now pay 10% more for AWS');
    expect(post!.markdown.split('\n')[0]).toBe(`В четверг вечером по Берлину я дропнул базу данных. [\\[1\\]](https://notes.example/sources/${seed.replace('.txt', '')}/#L13)`);
  });

  it('offline, the article is the one built from the fields', async () => {
    const p = await project({ 'billing.md': ARTICLE_NOTE });
    await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: false });
    const [incident] = await documentsOf(p.content, 'incidents');
    expect(incident!.article).toMatchObject({ status: 'ready', title: { text: 'How a full disk took billing down' } });
    expect(incident!.article.body).toBeUndefined();
  });
});

async function makeAudio(file: string, seconds: number, codec: string[] = ['-ar', '16000', '-ac', '1']): Promise<void> {
  await ffmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, ...codec, file]);
}

const SPOKEN_PASSWORD = 'Wd7-kq2Lz9';
const SPOKEN = 'Runbook: restart the queue worker. 1. Check the backlog. 2. Restart the worker with systemctl restart worker.';

describe('voice memos', () => {
  it('a memo becomes a transcript source with segment times and its audio, through the transcription API', async () => {
    mock.requests.length = 0;
    mock.onTranscription = () => ({
      status: 200,
      json: {
        text: SPOKEN,
        language: 'english',
        duration: 4,
        segments: [
          { id: 0, start: 0, end: 1.5, text: ' Runbook: restart the queue worker.' },
          { id: 1, start: 1.5, end: 4, text: ' Steps: 1. Check the backlog. 2. Restart the worker with systemctl restart worker.' },
        ],
      },
    });
    const p = await project({});
    await makeAudio(path.join(p.inbox, '20260301_101500_memo.wav'), 4);
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config({ extractModel: 'none' }) });
    const source = matter(await readFile(path.join(p.content, 'sources', '20260301_101500_memo.md'), 'utf8'), {});
    expect(source.data).toMatchObject({ kind: 'transcript', audio: { file: '20260301_101500_memo.wav', original: '20260301_101500_memo.wav' } });
    expect(source.data.segments).toEqual([
      { line: 10, start: 0, end: 1.5 },
      { line: 11, start: 1.5, end: 4 },
    ]);
    expect(source.content).toContain('source: voice_memo\ndate: 2026-03-01T10:15:00+00:00');
    expect((await readdir(path.join(p.content, 'audio')))).toEqual(['20260301_101500_memo.wav']);
    const upload = mock.requests.find((r) => r.path.endsWith('/audio/transcriptions'))!.body;
    expect(upload).toMatchObject({ model: 'whisper-1', response_format: 'verbose_json', 'timestamp_granularities[]': 'segment' });
    expect(report.files[0]!.status).toBe('published');
  });

  it('a memo with a transcript beside it is not sent anywhere', async () => {
    mock.requests.length = 0;
    const p = await project({ 'memo.txt': '# Runbook — Restart the worker\n\n1. Restart:\n   ```bash\n   systemctl restart worker\n   ```\n' });
    await makeAudio(path.join(p.inbox, 'memo.ogg'), 2, ['-c:a', 'libopus']);
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: false });
    expect(mock.requests).toHaveLength(0);
    const source = matter(await readFile(path.join(p.content, 'sources', 'memo.md'), 'utf8'), {});
    expect(source.data.audio).toEqual({ file: 'memo.ogg', original: 'memo.ogg' });
    expect(report.files.find((f) => f.file === 'memo.ogg')).toMatchObject({ status: 'unpublished', reason: 'its transcript memo.txt is used instead of transcribing it' });
  });

  it('a voice message of a Telegram export is transcribed and placed in the chat at its time', async () => {
    mock.requests.length = 0;
    mock.onTranscription = () => ({ status: 200, json: { text: 'Влияние: платежи задерживались до сорока минут, токен ghp_4fG7hJ2kL9mN3pQ6rS8tV1wX5yZ0aB2cD4eF.', duration: 3, segments: [] } });
    const exported = telegramExport();
    const result = Object.keys(exported).find((name) => name.endsWith('result.json'))!;
    const p = await project({ [result]: exported[result]! });
    const voice = path.join(p.inbox, path.dirname(result), 'voice_messages', 'audio_1@10-03-2026_14-07-00.ogg');
    await mkdir(path.dirname(voice), { recursive: true });
    await makeAudio(voice, 3, ['-c:a', 'libopus']);
    const report = await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config({ extractModel: 'none' }) });
    expect(mock.requests.filter((r) => r.path.endsWith('/audio/transcriptions'))).toHaveLength(1);
    expect(report.files.map((f) => f.file)).toEqual([result]);
    const outcome = report.files[0]!;
    expect(outcome.status).toBe('published');
    const source = matter(await readFile(path.join(p.content, 'sources', `${outcome.status === 'published' ? outcome.sourceId : ''}.md`), 'utf8'), {});
    expect(source.content).toContain('[2026-03-10 14:07] Oleg: (voice message) Влияние: платежи задерживались до сорока минут, токен [REDACTED:');
    expect(source.content).not.toContain('ghp_4fG7');
  });

  it('sends Telegram Ogg as voice.ogg, and transcodes to MP3 when the server refuses Ogg', async () => {
    mock.requests.length = 0;
    mock.onTranscription = (fields) =>
      (fields.file as { filename: string }).filename === 'voice.ogg'
        ? { status: 400, json: { error: { message: 'Unsupported file format ogg' } } }
        : { status: 200, json: { text: SPOKEN, duration: 2, segments: [{ id: 0, start: 0, end: 2, text: SPOKEN }] } };
    const p = await project({});
    await makeAudio(path.join(p.inbox, 'voice-note.oga'), 2, ['-c:a', 'libopus', '-f', 'ogg']);
    await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config({ extractModel: 'none', maxRetries: 0 }) });
    const files = mock.requests.map((r) => r.body.file as { filename: string; type: string });
    expect(files[0]).toMatchObject({ filename: 'voice.ogg', type: 'audio/ogg' });
    expect(files[1]).toMatchObject({ filename: 'transcoded.mp3' });
    expect(await readFile(path.join(p.content, 'sources', 'voice-note.md'), 'utf8')).toContain(SPOKEN);
  });

  it('splits a long memo into overlapping chunks, shifts their times and passes the previous text as prompt', async () => {
    mock.requests.length = 0;
    let chunk = 0;
    mock.onTranscription = () => {
      const index = chunk++;
      const text = index === 0 ? `Runbook: restart the worker. The admin password is ${SPOKEN_PASSWORD}.` : `Step ${index}: run systemctl restart worker-${index}.`;
      return { status: 200, json: { text, duration: 3, segments: [{ id: 0, start: 0.5, end: 2.5, text }] } };
    };
    const p = await project({});
    await makeAudio(path.join(p.inbox, 'long.wav'), 12);
    await ingest({ inboxDir: p.inbox, contentDir: p.content, llm: config({ extractModel: 'none', audioChunkBytes: 96 * 1024 }) });
    const uploads = mock.requests.filter((r) => r.path.endsWith('/audio/transcriptions'));
    expect(uploads.length).toBeGreaterThanOrEqual(3);
    expect(uploads[0]!.body.prompt).toBeUndefined();
    // The tail of what was heard goes back as the prompt, with the spoken password redacted.
    expect(uploads[1]!.body.prompt).toBe('Runbook: restart the worker. The admin password is [REDACTED:password].');
    expect(uploads[2]!.body.prompt).toBe('Runbook: restart the worker. The admin password is [REDACTED:password]. Step 1: run systemctl restart worker-1.');
    expect(JSON.stringify(mock.requests)).not.toContain(SPOKEN_PASSWORD);
    const source = matter(await readFile(path.join(p.content, 'sources', 'long.md'), 'utf8'), {});
    const starts = (source.data.segments as Array<{ start: number }>).map((s) => s.start);
    expect(starts[0]).toBe(0.5);
    expect(starts.every((s, i) => i === 0 || s > starts[i - 1]!)).toBe(true);
    expect(starts.at(-1)!).toBeGreaterThan(6);
  });
});
