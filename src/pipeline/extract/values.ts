/**
 * Values as notes write them, in English, Russian and Korean: dates, clock times, durations,
 * severities, statuses. Each parser takes text and returns the value with where it stood, or
 * nothing; none of them guesses. Dates come back as ISO `YYYY-MM-DD`.
 */

const MONTHS: Array<[RegExp, number]> = [
  [/^(jan(uary)?|январ[ьяе]|янв)/iu, 1],
  [/^(feb(ruary)?|феврал[ьяе]|фев)/iu, 2],
  [/^(mar(ch)?|март[аеу]?|мар)/iu, 3],
  [/^(apr(il)?|апрел[ьяе]|апр)/iu, 4],
  [/^(may|ма[йяе])/iu, 5],
  [/^(june?|июн[ьяе]?)/iu, 6],
  [/^(july?|июл[ьяе]?)/iu, 7],
  [/^(aug(ust)?|август[аеу]?|авг)/iu, 8],
  [/^(sep(t(ember)?)?|сентябр[ьяе]|сен)/iu, 9],
  [/^(oct(ober)?|октябр[ьяе]|окт)/iu, 10],
  [/^(nov(ember)?|ноябр[ьяе]|ноя)/iu, 11],
  [/^(dec(ember)?|декабр[ьяе]|дек)/iu, 12],
];

