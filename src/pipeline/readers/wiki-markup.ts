/**
 * Notes written in another lightweight markup than Markdown: Jira and Confluence wiki markup
 * ("h2. Timeline", "|| Time || Event ||", "*Severity:*", "{code}"), AsciiDoc ("== Context",
 * ":status: Accepted", "----" blocks) and Org ("** Steps", "=code=", "#+BEGIN_SRC"). Each line
 * is rewritten as the Markdown it means; the only line added is the delimiter row a Markdown
 * table needs under a Jira header row. The source page shows this text, so every citation points
 * at the lines it shows.
 */
export type Markup = 'jira' | 'asciidoc' | 'org';

/** Jira's own marks: a heading "h2. …" or a header row "|| … ||" at a line's start. */
const JIRA_LINE = /^(?:h[1-6]\.\s+\S|\|\|.*\|\|\s*$|\{(?:code|noformat|panel|quote)(?::[^}]*)?\}\s*$)/m;

/** Which markup a note is written in, from its file name or, for Jira's, its own marks. */
export function markupOf(relPath: string, text: string): Markup | undefined {
  if (/\.(?:adoc|asciidoc|asc)$/i.test(relPath)) return 'asciidoc';
  if (/\.org$/i.test(relPath)) return 'org';
  // A Markdown note has no "h2. " lines; two of Jira's marks make it Jira's.
  const marks = text.match(new RegExp(JIRA_LINE.source, 'gm'))?.length ?? 0;
  return marks >= 2 ? 'jira' : undefined;
}

/** `*bold*` as these markups write it, as Markdown's `**bold**`; a list's "* " is left. */
const strong = (line: string) => line.replace(/(?<![*\w])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![*\w])/g, '**$1**');

function jiraLine(line: string, state: { code: boolean }): string {
  // {code:bash} … {code}, {noformat} … {noformat}: a fenced block.
  if (/^\s*\{(?:code|noformat)(?::[^}]*)?\}\s*$/.test(line)) {
    const lang = state.code ? '' : (/^\s*\{code:(?:language=)?([\w+-]+)/.exec(line)?.[1] ?? '');
    state.code = !state.code;
    return '```' + lang;
  }
  if (state.code) return line;
  const heading = /^h([1-6])\.\s+(.*)$/.exec(line);
  if (heading) return `${'#'.repeat(Number(heading[1]))} ${heading[2]}`;
  // "|| Time || Event ||": a header row, and under it the delimiter row Markdown needs.
  if (/^\s*\|\|/.test(line)) {
    const header = line.trim().replace(/\|\|/g, '|');
    const cells = header.split('|').length - 2;
    return `${header}\n|${' --- |'.repeat(Math.max(1, cells))}`;
  }
  // "# item" is a numbered list item, "{quote}" and "{panel}" frame a block.
  if (/^\s*\{(?:quote|panel)(?::[^}]*)?\}\s*$/.test(line)) return '';
  return strong(line.replace(/^(\s*)#+\s+/, '$11. '));
}

function asciidocLine(line: string, state: { code: boolean }): string {
  // "----" and "...." delimit a listing or literal block.
  if (/^(?:-{4,}|\.{4,})\s*$/.test(line)) {
    state.code = !state.code;
    return '```';
  }
  if (state.code) return line;
  const heading = /^(={1,6})\s+(.*)$/.exec(line);
  if (heading) return `${'#'.repeat(heading[1]!.length)} ${heading[2]}`;
  // ":status: Accepted", a document attribute, is a labelled value.
  const attribute = /^:([\w][\w-]*):\s*(.*)$/.exec(line);
  if (attribute) return `${attribute[1]}: ${attribute[2]}`;
  // "[source,bash]" and other block attributes say how to show what follows.
  if (/^\[[\w.,#%=" -]*\]\s*$/.test(line)) return '';
  // ". First step" is a numbered list item.
  return strong(line.replace(/^(\s*)\.{1,5}\s+(?=\S)/, '$11. '));
}

function orgLine(line: string, state: { code: boolean }): string {
  const block = /^\s*#\+(BEGIN|END)_(?:SRC|EXAMPLE)(?:\s+([\w+-]+))?/i.exec(line);
  if (block) {
    state.code = block[1]!.toUpperCase() === 'BEGIN';
    return '```' + (state.code ? (block[2] ?? '') : '');
  }
  if (state.code) return line;
  const heading = /^(\*{1,6})\s+(.*)$/.exec(line);
  if (heading) return `${'#'.repeat(heading[1]!.length)} ${heading[2]}`;
  const title = /^#\+TITLE:\s*(.*)$/i.exec(line);
  if (title) return `# ${title[1]}`;
  // "#+AUTHOR: Dana" and the like are labelled values; other "#+" lines are settings.
  const keyword = /^#\+(\w+):\s*(.*)$/.exec(line);
  if (keyword) return /^(?:author|date|email)$/i.test(keyword[1]!) ? `${keyword[1]!.toLowerCase()}: ${keyword[2]}` : '';
  // =code= and ~code~ are inline code.
  return line.replace(/(?<![\w=~])([=~])(?=\S)(.*?\S)\1(?=$|[\s.,;:!?)\]])/g, '`$2`');
}

/** The note's text as Markdown, line for line. */
export function markupToMarkdown(text: string, markup: Markup): string {
  const state = { code: false };
  const convert = markup === 'jira' ? jiraLine : markup === 'asciidoc' ? asciidocLine : orgLine;
  return text
    .split('\n')
    .map((line) => convert(line, state))
    .join('\n');
}
