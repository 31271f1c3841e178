/**
 * `npm run bench [-- --sizes 1000,10000] [--inputs generated,seeds,corpus] [--skip-search] [--keep]`:
 * the whole pipeline at scale, measured side by side in one run and printed as tables.
 *
 * generated: for each size N, N generated notes (test/helpers/generate-notes.ts: English, Russian,
 * Korean, Mac Roman mojibake, a paragraph to ~50 KB): ingest, unchanged re-ingest, `astro build`
 * beside a plain Astro build of N minimal MDX pages, Pagefind, and search in Chromium, with peak
 * memory. Targets (issues 8 and 15): ingest ≥ 1,000 notes/s; build ≤ 1.4× plain Astro and ≤ 4 GB
 * peak at 10,000; search ≤ 50 ms median, cold first query ≤ 150 kB; the box ≤ 50 ms median, ≤ 150 ms p95.
 *
 * seeds, corpus: N copies of the real inputs (bench/ingest-speed.ts), ingested by the CLI beside
 * one Markdown parse of the same files; then start-up of `npm run ingest` and `npm run dev`.
 * Targets (issue 18): ingest ≤ 1.5× one parse at 1,000 seed copies; ≥ 250 seed copies/s at 10,000;
 * unchanged re-ingest of 10,000 ≤ 0.5 s; `npm run ingest` unchanged ≤ 0.3 s; `npm run dev` ≤ 0.5 s.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSearchBundles } from '../src/integrations/pagefind.ts';
import { devReaction, INPUT_SETS, speedRow, unchangedStart, type SpeedRow } from './ingest-speed.ts';
import { dirSize, seconds, timed } from './measure.ts';
import { SEARCH_BUNDLES } from '../src/site/search/bundles.ts';
import { ingest } from '../src/pipeline/run.ts';
import { findChromium, launchFound } from '../test/helpers/chromium.ts';
import { writeNotes } from '../test/helpers/generate-notes.ts';
import { serveStatic } from '../test/helpers/serve.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '1000,10000' }, inputs: { type: 'string', default: 'generated,seeds,corpus' }, 'skip-search': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
});
const sizes = values.sizes.split(',').map(Number);
const inputSets = values.inputs.split(',');
for (const set of inputSets) if (set !== 'generated' && !(set in INPUT_SETS)) throw new Error(`--inputs: no input set "${set}" (generated, ${Object.keys(INPUT_SETS).join(', ')})`);

/**
 * Our build exactly as `npm run build` runs it (with its heap limit); plain Astro is run with
 * Node's defaults, as anyone would run it.
 */
