import { codePage } from './tables.ts';

/**
 * Russian from a Windows-1251 file that an editor read as Latin-1 (or Windows-1252) and saved
 * again: every Cyrillic letter became a Latin one with an accent, «Постмортем» → "Ïîñòìîðòåì".
 * No UTF-8 is involved, so the mojibake repair cannot see it. Its mark is words made only of
 * À–ÿ (and ¨ ¸, which were Ё ё): a French or German word mixes its accented letters with plain
 * ones. A line is re-read only when such words carry most of its letters.
 */
const CP1252 = codePage('cp1252');
const CP1251 = codePage('cp1251');
const ONLY_ACCENTED = /^[\u00c0-\u00ff\u00a8\u00b8]+$/u;

export function cp1251ReadAsLatin(line: string): string | undefined {
  const words = line.match(/[\p{L}\u00a8\u00b8]+/gu);
  if (!words) return undefined;
  const letters = words.reduce((n, w) => n + w.length, 0);
  const accented = words.filter((w) => w.length >= 3 && ONLY_ACCENTED.test(w));
  const accentedLetters = accented.reduce((n, w) => n + w.length, 0);
  if (accented.length < 2 || accentedLetters < 0.6 * letters) return undefined;
  let out = '';
  for (const char of line) {
    const byte = char.length === 1 ? CP1252.encodeUnit[char.charCodeAt(0)]! - 1 : -1;
    // A character Windows-1252 has no byte for was not written through it: not this mojibake.
    if (byte < 0) return undefined;
    out += byte < 0x80 ? char : CP1251.decode[byte]!;
  }
  return out;
}
