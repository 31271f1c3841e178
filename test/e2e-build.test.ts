import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import Parser from 'rss-parser';
import { visit } from 'unist-util-visit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg } from '../src/pipeline/ffmpeg.ts';
import { ingest } from '../src/pipeline/run.ts';
import { browserAvailable, openSite } from './helpers/browser.ts';
import { CONFLUENCE_HTML, incidentPdf, mattermostExport, runbookDocx, slackExport, telegramExport } from './helpers/export-fixtures.ts';
import { buildSite, REPO, tempProject } from './helpers/project.ts';

/** A note that tries every way raw text could become code in MDX or HTML. */
const HOSTILE_NOTE = `# Runbook — Hostile input survives as text

**Symptoms:**
- {ошибка} and {process.exit()} and {서버}
- <div>, Vec<String>, <!-- comment --> and <https://example.org/x>
- <script>alert(1)</script> and <img src=x onerror=alert(2)>

**Actions:**

1. Restart with [a link](javascript:alert(3)):
   \`\`\`bash
   export PATH=/usr/local/bin:$PATH
   \`\`\`

import fs from 'fs'

export PATH=/opt/bin
`;

describe('end to end: ingest the seeds, build the site, index it', () => {
  let dist = '';
  let report: Awaited<ReturnType<typeof ingest>>;

  beforeAll(async () => {
    const project = await tempProject({
      'hostile.md': HOSTILE_NOTE,
      'postmortem-ru-payments.md': await readFile(new URL('./fixtures/notes/postmortem-ru-payments.md', import.meta.url), 'utf8'),
      'search-forms-a.md': await readFile(new URL('./fixtures/notes/search-forms-a.md', import.meta.url), 'utf8'),
      'search-forms-b.md': await readFile(new URL('./fixtures/notes/search-forms-b.md', import.meta.url), 'utf8'),
      'adr-ru-queue.md': await readFile(new URL('./fixtures/notes/adr-ru-queue.md', import.meta.url), 'utf8'),
      // One file of each format a reader converts.
      'confluence-login.html': CONFLUENCE_HTML,
      'queue-disk.docx': await runbookDocx(),
      'checkout.pdf': await incidentPdf(),
      ...slackExport(),
      ...telegramExport(),
      'mm/export.jsonl': mattermostExport(),
      'memo.txt': '[00:00] Runbook: restart the queue worker.\n[00:02] 1. Check the backlog with redis-cli llen jobs.\n[00:05] 2. Restart it: systemctl restart worker.\n',
    });
    // A Telegram-style voice memo with its transcript beside it (generated here: 7 s of tone).
    await ffmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=7', '-c:a', 'libopus', path.join(project.inbox, 'memo.ogg')]);
    report = await ingest({ inboxDir: project.inbox, contentDir: project.content });
    dist = await buildSite(project.root);
  }, 600_000);

  const page = (route: string) => readFile(path.join(dist, route, 'index.html'), 'utf8');

  it('writes a page for each source and each derived document', async () => {
    for (const file of report.files) {
      if (file.status !== 'published') continue;
      expect(await page(`sources/${file.sourceId}`)).toContain('<ol class="lines">');
      for (const document of file.documents) expect(await page(document)).toContain('<article class="document');
    }
    expect(report.files.filter((f) => f.status === 'published')).toHaveLength(17);
  });

  it('builds a Pagefind index with an index per language', async () => {
    const files = await readdir(path.join(dist, 'pagefind'));
    expect(files).toContain('pagefind.js');
    const entry = JSON.parse(await readFile(path.join(dist, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, unknown> };
    expect(Object.keys(entry.languages)).toEqual(expect.arrayContaining(['en', 'ru']));
  });

  it('gives each page the lang of its text', async () => {
    expect(await page('runbooks/nedostupnost-bazy-dannykh')).toMatch(/<html lang="ru"/);
    expect(await page('adrs/postgres-as-primary-datastore')).toMatch(/<html lang="en"/);
  });

  it('renders citations with rehype-citation: numbered markers that open the lines, and a bibliography', async () => {
    const html = await page('incidents/2026-05-12-api-outage');
    expect(html).not.toContain('[@src:');
    expect(html).toMatch(/<span class="cite"[^>]*><span[^>]*id="citation--src:001_02effc8245830ce7:l19-19--\d+">\[<a href="\/sources\/001_02effc8245830ce7\/#L19">\d+<\/a>\]/);
    const references = html.slice(html.indexOf('<section class="references"'));
    expect(references).toContain('id="refs"');
    expect(references).toMatch(/001_02effc8245830ce7\.txt, L19\. ingest\/001_02effc8245830ce7\.txt\. <a href="\/sources\/001_02effc8245830ce7\/#L19">https:\/\/fieldnotes\.example\.org\/sources\/001_02effc8245830ce7\/#L19<\/a>/);
    // A Russian page gets the same style: no locale is needed, none is fetched.
    const russian = await page('runbooks/nedostupnost-bazy-dannykh');
    expect(russian).toMatch(/Runbooks для аварийных ситуаций, L31\./);
  });

  it('leaves no citation marker raw on any page, a value cited in two places among them', async () => {
    const raw: string[] = [];
    for (const file of await readdir(dist, { recursive: true })) {
      if (!file.endsWith('.html')) continue;
      const html = await readFile(path.join(dist, file), 'utf8');
      if (html.includes('[@')) raw.push(`${file}: ${html.slice(html.indexOf('[@'), html.indexOf('[@') + 80)}`);
    }
    expect(raw).toEqual([]);
  });

  it('names each reference by its source (title, else first heading, else file name), author and date', async () => {
    const html = await page('incidents/course-management-production-incident-report');
    const references = toText(fromHtml(html.slice(html.indexOf('<section class="references"'))));
    // A transcript without title or heading: its file name, not its first spoken words.
    expect(references).toMatch(/000_7ab448249b043be4\.txt, L\d+(–\d+)?\. AlexeyDTC\. 2026-02-28\./);
    expect(references).not.toContain('В общем');
    const runbook = toText(fromHtml(await page('runbooks/nedostupnost-bazy-dannykh')));
    expect(runbook).toMatch(/Runbooks для аварийных ситуаций, L\d+/);
  });

  it('speaks the page language: a Russian runbook has Russian labels, an English ADR English ones', async () => {
    const russian = await page('runbooks/perepolnenie-diska');
    for (const label of ['<h2>Симптомы</h2>', '<h2>Шаги</h2>', '<h2>Из источника</h2>', '<h2>Ссылки</h2>', '>Копировать</button>', 'placeholder="Поиск по инцидентам, решениям, ранбукам…"', '>Инциденты</a>']) expect(russian).toContain(label);
    for (const english of ['>Symptoms<', '>Steps<', '>From the source<', '>References<', '>Copy<', '>Escalation<']) expect(russian).not.toContain(english);
    const incident = await page('incidents/course-management-production-incident-report');
    expect(incident).toContain('<time datetime="2026-02-26">26 февраля 2026 г.</time>');
    const adr = await page('adrs/postgres-as-primary-datastore');
    expect(adr).toContain('<h2>From the source</h2>');
    expect(adr).not.toContain('Из источника');
  });

  it('indexes words for search: no alias lists, no line labels, and each label apart from its value', async () => {
    const contents: Array<{ url: string; content: string }> = [];
    for (const file of await readdir(path.join(dist, 'pagefind', 'fragment'))) {
      const text = gunzipSync(await readFile(path.join(dist, 'pagefind', 'fragment', file))).toString('utf8');
      contents.push(JSON.parse(text.slice(text.indexOf('{'))) as { url: string; content: string });
    }
    expect(contents.length).toBeGreaterThan(5);
    for (const { url, content } of contents) {
      expect(content, url).not.toMatch(/(^|\s)L\d+(–\d+)?\./);
      expect(content, url).not.toMatch(/rollback · roll back|бэкап · бекап/);
      expect(content, url).not.toMatch(/(Severity|Status|Серьёзность|Статус)(unknown|resolved|not stated|не указано|устранён)/);
    }
    const incident = contents.find((c) => c.url === '/incidents/2026-05-12-api-outage/')!;
    expect(incident.content).toMatch(/Status: resolved/);
  });

  it('has entity and tag pages, related documents, an RSS feed of documents and a sitemap', async () => {
    const postgres = await page('entities/postgres');
    for (const href of ['/incidents/2026-05-12-api-outage/', '/adrs/postgres-as-primary-datastore/', '/runbooks/nedostupnost-bazy-dannykh/']) expect(postgres).toContain(`href="${href}"`);
    expect(await page('tags/runbook')).toContain('href="/runbooks/perepolnenie-diska/"');
    const adr = await page('adrs/postgres-as-primary-datastore');
    expect(adr.slice(adr.indexOf('<h2>Related</h2>'))).toContain('href="/incidents/2026-05-12-api-outage/"');
    const feed = await new Parser().parseString(await readFile(path.join(dist, 'rss.xml'), 'utf8'));
    expect(feed.items.map((i) => i.link)).toContain('https://fieldnotes.example.org/adrs/postgres-as-primary-datastore/');
    expect(await readFile(path.join(dist, 'sitemap-0.xml'), 'utf8')).toContain('https://fieldnotes.example.org/sources/004_cdf916e43205be19/');
  });

  it('a voice memo with a transcript beside it gets a source page with an audio player and timestamped lines', async () => {
    const html = await page('sources/memo');
    expect(html).toMatch(/<audio id="memo" controls preload="metadata" src="\/audio\/memo\.ogg"/);
    expect(html).toMatch(/<button type="button" class="time" data-start="2"[^>]*aria-label="Play from 00:02"[^>]*>\s*00:02–00:05\s*<\/button>/);
    expect((await readFile(path.join(dist, 'audio', 'memo.ogg'))).length).toBeGreaterThan(1000);
  });

  it('each converted format: a source page that names its reader, and citations that open lines holding the cited words', async () => {
    const converted: Array<[string, RegExp, string | undefined]> = [
      ['confluence-login.html', /HTML reader/, 'confluence-login.html'],
      ['queue-disk.docx', /Word reader/, 'queue-disk.docx'],
      ['checkout.pdf', /PDF reader/, 'checkout.pdf'],
      ['slack/incidents', /Slack export reader/, undefined],
      ['telegram/ChatExport_2026-03-10/result.json', /читатель экспорта Telegram Desktop/, undefined],
      ['mm/export.jsonl#db-incidents', /Mattermost bulk export reader/, undefined],
    ];
    let pdfDocument = '';
    for (const [file, reader, download] of converted) {
      const outcome = report.files.find((f) => f.file === file);
      expect(outcome?.status, file).toBe('published');
      if (outcome?.status !== 'published') continue;
      const source = fromHtml(await page(`sources/${outcome.sourceId}`));
      const text = toText(source);
      expect(text, file).toMatch(reader);
      // A line's own text: its number and page mark are not part of it; a line that is not on the page is undefined.
      const lineText = (n: number) => {
        let found: string | undefined;
        visit(source, 'element', (node: Element) => {
          if (node.tagName !== 'li' || node.properties.id !== `L${n}`) return;
          const text = node.children.find((c): c is Element => c.type === 'element' && String(c.properties.className) === 'text');
          found = text ? toText({ ...text, children: text.children.filter((c) => !(c.type === 'element' && String(c.properties.className) === 'page-mark')) }) : '';
        });
        return found;
      };
      // The link offers the original under its own name; only Word, PDF and HTML have one file to offer.
      const links: Element[] = [];
      visit(source, 'element', (node: Element) => {
        if (node.tagName === 'a' && String(node.properties.href).startsWith('/originals/')) links.push(node);
      });
      if (download) {
        expect(links.map((a) => a.properties.download), file).toEqual([download]);
        const served = await readFile(path.join(dist, String(links[0]!.properties.href)));
        expect(served.length, file).toBeGreaterThan(100);
      } else expect(links, file).toEqual([]);
      // Every field citation of its document opens lines of this source that hold the cited words.
      if (file === 'checkout.pdf') pdfDocument = outcome.documents[0]!;
      const documentHtml = await page(outcome.documents[0]!);
      const hrefs = [...documentHtml.matchAll(new RegExp(`href="/sources/${outcome.sourceId}/#L(\\d+)(?:-L(\\d+))?"`, 'g'))];
      expect(hrefs.length, file).toBeGreaterThan(2);
      for (const [, from, to] of hrefs) {
        const lines = Array.from({ length: Number(to ?? from) - Number(from) + 1 }, (_, i) => lineText(Number(from) + i));
        expect(lines.every((line) => line !== undefined), `${file} L${from}-${to ?? from} on the page`).toBe(true);
        expect(lines.join(' ').trim().length, `${file} L${from}-${to ?? from} has text`).toBeGreaterThan(0);
      }
    }
    // A PDF's citations name the page; the source page marks where each page starts.
    expect(toText(fromHtml(await page(pdfDocument)))).toMatch(/p\. 2, L\d+/);
    expect(await page('sources/checkout')).toMatch(/<span class="page-mark"[^>]*>Page 2<\/span>/);
  });

  it('source pages have an anchor per line', async () => {
    const html = await page('sources/004_cdf916e43205be19');
    expect(html).toContain('id="L28"');
    expect(html).toContain('Недоступность базы данных');
  });

  it('renders the hostile note as text: no script, no handler, no javascript: link', async () => {
    for (const route of ['runbooks/hostile-input-survives-as-text', 'sources/hostile']) {
      const tree = fromHtml(await page(route));
      const scripts: string[] = [];
      let text = '';
      visit(tree, (node) => {
        if (node.type === 'text') text += (node as { value: string }).value + ' ';
        if (node.type !== 'element') return;
        const element = node as Element;
        if (element.tagName === 'script') scripts.push(toText(element));
        for (const [name, value] of Object.entries(element.properties ?? {})) {
          expect(name.toLowerCase(), `${route}: ${element.tagName}[${name}]`).not.toMatch(/^on/);
          expect(String(value), `${route}: ${element.tagName}[${name}]`).not.toMatch(/^\s*javascript:/i);
        }
        expect(element.tagName, route).not.toBe('img');
      });
      // Only the site's own scripts: none carries the note's text.
      expect(scripts.join('\n')).not.toMatch(/alert\(/);
      for (const phrase of ['{ошибка}', '{process.exit()}', '<script>alert(1)</script>', 'Vec<String>', '<img src=x onerror=alert(2)>']) expect(text, route).toContain(phrase);
    }
    const html = await page('runbooks/hostile-input-survives-as-text');
    expect(html).toMatch(/<p>import fs from (&#39;|')fs(&#39;|')/);
    expect(html).toContain('export PATH=/opt/bin');
    // A runbook that names no owner, check date or recovery target shows no empty card; one that does shows it.
    expect(html).not.toContain('<dl class="card"');
    expect(await page('runbooks/nedostupnost-bazy-dannykh')).toContain('<dl class="card"');
  });

  it('publishes a full-content feed of the ready articles that a feed parser reads', async () => {
    const feed = await new Parser().parseString(await readFile(path.join(dist, 'substack.xml'), 'utf8'));
    expect(feed.items.map((i) => i.title)).toEqual(['38 минут без платежей: как истёкший сертификат остановил checkout']);
    const [item] = feed.items;
    expect(item!.link).toBe('https://fieldnotes.example.org/incidents/sboy-platyozhnogo-shlyuza-2026-04-03/');
    expect(item!.pubDate).toMatch(/03 Apr 2026/);
    expect(item!['content:encoded']).toContain('<h2>Выводы</h2>');
  });

  describe.skipIf(!browserAvailable)('in Chromium', () => {
    let browser: Browser;
    let site: Awaited<ReturnType<typeof openSite>>;
    beforeAll(async () => {
      site = await openSite(dist);
      browser = site.browser;
    }, 60_000);
    afterAll(async () => site?.close());

    it('a citation click lands on the highlighted source lines', async () => {
      const page = await browser.newPage();
      await page.goto(`${site.url}/incidents/2026-05-12-api-outage/`);
      await page.click('.cite a[href="/sources/001_02effc8245830ce7/#L19"]');
      await page.waitForURL(/\/sources\/001_02effc8245830ce7\/#L19$/);
      expect(await page.$$eval('.lines li.hl', (lis) => lis.map((li) => li.id))).toEqual(['L19']);
      expect(await page.textContent('#L19')).toContain('Root cause: a new endpoint opened a DB connection');
      const inView = await page.$eval('#L19', (el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      });
      expect(inView).toBe(true);
      // A range highlights every line in it.
      await page.goto(`${site.url}/sources/004_cdf916e43205be19/#L28-L33`);
      expect(await page.$$eval('.lines li.hl', (lis) => lis.map((li) => li.id))).toEqual(['L28', 'L29', 'L30', 'L31', 'L32', 'L33']);
      await page.close();
    });

    it('the copy button puts the article on the clipboard as rich text', async () => {
      const context = await browser.newContext();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
      const page = await context.newPage();
      await page.goto(`${site.url}/articles/sboy-platyozhnogo-shlyuza-2026-04-03/`);
      await page.click('#copy-article');
      await page.waitForFunction(() => document.getElementById('copy-status')?.textContent?.startsWith('Скопировано'));
      const html = await page.evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        return (await item!.getType('text/html')).text();
      });
      expect(html).toContain('<h2>Выводы</h2>');
      expect(html).toContain('href="https://fieldnotes.example.org/sources/postmortem-ru-payments/#L');
      await context.close();
    });

    it('the hostile note runs no script in the page', async () => {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      for (const route of ['/runbooks/hostile-input-survives-as-text/', '/sources/hostile/']) {
        await page.goto(site.url + route);
        await page.waitForLoadState('load');
      }
      expect(dialogs).toEqual([]);
      expect(await page.locator('img[onerror]').count()).toBe(0);
      await page.close();
    });

    /** Types a query into the search box of a page and returns the result links. */
    async function searchFrom(route: string, query: string, filters: Record<string, string> = {}): Promise<string[]> {
      const page = await browser.newPage();
      await page.goto(site.url + route);
      for (const [filter, value] of Object.entries(filters)) await page.selectOption(`#search-form select[data-filter="${filter}"]`, value);
      const links = await typeAndRead(page, query);
      await page.close();
      return links;
    }

    /** Types a query and reads the results the box rendered for exactly that text. */
    async function typeAndRead(page: Page, query: string): Promise<string[]> {
      await page.fill('#search-input', query);
      await page.waitForFunction((q) => document.getElementById('search-results')?.dataset.renderedFor === q, query, { timeout: 15_000 });
      return page.$$eval('.search-result-link', (as) => as.map((a) => a.getAttribute('href')!));
    }

    it('gives the same results for a query whatever was typed before it, also typed fast', async () => {
      const queries = ['базы данных', 'connection pool', 'rollback', 'недоступность', 'restart the queue worker', 'базы данных'];
      const fresh = new Map<string, string[]>();
      for (const query of queries) fresh.set(query, await searchFrom('/', query));
      const page = await browser.newPage();
      await page.goto(site.url + '/');
      for (const query of queries) expect(await typeAndRead(page, query), query).toEqual(fresh.get(query));
      // Each query typed over the one before while that one is still being searched.
      for (let i = 1; i < queries.length; i++) {
        await page.fill('#search-input', queries[i - 1]!);
        expect(await typeAndRead(page, queries[i]!), `${queries[i]} after ${queries[i - 1]}`).toEqual(fresh.get(queries[i]!));
      }
      await page.close();
    });

    it('answers questions: function words are dropped, and with no page holding every word the closest are shown and said so', async () => {
      expect((await searchFrom('/', 'why did we choose postgres as the primary datastore')).slice(0, 5)).toContain('/adrs/postgres-as-primary-datastore/');
      expect((await searchFrom('/', 'что делать если недоступна база данных')).slice(0, 5)).toContain('/runbooks/nedostupnost-bazy-dannykh/');
      const page = await browser.newPage();
      await page.goto(site.url + '/');
      const links = await typeAndRead(page, 'hostile недоступность');
      expect(links.length).toBeGreaterThan(0);
      expect(await page.$$eval('#search-results .search-note', (notes) => notes.map((n) => n.textContent))).toEqual(['No page has all the words; closest:']);
      await page.close();
    }, 60_000);

    it('a Russian query on the English home page finds the seed 004 runbooks', async () => {
      expect(await searchFrom('/', 'недоступность базы данных')).toContain('/runbooks/nedostupnost-bazy-dannykh/');
    });

    it('"connection pool" finds the seed 001 incident from a Russian page', async () => {
      expect(await searchFrom('/runbooks/perepolnenie-diska/', 'connection pool')).toContain('/incidents/2026-05-12-api-outage/');
    });

    // Page A says the second form of each pair, page B the first: each query must find the other page.
    it.each([
      ['новый', 'новая'],
      ['базу', 'база данных'],
      ['ошибкой', 'ошибка'],
      ['서버를', '서버가'],
      ['rollback', 'rolled back'],
    ])('%s and %s find each other', async (formInB, formInA) => {
      expect(await searchFrom('/', formInB)).toContain('/runbooks/proverka-posle-vykata-a/');
      expect(await searchFrom('/', formInA)).toContain('/runbooks/proverka-posle-vykata-b/');
    });

    it('базы finds both', async () => {
      expect(await searchFrom('/', 'базы')).toEqual(expect.arrayContaining(['/runbooks/proverka-posle-vykata-a/', '/runbooks/proverka-posle-vykata-b/']));
    });

    it('index filters narrow the list', async () => {
      const browserPage = await browser.newPage();
      await browserPage.goto(`${site.url}/incidents/`);
      const visible = () => browserPage.$$eval('.doc-list > li:not([hidden]) > a', (as) => as.map((a) => a.getAttribute('href')));
      const before = await visible();
      await browserPage.selectOption('.list-controls select[data-filter="language"]', 'ru');
      const after = await visible();
      expect(after.length).toBeGreaterThan(0);
      expect(after.length).toBeLessThan(before.length);
      expect(after).not.toContain('/incidents/2026-05-12-api-outage/');
      await browserPage.close();
    });

    // Every page type in en and ru, light, dark and phone: axe-core finds no serious or critical
    // violation, no page scrolls sideways on a phone, and the screenshots are kept for a person to look at.
    it('has no serious accessibility violations (axe-core), fits a phone, and saves screenshots', async () => {
      const axe = await readFile(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
      const shots = path.join(REPO, 'test-output', 'screenshots');
      await mkdir(shots, { recursive: true });
      const pages: Array<[string, string]> = [
        ['home-en', '/'],
        ['incidents-en', '/incidents/'],
        ['sources-en', '/sources/'],
        ['entity-en', '/entities/postgres/'],
        ['incident-en', '/incidents/2026-05-12-api-outage/'],
        ['incident-ru', '/incidents/sboy-platyozhnogo-shlyuza-2026-04-03/'],
        ['adr-en', '/adrs/postgres-as-primary-datastore/'],
        ['adr-ru', '/adrs/ochered-fonovykh-zadach-na-redis-streams/'],
        ['runbook-en', '/runbooks/hostile-input-survives-as-text/'],
        ['runbook-ru', '/runbooks/perepolnenie-diska/'],
        ['source-en', '/sources/001_02effc8245830ce7/#L19'],
        ['source-ru', '/sources/002_2fbae3e64fae2845/#L216-L243'],
        ['article-ru', '/articles/sboy-platyozhnogo-shlyuza-2026-04-03/'],
        ['source-pdf', '/sources/checkout/'],
        ['source-slack', '/sources/slack-incidents/'],
      ];
      const layouts = [
        { name: 'light', colorScheme: 'light', viewport: { width: 1200, height: 900 } },
        { name: 'dark', colorScheme: 'dark', viewport: { width: 1200, height: 900 } },
        { name: 'phone', colorScheme: 'light', viewport: { width: 390, height: 844 } },
      ] as const;
      const problems: string[] = [];
      for (const layout of layouts) {
        const context = await browser.newContext({ colorScheme: layout.colorScheme, viewport: layout.viewport });
        for (const [name, route] of pages) {
          const browserPage = await context.newPage();
          await browserPage.goto(site.url + route);
          await browserPage.addScriptTag({ content: axe });
          const violations = await browserPage.evaluate(async () => {
            const result = await (window as unknown as { axe: { run: (o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run({ resultTypes: ['violations'] });
            return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
          });
          if (violations.length > 0) problems.push(`${layout.name} ${route}: ${violations.join(', ')}`);
          const overflow = await browserPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 1) problems.push(`${layout.name} ${route}: ${overflow}px wider than the screen`);
          await browserPage.screenshot({ path: path.join(shots, `${name}-${layout.name}.png`), fullPage: layout.name !== 'dark' });
          await browserPage.close();
        }
        await context.close();
      }
      // The Russian pages speak Russian on every layout (the screenshots show them).
      expect(problems).toEqual([]);
    }, 300_000);

    it('filters narrow the results', async () => {
      const all = await searchFrom('/', 'базы данных');
      const sources = await searchFrom('/', 'базы данных', { type: 'Source' });
      expect(all.some((l) => l.startsWith('/runbooks/'))).toBe(true);
      expect(sources.length).toBeGreaterThan(0);
      expect(sources.every((l) => l.startsWith('/sources/'))).toBe(true);
      expect(await searchFrom('/', 'database', { language: 'ru' })).not.toContain('/adrs/postgres-as-primary-datastore/');
    });
  });
});
