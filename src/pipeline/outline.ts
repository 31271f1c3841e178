/**
 * Outline: the labelled parts of a source, read once and shared by segmentation, classification
 * and extraction. A part is a heading, a `Label: value` line (`**Серьёзность:** SEV-2`,
 * `Root cause: …`, `- **서비스:** …`), a row of a two-column table (`| Status | Accepted |`) or a
 * frontmatter key. Each part names the template slot its label belongs to, if any (templates.ts).
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { readMessageLine } from './chat.ts';
import type { NoiseReport } from './noise.ts';
import type { ParsedSource } from './parse.ts';
import { looksLikeCommand } from './shell.ts';
import { findTimes } from './extract/values.ts';
import { LINE_MARK, momentOf, retroColumnSlots, slotOf, type Slot } from './templates.ts';

export interface Part {
  /** The label as written, without markup. */
  label: string;
  slot?: Slot;
  form: 'heading' | 'label' | 'row' | 'frontmatter';
  /** Heading level 1–6; labels, rows and frontmatter keys rank below every heading. */
  depth: number;
  /** Source line of the label (1-based). */
  line: number;
  /** The value on the label's own line (labels, rows, frontmatter); empty for a label that introduces what follows. */
  value: string;
  /** A heading that names two slots ("Root cause and resolution", «Причина и решение», "원인 및 조치"): the second. */
  also?: Slot;
  /** For headings: the last line of the heading's section. */
  endLine?: number;
  /** For a heading written over two lines (setext: "Summary" over "-------"), its underline's line. */
  lastLine?: number;
}

/** Depth of everything that is not a heading: below `######`. */
export const LABEL_DEPTH = 7;

/** Lines inside fenced or indented code: never headings, labels or noise. */
const codeLines = new WeakMap<Root, Set<number>>();

export function codeLineSet(tree: Root): Set<number> {
  const known = codeLines.get(tree);
  if (known) return known;
  const lines = new Set<number>();
  codeLines.set(tree, lines);
  visit(tree, 'code', (node) => {
    for (let l = node.position!.start.line; l <= node.position!.end.line; l++) lines.add(l);
  });
  return lines;
}

/**
 * Chat answers separate parts with `---`, which markdown reads as underlining the line above
 * (a setext heading). A "heading" that ends in punctuation or runs long is that mistake.
 */
