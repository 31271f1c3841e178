/**
 * Segment: one source → the candidates that may each be a document. Written notes are split by
 * their heading tree (outline.ts); a voice transcript is one candidate; a chat export is split by
 * day. Each candidate carries its classification.
 */
import { toString } from 'mdast-util-to-string';
import { chatMessages } from './chat.ts';
import { aboutSystems, classify, classifyChat, classifySpeech, DECISION_TOLD, standsAlone, toldDecision, toldProcedure, type Classification } from './classify.ts';
import type { NoiseReport } from './noise.ts';
import type { Part } from './outline.ts';
import type { ParsedSource } from './parse.ts';
import { CONTAINER_TITLE, containerKind, DECISION_COLUMN, DECISION_ENTRY, DECISION_ITEM, DECISION_LOG_TITLE, DECISION_ROW, NON_DOCUMENT_SLOTS, SITUATION_TITLE, titleKind, type DocumentKind } from './templates.ts';

export type Range = [number, number];

/** A stretch of a source that may be one document. Lines are 1-based and inclusive. */
export interface Candidate {
  title: string;
  titleLine: number;
  startLine: number;
  endLine: number;
  /** Ranges inside [startLine, endLine] that belong to other documents. */
  excluded: Range[];
  /**
   * Lines outside the candidate that it shares with its siblings: the header of a file of several
   * runbooks (owner, RTO/RPO, escalation), which each of them carries.
   */
  context: Range[];
  classification: Classification;
  /** How the text is written: laid out with headings and labels, spoken, or chat messages. */
  form: 'written' | 'speech' | 'chat';
}

export type SourceForm = Candidate['form'];

interface Section {
  title: string;
  line: number;
  /** Where the section starts when that is above its title: metadata lines over a document's heading. */
  start?: number;
  depth: number;
  endLine: number;
  part?: Part;
  children: Section[];
}

/** Words that tell an incident or a decision, for a short write-up under a container of its kind. */
const GROUPED_CUES: Record<'incident' | 'adr', RegExp> = {
  incident: /(?<![\p{L}])(?:outage|down|failed|failing|errors?|delayed|slow\p{L}*|timeouts?|latency|could not|couldn'?t|incident|не работал\p{L}*|не проходил\p{L}*|упал\p{L}*|отвал\p{L}*|тормоз\p{L}*|ошибк\p{L}*|задерж\p{L}*|недоступ\p{L}*)(?![\p{L}])|장애|오류|에러|지연|실패|느려|늘었/iu,
  adr: /(?<![\p{L}])(?:decided|decision|we will use|we chose|instead of|решили|решение|выбрали|вместо)(?![\p{L}])|결정|채택|쓰기로|하기로/iu,
};

/** Meeting notes: their agenda items may each be a document ("## 1. Last week's DNS incident", "## 2. Decision: …"). */
const MEETING_TITLE = /(?<![\p{L}])(?:weekly|meeting|sync|standup|stand-up|retro|minutes|планёрк\p{L}*|планерк\p{L}*|встреч\p{L}*|созвон\p{L}*|синк|протокол)(?![\p{L}])|회의|미팅|주간/iu;
/** The kind an agenda item's title mentions anywhere in it. */
const MENTIONED_KIND: Array<[DocumentKind, RegExp]> = [
  ['incident', /(?<![\p{L}])(?:incidents?|outages?|post-?mortems?|сбо[йяеи]\p{L}*|инцидент\p{L}*|авари\p{L}*)(?![\p{L}])|장애/iu],
  ['adr', /(?<![\p{L}])(?:decisions?|decided|решени\p{L}*|решили)(?![\p{L}])|결정/iu],
  ['runbook', /(?<![\p{L}])(?:runbooks?|how to|what to do|ранбук\p{L}*|инструкци\p{L}*|что делать)(?![\p{L}])|런북|대응 방법/iu],
];
const mentionedKind = (title: string) => MENTIONED_KIND.find(([, words]) => words.test(title))?.[0];

/** A column of options, and the verdicts an options table gives them. */
const OPTION_COLUMN = /^(?:options?|alternatives?|вариант\p{L}*|альтернатив\p{L}*|옵션|대안)$/iu;
const VERDICT = /^(?:chosen|selected|rejected|declined|yes|no|[✓✔✅✗✘❌]|выбран\p{L}*|отклон[её]н\p{L}*|да|нет|선택|기각)$/iu;

/** A section of a report that lists what remains to do: a runbook in all but name. */
const STEPS_HEADING = /(следующие шаги|оставшиеся шаги|next steps|remaining steps|launch checklist|чек-?лист)/iu;

function buildSections(parsed: ParsedSource, headings: Part[], rootTitle: string, rootLine: number): Section {
  const lastLine = parsed.lines.length;
  const root: Section = { title: rootTitle, line: rootLine, depth: 0, endLine: lastLine, children: [] };
  const stack: Section[] = [root];
  for (const heading of headings) {
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= heading.depth) stack.pop()!.endLine = heading.line - 1;
    const section: Section = { title: heading.label, line: heading.line, depth: heading.depth, endLine: lastLine, part: heading, children: [] };
    stack[stack.length - 1]!.children.push(section);
    stack.push(section);
  }
  return root;
}

