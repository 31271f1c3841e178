import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/pipeline/run.ts';
import { browserAvailable, openSite } from './helpers/browser.ts';
import { buildSite, tempProject } from './helpers/project.ts';

/**
 * A language index with no word that starts with a query word answers it with its pages for a
 * shorter prefix: with enough Russian runbooks holding `-l` and `L1`, Pagefind puts them all above
 * the one English page about latency. The box must show that page, not "closest" Russian ones.
 */
const RUSSIAN_RUNBOOKS = Object.fromEntries(
  Array.from({ length: 16 }, (_, i) => [
    `ru-runbook-${i}.md`,
    `# Ранбук — перезапуск сервиса ${i}\n\n**Симптомы:** сервис ${i} отвечает 503, лог пуст.\n\n## Шаги\n\n1. Проверить поды:\n   \`\`\`bash\n   kubectl get pods -l app=svc-${i}\n   \`\`\`\n2. Перезапустить:\n   \`\`\`bash\n   kubectl rollout restart deploy/svc-${i}\n   \`\`\`\n`,
  ]),
);
const ENGLISH_POSTMORTEM = `# Postmortem — checkout latency on 2026-05-12

**Impact:** p99 latency of checkout rose to 4 s for 20 minutes.
**Root cause:** a missing index on the orders table after the 14:02 migration.
**Resolution:** the index was added at 14:22.
`;

describe.skipIf(!browserAvailable)('search where one language index lacks the word, in Chromium', () => {
  let root = '';
  let dist = '';
  let site: Awaited<ReturnType<typeof openSite>>;

  beforeAll(async () => {
    const project = await tempProject({ ...RUSSIAN_RUNBOOKS, 'postmortem-checkout-latency.md': ENGLISH_POSTMORTEM });
    root = project.root;
    await ingest({ inboxDir: project.inbox, contentDir: project.content, llm: false });
    dist = await buildSite(project.root);
    site = await openSite(dist);
  }, 600_000);

  afterAll(async () => {
    await site?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('shows the page that has the word first, not the pages Pagefind matched by a shorter prefix', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/`);
    await page.fill('#search-input', 'latency');
    await page.waitForFunction(() => document.getElementById('search-results')?.dataset.renderedFor === 'latency', undefined, { timeout: 15_000 });
    const links = await page.$$eval('.search-result-link', (as) => as.map((a) => a.getAttribute('href')!));
    const notes = await page.$$eval('#search-results .search-note', (ns) => ns.map((n) => n.textContent));
    expect(links[0]).toMatch(/^\/incidents\/checkout-latency/);
    // Neither the Russian runbooks nor their raw notes (which follow the one document, as fewer than five have the word).
    expect(links.filter((href) => /perezapusk|ru-runbook/.test(href))).toEqual([]);
    expect(notes).not.toContain('No page has all the words; closest:');
    await page.close();
  }, 60_000);
});
