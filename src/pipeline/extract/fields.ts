import type { List, ListItem, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { CitedText } from '../../schemas/index.ts';
import { cite, clean, nodeLines, shorten, type Line, type Section } from './section.ts';

/**
 * Field finders shared by the kind extractors. Each returns cited values or nothing: a finder
 * never guesses a value the text does not state.
 */

/** `Label: value` lines, in either language ("Root cause: …", "**Причина:** …"). */
export function labelled(section: Section, labels: RegExp, lines: Line[] = section.lines): CitedText | undefined {
  const pattern = new RegExp(
    `^\\s*(?:[-*]\\s+|\\d+\\.\\s+)?(?:\\*\\*)?(?:${labels.source})(?:\\*\\*)?\\s*(?:\\([^)]*\\))?\\s*(?:\\*\\*)?\\s*[:：]\\s*(?:\\*\\*)?\\s*(.+)$`,
    'iu',
  );
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const match = pattern.exec(line.text);
    if (!match || !clean(match[1]!)) continue;
    // The value goes on while the paragraph does: plain lines right after it, not a new item or label.
    let text = match[1]!;
    let last = line.number;
    for (let k = i + 1; k < Math.min(lines.length, i + 4); k++) {
      const next = lines[k]!;
      if (next.number !== last + 1 || !next.text.trim() || /^\s*([-*+>#|]|\d+[.)]|\*\*[^*]+\*\*\s*[:：]|[\p{L} ]{2,40}[:：])/u.test(next.text)) break;
      text += ' ' + next.text.trim();
      last = next.number;
    }
    return { text: clean(text), cite: cite(section, line.number, last) };
  }
  return undefined;
}

export interface FoundItem {
  text: string;
  lines: [number, number];
  item: ListItem;
}

const itemText = (item: ListItem) => clean(toString(item.children[0] ?? item));
const isLabel = (text: string, labels: RegExp) =>
  new RegExp(`^\\s*(?:\\d+\\.?\\s*)?(?:${labels.source})\\s*[:：]?\\s*$`, 'iu').test(text.replace(/[*_]/g, '').trim());

/**
 * The items that a label introduces, in any of the shapes notes use:
 * a label paragraph then a list ("**Симптомы:**" + "- …"); a list item ending in ":" then the
 * next items of the same list ("- Open follow-ups:" + "- …"); a list item with a nested list
 * ("5. **Эскалация:**" + "   - …").
 */
export function itemsAfterLabel(section: Section, labels: RegExp): FoundItem[] {
  const found = (items: ListItem[]) => items.map((item) => ({ text: itemText(item), lines: nodeLines(item), item }));
  const search = (nodes: RootContent[]): FoundItem[] | undefined => {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if ((node.type === 'paragraph' || node.type === 'heading') && isLabel(toString(node), labels)) {
        const next = nodes[i + 1];
        if (next?.type === 'list') return found(next.children);
      }
      if (node.type === 'list') {
        const list = node as List;
        for (let k = 0; k < list.children.length; k++) {
          const item = list.children[k]!;
          const head = item.children[0];
          if (head && isLabel(toString(head), labels)) {
            const nested = item.children.find((c) => c.type === 'list') as List | undefined;
            if (nested) return found(nested.children);
            const rest = list.children.slice(k + 1);
            const until = rest.findIndex((r) => /[:：]\s*$/.test(itemText(r)));
            if (rest.length > 0) return found(until === -1 ? rest : rest.slice(0, until));
          }
          const deeper = search(item.children as RootContent[]);
          if (deeper) return deeper;
        }
      }
      if (node.type === 'blockquote') {
        const deeper = search(node.children as RootContent[]);
        if (deeper) return deeper;
      }
    }
    return undefined;
  };
  return search(section.tree.children) ?? [];
}

/** First paragraph of real prose (not a label, not a one-liner): what index pages show. */
export function firstProse(section: Section): CitedText | undefined {
  for (const node of section.tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = clean(toString(node));
    if (text.length < 30 || /[:：]$/.test(text) || !/\p{L}{3}/u.test(text)) continue;
    // A paragraph of "Label: value" lines is fields, not a summary.
    if (/^[\p{L} ]{2,30}[:：]\s/u.test(text)) continue;
    return { text: shorten(text, 400), cite: cite(section, ...nodeLines(node)) };
  }
  return undefined;
}

/** Two-column table rows as label/value pairs with their line ("| Decision | Use Postgres |"). */
export function tableRows(tree: Root): Array<{ label: string; value: string; line: number }> {
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

const ENTITIES: Array<[string, RegExp]> = [
  ['Postgres', /\b(postgres(ql)?|psql)\b/i],
  ['MongoDB', /\bmongo(db)?\b/i],
  ['DynamoDB', /\bdynamodb\b/i],
  ['MySQL', /\bmysql\b/i],
  ['Redis', /\bredis\b/i],
  ['Kafka', /\bkafka\b/i],
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

/** Prometheus alert names as runbooks write them: `DatabaseDown`, or bare with an alert-like ending (RedisMemoryHigh). */
export const ALERT_NAME = /`([A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)`|\b([A-Z][a-z]+(?:[A-Z][a-z0-9]*)*(?:High|Low|Down|Full|Errors?|Failed|Latency|Missing|Unavailable|Critical|Exhausted))\b/g;

/** Technologies and alert names a text mentions, for entity pages and related documents. */
export function findEntities(text: string): string[] {
  const found = ENTITIES.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
  for (const match of text.matchAll(ALERT_NAME)) found.push((match[1] ?? match[2])!);
  return [...new Set(found)].sort();
}

const ISO_DATE = /\b(20\d\d-[01]\d-[0-3]\d)\b/;

export function firstIsoDate(section: Section, lines: Line[]): (CitedText & { inferred: boolean }) | undefined {
  for (const line of lines) {
    const match = ISO_DATE.exec(line.text);
    if (match) return { text: match[1]!, cite: cite(section, line.number), inferred: false };
  }
  return undefined;
}

const WEEKDAYS: Array<[RegExp, number]> = [
  [/(?:^|[^\p{L}])(в\s+)?(воскресенье|sunday)(?![\p{L}])/iu, 0],
  [/(?:^|[^\p{L}])(в\s+)?(понедельник|monday)(?![\p{L}])/iu, 1],
  [/(?:^|[^\p{L}])(во\s+)?(вторник|tuesday)(?![\p{L}])/iu, 2],
  [/(?:^|[^\p{L}])(в\s+)?(сред[уа]|wednesday)(?![\p{L}])/iu, 3],
  [/(?:^|[^\p{L}])(в\s+)?(четверг|thursday)(?![\p{L}])/iu, 4],
  [/(?:^|[^\p{L}])(в\s+)?(пятниц[уа]|friday)(?![\p{L}])/iu, 5],
  [/(?:^|[^\p{L}])(в\s+)?(суббот[уа]|saturday)(?![\p{L}])/iu, 6],
];

/**
 * A date the text gives relative to when it was written: "в четверг" in a note dated Saturday
 * 2026-02-28 is 2026-02-26, the latest Thursday before it; "вчера"/"yesterday" is the day before.
 */
export function resolveRelativeDate(text: string, written: Date): string | undefined {
  const day = 86_400_000;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  if (/(?:^|[^\p{L}])(вчера|yesterday)(?![\p{L}])/iu.test(text)) return iso(new Date(written.getTime() - day));
  if (/(?:^|[^\p{L}])(сегодня|today|this morning)(?![\p{L}])/iu.test(text)) return iso(written);
  for (const [pattern, weekday] of WEEKDAYS) {
    if (!pattern.test(text)) continue;
    const back = (written.getUTCDay() - weekday + 7) % 7 || 7;
    return iso(new Date(written.getTime() - back * day));
  }
  return undefined;
}

/** The date in the source's frontmatter, if it has one, with the line it stands on. */
export function sourceDate(section: Section): { date: Date; line: number } | undefined {
  const value = section.ctx.parsed.frontmatter.date;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  const index = section.ctx.parsed.lines.findIndex((l, i) => i < section.ctx.parsed.bodyStartLine && /^date\s*:/.test(l));
  return { date, line: index + 1 || 1 };
}

export function duration(section: Section, lines: Line[]): CitedText | undefined {
  for (const line of lines) {
    const match = /~?\s?\b\d+(?:[.,]\d+)?\s*(?:minutes?|mins?|hours?|h|минут[аы]?|мин|час(?:а|ов)?)(?![\p{L}])/iu.exec(line.text);
    if (match && /(impact|outage|down|простой|длительность|duration|errors?|ошиб|недоступ|влияни|не могли|сбой)/iu.test(line.text)) {
      return { text: match[0].trim(), cite: cite(section, line.number) };
    }
  }
  return undefined;
}

/** The first paragraph under a heading (or a bold label line) that matches: MADR's "## Context and Problem Statement". */
export function paragraphUnderHeading(section: Section, labels: RegExp): CitedText | undefined {
  const nodes = section.tree.children;
  const heading = new RegExp(`^\\s*(?:${labels.source})\\s*[:：]?\\s*$`, 'iu');
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    // A heading, a bold line, or a line that is only the label and a colon ("Короткий ответ:").
    const isHeading = node.type === 'heading' || (node.type === 'paragraph' && (node.children.length === 1 || /[:：]\s*$/.test(toString(node))));
    if (!isHeading || !heading.test(clean(toString(node)))) continue;
    const next = nodes[i + 1];
    if (next?.type === 'paragraph') return { text: shorten(clean(toString(next)), 600), cite: cite(section, ...nodeLines(next)) };
  }
  return undefined;
}
