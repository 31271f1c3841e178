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

/**
 * Share of characters that are controls no text file contains. NUL is left out: padding from a
 * truncated write or a sloppy export, it is stripped later; a binary file has plenty of others.
 */
function controlShare(text: string): number {
  let bad = 0;
  let nul = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) nul++;
    else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) bad++;
  }
  return text.length - nul === 0 ? (nul > 0 ? 1 : 0) : bad / (text.length - nul);
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

/** The legacy code pages we tell apart, as iconv-lite names them. */
export const LEGACY_ENCODINGS = ['windows-1251', 'koi8-r', 'cp866', 'maccyrillic', 'iso-8859-5', 'windows-1252', 'cp949'] as const;

/** Relative frequency of Russian letters in running text (per letter). */
const RUSSIAN_LETTER_FREQUENCY: Record<string, number> = {
  о: 0.1097, е: 0.0845, а: 0.0801, и: 0.0735, н: 0.067, т: 0.0626, с: 0.0547, р: 0.0473, в: 0.0454, л: 0.044,
  к: 0.0349, м: 0.0321, д: 0.0298, п: 0.0281, у: 0.0262, я: 0.0201, ы: 0.019, ь: 0.0174, г: 0.0170, з: 0.0165,
  б: 0.0159, ч: 0.0144, й: 0.0121, х: 0.0097, ж: 0.0094, ш: 0.0073, ю: 0.0064, ц: 0.0048, щ: 0.0036, э: 0.0032,
  ф: 0.0026, ъ: 0.0004, ё: 0.0004,
};

/** Letters that no Russian word starts with: a reading that puts them there is wrong. */
const NEVER_FIRST = new Set(['ь', 'ъ', 'ы']);
/** Punctuation a legacy-encoded note really contains beyond ASCII. */
const COMMON_HIGH_PUNCTUATION = new Set([...'«»—–“”„…№\u00a0’‘•°']);

const isAsciiLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
const isCyrillic = (c: string | undefined) => c !== undefined && /[\u0400-\u04ff]/.test(c);

/**
 * How much a decoding reads like Russian, Korean or Western European text: the mean log-likelihood of its
 * non-ASCII characters. Wrong code pages turn letters into box drawing and symbols, swap case
 * (KOI8-R read as cp1251), or put Cyrillic letters inside Latin words (cp1252 read as cp1251).
 */
export function languageScore(text: string): number {
  let total = 0;
  let count = 0;
  const chars = Array.from(text);
  chars.forEach((char, i) => {
    if (char.charCodeAt(0) < 0x80) return;
    count++;
    const lower = char.toLowerCase();
    const before = chars[i - 1];
    const after = chars[i + 1];
    const frequency = RUSSIAN_LETTER_FREQUENCY[lower];
    if (frequency !== undefined) {
      let score = Math.log(frequency);
      if (char !== lower && isCyrillic(before) && before === before!.toLowerCase()) score -= 3; // capital inside a word
      if (NEVER_FIRST.has(lower) && !/\p{L}/u.test(before ?? ' ')) score -= 4;
      if (isAsciiLetter(before) || isAsciiLetter(after)) score -= 6; // glued to a Latin word
      total += score;
    } else if (/\p{Script=Latin}/u.test(char)) {
      total += isCyrillic(before) || isCyrillic(after) ? -10 : isAsciiLetter(before) || isAsciiLetter(after) ? -1.5 : Math.log(0.01);
    } else if (/[\uac00-\ud7a3]/.test(char)) {
      // A Hangul syllable (Korean saved as CP949 / EUC-KR): as likely as a common letter. Other
      // code pages' bytes read as CP949 give Hanja and symbols instead, scored as rare below.
      total += -3.5;
    } else if (COMMON_HIGH_PUNCTUATION.has(char)) {
      total += /\p{L}/u.test(before ?? ' ') && /\p{L}/u.test(after ?? ' ') ? -8 : -4; // punctuation inside a word is a misreading
    } else {
      total += -12; // box drawing, rare symbols, non-Russian Cyrillic, control characters
    }
  });
  return count === 0 ? 0 : total / count;
}

/**
 * Not UTF-8: decode with each legacy code page and keep the reading that looks most like
 * language. Short texts are judged by every non-ASCII character they have, not a sample.
 */
function legacyCodePage(bytes: Uint8Array): BytesAsText {
  const buffer = Buffer.from(bytes);
  const readings = LEGACY_ENCODINGS.map((encoding) => {
    const text = iconv.decode(buffer, encoding);
    return { encoding: encoding as string, text, score: languageScore(text) };
  }).sort((a, b) => b.score - a.score);
  const [best, second] = readings;
  assertText(best!.text, best!.encoding);
  // Confidence grows with the margin over the runner-up (in mean log-likelihood per character).
  const margin = best!.score - second!.score;
  const confidence = Math.round(Math.min(0.95, 0.5 + margin / 8) * 100) / 100;
  return { text: best!.text, encoding: best!.encoding, confidence };
}
