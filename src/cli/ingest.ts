#!/usr/bin/env node
/**
 * `npm run ingest`: reads every file of the inbox and writes the content collections.
 * Prints a per-file problem list and a summary; exits 1 when any file failed.
 */
import { SingleBar } from 'cli-progress';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { llmConfigFromEnv } from '../llm/config.ts';
import { ingest } from '../pipeline/run.ts';
import { formatReport } from './report.ts';

const HELP = `Usage: npm run ingest -- [options]

Turns the notes in the inbox into typed documents in content/ (incidents, ADRs, runbooks and
their sources). Files that did not change since the last run are skipped; the inbox is never
modified; generated files you edited by hand are kept.

Options:
  --inbox DIR     inbox folder (default: ingest)
  --content DIR   output folder of the collections (default: content)
  --force         reprocess every file, even unchanged ones
  --llm           use the models (needs OPENAI_API_KEY; the default when it is set)
  --no-llm        offline only, even with OPENAI_API_KEY set
  --batch         send the model calls through the OpenAI Batch API (half the price, answered
                  within 24 hours): for a backfill of a large inbox. The batch is polled every
                  FIELDNOTES_BATCH_POLL_MS (default 30000); a killed run resumes its batch
  --quiet         print only problems and the summary line
  -h, --help      show this help
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      inbox: { type: 'string', default: 'ingest' },
      content: { type: 'string', default: 'content' },
      force: { type: 'boolean', default: false },
      llm: { type: 'boolean' },
      'no-llm': { type: 'boolean', default: false },
      batch: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const bar = process.stderr.isTTY && !values.quiet ? new SingleBar({ format: 'ingest [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: true }) : undefined;
  let started = false;
  if (values.llm && !values['no-llm'] && !process.env.OPENAI_API_KEY) {
    process.stderr.write('ingest: --llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local server)\n');
    return 2;
  }
  const options = {
    inboxDir: path.resolve(values.inbox),
    contentDir: path.resolve(values.content),
    force: values.force,
    onProgress: ({ done, total, file }: { done: number; total: number; file: string }) => {
      if (!bar) return;
      if (!started) bar.start(total, 0, { file });
      started = true;
      bar.update(done, { file });
    },
  };
  let report;
  if (values.batch) {
    const llm = values['no-llm'] ? undefined : llmConfigFromEnv();
    if (!llm) {
      process.stderr.write('ingest: --batch needs OPENAI_API_KEY (the Batch API is OpenAI’s) and cannot be used with --no-llm\n');
      return 2;
    }
    const { ingestWithBatch } = await import('../llm/batch.ts');
    const pollMs = Number(process.env.FIELDNOTES_BATCH_POLL_MS) || 30_000;
    report = await ingestWithBatch({ ...options, llm, pollMs, onStatus: (message) => process.stderr.write(`${message}\n`) });
  } else {
    report = await ingest({ ...options, llm: values['no-llm'] ? false : undefined });
  }
  bar?.stop();
  process.stdout.write(formatReport(report) + '\n');
  return report.files.some((f) => f.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ingest: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
