import { badness, mayBeBad, REPAIR_THRESHOLD } from './badness.ts';
import { CODE_PAGES, codePage, type CodePage } from './tables.ts';
import { cp1251ReadAsLatin } from './cyrillic.ts';
import { decodeUtf8Sloppy } from './utf8.ts';

/** Three accented Latin letters in a row: rare in any Latin language, in every word of this mojibake. */
const LATIN_ACCENTED = /[\u00c0-\u00ff]{3}/;

/**
 * Mojibake repair: finds text that is UTF-8 shown through the wrong code page and decodes it
 * again, line by line, so a note with one pasted mangled fragment is repaired there and left
 * alone elsewhere. A change is kept only when it lowers the badness score (badness.ts), so clean
 * text, including text that quotes mojibake on purpose, is never "fixed".
 */
export interface Repaired {
  text: string;
  /** What was undone, e.g. `utf-8 read as mac_roman`, in the order it was undone. */
  repairs: string[];
  /** 1 when nothing needed repair; lower when a repair had to guess (fragments, lost bytes). */
  confidence: number;
  /** 1-based numbers of the lines that changed. */
  changedLines: number[];
}

export interface LineRepair {
  text: string;
  steps: string[];
  guessed: boolean;
}

/** A byte stream from one code page, with the positions of characters that were lost (U+FFFD). */
interface Encoded {
  /** One byte per code point; -1 where the code page cannot encode the character. */
  bytes: number[];
  lost: Set<number>;
}

const MAX_LAYERS = 4;

/** Encodes code points with a code page; characters it cannot encode become -1 (barriers). */
function encodeChars(chars: string[], page: CodePage): Encoded {
  const bytes: number[] = new Array(chars.length);
  const lost = new Set<number>();
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index]!;
    const byte = char.length === 1 ? page.encodeUnit[char.charCodeAt(0)]! - 1 : -1;
    if (byte >= 0) bytes[index] = byte;
    else if (char === '\ufffd') {
      lost.add(index);
      bytes[index] = 0x1a;
    } else bytes[index] = -1;
  }
  return { bytes, lost };
}

const sequenceLength = (lead: number) => (lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0);
const isContinuation = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;
const isLetter = (char: string | undefined) => char !== undefined && /\p{L}/u.test(char);

/**
 * Editors turn the no-break space (byte 0xA0, a UTF-8 continuation byte for à, Š, Р, ภ…) into a
 * plain space. When a sequence ends in a space where 0xA0 belongs, this says whether the space
 * *was* that byte (replace it) or the byte was lost before a real space (insert 0xA0): "Ð Ñƒ" →
 * "Ру", but "voilÃ le" → "voilà le".
 */
function nbspRepair(bytes: number[], chars: string[], lead: number, space: number): 'replace' | 'insert' {
  if (bytes[space + 1] === 0x20) return 'replace';
  // "à" is a word of its own in French and Portuguese ("Ã perturber" → "à perturber"), but "às" is one too.
  if (bytes[lead] === 0xc3 && space === lead + 1 && !isLetter(chars[lead - 1])) {
    return /^s(?=\s|$|[.,;:!?])/u.test(chars.slice(space + 1, space + 3).join('')) ? 'replace' : 'insert';
  }
  const after = chars[space + 1];
  if (after !== undefined && after.charCodeAt(0) >= 0x80) return 'replace';
  return isLetter(chars[lead - 1]) ? 'insert' : 'replace';
}

const hasNbspAtA0 = (page: CodePage) => page.decode[0xa0] === '\u00a0';

/** Whole-line reading: every character is a byte and every byte is part of UTF-8. */
function wholeLine(chars: string[], page: CodePage): string | null {
  const { bytes: encoded, lost } = encodeChars(chars, page);
  if (encoded.includes(-1) || !encoded.some((b) => b >= 0x80)) return null;
  let bytes = encoded;
  if (hasNbspAtA0(page) && lost.size === 0) {
    bytes = [];
    for (let i = 0; i < encoded.length; i++) {
      const b = encoded[i]!;
      const length = sequenceLength(b);
      const space = i + length - 1;
      if (length > 0 && encoded[space] === 0x20 && encoded.slice(i + 1, space).every(isContinuation)) {
        bytes.push(...encoded.slice(i, space), 0xa0);
        if (nbspRepair(encoded, chars, i, space) === 'replace') i = space;
        else i = space - 1;
        continue;
      }
      bytes.push(b);
    }
  }
  return decodeUtf8Sloppy(bytes, { lostByte: lost, restoreDroppedLead: page.name === 'mac_roman', questionMarkLost: page.name === 'cp1252' || page.name === 'latin_1' });
}

