/**
 * `npm run bench:redact`: the redaction stage on ../shared/bench/secret-cases — recall on secret
 * values and the share of look-alikes wrongly redacted, per rule family — and its throughput on
 * 50 MB of ordinary notes. `--pipeline` also ingests every case as an inbox note (and every tenth
 * as prose), builds the site, and searches content/ and dist/ for each secret, as a reader would
 * see them (HTML entities, JSON escapes and Pagefind's gzip undone).
 *
 * Targets (issue 13): ≥ 99 % of secret values removed, in every family; ≤ 3 % of look-alikes
 * redacted; 0 secrets in content/ or dist/; ≥ 20 MB/s.
 * Options: --mb N (throughput corpus size, default 50), --pipeline, --explain.
 */
import { parseArgs } from 'node:util';
import { lintSource } from '@secretlint/core';
import { redact } from '../src/pipeline/redact/index.ts';
import { PRESET_CONFIG } from '../src/pipeline/redact/secretlint.ts';
import { judge, loadSecretCases, type CaseResult } from '../test/helpers/secret-cases.ts';
import { leaksInSite } from '../test/helpers/secret-pipeline.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '50' }, pipeline: { type: 'boolean', default: false }, explain: { type: 'boolean', default: false } } });

const cases = loadSecretCases();
const results: CaseResult[] = [];
for (const secretCase of cases) results.push(judge(secretCase, (await redact(secretCase.text)).text));

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
const families = [...new Set(cases.map((c) => c.kind))].sort((a, b) => (a === 'lookalike' ? 1 : b === 'lookalike' ? -1 : a.localeCompare(b)));
console.log('family                    cases  passed   rate');
for (const family of families) {
  const rows = results.filter((r) => r.case.kind === family);
  const passed = rows.filter((r) => r.passed).length;
  console.log(`${family.padEnd(24)} ${String(rows.length).padStart(6)} ${String(passed).padStart(7)} ${pct(passed, rows.length).padStart(7)}`);
  if (values.explain) for (const r of rows.filter((x) => !x.passed)) console.log(`    ${r.case.id}: ${r.leaked.length ? `leaked ${JSON.stringify(r.leaked)}` : ''} ${r.lost.length ? `lost ${JSON.stringify(r.lost)}` : ''}`);
}
const secretCases = results.filter((r) => r.case.kind !== 'lookalike');
const lookalikes = results.filter((r) => r.case.kind === 'lookalike');
const secretValues = secretCases.flatMap((r) => r.case.secrets.map((s) => !r.leaked.includes(s)));
console.log('');
const allGone = secretCases.filter((r) => r.leaked.length === 0).length;
const removed = secretValues.filter(Boolean).length;
const wronglyRedacted = lookalikes.filter((r) => !r.passed).length;
console.log(`secret cases with every secret gone: ${allGone}/${secretCases.length} (${pct(allGone, secretCases.length)}); secret values removed ${removed}/${secretValues.length} (${pct(removed, secretValues.length)})`);
console.log(`context kept around secrets: ${secretCases.filter((r) => r.lost.length === 0).length}/${secretCases.length}`);
console.log(`look-alikes wrongly redacted: ${wronglyRedacted}/${lookalikes.length} (${pct(wronglyRedacted, lookalikes.length)})`);

// Throughput on ordinary notes: the inbox is mostly prose, commands and logs without secrets.
const SENTENCES = [
  'Root cause: a new endpoint opened a DB connection per request outside the shared pool.',
  'Недоступность базы данных: API возвращает 500 ошибки, логи показывают ошибки подключения к БД.',
  '배포 후 서버가 응답하지 않아 롤백했습니다. 데이터베이스 연결 풀이 고갈되었습니다.',
  'kubectl -n ledger rollout undo deploy/ledger-api && kubectl -n ledger rollout status deploy/ledger-api --timeout=5m',
  '- 14:02 UTC — config push `cfg-2026-04-14-03` reaches all regions; commit 9c41e07d2b5a8f36c0d1e4a7b2f9c8d3e6a1b504',
  '| SRCH-1207 | Completion check queries the target cluster and compares counts within 0.5 % | Lena Vogt | P1 |',
  'Write to oncall@example.com; the request id of the first failed checkout was 5b2e8f1c-3a7d-4e9b-9c6f-2d1a8e7b4c30.',
];
const target = Number(values.mb) * 1024 * 1024;
const notes: string[] = [];
let size = 0;
for (let i = 0; size < target; i++) {
  const note = Array.from({ length: 40 }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]!).join('\n');
  notes.push(note);
  size += Buffer.byteLength(note);
}
const started = performance.now();
for (const note of notes) await redact(note);
const seconds = (performance.now() - started) / 1000;
console.log(`throughput on ${(size / 1048576).toFixed(0)} MB of ordinary notes (${notes.length} notes): ${(size / 1048576 / seconds).toFixed(1)} MB/s (target ≥ 20)`);

// Side by side on the same tenth of the notes, alternating: all our rules, and secretlint's preset
// alone on whole notes (what it would cost without the candidate-line filter in secretlint.ts).
const sample = notes.filter((_, i) => i % 10 === 0);
const sampleMb = sample.reduce((n, note) => n + Buffer.byteLength(note), 0) / 1048576;
let ours = 0;
let presetAlone = 0;
for (const note of sample) {
  let t = performance.now();
  await redact(note);
  ours += performance.now() - t;
  t = performance.now();
  await lintSource({ source: { content: note, filePath: 'note.md', ext: '.md', contentType: 'text' }, options: { config: PRESET_CONFIG, noPhysicFilePath: true } });
  presetAlone += performance.now() - t;
}
const mbps = (ms: number) => sampleMb / (ms / 1000);
console.log(`side by side on ${sampleMb.toFixed(1)} MB: redact (every rule) ${mbps(ours).toFixed(1)} MB/s, secretlint's preset alone on whole notes ${mbps(presetAlone).toFixed(1)} MB/s; ratio ${(mbps(ours) / mbps(presetAlone)).toFixed(2)}×`);

if (values.pipeline) {
  const { leaks, missing, notes: written } = await leaksInSite(cases);
  console.log(`pipeline: ${written} notes ingested and built; secrets found in content/ or dist/: ${leaks.length}; notes that made no page: ${missing.length}`);
  for (const leak of leaks.slice(0, 30)) console.log(`    ${leak}`);
}
