import fc from 'fast-check';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode } from '../src/pipeline/decode/index.ts';
import { badness, explainBadness } from '../src/pipeline/decode/badness.ts';
import { repairLine, repairMojibake } from '../src/pipeline/decode/repair.ts';

const SEEDS = new URL('../../shared/seeds/', import.meta.url);
const FIXTURES = new URL('./fixtures/seeds/', import.meta.url);
const FTFY = new URL('../../shared/bench/ftfy-cases/', import.meta.url);

describe('seeds 002 and 003: UTF-8 Russian read as Mac Roman', () => {
  for (const name of ['002_2fbae3e64fae2845', '003_a66d0145ec56ad7f']) {
    it(`${name} decodes to the text Python's mac_roman codec gives, every line`, () => {
      const result = decode(readFileSync(new URL(`${name}.txt`, SEEDS)));
      const expected = readFileSync(new URL(`${name}.expected.txt`, FIXTURES), 'utf8');
      const got = result.text.split('\n');
      const want = expected.split('\n');
      expect(got.length).toBe(want.length);
      const wrong = got.map((line, i) => (line === want[i] ? null : i + 1)).filter((n) => n !== null);
      expect(wrong).toEqual([]);
      expect(result.provenance.repairs).toEqual(['utf-8 read as mac_roman']);
      expect(result.provenance.changedLines.length).toBeGreaterThan(100);
      for (const emoji of ['🎯', '🔍', '📊', '✅', '🎉']) {
        if (expected.includes(emoji)) expect(result.text).toContain(emoji);
      }
    });
  }

  it('restores an emoji whose Apple-logo lead byte was lost in copy-paste ("üéØ")', () => {
    expect(repairLine('üéØ –ó–∞—á–µ–º').text).toBe('🎯 Зачем');
    expect(repairLine('\uf8ffüéØ –ó–∞—á–µ–º').text).toBe('🎯 Зачем');
  });
});

describe('clean seeds stay untouched', () => {
  for (const name of ['000_7ab448249b043be4', '001_02effc8245830ce7', '004_cdf916e43205be19']) {
    it(name, () => {
      const bytes = readFileSync(new URL(`${name}.txt`, SEEDS));
      const result = decode(bytes);
      expect(result.text).toBe(bytes.toString('utf8'));
      expect(result.provenance).toMatchObject({ detected: 'utf-8', repairs: [], changedLines: [], confidence: 1 });
    });
  }
});

interface FtfyCase {
  label: string;
  original: string;
  fixed: string;
  'fixed-encoding'?: string;
  expect: 'pass' | 'fail';
}

/**
 * ftfy's own cases. In scope: every case whose expected `fix_encoding` output differs from its
 * input only by encoding repair. Out of scope, and why:
 * - `expect: fail` cases: ftfy's own known failures; we report how many we fix but do not require them;
 * - none else: cases with only a `fixed` field are compared to it, since for those ftfy's
 *   `fix_text` and `fix_encoding` agree.
 */
function loadCases(file: string): FtfyCase[] {
  return JSON.parse(readFileSync(new URL(file, FTFY), 'utf8')) as FtfyCase[];
}

const repairText = (text: string) => repairMojibake(text).text;

describe("ftfy's test suite", () => {
  const files = ['in-the-wild.json', 'synthetic.json', 'negative.json', 'language-names.json'];
  const results: Record<string, { pass: number; total: number; failing: string[] }> = {};
  for (const file of files) {
    const cases = loadCases(file).filter((c) => c.expect === 'pass');
    results[file] = { pass: 0, total: cases.length, failing: [] };
    for (const testCase of cases) {
      const expected = testCase['fixed-encoding'] ?? testCase.fixed;
      if (repairText(testCase.original) === expected) results[file]!.pass++;
      else results[file]!.failing.push(testCase.label);
    }
  }

  it('passes at least 95% of the in-scope cases, and reports the rate per file', () => {
    const pass = Object.values(results).reduce((n, r) => n + r.pass, 0);
    const total = Object.values(results).reduce((n, r) => n + r.total, 0);
    const lines = Object.entries(results).map(([file, r]) => `  ${file}: ${r.pass}/${r.total}${r.failing.length ? ` (failing: ${r.failing.join('; ')})` : ''}`);
    console.log(`ftfy suite: ${pass}/${total} = ${((100 * pass) / total).toFixed(1)}%\n${lines.join('\n')}`);
    expect(pass / total).toBeGreaterThanOrEqual(0.95);
  });

  it('gives every negative case its expected output (unchanged, or only C1 controls fixed), but the one ftfy calls "sort of negative"', () => {
    const wrong = loadCases('negative.json')
      .filter((c) => c.expect === 'pass' && !c.label.startsWith('Sort of negative'))
      .filter((c) => repairText(c.original) !== (c['fixed-encoding'] ?? c.fixed))
      .map((c) => c.label);
    expect(wrong).toEqual([]);
  });
});