/**
 * Fragment reading: decodes each run of bytes that forms valid UTF-8 and keeps every other
 * character as it was. For lines where mojibake sits next to text that was fine.
 */
function fragments(chars: string[], page: CodePage, keepQuotes: boolean): string | null {
  const { bytes, lost } = encodeChars(chars, page);
  if (keepQuotes) for (const index of quotedIndexes(chars)) bytes[index] = -1;
  const out: string[] = [];
  let changed = false;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length = sequenceLength(b);
    if (length === 0 && page.name === 'mac_roman' && b === 0x9f && !isContinuation(bytes[i - 1])) {
      length = 3; // an emoji whose 0xF0 lead byte was dropped (see utf8.ts)
    }
    if (length > 0 && i + length <= bytes.length) {
      const slice = bytes.slice(i, i + length);
      const space = i + length - 1;
      let advance = length;
      if (hasNbspAtA0(page) && slice[length - 1] === 0x20 && length > 1) {
        slice[length - 1] = 0xa0;
        if (nbspRepair(bytes, chars, i, space) === 'insert') advance = length - 1;
      }
      const sliceLost = new Set([...lost].filter((p) => p >= i && p < i + length).map((p) => p - i));
      const decoded = slice.includes(-1) ? null : decodeUtf8Sloppy(slice, { lostByte: sliceLost, restoreDroppedLead: page.name === 'mac_roman' });
      if (decoded !== null && [...decoded].length === 1) {
        out.push(decoded);
        changed = true;
        i += advance;
        continue;
      }
    }
    out.push(chars[i]!);
    i++;
  }
  return changed ? out.join('') : null;
}

/**
 * Characters inside a short quoted token (`"Ã©"`, `«â€œ»`, `` `Ã¨` ``): text that shows mojibake
 * on purpose quotes it, so the fragment reading leaves it alone.
 */
