/**
 * `npm run bench [-- --sizes 1000,10000] [--skip-search] [--keep]`: the whole pipeline at scale, measured side by side in
 * one run and printed as a table. For each size N it generates N realistic notes (test/helpers/
 * generate-notes.ts: English, Russian, Korean, Mac Roman mojibake, a paragraph to ~50 KB), then
 * measures ingest, unchanged re-ingest, `astro build` beside a plain Astro build of N minimal MDX
 * pages, Pagefind, and search in Chromium, with peak memory.
 *
 * Targets (issue 8): ingest ≥ 1,000 docs/s; unchanged re-ingest of 10,000 files ≤ 1 s; build ≤ 2×
 * plain Astro and ≤ 4 GB peak at 10,000; search ≤ 50 ms median, cold first query ≤ 150 kB.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSearchBundles } from '../src/integrations/pagefind.ts';
import { SEARCH_BUNDLES } from '../src/site/search/bundles.ts';
import { ingest } from '../src/pipeline/run.ts';
import { findChromium, launchFound } from '../test/helpers/chromium.ts';
import { writeNotes } from '../test/helpers/generate-notes.ts';
import { serveStatic } from '../test/helpers/serve.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' }, 'skip-search': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } } });
const sizes = values.sizes.split(',').map(Number);

/**
 * Our build exactly as `npm run build` runs it (with its heap limit); plain Astro is run with
 * Node's defaults, as anyone would run it.
 */
const buildCommand = (JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { scripts: { build: string } }).scripts.build
  .split(/\s+/)
  .map((word, i) => (i === 0 && word === 'node' ? process.execPath : word.startsWith('node_modules/') ? path.join(REPO, word) : word));

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Runs a command; returns its wall time and the peak RSS of its process tree (sampled from /proc). */
async function timed(command: string, args: string[], cwd: string): Promise<{ seconds: number; peakMb: number }> {
  const start = process.hrtime.bigint();
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let peak = 0;
  const sample = setInterval(async () => {
    const rss = await treeRss(child.pid!);
    peak = Math.max(peak, rss);
  }, 100);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearInterval(sample);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${stderr.slice(-2000)}`);
  return { seconds: seconds(start), peakMb: peak / 1024 };
}

/** RSS in kB of a process and its children (Linux /proc). */
async function treeRss(pid: number): Promise<number> {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    const status = await readFile(`/proc/${current}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const children = await readFile(`/proc/${current}/task/${current}/children`, 'utf8').catch(() => '');
    stack.push(...children.split(/\s+/).filter(Boolean).map(Number));
  }
  return total;
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    total += entry.isDirectory() ? await dirSize(abs) : (await stat(abs)).size;
  }
  return total;
}

/** A project folder: this repository's code, a fresh inbox and content. */
async function ourProject(n: number): Promise<{ root: string; inbox: string; content: string }> {
  const root = await mkdtemp(path.join(tmpdir(), `fieldnotes-bench-${n}-`));
  await symlink(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  for (const name of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) await cp(path.join(REPO, name), path.join(root, name), { recursive: true });
  const inbox = path.join(root, 'ingest');
  await mkdir(inbox);
  await writeNotes(inbox, n);
  return { root, inbox, content: path.join(root, 'content') };
}

/** The baseline: plain Astro + MDX, N minimal pages from a content collection, nothing else. */
async function plainProject(n: number): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `plain-astro-${n}-`));
  await symlink(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  await writeFile(path.join(root, 'package.json'), '{"type":"module"}');
  await writeFile(path.join(root, 'astro.config.mjs'), "import mdx from '@astrojs/mdx';\nimport { defineConfig } from 'astro/config';\nexport default defineConfig({ integrations: [mdx()] });\n");
  await mkdir(path.join(root, 'src/pages/docs'), { recursive: true });
  await mkdir(path.join(root, 'pages'), { recursive: true });
  await writeFile(path.join(root, 'src/content.config.ts'), "import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nimport { z } from 'astro/zod';\nexport const collections = { docs: defineCollection({ loader: glob({ base: './pages', pattern: '*.mdx' }), schema: z.object({ title: z.string() }) }) };\n");
  await writeFile(path.join(root, 'src/pages/docs/[id].astro'), "---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() { return (await getCollection('docs')).map((entry) => ({ params: { id: entry.id }, props: { entry } })); }\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang=\"en\"><head><title>{entry.data.title}</title></head><body><h1>{entry.data.title}</h1><Content /></body></html>\n");
  for (let i = 0; i < n; i++) await writeFile(path.join(root, 'pages', `page-${i}.mdx`), `---\ntitle: Page ${i}\n---\n\nA minimal page number ${i}.\n`);
  return root;
}

