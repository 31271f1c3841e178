/**
 * Timelines in the shapes notes write them: a table of time and event (`| 06.04 18:20 | Релиз … |`),
 * lines that start with a time (`- 14:02 UTC — config push …`, `7:32 PM - The chain stalled`), an
 * inline chain (`07:40 certificate expires · 08:05 first report`, `deploy at 14:02 → rollback at
 * 14:47`), and, where a note has none of these, the times its sentences give. Entries keep the
 * source's order (a timeline that crosses midnight must not be sorted by clock time) and get a date
 * when the entry, a date line above it, or the incident's date gives one.
 */
import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Citation } from '../../schemas/index.ts';
import { cite, clean, endsPolitely, POLITE_END, type Line, type Section } from './section.ts';
import { plainLine, type SlotContent } from './slots.ts';
import { STATUS_UPDATE, TIMED_STATUS_UPDATE } from '../classify.ts';
import { LINE_MARK, momentOf, slotOf } from '../templates.ts';
import { findDates, findTimes, mayHoldTime, type FoundTime, ZONE } from './values.ts';

export interface TimelineEntry {
  time: string;
  date?: string;
  event: string;
  cite: Citation[];
}

/** The time (and date) at the start of a line or cell, and where the rest begins. */
function leadingStamp(text: string, year?: number): { time?: string; date?: string; rest: string } | undefined {
  // "- 🔴 14:02 …": a status mark before the time is no part of the event.
  const stripped = text.replace(/^\s*(?:[-*+•]\s+|\d{1,2}[.)]\s+(?=\S*\d{1,2}[:.]\d{2}))?/, '').replace(/^(?:(?:\p{Extended_Pictographic}|\uFE0F|\u200D)+\s*)(?=\**\d)/u, '').replace(/^\*\*|^__/, '');
  const dates = findDates(stripped.slice(0, 30), year).filter((d) => d.index <= 1);
  let rest = stripped;
  let date: string | undefined;
  if (dates[0]) {
    date = dates[0].date;
    rest = stripped.slice(dates[0].index + dates[0].text.length).replace(/^[\s,T]+/, '');
  }
  const time = findTimes(rest.slice(0, 12)).find((t) => t.index <= 1);
  if (!time && !date) return undefined;
  if (time) {
    const after = rest.slice(time.index);
    const stripped = after.replace(/^\s*\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?/, '');
    // A time written otherwise ("2340Z") ends where its match does.
    rest = stripped !== after ? stripped : /^\s*\d{4}\s?Z/.test(after) ? after.slice(time.length) : after;
    rest = rest.replace(ZONE, '');
    // "02:17–06:30 никто не заметил": a span's end is part of its stamp, not of what happened.
    rest = rest.replace(/^\s*(?:[–—~-]|to|до)\s*\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?![\d])/u, '').replace(ZONE, '');
  }
  rest = rest.replace(/^\s*\**\s*(?:[-—–:|·]+\s*)?/, '');
  return { time: time?.text, date, rest };
}

/** A line that gives the date for the entries under it: "2026-04-14, all times UTC", "01-10-2024". */
function dateLine(text: string, year?: number): string | undefined {
  if (text.length > 120) return undefined;
  const plain = plainLine(text);
  if (findTimes(plain).length > 0 || plain.length > 60) return undefined;
  const dates = findDates(plain, year);
  return dates.length === 1 ? dates[0]!.date : undefined;
}

function eventText(text: string): string {
  // A clause cut out of a sentence keeps no conjunction at its edges: "and restarted …", "… the cause, and".
  return clean(
    plainLine(text)
      .replace(/^[\s\-–—:.*|·]+/, '')
      .replace(/^(?:and|then|и)\s+(?=\p{Ll})/u, '')
      .replace(/(?:[,;]\s*|\s+)(?:and|и|а)\s*$/u, '')
      .replace(/\s*[-–—:;,|]\s*$/, ''),
  );
}

interface Options {
  year?: number;
  /** The incident's date: entries without one of their own happened that day. */
  day?: string;
  /** Minutes after midnight of "T" in a timeline of offsets ("T = 09:00 UTC" over "T+25m: …"). */
  zeroHour?: number;
}

