import type { ListItem, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Citation, CitedText } from '../../schemas/index.ts';
import type { NoiseReport } from '../noise.ts';
import type { Part } from '../outline.ts';
import { shiftPositions, type ParsedSource } from '../parse.ts';
import type { Candidate, Range } from '../segment.ts';
import { TITLE_WORD } from '../templates.ts';

/** What every extractor knows about the source it works on. */
export interface ExtractContext {
  sourceId: string;
  parsed: ParsedSource;
  noise: NoiseReport;
  /** The source's outline: every heading, label, table row and frontmatter key. */
  parts: Part[];
  generated: { tool: 'fieldnotes'; from: string; note: string };
  /** The source is speech (a voice-note transcript): no structure, so only cue sentences count. */
  speech: boolean;
}

/** One source line as the extractor sees it: noise-free, with its number. */
export interface Line {
  number: number;
  text: string;
}

/** A candidate prepared for extraction: its lines, its markdown tree, its parts and a citation helper. */
export interface Section {
  ctx: ExtractContext;
  candidate: Candidate;
  lines: Line[];
  /** Markdown of the candidate alone; positions are source line numbers. */
  tree: Root;
  /** Whether the candidate starts with its own title line (a heading or kind marker). */
  titled: boolean;
  /** The candidate's own parts, its title excluded. */
  parts: Part[];
  /** Parts of the context it shares with its siblings (a runbook file's owner, RTO, escalation). */
  contextParts: Part[];
}

/** Markdown with GFM, as the source was parsed: for blocks parsed again. */
export const markdown = unified().use(remarkParse).use(remarkGfm);

/** A recogniser's text without punctuation: under one sentence end for every 30 words. */
export function unpunctuatedSpeech(text: string): boolean {
  const words = text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const sentenceEnds = text.match(/[.!?…。](?:\s|$)/gu)?.length ?? 0;
  return sentenceEnds * 30 < words;
}

/** Where Korean a recogniser left unpunctuated ends a sentence: right after a polite ending ("…시작했고요", "…했습니다"). */
export const POLITE_END = String.raw`(?<=[요죠]|니다)`;

/** Korean speech without punctuation, whose sentences end at their polite endings. */
export const endsPolitely = (text: string): boolean => /\p{Script=Hangul}/u.test(text) && unpunctuatedSpeech(text);

/**
 * A flow said to be moving again, which ends an outage in a report and in speech alike: «выгрузка
 * прошла», «платежи снова пошли», "the export came through", "payments went through".
 */
export const WENT_THROUGH = String.raw`(?:выгрузк\p{L}*|загрузк\p{L}*|оплат\p{L}*|платеж\p{L}*|платёж\p{L}*|синхронизаци\p{L}*|отправк\p{L}*|доставк\p{L}*|рассылк\p{L}*|заказ\p{L}*) (?:снова |опять |наконец |всё-таки )?(?:прош(?:ла|ли|ёл|ел)|пошл[аои])|(?:exports?|imports?|sync|uploads?|payments?|jobs?|backups?|reports?|files?|orders?) (?:finally |eventually )?(?:came|went) through`;

export const cite = (section: Section, from: number, to = from): Citation[] => [{ source: section.ctx.sourceId, lines: [from, to] }];

/** Collapses whitespace and drops inline markdown marks. */
/** A value without the stop or comma it ends on; a name's last initial keeps its dot ("Смирнов А.В.", "Денис М."). */
export const withoutClosingStop = (text: string) => text.replace(/(?<!(?:^|[\s.])\p{Lu})[.;,]+$/u, '').replace(/[;,]+$/, '');

export const clean = (text: string) =>
  text
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export function nodeLines(node: RootContent | ListItem): [number, number] {
  return [node.position!.start.line, node.position!.end.line];
}

/** Shortens a text to a readable length at a word boundary. */
export function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1).replace(/\s+\S*$/, '') + '…' : text;
}

export function citedText(section: Section, text: string, from: number, to = from): CitedText {
  return { text, cite: cite(section, from, to) };
}

/** Strips "Postmortem — ", "Decision: ", "SOP: ", a ticket key "[INC-2291] ", "ADR-014 — ", leading emoji and numbering from a section title. */
/** A severity tag before a title: "[P1] PaymentsAPIHighLatency", "[SEV-2] Checkout errors". Group 1 is the level. */
export const SEVERITY_TAG = /^\s*\[(P[0-4]|SEV-?[0-5])\]\s*/i;