const buildCommand = (JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { scripts: { build: string } }).scripts.build
  .split(/\s+/)
  .map((word, i) => (i === 0 && word === 'node' ? process.execPath : word.startsWith('node_modules/') ? path.join(REPO, word) : word));

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
for (const n of inputSets.includes('generated') ? sizes : []) {
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

if (rows.length > 0) printGenerated(rows);

function printGenerated(rows: Row[]): void {
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
console.log(`targets at ${last.n}: ingest ≥ 1000 notes/s: ${last.n / last.ingestS >= 1000 ? 'met' : 'MISSED'}; re-ingest ≤ 1 s: ${last.reingestS <= 1 ? 'met' : 'MISSED'}; build ≤ 1.4× plain: ${(last.buildS / last.pages) / (last.plainS / last.filesWritten) <= 1.4 ? 'met' : 'MISSED'}; peak ≤ 4 GB: ${last.buildPeakMb <= 4096 ? 'met' : 'MISSED'}; search ≤ 50 ms: ${last.searchMedianMs === undefined ? 'not measured' : last.searchMedianMs <= 50 ? 'met' : 'MISSED'}; cold ≤ 150 kB: ${last.coldKb === undefined ? 'not measured' : last.coldKb <= 150 ? 'met' : 'MISSED'}; box ≤ 50 ms median, ≤ 150 ms p95: ${last.boxMedianMs === undefined ? 'not measured' : last.boxMedianMs <= 50 && last.boxP95Ms! <= 150 ? 'met' : 'MISSED'}`);
if (last.n / last.ingestS < 1000) {
  // Name what limits ingest, from this run's own figures.
  const cores = last.ingestCpuS / last.ingestS;
  console.log(
    `ingest at ${last.n}: ${((1000 * last.ingestCpuS) / last.n).toFixed(1)} ms of CPU per note, ${cores.toFixed(1)} of ${availableParallelism()} cores busy` +
      (cores > 0.8 * availableParallelism() ? ' — CPU-bound: 1,000 notes/s needs less CPU per note (see README, Scale)' : ' — not CPU-bound: waiting on I/O'),
  );
}
}

// Inputs of real size and shape (issue 18).
const speedRows: SpeedRow[] = [];
for (const set of inputSets.filter((s): s is keyof typeof INPUT_SETS => s in INPUT_SETS)) {
  for (const n of sizes) {
    process.stderr.write(`\n== ${n} copies of the ${set}\n`);
    speedRows.push(await speedRow(set, n));
  }
}
if (speedRows.length > 0) {
  process.stderr.write('\n== start-up\n');
  const start = await unchangedStart();
  const devProject = await ourProject(0);
  const dev = await devReaction(devProject.root);
  await rm(devProject.root, { recursive: true, force: true });
  const speedTable = [
    ['inputs', 'notes', 'MB', 'ingest s', 'notes/s', 'MB/s', 'CPU ms/note', 'cores busy', 'one parse s', 'parse MB/s', 'ratio', 'peak MB', 'unchanged re-ingest s'],
    ...speedRows.map((r) => [
      `${r.inputs} copies`,
      String(r.n),
      r.mb.toFixed(1),
      r.ingestS.toFixed(1),
      (r.n / r.ingestS).toFixed(0),
      (r.mb / r.ingestS).toFixed(2),
      ((1000 * r.cpuS) / r.n).toFixed(1),
      (r.cpuS / r.ingestS).toFixed(1),
      r.parseS.toFixed(1),
      (r.mb / r.parseS).toFixed(2),
      `${(r.ingestS / r.parseS).toFixed(2)}×`,
      r.peakMb.toFixed(0),
      r.reingestS.toFixed(2),
    ]),
  ];
  const widths = speedTable[0]!.map((_, c) => Math.max(...speedTable.map((row) => row[c]!.length)));
  console.log('');
  for (const row of speedTable) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  console.log('\ningest: the CLI (npm run ingest) in a process of its own, both cores; one parse: remark-parse + GFM of the same files, one after another on one core.');
  console.log('ratio = ingest wall time ÷ one parse time. CPU and peak memory are sampled from /proc every 100 ms. Unchanged re-ingest: median of 3 runs.');
  console.log(`npm run ingest, unchanged inbox of the five seeds: ${start.npmS.toFixed(2)} s; the CLI started by Node directly: ${start.cliS.toFixed(2)} s (medians of 5)`);
  console.log(`npm run dev, a note dropped into the inbox: content written after ${dev.ingestedS.toFixed(2)} s, its page served after ${dev.servedS.toFixed(2)} s (median of 3)`);
  if (dev.servedS > 0.5 && dev.ingestedS <= 0.5) {
    console.log(`  between the two: Astro's content layer, which writes its data store for the dev server 500 ms after the last change (SAVE_DEBOUNCE_MS, astro/dist/content/mutable-data-store.js)`);
  }
  const seedRow = (n: number) => speedRows.find((r) => r.inputs === 'seeds' && r.n === n);
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED');
  const at1k = seedRow(1000);
  const at10k = seedRow(10000);
  const generated10k = rows.find((r) => r.n === 10000);
  console.log(
    `targets: ingest ≤ 1.5× one parse at 1,000 seed copies: ${verdict(at1k && at1k.ingestS / at1k.parseS <= 1.5)}; ≥ 250 seed copies/s at 10,000: ${verdict(at10k && at10k.n / at10k.ingestS >= 250)}; ` +
      `≥ 1,000 generated notes/s: ${verdict(generated10k && generated10k.n / generated10k.ingestS >= 1000)}; unchanged re-ingest of 10,000 ≤ 0.5 s: ${verdict(at10k && at10k.reingestS <= 0.5)}; ` +
      `npm run ingest unchanged ≤ 0.3 s: ${verdict(start.npmS <= 0.3)}; npm run dev ≤ 0.5 s: ${verdict(dev.servedS <= 0.5)}`,
  );
  // What limits ingest where the ratio is missed, from this run's own figures.
  for (const r of speedRows.filter((row) => row.ingestS / row.parseS > 1.5)) {
    const cpuPerNote = r.cpuS / r.n;
    const parsePerNote = r.parseS / r.n;
    console.log(
      `${r.inputs} copies at ${r.n}: ${(1000 * cpuPerNote).toFixed(1)} ms of CPU per note over ${(r.cpuS / r.ingestS).toFixed(1)} of ${availableParallelism()} cores; one parse is ${(1000 * parsePerNote).toFixed(1)} ms of it, ` +
        `the other stages ${(1000 * (cpuPerNote - parsePerNote)).toFixed(1)} ms (${(cpuPerNote / parsePerNote).toFixed(1)}× the parse in CPU): ${r.cpuS / r.ingestS > 0.8 * availableParallelism() ? 'CPU-bound' : 'not CPU-bound: the cores wait'}`,
    );
  }
}
