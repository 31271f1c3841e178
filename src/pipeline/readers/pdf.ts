/**
 * PDF (a postmortem printed or exported to PDF) → Markdown with pdf.js (through unpdf): the text
 * items of each page become lines by their position, lines become paragraphs where the spacing says
 * so, larger type becomes headings, monospaced type code blocks; running headers, footers and page
 * numbers are dropped. A PDF has no lines of its own to cite, so the reader records where each
 * page starts in the Markdown: a citation then names the page as well as the line.
 */
import YAML from 'yaml';
import { findDates } from '../extract/values.ts';
import type { Converted } from './types.ts';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  fontFamily: string;
  hasEOL: boolean;
}

interface Line {
  text: string;
  y: number;
  size: number;
  mono: boolean;
}

/** pdf.js names the standard fonts by family; embedded ones keep their PostScript names. */
const MONOSPACE = /mono|courier|consol|menlo|code/i;
const BULLET = /^[•◦▪▫●○■□‣⁃–]\s*/;
const PAGE_NUMBER = /^(?:(?:page|стр\.?|страница|페이지)\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:of|из|\/)\s*\d{1,4})?\s*[-–—]?$/i;

/** Items of one page → lines, top to bottom, items left to right, gaps read as spaces. */
function pageLines(items: Item[]): Line[] {
  const rows: Array<{ y: number; items: Item[] }> = [];
  for (const item of items) {
    if (!item.str) continue;
    const tolerance = Math.max(1, item.fontSize * 0.5);
    const row = rows.find((r) => Math.abs(r.y - item.y) <= tolerance);
    if (row) row.items.push(item);
    else rows.push({ y: item.y, items: [item] });
  }
  rows.sort((a, b) => b.y - a.y);
  return rows
    .map((row) => {
      row.items.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const item of row.items) {
        const gap = item.x - end;
        if (text && gap > item.fontSize * 0.15 && !/\s$/.test(text) && !/^\s/.test(item.str)) text += gap > item.fontSize * 2 ? '  ' : ' ';
        text += item.str;
        end = item.x + item.width;
      }
      const size = Math.max(...row.items.map((i) => i.fontSize));
      const mono = row.items.every((i) => MONOSPACE.test(i.fontFamily));
      return { text: text.replace(/\s+$/, ''), y: row.y, size, mono };
    })
    .filter((line) => line.text.trim());
}

/** A line that starts a new block: a list item, a numbered step, a label line. */
const starts = (text: string) => BULLET.test(text) || /^\d{1,3}[.)]\s/.test(text) || /^[-*]\s/.test(text) || /^[^\s:]{1,30}:\s/.test(text);

