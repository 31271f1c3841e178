import type { List, ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { AdrInput, Citation, CitedText, IncidentInput, RunbookInput } from '../schemas/index.ts';
import type { DocumentKind } from './classify.ts';
import { mainLanguage } from './language.ts';
import type { NoiseReport } from './noise.ts';
import type { ParsedSource } from './parse.ts';
import type { Candidate } from './segment.ts';

/**
 * Extract (offline heuristics): typed fields of one candidate, each with the lines it came
 * from. Nothing is invented: a field the text does not state stays empty and, for drafts,
 * is named in `missing`.
 */
export interface ExtractedDocument {
  kind: DocumentKind;
  /** Schema input, before defaults; validated by the writer. */
  data: IncidentInput | AdrInput | RunbookInput;
  /** The candidate's own text as a markdown tree (noise removed), positions = source lines. */
  body: Root;
}

export interface ExtractContext {
  sourceId: string;
  parsed: ParsedSource;
  noise: NoiseReport;
  generated: { tool: 'fieldnotes'; from: string; note: string };
}

const markdown = unified().use(remarkParse).use(remarkGfm);

/** One source line as the extractor sees it: noise-free, with its number. */
interface Line {
  number: number;
  text: string;
}

function candidateLines(ctx: ExtractContext, candidate: Candidate): Line[] {
  const out: Line[] = [];
  for (let n = candidate.startLine; n <= candidate.endLine; n++) {
    if (ctx.noise.noiseLines.has(n)) continue;
    out.push({ number: n, text: ctx.noise.cleanedLines.get(n) ?? ctx.parsed.lines[n - 1] ?? '' });
  }
  return out;
}

/**
 * Parses the candidate's lines again with every other line blanked, so the tree's positions
 * are still source line numbers while noise and neighbouring documents are gone.
 */
function candidateTree(ctx: ExtractContext, candidate: Candidate, skipTitle: boolean): Root {
  const keep = new Map(candidateLines(ctx, candidate).map((l) => [l.number, l.text]));
  if (skipTitle) keep.delete(candidate.titleLine);
  const text = ctx.parsed.lines.map((_, i) => keep.get(i + 1) ?? '').join('\n');
  return markdown.parse(text);
}

const cite = (ctx: ExtractContext, from: number, to = from): Citation[] => [{ source: ctx.sourceId, lines: [from, to] }];

const clean = (text: string) =>
  text
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function nodeLines(node: RootContent | ListItem): [number, number] {
  return [node.position!.start.line, node.position!.end.line];
}

/** Strips "Postmortem — ", "ADR-014 — ", leading emoji and numbering from a section title. */
export function displayTitle(title: string): string {
  return clean(title)
    .replace(/^(\p{Extended_Pictographic}|\uFE0F|\s)+/u, '')
    .replace(/^(post-?mortem|runbook|incident)\s*[—–:-]\s*/i, '')
    .replace(/^ADR[-\s]?\d+\s*[—–:-]\s*/i, '')
    .replace(/^\d+\.\s+/, '')
    .trim();
}

/** `Label: value` lines, in either language; the value is cited to its line. */
function labelled(lines: Line[], labels: RegExp, ctx: ExtractContext): CitedText | undefined {
  const pattern = new RegExp(`^\\s*(?:[-*]\\s+)?(?:\\*\\*)?(?:${labels.source})(?:\\*\\*)?\\s*(?:\\([^)]*\\))?\\s*(?:\\*\\*)?[:：—–-]\\s*(?:\\*\\*)?\\s*(.+)$`, 'iu');
  for (const line of lines) {
    const match = pattern.exec(line.text);
    if (match && clean(match[1]!)) return { text: clean(match[1]!), cite: cite(ctx, line.number) };
  }
  return undefined;
}

/** Items of the list that follows a label line ("Symptoms:", "**Действия:**", "Open follow-ups:"). */
function listAfterLabel(tree: Root, labels: RegExp): Array<{ text: string; lines: [number, number]; item: ListItem }> {
  const children = tree.children;
  const labelPattern = new RegExp(`^\\s*(?:[-*]\\s+)?(?:${labels.source})\\s*:?\\s*$`, 'iu');
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    const label = node.type === 'paragraph' || node.type === 'heading' ? toString(node) : node.type === 'list' && node.children.length === 1 ? toString(node) : '';
    if (!labelPattern.test(label.replace(/[*_]/g, ''))) continue;
    const next = children.slice(i + 1).find((n) => n.type === 'list') as List | undefined;
    const between = children.slice(i + 1, next ? children.indexOf(next) : i + 1);
    if (!next || between.some((n) => n.type === 'heading')) continue;
    return next.children.map((item) => ({ text: clean(toString(item.children[0] ?? item)), lines: nodeLines(item), item }));
  }
  return [];
}