const inRanges = (line: number, ranges: Range[]) => ranges.some(([a, b]) => line >= a && line <= b);

/** Drops trailing blank, noise and separator lines so a citation ends on real text. */
function trimEnd(parsed: ParsedSource, noise: NoiseReport, endLine: number, startLine: number): number {
  let line = endLine;
  while (line > startLine && (noise.noiseLines.has(line) || /^\s*([-*_]\s*){0,}$/.test(parsed.lines[line - 1] ?? ''))) line--;
  return line;
}

class Segmenter {
  // Plain fields, not parameter properties: workers run this file with Node's type stripping.
  private readonly parsed: ParsedSource;
  private readonly noise: NoiseReport;
  private readonly parts: Part[];
  private readonly rootUntitled: boolean;

  constructor(parsed: ParsedSource, noise: NoiseReport, parts: Part[], rootUntitled: boolean) {
    this.parsed = parsed;
    this.noise = noise;
    this.parts = parts;
    this.rootUntitled = rootUntitled;
  }

  private text(from: number, to: number, excluded: Range[]): string {
    const out: string[] = [];
    for (let line = from; line <= to; line++) {
      if (this.noise.noiseLines.has(line) || inRanges(line, excluded)) continue;
      out.push(this.noise.cleanedLines.get(line) ?? this.parsed.lines[line - 1] ?? '');
    }
    return out.join('\n');
  }

  /** The evidence of a section, less the ranges given to other documents. */
  evidence(section: Section, excluded: Range[] = []) {
    const untitled = section.depth === 0 && this.rootUntitled;
    const from = untitled ? section.line : (section.start ?? section.line + 1);
    const parts = this.parts.filter((p) => p.line >= (untitled ? 1 : (section.start ?? section.line)) && p.line <= section.endLine && p !== section.part && !inRanges(p.line, excluded));
    return { title: untitled ? '' : section.title, parts, text: this.text(from, section.endLine, excluded) };
  }

  candidate(section: Section, classification: Classification, excluded: Range[] = [], context: Range[] = []): Candidate {
    return {
      title: section.title,
      titleLine: section.line,
      startLine: section.start ?? section.line,
      endLine: trimEnd(this.parsed, this.noise, section.endLine, section.line),
      excluded,
      context,
      classification,
      form: 'written',
    };
  }

  private descendants(section: Section): Section[] {
    return section.children.flatMap((c) => [c, ...this.descendants(c)]);
  }

  /** Sections inside this one whose titles name their kind, outermost only; a container ("Runbook updates") is no document itself. */
  private named(section: Section): Section[] {
    return section.children.flatMap((child) => (titleKind(child.title) && !this.isContainer(child) ? [child] : this.named(child)));
  }

  /** A section that groups documents under it: "Incidents", "Decisions", "Runbook updates". */
  private isContainer(section: Section): boolean {
    return CONTAINER_TITLE.test(section.title) && section.children.length > 0;
  }

  /** Is this section a part of a document (its "Impact", its "Contacts") rather than one? */
  private isPart(section: Section): boolean {
    return section.part?.slot !== undefined;
  }

