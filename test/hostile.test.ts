import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestReport } from '../src/pipeline/run.ts';
import { browserAvailable, openSite } from './helpers/browser.ts';
import { writeHostileInbox, type HostileFile } from './helpers/hostile-inbox.ts';
import { buildSite, snapshot, tempProject } from './helpers/project.ts';


/** Every file in a folder tree, relative path → size, to see that nothing appeared elsewhere. */
async function listing(dir: string, skip: string[] = []): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string) {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const abs = path.join(current, entry.name);
      const rel = path.relative(dir, abs);
      if (skip.some((s) => rel === s || rel.startsWith(`${s}/`))) continue;
      if (entry.isDirectory()) await walk(abs);
      else out.push(rel);
    }
  }
  await walk(dir);
  return out.sort();
}

describe('a hostile inbox', () => {
  let project: Awaited<ReturnType<typeof tempProject>>;
  let files: HostileFile[];
  let report: IngestReport;
  let seconds = 0;
  let inboxBefore: Map<string, string>;
  let treeBefore: string[];

  beforeAll(async () => {
    project = await tempProject();
    files = await writeHostileInbox(project.inbox, path.join(project.root, 'outside-secret.md'));
    inboxBefore = await snapshot(project.inbox);
    treeBefore = await listing(project.root, ['node_modules', 'content']);
    const started = performance.now();
    report = await ingest({ inboxDir: project.inbox, contentDir: project.content, llm: false });
    seconds = (performance.now() - started) / 1000;
  }, 120_000);

  it('finishes in bounded time', () => {
    expect(seconds).toBeLessThan(60);
  });

  it('gives every file a safe result or an error that names it and says what is wrong', () => {
    for (const file of files) {
      if (file.expect === 'skipped-link') {
        expect(report.warnings.find((w) => w.file === file.name)?.message, file.name).toMatch(/outside the inbox/);
        continue;
      }
      const outcome = report.files.find((f) => f.file === file.name);
      expect(outcome?.status, file.name).toBe(file.expect);
      if (file.error) expect(outcome && 'error' in outcome ? outcome.error : '', file.name).toMatch(file.error);
    }
  });

  it('leaves the inbox byte for byte as it was, and writes nothing outside content/', async () => {
    expect(await snapshot(project.inbox)).toEqual(inboxBefore);
    expect(await listing(project.root, ['node_modules', 'content'])).toEqual(treeBefore);
    expect((await listing(project.content)).some((f) => f.includes('secret'))).toBe(false);
  });

  it('reads a YAML alias bomb as text, with a warning', () => {
    expect(report.warnings.find((w) => w.file === 'yaml-bomb.md')?.message).toMatch(/frontmatter is not valid YAML/);
  });

  describe('the built site', () => {
    let dist = '';
    let browser: Browser | undefined;
    let site: Awaited<ReturnType<typeof openSite>> | undefined;
    beforeAll(async () => {
      dist = await buildSite(project.root);
      if (browserAvailable) {
        site = await openSite(dist);
        browser = site.browser;
      }
    }, 600_000);
    afterAll(async () => site?.close());

    it('has a page for every published file', async () => {
      for (const file of report.files) if (file.status === 'published') expect((await stat(path.join(dist, 'sources', file.sourceId, 'index.html'))).isFile()).toBe(true);
    });

    it.skipIf(!browserAvailable)('runs none of the injected scripts in Chromium', async () => {
      const page = await browser!.newPage();
      const alerts: string[] = [];
      page.on('dialog', async (dialog) => {
        alerts.push(dialog.message());
        await dialog.dismiss();
      });
      const injected = report.files.find((f) => f.file === 'injection.md');
      const routes = [`/sources/${injected && 'sourceId' in injected ? injected.sourceId : 'injection'}/`, ...(injected && 'documents' in injected ? injected.documents.map((d) => `/${d}/`) : [])];
      expect(routes.length).toBeGreaterThan(1);
      for (const route of routes) {
        await page.goto(site!.url + route);
        await page.waitForLoadState('load');
        await page.click('text=click').catch(() => {});
        for (const link of await page.$$('a')) {
          const href = await link.getAttribute('href');
          expect(href ?? '').not.toMatch(/^\s*javascript:/i);
        }
      }
      expect(alerts).toEqual([]);
      expect(await page.evaluate(() => document.querySelectorAll('iframe, img[onerror], [onclick]').length)).toBe(0);
      await page.close();
    });
  });
});
