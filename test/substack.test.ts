import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/pipeline/run.ts';
import { documentSchemas } from '../src/schemas/index.ts';
import { buildArticle } from '../src/substack/article.ts';
import { REPO, tempProject } from './helpers/project.ts';

const run = promisify(execFile);
const FIXTURES = new URL('./fixtures/notes/', import.meta.url);

/** Elements and attributes Substack's editor keeps. */
const ALLOWED: Record<string, string[]> = {
  h2: [], h3: [], h4: [], p: [], strong: [], em: [], a: ['href'], ul: [], ol: ['start'], li: [], blockquote: [], pre: [], code: [], img: ['src', 'alt'], hr: [], br: [],
};

let out = '';
let content = '';

beforeAll(async () => {
  const project = await tempProject({ 'postmortem-ru-payments.md': await readFile(new URL('postmortem-ru-payments.md', FIXTURES), 'utf8') });
  await ingest({ inboxDir: project.inbox, contentDir: project.content });
  content = project.content;
  out = path.join(project.root, 'out');
  const cli = (...args: string[]) => run(process.execPath, [path.join(REPO, 'src/cli/substack.ts'), '--content', content, '--out', out, ...args], { cwd: project.root });
  await cli('course-management-production-incident-report');
  await cli('--ready');
}, 120_000);

const post = (slug: string, file: string) => readFile(path.join(out, slug, file), 'utf8');

describe('npm run substack', () => {
  it('seed 000 becomes an article titled as the author asked, under its unchanged slug', async () => {
    const meta = JSON.parse(await post('course-management-production-incident-report', 'meta.json'));
    expect(meta).toMatchObject({
      title: 'How I dropped our production database and now pay 10% more for AWS',
      slug: 'course-management-production-incident-report',
      status: 'draft',
      canonicalUrl: 'https://fieldnotes.example.org/incidents/course-management-production-incident-report/',
    });
    // The document keeps its own file name; only the article title differs.
    expect(await readdir(path.join(content, 'incidents'))).toContain('course-management-production-incident-report.mdx');
  });

  it('--ready writes every ready article, and only those', async () => {
    expect((await readdir(out)).sort()).toEqual(['course-management-production-incident-report', 'sboy-platyozhnogo-shlyuza-2026-04-03']);
    const meta = JSON.parse(await post('sboy-platyozhnogo-shlyuza-2026-04-03', 'meta.json'));
    expect(meta).toMatchObject({ status: 'ready', title: '38 минут без платежей: как истёкший сертификат остановил checkout', subtitle: 'Постмортем сбоя платёжного шлюза' });
  });

  for (const slug of ['course-management-production-incident-report', 'sboy-platyozhnogo-shlyuza-2026-04-03']) {
    it(`${slug}: post.html has only what Substack keeps, and every link is absolute`, async () => {
      const tree = fromHtml(await post(slug, 'post.html'), { fragment: true });
      let links = 0;
      visit(tree, 'element', (node: Element) => {
        expect(Object.keys(ALLOWED), node.tagName).toContain(node.tagName);
        for (const attribute of Object.keys(node.properties ?? {})) expect(ALLOWED[node.tagName], `${node.tagName}[${attribute}]`).toContain(attribute);
        if (node.tagName === 'a') {
          links++;
          expect(String(node.properties.href)).toMatch(/^https:\/\/fieldnotes\.example\.org\/sources\/[\w-]+\/#L\d+(-L\d+)?$/);
        }
      });
      expect(links).toBeGreaterThan(3);
      // A paragraph or list item of citation markers alone says nothing to a reader.
      visit(tree, 'element', (node: Element) => {
        if (node.tagName !== 'p' && node.tagName !== 'li') return;
        const words = toText(node).replace(/\[\d+\]/g, '');
        expect(words, `empty ${node.tagName} in ${slug}`).toMatch(/[\p{L}\p{N}]/u);
      });
    });
  }

  it('an incident article runs intro → summary → what happened → resolution → lessons → follow-ups → sources, without the timeline, headed in its own language', async () => {
    const html = await post('sboy-platyozhnogo-shlyuza-2026-04-03', 'post.html');
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Кратко', 'Что произошло', 'Устранение', 'Выводы', 'Что сделаем, чтобы не повторилось', 'Источники']);
    expect(html.indexOf('<p>')).toBeLessThan(html.indexOf('<h2>'));
    expect(html).not.toMatch(/09:12|Timeline|Хронология/);
    // Citations become a numbered list of links to the site's source lines.
    expect(html).toMatch(/<h2>Источники<\/h2>\n<ol>\n<li><a href="https:\/\/fieldnotes\.example\.org\/sources\/postmortem-ru-payments\/#L\d+/);
  });

  it('leaves out a value with no words instead of a paragraph of its markers alone', () => {
    const cite = [{ source: 'note', lines: [3, 3] as [number, number] }];
    const data = documentSchemas.incidents.parse({
      title: { text: 'Queue stalled', cite },
      language: 'en',
      sources: ['note'],
      generated: { tool: 'fieldnotes', from: 'ingest/note.md', note: '' },
      summary: { text: 'The queue stalled for an hour.', cite },
      resolution: { text: '—', cite: [{ source: 'note', lines: [9, 9] }] },
      lessons: [{ text: '…', cite }, { text: 'Alert on queue age.', cite }],
    });
    const article = buildArticle({ collection: 'incidents', slug: 'queue', data }, 'https://fieldnotes.example.org');
    expect(article.html).not.toMatch(/<(p|li)>\s*<a [^>]*>\[\d+\]<\/a>\s*<\/\1>/);
    expect(article.html).not.toContain('#L9');
    expect(article.html).toContain('<li>Alert on queue age.');
  });

  it('post.md is the same article in Markdown', async () => {
    const markdown = await post('sboy-platyozhnogo-shlyuza-2026-04-03', 'post.md');
    expect(markdown).toMatch(/^# 38 минут без платежей/);
    expect(markdown).toContain('## Выводы');
    expect(markdown).toContain('(https://fieldnotes.example.org/sources/postmortem-ru-payments/#L');
  });

  it('names an unknown slug and lists the articles there are', async () => {
    const failure = await run(process.execPath, [path.join(REPO, 'src/cli/substack.ts'), '--content', content, '--out', out, 'no-such-post']).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/no article "no-such-post"\. Articles: course-management-production-incident-report, sboy-platyozhnogo-shlyuza-2026-04-03/);
  });
});
