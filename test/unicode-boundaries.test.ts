import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * JavaScript's `\b` knows only ASCII word characters, even with the `u` flag: `/инцидент\b/u`
 * never matches "инцидент:". Every `\b` in src/ must stand next to ASCII only; Cyrillic and
 * Hangul alternatives need `(?<![\p{L}\p{N}_])…(?![\p{L}\p{N}_])`.
 */
const SRC = new URL('../src/', import.meta.url).pathname;
const NON_ASCII_LETTER = /[\u0400-\u04FF\uAC00-\uD7A3\u1100-\u11FF]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(ts|astro|mjs)$/.test(name) ? [full] : [];
  });
}

/** The group a `\b` opens or closes, read from the pattern's text around it. */
function around(text: string, at: number): string {
  const after = text.slice(at + 2);
  let end = 0;
  if (after.startsWith('(')) {
    let depth = 0;
    for (; end < after.length && end < 400; end++) {
      if (after[end] === '(' && after[end - 1] !== '\\') depth++;
      if (after[end] === ')' && after[end - 1] !== '\\' && --depth === 0) break;
    }
  } else end = Math.min(after.search(/[|)\s/]|$/), 40);
  const before = text.slice(0, at);
  let start = before.length;
  if (before.endsWith(')')) {
    let depth = 0;
    for (start = before.length - 1; start >= 0 && before.length - start < 400; start--) {
      if (before[start] === ')' && before[start - 1] !== '\\') depth++;
      if (before[start] === '(' && before[start - 1] !== '\\' && --depth === 0) break;
    }
  } else start = Math.max(0, before.length - Math.min([...before].reverse().join('').search(/[|(\s/]|$/), 40));
  return before.slice(start) + after.slice(0, end + 1);
}

export function asciiBoundaryProblems(source: string): string[] {
  const problems: string[] = [];
  source.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(/\\b/g)) {
      const group = around(line, match.index);
      if (NON_ASCII_LETTER.test(group)) problems.push(`line ${index + 1}: \\b next to ${group.slice(0, 60)}`);
    }
  });
  return problems;
}

describe('Unicode-aware word boundaries', () => {
  it('finds the mistake it looks for', () => {
    expect(asciiBoundaryProblems(String.raw`const a = /(постмортем|инцидент)\b/iu;`)).toHaveLength(1);
    expect(asciiBoundaryProblems(String.raw`const b = /\b(root cause|причина)/iu;`)).toHaveLength(1);
    expect(asciiBoundaryProblems(String.raw`const c = /\b(root cause|impact)\b|(?<![\p{L}])(причина)(?![\p{L}])/iu;`)).toEqual([]);
  });

  it('no \\b in src/ stands next to a Cyrillic or Hangul alternative', () => {
    const problems = files(SRC).flatMap((file) => asciiBoundaryProblems(readFileSync(file, 'utf8')).map((p) => `${path.relative(SRC, file)} ${p}`));
    expect(problems).toEqual([]);
  });
});
