import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/pipeline/run.ts';
import { browserAvailable, openSite } from './helpers/browser.ts';
import { chatReply, claim, hintEchoModel, startMockOpenAI, structureAnswer, type MockOpenAI } from './helpers/openai-server.ts';
import { buildSite, SEEDS, tempProject } from './helpers/project.ts';

/**
 * What a reader sees of the model's work, in Chromium: a value the model gave carries a small
 * "model" mark and the rules' values none, and an article page shows the model's prose with its
 * citations. The site is built from a voice memo structured by the loopback model and seed 000,
 * whose article the model writes.
 */
const SEED = '000_7ab448249b043be4.txt';

describe.skipIf(!browserAvailable)('the model path on the site, in Chromium', () => {
  let mock: MockOpenAI;
  let site: Awaited<ReturnType<typeof openSite>>;
  let memoPage = '';

  beforeAll(async () => {
    mock = await startMockOpenAI();
    mock.onChat = (body) => {
      const name = (body.response_format as { json_schema: { name: string } }).json_schema.name;
      const user = (body.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'user').at(-1)!.content;
      if (name === 'article') return chatReply(JSON.stringify({ paragraphs: [{ heading: null, text: 'В четверг вечером по Берлину я дропнул базу данных.', lines: [{ fromLine: 13, toLine: 13 }] }] }));
      if (!user.includes('упал биллинг')) return hintEchoModel(body);
      return chatReply(
        structureAnswer({
          kind: 'incident',
          lines: [5, 8],
          fields: {
            title: claim('Падение биллинга: на диске базы кончилось место', 'упал биллинг', 5),
            rootCause: claim('На диске базы кончилось место: логи не ротировались.', 'кончилось место на диске у базы, логи не ротировались', 6),
          },
        }),
      );
    };
    const project = await tempProject({ 'memo.md': await readFile(new URL('./fixtures/notes/voice-memo-ru-billing.md', import.meta.url), 'utf8') });
    for (const seed of await readdir(project.inbox)) if (seed.endsWith('.txt') && seed !== SEED) await rm(path.join(project.inbox, seed));
    await writeFile(path.join(project.inbox, SEED), await readFile(path.join(SEEDS, SEED)));
    const report = await ingest({ inboxDir: project.inbox, contentDir: project.content, llm: { apiKey: 'test-key', baseURL: mock.baseURL, extractModel: 'gpt-4o-mini', transcribeModel: 'whisper-1', concurrency: 2, timeoutMs: 10_000, maxRetries: 0, audioChunkBytes: 24 * 1024 * 1024 } });
    const memo = report.files.find((f) => f.file === 'memo.md');
    memoPage = memo?.status === 'published' ? memo.documents[0]! : '';
    site = await openSite(await buildSite(project.root));
  }, 240_000);
  afterAll(async () => {
    await site?.close();
    await mock?.close();
  });

  it('marks the values the model gave, and only those', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/${memoPage}/`);
    const marked = await page.$$eval('.by-model', (marks) => marks.map((mark) => ({ where: (mark.closest('.field')?.querySelector('dt') ?? mark.closest('h1'))?.textContent?.replace(/:\s*$/, '').trim(), text: mark.textContent, title: mark.getAttribute('title') })));
    expect(marked).toEqual([
      { where: expect.stringContaining('Падение биллинга'), text: 'модель', title: 'Значение дала модель; её цитата сверена с указанными строками' },
      { where: 'Первопричина', text: 'модель', title: 'Значение дала модель; её цитата сверена с указанными строками' },
    ]);
    // The date the rules inferred carries no mark.
    expect(await page.locator('.card .field', { hasText: 'Дата' }).locator('.by-model').count()).toBe(0);
    await page.close();
  });

  it('shows the article the model wrote, with its citation', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/articles/course-management-production-incident-report/`);
    const paragraph = page.locator('p', { hasText: 'В четверг вечером по Берлину я дропнул базу данных.' });
    expect(await paragraph.count()).toBe(1);
    expect(await paragraph.locator('a').first().getAttribute('href')).toMatch(/\/sources\/000_7ab448249b043be4\/#L13$/);
    await page.close();
  });
});