function quotedIndexes(chars: string[]): number[] {
  const indexes: number[] = [];
  const text = chars.join('');
  for (const match of text.matchAll(/["'`“‘«„]([^\s"'`”’»]{1,16})["'`”’»“]/gu)) {
    const start = Array.from(text.slice(0, match.index)).length + 1;
    const length = Array.from(match[1]!).length;
    for (let k = 0; k < length; k++) indexes.push(start + k);
  }
  return indexes;
}

const QUOTE_CHARS = /["'`“‘«„]/;

function withoutQuotedTokens(line: string): string {
  const chars = Array.from(line);
  for (const index of quotedIndexes(chars)) chars[index] = ' ';
  return chars.join('');
}

/**
 * Best single re-decoding of a line, if any is good enough. `lineScore` is computed only when
 * needed: a whole-line reading that comes out clean wins without it.
 */
function bestStep(line: string, lineScore: () => number, keepQuotes: boolean): { text: string; step: string; guessed: boolean; score: number } | null {
  const chars = Array.from(line);
  let best: { text: string; step: string; guessed: boolean; score: number } | null = null;
  for (const page of CODE_PAGES) {
    const text = wholeLine(chars, page);
    // A whole-line reading that decodes is strong evidence even when its score does not drop
    // (the middle layer of triple mojibake scores as badly as the outer one; repairLine checks
    // the end result), as long as it is shorter, as every real re-decoding is.
    if (text === null || text === line || text.length >= line.length) continue;
    const after = badness(text);
    if (!best || after < best.score) {
      best = { text, step: `utf-8 read as ${page.name}`, guessed: text.includes('\ufffd'), score: after };
      if (after === 0) return best; // nothing does better than clean
    }
  }
  if (best) return best;
  // A fragment reading decodes only parts of a line, so it must at least halve the score.
  const score = lineScore();
  for (const page of CODE_PAGES) {
    const text = fragments(chars, page, keepQuotes);
    if (text === null || text === line) continue;
    const after = badness(text);
    if (after <= score / 2 && (!best || after < best.score)) best = { text, step: `utf-8 read as ${page.name}`, guessed: true, score: after };
  }
  const c1 = fixC1Controls(line);
  if (c1 !== line) {
    const after = badness(c1);
    if (after < score && (!best || after < best.score)) best = { text: c1, step: 'cp1252 read as latin_1', guessed: false, score: after };
  }
  return best;
}

const CP1252 = codePage('cp1252');
const LATIN_1_C1 = /[\u0080-\u009f]/g;

/** C1 controls are cp1252 punctuation that was read as Latin-1 ("parlé\x85" → "parlé…"). */
function fixC1Controls(line: string): string {
  return line.replace(LATIN_1_C1, (c) => {
    const char = CP1252.decode[c.charCodeAt(0)]!;
    return char.charCodeAt(0) >= 0x80 && char.charCodeAt(0) <= 0x9f ? c : char;
  });
}

/** Repairs one line (no newline inside). */
export function repairLine(line: string): LineRepair {
  const repair = repairLayers(line, true);
  if (repair.steps.length === 0) return repair;
  // What is left once the quotes of its own words are set aside must still need a repair.
  if (mayQuoteItself(line, repair.text) && badness(withoutSelfQuotes(line), REPAIR_THRESHOLD) < REPAIR_THRESHOLD) return { text: line, steps: [], guessed: false };
  return repair;
}

/** Re-decodes a line layer by layer while it improves; `keepQuotes` leaves short quoted tokens alone. */
function repairLayers(line: string, keepQuotes: boolean): LineRepair {
  if (badness(line, REPAIR_THRESHOLD) < REPAIR_THRESHOLD) return { text: line, steps: [], guessed: false };
  // Mojibake inside quotes is shown on purpose ("Ã©" is what é looks like): if that is all
  // there is, the line stays as written.
  if (keepQuotes && QUOTE_CHARS.test(line) && badness(withoutQuotedTokens(line), REPAIR_THRESHOLD) < REPAIR_THRESHOLD) {
    return { text: line, steps: [], guessed: false };
  }
  let initialScore: number | undefined;
  const scoreOfLine = () => (initialScore ??= badness(line));
  let text = line;
  let score = Infinity;
  let lazyScore = scoreOfLine;
  const steps: string[] = [];
  let guessed = false;
  for (let layer = 0; layer < MAX_LAYERS && score >= REPAIR_THRESHOLD; layer++) {
    const step = bestStep(text, lazyScore, keepQuotes);
    if (!step) break;
    text = step.text;
    steps.push(step.step);
    guessed ||= step.guessed;
    score = step.score;
    lazyScore = () => score;
  }
  // The layers must have made the line better overall, or none of them is kept.
  if (steps.length > 0 && score > 0 && score >= scoreOfLine()) return { text: line, steps: [], guessed: false };
  return { text, steps, guessed };
}

// Split at plain spaces only: a no-break space can be the last byte of a broken character.
const TOKEN = /[^ \t]+/g;
const MAX_TOKENS = 80;
const MAX_RUN = 16;
/** Non-ASCII text that scores clean on its own: the correct form a quote sits beside. */
const isCleanNonAscii = (token: string) => /[^\x00-\x7f]/.test(token) && badness(token) === 0;
/** A clean word in a script beyond ASCII: a broken run never holds one (a lone box or dash may be part of it). */
const isCleanWord = (token: string) => /\p{L}/u.test(token) && isCleanNonAscii(token);
/** Quote marks and sentence punctuation around a run are not part of what it quotes. */
const EDGE_MARKS = /^[\s"'`“”‘’«»„.,;:!?()[\]]+|[\s"'`“”‘’«»„.,;:!?()[\]]+$/gu;

/** Letters for the quick test below: ASCII, and non-ASCII outside the punctuation, symbol and private-use blocks. */
const isWordCode = (code: number) =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code < 0x2000) || (code >= 0x3040 && code < 0xe000);

/** How often each punctuation mark, symbol or emoji occurs (box drawing and private use left out). */
function symbolCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x2000 || (code >= 0x2500 && code < 0x2600) || (code >= 0xe000 && code < 0xf900)) continue;
    const width = code >= 0xd800 && code < 0xdc00 ? 2 : 1; // an emoji is a surrogate pair
    const symbol = text.slice(i, i + width);
    counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    i += width - 1;
  }
  return counts;
}

