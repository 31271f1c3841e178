import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/pipeline/run.ts';
import { REPO, tempProject } from './helpers/project.ts';

const run = promisify(execFile);

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
    const project = await tempProject({ 'hostile.md': HOSTILE_NOTE });
    report = await ingest({ inboxDir: project.inbox, contentDir: project.content });
    await run(process.execPath, [path.join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', project.root], {
      cwd: project.root,
      maxBuffer: 64 * 1024 * 1024,
    });
    dist = path.join(project.root, 'dist');
  }, 600_000);

  const page = (route: string) => readFile(path.join(dist, route, 'index.html'), 'utf8');

  it('writes a page for each source and each derived document', async () => {
    for (const file of report.files) {
      if (file.status !== 'published') continue;
      expect(await page(`sources/${file.sourceId}`)).toContain('<ol class="lines">');
      for (const document of file.documents) expect(await page(document)).toContain('<article class="document');
    }
    expect(report.files.filter((f) => f.status === 'published')).toHaveLength(6);
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

  it('source pages have an anchor per line', async () => {
    const html = await page('sources/004_cdf916e43205be19');
    expect(html).toContain('id="L28"');
    expect(html).toContain('Недоступность базы данных');
  });

  it('renders the hostile note as text: no script, no handler, no javascript: link', async () => {
    const html = await page('runbooks/hostile-input-survives-as-text');
    expect(html).toContain('{ошибка}');
    expect(html).toContain('{process.exit()}');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Vec&lt;String&gt;');
    expect(html).toContain('<p>import fs from &#39;fs&#39;');
    expect(html).toContain('export PATH=/opt/bin');
    expect(html).not.toMatch(/<script>alert|<img src="?x"? onerror|href="javascript:/i);
    const source = await page('sources/hostile');
    expect(source).not.toMatch(/<script>alert|<img src="?x"? onerror/i);
  });
});
