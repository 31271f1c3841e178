import { spawn } from 'node:child_process';
import { appendFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/pipeline/run.ts';
import { writeNotes } from './helpers/generate-notes.ts';
import { REPO, snapshot, tempProject } from './helpers/project.ts';

/**
 * Starts `npm run ingest` as a process and kills it with SIGKILL once it has written `sources`
 * source files: a kill mid-run whatever the machine's speed.
 */
function killIngestAt(inbox: string, content: string, sources: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'src/cli/ingest.ts'), '--inbox', inbox, '--content', content, '--no-llm', '--quiet'], { stdio: 'ignore' });
    const poll = setInterval(async () => {
      const written = await readdir(path.join(content, 'sources')).catch(() => [] as string[]);
      if (written.length >= sources) child.kill('SIGKILL');
    }, 5);
    child.on('exit', () => {
      clearInterval(poll);
      resolve();
    });
  });
}

async function emptyInbox(): Promise<Awaited<ReturnType<typeof tempProject>>> {
  const project = await tempProject();
  for (const seed of await readdir(project.inbox)) await rm(path.join(project.inbox, seed));
  await writeNotes(project.inbox, 700);
  return project;
}

/** What authors do between two runs: edit some notes, delete others. */
async function editInbox(inbox: string): Promise<void> {
  const names = (await readdir(inbox)).sort();
  for (const name of names.slice(0, 60)) await appendFile(path.join(inbox, name), '\nP.S. Added after the first run.\n');
  for (const name of names.slice(-60)) await rm(path.join(inbox, name));
}

describe('crash safety', () => {
  it('after ingest is killed at random moments and notes change, the next run leaves content/ exactly as an uninterrupted run does', async () => {
    const reference = await emptyInbox();
    await editInbox(reference.inbox);
    await ingest({ inboxDir: reference.inbox, contentDir: reference.content, llm: false });
    const expected = await snapshot(reference.content);

    const crashed = await emptyInbox();
    // Kill points spread over the run: after 50, 200, 350 and 500 of the 700 sources.
    for (const sources of [50, 200, 350, 500]) await killIngestAt(crashed.inbox, crashed.content, sources);
    const leftovers = [...(await snapshot(crashed.content)).keys()];
    // The kills did land mid-run: files were written, and no manifest was ever saved.
    expect(leftovers.length).toBeGreaterThan(100);
    expect(leftovers).not.toContain('.fieldnotes/manifest.json');
    // Before the next run the authors edit and delete notes whose outputs the killed runs wrote.
    await editInbox(crashed.inbox);

    const report = await ingest({ inboxDir: crashed.inbox, contentDir: crashed.content, llm: false });
    expect(report.keptEdited).toEqual([]);
    expect(report.files.every((f) => f.status !== 'failed')).toBe(true);
    const after = await snapshot(crashed.content);
    expect([...after.keys()].filter((f) => f.includes('.tmp-') || f.endsWith('journal.log'))).toEqual([]);
    expect([...after.keys()]).toEqual([...expected.keys()]);
    expect(after).toEqual(expected);
  }, 300_000);
});
