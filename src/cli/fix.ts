#!/usr/bin/env node
/**
 * `npm run -s fix -- FILE…`: repairs the encoding of files without ingesting them, like ftfy's
 * command. Prints the repaired text; with --json one JSON object per file per line; with
 * --explain, what the badness rules found on each changed line.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { explainBadness } from '../pipeline/decode/badness.ts';
import { decode, DecodeError } from '../pipeline/decode/index.ts';

const HELP = `Usage: npm run -s fix -- [--json | --explain] FILE...

Detects the encoding of each FILE (UTF-8, UTF-16, cp1251, KOI8-R, cp866, Mac Cyrillic, ISO-8859-5,
cp1252) and repairs mojibake (UTF-8 that was read as Mac Roman, cp1252, Latin-1, cp1251, KOI8-R,
cp437…). Files are only read, never changed.

  --json      one JSON object per file: {file, text, encoding, repairs, confidence, changedLines}
  --explain   after the text, the badness rules that fired on each line that was repaired
  -h, --help  show this help
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  if (values.help || positionals.length === 0) {
    (values.help ? process.stdout : process.stderr).write(HELP);
    return values.help ? 0 : 2;
  }
  let failed = 0;
  for (const file of positionals) {
    try {
      const bytes = new Uint8Array(await readFile(file));
      const { text, provenance } = decode(bytes);
      if (values.json) {
        process.stdout.write(JSON.stringify({ file, text, encoding: provenance.detected, repairs: provenance.repairs, confidence: provenance.confidence, changedLines: provenance.changedLines }) + '\n');
        continue;
      }
      process.stdout.write(text);
      if (values.explain) {
        const original = new TextDecoder().decode(bytes).split(/\r?\n/);
        process.stderr.write(`\n${file}: read as ${provenance.detected}; ${provenance.repairs.join(', ') || 'no repair'}\n`);
        for (const line of provenance.changedLines) {
          const byRule = new Map<string, string[]>();
          for (const found of explainBadness(original[line - 1] ?? '')) byRule.set(found.rule, [...(byRule.get(found.rule) ?? []), found.match]);
          const summary = [...byRule].map(([rule, matches]) => `${rule} ×${matches.length} (e.g. "${matches[0]}")`);
          process.stderr.write(`  line ${line}: ${summary.join(', ')}\n`);
        }
      }
    } catch (error) {
      failed++;
      const reason = error instanceof DecodeError ? error.message : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      if (values.json) process.stdout.write(JSON.stringify({ file, error: reason }) + '\n');
      process.stderr.write(`fix: ${file}: ${reason}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