interface Row {
  n: number;
  filesWritten: number;
  ingestS: number;
  singleThreadS: number;
  ingestCpuS: number;
  reingestS: number;
  buildS: number;
  buildPeakMb: number;
  plainS: number;
  plainPeakMb: number;
  pages: number;
  pagefindS: number;
  indexMb: number;
  searchMedianMs?: number;
  boxMedianMs?: number;
  boxP95Ms?: number;
  coldKb?: number;
}

async function searchLatency(dist: string): Promise<{ medianMs: number; coldKb: number; boxMedianMs: number; boxP95Ms: number } | undefined> {
  if (values['skip-search']) return undefined;
  const lookup = await findChromium();
  if (!('found' in lookup)) {
    console.warn(`search latency not measured: ${lookup.unavailable}`);
    return undefined;
  }
  const site = await serveStatic(dist);
  const browser = await launchFound(lookup.found);
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}/`);
    // Bytes as transferred (gzip where the server compresses), as a reader's browser would count them.
    let bytes = 0;
    page.on('requestfinished', async (request) => {
      if (request.url().includes('/pagefind')) bytes += (await request.sizes()).responseBodySize;
    });
    // The cold first query, as a reader types it into the box (which shows 12 results).
    await page.fill('#search-input', 'restart');
    await page.waitForSelector('.search-result-link', { timeout: 60_000 });
    await page.waitForTimeout(500);
    const coldKb = bytes / 1024;
    // Then queries as the box sends them (normalized: stems, see src/site/search/normalize.ts) to
    // the bundle it loaded (same module, other languages merged), with the 12 results it shows.
    const times: number[] = await page.evaluate(async () => {
      const module = await import(/* @vite-ignore */ `${'/pagefind/pagefind.js'}`);
      const queries = ['billing', 'rollback', 'connection pool', 'сбо', 'журнал', 'kubectl', 'postgres', 'ошибк', '서버', 'latency', 'checkout', 'migrations'];
      const out: number[] = [];
      for (const query of [...queries, ...queries]) {
        const start = performance.now();
        const { results } = await module.search(query);
        await Promise.all(results.slice(0, 12).map((r: { data: () => Promise<unknown> }) => r.data()));
        out.push(performance.now() - start);
      }
      return out;
    });
    const sorted = times.slice(times.length / 2).sort((a, b) => a - b);
    // And as a reader sees it: from the last keystroke in the box to its results on the page
    // (input delay, query understanding, every search it runs and the rendering included).
    const box: number[] = [];
    for (const query of ['billing', 'rollback', 'connection pool', 'сбой', 'журнала', 'kubectl', 'postgres', 'ошибкой', '서버를', 'latency', 'checkout', 'how do I run migrations']) {
      await page.fill('#search-input', '');
      await page.type('#search-input', query.slice(0, -1));
      const start = performance.now();
      await page.type('#search-input', query.slice(-1));
      await page.waitForFunction((q) => document.getElementById('search-results')?.dataset.renderedFor === q, query, { timeout: 60_000 });
      box.push(performance.now() - start);
    }
    box.sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)]!, coldKb, boxMedianMs: box[Math.floor(box.length / 2)]!, boxP95Ms: box[Math.min(box.length - 1, Math.floor(box.length * 0.95))]! };
  } finally {
    await browser.close();
    await site.close();
  }
}

const rows: Row[] = [];
for (const n of sizes) {
  process.stderr.write(`\n== ${n} notes\n`);
  const project = await ourProject(n);
  let start = process.hrtime.bigint();
  // CPU time of the whole process, worker threads included: it tells CPU-bound from waiting.
  const cpuBefore = process.cpuUsage();
  const report = await ingest({ inboxDir: project.inbox, contentDir: project.content, llm: false });
  const ingestS = seconds(start);
  const cpu = process.cpuUsage(cpuBefore);
  const ingestCpuS = (cpu.user + cpu.system) / 1e6;
  const filesWritten = Object.values(report.written).reduce((a, b) => a + b, 0);
  start = process.hrtime.bigint();
  await ingest({ inboxDir: project.inbox, contentDir: project.content, llm: false });
  const reingestS = seconds(start);
  // The same inbox again in one thread, into a scratch folder: what the worker pool buys.
  const singleContent = path.join(project.root, 'content-single-thread');
  start = process.hrtime.bigint();
  await ingest({ inboxDir: project.inbox, contentDir: singleContent, llm: false, workers: 0 });
  const singleThreadS = seconds(start);
  await rm(singleContent, { recursive: true, force: true });
  process.stderr.write(`ingest ${ingestS.toFixed(1)} s (one thread ${singleThreadS.toFixed(1)} s), re-ingest ${reingestS.toFixed(2)} s; building…\n`);
  const build = await timed(buildCommand[0]!, [...buildCommand.slice(1), '--root', project.root], project.root);
  const dist = path.join(project.root, 'dist');
  const pages = (await readdir(dist, { recursive: true })).filter((f) => String(f).endsWith('.html')).length;
  // Pagefind runs inside the build; it is timed again here on its own (into a scratch folder).
  const scratch = await mkdtemp(path.join(tmpdir(), 'pagefind-bench-'));
  await cp(dist, scratch, { recursive: true, filter: (source) => !path.relative(dist, source).startsWith('pagefind') });
  start = process.hrtime.bigint();
  await writeSearchBundles(scratch);
  const pagefindS = seconds(start);
  await rm(scratch, { recursive: true, force: true });
  // What a reader's browser draws from: the documents bundle.
  const indexMb = (await dirSize(path.join(dist, SEARCH_BUNDLES.documents.path))) / 1048576;
  process.stderr.write(`build ${build.seconds.toFixed(1)} s (${pages} pages); plain Astro…\n`);
  const plain = await plainProject(filesWritten);
  const plainBuild = await timed(process.execPath, [path.join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', plain], plain);
  const search = await searchLatency(dist);
  rows.push({ n, filesWritten, ingestS, ingestCpuS, singleThreadS, reingestS, buildS: build.seconds, buildPeakMb: build.peakMb, plainS: plainBuild.seconds, plainPeakMb: plainBuild.peakMb, pages, pagefindS, indexMb, searchMedianMs: search?.medianMs, boxMedianMs: search?.boxMedianMs, boxP95Ms: search?.boxP95Ms, coldKb: search?.coldKb });
  if (values.keep) process.stderr.write(`kept: ${project.root} and ${plain}\n`);
  else {
    await rm(project.root, { recursive: true, force: true });
    await rm(plain, { recursive: true, force: true });
  }
}

const table = [
  ['notes', 'files written', 'ingest notes/s', 'files/s', 'notes/s 1 thread', 're-ingest s', 'build s', 'build ms/page', 'plain Astro s', 'plain ms/page', 'ratio', 'build peak MB', 'plain peak MB', 'pagefind s', 'search index MB', 'search median ms', 'box median ms', 'box p95 ms', 'cold query kB'],
  ...rows.map((r) => [
    r.n,
    r.filesWritten,
    (r.n / r.ingestS).toFixed(0),
    (r.filesWritten / r.ingestS).toFixed(0),
    (r.n / r.singleThreadS).toFixed(0),
    r.reingestS.toFixed(2),
    r.buildS.toFixed(1),
    ((1000 * r.buildS) / r.pages).toFixed(1),
    r.plainS.toFixed(1),
    ((1000 * r.plainS) / r.filesWritten).toFixed(1),
    `${((r.buildS / r.pages) / (r.plainS / r.filesWritten)).toFixed(2)}×`,
    r.buildPeakMb.toFixed(0),
    r.plainPeakMb.toFixed(0),
    r.pagefindS.toFixed(1),
    r.indexMb.toFixed(1),
    r.searchMedianMs?.toFixed(1) ?? '-',
    r.boxMedianMs?.toFixed(0) ?? '-',
    r.boxP95Ms?.toFixed(0) ?? '-',
    r.coldKb?.toFixed(0) ?? '-',
  ].map(String)),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
console.log('\nnotes/s counts inbox notes (the generated documents); files written are sources + documents.');
console.log('ratio = our build time per page ÷ plain Astro build time per page (as many minimal MDX pages as files written).');
const last = rows.at(-1)!;
console.log(`targets at ${last.n}: ingest ≥ 1000 notes/s: ${last.n / last.ingestS >= 1000 ? 'met' : 'MISSED'}; re-ingest ≤ 1 s: ${last.reingestS <= 1 ? 'met' : 'MISSED'}; build ≤ 2× plain: ${(last.buildS / last.pages) / (last.plainS / last.filesWritten) <= 2 ? 'met' : 'MISSED'}; peak ≤ 4 GB: ${last.buildPeakMb <= 4096 ? 'met' : 'MISSED'}; search ≤ 50 ms: ${last.searchMedianMs === undefined ? 'not measured' : last.searchMedianMs <= 50 ? 'met' : 'MISSED'}; cold ≤ 150 kB: ${last.coldKb === undefined ? 'not measured' : last.coldKb <= 150 ? 'met' : 'MISSED'}; box ≤ 50 ms median, ≤ 150 ms p95: ${last.boxMedianMs === undefined ? 'not measured' : last.boxMedianMs <= 50 && last.boxP95Ms! <= 150 ? 'met' : 'MISSED'}`);
if (last.n / last.ingestS < 1000) {
  // Name what limits ingest, from this run's own figures.
  const cores = last.ingestCpuS / last.ingestS;
  console.log(
    `ingest at ${last.n}: ${((1000 * last.ingestCpuS) / last.n).toFixed(1)} ms of CPU per note, ${cores.toFixed(1)} of ${availableParallelism()} cores busy` +
      (cores > 0.8 * availableParallelism() ? ' — CPU-bound: 1,000 notes/s needs less CPU per note (see README, Scale)' : ' — not CPU-bound: waiting on I/O'),
  );
}
