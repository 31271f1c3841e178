/**
 * Ingest speed on inputs of real size and shape (issue 18), run by `npm run bench`: the seeds, and
 * the seeds with every corpus note and public document, copied to N notes with a line of their own
 * appended (test/helpers/generate-notes.ts). Each inbox is ingested by the CLI in a process of its
 * own, as a user runs it, and beside it, in this process on one core, the floor of any pipeline
 * that builds a positioned Markdown tree: one remark-parse + GFM parse (mdast-util-from-markdown
 * with micromark's GFM extension) of the same files. Also start-up: `npm run ingest` on an
 * unchanged inbox, and `npm run dev` from a note dropped into the inbox to its page being served.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { sourceSlug } from '../src/pipeline/read.ts';
import { sharedInputs, writeVariedCopies } from '../test/helpers/generate-notes.ts';
import { seconds, timed } from './measure.ts';

const REPO = path.resolve(import.meta.dirname, '..');
/** The CLI as `npm run ingest` starts it. */
const CLI = [path.join(REPO, 'src/cli/launch.mjs'), 'ingest'];

export const INPUT_SETS = {
  seeds: () => sharedInputs('seeds'),
  corpus: () => sharedInputs('seeds', 'corpus/notes', 'corpus/public'),
};

export interface SpeedRow {
  inputs: keyof typeof INPUT_SETS;
  n: number;
  mb: number;
  ingestS: number;
  /** CPU time of the ingest, all threads (sampled: short by up to 0.1 s). */
  cpuS: number;
  peakMb: number;
  parseS: number;
  reingestS: number;
}

/** One parse of every file of the inbox, one after another on this thread (decoding not timed). */
async function parseFloor(inbox: string): Promise<number> {
  const parser = unified().use(remarkParse).use(remarkGfm);
  const texts = await Promise.all((await readdir(inbox)).sort().map(async (name) => new TextDecoder().decode(await readFile(path.join(inbox, name)))));
  // Warm the parser up first, as the ingest's workers are by the time most files reach them.
  for (const text of texts.slice(0, 50)) parser.parse(text);
  const start = process.hrtime.bigint();
  for (const text of texts) parser.parse(text);
  return seconds(start);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function speedRow(inputs: keyof typeof INPUT_SETS, n: number): Promise<SpeedRow> {
  const root = await mkdtemp(path.join(tmpdir(), `fieldnotes-speed-${inputs}-${n}-`));
  try {
    const inbox = path.join(root, 'ingest');
    const content = path.join(root, 'content');
    await mkdir(inbox);
    const bytes = await writeVariedCopies(inbox, await INPUT_SETS[inputs](), n);
    const cli = [...CLI, '--inbox', inbox, '--content', content, '--no-llm', '--quiet'];
    const first = await timed(process.execPath, cli, root);
    // Re-ingest with nothing changed: the median of three, as one run of 0.3 s is at the mercy of the machine.
    const again: number[] = [];
    for (let i = 0; i < 3; i++) again.push((await timed(process.execPath, cli, root)).seconds);
    const parseS = await parseFloor(inbox);
    return { inputs, n, mb: bytes / 1048576, ingestS: first.seconds, cpuS: first.cpuS, peakMb: first.peakMb, parseS, reingestS: median(again) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * `npm run ingest` on the five seeds, unchanged since the last run, and the CLI started by Node
 * directly (what is left without npm's own start): median wall times of five runs each.
 */
export async function unchangedStart(): Promise<{ npmS: number; cliS: number }> {
  const root = await mkdtemp(path.join(tmpdir(), 'fieldnotes-start-'));
  try {
    const inbox = path.join(root, 'ingest');
    await mkdir(inbox);
    await writeVariedCopies(inbox, await INPUT_SETS.seeds(), 5);
    const options = ['--inbox', inbox, '--content', path.join(root, 'content'), '--no-llm', '--quiet'];
    const cli = [...CLI, ...options];
    await timed(process.execPath, cli, REPO);
    const npm = process.env.npm_execpath;
    const times = async (args: string[]) => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) runs.push((await timed(process.execPath, args, REPO)).seconds);
      return median(runs);
    };
    const cliS = await times(cli);
    return { npmS: npm ? await times([npm, 'run', '-s', 'ingest', '--', ...options]) : Number.NaN, cliS };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * `npm run dev` on the seeds: once its server answers, a note is dropped into the inbox three
 * times (a new one each time) and the time to its source page being served is taken; median.
 */
export async function devReaction(projectRoot: string): Promise<{ ingestedS: number; servedS: number }> {
  const inbox = path.join(projectRoot, 'ingest');
  await mkdir(inbox, { recursive: true });
  await writeVariedCopies(inbox, await INPUT_SETS.seeds(), 5);
  const port = 4500 + Math.floor(Math.random() * 400);
  const child = spawn(process.execPath, [path.join(projectRoot, 'src/cli/dev.ts'), '--port', String(port), '--host', '127.0.0.1'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const status = (url: string) => fetch(url).then((r) => r.status, () => 0);
  const until = async (check: () => Promise<boolean>, what: string, timeoutS = 120) => {
    const start = process.hrtime.bigint();
    while (!(await check())) {
      if (seconds(start) > timeoutS) throw new Error(`npm run dev: ${what} not within ${timeoutS} s:\n${log.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  try {
    await until(async () => (await status(`${base}/`)) === 200, 'the site');
    // The source page route, compiled once before any timing (the first request of a route compiles it).
    await until(async () => (await status(`${base}/sources/${sourceSlug('00000-000_7ab448249b043be4.txt')}/`)) === 200, 'a seed page');
    const ingested: number[] = [];
    const served: number[] = [];
    for (let i = 0; i < 3; i++) {
      const name = `dropped-${i}.md`;
      const start = process.hrtime.bigint();
      await writeFile(path.join(inbox, name), `# Runbook: restart the dropped service ${i}\n\n1. Restart it:\n   \`\`\`bash\n   systemctl restart dropped-${i}\n   \`\`\`\n`);
      const written = path.join(projectRoot, 'content', 'sources', `${sourceSlug(name)}.md`);
      await until(() => readFile(written).then(() => true, () => false), `content for ${name}`);
      ingested.push(seconds(start));
      await until(async () => (await status(`${base}/sources/${sourceSlug(name)}/`)) === 200, `the page of ${name}`);
      served.push(seconds(start));
    }
    return { ingestedS: median(ingested), servedS: median(served) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
  }
}
