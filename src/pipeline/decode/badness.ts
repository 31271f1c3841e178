import { CODE_PAGES, codePage, HIGH_CHARS } from './tables.ts';

/**
 * Badness: how much a text looks like mojibake. Each rule is a named pattern with a weight and
 * a reason; the score is the weighted count of matches. Repair accepts a re-decoding only when
 * it lowers the score, so clean text, which scores 0, is never touched.
 *
 * The rules describe what UTF-8 looks like when its bytes are shown one by one in a single-byte
 * code page: a lead byte (Ã, Ð, Р, –, â…) glued to continuation bytes, which those code pages
 * show as symbols (© ° ‡ µ ™ …), box drawing, or letters of odd scripts. Real writing puts such
 * symbols at the edges of words, not inside them.
 */
export interface BadnessRule {
  name: string;
  weight: number;
  why: string;
  pattern: RegExp;
}

const charClass = (chars: Iterable<string>) =>
  [...new Set(chars)].map((c) => (/[\\\]^\-[]/.test(c) ? `\\${c}` : c)).join('');

/** Symbols (not letters, digits or spaces) that a code page shows for bytes 0x80–0xFF. */
const HIGH_SYMBOLS = [...HIGH_CHARS].filter((c) => !/[\p{L}\p{Nd}\s]/u.test(c) && !/[\u0080-\u009f]/.test(c));
/**
 * Symbols that count when glued inside a word. Apostrophes and currency signs sit inside words
 * in real writing (don’t, 5£); ¬ is a kaomoji nose ("o¬ô"); box drawing has its own rule.
 */
