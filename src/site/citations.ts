import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import rehypeCitation, { Cite } from 'rehype-citation';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { citationHref, citationLabel, pageOfLine, type Citation } from '../schemas/index.ts';
import { FIELDNOTES_CSL } from './csl/fieldnotes-style.ts';

/**
 * Citations with rehype-citation. Pages write each citation as `[@key]`, where the key names one
 * cited span (`src:<source>:L12-18`); this turns them into numbered markers that open the cited
 * lines, and fills the page's bibliography. One CSL item per span sidesteps rehype-citation's
 * locator handling (it misreads "lines 12-18" and has no time locator); the small style in
 * csl/fieldnotes-style.ts prints no localized terms, so no locale is fetched or needed.
 */
export interface SourceInfo {
  title: string;
  file: string;
  author?: string;
  date?: string;
  /** Where each page of a converted PDF starts: its citations name the page. */
  pages?: Array<{ page: number; line: number }>;
}

/** A marker as Cite writes it: `[@key]`, or `[@key1; @key2]` for a value cited in several places. */
const MARKER = /\[(@src:[^\]\s;]+(?:;\s*@src:[^\]\s;]+)*)\]/g;

/** The citation key of a span: it must survive rehype-citation's key pattern. */
export function citationKey(citation: Citation): string {
  if ('lines' in citation) return `src:${citation.source}:L${citation.lines[0]}-${citation.lines[1]}`;
  return `src:${citation.source}:T${Math.floor(citation.time[0])}-${Math.ceil(citation.time[1])}`;
}

function parseKey(key: string): Citation | undefined {
  const match = /^src:(.+):([LT])(\d+)-(\d+)$/.exec(key);
  if (!match) return undefined;
  const [from, to] = [Number(match[3]), Number(match[4])];
  return match[2] === 'L' ? { source: match[1]!, lines: [from, to] } : { source: match[1]!, time: [from, to] };
}

/** `p. 2, ` for a span of a PDF source (the page its first line is on), else nothing. */
function pagePrefix(citation: Citation, source: SourceInfo): string {
  const page = 'lines' in citation && source.pages?.length ? pageOfLine(source.pages, citation.lines[0]) : undefined;
  return page ? `p. ${page}, ` : '';
}

/** One CSL-JSON item per cited span of the page. */
function cslItems(keys: string[], sources: Map<string, SourceInfo>, siteUrl: string) {
  return keys.flatMap((key) => {
    const citation = parseKey(key);
    const source = citation && sources.get(citation.source);
    if (!citation || !source) return [];
    const date = source.date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(source.date) : null;
    return [
      {
        id: key,
        type: 'document',
        title: `${source.title}, ${pagePrefix(citation, source)}${citationLabel(citation)}`,
        ...(source.author && { author: [{ literal: source.author }] }),
        ...(date && { issued: { 'date-parts': [[Number(date[1]), Number(date[2]), Number(date[3])]] } }),
        note: `ingest/${source.file}`,
        URL: siteUrl + citationHref(citation),
      },
    ];
  });
}

/**
 * Our style, registered once under a fixed name. Given a file instead, rehype-citation registers
 * it again under a random name on every page, and citation-js caches one citeproc engine per name:
 * at 10,000 pages that was 1.4 GB of engines and an engine built per page.
 */
const STYLE_NAME = 'fieldnotes';
/** citation-js's registry of CSL styles (rehype-citation's bundled copy; untyped there). */
export const cslStyles = (Cite as unknown as { plugins: { config: { get: (name: string) => { templates: { has: (n: string) => boolean; add: (n: string, xml: string) => void; list: () => string[] } } } } }).plugins.config.get('@csl').templates;
if (!cslStyles.has(STYLE_NAME)) cslStyles.add(STYLE_NAME, FIELDNOTES_CSL);

/** rehype-citation reads the bibliography from a file (joined to `path`, hence `path: "/"` below): written once per content, reused. */
async function contentFile(content: string, extension: string): Promise<string> {
  const dir = path.join(tmpdir(), 'fieldnotes-citations');
  const file = path.join(dir, `${createHash('sha256').update(content).digest('hex').slice(0, 20)}.${extension}`);
  if (!existsSync(file)) {
    await mkdir(dir, { recursive: true });
    await writeFile(file, content);
  }
  return file;
}

/** Replaces the `[@key]` markers of a page with numbered citations and its bibliography. */
export async function renderCitations(html: string, sources: Map<string, SourceInfo>, siteUrl: string): Promise<string> {
  // Every key of every marker: a key cited only inside a list would leave the whole marker raw.
  const keys = [...new Set([...html.matchAll(MARKER)].flatMap((m) => m[1]!.split(';').map((key) => key.trim().slice(1))))];
  if (keys.length === 0) return html;
  const items = cslItems(keys, sources, siteUrl);
  const urlOf = new Map(items.map((item) => [item.id.toLowerCase(), item.URL.slice(siteUrl.length)]));
  const processor = unified()
    .use(rehypeParse)
    .use(rehypeCitation, { bibliography: await contentFile(JSON.stringify(items), 'json'), csl: STYLE_NAME, lang: 'en-US', linkCitations: true, path: '/' })
    .use(() => (tree: Root) => {
      visit(tree, 'element', (node: Element) => {
        // A marker opens the cited lines themselves, not the bibliography entry.
        const href = typeof node.properties.href === 'string' ? node.properties.href : '';
        if (node.tagName === 'a' && href.startsWith('#bib-')) {
          const url = urlOf.get(href.slice('#bib-'.length));
          if (url) node.properties.href = url;
        }
        // Bibliography entries end with their URL as text: make it a link.
        if (node.tagName === 'div' && String(node.properties.className ?? '').includes('csl-right-inline')) {
          const text = node.children.at(-1);
          const match = text?.type === 'text' ? /(https?:\/\/\S+?)(\.?)$/.exec(text.value) : null;
          if (text?.type === 'text' && match) {
            text.value = text.value.slice(0, match.index);
            const href = match[1]!.startsWith(siteUrl) ? match[1]!.slice(siteUrl.length) : match[1]!;
            node.children.push({ type: 'element', tagName: 'a', properties: { href }, children: [{ type: 'text', value: match[1]! }] }, { type: 'text', value: match[2]! });
          }
        }
      });
    })
    .use(rehypeStringify);
  return String(await processor.process(html));
}
