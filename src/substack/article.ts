import type { BlockContent, Link, List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Adr, Article, Citation, CitedText, Incident, Runbook } from '../schemas/index.ts';
import { citationHref, citationLabel } from '../schemas/index.ts';

/**
 * A document as a Substack article: an mdast tree built from the document's typed, cited fields,
 * then written as editor-safe HTML (only what Substack's editor keeps) and as Markdown.
 * Pure: no I/O; the CLI and the site both call it.
 */
export type ArticleDocument =
  | { collection: 'incidents'; slug: string; data: Incident }
  | { collection: 'adrs'; slug: string; data: Adr }
  | { collection: 'runbooks'; slug: string; data: Runbook };

export interface BuiltArticle {
  slug: string;
  title: string;
  subtitle?: string;
  status: Article['status'];
  /** The document's page on the site: the canonical URL of the article. */
  canonicalUrl: string;
  /** Editorial notes still open: the author's checklist, not part of the post. */
  openNotes: Array<{ text: string; cite: Citation[] }>;
  html: string;
  markdown: string;
  language: string;
}

/** What Substack's editor keeps when HTML is pasted or imported; everything else is dropped. */
export const SUBSTACK_SCHEMA: SanitizeSchema = {
  tagNames: ['h2', 'h3', 'h4', 'p', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'img', 'hr', 'br'],
  attributes: { a: ['href'], img: ['src', 'alt'], ol: ['start'] },
  protocols: { href: ['http', 'https', 'mailto'], src: ['https', 'http'] },
  strip: ['script', 'style'],
  clobberPrefix: '',
  clobber: [],
  required: {},
  ancestors: {},
};

const toHtml = unified().use(remarkRehype).use(rehypeSanitize, SUBSTACK_SCHEMA).use(rehypeStringify);

/** Numbers citations in order of first use; the post ends with them as a "Sources" list. */
class SourceList {
  readonly entries: Array<{ citation: Citation; url: string }> = [];
  constructor(private readonly siteUrl: string) {}

  /** Inline markers "[1]" linking straight to the cited lines on the site. */
  markers(cite: Citation[]): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    for (const citation of cite) {
      const url = this.siteUrl + citationHref(citation);
      let index = this.entries.findIndex((e) => e.url === url);
      if (index === -1) index = this.entries.push({ citation, url }) - 1;
      out.push({ type: 'text', value: ' ' }, { type: 'link', url, children: [{ type: 'text', value: `[${index + 1}]` }] } satisfies Link);
    }
    return out;
  }

  section(): RootContent[] {
    if (this.entries.length === 0) return [];
    const items: ListItem[] = this.entries.map(({ citation, url }) => ({
      type: 'listItem',
      children: [{ type: 'paragraph', children: [{ type: 'link', url, children: [{ type: 'text', value: `${citation.source}, ${citationLabel(citation)}` }] }] }],
    }));
    return [heading('Sources'), { type: 'list', ordered: true, start: 1, children: items }];
  }
}

const heading = (text: string, depth: 2 | 3 = 2): RootContent => ({ type: 'heading', depth, children: [{ type: 'text', value: text }] });

function cited(sources: SourceList, value: CitedText, lead?: string): BlockContent {
  const children: PhrasingContent[] = [];
  if (lead) children.push({ type: 'strong', children: [{ type: 'text', value: lead }] }, { type: 'text', value: ' ' });
  children.push({ type: 'text', value: value.text }, ...sources.markers(value.cite));
  return { type: 'paragraph', children };
}

function list(sources: SourceList, items: Array<CitedText | undefined>, ordered = false): List {
  return {
    type: 'list',
    ordered,
    spread: false,
    children: items.filter((i): i is CitedText => Boolean(i)).map((item) => ({ type: 'listItem', spread: false, children: [cited(sources, item)] })),
  };
}

/** A section with a heading, only when it has content. */
function section(title: string, blocks: Array<RootContent | undefined>): RootContent[] {
  const present = blocks.filter((b): b is RootContent => b !== undefined && !(b.type === 'list' && b.children.length === 0));
  return present.length > 0 ? [heading(title), ...present] : [];
}

const labelled = (label: string, value: CitedText | undefined) => (value ? { ...value, text: `${label}: ${value.text}` } : undefined);

/**
 * Incident articles follow intro → summary → what happened → resolution → lessons learned →
 * prevention and follow-ups; the timeline stays on the site.
 */