/**
 * Cheap test before the search below (a plain scan: it runs on every repaired line): a line that
 * quotes its own words has a word beyond ASCII, or a run of symbols, that its repair writes again.
 * A line broken throughout has none: all its words change.
 */
function mayQuoteItself(line: string, repaired: string): boolean {
  let start = 0;
  let nonAscii = false;
  for (let i = 0; i <= line.length; i++) {
    const code = i < line.length ? line.charCodeAt(i) : 0x20;
    if (isWordCode(code)) {
      nonAscii ||= code > 0x7f;
      continue;
    }
    if (nonAscii && i - start >= 2 && repaired.includes(line.slice(start, i))) return true;
    start = i + 1;
    nonAscii = false;
  }
  // Quotes of symbols alone ("—", "🎯"): a symbol of the line that the repair writes more often.
  const inLine = symbolCounts(line);
  if (inLine.size === 0) return false;
  const inRepaired = symbolCounts(repaired);
  for (const [symbol, count] of inLine) if ((inRepaired.get(symbol) ?? 0) > count) return true;
  return false;
}

/**
 * The line with every broken run blanked that is a quote of words written elsewhere on it: a
 * sentence that explains a bad decode shows both forms ("«РџСЂРёРІРµС‚» instead of «Привет»").
 * Each run of tokens that starts with a suspect token is repaired on its own (a
 * whole-line reading could also bend the clean form); if what it becomes is written elsewhere on
 * the line, the run is a quote.
 */
function withoutSelfQuotes(line: string): string {
  const tokens = [...line.matchAll(TOKEN)];
  // A quote needs its clean form beside it: some non-ASCII token that looks fine.
  if (tokens.length > MAX_TOKENS || !tokens.some(([token]) => isCleanNonAscii(token))) return line;
  let out = line;
  for (let i = 0; i < tokens.length; i++) {
    if (!mayBeBad(tokens[i]![0])) continue;
    // A broken run holds no clean non-ASCII token; longest first, so a quote is set aside whole.
    let longest = 1;
    while (longest < MAX_RUN && i + longest < tokens.length && !isCleanWord(tokens[i + longest]![0])) longest++;
    for (let length = longest; length >= 1; length--) {
      const from = tokens[i]!.index;
      const last = tokens[i + length - 1]!;
      const to = last.index + last[0].length;
      const run = line.slice(from, to);
      const fixed = repairLayers(run, false).text.replace(EDGE_MARKS, '');
      if (!fixed || fixed === run.replace(EDGE_MARKS, '')) continue;
      if ((line.slice(0, from) + ' ' + line.slice(to)).includes(fixed)) {
        out = out.slice(0, from) + ' '.repeat(to - from) + out.slice(to);
        i += length - 1;
        break;
      }
    }
  }
  return out;
}

/** Repairs every line of a text; see `Repaired`. */
export function repairMojibake(input: string): Repaired {
  const lines = input.split('\n');
  const repairs: string[] = [];
  const changedLines: number[] = [];
  let guessed = 0;
  const out = lines.map((line, index) => {
    // Not UTF-8 at all: Windows-1251 Russian read as Latin-1 ("Ïîñòìîðòåì"). Tried first, as its
    // letters can also form stray UTF-8 sequences that a fragment repair would decode.
    const cyrillic = LATIN_ACCENTED.test(line) ? cp1251ReadAsLatin(line) : undefined;
    if (cyrillic) {
      changedLines.push(index + 1);
      if (!repairs.includes('cp1251 read as latin_1')) repairs.push('cp1251 read as latin_1');
      return cyrillic;
    }
    const result = repairLine(line);
    if (result.text !== line) {
      changedLines.push(index + 1);
      if (result.guessed) guessed++;
      for (const step of result.steps) if (!repairs.includes(step)) repairs.push(step);
    }
    return result.text;
  });
  const confidence = changedLines.length === 0 ? 1 : Math.max(0.5, 1 - (0.5 * guessed) / changedLines.length);
  return { text: out.join('\n'), repairs, confidence: Math.round(confidence * 100) / 100, changedLines };
}
