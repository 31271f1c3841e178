import type { Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Adr, Article, Citation, CitedText, Incident, Runbook } from '../schemas/index.ts';
import { citationHref, citationLabel } from '../schemas/index.ts';
import { ui, type Ui } from '../site/i18n.ts';

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
  private readonly siteUrl: string;
  private readonly u: Ui;

  constructor(siteUrl: string, u: Ui) {
    this.siteUrl = siteUrl;
    this.u = u;
  }

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
    return [heading(this.u.t('section.sources')), { type: 'list', ordered: true, start: 1, children: items }];
  }
}

const heading = (text: string, depth: 2 | 3 = 2): RootContent => ({ type: 'heading', depth, children: [{ type: 'text', value: text }] });

/** A cited value as a paragraph; nothing for a value with no words (a paragraph of markers alone says nothing). */
function cited(sources: SourceList, value: CitedText | undefined): Paragraph | undefined {
  if (!value || !/[\p{L}\p{N}]/u.test(value.text)) return undefined;
  return { type: 'paragraph', children: [{ type: 'text', value: value.text }, ...sources.markers(value.cite)] };
}

function list(sources: SourceList, items: Array<CitedText | undefined>, ordered = false): List {
  return {
    type: 'list',
    ordered,
    spread: false,
    children: items.flatMap((item) => {
      const paragraph = cited(sources, item);
      return paragraph ? [{ type: 'listItem' as const, spread: false, children: [paragraph] }] : [];
    }),
  };
}

/** A section with a heading, only when it has content. */
function section(title: string, blocks: Array<RootContent | undefined>): RootContent[] {
  const present = blocks.filter((b): b is RootContent => b !== undefined && !(b.type === 'list' && b.children.length === 0));
  return present.length > 0 ? [heading(title), ...present] : [];
}

const some = (block: RootContent | undefined): RootContent[] => (block ? [block] : []);

const labelled = (label: string, value: CitedText | undefined) => (value ? { ...value, text: `${label}: ${value.text}` } : undefined);

/**
 * Incident articles follow intro → summary → what happened → resolution → lessons learned →
 * prevention and follow-ups; the timeline stays on the site. Headings speak the article's language.
 */
function incidentBody(data: Incident, sources: SourceList, u: Ui): RootContent[] {
  // The intro says what happened: the summary if the source has one, else the trigger or the impact.
  const intro = data.summary ?? data.trigger ?? data.impact;
  const date = data.date && { ...data.date, text: u.date(data.date.text) };
  return [
    ...some(cited(sources, intro)),
    ...section(u.t('substack.summary'), [
      list(sources, [intro === data.impact ? undefined : labelled(u.t('field.impact'), data.impact), labelled(u.t('field.duration'), data.duration), labelled(u.t('field.date'), date), labelled(u.t('field.rootCause'), data.rootCause)]),
    ]),
    ...section(u.t('substack.whatHappened'), [data.trigger !== intro ? cited(sources, data.trigger) : undefined, cited(sources, data.rootCause)]),
    ...section(u.t('field.resolution'), [cited(sources, data.resolution)]),
    ...section(u.t('substack.lessons'), [list(sources, data.lessons)]),
    ...section(u.t('substack.followUps'), [list(sources, data.followUps.map((f) => ({ text: `${f.action}${f.status === 'done' ? ` (${u.word('done')})` : ''}`, cite: f.cite })))]),
  ];
}

function adrBody(data: Adr, sources: SourceList, u: Ui): RootContent[] {
  return [
    ...some(cited(sources, data.context)),
    ...section(u.t('field.decision'), [cited(sources, data.decision)]),
    // Tables do not survive Substack's editor: options are a list.
    ...section(u.t('substack.options'), [
      list(sources, data.options.map((o) => ({ text: `${o.name} — ${o.chosen ? u.t('option.chosen') : u.t('option.rejected')}${o.reasons ? `: ${o.reasons}` : ''}`, cite: o.cite }))),
    ]),
    ...section(u.t('substack.consequences'), [list(sources, [...data.consequences.positive.map((c) => ({ ...c, text: `+ ${c.text}` })), ...data.consequences.negative.map((c) => ({ ...c, text: `− ${c.text}` }))])]),
  ];
}

function runbookBody(data: Runbook, sources: SourceList, u: Ui): RootContent[] {
  const steps: List = {
    type: 'list',
    ordered: true,
    spread: false,
    children: data.steps.flatMap((step) => {
      const paragraph = cited(sources, step);
      const commands = step.commands.map((value) => ({ type: 'code' as const, lang: 'bash', value }));
      return paragraph || commands.length > 0 ? [{ type: 'listItem' as const, spread: false, children: [...(paragraph ? [paragraph] : []), ...commands] }] : [];
    }),
  };
  return [
    ...some(cited(sources, data.summary)),
    ...section(u.t('section.symptoms'), [list(sources, data.symptoms)]),
    ...section(u.t('section.steps'), [steps]),
    ...section(
      u.t('substack.warnings'),
      data.warnings.map((w) => cited(sources, w)).map((paragraph) => paragraph && { type: 'blockquote' as const, children: [paragraph] }),
    ),
    ...section(u.t('section.escalation'), [list(sources, data.escalation)]),
  ];
}

/** The prose a model wrote (`article.body`): its headings, and each paragraph with its markers. */
function writtenBody(paragraphs: NonNullable<Article['body']>, sources: SourceList): RootContent[] {
  const out: RootContent[] = [];
  let current: string | undefined;
  for (const paragraph of paragraphs) {
    if (paragraph.heading && paragraph.heading !== current) out.push(heading(paragraph.heading));
    current = paragraph.heading ?? current;
    out.push(cited(sources, paragraph) ?? { type: 'paragraph', children: [{ type: 'text', value: paragraph.text }] });
  }
  return out;
}

/** Builds the article of one document. `siteUrl` makes every link absolute. */
export function buildArticle(document: ArticleDocument, siteUrl: string): BuiltArticle {
  const u = ui(document.data.language);
  const sources = new SourceList(siteUrl, u);
  const written = document.data.article?.body;
  const body = written?.length
    ? writtenBody(written, sources)
    : document.collection === 'incidents'
      ? incidentBody(document.data, sources, u)
      : document.collection === 'adrs'
        ? adrBody(document.data, sources, u)
        : runbookBody(document.data, sources, u);
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
    // The prose written from the feedback's own note is about that note: the target keeps its own.
    articles.set(target, { ...feedback, ...own, title: own?.title ?? feedback.title, notes: [...(own?.notes ?? []), ...feedback.notes], body: own?.body });
  }
  return [...articles]
    .map(([document, article]) => ({ ...document, data: { ...document.data, article } }) as ArticleDocument)
    .sort((a, b) => a.slug.localeCompare(b.slug));
}