/** Markdown of a line of plain text: a leading `#` or `>` is text in a PDF, not syntax. */
const escapeLine = (text: string) => text.replace(/^(\s*)([#>+]|\d{1,9}[.)](?!\s))/, '$1\\$2').replace(BULLET, '- ');

/** The type size most of the text is set in: anything clearly larger is a heading. */
function bodySize(pages: Line[][]): number {
  const chars = new Map<number, number>();
  for (const line of pages.flat()) {
    const size = Math.round(line.size * 2) / 2;
    chars.set(size, (chars.get(size) ?? 0) + line.text.length);
  }
  return [...chars].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 10;
}

/** Lines repeated on most pages at their top or bottom (running headers and footers), page numbers. */
function furniture(pages: Line[][]): Set<string> {
  const key = (text: string) => text.replace(/\d+/g, '#').trim();
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const ends = new Set([lines[0], lines[1], lines.at(-2), lines.at(-1)].filter((l): l is Line => !!l).map((l) => key(l.text)));
    for (const k of ends) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const repeated = new Set<string>();
  if (pages.length >= 2) for (const [k, n] of counts) if (n >= Math.max(2, pages.length / 2)) repeated.add(k);
  return repeated;
}

export function pdfProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the PDF file is empty';
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').indexOf('%PDF-') < 0) return 'the file is not a PDF (no %PDF- header); it may be damaged or renamed';
  return undefined;
}

function pdfError(error: unknown): Error {
  const { name, message } = error as Error;
  if (name === 'PasswordException') return new Error('the PDF is password-protected; export it again without a password');
  if (name === 'InvalidPDFException') return new Error(`the PDF is damaged (${message}); print or export it again`);
  return new Error(`the PDF could not be read (${message.split('\n')[0]})`);
}

/** Dates in a PDF's metadata are `D:YYYYMMDD…`; some writers put the usual forms there. */
const pdfDate = (value: string) => /D:(\d{4})(\d{2})(\d{2})/.exec(value)?.slice(1).join('-') ?? findDates(value)[0]?.date;

export async function readPdf(bytes: Uint8Array): Promise<{ converted: Converted; allText: string }> {
  const problem = pdfProblem(bytes);
  if (problem) throw new Error(problem);
  // Loaded on first use: pdf.js is megabytes of code that a run without PDFs need not start.
  const { extractTextItems, getDocumentProxy, getMeta } = await import('unpdf');
  let pages: Item[][];
  let info: Record<string, unknown> = {};
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: give it a copy.
    const document = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
    pages = (await extractTextItems(document)).items as Item[][];
    info = (await getMeta(document).catch(() => ({ info: {} }))).info ?? {};
    await document.destroy();
  } catch (error) {
    throw pdfError(error);
  }
  const lines = pages.map(pageLines);
  if (lines.every((page) => page.length === 0)) {
    throw new Error('the PDF has no text layer (a scan or images only); run it through OCR first');
  }
  const body = bodySize(lines);
  const headingSizes = [...new Set(lines.flat().filter((l) => l.size >= body * 1.15 && l.text.length <= 120).map((l) => Math.round(l.size * 2) / 2))].sort((a, b) => b - a).slice(0, 3);
  const repeated = furniture(lines);

  const out: string[] = [];
  const pageStarts: Array<{ page: number; line: number }> = [];
  const front: Record<string, string> = {};
  if (typeof info.Author === 'string' && info.Author.trim()) front.author = info.Author.trim();
  const created = typeof info.CreationDate === 'string' ? pdfDate(info.CreationDate) : undefined;
  if (created) front.date = created;
  if (typeof info.Title === 'string' && info.Title.trim() && headingSizes.length === 0) front.title = info.Title.trim();
  if (Object.keys(front).length) out.push('---', ...YAML.stringify(front, { lineWidth: 0 }).trimEnd().split('\n'), '---', '');

  lines.forEach((pageLinesOf, pageIndex) => {
    const blocks: string[][] = [];
    let paragraph: { lines: string[]; last: Line } | undefined;
    let code: string[] | undefined;
    const flush = () => {
      if (paragraph) blocks.push([paragraph.lines.join(' ').replace(/(\p{L})- (\p{Ll})/gu, '$1$2')]);
      paragraph = undefined;
      if (code) blocks.push(['```', ...code, '```']);
      code = undefined;
    };
    for (const line of pageLinesOf) {
      const text = line.text.trim();
      if (repeated.has(text.replace(/\d+/g, '#')) || PAGE_NUMBER.test(text)) continue;
      const size = Math.round(line.size * 2) / 2;
      const level = headingSizes.indexOf(size);
      if (level >= 0 && !line.mono) {
        flush();
        blocks.push([`${'#'.repeat(level + 1)} ${text.replace(/^#+\s*/, '')}`]);
        continue;
      }
      if (line.mono) {
        if (paragraph) flush();
        (code ??= []).push(line.text);
        continue;
      }
      if (code) flush();
      const gap = paragraph ? paragraph.last.y - line.y : Infinity;
      if (paragraph && gap <= line.size * 1.6 && !starts(text)) {
        paragraph.lines.push(text);
        paragraph.last = line;
      } else {
        flush();
        paragraph = { lines: [escapeLine(text)], last: line };
      }
    }
    flush();
    if (blocks.length === 0) return;
    if (out.length && out.at(-1) !== '') out.push('');
    pageStarts.push({ page: pageIndex + 1, line: out.length + 1 });
    const listItem = (block: string[] | undefined) => !!block && /^(-|\d{1,3}[.)]) /.test(block[0]!);
    blocks.forEach((block, i) => {
      // Items of one list stay together: a blank line between them would make a loose list.
      if (i > 0 && !(listItem(block) && listItem(blocks[i - 1]))) out.push('');
      out.push(...block);
    });
  });
  // Everything the file says, also the furniture left out and the metadata: scanned before the original is offered.
  const allText = [...pages.flat().map((item) => item.str), ...Object.values(info).filter((v): v is string => typeof v === 'string')].join('\n');
  return { converted: { text: out.join('\n') + '\n', reader: 'pdf', pages: pageStarts, warnings: [] }, allText };
}
