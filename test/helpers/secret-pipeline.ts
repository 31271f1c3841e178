/**
 * The secret cases through the whole pipeline: each case is an inbox note (every tenth also as
 * prose), ingested offline and built; then every file of content/ and dist/ is read as a reader
 * would see it — HTML entities, markdown and JSON escapes undone, Pagefind's gzip opened — and
 * searched for every secret.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ingest } from '../../src/pipeline/run.ts';
import { buildSite, tempProject } from './project.ts';
import { caseNote, type SecretCase } from './secret-cases.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** A file's text with the escapes a reader never sees undone. */
export function readable(bytes: Buffer): string {
  let raw = bytes;
  if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
  // Pagefind fragments start with a signature line before their gzip.
  const text = raw.toString('utf8');
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\([\\"'/nrt`*_{}[\]()#+\-.!|<>~])/g, (_, c) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '' : c));
}

export async function leaksInSite(cases: SecretCase[], options: { build?: boolean } = {}): Promise<{ leaks: string[]; missing: string[]; notes: number; searched: string[]; root: string }> {
  const project = await tempProject();
  const notes: Array<{ name: string; secretCase: SecretCase }> = [];
  for (const [i, secretCase] of cases.entries()) {
    notes.push({ name: `case-${secretCase.id}.md`, secretCase });
    await writeFile(path.join(project.inbox, `case-${secretCase.id}.md`), caseNote(secretCase));
    if (i % 10 === 0) {
      notes.push({ name: `case-${secretCase.id}-prose.md`, secretCase });
      await writeFile(path.join(project.inbox, `case-${secretCase.id}-prose.md`), caseNote(secretCase, true));
    }
  }
  const report = await ingest({ inboxDir: project.inbox, contentDir: project.content, llm: false });
  const published = new Set(report.files.flatMap((f) => (f.status === 'published' ? [f.file] : [])));
  const missing = notes.filter((n) => !published.has(n.name)).map((n) => n.name);
  const roots = [project.content];
  if (options.build !== false) roots.push(await buildSite(project.root));
  const texts = roots.flatMap((root) => files(root).map((file) => ({ file: path.relative(project.root, file), text: readable(readFileSync(file)) })));
  const leaks: string[] = [];
  for (const secretCase of cases) {
    for (const secret of secretCase.secrets) {
      const where = texts.find((t) => t.text.includes(secret));
      if (where) leaks.push(`${secretCase.id}: ${secret.slice(0, 24)}… in ${where.file}`);
    }
  }
  return { leaks, missing, notes: notes.length, searched: texts.map((t) => t.file), root: project.root };
}
