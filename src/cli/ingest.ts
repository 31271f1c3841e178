#!/usr/bin/env node
/**
 * `npm run ingest`: reads every file of the inbox and writes the content collections.
 * Prints a per-file problem list and a summary; exits 1 when any file failed.
 */
import { SingleBar } from 'cli-progress';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingest, type IngestReport } from '../pipeline/run.ts';

const HELP = `Usage: npm run ingest -- [options]

Turns the notes in the inbox into typed documents in content/ (incidents, ADRs, runbooks and
their sources). Files that did not change since the last run are skipped; the inbox is never
modified; generated files you edited by hand are kept.

Options:
  --inbox DIR     inbox folder (default: ingest)
  --content DIR   output folder of the collections (default: content)
  --force         reprocess every file, even unchanged ones
  --quiet         print only problems and the summary line
  -h, --help      show this help
`;

export function formatReport(report: IngestReport): string {
  const lines: string[] = [];
  const count = (status: string) => report.files.filter((f) => f.status === status).length;
  for (const file of report.files) {
    if (file.status === 'failed') lines.push(`error  ${file.file}: ${file.error}`);
    if (file.status === 'unpublished') lines.push(`skip   ${file.file}: ${file.reason}`);
  }
  for (const warning of report.warnings) lines.push(`warn   ${warning.file}: ${warning.message}`);
  for (const kept of report.keptEdited) lines.push(`kept   content/${kept}: edited by hand since it was generated; not overwritten`);
  const byFile = new Map<string, string[]>();
  for (const r of report.redactions) byFile.set(r.file, [...(byFile.get(r.file) ?? []), `${r.type} (line ${r.line})`]);
  for (const [file, items] of byFile) lines.push(`redact ${file}: ${items.join(', ')}`);
  for (const removed of report.removed) lines.push(`remove content/${removed}: no input produces it any more`);
  const w = report.written;
  lines.push(
    `${report.files.length} files read: ${count('published')} published, ${count('unchanged')} unchanged, ` +
      `${count('unpublished')} not published, ${count('failed')} failed. ` +
      `Written: ${w.sources} sources, ${w.incidents} incidents, ${w.adrs} ADRs, ${w.runbooks} runbooks. ` +
      `${report.warnings.length} warnings, ${report.redactions.length} redactions.`,
  );
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      inbox: { type: 'string', default: 'ingest' },
      content: { type: 'string', default: 'content' },
      force: { type: 'boolean', default: false },
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
  const report = await ingest({
    inboxDir: path.resolve(values.inbox),
    contentDir: path.resolve(values.content),
    force: values.force,
    onProgress: ({ done, total, file }) => {
      if (!bar) return;
      if (!started) bar.start(total, 0, { file });
      started = true;
      bar.update(done, { file });
    },
  });
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
