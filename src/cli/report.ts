import type { IngestReport } from '../pipeline/run.ts';

/** The run report as the CLI prints it: one line per problem, then a summary line. */
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
  if (report.models) lines.push(report.models);
  const w = report.written;
  lines.push(
    `${report.files.length} files read: ${count('published')} published, ${count('unchanged')} unchanged, ` +
      `${count('unpublished')} not published, ${count('failed')} failed. ` +
      `Written: ${w.sources} sources, ${w.incidents} incidents, ${w.adrs} ADRs, ${w.runbooks} runbooks. ` +
      `${report.warnings.length} warnings, ${report.redactions.length} redactions.`,
  );
  return lines.join('\n');
}

