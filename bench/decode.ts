/**
 * `npm run bench:decode`: throughput of the decode stage on ≥ 50 MB of clean text and of mojibake,
 * side by side with @photostructure/ftfy (a TypeScript port of Python's ftfy) on the same input in
 * the same run, plus how many mangled lines each repairs, and peak memory.
 *
 * Targets (issue 3): ≥ 50 MB/s on clean text, ≥ 5 MB/s on mojibake.
 * Options: --mb N (size of each corpus, default 50), --skip-ftfy.
 */
import { fix_encoding as fixEncoding } from '@photostructure/ftfy';
import iconv from 'iconv-lite';
import { parseArgs } from 'node:util';
import { decode } from '../src/pipeline/decode/index.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '50' }, 'skip-ftfy': { type: 'boolean', default: false } } });
const targetBytes = Number(values.mb) * 1024 * 1024;

const SENTENCES = [
  'Недоступность базы данных: API возвращает 500 ошибки, логи показывают ошибки подключения к БД.',
  'Root cause: a new endpoint opened a DB connection per request outside the shared pool.',
  '배포 후 서버가 응답하지 않아 롤백했습니다. 데이터베이스 연결 풀이 고갈되었습니다.',
  '🎯 Зачем сохранять логи перед деплоем? ✅ Чтобы сравнить как работало приложение ДО и ПОСЛЕ.',
  'docker-compose logs backend | tail -100 && psql -h $DB_HOST -c "SELECT 1;"',
  'Der Müller-Server war 45 Minuten lang nicht erreichbar — Café-Bestellungen schlugen fehl.',
];

/** Deterministic corpus: sentences in a fixed rotation until the size is reached. */
function corpus(mangle?: (line: string) => string): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const sentence = SENTENCES[i % SENTENCES.length]!;
    const line = mangle ? mangle(sentence) : sentence;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return lines.join('\n');
}

/** UTF-8 shown through Apple's Mac Roman table (0xF0 is the Apple logo, 0xDB the euro sign). */
const asMacRoman = (line: string) =>
  Array.from(Buffer.from(line, 'utf8'), (b) => (b === 0xf0 ? '\uf8ff' : b === 0xdb ? '€' : iconv.decode(Buffer.of(b), 'macintosh'))).join('');
const asCp1252 = (line: string) => Array.from(Buffer.from(line, 'utf8'), (b) => { const c = iconv.decode(Buffer.of(b), 'windows-1252'); return c === '\ufffd' ? String.fromCharCode(b) : c; }).join('');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

function time<T>(run: () => T): { result: T; seconds: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

interface Row { name: string; mb: number; ours: number; ftfy?: number; oursFixed?: string; ftfyFixed?: string }
const rows: Row[] = [];

for (const [name, mangle] of [['clean text', undefined], ['mojibake (Mac Roman)', asMacRoman], ['mojibake (cp1252)', asCp1252]] as const) {
  const text = corpus(mangle);
  const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
  const mb = bytes.length / 1048576;
  const ours = time(() => decode(bytes));
  const row: Row = { name, mb, ours: mb / ours.seconds };
  const expected = corpus().split('\n');
  const fixedShare = (out: string) => {
    const got = out.split('\n');
    return `${((100 * got.filter((l, i) => l === expected[i]).length) / got.length).toFixed(1)}%`;
  };
  row.oursFixed = fixedShare(ours.result.text);
  if (!values['skip-ftfy']) {
    // ftfy is given the text line by line, its best case for a file with mixed lines.
    const lines = text.split('\n');
    const ftfy = time(() => lines.map((l) => fixEncoding(l)).join('\n'));
    row.ftfy = mb / ftfy.seconds;
    row.ftfyFixed = fixedShare(ftfy.result);
  }
  rows.push(row);
}
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`decode benchmark: ${values.mb} MB per corpus, Node ${process.version}`);
console.log(pad('corpus', 24) + pad('size MB', 10) + pad('ours MB/s', 12) + pad('ftfy MB/s', 12) + pad('ratio', 9) + pad('lines right (ours)', 20) + 'lines right (ftfy)');
for (const r of rows) {
  console.log(
    pad(r.name, 24) + pad(r.mb.toFixed(1), 10) + pad(r.ours.toFixed(1), 12) + pad(r.ftfy?.toFixed(1) ?? '-', 12) +
      pad(r.ftfy ? `${(r.ours / r.ftfy).toFixed(1)}×` : '-', 9) + pad(r.oursFixed ?? '-', 20) + (r.ftfyFixed ?? '-'),
  );
}
console.log(`peak RSS: ${(peakRss / 1048576).toFixed(0)} MB`);
const clean = rows[0]!.ours;
const mojibake = Math.min(...rows.slice(1).map((r) => r.ours));
console.log(`targets: clean ≥ 50 MB/s: ${clean >= 50 ? 'met' : 'MISSED'} (${clean.toFixed(1)}); mojibake ≥ 5 MB/s: ${mojibake >= 5 ? 'met' : 'MISSED'} (${mojibake.toFixed(1)})`);