const ENTITIES: Array<[string, RegExp]> = [
  ['Postgres', /\b(postgres(ql)?|psql)\b/i],
  ['MongoDB', /\bmongo(db)?\b/i],
  ['DynamoDB', /\bdynamodb\b/i],
  ['Redis', /\bredis\b/i],
  ['Terraform', /\bterraform\b/i],
  ['Alembic', /\balembic\b/i],
  ['AWS', /\baws\b/i],
  ['S3', /\bs3\b/i],
  ['Prometheus', /\bprometheus\b/i],
  ['Grafana', /\bgrafana\b/i],
  ['Alertmanager', /\balertmanager\b/i],
  ['Docker', /\bdocker(-compose)?\b/i],
  ['Kubernetes', /\b(kubernetes|kubectl|k8s)\b/i],
  ['Supabase', /\bsupabase\b/i],
  ['Celery', /\bcelery\b/i],
  ['Django', /\bdjango\b/i],
  ['Nginx', /\bnginx\b/i],
  ['DigitalOcean', /\bdigitalocean\b/i],
  ['Slack', /\bslack\b|#incidents\b/i],
  ['CI pipeline', /\bCI pipeline\b/i],
  ['Substack', /\bsubstack\b/i],
];

/** Prometheus alert names as written in runbooks: `DatabaseDown`, `HighErrorRate`. */
const ALERT_NAME = /`([A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)`/g;

function findEntities(text: string): string[] {
  const found = ENTITIES.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
  for (const match of text.matchAll(ALERT_NAME)) found.push(match[1]!);
  return [...new Set(found)].sort();
}

const ISO_DATE = /\b(20\d\d-[01]\d-[0-3]\d)\b/;

function firstDate(lines: Line[], ctx: ExtractContext): CitedText | undefined {
  for (const line of lines) {
    const match = ISO_DATE.exec(line.text);
    if (match) return { text: match[1]!, cite: cite(ctx, line.number) };
  }
  return undefined;
}

/** "deploy at 14:02 → pool saturated at 14:10" and "15:00 - Deploy" become timeline entries. */
function timeline(lines: Line[], ctx: ExtractContext): Array<{ time: string; event: string; cite: Citation[] }> {
  const entries: Array<{ time: string; event: string; cite: Citation[] }> = [];
  for (const line of lines) {
    for (const chunk of line.text.split(/\s*(?:→|->|;)\s*/)) {
      const match = /\b([01]?\d|2[0-3]):([0-5]\d)\b/.exec(chunk);
      if (!match) continue;
      const time = `${match[1]!.padStart(2, '0')}:${match[2]}`;
      const event = clean(
        chunk
          .replace(/^.*?(timeline points?|хронология)\s*:/i, '')
          .replace(/\s*\b(at|by|в|около)\s*$/i, '')
          .replace(match[0], '')
          .replace(/\s+\b(at|by|в|около)\s*$/i, '')
          .replace(/^\s*[-–—:.]\s*/, '')
          .replace(/\s*[-–—:.]\s*$/, ''),
      ).replace(/\s+\b(at|by)$/i, '');
      if (event) entries.push({ time, event, cite: cite(ctx, line.number) });
    }
  }
  // Ordered by time; entries at the same time keep their written order (the sort is stable).
  return entries.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

function followUps(tree: Root, ctx: ExtractContext) {
  return listAfterLabel(tree, /(?:open\s+)?follow-?ups|action items|next steps|что сделать|задачи/).map((item) => ({
    action: item.text,
    // A follow-up is open unless the author ticked its checkbox ("- [x]").
    status: item.item.checked ? ('done' as const) : ('open' as const),
    cite: cite(ctx, ...item.lines),
  }));
}

/** First paragraph of real prose: the summary a reader sees on index pages. */
function firstProse(tree: Root, ctx: ExtractContext): CitedText | undefined {
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = clean(toString(node));
    if (text.length < 20 || /[:：]$/.test(text)) continue;
    return { text: text.length > 400 ? text.slice(0, 397).replace(/\s+\S*$/, '') + '…' : text, cite: cite(ctx, ...nodeLines(node)) };
  }
  return undefined;
}

/** Title of the article a spoken note talks about ("для статьи Course Management … Report"). */
function spokenArticleTitle(lines: Line[], ctx: ExtractContext): CitedText | undefined {
  for (const line of lines) {
    const match = /(?:стать[июеи]|article|post)\s+((?:[A-Z][\w-]*\s+){1,10}(?:Report|Postmortem|Review|Incident|Outage))\b/u.exec(line.text);
    if (match) return { text: match[1]!.trim(), cite: cite(ctx, line.number) };
  }
  return undefined;
}

function baseFields(ctx: ExtractContext, candidate: Candidate, lines: Line[], title: CitedText) {
  const text = lines.map((l) => l.text).join('\n');
  return {
    title,
    language: mainLanguage(text),
    sources: [ctx.sourceId],
    entities: findEntities(text),
    tags: [] as string[],
    generated: ctx.generated,
  };
}

function titleOf(ctx: ExtractContext, candidate: Candidate, lines: Line[]): CitedText {
  if (candidate.titleLine >= ctx.parsed.bodyStartLine && candidate.startLine === candidate.titleLine && !isUntitled(ctx, candidate)) {
    return { text: displayTitle(candidate.title) || candidate.title, cite: cite(ctx, candidate.titleLine) };
  }
  const spoken = spokenArticleTitle(lines, ctx);
  if (spoken) return spoken;
  // The first line with words in it: not a `---` separator, not a lone emoji.
  const first = lines.find((l) => /\p{L}{2}/u.test(l.text)) ?? lines[0]!;
  const text = displayTitle(first.text);
  return { text: text.length > 120 ? text.slice(0, 117).replace(/\s+\S*$/, '') + '…' : text, cite: cite(ctx, first.number) };
}

/** A candidate made from a whole source without a heading has only the file name as title. */
function isUntitled(ctx: ExtractContext, candidate: Candidate): boolean {
  const line = ctx.parsed.lines[candidate.titleLine - 1] ?? '';
  return !line.includes(candidate.title.trim());
}

function extractIncident(ctx: ExtractContext, candidate: Candidate, lines: Line[], tree: Root, title: CitedText): IncidentInput {
  const fm = ctx.parsed.frontmatter;
  const base = baseFields(ctx, candidate, lines, title);
  const incident: IncidentInput = {
    ...base,
    tags: ['incident'],
    date: firstDate([{ number: candidate.titleLine, text: candidate.title }, ...lines], ctx),
    summary: labelled(lines, /summary|резюме|кратко/, ctx) ?? firstProse(tree, ctx),
    impact: labelled(lines, /impact|влияние|последствия/, ctx),
    trigger: labelled(lines, /trigger|триггер|что запустило/, ctx),
    rootCause: labelled(lines, /root cause|cause|причина|корневая причина/, ctx),
    resolution: labelled(lines, /resolution|fix|решение|исправление/, ctx),
    duration: durationOf(lines, ctx),
    timeline: timeline(lines, ctx),
    followUps: followUps(tree, ctx),
  };
  if (!incident.date && typeof fm.date === 'string') {
    incident.date = { text: fm.date.slice(0, 10), cite: cite(ctx, frontmatterLine(ctx, 'date')) };
  }
  const wanted = ['summary', 'impact', 'rootCause', 'resolution'] as const;
  const missing = wanted.filter((field) => !incident[field]);
  if (missing.length > 0) {
    incident.draft = true;
    incident.missing = [...missing];
  }
  return incident;
}

function frontmatterLine(ctx: ExtractContext, key: string): number {
  const index = ctx.parsed.lines.findIndex((l, i) => i < ctx.parsed.bodyStartLine && l.startsWith(`${key}:`));
  return index >= 0 ? index + 1 : 1;
}

function durationOf(lines: Line[], ctx: ExtractContext): CitedText | undefined {
  for (const line of lines) {
    const match = /~?\s?\b\d+(?:[.,]\d+)?\s*(?:minutes?|mins?|hours?|h|минут[аы]?|мин|час(?:а|ов)?)\b/iu.exec(line.text);
    if (match && /(impact|outage|down|простой|длительность|duration|errors?|ошиб)/i.test(line.text)) {
      return { text: match[0].trim(), cite: cite(ctx, line.number) };
    }
  }
  return undefined;
}

function extractAdr(ctx: ExtractContext, candidate: Candidate, lines: Line[], tree: Root, title: CitedText): AdrInput {
  const number = /ADR[-\s]?(\d+)/i.exec(candidate.title)?.[1];
  const rows = tableRows(tree);
  const row = (label: RegExp) => rows.filter((r) => label.test(r.label));
  const decisionRow = row(/^(decision|решение)$/i)[0];
  const decision = decisionRow ? { text: decisionRow.value, cite: cite(ctx, decisionRow.line) } : labelled(lines, /decision|решение/, ctx);
  const rejected = row(/^(rejected|отклонено|отвергнуто)\s*[:：]/i).map((r) => ({
    name: r.label.replace(/^[^:：]+[:：]\s*/, ''),
    chosen: false,
    reasons: r.value,
    cite: cite(ctx, r.line),
  }));
  const chosenName = /^(.+?)\s+(?:as|как)\s+/i.exec(displayTitle(candidate.title))?.[1];
  const options = chosenName ? [{ name: chosenName, chosen: true, cite: cite(ctx, candidate.titleLine) }, ...rejected] : rejected;
  const positive = row(/consequence\s*\(\+\)|^pros?$|^\+$|плюсы/i).map((r) => ({ text: r.value, cite: cite(ctx, r.line) }));
  const negative = row(/consequence\s*\([−-]\)|^cons?$|^[−-]$|минусы/i).map((r) => ({ text: r.value, cite: cite(ctx, r.line) }));
  const status = /status\s*[:：]\s*(proposed|accepted|rejected|deprecated|superseded)/i.exec(lines.map((l) => l.text).join('\n'))?.[1]?.toLowerCase();
  return {
    ...baseFields(ctx, candidate, lines, title),
    tags: ['adr'],
    number: number ? Number(number) : undefined,
    status: (status as AdrInput['status']) ?? (decision ? 'accepted' : 'unknown'),
    date: firstDate(lines, ctx),
    context: labelled(lines, /context|контекст/, ctx),
    decision,
    options,
    consequences: { positive, negative },
  };
}

/** Two-column table rows as label/value pairs with their line. */
function tableRows(tree: Root): Array<{ label: string; value: string; line: number }> {
  const rows: Array<{ label: string; value: string; line: number }> = [];
  for (const node of tree.children) {
    if (node.type !== 'table') continue;
    for (const row of node.children.slice(1)) {
      const [label, value] = row.children.map((cell) => clean(toString(cell)));
      if (label && value) rows.push({ label, value, line: row.position!.start.line });
    }
  }
  return rows;
}

function extractRunbook(ctx: ExtractContext, candidate: Candidate, lines: Line[], tree: Root, title: CitedText): RunbookInput {
  const items = (labels: RegExp) => listAfterLabel(tree, labels).map((i) => ({ text: i.text, cite: cite(ctx, ...i.lines) }));
  const steps = runbookSteps(tree, ctx);
  const alerts = lines.flatMap((line) =>
    /alert|алерт/i.test(line.text) ? [...line.text.matchAll(ALERT_NAME)].map((m) => ({ name: m[1]!, cite: cite(ctx, line.number) })) : [],
  );
  const warnings = lines
    .filter((l) => /^\s*(?:[-*]\s*)?(⚠️?|warning\b|внимание\b|важно\b)/iu.test(l.text))
    .map((l) => ({ text: clean(l.text.replace(/^\s*(?:[-*]\s*)?⚠️?\s*/u, '')), cite: cite(ctx, l.number) }));
  // RTO/RPO usually stand once for a whole runbook collection: take them from anywhere in the source.
  const allLines = ctx.parsed.lines.map((text, i) => ({ number: i + 1, text })).filter((l) => !ctx.noise.noiseLines.has(l.number));
  return {
    ...baseFields(ctx, candidate, lines, title),
    tags: ['runbook'],
    alerts,
    symptoms: items(/симптомы|symptoms|признаки/),
    steps,
    warnings,
    escalation: items(/\d*\.?\s*(?:\*\*)?(?:эскалация|escalation)(?:\*\*)?/),
    verification: items(/проверка|verification|verify/),
    recoveryTime: labelled(lines, /время восстановления|recovery time|expected recovery/, ctx),
    rto: labelled(allLines, /RTO/, ctx),
    rpo: labelled(allLines, /RPO/, ctx),
  };
}

/** Numbered steps with the shell commands that belong to them, verbatim and in order. */
function runbookSteps(tree: Root, ctx: ExtractContext) {
  const steps: Array<{ text: string; commands: string[]; cite: Citation[] }> = [];
  for (const node of tree.children) {
    if (node.type === 'list' && node.ordered) {
      for (const item of node.children) {
        const first = item.children[0];
        const text = clean(first ? toString(first) : '');
        const commands = item.children.filter((c) => c.type === 'code').map((c) => (c as { value: string }).value);
        if (text) steps.push({ text: text.replace(/[:：]$/, ''), commands, cite: cite(ctx, ...nodeLines(item)) });
      }
    } else if (node.type === 'code' && steps.length > 0) {
      // A code block right after a numbered item (unindented) still belongs to that step.
      const last = steps[steps.length - 1]!;
      last.commands.push(node.value);
      last.cite = cite(ctx, (last.cite[0] as { lines: [number, number] }).lines[0], node.position!.end.line);
    }
  }
  return steps;
}

/** Candidate → typed document of its kind. The candidate must be classified. */
export function extract(ctx: ExtractContext, candidate: Candidate): ExtractedDocument {
  const kind = candidate.classification.kind;
  if (kind === 'none') throw new Error(`candidate "${candidate.title}" is not a document`);
  const lines = candidateLines(ctx, candidate);
  const titled = !isUntitled(ctx, candidate);
  const body = candidateTree(ctx, candidate, titled);
  const title = titleOf(ctx, candidate, lines);
  const data =
    kind === 'incident'
      ? extractIncident(ctx, candidate, lines, body, title)
      : kind === 'adr'
        ? extractAdr(ctx, candidate, lines, body, title)
        : extractRunbook(ctx, candidate, lines, body, title);
  return { kind, data, body };
}
