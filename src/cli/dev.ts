#!/usr/bin/env node
/**
 * `npm run dev`: the authoring loop. Ingests the inbox, starts Astro's dev server, and ingests
 * again whenever a file in the inbox is added, changed or removed; Astro's content layer picks
 * up the new files in `content/` and the pages update without a restart.
 */
import { dev } from 'astro';
import { watch } from 'chokidar';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingest } from '../pipeline/run.ts';
import { formatReport } from './report.ts';

const { values } = parseArgs({
  options: {
    inbox: { type: 'string', default: 'ingest' },
    content: { type: 'string', default: 'content' },
    port: { type: 'string', default: '4321' },
    host: { type: 'string' },
  },
});
const inboxDir = path.resolve(values.inbox);
const contentDir = path.resolve(values.content);

let running: Promise<void> | undefined;
let again = false;

/** Runs one ingest at a time; changes that arrive during a run trigger exactly one more. */
function scheduleIngest(reason: string): void {
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    const started = performance.now();
    try {
      const report = await ingest({ inboxDir, contentDir });
      const changed = report.files.filter((f) => f.status !== 'unchanged').length;
      if (changed > 0 || report.removed.length > 0) {
        process.stdout.write(`[fieldnotes] ${reason}: ingested in ${Math.round(performance.now() - started)} ms\n${formatReport(report)}\n`);
      }
    } catch (error) {
      process.stderr.write(`[fieldnotes] ingest failed: ${(error as Error).message}\n`);
    }
  })().finally(() => {
    running = undefined;
    if (again) {
      again = false;
      scheduleIngest('more changes');
    }
  });
}

scheduleIngest('start');
await running;
const server = await dev({ root: process.cwd(), server: { port: Number(values.port), host: values.host } });
// A file still being written when its ingest starts is ingested again when the write ends (every
// change event schedules a run), so the wait for a file to settle can be short.
const watcher = watch(inboxDir, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 } });
watcher.on('all', (event, file) => scheduleIngest(`${event} ${path.relative(inboxDir, file)}`));

const stop = async () => {
  await watcher.close();
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
