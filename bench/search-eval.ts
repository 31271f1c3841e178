/**
 * `npm run eval:search [-- --keep] [--only CLASS]`: search as a reader uses it. Builds the site from
 * the seeds and ../shared/corpus/notes, serves it on 127.0.0.1, types each query of
 * bench/search-queries.json into the site's own search box in Chromium (every filter at its
 * default) and scores the first five results: recall@5 (a page made from an expected input among
 * them), MRR (the first page made from an expected input or one the query lists as `also`
 * answering it), and the time from the last keystroke to the results on the page, per class. Then it
 * types every query again on a fresh page and reports the queries whose results differ from the
 * ones they got after other queries.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import matter from 'gray-matter';
import type { Page } from 'playwright-core';
import { ingest } from '../src/pipeline/run.ts';
import { findChromium, launchFound } from '../test/helpers/chromium.ts';
import { buildSite, SHARED, tempProject } from '../test/helpers/project.ts';
import { serveStatic } from '../test/helpers/serve.ts';

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false }, only: { type: 'string' } } });
const CORPUS = path.join(SHARED, 'corpus/notes');

interface Query {
  class: string;
  query: string;
  expect: string[];
  /** Other inputs that answer the query as well: a hit for MRR, not required in the first five. */
  also?: string[];
}

const { queries: allQueries } = JSON.parse(await readFile(new URL('./search-queries.json', import.meta.url), 'utf8')) as { queries: Query[] };
const queries = allQueries.filter((q) => !values.only || q.class === values.only);

// The site: seeds (tempProject puts them in) and every corpus note under corpus/.
const extra: Record<string, string> = {};
for (const name of (await readdir(CORPUS)).sort()) if (!name.endsWith('.expected.json')) extra[`corpus/${name}`] = await readFile(path.join(CORPUS, name), 'utf8');
const project = await tempProject(extra);
console.log(`site: ${Object.keys(extra).length} corpus notes and the seeds in ${project.root}`);
await ingest({ inboxDir: project.inbox, contentDir: project.content, llm: false });
const dist = await buildSite(project.root);

/** Which input each page was made from: `/incidents/x/` → `corpus/05_….md`. */
const inputOf = new Map<string, string>();
for (const collection of ['incidents', 'adrs', 'runbooks', 'sources']) {
  const dir = path.join(project.content, collection);
  for (const file of await readdir(dir).catch(() => [] as string[])) {
    const data = matter(await readFile(path.join(dir, file), 'utf8')).data as { generated?: { from?: string } };
    const from = data.generated?.from?.replace(/^ingest\//, '');
    if (from) inputOf.set(`/${collection}/${file.replace(/\.mdx?$/, '')}/`, from);
  }
}

const lookup = await findChromium();
if (!('found' in lookup)) throw new Error(`no Chromium to search with: ${lookup.unavailable}`);
const site = await serveStatic(dist);
const browser = await launchFound(lookup.found);

/** Types a query into the box and waits for the results the box renders for exactly that text. */
async function typeQuery(page: Page, query: string): Promise<{ urls: string[]; ms: number; note: string }> {
  await page.fill('#search-input', '');
  await page.waitForFunction(() => document.getElementById('search-results')!.hidden);
  await page.type('#search-input', query.slice(0, -1));
  const started = performance.now();
  await page.type('#search-input', query.slice(-1));
  await page.waitForFunction((q) => document.getElementById('search-results')!.dataset.renderedFor === q, query, { timeout: 30_000 });
  const ms = performance.now() - started;
  const urls = await page.$$eval('#search-results a.search-result-link', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  const note = (await page.$eval('#search-results', (el) => el.querySelector('.search-note')?.textContent ?? '')) || '';
  return { urls, ms, note };
}

interface Outcome {
  query: Query;
  /** Rank in the first five of the first expected page (0: none), and of the first answering page. */
  rank: number;
  answerRank: number;
  ms: number;
  urls: string[];
  note: string;
}

try {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`page error: ${message.text()}`);
  });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${site.url}/`);
  // The first query loads the index: not counted in the latency of its class.
  await typeQuery(page, 'warm up');
  const outcomes: Outcome[] = [];
  for (const query of queries) {
    const { urls, ms, note } = await typeQuery(page, query.query);
    const top = urls.slice(0, 5).map((url) => inputOf.get(url) ?? '');
    const rank = top.findIndex((input) => query.expect.includes(input)) + 1;
    const answerRank = top.findIndex((input) => query.expect.includes(input) || (query.also ?? []).includes(input)) + 1;
    outcomes.push({ query, rank, answerRank, ms, urls, note });
  }

  // The same queries, each on a fresh page: results must not depend on what was typed before.
  const unstable: string[] = [];
  for (const outcome of outcomes) {
    const fresh = await browser.newPage();
    await fresh.goto(`${site.url}/`);
    const { urls } = await typeQuery(fresh, outcome.query.query);
    if (urls.join(' ') !== outcome.urls.join(' ')) unstable.push(`${outcome.query.query}: ${outcome.urls.length} results after other queries, ${urls.length} on a fresh page`);
    await fresh.close();
  }

  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const classes = [...new Set(outcomes.map((o) => o.query.class))];
  // MRR counts a page listed under `also` as an answer; "expect only" does not.
  console.log('\nclass            queries  recall@5  MRR   expect only  p50 ms  p95 ms');
  const row = (name: string, rows: Outcome[]) => {
    const scored = rows.filter((o) => o.query.expect.length > 0);
    const recall = scored.filter((o) => o.rank > 0).length / (scored.length || 1);
    const reciprocal = (rank: number) => (rank > 0 ? 1 / rank : 0);
    const mrr = scored.reduce((sum, o) => sum + reciprocal(o.answerRank), 0) / (scored.length || 1);
    const strict = scored.reduce((sum, o) => sum + reciprocal(o.rank), 0) / (scored.length || 1);
    const times = rows.map((o) => o.ms).sort((a, b) => a - b);
    console.log(`${name.padEnd(16)} ${String(rows.length).padStart(7)}  ${(recall * 100).toFixed(0).padStart(7)} %  ${mrr.toFixed(2)}  ${strict.toFixed(2).padStart(11)}  ${percentile(times, 0.5).toFixed(0).padStart(6)}  ${percentile(times, 0.95).toFixed(0).padStart(6)}`);
  };
  for (const name of classes) row(name, outcomes.filter((o) => o.query.class === name));
  row('all', outcomes);
  const misses = outcomes.filter((o) => o.query.expect.length > 0 && o.rank === 0);
  if (misses.length) {
    console.log('\nnot in the first five:');
    for (const miss of misses) console.log(`  [${miss.query.class}] ${miss.query.query} → ${miss.urls.slice(0, 5).map((u) => inputOf.get(u) ?? u).join(', ') || 'nothing'}${miss.note ? ` (${miss.note})` : ''}`);
  }
  const low = outcomes.filter((o) => o.rank > 1);
  if (low.length) {
    console.log('\nfound, but not first (* the first answers it too, listed under also):');
    for (const o of low) console.log(`  [${o.query.class}] ${o.query.query} → rank ${o.rank}; first: ${inputOf.get(o.urls[0]!) ?? o.urls[0]}${o.answerRank === 1 ? ' *' : ''}`);
  }
  console.log(`\nresults after other queries = on a fresh page: ${outcomes.length - unstable.length}/${outcomes.length}`);
  for (const line of unstable) console.log(`  differs: ${line}`);
} finally {
  await browser.close();
  await site.close();
  if (!values.keep) await rm(project.root, { recursive: true, force: true });
}
