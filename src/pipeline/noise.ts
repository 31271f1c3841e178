/**
 * Noise: lines that a tool, not the author, put into a note. They are kept in the source page
 * (line numbers must match the inbox file) but never reach a document. Each rule is named so the
 * run report can say which one fired.
 */
export interface NoiseRule {
  name: string;
  /** Why the rule exists (shown by `--explain`, and a reminder for the next reader). */
  why: string;
  test: (line: string) => boolean;
}

/** The line that opens a table of contents. */
const CONTENTS_LINE = /^\s*(Sections at a glance|Table of contents|Contents|Содержание|Оглавление)\s*$/i;

const isCountBadge = (line: string) => /^\s*(Postmortems?|Incidents?|ADRs?|Runbooks?|Decisions?)\d+\s*$/i.test(line);

export const NOISE_RULES: NoiseRule[] = [
  {
    name: 'ai-summary-chrome',
    why: 'AI summary pages paste their UI: confidence badges, editor names, "AI generated" labels, click hints',
    test: (line) =>
      /신뢰도|원본 요약|AI 생성|출처 클릭|Document Sections\s*AI|^\s*AI\s*·/.test(line) ||
      CONTENTS_LINE.test(line),
  },
  {
    name: 'section-count-badge',
    why: 'summary UIs show a count after each section kind ("Postmortem1", "ADR1", "Runbook1")',
    test: isCountBadge,
  },
  {
    name: 'chat-command',
    why: 'a chat transcript often ends with the next prompt the user typed, such as "> /init"',
    test: (line) => /^\s*>?\s*\/[a-z][\w-]*\s*$/i.test(line),
  },
];

/** A line that is only the name of an upstream file, e.g. "Engineering — Incidents & Decisions.md". */
const FILE_LABEL = /^\s*([^\n/\\]{1,120}\.(?:md|markdown|txt|docx?|pdf|rtf|org))\s*$/i;

export interface NoiseReport {
  /** Line number → rule name for every noise line. */
  noiseLines: Map<number, string>;
  /** Line number → the line with a trailing upstream-file citation removed. */
  cleanedLines: Map<number, string>;
  /** The upstream file the text cites as its origin, if any. */
  origin?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A heading-like line of a table of contents block, ended by the first real section. */
export const KIND_HEADING = /^\s*(Postmortem|Post-mortem|Incident|ADR[-\s]?\d+|Runbook|Постмортем|Инцидент|Ранбук)(?![\p{L}\d])\s*[—–:-]\s+\S/iu;

/**
 * Finds the noise lines of a text. `firstLine` is where the body starts (frontmatter lines
 * are metadata, not noise). Lines inside fenced code are never noise.
 */
export function findNoise(lines: string[], firstLine = 1, codeLines: Set<number> = new Set()): NoiseReport {
  const noiseLines = new Map<number, string>();
  const cleanedLines = new Map<number, string>();

  // The upstream file: a label line that repeats (an AI summary cites its file after claims).
  const labelCounts = new Map<string, number>();
  lines.forEach((line, index) => {
    const match = FILE_LABEL.exec(line);
    if (match && index + 1 >= firstLine) labelCounts.set(match[1]!.trim(), (labelCounts.get(match[1]!.trim()) ?? 0) + 1);
  });
  const origin = [...labelCounts.entries()].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1])[0]?.[0];
  const trailingOrigin = origin ? new RegExp(`\\s*${escapeRegExp(origin)}\\s*$`) : null;

  let inContents = false;
  for (let index = firstLine - 1; index < lines.length; index++) {
    const lineNumber = index + 1;
    if (codeLines.has(lineNumber)) continue;
    const line = lines[index]!;
    if (origin && line.trim() === origin) {
      noiseLines.set(lineNumber, 'upstream-file-label');
      continue;
    }
    const rule = NOISE_RULES.find((r) => r.test(line));
    if (CONTENTS_LINE.test(line)) inContents = true;
    else if (inContents && KIND_HEADING.test(line)) {
      // A table of contents lists each section after a count badge; the first kind heading
      // that follows real text instead of a badge is the start of the content.
      const previous = lines
        .slice(firstLine - 1, index)
        .reverse()
        .find((l) => l.trim() !== '' && l.trim() !== origin);
      if (!previous || !isCountBadge(previous)) inContents = false;
    }
    if (rule) noiseLines.set(lineNumber, rule.name);
    else if (inContents) noiseLines.set(lineNumber, 'table-of-contents');
    else if (trailingOrigin && trailingOrigin.test(line)) cleanedLines.set(lineNumber, line.replace(trailingOrigin, ''));
  }
  return { noiseLines, cleanedLines, origin };
}