function incidentBody(data: Incident, sources: SourceList): RootContent[] {
  // The intro says what happened: the summary if the source has one, else the trigger or the impact.
  const intro = data.summary ?? data.trigger ?? data.impact;
  return [
    ...(intro ? [cited(sources, intro)] : []),
    ...section('Summary', [
      list(sources, [intro === data.impact ? undefined : labelled('Impact', data.impact), labelled('Duration', data.duration), labelled('Date', data.date), labelled('Root cause', data.rootCause)]),
    ]),
    ...section('What happened', [data.trigger && data.trigger !== intro ? cited(sources, data.trigger) : undefined, data.rootCause ? cited(sources, data.rootCause) : undefined]),
    ...section('Resolution', [data.resolution ? cited(sources, data.resolution) : undefined]),
    ...section('Lessons learned', [list(sources, data.lessons)]),
    ...section('Prevention and follow-ups', [list(sources, data.followUps.map((f) => ({ text: `${f.action}${f.status === 'done' ? ' (done)' : ''}`, cite: f.cite })))]),
  ];
}

function adrBody(data: Adr, sources: SourceList): RootContent[] {
  return [
    ...(data.context ? [cited(sources, data.context)] : []),
    ...section('Decision', [data.decision ? cited(sources, data.decision) : undefined]),
    // Tables do not survive Substack's editor: options are a list.
    ...section('Options considered', [
      list(sources, data.options.map((o) => ({ text: `${o.name} — ${o.chosen ? 'chosen' : 'rejected'}${o.reasons ? `: ${o.reasons}` : ''}`, cite: o.cite }))),
    ]),
    ...section('Consequences', [list(sources, [...data.consequences.positive.map((c) => ({ ...c, text: `+ ${c.text}` })), ...data.consequences.negative.map((c) => ({ ...c, text: `− ${c.text}` }))])]),
  ];
}

function runbookBody(data: Runbook, sources: SourceList): RootContent[] {
  const steps: List = {
    type: 'list',
    ordered: true,
    spread: false,
    children: data.steps.map((step) => ({
      type: 'listItem',
      spread: false,
      children: [cited(sources, step), ...step.commands.map((value) => ({ type: 'code' as const, lang: 'bash', value }))],
    })),
  };
  return [
    ...(data.summary ? [cited(sources, data.summary)] : []),
    ...section('Symptoms', [list(sources, data.symptoms)]),
    ...section('Steps', [steps]),
    ...section('Warnings', data.warnings.map((w) => ({ type: 'blockquote' as const, children: [cited(sources, w)] }))),
    ...section('Escalation', [list(sources, data.escalation)]),
  ];
}

/** Builds the article of one document. `siteUrl` makes every link absolute. */
export function buildArticle(document: ArticleDocument, siteUrl: string): BuiltArticle {
  const sources = new SourceList(siteUrl);
  const body =
    document.collection === 'incidents'
      ? incidentBody(document.data, sources)
      : document.collection === 'adrs'
        ? adrBody(document.data, sources)
        : runbookBody(document.data, sources);
  const tree: Root = { type: 'root', children: [...body, { type: 'thematicBreak' }, ...sources.section()] };
  const article = document.data.article;
  return {
    slug: document.slug,
    title: article?.title?.text ?? document.data.title.text,
    subtitle: article?.subtitle?.text,
    status: article?.status ?? 'draft',
    canonicalUrl: `${siteUrl}/${document.collection}/${document.slug}/`,
    openNotes: (article?.notes ?? []).filter((n) => !n.done).map(({ text, cite }) => ({ text, cite })),
    html: toHtml.stringify(toHtml.runSync(tree)) + '\n',
    markdown: toMarkdown(tree, { extensions: [gfmToMarkdown()], bullet: '-', fences: true }),
    language: document.data.language,
  };
}

const normalizeTitle = (title: string) => title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The documents that are articles. A voice note's feedback on an article ("для статьи X")
 * attaches its Substack title and notes to the document titled X when there is one; otherwise
 * the note's own draft stands, saying what it waits for.
 */
export function articleDocuments(documents: ArticleDocument[]): ArticleDocument[] {
  const isVoice = (d: ArticleDocument) => d.data.tags.includes('voice-note');
  const byTitle = new Map(documents.filter((d) => !isVoice(d)).map((d) => [normalizeTitle(d.data.title.text), d]));
  const articles = new Map<ArticleDocument, Article>();
  for (const document of documents) if (document.data.article && !isVoice(document)) articles.set(document, document.data.article);
  for (const document of documents) {
    const feedback = document.data.article;
    if (!feedback || !isVoice(document)) continue;
    const target = byTitle.get(normalizeTitle(document.data.title.text));
    if (!target) {
      articles.set(document, feedback);
      continue;
    }
    const own = articles.get(target);
    articles.set(target, { ...feedback, ...own, title: own?.title ?? feedback.title, notes: [...(own?.notes ?? []), ...feedback.notes] });
  }
  return [...articles]
    .map(([document, article]) => ({ ...document, data: { ...document.data, article } }) as ArticleDocument)
    .sort((a, b) => a.slug.localeCompare(b.slug));
}
