import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/pipeline/run.ts';
import { writeNotes } from './helpers/generate-notes.ts';
import { buildSite, snapshot, tempProject } from './helpers/project.ts';

/** Builds the seeds in a fresh folder: the content snapshot and every HTML page of the site. */
async function buildOnce(): Promise<{ content: Map<string, string>; html: Map<string, string> }> {
  const project = await tempProject();
  await ingest({ inboxDir: project.inbox, contentDir: project.content, llm: false });
  const distDir = await buildSite(project.root);
  const dist = await snapshot(distDir);
  const html = new Map<string, string>();
  for (const file of dist.keys()) if (file.endsWith('.html')) html.set(file, await readFile(path.join(distDir, file), 'utf8'));
  return { content: await snapshot(project.content), html };
}

describe('determinism', () => {
  it('two runs in different folders give byte-identical content/ and the same HTML', async () => {
    const [a, b] = [await buildOnce(), await buildOnce()];
    expect(a.content).toEqual(b.content);
    expect([...a.html.keys()]).toEqual([...b.html.keys()]);
    expect(a.html.size).toBeGreaterThan(20);
    for (const [file, html] of a.html) expect(b.html.get(file), file).toBe(html);
  }, 300_000);

  it('worker threads and a single thread give byte-identical content/', async () => {
    const runs = [];
    for (const workers of [0, 2]) {
      const project = await tempProject();
      // Generated notes of every kind and language, mojibake included, beside the seeds.
      await writeNotes(project.inbox, 120);
      const report = await ingest({ inboxDir: project.inbox, contentDir: project.content, llm: false, workers });
      expect(report.files.filter((f) => f.status === 'failed')).toEqual([]);
      runs.push(await snapshot(project.content));
    }
    expect(runs[0]!.size).toBeGreaterThan(240);
    expect(runs[1]).toEqual(runs[0]);
  }, 120_000);
});
