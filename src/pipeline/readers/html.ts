/**
 * HTML exports (Confluence, Google Docs, Notion, a page saved from the browser) → Markdown, through
 * unified: rehype-parse → export chrome removed → rehype-remark (hast → mdast) → remark-stringify.
 * Headings, lists, tables, code blocks and links are kept; navigation, scripts, styles, breadcrumbs
 * and footers are dropped; "Created by … last updated on …" lines and property tables become
 * frontmatter (author, date), so the source page and every citation count lines of the Markdown.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toText as hastText } from 'hast-util-to-text';
import iconv from 'iconv-lite';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import YAML from 'yaml';
import { decode } from '../decode/index.ts';
import { findDates } from '../extract/values.ts';
import type { Converted } from './types.ts';

/** HTML bigger than this is a data dump or a whole wiki space, not a note. */
export const MAX_HTML_BYTES = 16 * 1024 * 1024;

/** Elements that are never part of the text a person wrote. */
const DROPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'nav', 'footer', 'form', 'button', 'iframe', 'svg', 'canvas', 'object', 'embed', 'select', 'link', 'meta']);
/** Export chrome by id or class: Confluence's breadcrumbs, footer and page tools; skip links. */
const DROPPED_IDS = /^(breadcrumb-section|breadcrumbs|footer|footer-logo|navigation|page-sidebar|header-precursor|likes-and-labels-container|comments-section)$/;
const DROPPED_CLASSES = /^(breadcrumbs?|footer|page-metadata-modification-info|skip-link|sr-only|visually-hidden|toc-macro|confluence-information-macro-icon)$/;

type Metadata = { title?: string; author?: string; date?: string };

const classes = (node: Element): string[] => {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
};

function isChrome(node: Element): boolean {
  if (DROPPED_TAGS.has(node.tagName)) return true;
  if (node.properties.role === 'navigation' || node.properties.hidden !== undefined || node.properties.ariaHidden === 'true') return true;
  if (typeof node.properties.id === 'string' && DROPPED_IDS.test(node.properties.id)) return true;
  return classes(node).some((name) => DROPPED_CLASSES.test(name));
}

/** `Created by Anna Petrova, last updated on Feb 26, 2026` (Confluence) → author and date. */
function readByline(text: string, metadata: Metadata): boolean {
  const match = /(?<!\p{L})(?:created|written|posted|автор|создал[аи]?)(?!\p{L})(?:\s+by)?\s*:?\s*([^,;\n]+?)\s*(?:,|;|$)(.*)$/isu.exec(text.replace(/\s+/g, ' ').trim());
  if (!match) return false;
  metadata.author ??= match[1]!.replace(/^by\s+/i, '').trim() || undefined;
  const date = findDates(match[2] || text)[0]?.date;
  if (date) metadata.date ??= date;
  return true;
}

/** Notion's page properties (`<table class="properties">`): author and date to metadata, the rest kept as label lines. */
function readProperties(table: Element, metadata: Metadata): ElementContent[] {
  const rows: ElementContent[] = [];
  visit(table, 'element', (row: Element) => {
    if (row.tagName !== 'tr') return;
    const cells = row.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'th' || c.tagName === 'td'));
    if (cells.length < 2) return SKIP;
    const label = hastText(cells[0]!).trim();
    const value = hastText(cells[1]!).replace(/^@/, '').replace(/\s+/g, ' ').trim();
    if (!label || !value) return SKIP;
    if (/^(created by|author|owner|автор)$/i.test(label)) metadata.author ??= value;
    else if (/^(created|date|created time|дата)$/i.test(label)) metadata.date ??= findDates(value)[0]?.date ?? value;
    rows.push({ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: `${label}:` }] }, { type: 'text', value: ` ${value}` }] });
    return SKIP;
  });
  return rows;
}