/** What a program that read UTF-8 bytes with the wrong code page would have shown. */
function mangle(text: string, codePage: string): string {
  const bytes = Buffer.from(text, 'utf8');
  // Byte by byte, so a code page's undefined bytes show as the Latin-1 character, as most tools
  // do; Mac Roman as Apple's own table has it (0xF0 the Apple logo, 0xDB the euro sign).
  let out = '';
  for (const byte of bytes) {
    if (codePage === 'macintosh' && (byte === 0xf0 || byte === 0xdb)) {
      out += byte === 0xf0 ? '\uf8ff' : '€';
      continue;
    }
    const char = iconv.decode(Buffer.of(byte), codePage);
    out += char === '\ufffd' ? String.fromCharCode(byte) : char;
  }
  return out;
}

const WORDS = {
  cyrillic: ['база', 'данных', 'недоступна', 'Перезапуск', 'сервера', 'ошибка', 'откат', 'деплой', 'Эскалация', 'щука', 'ёлка', 'Юля', 'съезд', 'подъём', 'восстановление', 'журнал'],
  latin: ['database', 'outage', 'rollback', 'connection', 'pool', 'café', 'Müller', 'crème', 'brûlée', 'façade', 'naïve', 'Ångström', 'jalapeño', 'über', 'Zoë'],
  hangul: ['서버', '데이터베이스', '장애', '복구', '배포', '롤백'],
  emoji: ['🎯', '🔍', '📊', '✅', '🎉', '🚀', '⚠️', '❤', '👍'],
  punctuation: ['—', '«', '»', '“', '”', '…', '–', '№'],
};
const word = fc.oneof(...Object.values(WORDS).map((pool) => fc.constantFrom(...pool)), fc.constantFrom('API', '14:02', 'HTTP 500', 'ok', '5xx', '$DB_HOST'));
const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));
/**
 * Sentences with at least two non-ASCII characters. A single two-byte character mangled on a line
 * of its own ("»" shown as "¬ª") is indistinguishable from the kaomoji and math that ftfy's
 * negative cases protect ("¬´", "∆°"), and is left alone on purpose.
 */
const nonAsciiSentence = sentence.filter((s) => Array.from(s).filter((c) => c.charCodeAt(0) > 0x7f).length >= 2);