/** "T = 09:00 UTC", "T0 = 09:00", "T is 09:00", «Т = 09:00»: the clock time a timeline of offsets counts from. */
const ZERO_HOUR = /(?<![\p{L}])[TТ]\s*0?\s*(?:=|is|:)\s*(\d{1,2})[:.](\d{2})(?!\d)/u;

/** "T+25m: …", "T+1h10m —", "T+0:40", "T+0", «Т+25 мин», "T+25분": an entry dated by its offset from T. */
const OFFSET_STAMP = /^\s*(?:[-*+•]\s+)?(?:\*\*|__)?[TТ]\s*([+-])\s*(?:(\d{1,2}):(\d{2})|(?:(\d+)\s*(?:h|hr|hours?|ч|시간)\s*)?(?:(\d+)\s*(?:m|min|mins|minutes?|м|мин|분))?|(0))(?![\p{L}\d])(?:\*\*|__)?\s*[:—–-]?\s*(\S.*)$/u;

function zeroHourOf(texts: string[]): number | undefined {
  for (const text of texts) {
    const m = ZERO_HOUR.exec(text);
    if (m && Number(m[1]) < 24) return Number(m[1]) * 60 + Number(m[2]);
  }
  return undefined;
}

/** An offset line's clock time ("09:25" for "T+25m" when T is 09:00), or the offset as written when T is not given. */
function offsetEntry(text: string, zeroHour: number | undefined): { time: string; rest: string } | undefined {
  const m = OFFSET_STAMP.exec(text);
  if (!m || (!m[2] && !m[4] && !m[5] && !m[6])) return undefined;
  const offset = (m[1] === '-' ? -1 : 1) * (m[2] ? Number(m[2]) * 60 + Number(m[3]) : Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0));
  const written = text.slice(0, text.length - m[7]!.length).replace(/^\s*(?:[-*+•]\s+)?(?:\*\*|__)?/, '').replace(/(?:\*\*|__)?\s*[:—–-]?\s*$/, '');
  if (zeroHour === undefined) return { time: written, rest: m[7]! };
  const at = (((zeroHour + offset) % 1440) + 1440) % 1440;
  return { time: `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`, rest: m[7]! };
}

/** Rows of a table whose first (or a "time") column holds times. */
function fromTable(section: Section, table: Table, options: Options): TimelineEntry[] {
  const header = table.children[0]!.children.map((c) => toString(c).trim().toLowerCase());
  const timeColumn = Math.max(0, header.findIndex((h) => /time|время|дата|date|시각|시간|when|когда|일시/.test(h)));
  const eventColumn = header.findIndex((h, i) => i !== timeColumn && /event|событи|что|내용|what|description|описани|action|действи/.test(h));
  const entries: TimelineEntry[] = [];
  for (const row of table.children.slice(1)) {
    const cells = row.children.map((c) => toString(c).trim());
    const stamp = leadingStamp(cells[timeColumn] ?? '', options.year);
    if (!stamp) continue;
    const event = eventText(cells[eventColumn >= 0 ? eventColumn : timeColumn === 0 ? 1 : 0] ?? stamp.rest);
    if (!event) continue;
    entries.push({ time: stamp.time ?? '', date: stamp.date, event, cite: cite(section, row.position!.start.line) });
  }
  return entries;
}

/** Lines that start with a time (or a date and a time), each an entry; date lines set the day. */
function fromLines(section: Section, lines: Line[], options: Options): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let day: string | undefined;
  let inFence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line.text)) inFence = !inFence;
    if (inFence || /^\s*\|/.test(line.text) || !/\d/.test(line.text)) continue;
    const context = dateLine(line.text, options.year);
    if (context) {
      day = context;
      continue;
    }
    // "07:40 certificate expires · 08:05 first customer report · …" on one line is several entries.
    const chain = /\s·\s|→|->|⟶/.test(line.text) ? fromChain(section, line, line.text) : [];
    if (chain.filter((e) => e.time).length >= 2) {
      entries.push(...chain.map((e) => ({ ...e, date: day })));
      continue;
    }
    const offset = offsetEntry(line.text, options.zeroHour);
    if (offset) {
      const event = eventText(offset.rest);
      if (event) entries.push({ time: offset.time, date: day, event, cite: cite(section, line.number) });
      continue;
    }
    const stamp = leadingStamp(line.text, options.year);
    if (!stamp || !stamp.time) {
      // "01-31-2024 - The fix was added": an entry of a day without a clock time.
      if (stamp?.date && stamp.rest.trim() && /^\s*(?:[-*]\s+)?[\d./-]+\s*[-—–:]/.test(line.text)) entries.push({ time: '', date: stamp.date, event: eventText(stamp.rest), cite: cite(section, line.number) });
      continue;
    }
    // "14시 10분경부터 … 않았습니다. 14시 40분 … 인지했습니다.": a line of prose whose next sentence
    // tells its own time is an entry per sentence.
    const told = /[.!?。]\s+\S/.test(stamp.rest) ? fromProse(section, [line], { ...options, day: stamp.date ?? day ?? options.day }) : [];
    if (!/^\s*(?:[-*+]|\d{1,2}[.)])\s/.test(line.text) && told.filter((e) => e.time).length >= 2) {
      entries.push(...told.map((e) => ({ ...e, date: e.date ?? stamp.date ?? day })));
      continue;
    }
    const event = eventText(stamp.rest);
    if (!event) continue;
    entries.push({ time: stamp.time, date: stamp.date ?? day, event, cite: cite(section, line.number) });
  }
  return entries;
}