/** Removes chrome, lifts metadata out, and fixes what the exports write in odd ways. */
function cleanExport(metadata: Metadata) {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.tagName === 'title') {
        metadata.title ??= hastText(node).replace(/\s+/g, ' ').trim() || undefined;
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (node.tagName === 'meta' && typeof node.properties.name === 'string') {
        const content = String(node.properties.content ?? '').trim();
        if (/^author$/i.test(node.properties.name) && content) metadata.author ??= content;
        if (/^(date|created|dcterms\.created)$/i.test(node.properties.name) && content) metadata.date ??= findDates(content)[0]?.date;
      }
      const names = classes(node);
      if (names.includes('page-metadata') || names.includes('byline')) {
        if (readByline(hastText(node), metadata)) {
          parent.children.splice(index, 1);
          return [SKIP, index];
        }
      }
      if (node.tagName === 'table' && names.includes('properties')) {
        const rows = readProperties(node, metadata);
        parent.children.splice(index, 1, ...rows);
        return [SKIP, index + rows.length];
      }
      if (isChrome(node)) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      // An inlined (base64) or unnamed picture is no text to cite: its name or alt text stands for it.
      if (node.tagName === 'img') {
        const src = String(node.properties.src ?? '');
        if (!src || src.startsWith('data:')) {
          parent.children.splice(index, 1, { type: 'text', value: `[image: ${String(node.properties.alt ?? '').trim() || 'image'}]` });
          return [SKIP, index + 1];
        }
      }
      // Google Docs writes its title as a paragraph of class "title"; Word's Title style comes as h1.doc-title.
      if ((node.tagName === 'p' && names.includes('title')) || names.includes('doc-title') || names.includes('page-title') || node.properties.id === 'title-heading') {
        node.tagName = 'h1';
        node.properties.dataDocTitle = true;
      }
      // Notion's to-do: a div drawn as a checkbox. As a checkbox input, it becomes a task item ("- [x]").
      if (node.tagName === 'div' && names.includes('checkbox') && (names.includes('checkbox-on') || names.includes('checkbox-off'))) {
        parent.children.splice(index, 1, { type: 'element', tagName: 'input', properties: { type: 'checkbox', checked: names.includes('checkbox-on'), disabled: true }, children: [] });
        return [SKIP, index + 1];
      }
      // A table without a header row: its first row is the header (Word and Google Docs mark none).
      if (node.tagName === 'table') promoteHeaderRow(node);
      // Confluence's page title reads "Space : Page"; the space is a breadcrumb.
      if (/^h1$/.test(node.tagName) && (node.properties.id === 'title-heading' || names.includes('pagetitle'))) {
        const text = hastText(node).replace(/\s+/g, ' ').trim();
        node.children = [{ type: 'text', value: text.replace(/^[^:]{1,60}\s:\s/, '') }];
      }
      // Google Docs sends every link through a redirect: keep where it points.
      if (node.tagName === 'a' && typeof node.properties.href === 'string') {
        const redirect = /^https?:\/\/www\.google\.com\/url\?(.*)$/.exec(node.properties.href);
        const target = redirect ? new URLSearchParams(redirect[1]).get('q') : null;
        if (target) node.properties.href = target;
      }
      // Confluence's code macro names its language in a parameter: keep it on the code block.
      if (node.tagName === 'pre' && typeof node.properties.dataSyntaxhighlighterParams === 'string') {
        const language = /brush:\s*([\w+-]+)/.exec(node.properties.dataSyntaxhighlighterParams)?.[1];
        if (language) node.children = [{ type: 'element', tagName: 'code', properties: { className: [`language-${language}`] }, children: node.children }];
      }
    });
    // A page saved from a site: its <main> (or its one <article>) is the text; the rest is the site around it.
    const focus = only(tree, 'main') ?? only(tree, 'article');
    if (focus) tree.children = [focus];
    demoteUnderTitle(tree);
  };
}

/**
 * A page title above sections that are themselves h1 (Word's Title over Heading 1): the sections
 * move one level down, so the outline reads one document with sections, not several.
 */
function demoteUnderTitle(tree: HastRoot): void {
  let title: Element | undefined;
  const headings: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.properties.dataDocTitle && !title) title = node;
    else if (/^h[1-5]$/.test(node.tagName)) headings.push(node);
    delete node.properties.dataDocTitle;
  });
  if (!title || !headings.some((h) => h.tagName === 'h1')) return;
  for (const heading of headings) heading.tagName = `h${Number(heading.tagName[1]) + 1}`;
}

/** The one element of a tag in the tree, when there is exactly one. */
function only(tree: HastRoot, tagName: string): Element | undefined {
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === tagName) found.push(node);
  });
  return found.length === 1 ? found[0] : undefined;
}

function promoteHeaderRow(table: Element): void {
  let first: Element | undefined;
  let hasHeader = false;
  visit(table, 'element', (node: Element) => {
    if (node.tagName === 'thead' || node.tagName === 'th') hasHeader = true;
    if (node.tagName === 'tr' && !first) first = node;
  });
  if (hasHeader || !first) return;
  for (const cell of first.children) if (cell.type === 'element' && cell.tagName === 'td') cell.tagName = 'th';
}

/** The charset a page declares, when it is one iconv-lite knows and not UTF-8. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  return charset && !/^utf-?8$/.test(charset) && iconv.encodingExists(charset) ? charset : undefined;
}

const toMarkdown = unified()
  .use(rehypeRemark)
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', emphasis: '_', fences: true, rule: '-', listItemIndent: 'one' });

/** The Markdown of an HTML page, with its metadata as frontmatter. */
export function htmlToMarkdown(html: string): { markdown: string; metadata: Metadata } {
  const metadata: Metadata = {};
  const hast = unified().use(rehypeParse).parse(html);
  cleanExport(metadata)(hast);
  const mdast = toMarkdown.runSync(hast);
  const body = toMarkdown.stringify(mdast).trim();
  const front = Object.fromEntries(Object.entries(metadata).filter(([, value]) => value));
  // The page's <title> is only needed when the body has no heading to name it.
  if (front.title && /^#\s/m.test(body)) delete front.title;
  const yaml = Object.keys(front).length ? `---\n${YAML.stringify(front, { lineWidth: 0 })}---\n\n` : '';
  return { markdown: `${yaml}${body}\n`, metadata };
}

export function readHtml(bytes: Uint8Array): Converted {
  if (bytes.length > MAX_HTML_BYTES) {
    throw new Error(`the HTML file is ${(bytes.length / 1048576).toFixed(1)} MB; HTML over ${MAX_HTML_BYTES / 1048576} MB is not read (export the one page, not the whole space)`);
  }
  const charset = declaredCharset(bytes);
  const html = charset ? iconv.decode(Buffer.from(bytes), charset) : decode(bytes).text;
  return { text: htmlToMarkdown(html).markdown, reader: 'html', warnings: [] };
}