  /**
   * Children that are documents of their own by structure: a file of scenarios, a report with a
   * postmortem and its procedure. Taken when there are two or more, or the parent holds documents.
   */
  private structural(section: Section): Array<{ section: Section; classification: Classification }> {
    const containers = section.children.filter((c) => this.isContainer(c));
    if (containers.length > 0) return containers.flatMap((c) => this.structural(c));
    const container = CONTAINER_TITLE.test(section.title);
    // Under "Incidents" a short write-up of a few sentences is still an incident; in meeting notes,
    // an agenda item of the kind its title mentions.
    const grouped = container ? containerKind(section.title) : undefined;
    const meeting = !container && section.depth <= 1 && MEETING_TITLE.test(section.title);
    const found = section.children
      .filter((c) => !this.isPart(c) && !NON_DOCUMENT_SLOTS.has(c.part?.slot as never))
      .map((c) => ({ section: c, classification: this.asChild(c, grouped ?? (meeting ? mentionedKind(c.title) : undefined), section.title) }))
      .filter((c): c is { section: Section; classification: Classification } => c.classification !== undefined);
    if (found.length >= 2 || ((container || meeting) && found.length >= 1)) return found;
    // Sections titled with the situation they handle ("Если …", "If …", "… — what to do when it
    // happens again"), each with a procedure: runbooks by structure, beside the documents found.
    const situations = section.children.filter((c) => SITUATION_TITLE.test(c.title) && this.hasProcedure(c) && !found.some((f) => f.section === c));
    const handled = situations.map((c) => ({ section: c, classification: { kind: 'runbook' as const, score: 5, reason: `one of ${situations.length} situations with their own steps` } }));
    if (situations.length >= 2 || (situations.length >= 1 && found.length >= 1)) return [...found, ...handled].sort((a, b) => a.section.line - b.section.line);
    return [];
  }

  /**
   * A section under a container of its kind that tells one of them in a few sentences: an
   * incident that says what failed, a decision that says what was decided, a procedure. The
   * contacts and targets a file of runbooks opens with are none.
   */
  private grouped(section: Section, kind: DocumentKind | undefined, containerTitle: string): Classification | undefined {
    if (!kind) return undefined;
    const text = this.text(section.line + 1, section.endLine, []);
    const found = classify(this.evidence(section));
    // A few sentences: 80 characters, or 40 of Korean, which says as much in half the letters.
    const length = text.replace(/\s+/g, ' ').trim().length;
    // An agenda item titled with its kind ("Last week's DNS incident") needs only to say when, for an incident.
    const timed = MEETING_TITLE.test(containerTitle) && kind === 'incident' && /(?<![\d:])\d{1,2}:\d{2}(?![\d:])/.test(text);
    const tells = kind === 'runbook' ? this.hasProcedure(section) : (length >= 80 || (length >= 40 && /[가-힣]/u.test(text))) && (GROUPED_CUES[kind].test(text) || timed);
    return found.kind === kind || (found.kind === 'none' && tells) ? { kind, score: Math.max(found.score, 1), reason: `one of the ${kind === 'adr' ? 'decisions' : `${kind}s`} under "${containerTitle}"` } : undefined;
  }

