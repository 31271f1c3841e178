import iconv from 'iconv-lite';

/** The bytes are not text in any encoding we know (e.g. a binary file named `.txt`). */
export class DecodeError extends Error {
  override name = 'DecodeError';
}

export interface BytesAsText {
  text: string;
  /** Encoding name as iconv-lite spells it, e.g. `utf-8`, `utf-16le`, `windows-1251`. */
  encoding: string;
  confidence: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE). */
const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * UTF-16 without a BOM shows as a NUL in every other byte for ASCII-heavy text, and as a
 * repeated high byte (0x04 for Cyrillic) for Russian text. Returns the likely byte order.
 */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const sample = Math.min(bytes.length, 4096);
  const even = new Map<number, number>();
  const odd = new Map<number, number>();
  for (let i = 0; i + 1 < sample; i += 2) {
    even.set(bytes[i]!, (even.get(bytes[i]!) ?? 0) + 1);
    odd.set(bytes[i + 1]!, (odd.get(bytes[i + 1]!) ?? 0) + 1);
  }
  const pairs = sample / 2;
  const top = (m: Map<number, number>) => Math.max(...m.values()) / pairs;
  const zeros = (m: Map<number, number>) => (m.get(0) ?? 0) / pairs;
  // The high byte of each code unit is dominated by one or two values (0x00 and 0x04 for
  // mixed English and Russian); the low byte varies.
  const highIsOdd = zeros(odd) + (odd.get(0x04) ?? 0) / pairs > 0.6 && top(even) < 0.5;
  const highIsEven = zeros(even) + (even.get(0x04) ?? 0) / pairs > 0.6 && top(odd) < 0.5;
  if (highIsOdd && !highIsEven) return 'utf-16le';
  if (highIsEven && !highIsOdd) return 'utf-16be';
  return null;
}

/** Share of bytes that are control characters no text file contains. */
function controlShare(text: string): number {
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) bad++;
  }
  return text.length === 0 ? 0 : bad / text.length;
}

/** Refuses text that is mostly control characters: it came from a binary file. */
function assertText(text: string, encoding: string): void {
  if (controlShare(text) > 0.1) {
    throw new DecodeError(`not a text file: decoded as ${encoding}, over 10% of it is control characters or invalid bytes`);
  }
}

/**
 * Bytes → text: BOM first, then strict UTF-8, then UTF-16 without BOM, then legacy code pages.
 * The text comes back with NUL bytes removed and line endings untouched.
 */
export function bytesToText(bytes: Uint8Array): BytesAsText {
  for (const [bom, encoding] of BOMS) {
    if (startsWith(bytes, bom)) {
      const text = iconv.decode(Buffer.from(bytes.subarray(bom.length)), encoding);
      assertText(text, encoding);
      return { text, encoding, confidence: 1 };
    }
  }
  const utf16 = guessUtf16(bytes);
  if (utf16) {
    const text = iconv.decode(Buffer.from(bytes), utf16);
    if (controlShare(text) < 0.01) return { text, encoding: utf16, confidence: 0.9 };
  }
  try {
    const text = strictUtf8.decode(bytes);
    assertText(text, 'utf-8');
    return { text, encoding: 'utf-8', confidence: 1 };
  } catch (error) {
    if (error instanceof DecodeError) throw error;
  }
  return legacyCodePage(bytes);
}

/** Not UTF-8: the most common legacy encoding of our authors' notes is cp1251. */
function legacyCodePage(bytes: Uint8Array): BytesAsText {
  const text = iconv.decode(Buffer.from(bytes), 'windows-1251');
  assertText(text, 'windows-1251');
  return { text, encoding: 'windows-1251', confidence: 0.5 };
}
