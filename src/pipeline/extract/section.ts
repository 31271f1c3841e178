import type { ListItem, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Citation, CitedText } from '../../schemas/index.ts';
import type { NoiseReport } from '../noise.ts';
import type { Part } from '../outline.ts';
import type { ParsedSource } from '../parse.ts';
import type { Candidate, Range } from '../segment.ts';

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

const markdown = unified().use(remarkParse).use(remarkGfm);

export const cite = (section: Section, from: number, to = from): Citation[] => [{ source: section.ctx.sourceId, lines: [from, to] }];

/** Collapses whitespace and drops inline markdown marks. */
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

/** Strips "Postmortem — ", "ADR-014 — ", leading emoji and numbering from a section title. */
export function displayTitle(title: string): string {
  return clean(title)
    .replace(/^(\p{Extended_Pictographic}|\uFE0F|\s)+/u, '')
    .replace(/^(post-?mortem|runbook|playbook|incident(?: report)?|постмортем|инцидент|разбор(?: инцидента| сбоя)?|ранбук|장애 보고서|사후 분석|런북|플레이북)\s*[—–:-]\s*/iu, '')
    .replace(/^(?:[A-Z]{2,6}-)?ADR[-\s]?\d+\s*[—–:.-]\s*/i, '')
    .replace(/^(?:DL|DR)-\d{2,4}(?:-\d+)?\s*[—–:-]\s*/i, '')
    .replace(/^\d+\.\s+/, '')
    .trim();
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
  const from = titled ? candidate.titleLine + 1 : candidate.startLine;
  const parts = ctx.parts.filter((p) => p.form !== 'frontmatter' && p.line >= from && ownsLine(candidate, ctx.noise, p.line));
  // Frontmatter is the note's own metadata: it belongs to the document the note starts with.
  const firstText = ctx.parsed.lines.findIndex((l, i) => i + 1 >= ctx.parsed.bodyStartLine && l.trim() !== '') + 1;
  const frontmatter = candidate.startLine <= firstText ? ctx.parts.filter((p) => p.form === 'frontmatter') : [];
  const contextParts = ctx.parts.filter((p) => p.form !== 'frontmatter' && inRanges(p.line, candidate.context));
  const noiseInside = [...ctx.noise.noiseLines.keys()].some((n) => n >= from && n <= candidate.endLine);
  const cleanedInside = [...ctx.noise.cleanedLines.keys()].some((n) => n >= from && n <= candidate.endLine);
  // Without noise or excluded ranges inside, the candidate is the source's own blocks between its lines.
  const own = ctx.parsed.tree.children.filter((node) => node.position!.start.line >= from && node.position!.end.line <= candidate.endLine);
  const straddles = ctx.parsed.tree.children.some((node) => node.position!.start.line < from && node.position!.end.line >= from);
  const section = { ctx, candidate, lines, titled, parts: [...frontmatter, ...parts], contextParts };
  if (!noiseInside && !cleanedInside && !straddles && candidate.excluded.length === 0) return { ...section, tree: { type: 'root', children: structuredClone(own) } };
  // Otherwise parse the candidate's lines again with every other line blanked, so the tree's
  // positions are still source line numbers while noise, the title and neighbours are gone.
  const keep = new Map(lines.map((l) => [l.number, l.text]));
  if (titled) keep.delete(candidate.titleLine);
  const text = ctx.parsed.lines.slice(0, candidate.endLine).map((_, i) => (i + 1 >= candidate.startLine ? (keep.get(i + 1) ?? '') : '')).join('\n');
  return { ...section, tree: markdown.parse(text) };
}
