import type { CitedText } from '../../schemas/index.ts';
import { cite, clean, nodeLines, shorten, type Line, type Section } from './section.ts';
import { UNWRITTEN } from './slots.ts';
import { findDates, yearOf } from './values.ts';
import { toString } from 'mdast-util-to-string';
import { LINE_MARK } from '../templates.ts';

/**
 * Field finders shared by the kind extractors. Each returns cited values or nothing: a finder
 * never guesses a value the text does not state.
 */

/** First paragraph of real prose (not a label, not a one-liner): what index pages show. */
const GREETING = /^(?:hi|hello|hey|dear)\b|^(?:team|all|folks|everyone|colleagues)\s*,|^(?:коллеги|друзья|всем привет|привет|добрый (?:день|вечер)|здравствуйте)(?![\p{L}])|^(?:안녕하세요|여러분)/iu;

/** A report announced, not told: "…에 대해 공유드립니다", «делюсь разбором …», "sharing the write-up of …". */
const ANNOUNCES = /(?:공유|보고|안내|전달)(?:드립니다|드려요|합니다|해 ?드립니다)|(?<![\p{L}])(?:делюсь|пишу по|коротко по|рассказываю|отправляю|sharing|here(?:'s| is) (?:a|the|our)|writing to|quick (?:summary|update|recap))(?![\p{L}])/iu;

/** Each sentence of the paragraph greets, names its writer or announces the report. */
function onlyGreets(text: string): boolean {
  return text.split(/(?<=[.!?。])\s+/u).every((sentence, k) => (k === 0 && GREETING.test(sentence)) || ANNOUNCES.test(sentence) || /^[\p{L}\s]{1,30}(?:입니다|이에요|예요|here|speaking)[.!]?$/u.test(sentence.trim()));
}

/** "Impact: …", "■ 원인: …": a paragraph that opens with a label is fields. */
const FIELD_LINE = new RegExp(String.raw`^(?:${LINE_MARK}\s*)?[\p{L} ]{2,30}[:：]\s`, 'u');

export function firstProse(section: Section, elsewhere: Set<number> = new Set()): CitedText | undefined {
  for (const node of section.tree.children) {
    // A paragraph under another field's name ("## 조치") is that field's, not the note's summary.
    if (node.type !== 'paragraph' || elsewhere.has(node.position!.start.line)) continue;
    const text = clean(toString(node));
    if (text.length < 30 || /[:：]$/.test(text) || !/\p{L}{3}/u.test(text) || UNWRITTEN.test(text)) continue;
    // A mail's greeting ("Коллеги, коротко по вчерашнему.", "Hi team, quick summary.") says nothing of the incident,
    // nor does the sentence that announces the report ("어제 발생한 로그인 장애에 대해 공유드립니다.").
    if (GREETING.test(text) && (text.split(/\s+/).length <= 8 || onlyGreets(text))) continue;
    // A paragraph of "Label: value" lines is fields, not a summary.
    if (FIELD_LINE.test(text)) continue;
    // Nor is one of lines that each start with a time ("**10:02** — reindex started"): a timeline.
    const [from, to] = nodeLines(node);
    if (section.ctx.parsed.lines.slice(from - 1, to).filter((l) => /^\s*(?:[-*]\s+)?(?:\*\*)?\d{1,2}:\d{2}/.test(l)).length >= 2) continue;
    return { text: shorten(text, 400), cite: cite(section, ...nodeLines(node)) };
  }
  return undefined;
}

const ENTITIES: Array<[string, RegExp]> = [
  ['Postgres', /\b(postgres(ql)?|psql)\b/i],
  ['MongoDB', /\bmongo(db)?\b/i],
  ['DynamoDB', /\bdynamodb\b/i],
  ['MySQL', /\bmysql\b/i],
  ['Redis', /\bredis\b/i],
  ['Kafka', /\bkafka\b/i],
  ['RabbitMQ', /\brabbitmq\b/i],
  ['ClickHouse', /\bclickhouse\b/i],
  ['Elasticsearch', /\belasticsearch\b/i],
  ['Terraform', /\bterraform\b/i],
  ['Alembic', /\balembic\b/i],
  ['AWS', /\baws\b/i],
  ['S3', /\bs3\b/i],
  ['Prometheus', /\bprometheus\b/i],
  ['Grafana', /\bgrafana\b/i],
  ['Alertmanager', /\balertmanager\b/i],
  ['PagerDuty', /\bpagerduty\b/i],
  ['Docker', /\bdocker(-compose)?\b/i],
  ['Kubernetes', /\b(kubernetes|kubectl|k8s)\b/i],
  ['Supabase', /\bsupabase\b/i],
  ['Celery', /\bcelery\b/i],
  ['Django', /\bdjango\b/i],
  ['Nginx', /\bnginx\b/i],
  ['HAProxy', /\bhaproxy\b/i],
  ['PgBouncer', /\bpgbouncer\b/i],
  ['Patroni', /\bpatroni\b/i],
  ['CoreDNS', /\bcoredns\b/i],
  ['DigitalOcean', /\bdigitalocean\b/i],
  ['Slack', /\bslack\b|#incidents\b/i],
  ['CI pipeline', /\bCI pipeline\b/i],
  ['Substack', /\bsubstack\b/i],
];

/** Prometheus alert names as runbooks write them: `DatabaseDown`, or bare with an alert-like ending (RedisMemoryHigh). */
export const ALERT_NAME = /`([A-Z][a-z]+(?:[A-Z][a-z0-9]*)+)`|\b([A-Z][a-z]+(?:[A-Z][a-z0-9]*)*(?:High|Low|Down|Full|Errors?|Failed|Latency|Missing|Unavailable|Critical|Exhausted|Stuck|Looping|Lag|FillingUp|LowSpace|Error|Rate|Soon|Expiring|Expired|TooLong|TooHigh|NotReady|Restarting|Degraded|Saturated))\b/g;

/** Technologies and alert names a text mentions, for entity pages and related documents. */
export function findEntities(text: string): string[] {
  const found = ENTITIES.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
  for (const match of text.matchAll(ALERT_NAME)) found.push((match[1] ?? match[2])!);
  return [...new Set(found)].sort();
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
  if (/(?:^|[^\p{L}])(вчера|yesterday|어제)(?![\p{L}])/iu.test(text)) return iso(new Date(written.getTime() - day));
  if (/(?:^|[^\p{L}])(позавчера)(?![\p{L}])/iu.test(text)) return iso(new Date(written.getTime() - 2 * day));
  if (/(?:^|[^\p{L}])(сегодня|сегодняшн\p{L}+|today|today's|this (?:morning|afternoon|evening)|tonight|earlier today|오늘|아까)(?![\p{L}])/iu.test(text)) return iso(written);
  for (const [pattern, weekday] of WEEKDAYS) {
    if (!pattern.test(text)) continue;
    const back = (written.getUTCDay() - weekday + 7) % 7 || 7;
    return iso(new Date(written.getTime() - back * day));
  }
  return undefined;
}

/**
 * Who wrote the note, for the "I" of its follow-ups ("I'll add a probe"): a mail's sender
 * ("Dana Whitfield <dana@example.com>") or the one name under "Author:".
 */
export function writerOf(section: Section): string | undefined {
  const part = section.ctx.parts.find((p) => p.slot === 'mailFrom') ?? section.parts.find((p) => p.slot === 'author');
  const name = part?.value.replace(/<[^>]*>|\([^)]*\)|["']/g, '').trim();
  return name && /^\p{L}[\p{L}.'-]*(?:\s\p{L}[\p{L}.'-]*){0,2}$/u.test(name) ? name : undefined;
}

/** A recorder's stamp over a transcript: "Voice memo, recorded 2026-11-25 22:31", «Голосовое сообщение, 2026-11-28 19:05». */
export const RECORDING_STAMP = /^\s*(?:voice (?:memo|message|note)|audio (?:memo|note|message)|recording|recorded|голосов\p{L}*(?: сообщение| заметка)?|аудио\p{L}*|запись|음성\s?(?:메모|메시지|녹음)|녹음)(?![\p{L}])[^\n]{0,40}?(\d{4}-\d{2}-\d{2})(?:[ T,]+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/iu;

/**
 * A post's byline under its title: "_Posted by Priya Nair — March 11, 2026_", «Опубликовано 11.03.2026»,
 * "작성일: 2026-03-11". Its date is the day the post was written, not the day of what it tells.
 */
export const BYLINE = /^\s*[_*]*\s*(?:posted|published|written|last updated|updated|authored|by\s+\p{Lu}|опубликован\p{L}*|написан\p{L}*|автор|обновлен\p{L}*|обновлён\p{L}*|작성(?:자|일)?|게시(?:일)?|업데이트)(?![\p{L}])/iu;

/** The byline of a section, among its first lines, with the date it gives. */
export function bylineOf(section: Section): { line: Line; date: string } | undefined {
  for (const line of section.lines.slice(0, 6)) {
    if (line.number === section.candidate.titleLine || !BYLINE.test(line.text)) continue;
    const date = findDates(line.text)[0];
    if (date) return { line, date: date.date };
  }
  return undefined;
}

/** When the note was written, and the line that says so: its frontmatter date, mail header, first chat message, recorder's stamp or byline. */
export function writtenOn(section: Section): { date: Date; line: number } | undefined {
  const { parsed } = section.ctx;
  const value = parsed.frontmatter.date;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (date && !Number.isNaN(date.getTime())) {
    const index = parsed.lines.findIndex((l, i) => i < parsed.bodyStartLine && /^date\s*:/.test(l));
    // The day as the writer saw it: a note stamped 2026-03-12T18:47+03:00 was written on the 12th.
    const local = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1] : undefined;
    return { date: local ? new Date(`${local}T12:00:00Z`) : date, line: index + 1 || 1 };
  }
  const mail = section.ctx.parts.find((p) => p.slot === 'mailDate');
  const mailDate = mail ? findDates(mail.value)[0] : undefined;
  if (mail && mailDate) return { date: new Date(`${mailDate.date}T12:00:00Z`), line: mail.line };
  const chat = /^\s*\[?(\d{4}-\d{2}-\d{2})[ T]\d{1,2}:\d{2}/.exec(section.lines[0]?.text ?? '');
  if (chat) return { date: new Date(`${chat[1]}T12:00:00Z`), line: section.lines[0]!.number };
  const stamp = section.lines.slice(0, 3).map((l) => ({ l, m: RECORDING_STAMP.exec(l.text) })).find((x) => x.m);
  if (stamp) return { date: new Date(`${stamp.m![1]}T12:00:00Z`), line: stamp.l.number };
  const byline = bylineOf(section);
  if (byline) return { date: new Date(`${byline.date}T12:00:00Z`), line: byline.line.number };
  return undefined;
}

/** The year of the note, for dates written without one ("28 мая", "06.04"). */
const years = new WeakMap<Section, number | undefined>();

export function documentYear(section: Section): number | undefined {
  if (years.has(section)) return years.get(section);
  const year = findYear(section);
  years.set(section, year);
  return year;
}

function findYear(section: Section): number | undefined {
  const written = writtenOn(section);
  if (written) return written.date.getUTCFullYear();
  const own = yearOf(section.lines.map((l) => l.text).join('\n'));
  return own ?? yearOf(section.ctx.parsed.text);
}

