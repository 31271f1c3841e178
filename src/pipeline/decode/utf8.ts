/**
 * A forgiving UTF-8 decoder for bytes that were recovered from mojibake. It decodes what strict
 * UTF-8 decodes, plus three things that real mojibake needs:
 * - CESU-8 / Java "modified UTF-8": emoji written as two 3-byte surrogates, and C0 80 for NUL;
 * - a lost byte: where the mangling replaced a byte with U+FFFD, the sequence it belonged to
 *   comes back as U+FFFD instead of failing (`lostByte` marks those positions);
 * - a dropped lead byte: copy-paste loses Mac Roman's Apple logo (U+F8FF, byte 0xF0), so an
 *   emoji's 4-byte sequence arrives as its last three bytes (`üéØ` for 🎯) and gets its 0xF0 back.
 * Returns null when the bytes are not UTF-8 even so.
 */
export interface Utf8Options {
  /** Positions of bytes that stand for a character lost earlier (a U+FFFD in the text). */
  lostByte?: ReadonlySet<number>;
  /** Allow restoring an emoji's dropped 0xF0 lead byte. */
  restoreDroppedLead?: boolean;
  /** A `?` where a continuation byte belongs is a byte some converter could not map ("â€?"). */
  questionMarkLost?: boolean;
}

const NO_LOST_BYTES: ReadonlySet<number> = new Set();

const isCont = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;

export function decodeUtf8Sloppy(bytes: number[], options: Utf8Options = {}): string | null {
  const lost = options.lostByte ?? NO_LOST_BYTES;
  const questionMarkLost = options.questionMarkLost === true;
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (lost.has(i)) return null;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    let code = 0;
    if (b >= 0xc2 && b <= 0xdf) [need, min, code] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, code] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, code] = [3, 0x10000, b & 0x07];
    else if (b === 0xc0 && bytes[i + 1] === 0x80) {
      out += '\u0000';
      i += 2;
      continue;
    } else if (options.restoreDroppedLead && b === 0x9f && isCont(bytes[i + 1]) && isCont(bytes[i + 2]) && (i === 0 || !isCont(bytes[i - 1]))) {
      // 0xF0 0x9F …: the emoji planes (U+1F000–U+1FFFF); other 4-byte characters are too rare to guess.
      out += String.fromCodePoint(((b & 0x3f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f));
      i += 3;
      continue;
    } else return null;
    let anyLost = false;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      const isLost = lost.has(i + k) || (questionMarkLost && next === 0x3f);
      if (!isLost && !isCont(next)) return null;
      if (isLost) anyLost = true;
      else code = (code << 6) | (next! & 0x3f);
    }
    if (anyLost) {
      out += '\ufffd';
      i += need + 1;
      continue;
    }
    if (code < min || code > 0x10ffff) return null;
    if (code >= 0xd800 && code <= 0xdbff) {
      // CESU-8: a high surrogate must be followed by a 3-byte low surrogate.
      const next = i + 3;
      if (bytes[next] === 0xed && isCont(bytes[next + 1]) && isCont(bytes[next + 2])) {
        const low = ((bytes[next]! & 0x0f) << 12) | ((bytes[next + 1]! & 0x3f) << 6) | (bytes[next + 2]! & 0x3f);
        if (low >= 0xdc00 && low <= 0xdfff) {
          out += String.fromCodePoint(0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00));
          i += 6;
          continue;
        }
      }
      return null;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return null;
    out += String.fromCodePoint(code);
    i += need + 1;
  }
  return out;
}