/** Month words of both languages, for the patterns below. */
const MONTH_WORD = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|январ[ьяе]|феврал[ьяе]|март[аеу]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[аеу]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])`;

function monthNumber(word: string): number | undefined {
  return MONTHS.find(([pattern]) => pattern.test(word))?.[1];
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

export interface FoundDate {
  /** ISO date. */
  date: string;
  /** The words it was read from. */
  text: string;
  index: number;
  /** The year was not written and came from the context. */
  yearInferred: boolean;
}

const NOT_LETTER_BEFORE = String.raw`(?<![\p{L}\p{N}_])`;
const NOT_LETTER_AFTER = String.raw`(?![\p{L}\p{N}_])`;

/**
 * Date shapes, most specific first. `context` gives the year for dates written without one
 * ("28 мая", "06.04"), and `english` tells `01-10-2024` (US month first) from a dotted European date.
 */
const DATE_PATTERNS: Array<{ name: string; pattern: RegExp; read: (m: RegExpExecArray, year?: number) => string | undefined; needsYear?: boolean }> = [
  // 2026-04-14, 2026/04/14
  { name: 'iso', pattern: new RegExp(`${NOT_LETTER_BEFORE}(20\\d\\d|19\\d\\d)[-/](\\d{1,2})[-/](\\d{1,2})(?![\\d])`, 'gu'), read: (m) => isoDate(Number(m[1]), Number(m[2]), Number(m[3])) },
  // 2026. 8. 19. (Korean), 2026.08.19; not a version like 2026.1.2
  { name: 'dotted-ymd', pattern: new RegExp(`${NOT_LETTER_BEFORE}(20\\d\\d)\\.(?:\\s(\\d{1,2})\\.\\s(\\d{1,2})\\.?|(\\d\\d)\\.(\\d\\d))(?!\\d|\\.\\d)`, 'gu'), read: (m) => isoDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])) },
  // 2026년 8월 19일
  { name: 'korean', pattern: /(20\d\d)\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일/gu, read: (m) => isoDate(Number(m[1]), Number(m[2]), Number(m[3])) },
  // 18.02.2026, 18.02.26
  { name: 'dotted', pattern: new RegExp(`${NOT_LETTER_BEFORE}(\\d{1,2})\\.(\\d{1,2})\\.(20\\d\\d|\\d\\d)(?![\\d.])`, 'gu'), read: (m) => isoDate(fullYear(m[3]!), Number(m[2]), Number(m[1])) },
  // 09/27/2022, 31/03/2026: a day over 12 says which is which; else month first, as slashes are written in the US
  { name: 'slashed', pattern: new RegExp(`${NOT_LETTER_BEFORE}(\\d{1,2})/(\\d{1,2})/(20\\d\\d)(?![\\d/])`, 'gu'), read: (m) => (Number(m[1]) > 12 ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : isoDate(Number(m[3]), Number(m[1]), Number(m[2]))) },
  // 01-10-2024, 5-26-21: month first, as US writers date things
  { name: 'us-dashed', pattern: new RegExp(`${NOT_LETTER_BEFORE}(\\d{1,2})-(\\d{1,2})-(20\\d\\d|\\d\\d)(?![\\d-])`, 'gu'), read: (m) => isoDate(fullYear(m[3]!), Number(m[1]), Number(m[2])) },
  // 11-April-2023, 11 April 2023, 18 февраля 2026
  { name: 'day-month-year', pattern: new RegExp(`${NOT_LETTER_BEFORE}(\\d{1,2})(?:st|nd|rd|th)?[-\\s]+(${MONTH_WORD})\\.?[-\\s,]+(20\\d\\d)${NOT_LETTER_AFTER}`, 'giu'), read: (m) => isoDate(Number(m[3]), monthNumber(m[2]!)!, Number(m[1])) },
  // September 29, 2025; Sep 5th, 2023; January 14-19, 2026
  { name: 'month-day-year', pattern: new RegExp(`${NOT_LETTER_BEFORE}(${MONTH_WORD})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–]\\s*\\d{1,2})?,?\\s+(20\\d\\d)${NOT_LETTER_AFTER}`, 'giu'), read: (m) => isoDate(Number(m[3]), monthNumber(m[1]!)!, Number(m[2])) },
  // 8월 19일 (year from context)
  { name: 'korean-no-year', pattern: /(?<![\d])(\d{1,2})\s*월\s*(\d{1,2})\s*일/gu, read: (m, y) => (y ? isoDate(y, Number(m[1]), Number(m[2])) : undefined), needsYear: true },
  // 28 мая, 17 February (year from context)
  { name: 'day-month', pattern: new RegExp(`${NOT_LETTER_BEFORE}(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_WORD})${NOT_LETTER_AFTER}`, 'giu'), read: (m, y) => (y ? isoDate(y, monthNumber(m[2]!)!, Number(m[1])) : undefined), needsYear: true },
  // June 9 (year from context)
  { name: 'month-day', pattern: new RegExp(`${NOT_LETTER_BEFORE}(${MONTH_WORD})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?${NOT_LETTER_AFTER}(?!\\s*:\\d)`, 'giu'), read: (m, y) => (y ? isoDate(y, monthNumber(m[1]!)!, Number(m[2])) : undefined), needsYear: true },
  // 06.04 (day.month, year from context); not a version number or a decimal
  { name: 'dotted-no-year', pattern: /(?<![\d.,])([0-3]?\d)\.([01]\d)(?![\d.,])/gu, read: (m, y) => (y ? isoDate(y, Number(m[2]), Number(m[1])) : undefined), needsYear: true },
];

/**
 * Extractors read the same lines again and again (a field, its evidence, the timeline): the
 * parsers below keep their last few thousand answers. They return the same arrays: read only.
 */
function remembered<T>(read: (text: string, key: string) => T): (text: string, key?: string) => T {
  const known = new Map<string, T>();
  return (text, key = '') => {
    const id = `${key}\u0000${text}`;
    let value = known.get(id);
    if (value === undefined) {
      if (known.size > 5000) known.clear();
      known.set(id, (value = read(text, key)));
    }
    return value;
  };
}

const datesOf = remembered((text, key) => scanDates(text, key ? Number(key) : undefined));

/** Every date in a text, in order of position; dates without a year only when `year` is given. */
export function findDates(text: string, year?: number): FoundDate[] {
  // Every shape has a digit: most lines are skipped here.
  if (!/\d/.test(text)) return [];
  return datesOf(text, year === undefined ? '' : String(year));
}

function scanDates(raw: string, year?: number): FoundDate[] {
  // Emphasis marks are no part of a word: "_Posted — March 11, 2026_" (inside one, as in v2026_01, `_` is).
  const text = raw.includes('_') ? raw.replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, (m) => ' '.repeat(m.length)) : raw;
  const found: FoundDate[] = [];
  const taken: Array<[number, number]> = [];
  for (const shape of DATE_PATTERNS) {
    if (shape.needsYear && year === undefined) continue;
    shape.pattern.lastIndex = 0;
    for (const match of text.matchAll(shape.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const date = shape.read(match as RegExpExecArray, year);
      if (!date) continue;
      taken.push([start, end]);
      found.push({ date, text: match[0].trim(), index: start, yearInferred: shape.needsYear === true });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The year a text is written in, from its first full date: what dates without a year belong to. */
export function yearOf(text: string): number | undefined {
  const year = /(?<![\d])((?:19|20)\d\d)(?![\d])/.exec(text)?.[1];
  return year ? Number(year) : undefined;
}

export interface FoundTime {
  /** The clock time as written: `14:02`, `7:32 PM`. */
  text: string;
  /** Minutes since midnight, for ordering and comparing. */
  minutes: number;
  index: number;
  /** How many characters of the text it spans ("3시 25분" is written longer than its `15:25`). */
  length: number;
}

const TIME = /(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?![\d])(?:\s*([AaPp])\.?[Mm]\.?(?![\p{L}]))?/gu;

/**
 * Korean says the hour and minute in words: "오후 3시 10분", "3시 반", "새벽 2시". "3시간" is a
 * duration. Without the half of the day, 1 to 6 o'clock is the afternoon: the early hours are
 * said with 새벽 (before dawn).
 */
const KO_TIME = /(?<![\d.:])(?:(오전|오후|새벽|아침|낮|저녁|밤)\s*)?(\d{1,2})\s*시(?!간)(?:\s*(\d{1,2})\s*분|\s*(반))?/gu;

const timesOf = remembered((text) => scanTimes(text));

const HOUR_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const RU_HOUR_WORDS = 'час|два|три|четыре|пять|шесть|семь|восемь|девять|десять|одиннадцать|двенадцать';
/** «с двух часов», «около пяти вечера»: the hours after a preposition that takes the genitive. */
const RU_GENITIVE_HOURS = 'одного|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти|одиннадцати|двенадцати';
/** «половина третьего»: the hour that is under way, as an ordinal. */
const RU_ORDINAL_HOURS = 'первого|второго|третьего|четв[её]ртого|пятого|шестого|седьмого|восьмого|девятого|десятого|одиннадцатого|двенадцатого';
/** What a clock time is said after: "at 8.40", «в 20.40», "around eight forty". */
const AT = String.raw`(?<![\p{L}])(?:at|around|about|by|until|till|since|from|в|во|около|к|до|с|по)\s+(?:like\s+|roughly\s+|about\s+|где-то\s+|примерно\s+)?`;
const DIGIT_TIME = /\d:\d|\d\s*시|\d\.\d\d|\d\s?[ap]\.?m|\d{4}\s?Z/i;
const HOUR_WORD = new RegExp(`(?:${HOUR_WORDS}|${RU_HOUR_WORDS})\\s`, 'i');
const SAID_HOUR = new RegExp(String.raw`${AT}(?:${HOUR_WORDS}|${RU_HOUR_WORDS})\s`, 'iu');

/** Whether a text may hold a clock time: a cheap test before the scan (most lines have no digit time and no hour word). */
export function mayHoldTime(text: string): boolean {
  return DIGIT_TIME.test(text) || (HOUR_WORD.test(text) && SAID_HOUR.test(text)) || (RU_HOUR_HINT.test(text) && RU_SAID_HOUR.test(text)) || PAST_THE_HOUR.test(text);
}

/** "quarter past three", "twenty to four", «четверть четвёртого», «десять минут пятого»: minutes said against an hour. */
const PAST_THE_HOUR = new RegExp(String.raw`(?<![\p{L}])(?:quarter|half|five|ten|twenty(?:[- ]five)?)\s+(?:past|after|to|till|before)\s+(?:${HOUR_WORDS}|1[0-2]|[1-9])(?![\p{L}\d])|(?:четверть|минут)\s+(?:${RU_ORDINAL_HOURS})`, 'iu');

/** A cheap first look for them: plain letters, no lookbehind, so most lines are passed over fast. */
/** «вечера», «ночи» after a said hour: the half of the day, which makes it a 24-hour time. */
const RU_DAY_HALF = String.raw`(?:\s+(утра|дня|вечера|ночи))?`;

/** A 12-hour clock's hour said with its half of the day («половина десятого вечера» is 21:30, «три ночи» 3:00, «одиннадцать ночи» 23:00). */
function ruHalfOfDay(hour: number, said: string | undefined): { hours: number; spoken: boolean } {
  const half = said?.toLowerCase();
  if (!half) return { hours: hour, spoken: true };
  const hours = (half === 'дня' || half === 'вечера') && hour < 12 ? hour + 12 : half === 'ночи' ? (hour === 12 ? 0 : hour >= 9 ? hour + 12 : hour) : hour;
  return { hours, spoken: false };
}

const RU_HOUR_HINT = /половин|без |час|утра|дня|вечера|ночи|пол[пвтчшсд]/i;
/** The Russian hours that name no number the other tests see: «половины третьего», «без десяти два», «с двух часов». */
const RU_SAID_HOUR = new RegExp(String.raw`(?<![\p{L}])(?:половин[аеуы]|без\s|(?:${RU_GENITIVE_HOURS}|${RU_HOUR_WORDS})\s+(?:утра|дня|вечера|ночи)(?![\p{L}])|пол(?=(?:${RU_ORDINAL_HOURS})))|\s(?:час(?:а|ов|у)?)(?![\p{L}])`, 'iu');

/**
 * Times written other ways: with a dot after a preposition or before am/pm ("at 8.40", «в 20.40»,
 * "8.40pm"), an hour and am/pm ("around 8 pm"), and in words as speech is transcribed ("at eight
 * forty three", «в девять сорок»). A bare "2.19" is a version or a number, never a time; a spoken
 * hour needs its minutes or am/pm ("at one point" is none).
 */
const OTHER_TIMES: Array<{ pattern: RegExp; read: (m: RegExpExecArray) => { hours: number; minutes: number; meridiem?: string; spoken?: boolean } | undefined }> = [
  { pattern: new RegExp(String.raw`(?:${AT}|(?<![\d.,:]))([01]?\d|2[0-3])\.([0-5]\d)(?![\d.,])(?:\s*([ap])\.?m\.?(?![\p{L}]))?`, 'giu'), read: (m) => {
      const lead = m[0].slice(0, m[0].indexOf(m[1]!));
      // «до 20.11», "by 14.10": after a word of a deadline, a day and month read as well as a time; a date wins.
      if (!m[3] && Number(m[2]) >= 1 && Number(m[2]) <= 12 && /(?<![\p{L}])(?:до|к|по|by|until|till)\s/iu.test(lead)) return undefined;
      return m[3] || /\s$/.test(lead) ? { hours: Number(m[1]), minutes: Number(m[2]), meridiem: m[3] } : undefined;
    } },
  { pattern: /(?<![\d:.,])(1[0-2]|0?[1-9])\s?([ap])\.?m\.?(?![\p{L}])/giu, read: (m) => ({ hours: Number(m[1]), minutes: 0, meridiem: m[2] }) },
  // "2340Z", "0915Z": military (Zulu) time, four digits and the zone letter, as SRE and aviation logs write it.
  { pattern: /(?<![\d:.,])([01]\d|2[0-3])([0-5]\d)\s?Z(?![\p{L}\d])/gu, read: (m) => ({ hours: Number(m[1]), minutes: Number(m[2]) }) },
  {
    pattern: new RegExp(String.raw`${AT}(${HOUR_WORDS})(?:\s+(?:(oh\s+(?:one|two|three|four|five|six|seven|eight|nine))|(ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(twenty|thirty|forty|fifty)(?:[\s-](one|two|three|four|five|six|seven|eight|nine))?))?(?:\s+([ap])\.?m\.?(?![\p{L}])|\s+o'?clock)?`, 'giu'),
    read: (m) => {
      const units = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
      const teens = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
      const tens = ['twenty', 'thirty', 'forty', 'fifty'];
      const minutes = m[2] ? units.indexOf(m[2].split(/\s+/)[1]!.toLowerCase()) + 1 : m[3] ? teens.indexOf(m[3].toLowerCase()) + 10 : m[4] ? (tens.indexOf(m[4].toLowerCase()) + 2) * 10 + (m[5] ? units.indexOf(m[5].toLowerCase()) + 1 : 0) : undefined;
      if (minutes === undefined && !m[6] && !/o'?clock$/i.test(m[0])) return undefined;
      return { hours: HOUR_WORDS.split('|').indexOf(m[1]!.toLowerCase()) + 1, minutes: minutes ?? 0, meridiem: m[6], spoken: true };
    },
  },
  {
    pattern: new RegExp(String.raw`${AT}(${RU_HOUR_WORDS})\s+(пять|десять|пятнадцать|двадцать|тридцать|сорок|пятьдесят)(?:\s+(одна|один|две|два|три|четыре|пять|шесть|семь|восемь|девять))?${RU_DAY_HALF}(?![\p{L}])`, 'giu'),
    read: (m) => {
      const units = ['один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
      const tensWords: Record<string, number> = { пять: 5, десять: 10, пятнадцать: 15, двадцать: 20, тридцать: 30, сорок: 40, пятьдесят: 50 };
      const unit = m[3] ? units.indexOf(m[3].toLowerCase().replace('одна', 'один').replace('две', 'два')) + 1 : 0;
      const base = tensWords[m[2]!.toLowerCase()]!;
      return { ...ruHalfOfDay(RU_HOUR_WORDS.split('|').indexOf(m[1]!.toLowerCase()) + 1, m[4]), minutes: base >= 20 ? base + unit : base };
    },
  },
  // "ten past three" (3:10), "quarter past three", "half past three", "twenty to four" (3:40): the
  // minutes said against the hour, on a 12-hour clock, as English speakers say it.
  {
    pattern: new RegExp(String.raw`(?:${AT})?(?<![\p{L}])(a quarter|quarter|half|five|ten|twenty|twenty[- ]five)\s+(past|after|to|till|before)\s+(${HOUR_WORDS}|1[0-2]|[1-9])(?:\s+([ap])\.?m\.?(?![\p{L}]))?(?![\p{L}\d:])`, 'giu'),
    read: (m) => {
      const said: Record<string, number> = { 'a quarter': 15, quarter: 15, half: 30, five: 5, ten: 10, twenty: 20, 'twenty-five': 25, 'twenty five': 25 };
      const minutes = said[m[1]!.toLowerCase()]!;
      const hour = /^\d+$/.test(m[3]!) ? Number(m[3]) : HOUR_WORDS.split('|').indexOf(m[3]!.toLowerCase()) + 1;
      const before = /^(?:to|till|before)$/i.test(m[2]!);
      if (before && minutes === 30) return undefined;
      return before ? { hours: hour === 1 ? 12 : hour - 1, minutes: 60 - minutes, meridiem: m[4], spoken: true } : { hours: hour, minutes, meridiem: m[4], spoken: true };
    },
  },
  // «десять минут четвёртого» (3:10), «четверть четвёртого» (3:15): minutes into the hour under way, as an ordinal.
  {
    pattern: new RegExp(String.raw`(?:${AT})?(?<![\p{L}])(?:(пять|десять|пятнадцать|двадцать|двадцать пять)\s+минут|(четверть))\s+(${RU_ORDINAL_HOURS})${RU_DAY_HALF}(?![\p{L}])`, 'giu'),
    read: (m) => {
      const said: Record<string, number> = { пять: 5, десять: 10, пятнадцать: 15, двадцать: 20, 'двадцать пять': 25 };
      // The hour under way: «десять минут четвёртого» is 3:10; of the first, 12:10.
      const hour = RU_ORDINAL_HOURS.split('|').findIndex((h) => new RegExp(`^(?:${h})$`, 'iu').test(m[3]!)) || 12;
      return { ...ruHalfOfDay(hour, m[4]), minutes: m[2] ? 15 : said[m[1]!.toLowerCase().replace(/\s+/g, ' ')]! };
    },
  },
  // «половина третьего» (2:30), «без десяти два» (1:50), «с двух часов» (2:00): how Russian speakers
  // say the hour, written as said, on a 12-hour clock.
  {
    pattern: new RegExp(String.raw`(?:${AT})?(?<![\p{L}])(?:половин[аеуы]|пол)\s*(${RU_ORDINAL_HOURS})${RU_DAY_HALF}(?![\p{L}])`, 'giu'),
    // The half of the third hour is 2:30; of the first, 12:30.
    read: (m) => ({ ...ruHalfOfDay(RU_ORDINAL_HOURS.split('|').findIndex((h) => new RegExp(`^(?:${h})$`, 'iu').test(m[1]!)) || 12, m[2]), minutes: 30 }),
  },
  {
    pattern: new RegExp(String.raw`(?:${AT})?(?<![\p{L}])без\s+(пяти|десяти|четверти|пятнадцати|двадцати|двадцати пяти)\s+(${RU_HOUR_WORDS})${RU_DAY_HALF}(?![\p{L}])`, 'giu'),
    read: (m) => {
      const before: Record<string, number> = { пяти: 5, десяти: 10, четверти: 15, пятнадцати: 15, двадцати: 20, 'двадцати пяти': 25 };
      const hour = RU_HOUR_WORDS.split('|').indexOf(m[2]!.toLowerCase()) + 1;
      return { ...ruHalfOfDay(hour === 1 ? 12 : hour - 1, m[3]), minutes: 60 - before[m[1]!.toLowerCase().replace(/\s+/g, ' ')]! };
    },
  },
  {
    // «с двух часов», «в пять вечера», «в районе пяти вечера»: the half of the day, when said, makes it a 24-hour time.
    pattern: new RegExp(String.raw`${AT}(?:районе\s+)?(${RU_GENITIVE_HOURS}|${RU_HOUR_WORDS})(?:\s+час(?:а|ов|у)?(?:\s+(утра|дня|вечера|ночи))?|\s+(утра|дня|вечера|ночи))(?![\p{L}])|${AT}час(?:у)?(?=\s+(?:дня|ночи)(?![\p{L}]))`, 'giu'),
    read: (m) => {
      if (!m[1]) return { hours: 1, minutes: 0, spoken: true };
      const word = m[1].toLowerCase();
      const index = RU_GENITIVE_HOURS.split('|').findIndex((g) => new RegExp(`^${g}$`, 'u').test(word));
      const hour = index >= 0 ? index + 1 : RU_HOUR_WORDS.split('|').indexOf(word) + 1;
      return { ...ruHalfOfDay(hour, m[2] ?? m[3]), minutes: 0 };
    },
  },
];

function otherTimes(text: string, found: FoundTime[]): FoundTime[] {
  const more: FoundTime[] = [];
  for (const { pattern, read } of OTHER_TIMES) {
    for (const match of text.matchAll(pattern)) {
      const value = read(match);
      if (!value || value.minutes > 59) continue;
      // The time itself, without the preposition before it.
      const lead = /^\S+\s+(?:(?:like|roughly|about|где-то|примерно|районе)\s+)?/u.exec(match[0])?.[0] ?? '';
      const said = new RegExp(`^${AT}`, 'iu').test(match[0]) ? lead.length : 0;
      const index = match.index + said;
      const length = match[0].length - said;
      if ([...found, ...more].some((f) => index < f.index + f.length && f.index < index + length)) continue;
      let hours = value.hours;
      const meridiem = value.meridiem?.toLowerCase();
      if (meridiem === 'p' && hours < 12) hours += 12;
      if (meridiem === 'a' && hours === 12) hours = 0;
      const clock = `${value.hours}:${String(value.minutes).padStart(2, '0')}`;
      // An hour said in words without am/pm ("eight forty") is written as said: "8:40", not "08:40".
      const written = meridiem ? `${clock} ${meridiem.toUpperCase()}M` : value.spoken ? clock : `${String(hours).padStart(2, '0')}:${String(value.minutes).padStart(2, '0')}`;
      more.push({ text: written, minutes: hours * 60 + value.minutes, index, length });
    }
  }
  return more;
}

/** Clock times in a text. A time inside a date-time (`2026-04-14 14:02`) counts; `10:14:55` reads as 10:14. */
export function findTimes(text: string): FoundTime[] {
  if (!mayHoldTime(text)) return [];
  return timesOf(text);
}

function scanTimes(text: string): FoundTime[] {
  const found: FoundTime[] = [];
  for (const match of text.matchAll(TIME)) {
    let hours = Number(match[1]);
    const meridiem = match[3]?.toLowerCase();
    if (meridiem === 'p' && hours < 12) hours += 12;
    if (meridiem === 'a' && hours === 12) hours = 0;
    const written = meridiem ? `${match[1]}:${match[2]} ${match[3]!.toUpperCase()}M` : `${match[1]!.padStart(2, '0')}:${match[2]}`;
    found.push({ text: written, minutes: hours * 60 + Number(match[2]), index: match.index, length: match[0].length });
  }
  if (/\d\.\d\d|\d\s?[ap]\.?m|\d{4}\s?Z|\p{L}\s/iu.test(text)) found.push(...otherTimes(text, found));
  if (!text.includes('시')) return found.sort((a, b) => a.index - b.index);
  // "밤 10시 5분 … 10시 20분에 알게 됐고": a bare hour after an evening one is in the evening too.
  let evening: number | undefined;
  for (const match of text.matchAll(KO_TIME)) {
    const [whole, half, hour, minute, halfHour] = match;
    let hours = Number(hour);
    const minutes = halfHour ? 30 : Number(minute ?? 0);
    if (hours > 24 || minutes > 59) continue;
    if (/오후|저녁|밤|낮/.test(half ?? '') && hours < 12) evening = hours + 12;
    if (/오전|새벽|아침/.test(half ?? '')) evening = undefined;
    if (/오후|저녁|밤|낮/.test(half ?? '') ? hours < 12 : !half && ((hours >= 1 && hours <= 6) || (evening !== undefined && hours < 12 && hours + 12 >= evening))) hours += 12;
    // "밤 11시 40분 … 12시 20분에 정상화": twelve after an evening hour is midnight.
    else if (!half && hours === 12 && evening !== undefined && evening >= 21) hours = 0;
    if (/오전|새벽|아침/.test(half ?? '') && hours === 12) hours = 0;
    hours %= 24;
    const written = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
    found.push({ text: written, minutes: hours * 60 + minutes, index: match.index, length: whole.length });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Time zone words that follow a clock time. */
export const ZONE = /^\s*\(?\s*(UTC|GMT|CET|CEST|EET|EEST|MSK|МСК|KST|JST|PST|PDT|EST|EDT|BST|IST|UTC[+-]\d{1,2})(?![\p{L}\p{N}])\)?/iu;

/**
 * Durations as written: "1 hour 47 minutes", "2 h 26 min", "7 ч 29 мин", "48분", "23 минуты",
 * "1 hour and 48 minutes", "PT1H47M".
 */
const DURATION = new RegExp(
  [
    String.raw`PT(?=\d)(?:\d+H)?(?:\d+M)?`,
    String.raw`\d+(?:[.,]\d+)?\s*(?:hours?|hrs?|h|ч(?:ас(?:а|ов)?)?\.?|시간)(?:\s*(?:and\s+)?\d+\s*(?:minutes?|mins?|m|мин(?:ут[аы]?)?\.?|분))?`,
    String.raw`\d+(?:[.,]\d+)?\s*(?:minutes?|mins?|мин(?:ут[аы]?)?|분|seconds?|secs?|секунд[аы]?|сек|초|days?|дн(?:я|ей)|сут(?:ок|ки)|суток|일간)`,
    // «минут 15», «часа два»: Russian puts the unit first when it means "about".
    String.raw`(?<![\p{L}])(?:минут|часа|часов)\s+\d+(?![\d:]|[.,]\d)`,
  ].join('|'),
  'giu',
);

export function findDuration(text: string): { text: string; index: number } | undefined {
  return findDurations(text)[0];
}

/** Every span of time in a text, in order. */
export function findDurations(text: string): Array<{ text: string; index: number }> {
  const found: Array<{ text: string; index: number }> = [];
  for (const match of text.matchAll(DURATION)) {
    const after = text.slice(match.index + match[0].length);
    if (/^[\p{L}]/u.test(after) && !/^[\p{Script=Hangul}]/u.test(after)) continue;
    // "10시 5분" is a clock time, not five minutes.
    if (/^\d+\s*[분초]/u.test(match[0]) && /\d\s*(?:시|분)\s*$/u.test(text.slice(0, match.index))) continue;
    found.push({ text: match[0].trim(), index: match.index });
  }
  return found;
}

/**
 * Severity as the note writes it, normalised where the scale is the common one: `SEV-2`,
 * `Sev 1`, `Severity 3`, `P1`-style "SEV" levels → `sev2`; a named level ("Critical", "Major")
 * or a priority written as the severity ("Severity: P1" → `p1`) stays as written. Only the first level in the text counts ("SEV-2 (raised from SEV-3)").
 */
export function readSeverity(text: string): { value: string; index: number } | undefined {
  const numbered = /(?<![\p{L}\d])(?:sev(?:erity)?|серьёзност\p{L}*|серьезност\p{L}*|уровень|심각도)[\s:._-]*(?:level\s*)?([1-5])(?![\d])/iu.exec(text) ?? /(?<![\d])([1-5])\s*등급/u.exec(text);
  if (numbered) return { value: `sev${numbered[1]}`, index: numbered.index };
  const word = /^\s*\**\s*(p[0-4](?![\p{L}\d])|critical|major|minor|high|medium|low|blocker|крити\p{L}*|высок\p{L}*|средн\p{L}*|низк\p{L}*|치명적|높음|보통|낮음)(?![\p{L}])/iu.exec(text);
  if (!word) return undefined;
  const normalised: Record<string, string> = { крит: 'critical', высок: 'high', средн: 'medium', низк: 'low', 치명적: 'critical', 높음: 'high', 보통: 'medium', 낮음: 'low' };
  const key = Object.keys(normalised).find((k) => word[1]!.toLowerCase().startsWith(k));
  return { value: key ? normalised[key]! : word[1]!.toLowerCase(), index: word.index };
}

/** An incident's state: resolved, mitigated or ongoing, in either language. */
export function readIncidentStatus(text: string): 'resolved' | 'mitigated' | 'ongoing' | undefined {
  const t = text.toLowerCase();
  if (/(?<![\p{L}])(resolved|closed|complete[d]?|fixed|реш[её]н\p{L}*|закрыт\p{L}*|устран[её]н\p{L}*|исправлен\p{L}*|해결|종료|완료)/u.test(t)) return 'resolved';
  if (/(?<![\p{L}])(mitigated|смягч\p{L}*|обойд[её]н\p{L}*|완화)/u.test(t)) return 'mitigated';
  if (/(?<![\p{L}])(ongoing|open|investigating|monitoring|в работе|расследу\p{L}*|открыт\p{L}*|진행 중|조사 중)/u.test(t)) return 'ongoing';
  return undefined;
}

/**
 * An ADR's status word. The common English words stay as written (`accepted`, `approved`,
 * `draft`); Russian and Korean ones are translated to their English counterpart.
 */
export function readAdrStatus(text: string): string | undefined {
  const t = text.toLowerCase().replace(/[*_`]/g, '');
  const english = /(?<![\p{L}])(accepted|approved|decided|adopted|proposed|draft|rejected|declined|deprecated|superseded|replaced|withdrawn|on hold)(?![\p{L}])/u.exec(t);
  const translations: Array<[RegExp, string]> = [
    [/(?<![\p{L}])(принят\p{L}*|утвержд[её]н\p{L}*|согласован\p{L}*|승인|채택)/u, 'accepted'],
    [/(?<![\p{L}])(предложен\p{L}*|на обсуждении|на рассмотрении|제안|검토 중)/u, 'proposed'],
    [/(?<![\p{L}])(черновик|draft|초안)/u, 'draft'],
    [/(?<![\p{L}])(отклон[её]н\p{L}*|отвергнут\p{L}*|거절|기각)/u, 'rejected'],
    [/(?<![\p{L}])(заменен\p{L}*|замен[её]н\p{L}*|superseded|대체)/u, 'superseded'],
    [/(?<![\p{L}])(устарел\p{L}*|deprecated|폐기)/u, 'deprecated'],
  ];
  const translated = translations.map(([pattern, value]) => ({ match: pattern.exec(t), value })).filter((x) => x.match);
  const candidates = [
    ...(english ? [{ index: english.index, value: english[1]! }] : []),
    ...translated.map((x) => ({ index: x.match!.index, value: x.value })),
  ].sort((a, b) => a.index - b.index);
  return candidates[0]?.value;
}

/** Follow-up state from its words: "(done)", "[x]", "сделано", "완료", "✅" → done. */
export function readTaskStatus(text: string): 'open' | 'done' | undefined {
  const t = text.toLowerCase();
  if (/✅|☑|✔|(?<![\p{L}])(done|completed?|closed|fixed|shipped|сделано|готово|выполнено|закрыто|완료)(?![\p{L}])/u.test(t)) return 'done';
  if (/(?<![\p{L}])(open|todo|to do|in progress|planned|not started|pending|открыт\p{L}*|в работе|запланирован\p{L}*|не начат\p{L}*|진행 중|미착수|예정)(?![\p{L}])/u.test(t)) return 'open';
  return undefined;
}

/** Identifiers of tracked work: `NOTIF-812`, `OPS-388`, `#1234`, a pull-request URL. */
export const TICKET = /(?<![\p{L}\d-])(?!(?:SEV|ADR|UTC|GMT|ISO|RFC|TLS|SHA|HTTP|PT)-)([A-Z][A-Z0-9]{1,9}-\d{1,6})(?![\d-])|(https?:\/\/\S+\/(?:pull|issues|merge_requests)\/\d+)/u;

export function readTicket(text: string): string | undefined {
  const match = TICKET.exec(text);
  return match ? (match[1] ?? match[2])!.replace(/[).,;]+$/, '') : undefined;
}
