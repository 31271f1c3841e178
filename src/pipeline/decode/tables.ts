import iconv from 'iconv-lite';

/**
 * Exact two-way tables for the single-byte code pages that UTF-8 gets misread as.
 * iconv-lite decodes every byte correctly, but when encoding it writes `?` for characters it
 * cannot map and refuses a code page's undefined bytes; repair needs to know precisely which
 * characters a code page can give back, so we build our own 256-entry tables from its decoder.
 *
 * "Sloppy" tables (as ftfy calls them) fill a code page's undefined bytes with the Latin-1
 * character of the same number (0x81 → U+0081), because that is what many decoders produce.
 */
export interface CodePage {
  /** Name used in provenance, e.g. `mac_roman`. */
  name: string;
  /** byte → character. */
  decode: string[];
  /** character → byte, for every character of `decode` (plus historical aliases). */
  encode: Map<string, number>;
  /** UTF-16 code unit → byte + 1 (0: not in this code page); the fast form of `encode`. */
  encodeUnit: Uint16Array;
}

function build(name: string, iconvName: string, fixes: Record<number, string> = {}, aliases: Record<string, number> = {}): CodePage {
  const decode: string[] = [];
  for (let byte = 0; byte < 256; byte++) {
    let char = byte < 0x80 ? String.fromCharCode(byte) : iconv.decode(Buffer.of(byte), iconvName);
    if (char === '\ufffd') char = String.fromCharCode(byte);
    decode.push(fixes[byte] ?? char);
  }
  const encode = new Map<string, number>();
  decode.forEach((char, byte) => {
    if (!encode.has(char)) encode.set(char, byte);
  });
  for (const [char, byte] of Object.entries(aliases)) encode.set(char, byte);
  const encodeUnit = new Uint16Array(0x10000);
  for (const [char, byte] of encode) encodeUnit[char.charCodeAt(0)] = byte + 1;
  return { name, decode, encode, encodeUnit };
}

/**
 * The code pages we undo, in the order they are tried: the most common misreadings first, so
 * that when two readings both decode, the likelier one wins.
 */
export const CODE_PAGES: CodePage[] = [
  build('latin_1', 'latin1'),
  build('cp1252', 'windows-1252'),
  build('cp1251', 'windows-1251'),
  build('cp1250', 'windows-1250'),
  build('cp1253', 'windows-1253'),
  build('cp1254', 'windows-1254'),
  build('cp1257', 'windows-1257'),
  build('iso_8859_2', 'iso-8859-2'),
  // Mac OS Roman: 0xF0 is the Apple logo (a private-use character); 0xDB was ¤ before Mac OS 8.5
  // and € after it; 0xBD is Ω as the Greek letter in Apple's table (U+03A9) and as the ohm sign
  // (U+2126) in others, 0xC6 ∆ as increment or Greek delta, 0xB5 µ as micro or Greek mu.
  // All of these readings are found in the wild.
  build('mac_roman', 'macintosh', { 0xdb: '€', 0xf0: '\uf8ff', 0xbd: '\u03a9' }, { '¤': 0xdb, '\u2126': 0xbd, '\u0394': 0xc6, '\u03bc': 0xb5 }),
  build('koi8_r', 'koi8-r'),
  build('cp437', 'cp437'),
];

export const codePage = (name: string): CodePage => {
  const found = CODE_PAGES.find((c) => c.name === name);
  if (!found) throw new Error(`unknown code page ${name}`);
  return found;
};

/** Every character that some code page above shows for a byte ≥ 0x80: the alphabet of mojibake. */
export const HIGH_CHARS: ReadonlySet<string> = new Set(CODE_PAGES.flatMap((c) => c.decode.slice(0x80)));
