import matter from 'gray-matter';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import YAML from 'yaml';

/** A decoded source, split into what the later stages need. */
export interface ParsedSource {
  /** The whole decoded text, `\n` line endings; citations count lines of this text. */
  text: string;
  lines: string[];
  /** Author metadata from a YAML frontmatter block, if the file had one. */
  frontmatter: Record<string, unknown>;
  /** 1-based line where the body (after frontmatter) starts. */
  bodyStartLine: number;
  /** Markdown tree of the body; positions are lines of `text` (already offset). */
  tree: Root;
  /** Problems worth telling the author (e.g. frontmatter that is not valid YAML). */
  warnings: string[];
}

/** Normalizes line endings and strips characters that no note means to contain. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '')
    .replace(/^\uFEFF/, '');
}

const markdown = unified().use(remarkParse).use(remarkGfm);

// Frontmatter is parsed with `yaml`, whose alias limit stops "billion laughs" documents.
const matterOptions = {
  engines: {
    yaml: (input: string) => YAML.parse(input, { maxAliasCount: 100, uniqueKeys: false }) as object,
  },
};

function readFrontmatter(text: string, warnings: string[]): { data: Record<string, unknown>; bodyStartLine: number } {
  if (!/^---[ \t]*\n/.test(text)) return { data: {}, bodyStartLine: 1 };
  try {
    // Passing options also turns off gray-matter's global cache, which would keep every
    // inbox file in memory for the life of the process.
    const parsed = matter(text, matterOptions);
    const data = parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data) ? parsed.data : {};
    const frontLines = text.slice(0, text.length - parsed.content.length).split('\n').length;
    return { data: data as Record<string, unknown>, bodyStartLine: frontLines };
  } catch (error) {
    return readFrontmatterLines(text, (error as Error & { linePos?: Array<{ line: number }> }), warnings);
  }
}

/**
 * Frontmatter that YAML refuses, most often an unquoted colon (`title: Postmortem: webhooks
 * delayed`): read line by line, each `key: value` taking everything after its first `: `, so the
 * note keeps its title and its `---` lines never become a setext heading of the body.
 */
function readFrontmatterLines(text: string, error: Error & { linePos?: Array<{ line: number }> }, warnings: string[]): { data: Record<string, unknown>; bodyStartLine: number } {
  const lines = text.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(line));
  // YAML's first line already says where; the lines after it draw the spot with carets.
  const reason = error.message.split('\n')[0]!.replace(/:$/, '');
  if (close < 0) {
    warnings.push(`line 1: "---" opens a frontmatter block that is never closed (${reason}); read as plain text`);
    return { data: {}, bodyStartLine: 1 };
  }
  const data: Record<string, unknown> = {};
  const unread: number[] = [];
  for (let i = 1; i < close; i++) {
    const line = lines[i]!;
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const match = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/.exec(line);
    if (!match) {
      unread.push(i + 1);
      continue;
    }
    data[match[1]!] = scalar(match[2] ?? '');
  }
  // gray-matter hands YAML the block with its first newline, so YAML's line is the file's line.
  const at = `line ${error.linePos?.[0]?.line ?? 2}`;
  warnings.push(
    `${at}: frontmatter is not valid YAML (${reason}); read line by line as "key: value"` +
      (unread.length ? ` (lines ${unread.join(', ')} are not "key: value" and were left out)` : ''),
  );
  return { data, bodyStartLine: close + 2 };
}

/** A value as YAML would read the simple cases: quotes removed, booleans and numbers typed. */
function scalar(raw: string): unknown {
  const value = raw.trim();
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) return quoted[2];
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (/^-?\d+(\.\d+)?$/.test(value) && value.length < 16) return Number(value);
  if (/^\[.*\]$/.test(value)) return value.slice(1, -1).split(',').map((item) => item.trim().replace(/^(["'])(.*)\1$/, '$2')).filter(Boolean);
  return value;
}

/** Moves every position in the tree down by `offset` lines. */
export function shiftPositions(node: { position?: { start: { line: number }; end: { line: number } }; children?: unknown[] }, offset: number): void {
  if (node.position) {
    node.position.start.line += offset;
    node.position.end.line += offset;
  }
  for (const child of node.children ?? []) shiftPositions(child as typeof node, offset);
}

/**
 * Lists and quotes nested deeper than this are refused: the syntax-tree tools downstream recurse
 * once per level, and no note needs a hundred levels.
 */
export const MAX_NESTING = 100;

function nestingDepth(line: string): number {
  // List markers need a space after them; quote markers do not (">>>" is three quotes deep).
  const prefix = /^(?:[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|>))+/.exec(line)?.[0] ?? '';
  const markers = (prefix.match(/[-*+>]|\d{1,9}[.)]/g) ?? []).length;
  const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
  return markers + Math.floor(indent / 2);
}

/** Text → frontmatter + markdown tree with line numbers of the full text. */
export function parse(decodedText: string): ParsedSource {
  const text = normalizeText(decodedText);
  const deepest = text.split('\n').reduce((max, line, i) => {
    const depth = nestingDepth(line);
    return depth > max.depth ? { depth, line: i + 1 } : max;
  }, { depth: 0, line: 0 });
  if (deepest.depth > MAX_NESTING) {
    throw new Error(`line ${deepest.line}: lists or quotes nested ${deepest.depth} levels deep (at most ${MAX_NESTING} are read)`);
  }
  const warnings: string[] = [];
  const { data, bodyStartLine } = readFrontmatter(text, warnings);
  const lines = text.split('\n');
  const body = lines.slice(bodyStartLine - 1).join('\n');
  const tree = markdown.parse(body);
  shiftPositions(tree, bodyStartLine - 1);
  return { text, lines, frontmatter: data, bodyStartLine, tree, warnings };
}