  /** Numbered steps or commands under a section. */
  private hasProcedure(section: Section): boolean {
    const text = this.text(section.line + 1, section.endLine, []);
    return /^\s*\d{1,2}[.)]\s+\S/m.test(text) && (/^\s*```/m.test(text) || /`[^`]{4,}`/.test(text) || text.split('\n').filter((l) => /^\s*\d{1,2}[.)]\s/.test(l)).length >= 3);
  }

  /** A section that is a document: itself, less the documents inside it that name their own kind. */
  document(section: Section, classification: Classification, context: Range[] = []): Candidate[] {
    const nested = this.named(section);
    const excluded = nested.map((n): Range => [n.line, n.endLine]);
    const own = this.candidate(section, classification, excluded, context);
    return [own, ...nested.flatMap((n) => this.document(n, classify(this.evidence(n))))];
  }

  /**
   * A decision log: a table with a Decision column, one decision a row. Each row is a record of
   * its own; the header row, which names its cells, is their shared context.
   */
  private decisionLog(section: Section): Candidate[] {
    for (const node of this.parsed.tree.children) {
      if (node.type !== 'table' || node.children.length < 3 || !node.position) continue;
      const { start, end } = node.position;
      if (start.line <= section.line || end.line > section.endLine) continue;
      const header = node.children[0]!.children.map((cell) => toString(cell).trim());
      const column = header.findIndex((h) => DECISION_COLUMN.test(h));
      if (column < 0 || header.some((h) => OPTION_COLUMN.test(h))) continue;
      // An options table with a verdict column ("| Option | Pros | Cons | Decision: chosen |") is one record's options.
      const verdicts = node.children.slice(1).filter((row) => VERDICT.test(toString(row.children[column] ?? row).trim())).length;
      if (verdicts * 2 >= node.children.length - 1) continue;
      return node.children.slice(1).flatMap((row): Candidate[] => {
        const line = row.position!.start.line;
        const title = toString(row.children[column] ?? row).trim();
        if (!title) return [];
        return [{ title, titleLine: line, startLine: line, endLine: line, excluded: [], context: [[start.line, start.line + 1]], classification: { kind: 'adr', score: 5, reason: DECISION_ROW }, form: 'written' }];
      });
    }
    return [];
  }

  /**
   * A decision log written as a list: under a title that says it logs decisions, each item that
   * opens with its day and what was decided is a record of its own, up to the next item.
   */
  private decisionEntries(section: Section): Candidate[] {
    if (!DECISION_LOG_TITLE.test(section.title)) return [];
    const lines = this.parsed.lines;
    const starts: number[] = [];
    for (let n = section.line + 1; n <= section.endLine; n++) if (DECISION_ENTRY.test(lines[n - 1] ?? '')) starts.push(n);
    // A family's or a reading log in the same shape records no architecture decision.
    if (starts.length < 2 || !aboutSystems(this.evidence(section))) return [];
    return starts.map((line, i): Candidate => {
      let end = line;
      const limit = i + 1 < starts.length ? starts[i + 1]! - 1 : section.endLine;
      // An entry's wrapped or nested lines are its own; a blank line or the next item ends it.
      while (end < limit && /^\s{2,}\S/.test(lines[end] ?? '')) end++;
      const title = DECISION_ENTRY.exec(lines[line - 1]!)![2]!.trim();
      return { title, titleLine: line, startLine: line, endLine: end, excluded: [], context: [], classification: { kind: 'adr', score: 5, reason: DECISION_ITEM }, form: 'written' };
    });
  }

  /** Which sections are documents (see the comment of `segment`). */
  pick(section: Section): Candidate[] {
    if (section.depth > 0 && (this.isPart(section) || NON_DOCUMENT_SLOTS.has(section.part?.slot as never))) return [];
    const log = this.decisionLog(section);
    if (log.length >= 2) return log;
    const entries = this.decisionEntries(section);
    if (entries.length >= 2) return entries;
    const named = this.named(section);
    const pieces = named.length > 0 ? [...named.map((s) => ({ section: s, classification: classify(this.evidence(s)) })), ...this.situationsBeside(section, named), ...this.agendaBeside(section, named)] : this.structural(section);
    if (pieces.length > 0) {
      const ranges = pieces.map(({ section: s }): Range => [s.line, s.endLine]);
      const rest = this.evidence(section, ranges);
      const restKind = classify(rest);
      const kinds = new Set<DocumentKind | 'none'>(pieces.map((p) => p.classification.kind));
      // What is left is a document of another kind (the postmortem before its runbook), or the
      // context the pieces share (the owner and escalation above several runbooks).
      const restIsDocument = restKind.kind !== 'none' && !kinds.has(restKind.kind) && (titleKind(rest.title) || standsAlone(rest));
      const context: Range[] = restIsDocument ? [] : this.outside(section, ranges);
      const documents = pieces.flatMap(({ section: s, classification }) => this.document(s, classification, context));
      if (restIsDocument) documents.unshift(this.candidate(section, restKind, ranges));
      return documents.sort((a, b) => a.startLine - b.startLine);
    }
    const whole = classify(this.evidence(section));
    // A report's "remaining steps" section is its runbook; the rest of the report is its context.
    const steps = whole.kind === 'incident' || whole.kind === 'adr' ? undefined : this.descendants(section).find((d) => STEPS_HEADING.test(d.title));
    if (steps) {
      const found = classify(this.evidence(steps));
      if (found.kind === 'runbook') return [this.candidate(steps, found)];
    }
    if (whole.kind !== 'none') return [this.candidate(section, whole)];
    return section.children.flatMap((c) => this.pick(c));
  }

  /** In meeting notes, the agenda items beside those that name their kind, of the kind their titles mention. */
  private agendaBeside(section: Section, named: Section[]): Array<{ section: Section; classification: Classification }> {
    const meeting = MEETING_TITLE.test(section.title) ? section : section.children.length === 1 && MEETING_TITLE.test(section.children[0]!.title) ? section.children[0]! : undefined;
    if (!meeting) return [];
    return meeting.children
      .filter((c) => !named.some((n) => n.line >= c.line && n.endLine <= c.endLine) && !this.isPart(c))
      .map((c) => ({ section: c, classification: this.asChild(c, mentionedKind(c.title), meeting.title) }))
      .filter((c): c is { section: Section; classification: Classification } => c.classification !== undefined);
  }

  /** A child section that is a document by its own structure, or as one of the kind its parent groups. */
  private asChild(child: Section, kind: DocumentKind | undefined, parentTitle: string): Classification | undefined {
    return standsAlone(this.evidence(child)) ?? this.grouped(child, kind, parentTitle);
  }

  /** Beside documents that name their kind, the sections titled with a situation and holding its steps ("## Если …") are runbooks. */
  private situationsBeside(section: Section, named: Section[]): Array<{ section: Section; classification: Classification }> {
    return section.children
      .filter((c) => !named.some((n) => n.line >= c.line && n.endLine <= c.endLine) && !this.isPart(c) && SITUATION_TITLE.test(c.title) && this.hasProcedure(c))
      .map((c) => ({ section: c, classification: { kind: 'runbook' as const, score: 5, reason: 'a situation with its own steps beside a document that names its kind' } }));
  }

  /** The lines of a section outside the given ranges, as ranges. */
  private outside(section: Section, ranges: Range[]): Range[] {
    const out: Range[] = [];
    let from = section.depth === 0 ? this.parsed.bodyStartLine : section.line;
    for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
      if (a > from) out.push([from, a - 1]);
      from = Math.max(from, b + 1);
    }
    if (from <= section.endLine) out.push([from, section.endLine]);
    return out;
  }
}