const INWORD_SYMBOLS_LIST = HIGH_SYMBOLS.filter((c) => !/[’'£¥¢$€¤·¬\u2500-\u259f]/.test(c)).concat('\ufffd');
const INWORD_SYMBOLS = charClass(INWORD_SYMBOLS_LIST);
const SYMBOLS = charClass(HIGH_SYMBOLS.concat('\ufffd'));
/** Characters people almost never type, but code pages show for UTF-8 continuation bytes. */
const RARE = '¦¨¯¸¹ƒˆˇ˘˙˚˛˜˝†‡‰◊∂∏∑∫Ω‹›ſ\uf8ff';
/** Punctuation that closes a word or sentence: fine in a pile at a word's end ("Brontë…”"). */
const CLOSERS = '…”’»›™®©°´';
/** What Mac Roman shows for the bytes 0x80–0xBF. */
const MAC_ROMAN_CONTINUATION = codePage('mac_roman').decode.slice(0x80, 0xc0);
const UPPER_ACCENTED = 'À-ÖØ-ÞĂĄĆČĎĐĘĚĞİĹĽŁŃŇŐŒŘŚŞŠŢŤŮŰŸŹŻŽ';
const UPPER_ACCENTED_CHARS = [...'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞĂĄĆČĎĐĘĚĞİĹĽŁŃŇŐŒŘŚŞŠŢŤŮŰŸŹŻŽ'];
/** Cyrillic letters outside Russian: in a cp1251 reading they are continuation bytes. */
const NON_RUSSIAN_CYRILLIC = 'ЂЃЉЊЋЌЏђѓљњћќџЎўЈҐЄЇІіґєїјЅѕ';
/** The same without Ukrainian and Belarusian letters, which follow Г and В in real words ("ВІКІ"). */
const SERBIAN_CYRILLIC = 'ЂЃЉЊЋЌЏђѓљњћќџЈјЅѕ';

/**
 * The shapes of UTF-8 sequences seen through one code page: a lead character followed by exactly
 * as many continuation characters as that lead announces. Two-byte shapes are weak evidence (an
 * accented letter before a symbol is common in real text), three- and four-byte shapes strong
 * (emoji, CJK, Hangul, dashes and quotes). `exclude2` lists continuations that clean text puts
 * after a lead (Russian "Рё" in cp1251); `followers`, continuations that may close a word.
 */
interface ShapeOptions {
  exclude2?: string;
  skipLeads2?: string;
  /** A three-byte shape whose two continuations are both of these is a word's end ("Brontë…”"). */
  followers?: string;
}

function utf8Shapes(pageName: string, options: ShapeOptions = {}): { two: RegExp; long: RegExp } {
  const page = codePage(pageName);
  const contChars = page.decode.slice(0x80, 0xc0);
  const contAll = charClass(contChars);
  const cont2 = charClass(contChars.filter((c) => !(options.exclude2 ?? '').includes(c)));
  const lead2 = charClass(page.decode.slice(0xc2, 0xe0).filter((c) => !(options.skipLeads2 ?? '').includes(c)));
  const lead3 = charClass(page.decode.slice(0xe0, 0xf0));
  const lead4 = charClass(page.decode.slice(0xf0, 0xf5));
  const followers = options.followers ? `(?![${charClass(options.followers)}]{2})` : '';
  return {
    two: new RegExp(`[${lead2}][${cont2}](?![${contAll}])`, 'gu'),
    long: new RegExp(`[${lead3}]${followers}[${contAll}]{2}|[${lead4}][${contAll}]{3}`, 'gu'),
  };
}

function shapeRules(pageName: string, example: string, options: ShapeOptions = {}): BadnessRule[] {
  const { two, long } = utf8Shapes(pageName, options);
  return [
    { name: `utf8-shape-${pageName}`, weight: 1, why: `a 3- or 4-byte UTF-8 sequence shown in ${pageName} (${example})`, pattern: long },
    { name: `utf8-shape2-${pageName}`, weight: 0.5, why: `a 2-byte UTF-8 sequence shown in ${pageName}: weak alone, telling in numbers`, pattern: two },
  ];
}

/** Punctuation that follows an accented capital in real text ("SÓ…", "NESTLÉ®", "É¿"). */
const LATIN_FOLLOWERS = '…’”™®©°´¿¡—–»¨£\u00a0';

export const BADNESS_RULES: BadnessRule[] = [
  {
    name: 'c1-control',
    weight: 2,
    why: 'C1 control characters (U+0080–U+009F) are what Latin-1 shows for cp1252 punctuation and UTF-8 continuation bytes; no one types them',
    pattern: /[\u0080-\u009f]/gu,
  },
  {
    name: 'symbol-inside-word',
    weight: 1,
    why: 'a code-page symbol with a letter on one side and a letter or symbol on the other: "r√©gime", "–ó–∞", "Ð°"',
    pattern: new RegExp(`(?<=\\p{L})[${INWORD_SYMBOLS}](?=[${SYMBOLS}]*\\p{L})|(?<=[${SYMBOLS}])[${INWORD_SYMBOLS}](?=\\p{L})`, 'gu'),
  },
  {
    name: 'symbol-pair-after-letter',
    weight: 1,
    why: 'two code-page symbols glued to the end of a word, the first not a closing mark: "Zam√≤" is Zamò in Mac Roman',
    pattern: new RegExp(`(?<=\\p{L})[${charClass([...INWORD_SYMBOLS_LIST].filter((c) => !CLOSERS.includes(c)))}](?=[${SYMBOLS}])`, 'gu'),
  },
  {
    name: 'utf8-lead-then-symbol',
    weight: 1,
    why: 'Â, Ã, Î, Ð, Ì, ×, ï and â start most UTF-8 sequences read as Latin-1/cp1252; followed by a symbol they are almost surely mojibake ("Ã©", "â€œ", "Â°")',
    pattern: /×[\u0090-\u009f‘’“”•–—˜™š›œžŸ](?=×)|ï[¿»]|[ÂÃÎÐÌ][\u00a0\u0080-\u009f€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘“”•–—˜™š›œžŸ¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿]|â[€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u0080-\u009f]/gu,
  },
  {
    name: 'mac-roman-emoji',
    weight: 1,
    why: 'an emoji in UTF-8 (F0 9F xx xx) read as Mac Roman is the Apple logo, "ü" and two more characters, standing alone like an emoji does ("üìã", or "üéØ" when copy-paste dropped the logo)',
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])\\uf8ff?ü[${charClass(MAC_ROMAN_CONTINUATION)}]{2}(?![\\p{L}\\p{N}])`, 'gu'),
  },
  ...shapeRules('cp1252', '"ìž¥ì•" is 장애, "â€”" is —', { exclude2: LATIN_FOLLOWERS, followers: LATIN_FOLLOWERS }),
  // Two-byte cp1251 shapes are left to the cp1251 rule above, which knows Ukrainian ("ВІКІ").
  {
    name: 'utf8-shape-cp1251',
    weight: 1,
    why: 'a 3- or 4-byte UTF-8 sequence shown in cp1251 ("рџЋЇ" is 🎯, "вЂ”" is —)',
    pattern: utf8Shapes('cp1251').long,
  },
  ...shapeRules('koi8_r', '"П÷ ─" is 🚀; a letter before ё is Russian, so ё does not count', { exclude2: 'ёЁ' }),
  ...shapeRules('mac_roman', '"‚Äî" is —; quotes and dashes before an accented letter ("«École", "l’été") are left out', {
    skipLeads2: '«»“”‘’–—…\u00a0',
  }),
  ...shapeRules('cp437', '"Γ¥ñ" is ❤, "┬╗" is », "├╝" is ü'),
  {
    name: 'private-use',
    weight: 2,
    why: 'private-use characters (other than the Apple logo, which rule mac-roman-emoji reads) are what a wrong decoding of three bytes produces',
    pattern: /[\ue000-\uf8fe]/gu,
  },
  {
    name: 'rare-symbol',
    weight: 1,
    why: 'symbols like ˆ † ‰ ◊ ∂ are rarely typed, and with text on both sides they are continuation bytes shown in cp1252 or Mac Roman (at a word edge, ¨ is a Greek quotation mark)',
    pattern: new RegExp(`(?<=\\S)[${RARE}](?=\\S)`, 'gu'),
  },
  {
    name: 'accented-capital-after-lowercase',
    weight: 1,
    why: 'a lowercase letter followed by an accented capital ("rÃ", "lÃ") is how cp1252 shows UTF-8 inside a word',
    pattern: new RegExp(`(?<=\\p{Ll})[${UPPER_ACCENTED}]`, 'gu'),
  },
  {
    name: 'cp1251-utf8-lead',
    weight: 1,
    why: 'UTF-8 Cyrillic read as cp1251 turns every letter into Р or С plus a symbol or a non-Russian letter ("Р°", "Сџ"), Latin accents into Г plus one ("Гј" is ü), and E2 80 into "вЂ"',
    pattern: new RegExp(
      `[РС][\\u00a0${charClass(HIGH_SYMBOLS)}${NON_RUSSIAN_CYRILLIC}]|Г[\\u00a0${charClass(HIGH_SYMBOLS)}${SERBIAN_CYRILLIC}]|В[\\u00a0${charClass(HIGH_SYMBOLS)}]|вЂ`,
      'gu',
    ),
  },
  {
    name: 'box-drawing-in-word',
    weight: 1,
    why: 'box drawing glued to a non-ASCII letter is UTF-8 read as cp437 or KOI8-R ("╨┐╤Ç", "п─п╟"); next to ASCII it is line art',
    pattern: /(?<=[^\P{L}a-zA-Z])[\u2500-\u259f]|[\u2500-\u259f](?=[^\P{L}a-zA-Z])/gu,
  },
  {
    name: 'script-mix-in-word',
    weight: 0.5,
    why: 'letters of two scripts glued together ("aд", "ǎ中") are more often a wrong decoding than a real word (Greek is left out: science writes "IL2Rγc")',
    pattern: /(?<=\p{Script=Latin})[\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hangul}\p{Script=Armenian}\p{Script=Hebrew}\p{Script=Arabic}]|(?<=[\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hangul}\p{Script=Armenian}\p{Script=Hebrew}\p{Script=Arabic}])\p{Script=Latin}/gu,
  },
];

/**
 * Quick filter, so clean text costs one pass over its characters. It returns true for every text
 * on which some rule above can match: each rule needs a character that no clean text has (C1
 * controls, private use, U+FFFD, rare symbols), a UTF-8 lead shown by some code page followed by a
 * continuation (or by a space where a no-break space was lost), Mac Roman's "ü" starting an emoji,
 * a code-page symbol or box drawing next to a letter, an accented capital after a lowercase
 * letter, or a letter of another script glued to a Latin one.
 */
const LEAD = 1;
const CONT = 2;
const ALWAYS = 4;
const LEAD_BEFORE_SPACE = 8;
const SYMBOL = 16;
const UPPER_ACCENTED_FLAG = 32;
const FOREIGN_SCRIPT = 64;
const BOX = 128;
const flags = new Uint8Array(0x10000);
/** Character classes of the BMP: 1 letter, 2 lowercase letter, 4 Latin letter. */
const letterClass = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  if (code >= 0xd800 && code <= 0xdfff) continue;
  const char = String.fromCharCode(code);
  if (/\p{L}/u.test(char)) letterClass[code] = 1 | (/\p{Ll}/u.test(char) ? 2 : 0) | (/\p{Script=Latin}/u.test(char) ? 4 : 0);
  if (/[\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hangul}\p{Script=Armenian}\p{Script=Hebrew}\p{Script=Arabic}]/u.test(char)) flags[code]! |= FOREIGN_SCRIPT;
}
for (const page of CODE_PAGES) {
  page.decode.forEach((char, byte) => {
    const code = char.charCodeAt(0);
    if (byte >= 0xc2 && byte <= 0xf4) flags[code]! |= LEAD;
    if (byte >= 0x80 && byte <= 0xbf) flags[code]! |= CONT;
  });
}
for (let code = 0x80; code <= 0x9f; code++) flags[code]! |= ALWAYS;
for (let code = 0xe000; code <= 0xf8ff; code++) flags[code]! |= ALWAYS;
for (const char of RARE + '\ufffd') flags[char.charCodeAt(0)]! |= ALWAYS;
for (const char of 'ÂÃВГÅÐ') flags[char.charCodeAt(0)]! |= LEAD_BEFORE_SPACE;
for (const char of HIGH_SYMBOLS) flags[char.charCodeAt(0)]! |= SYMBOL;
for (const char of UPPER_ACCENTED_CHARS) flags[char.charCodeAt(0)]! |= UPPER_ACCENTED_FLAG;
for (let code = 0x2500; code <= 0x259f; code++) flags[code]! |= BOX;

const isLetterCode = (code: number) => code < 0x10000 && (letterClass[code]! & 1) === 1;

export function mayBeBad(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const f = flags[code]!;
    if (f === 0) continue;
    if (f & ALWAYS) return true;
    const next = text.charCodeAt(i + 1);
    const previous = i > 0 ? text.charCodeAt(i - 1) : 0x20;
    if (f & LEAD && next >= 0x80 && flags[next]! & CONT) return true;
    if (f & LEAD_BEFORE_SPACE && next === 0x20) return true;
    if (code === 0xfc /* ü */ && next >= 0x80 && flags[next]! & CONT) return true;
    if (f & SYMBOL && (isLetterCode(previous) || isLetterCode(next))) return true;
    if (f & UPPER_ACCENTED_FLAG && (letterClass[previous]! & 2) === 2) return true;
    if (f & BOX && ((previous >= 0x80 && isLetterCode(previous)) || (next >= 0x80 && isLetterCode(next)))) return true;
    if (f & FOREIGN_SCRIPT && ((letterClass[previous]! & 4) === 4 || (next < 0x10000 && (letterClass[next]! & 4) === 4))) return true;
  }
  return false;
}

/** Below this score a text is not worth a repair attempt (one script mix alone is not mojibake). */
export const REPAIR_THRESHOLD = 1;

/**
 * The weighted count of rule matches; 0 for clean text. Counting stops once the score reaches
 * `atLeast`, for callers that only need to know whether a text is bad enough.
 */
export function badness(text: string, atLeast = Infinity): number {
  if (!mayBeBad(text)) return 0;
  let score = 0;
  for (const rule of BADNESS_RULES) {
    rule.pattern.lastIndex = 0;
    while (rule.pattern.exec(text)) {
      score += rule.weight;
      if (score >= atLeast) return score;
    }
  }
  return score;
}

/** Which rules fire on a text and where: for `npm run fix -- --explain` and for tests. */
export function explainBadness(text: string): Array<{ rule: string; index: number; match: string }> {
  const found: Array<{ rule: string; index: number; match: string }> = [];
  for (const rule of BADNESS_RULES) {
    for (const match of text.matchAll(new RegExp(rule.pattern.source, rule.pattern.flags))) {
      found.push({ rule: rule.name, index: match.index, match: match[0] });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
