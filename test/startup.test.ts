import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, tempProject } from './helpers/project.ts';

const run = promisify(execFile);

/** Runs the CLI as `npm run ingest` does (src/cli/launch.mjs, Node's own type stripping); returns the modules it loaded. */
async function ingestLoads(inbox: string, content: string): Promise<{ modules: string[]; stdout: string }> {
  const record = path.join(content, '..', 'loads.txt');
  const { stdout } = await run(process.execPath, ['--import', path.join(REPO, 'test/helpers/record-loads.mjs'), path.join(REPO, 'src/cli/launch.mjs'), 'ingest', '--inbox', inbox, '--content', content, '--no-llm'], {
    env: { ...process.env, FIELDNOTES_RECORD_LOADS: record },
  });
  return { modules: (await readFile(record, 'utf8')).split('\n'), stdout };
}

/** The libraries of the stages that read and convert a note, and the model SDK. */
const HEAVY = ['micromark', 'mdast-util-to-markdown', 'yaml', 'zod', 'openai', 'rehype-parse', 'secretlint'];
const heavyIn = (modules: string[]) => HEAVY.filter((name) => modules.some((url) => url.includes(`/node_modules/${name}/`) || url.includes(`/node_modules/@${name}/`)));

describe('start-up of npm run ingest', () => {
  it('runs the CLI with Node itself, and checks an unchanged inbox without loading the stages that convert a note', async () => {
    const project = await tempProject();
    const first = await ingestLoads(project.inbox, project.content);
    expect(first.stdout).toMatch(/5 files read: 5 published/);
    // The first run converts the seeds: the stages are loaded then (the test would mean nothing otherwise).
    expect(heavyIn(first.modules)).toEqual(expect.arrayContaining(['micromark', 'yaml', 'zod']));
    const again = await ingestLoads(project.inbox, project.content);
    expect(again.stdout).toMatch(/5 unchanged/);
    expect(heavyIn(again.modules)).toEqual([]);
  });
});