/**
 * What a voice note is: an incident told, or, failing that, a runbook or decision dictated with
 * its kind said first ("Runbook: restart the queue worker. 1. Check the backlog. 2. …").
 */
function spokenKind(text: string): Classification {
  const spoken = classifySpeech(text);
  if (spoken.kind !== 'none') return spoken;
  const opening = text.trim().split(/(?<=[.!?])\s+/)[0] ?? '';
  const dictated = classify({ title: opening, parts: [], text });
  if (dictated.kind !== 'none') return { ...dictated, reason: `dictated: ${dictated.reason}` };
  // Or a decision told after a call: the options weighed, the one taken, why or at what cost.
  const decision = toldDecision(text);
  if (decision) return { kind: 'adr', score: decision.cues.length, reason: `${DECISION_TOLD}: ${decision.cues.join(', ')}` };
  // Or a procedure explained aloud, in the order of its work ("this is how you …, first …, then run df -h").
  const procedure = toldProcedure(text);
  return procedure ? { kind: 'runbook', score: procedure.cues.length, reason: `a procedure told aloud: ${procedure.cues.join(', ')}` } : spoken;
}

/** A transcript is one candidate: speech has no structure to split by. */
function segmentSpeech(parsed: ParsedSource, noise: NoiseReport, fallbackTitle: string): Candidate[] {
  const text = parsed.lines.slice(parsed.bodyStartLine - 1).filter((_, i) => !noise.noiseLines.has(parsed.bodyStartLine + i)).join('\n');
  return [
    {
      title: fallbackTitle,
      titleLine: parsed.bodyStartLine,
      startLine: parsed.bodyStartLine,
      endLine: trimEnd(parsed, noise, parsed.lines.length, parsed.bodyStartLine),
      excluded: [],
      context: [],
      classification: spokenKind(text),
      form: 'speech',
    },
  ];
}

/**
 * A chat export is split by day: an incident told in messages one day and a decision thread the
 * next are two documents. Neighbouring days of the same kind are one document (an incident that
 * runs past midnight). The export's header (channel, zone) is context of every document.
 */