describe('property: repair undoes each supported mangling and never touches clean text', () => {
  it('repair(t) = t for clean text in Cyrillic, Latin, Hangul and emoji', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        expect(repairText(text)).toBe(text);
      }),
      { numRuns: 2000, seed: 1 },
    );
  });

  const MANGLINGS: Array<[string, string, (t: string) => boolean]> = [
    ['mac_roman', 'macintosh', () => true],
    ['cp1252', 'windows-1252', () => true],
    ['latin_1', 'latin1', () => true],
    ['cp1251', 'windows-1251', () => true],
    ['koi8_r', 'koi8-r', () => true],
    ['cp437', 'cp437', () => true],
  ];
  for (const [name, codePage] of MANGLINGS) {
    it(`repair(mangle(t)) = t for UTF-8 read as ${name}`, () => {
      fc.assert(
        fc.property(nonAsciiSentence, (text) => {
          const mangled = mangle(text, codePage);
          expect(repairText(mangled), `mangled: ${JSON.stringify(mangled)} ${JSON.stringify(explainBadness(mangled))}`).toBe(text);
        }),
        { numRuns: 300, seed: 2 },
      );
    });
  }

  // A sentence that explains a bad decode quotes the broken form beside the correct one: it is
  // clean text and must stay byte for byte as written, whichever code page it shows.
  it('repair(t) = t for a sentence that quotes a mangled and a clean form of the same words', () => {
    const frames: Array<(broken: string, clean: string) => string> = [
      (broken, clean) => `If you see "${broken}" instead of "${clean}", the file was read in the wrong encoding.`,
      (broken, clean) => `Вместо «${clean}» в логе было «${broken}».`,
      (broken, clean) => `${broken} — so the export showed ${clean}.`,
    ];
    fc.assert(
      // Words beyond ASCII: a quote of symbols and emoji alone ("✅ ❤") is not told apart from mojibake in every code page.
      fc.property(nonAsciiSentence.filter((s) => /[^\x00-\x7f]/u.test(s.replace(/[^\p{L}]/gu, ''))), fc.constantFrom(...MANGLINGS.map(([, page]) => page)), fc.constantFrom(...frames), (text, codePage, frame) => {
        const line = frame(mangle(text, codePage), text);
        expect(repairText(line), line).toBe(line);
      }),
      { numRuns: 600, seed: 3 },
    );
  });

  it('undoes two layers (UTF-8 read as cp1252, then that read as cp1252 again)', () => {
    fc.assert(
      fc.property(nonAsciiSentence, (text) => {
        expect(repairText(mangle(mangle(text, 'windows-1252'), 'windows-1252'))).toBe(text);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('repairs only the mangled lines of a text that mixes clean and mangled lines', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nonAsciiSentence, fc.boolean()), { minLength: 2, maxLength: 8 }), (lines) => {
        const input = lines.map(([t, bad]) => (bad ? mangle(t, 'macintosh') : t)).join('\n');
        const result = repairMojibake(input);
        expect(result.text).toBe(lines.map(([t]) => t).join('\n'));
      }),
      { numRuns: 200, seed: 4 },
    );
  });
});

describe('badness', () => {
  it('scores clean text 0 and explains what it finds in mojibake', () => {
    expect(badness('Недоступность базы данных — что делать?')).toBe(0);
    expect(badness('"Ã©" is what é looks like')).toBeGreaterThan(0);
    expect(explainBadness('r√©gime').map((f) => f.rule)).toContain('symbol-inside-word');
  });

  it('leaves text that quotes mojibake on purpose', () => {
    for (const text of ['"Ã©" is what é looks like in latin-1', 'The sequence "â€œ" is a mangled quote', 'Seen as `–ó–∞` in the log']) {
      expect(repairText(text)).toBe(text);
    }
    // The same mojibake unquoted is repaired.
    expect(repairText('The sequence â€œ is a mangled quote')).toBe('The sequence “ is a mangled quote');
  });
});

describe('legacy code pages', () => {
  const RUSSIAN = '# Ранбук: переполнение очереди\n\nЕсли очередь не уменьшается 15 минут, переключить отправку на резервного провайдера.\n';
  const KOREAN = '# 런북: Kafka 컨슈머 랙 증가\n\n30분 안에 해결되지 않으면 데이터 플랫폼 당직에게 연락하세요.\n';

  it.each([
    ['windows-1251', RUSSIAN],
    ['koi8-r', RUSSIAN],
    ['cp866', RUSSIAN],
    ['cp949', KOREAN],
    ['euc-kr', KOREAN],
  ])('reads a note saved as %s back to its text', (encoding, text) => {
    const result = decode(iconv.encode(text, encoding));
    expect(result.text).toBe(text);
    // EUC-KR is CP949's subset: either name is the right reading.
    expect(result.provenance.detected).toBe(encoding === 'euc-kr' ? 'cp949' : encoding);
  });

  it('a short Russian line in cp1251 is not read as Korean', () => {
    expect(decode(iconv.encode('Привет, всё упало', 'windows-1251')).text).toBe('Привет, всё упало');
  });

  it('a cp1251 file once opened as Latin-1 and saved as UTF-8 ("Ïîñòìîðòåì") is Russian again; French and a quoted word stay', () => {
    const mangled = Buffer.from(iconv.encode(RUSSIAN, 'windows-1251').toString('latin1'), 'utf8');
    const result = decode(mangled);
    expect(result.text).toBe(RUSSIAN);
    expect(result.provenance.repairs).toEqual(['cp1251 read as latin_1']);
    for (const clean of ['Élève à côté de la fenêtre, déjà prêt.', 'Größe der Übergänge: schön', 'The word «Ïîñòìîðòåì» is mojibake of «Постмортем».']) {
      expect(decode(Buffer.from(clean, 'utf8')).text).toBe(clean);
    }
  });
});