/** Under a template's "# Incident Title" heading, the line that is the title ("ADFS Outage"). */
export function lineUnderTitleWord(section: Section): Line | undefined {
  if (!TITLE_WORD.test(section.candidate.title)) return undefined;
  return section.lines.find((l) => l.number > section.candidate.titleLine && /\p{L}{2}/u.test(l.text) && !/^\s*#/.test(l.text));
}

export function displayTitle(title: string): string {
  const cleaned = clean(title);
  const shown = cleaned
    .replace(/^(\p{Extended_Pictographic}|\uFE0F|\s)+/u, '')
    .replace(/^#{1,6}\s+/, '')
    // "3. Runbook: …", an agenda item's number before the kind.
    .replace(/^\d{1,2}[.)]\s+(?=(?:runbook|playbook|decision|incident|post-?mortem|ранбук|инструкция|решение|инцидент|разбор|런북|결정|장애)(?![\p{L}]))/iu, '')
    .replace(SEVERITY_TAG, '')
    .replace(/^\[(?:[A-Z][A-Z0-9]+-\d+|장애\s?보고(?:서)?|장애|post-?mortem|incident|rca|pir|инцидент|постмортем|разбор|runbook|playbook|sop|ранбук|런북|플레이북|firing|alert|triggered|alerting)\]\s*/iu, '')
    .replace(/^(post-?mortem(?: report)?|incident post-?mortem|(?:post-?)?incident (?:review|report)|outage report|(?:sev-?\d\s+)?retro(?:spective)?|alert runbook|alert|incident notes|notes|runbook|playbook|sop|standard operating procedure|procedure|how-?to|регламент|инструкция|процедура|incident(?: report)?|постмортем|инцидент|разбор(?: инцидента| сбоя)?|ранбук|장애 보고서|장애 보고|사후 분석|런북|플레이북|(?:architecture )?decision(?: record)?|adr(?![-\s]?\d)|архитектурное решение|решение|결정|의사결정 기록)\s*[—–:-]\s*/iu, '')
    .replace(/^(?:[A-Z]{2,6}-)?(?:ADR|RFC)[-\s]?\d+\s*[—–:.-]\s*/i, '')
    .replace(/^(?:DL|DR)-\d{2,4}(?:-\d+)?\s*[—–:-]\s*/i, '')
    .replace(/^(?:의사)?결정 기록\s*#?\d{1,4}\s*[—–:.-]\s*/u, '')
    .replace(/^\d+\.\s+/, '')
    // "Payment webhook delays — Postmortem": the kind after the topic.
    .replace(/\s+[—–-]\s+(?:post-?mortem|incident (?:report|review)|retro(?:spective)?|постмортем|разбор(?: инцидента)?|사후 분석|장애 보고서)$/iu, '')
    // "Log retention (decision)": meeting notes mark the kind after the topic.
    .replace(/\s*\((?:decision|adr|incident|runbook|решение|инцидент|ранбук|결정|장애|런북)\)\s*$/iu, '')
    .trim();
  // A title in capitals ("OUTAGE REPORT: PHOTO UPLOADS UNAVAILABLE") is shown in sentence case.
  if (/\p{Lu}{4}/u.test(shown) && shown === shown.toUpperCase() && shown.replace(/[^\p{L}]/gu, '').length >= 12) return shown[0]! + shown.slice(1).toLowerCase();
  // "Постмортем: недоступность API": what is left after the prefix starts the title (a short word
  // such as "cdn" or "api" is likely a name and stays as written).
  // A word without a vowel ("pnpm", "npm") is a name too.
  // Short words that are no names start a sentence too ("one Terraform state per environment").
  return shown !== cleaned && /^(?:\p{Ll}{4,}|\p{Script=Cyrillic}+|(?:a|an|the|one|two|use|add|run|get|set|put|new|all|our|no|not|how|why|for|to|do|keep|move|stop|drop)(?=\s))\s/u.test(shown) && !/^[b-df-hj-np-tv-xz]+\s/.test(shown) ? shown[0]!.toUpperCase() + shown.slice(1) : shown;
}

const inRanges = (line: number, ranges: Range[]) => ranges.some(([a, b]) => line >= a && line <= b);

/** The lines of the candidate that are its own: noise and other documents' ranges left out. */
export function ownsLine(candidate: Candidate, noise: NoiseReport, line: number): boolean {
  return line >= candidate.startLine && line <= candidate.endLine && !inRanges(line, candidate.excluded) && !noise.noiseLines.has(line);
}

export function prepareSection(ctx: ExtractContext, candidate: Candidate): Section {
  const lines: Line[] = [];
  for (let n = candidate.startLine; n <= candidate.endLine; n++) {
    if (!ownsLine(candidate, ctx.noise, n)) continue;
    lines.push({ number: n, text: ctx.noise.cleanedLines.get(n) ?? ctx.parsed.lines[n - 1] ?? '' });
  }
  const titleLine = ctx.parsed.lines[candidate.titleLine - 1] ?? '';
  const titled = candidate.form === 'written' && titleLine.includes(candidate.title.trim()) && candidate.title.trim().length > 0;
  // The parts after the title, and those above it when the candidate starts there (metadata over the heading).
  const from = titled ? candidate.titleLine + 1 : candidate.startLine;
  const parts = ctx.parts.filter((p) => p.form !== 'frontmatter' && (p.line >= from || p.line < candidate.titleLine) && ownsLine(candidate, ctx.noise, p.line));
  // Frontmatter is the note's own metadata: it belongs to the document the note starts with.
  const firstText = ctx.parsed.lines.findIndex((l, i) => i + 1 >= ctx.parsed.bodyStartLine && l.trim() !== '') + 1;
  const frontmatter = candidate.startLine <= firstText ? ctx.parts.filter((p) => p.form === 'frontmatter') : [];
  const contextParts = ctx.parts.filter((p) => p.form !== 'frontmatter' && inRanges(p.line, candidate.context));
  const section = { ctx, candidate, lines, titled, parts: [...frontmatter, ...parts], contextParts };
  const noiseInside = [...ctx.noise.noiseLines.keys()].some((n) => n >= from && n <= candidate.endLine);
  const cleanedInside = [...ctx.noise.cleanedLines.keys()].some((n) => n >= from && n <= candidate.endLine);
  // Without noise or excluded ranges inside, the candidate is the source's own blocks between its lines.
  const own = ctx.parsed.tree.children.filter((node) => node.position!.start.line >= from && node.position!.end.line <= candidate.endLine);
  // A block that runs over either end (a tool line right under a list continues it) is cut at the end, not dropped.
  const straddles = ctx.parsed.tree.children.some(
    (node) => (node.position!.start.line < from && node.position!.end.line >= from) || (node.position!.start.line <= candidate.endLine && node.position!.end.line > candidate.endLine),
  );
  if (!noiseInside && !cleanedInside && !straddles && candidate.excluded.length === 0) return { ...section, tree: { type: 'root', children: structuredClone(own) } };
  // Otherwise the candidate's text as the extractor sees it: its own lines, every other line blank, so the
  // tree's positions stay source line numbers while noise, the title and neighbours are gone.
  const keep = new Map(lines.map((l) => [l.number, l.text]));
  if (titled) keep.delete(candidate.titleLine);
  const seen = (n: number) => keep.get(n) ?? '';
  return { ...section, tree: { type: 'root', children: sectionBlocks(ctx.parsed, candidate.startLine, candidate.endLine, seen) } };
}

/**
 * The blocks of lines `from`–`to` as they parse with each line n read as `seen(n)`. Parsing the
 * whole range again costs about a third of a note's parse, so only the blocks with a changed line
 * are parsed again, each run of them together with the unchanged block on either side (blanking a
 * paragraph between two lists joins them into one); the other blocks are the source's own.
 */
function sectionBlocks(parsed: ParsedSource, from: number, to: number, seen: (line: number) => string): RootContent[] {
  const changed = (n: number) => seen(n) !== (parsed.lines[n - 1] ?? '');
  const blocks = parsed.tree.children.filter((node) => node.position!.end.line >= from && node.position!.start.line <= to);
  const dirty = blocks.map((node) => {
    const [start, end] = nodeLines(node);
    if (start < from || end > to) return true;
    for (let n = start; n <= end; n++) if (changed(n)) return true;
    return false;
  });
  // Definitions reach across blocks, and a changed line outside every block has no block to go
  // with: then the whole range is parsed again, the only way to be sure of the same answer.
  const definitions = parsed.tree.children.some((node) => node.type === 'definition' || node.type === 'footnoteDefinition');
  const inDirtyBlock = (n: number) => blocks.some((node, i) => dirty[i] && n >= node.position!.start.line && n <= node.position!.end.line);
  let stray = false;
  for (let n = from; n <= to && !stray; n++) stray = changed(n) && (parsed.lines[n - 1] ?? '').trim() !== '' && !inDirtyBlock(n);
  if (definitions || stray) return parseLines(parsed, from, to, seen);
  const out: RootContent[] = [];
  for (let i = 0; i < blocks.length; ) {
    if (!dirty[i] && !dirty[i + 1]) {
      out.push(structuredClone(blocks[i]!));
      i++;
      continue;
    }
    // A run of changed blocks, with the unchanged block before it (this one, when it is clean) and
    // after it. When the block after comes out of the parse other than it was (a list that the
    // blanked paragraph's neighbour joined), the next block may join it too: take one more.
    let j = dirty[i] ? i : i + 1;
    while (j < blocks.length && dirty[j]) j++;
    let last = Math.min(j, blocks.length - 1);
    const start = Math.max(from, blocks[i]!.position!.start.line);
    for (;;) {
      // Another changed block right after needs this one as its neighbour before: go on to it.
      if (last < blocks.length - 1 && (dirty[last] || dirty[last + 1])) {
        last++;
        continue;
      }
      const parsedRun = parseLines(parsed, start, Math.min(to, blocks[last]!.position!.end.line), seen);
      const tail = parsedRun.at(-1);
      if (last === blocks.length - 1 || (tail !== undefined && sameSpan(tail, blocks[last]!))) {
        out.push(...parsedRun);
        break;
      }
      last++;
    }
    i = last + 1;
  }
  return out;
}

const sameSpan = (a: RootContent, b: RootContent) =>
  a.type === b.type && a.position!.start.line === b.position!.start.line && a.position!.end.line === b.position!.end.line;

/** Lines `from`–`to` read through `seen`, parsed alone; positions are source line numbers. */
function parseLines(parsed: ParsedSource, from: number, to: number, seen: (line: number) => string): RootContent[] {
  const text: string[] = [];
  for (let n = from; n <= to; n++) text.push(seen(n));
  const tree = markdown.parse(text.join('\n'));
  shiftPositions(tree, from - 1);
  return tree.children;
}