function segmentChat(parsed: ParsedSource, noise: NoiseReport, fallbackTitle: string): Candidate[] {
  const messages = chatMessages(parsed.lines, parsed.bodyStartLine);
  const days: Array<{ date?: string; from: number; to: number }> = [];
  for (const message of messages) {
    const last = days[days.length - 1];
    if (last && last.date === message.date) last.to = message.endLine;
    else days.push({ date: message.date, from: message.line, to: message.endLine });
  }
  const header: Range[] = messages[0]!.line > parsed.bodyStartLine ? [[parsed.bodyStartLine, messages[0]!.line - 1]] : [];
  const classified = days.map((day) => ({ ...day, classification: classifyChat(parsed.lines.slice(day.from - 1, day.to).join('\n')) }));
  const merged: typeof classified = [];
  for (const day of classified) {
    const last = merged[merged.length - 1];
    if (last && last.classification.kind === day.classification.kind) last.to = day.to;
    else merged.push({ ...day });
  }
  const candidates = merged
    .filter((d) => d.classification.kind !== 'none')
    .map(
      (d): Candidate => ({
        title: fallbackTitle,
        titleLine: d.from,
        startLine: d.from,
        endLine: trimEnd(parsed, noise, d.to, d.from),
        excluded: [],
        context: header,
        classification: d.classification,
        form: 'chat',
      }),
    );
  if (candidates.length > 0) return candidates;
  const reason = merged.map((d) => d.classification.reason).join('; ');
  return [{ title: fallbackTitle, titleLine: parsed.bodyStartLine, startLine: parsed.bodyStartLine, endLine: parsed.lines.length, excluded: [], context: [], classification: { kind: 'none', score: 0, reason }, form: 'chat' }];
}

/** Lines above a heading that are only labelled values, blank lines or noise, with a value among them. */
function metadataAbove(parsed: ParsedSource, noise: NoiseReport, parts: Part[], headingLine: number): boolean {
  const labelled = new Set(parts.filter((p) => p.form === 'label' && p.line < headingLine).map((p) => p.line));
  // A record table above it ("| Created | Status |" over its values) is metadata too.
  const table = parts.some((p) => p.form === 'row' && p.slot && p.line < headingLine);
  let values = 0;
  for (let line = parsed.bodyStartLine; line < headingLine; line++) {
    if (!parsed.lines[line - 1]!.trim() || noise.noiseLines.has(line)) continue;
    if (!labelled.has(line) && !(table && /^\s*\|/.test(parsed.lines[line - 1]!))) return false;
    values++;
  }
  return values > 0;
}

/**
 * Splits a source into document candidates. For written notes, by these rules, in order:
 * - a section whose title is a template slot ("Impact", "Контакты") is a part, never a document;
 *   neither is an overview, a table of contents or a list of references;
 * - sections titled with their kind ("Postmortem —", "ADR-014 —", "Runbook: …") are documents,
 *   and so are the children of a container ("Аварийные сценарии", "Runbooks") or two or more
 *   siblings that each classify by structure on their own (a file of scenarios);
 * - what the documents leave of their parent is a document of another kind (the postmortem whose
 *   procedure follows it) or the context they share (owner, RTO/RPO, escalation);
 * - otherwise the section itself, if it classifies; failing that, its subsections; failing that,
 *   a report's "remaining steps" section.
 * When nothing classifies, the whole source comes back as one candidate of kind `none`, so the
 * run report can say why nothing was published.
 */
export function segment(parsed: ParsedSource, noise: NoiseReport, parts: Part[], fallbackTitle: string, form: SourceForm = 'written'): Candidate[] {
  if (form === 'speech') return segmentSpeech(parsed, noise, fallbackTitle);
  if (form === 'chat') return segmentChat(parsed, noise, fallbackTitle);
  const headings = parts.filter((p) => p.form === 'heading');
  // A single level-1 heading at the top names the whole source rather than a section.
  const levelOne = headings.filter((h) => h.depth === 1);
  const topHeading = headings[0]?.depth === 1 && levelOne.length === 1 ? headings[0] : undefined;
  const root = buildSections(parsed, topHeading ? headings.slice(1) : headings, topHeading?.label ?? fallbackTitle, topHeading?.line ?? parsed.bodyStartLine);
  // "**Date:** … **Severity:** …" above the title (Google Docs, Confluence) is the document's own metadata.
  if (topHeading && metadataAbove(parsed, noise, parts, topHeading.line)) root.start = parsed.bodyStartLine;
  const segmenter = new Segmenter(parsed, noise, parts, !topHeading);
  const documents = segmenter.pick(root);
  if (documents.length > 0) return documents;
  const reason = classify(segmenter.evidence(root)).reason;
  return [segmenter.candidate(root, { kind: 'none', score: 0, reason })];
}
