/**
 * Evidence: a value read from one line is often stated again elsewhere in the note (the date in
 * the title and in the first sentence, the root cause in its section and in the summary). A
 * reader checking the claim should find every line that says it, so a field's citation is
 * widened to the other lines that state the same thing, a few at most.
 */
import type { Citation, CitedText, LineCitation } from '../../schemas/index.ts';
import { cite, type Line, type Section } from './section.ts';
import { findDates, findTimes, readSeverity } from './values.ts';

const MAX_MORE = 2;

/** Adds to a citation the lines that pass `states`, other than those it already cites. */
export function widen(section: Section, citations: Citation[], states: (line: Line) => boolean, lines: Line[] = section.lines): Citation[] {
  const cited = new Set(citations.flatMap((c) => ('lines' in c ? Array.from({ length: c.lines[1] - c.lines[0] + 1 }, (_, i) => c.lines[0] + i) : [])));
  // A line that states a value says so early: a long paragraph is read to its first 2,000 characters.
  // A line given twice (a slot's and the opening's) is cited once.
  const more = [...new Map(lines.map((l) => [l.number, l])).values()]
    .filter((l) => !cited.has(l.number) && l.text.trim() && states(l.text.length > 2000 ? { number: l.number, text: l.text.slice(0, 2000) } : l))
    .slice(0, MAX_MORE);
  return more.length > 0 ? [...citations, ...more.flatMap((l) => cite(section, l.number))] : citations;
}

export function widenText<T extends CitedText>(section: Section, value: T | undefined, states: (line: Line) => boolean, lines?: Line[]): T | undefined {
  return value ? { ...value, cite: widen(section, value.cite, states, lines) } : value;
}

/** Lines that give the same date, in any of the shapes dates are written in. */
export const givesDate = (date: string, year?: number) => {
  const day = String(Number(date.slice(8, 10)));
  return (line: Line) => line.text.includes(day) && findDates(line.text, year).some((d) => d.date === date);
};

/** Lines that give the same clock time. */
export const givesTime = (time: string) => {
  const minutes = findTimes(time)[0]?.minutes;
  return (line: Line) => minutes !== undefined && findTimes(line.text).some((t) => t.minutes === minutes);
};

/** Lines that give the same severity level. */
export const givesSeverity = (value: string) => (line: Line) => {
  const index = line.text.search(/(?<![\p{L}])(?:sev|severity|серь[её]зност|심각도)/iu);
  return index >= 0 && readSeverity(line.text.slice(index))?.value === value;
};

/** Lines that name the same thing (a service, a record number), ignoring case. */
export const namesIt = (value: string) => {
  const needle = value.trim().toLowerCase();
  return (line: Line) => needle.length >= 2 && line.text.toLowerCase().includes(needle);
};

/** The first line a citation points at. */
export function firstLine(citations: Citation[]): number | undefined {
  return (citations.find((c) => 'lines' in c) as LineCitation | undefined)?.lines[0];
}
