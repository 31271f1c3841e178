import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { classify, type Classification } from './classify.ts';
import { looksLikeCommand } from './shell.ts';
import { KIND_HEADING, type NoiseReport } from './noise.ts';
import type { ParsedSource } from './parse.ts';

/** A stretch of a source that may be one document. Lines are 1-based and inclusive. */
export interface Candidate {
  title: string;
  titleLine: number;
  startLine: number;
  endLine: number;
  classification: Classification;
}

interface Section {
  title: string;
  line: number;
  depth: number;
  endLine: number;
  children: Section[];
}

/** Lines that act as headings in notes pasted without markdown. */
const LABEL_HEADING = /^\s*(Overview|Summary|Key Entities Mentioned|Entities|Related|See also)\s*$/i;

/** A section that holds several documents of a kind. */
const CONTAINER_HEADING = /(сценари|scenarios|runbooks|playbooks|ранбуки|incidents|postmortems|decisions|ADRs)/iu;

/** A section of a report that lists what remains to do: a runbook in all but name. */
const STEPS_HEADING = /(следующие шаги|оставшиеся шаги|next steps|remaining steps|launch checklist|чек-?лист)/iu;

/** Lines inside fenced or indented code: never headings, never noise. */
export function codeLineSet(tree: Root): Set<number> {
  const lines = new Set<number>();
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

function findHeadings(parsed: ParsedSource, noise: NoiseReport, code: Set<number>): Array<Omit<Section, 'endLine' | 'children'>> {
  const headings = new Map<number, Omit<Section, 'endLine' | 'children'>>();
  visit(parsed.tree, 'heading', (node) => {
    const line = node.position!.start.line;
    if (isSeparatorNotHeading(parsed, node.position!.end.line, toString(node))) return;
    if (isShellComment(parsed, node.position!.end.line)) return;
    if (!noise.noiseLines.has(line)) headings.set(line, { title: toString(node).trim(), line, depth: node.depth });
  });
  for (let index = parsed.bodyStartLine - 1; index < parsed.lines.length; index++) {
    const line = index + 1;
    if (headings.has(line) || code.has(line) || noise.noiseLines.has(line)) continue;
    const text = noise.cleanedLines.get(line) ?? parsed.lines[index]!;
    if (KIND_HEADING.test(text) || LABEL_HEADING.test(text)) headings.set(line, { title: text.trim(), line, depth: 2 });
  }
  return [...headings.values()].sort((a, b) => a.line - b.line);
}

/** Nests headings into sections: each runs until the next heading of the same or higher level. */
function buildSections(parsed: ParsedSource, headings: Array<Omit<Section, 'endLine' | 'children'>>, rootTitle: string): Section {
  const lastLine = parsed.lines.length;
  const root: Section = { title: rootTitle, line: parsed.bodyStartLine, depth: 0, endLine: lastLine, children: [] };
  const stack: Section[] = [root];
  for (const heading of headings) {
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= heading.depth) {
      stack.pop()!.endLine = heading.line - 1;
    }
    const section: Section = { ...heading, endLine: lastLine, children: [] };
    stack[stack.length - 1]!.children.push(section);
    stack.push(section);
  }
  return root;
}

function sectionText(parsed: ParsedSource, noise: NoiseReport, from: number, to: number): string {
  const out: string[] = [];
  for (let line = from; line <= to; line++) {
    if (noise.noiseLines.has(line)) continue;
    out.push(noise.cleanedLines.get(line) ?? parsed.lines[line - 1] ?? '');
  }
  return out.join('\n');
}

/**
 * Splits a source into document candidates, by these rules, in order:
 * - a label section ("Overview", "Key Entities Mentioned") is never a document;
 * - a container ("Аварийные сценарии", "Runbooks", "Scenarios") yields its subsections; when
 *   some of those are containers themselves, only they do, and the rest is shared context;
 * - sections titled with their kind ("Postmortem —", "ADR-014 —", "Runbook —") are documents;
 * - a "next steps" / "checklist" section of a report is its runbook;
 * - otherwise the section itself, if it classifies; failing that, its subsections.
 * When nothing classifies, the whole source comes back as one candidate of kind `none`, so
 * the run report can say why nothing was published.
 */
export function segment(parsed: ParsedSource, noise: NoiseReport, fallbackTitle: string): Candidate[] {
  const code = codeLineSet(parsed.tree);
  const headings = findHeadings(parsed, noise, code);
  // A single level-1 heading at the top names the whole source rather than a section.
  const topHeading = headings[0]?.depth === 1 && headings.filter((h) => h.depth === 1).length === 1 ? headings[0] : undefined;
  const root = buildSections(parsed, topHeading ? headings.slice(1) : headings, topHeading?.title ?? fallbackTitle);
  if (topHeading) root.line = topHeading.line;
  const untitled = (section: Section) => section.depth === 0 && !topHeading;

  const toCandidate = (section: Section): Candidate => {
    const body = sectionText(parsed, noise, untitled(section) ? section.line : section.line + 1, section.endLine);
    return {
      title: section.title,
      titleLine: section.line,
      startLine: section.line,
      endLine: trimEnd(parsed, noise, section.endLine, section.line),
      classification: classify(untitled(section) ? '' : section.title, body),
    };
  };

  const self = (section: Section): Candidate[] => {
    const candidate = toCandidate(section);
    return candidate.classification.kind === 'none' ? [] : [candidate];
  };
  const descendants = (section: Section): Section[] => section.children.flatMap((c) => [c, ...descendants(c)]);

  // Which sections are documents: see the rules in the comment of `segment`.
  const pick = (section: Section): Candidate[] => {
    if (LABEL_HEADING.test(section.title)) return [];
    if (CONTAINER_HEADING.test(section.title) && section.children.length > 0) {
      const containers = section.children.filter((c) => CONTAINER_HEADING.test(c.title));
      return (containers.length > 0 ? containers : section.children).flatMap(pick);
    }
    const named = descendants(section).filter((d) => KIND_HEADING.test(d.title));
    if (named.length > 0) return named.flatMap(self);
    const steps = descendants(section).find((d) => STEPS_HEADING.test(d.title));
    if (steps) {
      const found = self(steps);
      if (found.length > 0) return found;
    }
    const whole = self(section);
    return whole.length > 0 ? whole : section.children.flatMap(pick);
  };
  const documents = pick(root);
  return documents.length > 0 ? documents : [toCandidate(root)];
}

/** Drops trailing blank, noise and separator lines so a citation ends on real text. */
function trimEnd(parsed: ParsedSource, noise: NoiseReport, endLine: number, startLine: number): number {
  let line = endLine;
  while (line > startLine && (noise.noiseLines.has(line) || /^\s*([-*_]\s*){0,}$/.test(parsed.lines[line - 1] ?? ''))) line--;
  return line;
}