/** "07:40 certificate expires · 08:05 first customer report" and "deploy at 14:02 → pool saturated at 14:10". */
export function fromChain(section: Section, line: Line, text: string): TimelineEntry[] {
  const byDot = text.split(/\s+·\s+|\s*;\s+(?=\d{1,2}:\d{2})/);
  if (byDot.length > 1 && byDot.filter((piece) => /^\s*\d{1,2}:\d{2}/.test(piece)).length >= 2) {
    return byDot.flatMap((piece) => {
      const stamp = leadingStamp(piece);
      return stamp?.time ? [{ time: stamp.time, event: eventText(stamp.rest), cite: cite(section, line.number) }] : [];
    }).filter((e) => e.event);
  }
  const chunks = text.split(/\s*(?:→|->|⟶)\s*/);
  if (chunks.length < 2) return [];
  return chunks
    .map((chunk) => {
      const time = findTimes(chunk)[0];
      const event = clean(
        chunk
          .replace(/^.*?(timeline(?: points?)?|хронология|таймлайн)\s*:/i, '')
          .replace(time ? new RegExp(`\\s*${time.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : /\u0000/, '')
          .replace(/[[\]]/g, '')
          .replace(/^[\s\-–—:.*]+/, '')
          .replace(/\s*(?<![\p{L}])(at|by|around|в|около|к)\s*[.,;]?\s*$/iu, '')
          .replace(/\s*[-–—:.;,]\s*$/, ''),
      );
      return { time: time?.text ?? '', event, cite: cite(section, line.number) };
    })
    .filter((e) => e.event);
}

/**
 * The times a story gives: "17 февраля с 10:14 до 13:52 МСК дашборды …", "в 11:45 удалили колонку,
 * к 12:30 освободилось 2 ТБ". Each time's event is the clause it stands in, up to the next time.
 */
/** The items of one sentence listed with commas or semicolons, when two or more hold one time each and none holds two. */
function listedEvents(text: string): Array<{ text: string; time: FoundTime }> | undefined {
  const body = text.replace(/^\s*(?:[-*+]\s+)?(?:\*\*)?[\p{L} ]{2,30}(?:\*\*)?[:：](?:\*\*)?\s+(?:\*\*)?/u, '');
  if (/[.!?]\s+\S/.test(body.trim())) return undefined;
  const pieces = body.split(/[,;]\s+/).map((piece) => piece.trim()).filter(Boolean);
  const timed = pieces.map((piece) => ({ text: piece, times: findTimes(piece) }));
  if (timed.some((p) => p.times.length > 1) || timed.filter((p) => p.times.length === 1).length < 2) return undefined;
  // A range ("с 10:14 до 13:52") or a bare list of times is no list of events.
  if (timed.some((p) => p.times.length === 1 && !/\p{L}{3}/u.test(p.text.replace(p.text.slice(p.times[0]!.index, p.times[0]!.index + p.times[0]!.length), '')))) return undefined;
  return timed.filter((p) => p.times.length === 1).map((p) => ({ text: p.text, time: p.times[0]! }));
}

/** A line that starts a block of its own, never the continuation of the one above. */
const BLOCK_START = /^\s*(?:[-*+•]\s|\d{1,2}[.)]\s|#|>|\||```|~~~|\*\*|__|$)|^\s*[\p{L}][\p{L} ]{0,29}[:：]\s|^\s*\[?\d{1,2}[:.]\d{2}/u;

/**
 * Prose as its author wrote it: the lines of a hard-wrapped paragraph (or list item) joined, so
 * that a sentence is read whole ("… between 06:00 and\n14:30 CET"), with each offset's line kept
 * for the citation.
 */
/**
 * A tracker comment's or a forum post's header alone on its line: a name, then its date and time
 * ("Григорьев Павел, 26.11.2026 18:52", "Dana Kim — 2026-11-30 10:04", "김도윤 (12/02 03:10)").
 */
export const COMMENT_HEADER = /^\s*(?:\*\*)?[\p{Lu}\p{Lo}][\p{L}.'-]*(?:\s+[\p{Lu}\p{Lo}][\p{L}.'-]*){0,2}(?:\*\*)?\s*(?:,|\(|[—–-])\s*(?:\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?,?\s+)?\d{1,2}:\d{2}(?::\d{2})?\)?:?\s*$/u;

function proseRuns(lines: Line[]): Array<{ text: string; lineAt: (offset: number) => number; header?: string }> {
  const runs: Array<{ text: string; starts: Array<[number, number]>; header?: string }> = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const run = runs.at(-1);
    const next = previous !== undefined && line.number === previous.number + 1;
    // A short line ended where its author ended it (a label, a title); a long one was wrapped.
    const wrapped = next && previous!.text.trim().length >= 50 && !/^\s*(?:#|\||```|~~~)/.test(previous!.text) && !BLOCK_START.test(line.text);
    // A comment's header stamps the message under it, whatever the message starts with.
    const posted = next && run?.header !== undefined && line.text.trim() !== '';
    if (run && (wrapped || posted)) {
      run.text += ' ';
      run.starts.push([run.text.length, line.number]);
      run.text += line.text.trim();
    } else {
      runs.push({ text: line.text, starts: [[0, line.number]], ...(COMMENT_HEADER.test(line.text) && { header: line.text }) });
    }
    previous = line;
  }
  return runs.map(({ text, starts, header }) => ({ text, header, lineAt: (offset) => starts.findLast(([from]) => from <= offset)![1] }));
}

/** Words that open a clause of speech run on without full stops: "…, и в 14:30 лаг начал расти", a Korean polite ending before. */
const SPOKEN_CLAUSE = new RegExp(String.raw`(?:[,;]\s+|\s(?:и|а|но|потом|значит|короче|and|so|then|but)\s|${POLITE_END}\s)`, 'giu');
/** The same, where a clause ends ("… потому …", "… because …") as well as where one opens. */
const SPOKEN_CLAUSE_END = new RegExp(String.raw`(?:[,;]\s+|\s(?:и|а|но|потом|значит|короче|потому|because|and|so|then|but)\s|${POLITE_END}\s)`, 'giu');

/**
 * Where the clause of a time starts, at most a few words back: in a run-on transcript the sentence
 * may start a paragraph earlier, but what happened at 14:30 is told next to it.
 */
function nearStart(text: string, sentenceStart: number, timeStart: number): number {
  if (timeStart - sentenceStart <= 120) return sentenceStart;
  const window = timeStart - 120;
  let from: number | undefined;
  for (const match of text.slice(window, timeStart).matchAll(SPOKEN_CLAUSE)) from = window + match.index + match[0].length;
  if (from !== undefined && timeStart - from >= 8) return from;
  const words = [...text.slice(window, timeStart).matchAll(/\s+/g)];
  const cut = words.at(-10);
  return cut ? window + cut.index + cut[0].length : sentenceStart;
}

/** Where the clause of a time ends in a run-on sentence: "… at like eight forty because the disk …" ends before "because". */
function nearEnd(text: string, timeEnd: number, sentenceEnd: number, clauseStart: number): number {
  // Only speech run on without full stops is cut; a written sentence ends where its author ended it.
  if (sentenceEnd - timeEnd <= 90 || /[.!?…](?:\s|$)/u.test(text.slice(timeEnd, sentenceEnd))) return sentenceEnd;
  const ahead = text.slice(timeEnd, timeEnd + 120);
  // Told before its time ("… went read only at eight forty"), the event ends at the next boundary;
  // told after it («в 14:30 лаг начал расти»), it needs a few words first.
  const toldBefore = text.slice(clauseStart, timeEnd).trim().split(/\s+/).length >= 5;
  // Korean ends what it says with a polite ending ("…시작했고요 8시 25분쯤…"), which a recogniser leaves unpunctuated.
  const boundary = [...ahead.matchAll(SPOKEN_CLAUSE_END)].find((m) => m.index >= (toldBefore ? 0 : 8));
  if (boundary) return timeEnd + boundary.index;
  const words = [...ahead.matchAll(/\s+/g)];
  return words[12] ? timeEnd + words[12].index : sentenceEnd;
}

/** What stands between a range's two times: "с 10:14 до 13:52", "between 08:40 UTC and 11:15 UTC", "10시 20분부터 11시 5분까지". */
function joinsRange(between: string): boolean {
  // Korean: "10시 20분부터 11시 5분까지".
  return /^\s*(?:до|to|until|and|и|[-–—~]|부터|에서)\s*$/iu.test(between.replace(ZONE, ''));
}

const POLITE_STOP = new RegExp(String.raw`${POLITE_END}(?= )`, 'gu');

interface SentenceBounds {
  /** Where the sentence holding `at` starts (the space after the last sentence end at or before it; 0 at the text's start). */
  startBefore: (at: number) => number;
  /** Where it ends (the space after its end; the text's length when it runs to the end). */
  endAfter: (at: number) => number;
}

/**
 * A run's sentence ends: ". " as written, and in Korean a recogniser left unpunctuated, each polite
 * ending before a space ("…시작했고요 8시 25분쯤 …").
 */
function sentenceBounds(text: string): SentenceBounds {
  const stops = [...text.matchAll(/\.(?= )/g)].map((m) => m.index + 1);
  if (endsPolitely(text)) stops.push(...[...text.matchAll(POLITE_STOP)].map((m) => m.index));
  stops.sort((a, b) => a - b);
  return {
    startBefore: (at) => stops.findLast((s) => s - 1 <= at) ?? 0,
    endAfter: (at) => stops.find((s) => s - 1 >= at) ?? text.length,
  };
}

/**
 * English puts a time after its event: "@joao found the consumer stuck at 09:40 and restarted it
 * at 09:52; the backlog drained by 10:30." In a sentence that tells events so (words before its
 * first time, nothing after its last, each time followed by "and", a comma or a semicolon), each
 * event runs from the one before's time to its own.
 */
function eventsBeforeTimes(text: string, times: FoundTime[], starts: number[], bounds: SentenceBounds): Map<number, { from: number; to: number }> {
  const found = new Map<number, { from: number; to: number }>();
  let i = 0;
  while (i < times.length) {
    const sentenceStart = bounds.startBefore(starts[i]!);
    const sentenceEnd = bounds.endAfter(times[i]!.index);
    let last = i;
    while (last + 1 < times.length && times[last + 1]!.index < sentenceEnd) last++;
    const ownEnd = (k: number) => times[k]!.index + times[k]!.length + (ZONE.exec(text.slice(times[k]!.index + times[k]!.length))?.[0].length ?? 0);
    const gaps = times.slice(i, last).map((_, k) => text.slice(ownEnd(i + k), starts[i + k + 1]!));
    const eventFirst =
      last > i &&
      text.slice(sentenceStart, starts[i]!).trim().split(/\s+/).length >= 3 &&
      /^[\s.!?;)]*$/.test(text.slice(ownEnd(last), sentenceEnd)) &&
      gaps.every((gap) => /^\s*(?:[,;]|,?\s+(?:and|then)\s)/i.test(gap) && /\p{L}{3}/u.test(gap) && !joinsRange(gap));
    if (eventFirst) {
      for (let k = i; k <= last; k++) {
        const from = k === i ? sentenceStart : ownEnd(k - 1) + (/^\s*(?:[,;]\s*)?(?:(?:and|then)\s+)?/i.exec(text.slice(ownEnd(k - 1)))?.[0].length ?? 0);
        found.set(k, { from, to: k === last ? sentenceEnd : ownEnd(k) });
      }
    }
    i = last + 1;
  }
  return found;
}

export function fromProse(section: Section, lines: Line[], options: Options): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  // A transcript's line is one utterance: joined, two would read as one sentence.
  const runs = section.candidate.form === 'speech' ? lines.map((l) => ({ text: l.text, lineAt: () => l.number })) : proseRuns(lines);
  for (const { text, lineAt, header } of runs as Array<{ text: string; lineAt: (offset: number) => number; header?: string }>) {
    if (!mayHoldTime(text) || /^\s*(```|\|)/.test(text)) continue;
    // "Григорьев Павел, 26.11.2026 18:52" over "Откатил конфиг …": the message, at its header's time.
    const message = header !== undefined ? text.slice(header.length).trim() : '';
    if (message) {
      const date = findDates(header!, options.year)[0]?.date;
      entries.push({ time: findTimes(header!).at(-1)!.text, ...(date && { date }), event: eventText(message), cite: cite(section, lineAt(0), lineAt(text.length - 1)) });
      continue;
    }
    const times = findTimes(text);
    if (times.length === 0) continue;
    // "new token issued at 10:20, full purge at 10:31, images fresh by 10:40": a list of events,
    // one time each, is an entry per item, whichever side of its words the time stands.
    const items = listedEvents(text);
    if (items) {
      for (const item of items) {
        // An item may wrap onto the next line: cited over every line it stands on.
        const at = text.indexOf(item.text);
        // "■ 조치: 21:40 인증서 갱신": the field's label and the item's own time are no words of the event.
        const label = LABELLED_CLAUSE.exec(item.text);
        const words = label && slotOf(label[1]!) ? item.text.slice(label[0].length) : item.text;
        entries.push({ time: item.time.text, event: eventText(words.replace(LEADING_CLOCK, '')), cite: cite(section, lineAt(at), lineAt(at + Math.max(0, item.text.length - 1))) });
      }
      continue;
    }
    const bounds = sentenceBounds(text);
    // Clause boundaries: the preposition before each time ("в 11:45", "к 12:30", "at 09:31").
    const starts = times.map((t) => {
      const before = text.slice(0, t.index);
      // "at like quarter past three", «где-то в десять минут четвёртого»: a filler between the preposition and the time.
      const preposition = /(?:,\s*|\.\s+|;\s*|\s)((?:с|в|к|до|около|at|by|from|around|since|until|до|после|~)\s*(?:like\s+|roughly\s+|about\s+)?)$/iu.exec(before);
      return preposition ? t.index - preposition[1]!.length : t.index;
    });
    // "At 06:25 the batch stalled, and the on-call was paged at 06:40": a clause that opens with its
    // time ends at the ", and" before the next one, whose words (told before their time) follow it.
    const joins = times.map((_, i) => {
      if (i === 0) return undefined;
      const previousEnd = times[i - 1]!.index + times[i - 1]!.length;
      const opener = text.slice(bounds.startBefore(starts[i - 1]!), starts[i - 1]!);
      const between = text.slice(previousEnd, starts[i]!);
      if (opener.trim().split(/\s+/).filter(Boolean).length > 3 || /[.!?](?:\s|$)/.test(between)) return undefined;
      const join = [...between.matchAll(/,\s+(?:and|then|while|but|и|а|но|затем|потом)\s+|;\s+/giu)].at(-1);
      const after = join ? previousEnd + join.index + join[0].length : 0;
      return join && starts[i]! - after >= 8 ? { at: previousEnd + join.index, after } : undefined;
    });
    const clauses: Array<{ time: FoundTime; from: number; to: number }> = [];
    const toldFirst = eventsBeforeTimes(text, times, starts, bounds);
    times.forEach((time, i) => {
      const told = toldFirst.get(i);
      if (told) {
        clauses.push({ time, ...told });
        return;
      }
      // "с 10:14 до 13:52": a range's end belongs to the same clause as its start.
      if (i > 0 && joinsRange(text.slice(times[i - 1]!.index + times[i - 1]!.length, time.index))) return;
      const sentenceStart = bounds.startBefore(starts[i]!);
      // A clause never reaches back over a sentence's end: "… в склад. Алерт пришёл в 19:55" is the alert's.
      const previousEnd = i > 0 ? times[i - 1]!.index + times[i - 1]!.length : -1;
      const from = joins[i] ? joins[i].after : i > 0 && starts[i]! - previousEnd < 60 && sentenceStart <= previousEnd ? starts[i]! : nearStart(text, Math.max(sentenceStart, previousEnd + 1), starts[i]!);
      const nextStart = times.slice(i + 1).findIndex((t, k) => !joinsRange(text.slice(times[i + k]!.index + times[i + k]!.length, t.index)));
      // Nor past its own sentence's end: "… for a third of users. We got the first page at 20:22" is the page's.
      const sentenceEnd = bounds.endAfter(time.index);
      const to = joins[i + 1]?.at ?? nearEnd(text, time.index + time.length, nextStart >= 0 ? Math.min(starts[i + 1 + nextStart]!, Math.max(sentenceEnd, time.index + time.length)) : sentenceEnd, from);
      const previous = clauses[clauses.length - 1];
      // "reverted at 10:46 and errors returned to normal by 10:52": English puts the time after its
      // event, so a clause that is only "by 10:52." takes the words since the time before it.
      if (previous && previous.to === from && !/[\p{L}\p{N}]/u.test(text.slice(time.index + time.length, to).replace(ZONE, '')) && !/[.!?](?:\s|$)/.test(text.slice(previous.time.index, from))) {
        const previousEnd = previous.time.index + previous.time.length;
        // "reverted at 16:37 UTC and uploads worked again by 16:40": the zone is the earlier time's.
        const zone = ZONE.exec(text.slice(previousEnd))?.[0].length ?? 0;
        clauses.push({ time, from: previousEnd + zone + (/^\s*(?:,\s*)?(?:and|then|и|а)?\s*/iu.exec(text.slice(previousEnd + zone))?.[0].length ?? 0), to });
        previous.to = previousEnd + zone;
        return;
      }
      clauses.push({ time, from, to });
    });
    for (const { time, from, to } of clauses) {
      // "How it was fixed: … at 14:30": the label is the note's, not the event's.
      const said = text.slice(from, to).replace(/[,;]\s*$/, '');
      const label = LABELLED_CLAUSE.exec(said);
      // "발생 일시: 2026-11-26 19:40", "Incident start: 09:12 UTC": what happened then is what the label names.
      const rest = label && (slotOf(label[1]!) || momentOf(label[1]!)) ? said.slice(label[0].length) : undefined;
      const named = rest !== undefined && onlyStamp(rest) && (momentOf(label![1]!) || slotOf(label![1]!)?.slot === 'date' || slotOf(label![1]!)?.slot === 'moment');
      const event = eventText((rest !== undefined ? (named ? label![1]! : rest) : said).replace(LEADING_CLOCK, ''));
      // A log line's own day: "2026-11-20T00:05:12Z INFO …" is the 20th, whatever the incident's day.
      const stamped = /(\d{4}-\d{2}-\d{2})[T ]$/.exec(text.slice(Math.max(0, time.index - 11), time.index))?.[1];
      // "31 July 2012, 13:00 IST. A similar disturbance …": a day written right before the time is the entry's.
      const dated = stamped ?? findDates(text.slice(Math.max(from, time.index - 24), time.index), options.year).find((d) => /^[\s,]*(?:at\s+|в\s+)?$/iu.test(text.slice(Math.max(from, time.index - 24) + d.index + d.text.length, time.index)))?.date;
      if (event) entries.push({ time: time.text, event, cite: cite(section, lineAt(from), lineAt(Math.max(from, to - 1))), ...(dated && { date: dated }) });
    }
  }
  // The day an entry names holds for the entries told after it, until another is named.
  let day = options.day;
  return entries.map((e) => ({ ...e, date: (day = e.date ?? day) }));
}

/** "20:35 쿠폰 검증 기능 플래그 OFF": the entry's own time before its words, which the entry's time already says (not "11:40 PM", "09:10 UTC"). */
const LEADING_CLOCK = /^\s*(?:[-*+•]\s+)?\d{1,2}:\d{2}(?![\d])\s*(?:[-—–:]\s*)?\s(?![AaPp]\.?[Mm](?![\p{L}])|[A-Z]{2,5}(?![\p{L}]))(?=\p{L})/u;

/** "How it was fixed: …", "■ 조치: …": a clause that opens with a label. */
const LABELLED_CLAUSE = new RegExp(String.raw`^\s*(?:${LINE_MARK}\s+)?(?:\*\*|__)?([\p{L}][\p{L} ]{1,29}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s+`, 'u');

/** Words that are only a day and a time ("2026-11-26 19:40", "09:12 UTC"). */
function onlyStamp(text: string): boolean {
  return !/\p{L}{2,}/u.test(text.replace(/(?<![\p{L}])(?:[AP]M|UTC(?:[+-]\d{1,2})?|GMT|[A-Z]{2,4}T|KST|MSK|IST|JST)(?![\p{L}])/gu, ' ').replace(/\d{4}-\d{2}-\d{2}|\d{1,2}[:.]\d{2}/g, ' '));
}

/** Dates for entries that have none: the incident's day, then the next day after a midnight. */
function fillDates(entries: TimelineEntry[], options: Options): TimelineEntry[] {
  let current = options.day;
  let previousMinutes: number | undefined;
  return entries.map((entry) => {
    const minutes = findTimes(entry.time)[0]?.minutes;
    if (entry.date) {
      current = entry.date;
    } else if (current && minutes !== undefined && previousMinutes !== undefined && previousMinutes - minutes > 6 * 60) {
      // Times that go back by more than six hours in order crossed midnight.
      const next = new Date(`${current}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      current = next.toISOString().slice(0, 10);
    }
    if (minutes !== undefined) previousMinutes = minutes;
    return current && !entry.date ? { ...entry, date: current } : entry;
  });
}

/** The timeline of a timeline slot: its table, its timed lines, or an inline chain on the label's line. */
export function timelineFromSlot(content: SlotContent, options: Options): TimelineEntry[] {
  const section = content.section;
  let entries: TimelineEntry[] = [];
  for (const node of content.nodes) if (node.type === 'table') entries.push(...fromTable(section, node, options));
  const zeroHour = zeroHourOf([content.part.label, ...content.lines.slice(0, 3).map((l) => l.text)]);
  if (entries.length === 0) entries = fromLines(section, content.lines, { ...options, zeroHour });
  if (entries.length === 0) {
    for (const line of content.lines) entries.push(...fromChain(section, line, line.text));
  }
  // A timeline written as a day's date line, then its times: the date above carries down.
  const day = entries.find((e) => e.date)?.date ?? options.day;
  return fillDates(entries, { ...options, day: options.day ?? day });
}

/** Tables anywhere in the candidate whose rows start with times (a timeline under an unnamed heading). */
export function timelineFromTables(section: Section, options: Options): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const node of section.tree.children) {
    if (node.type !== 'table') continue;
    const rows = fromTable(section, node, options);
    if (rows.length >= 3 && rows.length >= (node.children.length - 1) / 2) entries.push(...rows);
  }
  return fillDates(entries, options);
}

/** Timed lines anywhere in the candidate (three or more), for notes without a timeline heading. */
/**
 * A status page's history, newest first: "Resolved - This incident has been resolved." over
 * "Mar 4, 2026 - 10:52 UTC". One entry per update, at the time under it, oldest first.
 */
export function timelineFromStatusUpdates(section: Section, options: Options): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  section.lines.forEach((line, i) => {
    const timed = TIMED_STATUS_UPDATE.exec(line.text);
    if (timed) {
      const time = findTimes(timed[2]!)[0];
      const date = findDates(timed[2]!, options.year)[0]?.date ?? options.day;
      if (time) entries.push({ time: time.text, ...(date && { date }), event: `${timed[1]}: ${clean(timed[3]!)}`, cite: cite(section, line.number) });
      return;
    }
    const update = STATUS_UPDATE.exec(line.text);
    if (!update) return;
    const stamp = section.lines.slice(i + 1, i + 3).find((l) => l.text.trim());
    const time = stamp && findTimes(stamp.text)[0];
    if (!stamp || !time || stamp.text.trim().length > 40) return;
    const date = findDates(stamp.text, options.year)[0]?.date ?? options.day;
    entries.push({ time: time.text, ...(date && { date }), event: `${update[1]}: ${clean(update[2]!)}`, cite: cite(section, line.number, stamp.number) });
  });
  return entries.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || findTimes(a.time)[0]!.minutes - findTimes(b.time)[0]!.minutes);
}

export function timelineFromTimedLines(section: Section, options: Options): TimelineEntry[] {
  const entries = fromLines(section, section.lines, { ...options, zeroHour: zeroHourOf(section.lines.map((l) => l.text)) });
  return entries.filter((e) => e.time).length >= 3 ? fillDates(entries, options) : [];
}