function isSeparatorNotHeading(parsed: ParsedSource, endLine: number, text: string): boolean {
  const underline = parsed.lines[endLine - 1] ?? '';
  if (!/^\s*-{3,}\s*$/.test(underline) || /^\s*#/.test(parsed.lines[endLine - 2] ?? '')) return false;
  return /[:.!?,;]$/.test(text.trim()) || text.length > 80;
}

/**
 * Chat answers paste shell snippets without a fence, and their `# comments` parse as headings.
 * A "heading" right before or after a command line is such a comment.
 */
function isShellComment(parsed: ParsedSource, line: number): boolean {
  const near = (from: number, step: number) => {
    for (let n = from; n >= 1 && n <= parsed.lines.length; n += step) {
      const text = parsed.lines[n - 1]!;
      if (text.trim()) return text;
    }
    return '';
  };
  return looksLikeCommand(near(line + 1, 1)) || looksLikeCommand(near(line - 1, -1));
}

/**
 * A line that titles a document in text pasted without markdown: "Postmortem — …", "ADR-022 — …",
 * "Runbook — …", "사후 분석 — …", "런북 — …", «Решение — …» (a decision only with a dash: «Решение: …» is a label).
 * The marker word and a dash are what make it a title.
 */
export const KIND_LINE =
  /^\s*(?:\p{Extended_Pictographic}\s*)?(?:Post-?mortem|Incident|ADR[-\s]?\d+|Runbook|Playbook|Постмортем|Инцидент|Ранбук|사후 분석|장애 보고서|포스트모템|런북|플레이북)(?![\p{L}\d])\s*[—–:-]\s+\S|^\s*(?:\p{Extended_Pictographic}\s*)?(?:Decision|Решение|결정|의사결정)\s*[—–]\s+\S/iu;

const MARKED_NAME = /^(?:\[([^\]\[]{2,40})\]|【([^】]{2,40})】|[■□▶▷◆◇※]\s*(.{2,40}))$/u;

/** A plain line that is only a section name ("Summary", "개요", "Timeline (UTC)"): a heading in pasted text. */
function isBareSectionName(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 60 || /[.!?,;:：]$/.test(trimmed) || /[:：]\s*\S/.test(trimmed) || /^[-*+>|#\d]/.test(trimmed)) return false;
  // "TODO" or "TBD" alone is what a section still lacks, not a section.
  if (/^(?:todo|tbd|wip|n\/a|tba)$/i.test(trimmed)) return false;
  return trimmed.split(/\s+/).length <= 6 && slotOf(trimmed, 2) !== undefined;
}

/** Slots a section's text tells (not one-value fields such as an owner or a date), which two may share. */
const TOLD_SLOTS = new Set<Slot>(['summary', 'whatHappened', 'impact', 'rootCause', 'resolution', 'detection', 'followUps', 'lessons', 'timeline', 'mitigation', 'context', 'decision', 'consequences', 'steps', 'verification', 'rollback']);

/** "Root cause and resolution", «Причина и решение», "원인 및 조치", "Cause / Fix": the slot the name's second half names. */
function secondSlot(text: string, first: Slot): Slot | undefined {
  const halves = text.split(/\s+(?:and|и|및)\s+|\s*[&/]\s*/u);
  if (halves.length !== 2) return undefined;
  const second = slotOf(halves[1]!, 1)?.slot;
  return second && TOLD_SLOTS.has(second) && second !== first && slotOf(halves[0]!, 1)?.slot === first ? second : undefined;
}

/** Slots that hold one value, which a heading may carry after a colon. */
const VALUE_SLOTS = new Set<Slot>(['status', 'date', 'deciders', 'severity', 'owner', 'author', 'lastVerified', 'rto', 'rpo', 'supersedes', 'supersededBy', 'incidentId', 'commander', 'duration']);

function headings(parsed: ParsedSource, noise: NoiseReport, code: Set<number>): Part[] {
  const found = new Map<number, Part>();
  visit(parsed.tree, 'heading', (node) => {
    const line = node.position!.start.line;
    const text = toString(node).trim();
    if (!text || isSeparatorNotHeading(parsed, node.position!.end.line, text)) return;
    // Only a one-"#" heading can be a pasted shell comment; "### Impact" is a heading.
    if (node.depth === 1 && isShellComment(parsed, node.position!.end.line)) return;
    if (noise.noiseLines.has(line)) return;
    const last = node.position!.end.line;
    // "## Status: Accepted", "## Date: 2026-03-03": a field written as a heading is that field's label and value.
    const field = /^([^:：]{2,30})[:：]\s+(\S.{0,80})$/u.exec(text);
    const fieldSlot = field ? slotOf(field[1]!, 0)?.slot : undefined;
    if (field && fieldSlot && VALUE_SLOTS.has(fieldSlot)) {
      found.set(line, { label: field[1]!.trim(), slot: fieldSlot, form: 'label', depth: LABEL_DEPTH, line, value: field[2]!.trim() });
      return;
    }
    // "Timeline (all times PST) DATE RANGE. All times approximations": the name before its note.
    const slot = slotOf(text)?.slot ?? slotOf(text.replace(/\s*(?:\(|[.:—–]\s).*$/u, ''), 1)?.slot;
    const also = slot ? secondSlot(text, slot) : undefined;
    found.set(line, { label: text, slot, form: 'heading', depth: node.depth, line, value: '', ...(also && { also }), ...(last > line && { lastLine: last }) });
  });
  for (let index = parsed.bodyStartLine - 1; index < parsed.lines.length; index++) {
    const line = index + 1;
    if (found.has(line) || code.has(line) || noise.noiseLines.has(line)) continue;
    const text = (noise.cleanedLines.get(line) ?? parsed.lines[index]!).trim();
    // A line that is only bold ("**Action items**") is a heading in documents written without them;
    // so is a name in brackets or after a square mark ("[장애 개요]", "【원인】", "■ 조치 사항"), as
    // plain-text reports, Korean ones above all, set their sections apart.
    const name = /^(\*\*|__)([^*_]+)\1$/.exec(text)?.[2]?.trim() ?? MARKED_NAME.exec(text)?.slice(1).find(Boolean)?.trim() ?? text;
    // "1. **What happened?**" over its indented answer: a review asked as a numbered list, each item a section.
    // Only a question: "1. **Проверка диска:**" over its commands is a step of a procedure.
    const asked = /^(?:\d{1,2}[.)]|[-*+])\s+(\*\*|__)([^*_]+[?？])\1$/.exec(text)?.[2]?.trim();
    const askedSlot = asked && /^\s{2,}\S/.test(parsed.lines[index + 1] ?? '') ? slotOf(asked.replace(/[?？]$/, ''), 4)?.slot : undefined;
    if (asked && askedSlot) {
      found.set(line, { label: asked, slot: askedSlot, form: 'heading', depth: 3, line, value: '' });
      continue;
    }
    if (/[—–:-]/.test(text) && KIND_LINE.test(text)) found.set(line, { label: text, form: 'heading', depth: 2, line, value: '' });
    // A bare name needs its content right below it; a bold one (Google Docs' export) or one in
    // capitals ("ROOT CAUSE", a plain-text report's heading) may have a blank line first.
    // So may one that stands between blank lines, as a tracker's copy sets "Комментарии" apart.
    else if (isBareSectionName(name) && ((parsed.lines[index + 1] ?? '').trim() !== '' || ((name !== text || (/\p{Lu}{3}/u.test(name) && name === name.toUpperCase()) || ((parsed.lines[index - 1] ?? '').trim() === '' && slotOf(name, 0) !== undefined)) && (parsed.lines[index + 2] ?? '').trim() !== ''))) {
      found.set(line, { label: name, slot: slotOf(name, 2)?.slot, form: 'heading', depth: 3, line, value: '' });
    }
  }
  for (const part of numberedSections(parsed, code, noise, found)) found.set(part.line, part);
  const sorted = [...found.values()].sort((a, b) => a.line - b.line);
  // A heading's section runs to the next heading of the same or a higher level.
  sorted.forEach((heading, i) => {
    const next = sorted.slice(i + 1).find((h) => h.depth <= heading.depth);
    heading.endLine = (next?.line ?? parsed.lines.length + 1) - 1;
  });
  return sorted;
}

/** What opens a labelled line before its label: a quote, a bullet or a report's mark, a checkbox, emoji. */
const MARKED_LINE_START = new RegExp(String.raw`^\s*(?:>\s*)*(?:${LINE_MARK}\s+|\d{1,2}[.)]\s+)?(?:\[[ xX]\]\s+)?(?:(?:\p{Extended_Pictographic}|\uFE0F)\s*)*`, 'u');

/**
 * "1. 장애 개요", «2. Причина», "3. Resolution" at the start of a line, each over its own content:
 * a plain-text report numbers its sections as a list. Two at least, each with something under it
 * (a run of names with nothing between is a table of contents, and a lone one a step).
 */
function numberedSections(parsed: ParsedSource, code: Set<number>, noise: NoiseReport, found: Map<number, Part>): Part[] {
  const named: Array<{ line: number; name: string }> = [];
  for (let index = parsed.bodyStartLine - 1; index < parsed.lines.length; index++) {
    const line = index + 1;
    if (found.has(line) || code.has(line) || noise.noiseLines.has(line)) continue;
    const match = /^(\d{1,2})[.)]\s+([^\s].{1,40}?)\s*$/u.exec(parsed.lines[index]!);
    if (match && isBareSectionName(match[2]!)) named.push({ line, name: match[2]! });
  }
  if (named.length < 2) return [];
  const told = named.every(({ line }, i) => parsed.lines.slice(line, (named[i + 1]?.line ?? parsed.lines.length + 1) - 1).some((l) => l.trim()));
  if (!told) return [];
  return named.map(({ line, name }) => ({ label: name, slot: slotOf(name, 2)?.slot, form: 'heading', depth: 3, line, value: '' }));
}

const BOLD_LABEL = /^\*\*([^*\n]{1,60}?)\*\*\s*(\([^)]*\))?\s*[:：—–]\s*(.*)$|^\*\*([^*\n]{1,60}?)\s*[:：]\s*\*\*\s*(.*)$/u;
/** A colon between digits is a time's ("… alert. By 07:30 UTC …"), not a label's. */
const PLAIN_LABEL = /^([\p{L}][\p{L}\p{N} /'’&.-]{0,48}?)\s*(\([^)]*\))?\s*[:：](?!\/\/)(?!(?<=\d[:：])\d)\s*(.*)$/u;
/** A line that only introduces what follows may say more: "Alternatives discussed in the review on 2026-01-20:". */
const INTRODUCING_LABEL = /^([\p{L}][\p{L}\p{N} ,/'’&.-]{0,80}?)\s*(\([^)]*\))?\s*[:：]\s*$/u;

interface LabelMatch {
  label: string;
  value: string;
  bold: boolean;
}

function readLabel(segment: string): LabelMatch | undefined {
  const text = segment.trim();
  const bold = BOLD_LABEL.exec(text);
  if (bold) {
    const label = (bold[1] ?? bold[4])!.trim();
    const value = (bold[3] ?? bold[5] ?? '').replace(/^\*\*\s*/, '').trim();
    return { label: label.replace(/[:：]$/, '').trim(), value, bold: true };
  }
  const plain = PLAIN_LABEL.exec(text);
  if (plain && plain[1]!.trim().split(/\s+/).length <= 6) return { label: plain[1]!.trim(), value: plain[3]!.trim(), bold: false };
  const introducing = INTRODUCING_LABEL.exec(text);
  if (introducing && introducing[1]!.trim().split(/\s+/).length <= 10) return { label: introducing[1]!.trim(), value: '', bold: false };
  return undefined;
}

// "Severity: Major | Status: Closed", «Тип: Инцидент   Приоритет: Критический»: a bar or a wide gap
// between fields, as a tool's header line sets them, when a label follows it.
const SEGMENT_CUT = /\s+·\s+|(?:\s+\|\s+|\s{3,})(?=\p{L}[\p{L} -]{1,30}[:：]\s)|(?=\s\*\*[^*\n]{1,40}?(?:[:：]\*\*|\*\*\s*[:：]))|(?<=[.;]\s)(?=[\p{Lu}][\p{L} -]{1,30}[:：]\s)/gu;
const CHAT_SEGMENT_CUT = /\s+·\s+|(?:\s+\|\s+|\s{3,})(?=\p{L}[\p{L} -]{1,30}[:：]\s)|(?=\s\*\*[^*\n]{1,40}?(?:[:：]\*\*|\*\*\s*[:：]))|(?<=[.;]\s)(?=\p{L}[\p{L} -]{1,30}[:：]\s)/gu;

/**
 * One line split into its labelled segments: "Date: … · Severity: … · Status: …",
 * "**RTO:** 15 минут. **RPO:** до 1 секунды", "Status: Accepted on … Deciders: …". In a chat
 * people write in lower case, so a label after a sentence ("… marking resolved. follow-up: …") may too.
 */
function segments(text: string, chat = false): Array<{ text: string; start: number }> {
  // Most lines hold one label at most: no "·", no second bold label, no second colon.
  // Several labels share only a short line; a paragraph of prose is never split.
  if (text.length > 500) return [{ text, start: 0 }];
  const colon = text.indexOf(':');
  const sentenceThenLabel = chat ? /[.;]\s+\p{L}/u : /[.;]\s+\p{Lu}/u;
  const single = colon === text.lastIndexOf(':') && !text.includes('：') && !sentenceThenLabel.test(text.slice(0, colon));
  if (single && !text.includes('·') && !/\*\*.*\*\*.*\*\*/.test(text)) return [{ text, start: 0 }];
  const cut = chat ? CHAT_SEGMENT_CUT : SEGMENT_CUT;
  const out: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (const match of text.matchAll(cut)) {
    out.push({ text: text.slice(start, match.index), start });
    start = match.index + match[0].length;
  }
  out.push({ text: text.slice(start), start });
  return out.filter((s) => s.text.trim());
}

/** Where a message's text starts on a chat line, so labels at the start of a message are read too. */
function stripChatPrefix(line: string): string {
  const message = readMessageLine(line);
  return message ? message.text : line;
}

/** A short sentence that points at the list right under it ("…다음을 진행하겠습니다.", «…сделаем следующее.»). */
function introducesList(text: string, next: string): boolean {
  const t = text.trim();
  return t.length <= 120 && /[.。]$/.test(t) && !/[:：]/.test(t) && /(?<![\p{L}])(?:following|below|следующ\p{L}*|ниже)(?![\p{L}])|(?:다음|아래)(?:과 같이|와 같이|을|를|의)?(?![\p{L}])/iu.test(t) && /^\s*(?:[-*+•]|\d{1,2}[.)])\s+\S/.test(next);
}

function labelLines(parsed: ParsedSource, noise: NoiseReport, code: Set<number>, headingLines: Set<number>, chat: boolean): Part[] {
  const parts: Part[] = [];
  for (let index = parsed.bodyStartLine - 1; index < parsed.lines.length; index++) {
    const line = index + 1;
    if (code.has(line) || noise.noiseLines.has(line) || headingLines.has(line)) continue;
    let text = noise.cleanedLines.get(line) ?? parsed.lines[index]!;
    if (chat) text = stripChatPrefix(text);
    const listItem = /^\s*(?:>\s*)*(?:[-*+•]|\d{1,2}[.)])\s+/.exec(text);
    // Leading emoji ("⚠️ Внимание:") and checkboxes are not part of a label.
    // A plain-text report's square and round marks ("■ 원인: …", "● Причина: …") stand where a list's bullet would.
    const body = text.replace(MARKED_LINE_START, '');
    // "재발 방지를 위해 다음을 진행하겠습니다." over a list: a sentence that announces the list is its label.
    if (!listItem && introducesList(body, parsed.lines[index + 1] ?? '')) {
      const said = body.trim().replace(/[.。]$/, '');
      // A sentence puts a particle after its subject ("재발 방지를 위해"); a label has none.
      const named = slotOf(said.replace(/^((?:\S+\s){0,2}\p{Script=Hangul}+?)(?:을|를|은|는|이|가|의)(?=\s)/u, '$1'), 8)?.slot;
      if (named) parts.push({ label: body.trim(), slot: named, form: 'label', depth: LABEL_DEPTH, line, value: '' });
      continue;
    }
    // Every label has a colon after it, or is bold with a dash ("**Bad rollout** — …").
    if (/^\|/.test(body) || (!/[:：]/.test(body) && !/^\*\*[^*]+\*\*\s*[—–]/.test(body))) continue;
    const pieces = segments(body, chat);
    // In a chat, "name: …" after a sentence is someone addressed ("chen: X. bogdan: Y"), not a new label.
    const read = pieces.map((piece) => ({ piece, match: readLabel(piece.text) })).filter((r) => r.match);
    const labelled = chat ? read.filter((r, k) => k === 0 || slotOf(r.match!.label, 5)) : read;
    labelled.forEach(({ piece, match }, k) => {
      // The value runs on over segments that are not labels ("Timeline: 07:40 … · 08:05 …"), up to the next label.
      const end = k + 1 < labelled.length ? labelled[k + 1]!.piece.start : body.length;
      const valueStart = match!.value ? body.indexOf(match!.value, piece.start) : piece.start + piece.text.length;
      const value = body.slice(valueStart, end).replace(/\s+[·|]\s*$/, '').trim();
      const introduces = value === '';
      // In a numbered list, an item is a section only when it says nothing but the name ("5. **Эскалация:**").
      const numbered = listItem !== null && /\d/.test(listItem[0]);
      const slot = slotOf(match!.label, numbered ? 0 : introduces ? 8 : 5)?.slot ?? (isMoment(match!.label, value) ? 'moment' : undefined);
      // Bold labels in running text are labels whatever they say; in lists, and plain ones, only known names are.
      if (!slot && !(match!.bold && !listItem)) return;
      if (!slot && labelled.length > 1) return;
      parts.push({ label: match!.label, slot, form: 'label', depth: LABEL_DEPTH, line, value });
    });
  }
  return parts;
}

/** The cells of a pipe-table row: `| Status | Accepted |` → ["Status", "Accepted"]. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** What a table's header names its second column, as opposed to a value ("| Status | Accepted |"). */
const COLUMN_NAME = /^(?:values?|descriptions?|details?|events?|what happened|notes?|comments?|contents?|info|значени[ея]|описание|событи[ея]|содержание|что произошло|комментари[йи]|내용|값|설명|이벤트|비고)$/iu;

/**
 * Rows of two-column tables, read from the lines: a table pasted right under a title line is
 * a paragraph to a markdown parser (a table cannot interrupt one), but it is still a table.
 */
function tableRows(parsed: ParsedSource, code: Set<number>): Part[] {
  const parts: Part[] = [];
  const lines = parsed.lines;
  for (let index = parsed.bodyStartLine - 1; index < lines.length; index++) {
    if (code.has(index + 1) || !/^\s*\|/.test(lines[index]!) || !/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(lines[index + 1] ?? '')) continue;
    if (index > 0 && /^\s*\|/.test(lines[index - 1]!) && !code.has(index)) continue;
    const columns = cells(lines[index]!).length;
    // "| Created | Status |" over one row "| 2021-01-16 | Open |": each header names the cell below it.
    const header = cells(lines[index]!).map((c) => c.replace(/\*\*|__|`/g, '').trim());
    const onlyRow = /^\s*\|/.test(lines[index + 2] ?? '') && !/^\s*\|/.test(lines[index + 3] ?? '') ? cells(lines[index + 2]!) : undefined;
    if (onlyRow && columns >= 2 && onlyRow.length === columns && header.every((h) => slotOf(h, 1)) && !onlyRow.some((c) => slotOf(c.replace(/\*\*|__|`/g, '').trim(), 1))) {
      header.forEach((label, k) => parts.push({ label, slot: slotOf(label, 1)!.slot, form: 'row', depth: LABEL_DEPTH + 1, line: index + 3, value: onlyRow[k]!.replace(/\*\*|__|`/g, '').trim() }));
      index += 2;
      continue;
    }
    // "| Status | Accepted |" over "|---|---|": a record table whose header is its first row.
    const [first, second] = cells(lines[index]!).map((c) => c.replace(/\*\*|__|`/g, '').trim());
    if (columns === 2 && first && second && slotOf(first) && !COLUMN_NAME.test(second)) {
      parts.push({ label: first, slot: slotOf(first)?.slot, form: 'row', depth: LABEL_DEPTH + 1, line: index + 1, value: second });
    }
    let row = index + 2;
    for (; row < lines.length && /^\s*\|/.test(lines[row]!); row++) {
      if (columns !== 2) continue;
      const [label, value] = cells(lines[row]!).map((c) => c.replace(/\*\*|__|`/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').trim());
      if (label) parts.push({ label, slot: slotOf(label)?.slot, form: 'row', depth: LABEL_DEPTH + 1, line: row + 1, value: value ?? '' });
    }
    index = row - 1;
  }
  return parts;
}

function frontmatterKeys(parsed: ParsedSource): Part[] {
  const parts: Part[] = [];
  for (let index = 1; index < parsed.bodyStartLine - 1; index++) {
    const match = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(parsed.lines[index]!);
    if (!match) continue;
    const value = match[2]!.replace(/^["']|["']$/g, '').trim();
    const label = match[1]!.replace(/[-_]/g, ' ');
    // "start_time: 2012-07-30T02:33:00Z" in an incident database's record is a moment.
    parts.push({ label: match[1]!, slot: slotOf(label)?.slot ?? (isMoment(label, value) ? 'moment' : undefined), form: 'frontmatter', depth: 0, line: index + 1, value });
  }
  return parts;
}

/**
 * An e-mail pasted as a note starts with its header (От/Кому/Дата/Тема, From/To/Date/Subject):
 * its date is when the mail was sent, not a date of what the mail tells.
 */
function markMailHeader(parts: Part[], parsed: ParsedSource): void {
  const header = parts.filter((p) => p.form === 'label' && p.line < parsed.bodyStartLine + 8);
  if (header.filter((p) => p.slot === 'mailFrom' || p.slot === 'mailTo' || p.slot === 'mailSubject').length < 2) return;
  for (const part of header) if (part.slot === 'date') part.slot = 'mailDate';
}

/** "## Keep" beside "## Problem" and "## Try": a retrospective board's columns are what went well, what went wrong and what to do. */
function markRetroBoard(heads: Part[]): void {
  const sections = heads.filter((p) => p.form === 'heading' || (p.form === 'label' && !p.value));
  for (const [index, slot] of retroColumnSlots(sections.map((p) => p.label))) sections[index]!.slot = slot;
}

/** "| Impact started | 2026-10-02 13:05 |", "Detected at: 09:19": a label naming a turn, with its time, is a moment. */
function markMoments(parts: Part[]): void {
  for (const part of parts) if ((part.form === 'row' || part.form === 'label') && isMoment(part.label, part.value)) part.slot = 'moment';
}

const isMoment = (label: string, value: string) => momentOf(label) !== undefined && findTimes(value).length > 0;

/** Every part of a source in line order (a line may hold several labels). */
export function outline(parsed: ParsedSource, noise: NoiseReport, options: { chat?: boolean } = {}): Part[] {
  const code = codeLineSet(parsed.tree);
  const heads = headings(parsed, noise, code);
  markRetroBoard(heads);
  const headingLines = new Set(heads.map((h) => h.line));
  const labels = labelLines(parsed, noise, code, headingLines, options.chat ?? false);
  markMailHeader(labels, parsed);
  const rows = tableRows(parsed, code);
  markMoments([...labels, ...rows]);
  return [...frontmatterKeys(parsed), ...heads, ...labels, ...rows].sort((a, b) => a.line - b.line || a.depth - b.depth);
}
