import type { List, PhrasingContent, Root } from 'mdast';
import type { AdrInput, CitedText, IncidentInput, LineCitation, RunbookInput } from '../../schemas/index.ts';
import type { DocumentKind } from '../classify.ts';
import { mainLanguage } from '../language.ts';
import { codeLineSet } from '../outline.ts';
import type { Candidate } from '../segment.ts';
import { DECISION_ITEM, DECISION_ROW, slotOf } from '../templates.ts';
import { DECISION_TOLD } from '../classify.ts';
import { extractSpokenAdr } from './spoken-decision.ts';
import { decisionRow, extractAdr, extractAdrEntry, extractAdrRow } from './adr.ts';
import { extractChatAdr, extractChatIncident, chatTitle } from './chat.ts';
import { findEntities } from './fields.ts';
import { extractIncident } from './incident.ts';
import { extractRunbook } from './runbook.ts';
import { cite, clean, displayTitle, lineUnderTitleWord, markdown, prepareSection, shorten, type ExtractContext, type Section } from './section.ts';
import { plainLine, slotField, slotValue } from './slots.ts';
import { extractSpokenIncident, spokenArticleTitle, spokenTitle } from './speech.ts';
import { spokenProcedure } from './spoken-procedure.ts';

export type { ExtractContext } from './section.ts';

/**
 * Extract (offline heuristics): the typed fields of one candidate, each with the source lines it
 * came from. Nothing is invented: a field the text does not state stays empty, and the fields a
 * complete document needs but lacks are named in `missing` (the document is then a draft).
 */
export interface ExtractedDocument {
  kind: DocumentKind;
  /** Schema input, before defaults; the writer validates it. */
  data: IncidentInput | AdrInput | RunbookInput;
  /** The candidate's own text as a markdown tree (noise removed); positions are source lines. */
  body: Root;
  /** The source lines the candidate spans (1-based, inclusive). */
  range: [number, number];
  /** Lines of the candidate that are noise (UI chrome…), left out of any model prompt. */
  noiseLines: number[];
}

/**
 * Fields without which a document of each kind is a draft; a list inside means one of them. An ADR
 * needs its decision and why: the context, or the options weighed (a Nygard record has no options).
 */
const REQUIRED_FIELDS: Record<DocumentKind, Array<string | string[]>> = {
  incident: ['impact', 'rootCause', 'resolution', 'timeline'],
  adr: ['decision', ['context', 'options']],
  runbook: ['steps'],
};

/** The required fields a document lacks: each one, and every field of a one-of group none of which it has. */
export function missingFields(kind: DocumentKind, data: Record<string, unknown>, empty: (value: unknown) => boolean = isEmpty): string[] {
  return REQUIRED_FIELDS[kind].flatMap((need) => {
    const fields = typeof need === 'string' ? [need] : need;
    return fields.every((field) => empty(data[field])) ? fields : [];
  });
}

/** A title that names only the kind of report: "Incident Report", «Отчёт о технологическом сбое», "장애 보고서". */
const GENERIC_TITLE = /^(?:(?:major |post-?)?incident(?: report| review| postmortem| summary)?|(?:incident |postmortem )?summary(?: of the (?:incident|outage))?|сводка(?: по инциденту)?|краткое описание инцидента|장애 요약|post-?mortem(?: report)?|outage report|rca(?: report)?|root cause analysis|(?:post-?)?incident review|отч[её]т (?:о|об) (?:\p{L}+ )?(?:сбое|инциденте|аварии|происшествии|неисправности)|разбор (?:инцидента|сбоя|аварии)|постмортем|инцидент|장애 (?:보고서|리포트|보고)|사후 분석(?: 보고서)?)$/iu;
/** A report's own number in its title: "MI-2291", "INC-4411", "№ 17". */
const REPORT_ID = /(?<![\p{L}\d])(?:[A-Z]{2,6}-\d{1,6}|№\s?\d+)(?![\p{L}\d])/u;

/** Labels that give a document's name. */
const NAME_LABEL = /^(?:title|name|incident name|название|наименование|заголовок|тема|제목|장애명|건명)$/iu;

/** A document's title, never empty: "ADR-014 — " with nothing after its dash is named by what is left, else by its file. */
function titled(section: Section): CitedText {
  const title = titleOf(section);
  if (title.text.trim()) return title;
  const line = section.ctx.parsed.lines[((title.cite[0] as LineCitation | undefined)?.lines[0] ?? 1) - 1] ?? '';
  return { ...title, text: clean(plainLine(line)).replace(/\s*[—–:-]+\s*$/u, '') || section.ctx.sourceId };
}

function titleOf(section: Section): CitedText {
  const { candidate } = section;
  // "this is how you deal with the replication lag alert, …": a procedure told aloud is named by what it is for.
  const purpose = candidate.form === 'speech' && candidate.classification.kind === 'runbook' ? spokenProcedure(section).title : undefined;
  if (purpose) return purpose;
  if (candidate.form === 'speech' && candidate.classification.kind !== 'incident') {
    // A dictated runbook or decision says what it is first: its opening sentence is its title.
    const first = section.lines.find((l) => l.text.trim());
    if (first) return { text: shorten(displayTitle(first.text.split(/(?<=[.!?])\s+/)[0]!).replace(/[.!?]$/, ''), 120), cite: cite(section, first.number) };
  }
  if (candidate.form === 'speech') return spokenArticleTitle(section) ?? spokenTitle(section) ?? { text: section.ctx.sourceId, cite: cite(section, candidate.startLine) };
  if (candidate.form === 'chat') return chatTitle(section);
  // A heading that names a section ("### 📌 장애 요약", "## Summary") is no title of its own.
  // A heading that says more than its label ("Выбор брокера сообщений", "Alert Runbook: X") is a title.
  // "# Алерт KafkaConsumerLagHigh", "# Alert: DiskFull-prod" name something: the alert's page, not its section.
  const sectionNames = new Set(section.ctx.parts.filter((p) => p.slot && p.form === 'heading' && slotOf(p.label, 1) && !/\s\S*(?:\p{Ll}\p{Lu}|\p{L}[\d_.\/-]|[\d_.\/-]\p{L})\S*/u.test(p.label)).map((p) => p.line));
  // "# Incident Title" over "ADFS Outage": a template's heading kept, and the title written under it.
  const underTitleWord = section.titled ? lineUnderTitleWord(section) : undefined;
  if (underTitleWord) return { text: displayTitle(underTitleWord.text) || underTitleWord.text.trim(), cite: cite(section, underTitleWord.number) };
  if (section.titled && !sectionNames.has(candidate.titleLine)) return specific(section, { text: displayTitle(candidate.title) || candidate.title.trim() || section.ctx.sourceId, cite: cite(section, candidate.titleLine) });
  // An e-mail's subject, a note's title in its frontmatter.
  const subject = slotValue(section, 'mailSubject');
  if (subject) return { text: displayTitle(subject.text) || subject.text, cite: subject.cite };
  const fm = section.ctx.parsed.frontmatter;
  if (typeof fm.title === 'string' && fm.title.trim()) {
    const line = section.ctx.parsed.lines.findIndex((l, i) => i < section.ctx.parsed.bodyStartLine && /^title\s*:/.test(l)) + 1;
    return { text: displayTitle(fm.title) || fm.title.trim(), cite: cite(section, line || 1) };
  }
  // The first line with words in it: not a `---` separator, not a lone emoji, not a label's value,
  // not a section's name ("## Что произошло" under an assistant's lead-in names no incident).
  const worded = section.lines.filter((l) => /\p{L}{2}/u.test(l.text) && !sectionNames.has(l.number));
  const first = worded[0] ?? section.lines.find((l) => /\p{L}{2}/u.test(l.text)) ?? section.lines.find((l) => l.text.trim()) ?? section.lines[0]!;
  // No title line, only sections and lists under "다음은 요청하신 Redis 메모리 부족 대응 런북입니다.": what was asked for names it.
  const asked = /^\s*(?:[-*+•]|\d{1,2}[.)])\s/.test(first.text) ? askedFor(section) : undefined;
  if (asked) return asked;
  // A summary of labels only ("- **영향:** 앱 푸시 발송 지연"): what it says went wrong names it.
  const labelled = new Set(section.parts.filter((p) => p.form === 'label').map((p) => p.line));
  // "**Incident:** Stale prices shown in the mobile app", «Название: …»: a label that names it, in words (not an id).
  const named = section.parts.find((p) => p.form === 'label' && p.line === first.number && (p.slot === 'incidentId' || NAME_LABEL.test(p.label.trim())) && /\p{L}{2,}(?:\s+\S+){2,}/u.test(p.value));
  if (named) return { text: shorten(displayTitle(plainLine(named.value)) || plainLine(named.value), 120), cite: cite(section, named.line) };
  // Its first sentence, read whole: a label's value may wrap over several lines.
  const told = labelled.has(first.number) ? slotField(section, ['whatHappened', 'impact', 'rootCause']) : undefined;
  if (told) {
    const sentence = titleFromSentence(told.text.split('\n')[0]!);
    return { text: shorten(displayTitle(sentence) || sentence, 120), cite: told.cite.slice(0, 1) };
  }
  // A sentence that wraps onto the next lines is read whole: the first line alone may stop mid-phrase.
  const wrapped = [first.text];
  for (const next of section.lines.filter((l) => l.number > first.number)) {
    // Only a line that goes on the sentence: not a label ("Status: Resolved") nor one that starts anew with a capital.
    if (!next.text.trim() || /^\s*(?:#|[-*+]\s|\d{1,2}[.)]\s|\||```|>)/.test(next.text) || /^\s*(?:\p{Lu}|[\p{L} ]{1,30}[:：]\s)/u.test(next.text) || /[.!?。]\s*$/.test(wrapped.at(-1)!) || wrapped.length >= 4) break;
    wrapped.push(next.text.trim());
  }
  const line = sectionNames.has(first.number) ? first.text : titleFromSentence(wrapped.join(' '));
  const text = shorten(displayTitle(line) || first.text.trim(), 120) || section.ctx.sourceId;
  const lastWord = plainLine(line).split(/\s+/).at(-1) ?? '';
  const through = wrapped.findLastIndex((w) => lastWord && w.includes(lastWord));
  return specific(section, { text, cite: cite(section, first.number, first.number + Math.max(0, through)) });
}

/** What an assistant's lead-in says it hands over: "다음은 요청하신 X입니다", "Here is the X you asked for", «Вот X, который вы просили». */
const ASKED_FOR = /(?:요청하신|말씀하신|원하신|부탁하신)\s(.+?)\s?(?:입니다|이에요|예요)|^\s*here(?:'s| is) (?:the |a |your )?(.+?) (?:you asked for|you requested)|^\s*вот\s+(.+?),?\s+(?:который|которую|что) вы просили/iu;

function askedFor(section: Section): CitedText | undefined {
  const { parsed, noise } = section.ctx;
  for (let line = parsed.bodyStartLine; line <= Math.min(parsed.lines.length, section.candidate.startLine); line++) {
    const text = parsed.lines[line - 1] ?? '';
    if (!text.trim()) continue;
    const named = noise.noiseLines.get(line) === 'assistant-opener' ? ASKED_FOR.exec(text) : null;
    const name = named ? (named[1] ?? named[2] ?? named[3])!.trim() : '';
    return name ? { text: shorten(displayTitle(name) || name, 120), cite: cite(section, line) } : undefined;
  }
  return undefined;
}

/**
 * "Major Incident Report — MI-2291", «ОТЧЁТ О ТЕХНОЛОГИЧЕСКОМ СБОЕ»: a title that only says what kind
 * of paper it is names no incident; what its summary says first does, after the report's number.
 */
function specific(section: Section, title: CitedText): CitedText {
  const id = REPORT_ID.exec(title.text)?.[0];
  // "Разбор сбоя от 07.10.2026", "Incident report of March 3": the date and its preposition are no topic either.
  const kindOnly = title.text.replace(REPORT_ID, '').replace(/[\s\p{P}\d]+$/u, '').replace(/\s+(?:от|за|of|on|from|for)$/iu, '').replace(/^[\s\p{P}]+/u, '').trim();
  const told = GENERIC_TITLE.test(kindOnly) ? slotField(section, ['summary', 'whatHappened', 'overview', 'impact']) : undefined;
  if (!told) return title;
  const sentence = titleFromSentence(plainLine(told.text.split('\n')[0]!));
  return { text: shorten(`${id ? `${id}: ` : ''}${displayTitle(sentence) || sentence}`, 120), cite: [...title.cite, ...told.cite.slice(0, 1)] };
}

/** When it happened, at a sentence's start: "12 ноября 2026 года с 10:05 до 10:47 МСК", "On 2026-08-14 at 03:10 UTC,". */
const LEADING_WHEN = /^(?:(?:on|в|во)\s+(?=\d|\p{L}+\.?\s+\d))?(?:(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?=\d))?(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}\.\d{1,2}(?![.\d])|\d{1,2}\s+\p{L}+\s+\d{4}(?:\s+(?:года|г\.))?|\p{L}+\s+\d{1,2},?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?![\d:]))?[\s,]*(?:(?:(?:с|from|between|at|в)\s+)?\d{1,2}:\d{2}(?:\s*(?:до|to|and|по|[-–—~])\s*\d{1,2}:\d{2})?(?:\s*\(?(?:UTC|МСК|MSK|KST|GMT|CET)\)?)?(?:\s*(?:동안|사이에?|까지))?)?[\s,]*/iu;

/** Where a long sentence's what ends and its how long, after what or why begins. */
const CLAUSE_AFTER_WHAT = /,\s|\sfor (?:about |around |nearly |almost |over |~)?\d|\s(?:after|because|due to|following|в течение|после|из-за|так как|потому что)\s|\s[—–]\s/iu;

/** A first sentence as a title: its first sentence without the when it opens with, and of a long one its first clause. */
function titleFromSentence(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s+/)[0]!.replace(/[.!]$/, '');
  let rest = sentence.replace(LEADING_WHEN, '');
  if (rest.length > 80) {
    const clause = CLAUSE_AFTER_WHAT.exec(rest.slice(25));
    if (clause) rest = rest.slice(0, 25 + clause.index);
  }
  return rest.length >= 12 && rest !== sentence ? rest.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : sentence;
}

/**
 * A chat's body is its lines as written, one under another, with their inline marks (code, links).
 * Read as Markdown blocks, a message line is something else: KakaoTalk's "2026. 9. 3. 오후 3:02, …"
 * is an ordered list from 2026, "- impact …" a list, and messages run together into one paragraph.
 */
function chatBody(section: Section): Root {
  const lines = section.lines.filter((line) => line.text.trim() !== '');
  if (lines.length === 0) return { type: 'root', children: [] };
  // Each line's start escaped from being a block, each line ended by a hard break (two spaces:
  // a backslash would become part of a URL at the line's end).
  const text = lines.map((line) => line.text.trim().replace(/^(#{1,6}\s|>|[-*+]\s|\d{1,9}(?=[.)]\s)|```|~~~|\||=+\s*$)/, (mark) => (/^\d/.test(mark) ? `${mark}\\` : `\\${mark}`))).join('  \n');
  const inline = markdown.parse(text).children.flatMap((block) => ('children' in block && block.type === 'paragraph' ? (block.children as PhrasingContent[]) : []));
  for (const node of inline) dropPositions(node);
  const position = { start: { line: lines[0]!.number, column: 1 }, end: { line: lines.at(-1)!.number, column: lines.at(-1)!.text.length + 1 } };
  return { type: 'root', children: [{ type: 'paragraph', children: inline, position }] };
}

/** A decision log's row as a table of its own: the header that names its cells, and the row, cited to the row's line. */
function decisionRowBody(section: Section): Root {
  const found = decisionRow(section);
  if (!found) return section.tree;
  const { table, row } = found;
  return { type: 'root', children: [{ type: 'table', align: table.align, children: [table.children[0]!, row], position: row.position }] };
}

/** A decision log's entry as a list of its own: the one item, which its title line is (the section drops a title line). */
function decisionEntryBody(section: Section): Root {
  const line = section.candidate.startLine;
  const list = section.ctx.parsed.tree.children.find((n): n is List => n.type === 'list' && n.position!.start.line <= line && n.position!.end.line >= line);
  const item = list?.children.find((i) => i.position!.start.line === line);
  return list && item ? { type: 'root', children: [{ ...list, children: [structuredClone(item)], position: item.position }] } : section.tree;
}

/** Positions inside a rebuilt paragraph would point at the joined text, not the source. */
function dropPositions(node: { position?: unknown; children?: unknown[] }): void {
  delete node.position;
  for (const child of (node.children ?? []) as Array<typeof node>) dropPositions(child);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * An author can mark a note for Substack in its frontmatter: `substack_title`, `substack_subtitle`,
 * `article_status: ready`. Each value is cited to its frontmatter line.
 */
function articleFromFrontmatter(section: Section): Partial<NonNullable<IncidentInput['article']>> | undefined {
  const fm = section.ctx.parsed.frontmatter;
  const lineOf = (key: string) => section.ctx.parsed.lines.findIndex((l, i) => i < section.ctx.parsed.bodyStartLine && l.startsWith(`${key}:`)) + 1;
  const cited = (key: string) => (typeof fm[key] === 'string' && fm[key] ? { text: fm[key] as string, cite: cite(section, lineOf(key)) } : undefined);
  const status = typeof fm.article_status === 'string' && ['draft', 'ready', 'published'].includes(fm.article_status) ? (fm.article_status as 'draft' | 'ready' | 'published') : undefined;
  const title = cited('substack_title');
  const subtitle = cited('substack_subtitle');
  if (!title && !subtitle && !status) return undefined;
  return { ...(title && { title }), ...(subtitle && { subtitle }), ...(status && { status }) };
}

/** Candidate → typed document of its kind. The candidate must be classified as a document. */
export function extract(ctx: ExtractContext, candidate: Candidate): ExtractedDocument {
  const kind = candidate.classification.kind;
  if (kind === 'none') throw new Error(`candidate "${candidate.title}" is not a document`);
  const section = prepareSection(ctx, candidate);
  const text = section.lines.map((l) => l.text).join('\n');
  // The language its people wrote in: a Korean runbook's commands are Latin letters, not English.
  const code = codeLineSet(ctx.parsed.tree);
  const prose = section.lines.filter((l) => !code.has(l.number)).map((l) => l.text.replace(/`[^`]*`/g, ' ')).join('\n');
  const base = {
    title: titled(section),
    language: mainLanguage(/\p{L}/u.test(prose) ? prose : text),
    sources: [ctx.sourceId],
    entities: findEntities(text),
    generated: ctx.generated,
  };
  const data =
    kind === 'incident'
      ? candidate.form === 'speech'
        ? extractSpokenIncident(section, base)
        : candidate.form === 'chat'
          ? extractChatIncident(section, base)
          : extractIncident(section, base)
      : kind === 'adr'
        ? candidate.form === 'chat'
          ? extractChatAdr(section, base)
          : candidate.form === 'speech' && candidate.classification.reason.startsWith(DECISION_TOLD)
            ? extractSpokenAdr(section, base)
            : candidate.classification.reason === DECISION_ROW
              ? extractAdrRow(section, base)
              : candidate.classification.reason === DECISION_ITEM
                ? extractAdrEntry(section, base)
                : extractAdr(section, base)
        : extractRunbook(section, base);
  const fromFrontmatter = articleFromFrontmatter(section);
  if (fromFrontmatter) data.article = { ...data.article, ...fromFrontmatter, notes: data.article?.notes ?? [] };
  const missing = missingFields(kind, data as Record<string, unknown>);
  // Speech is always a draft: what a voice note says is to be written up, not the write-up.
  if (missing.length > 0 || candidate.form === 'speech') Object.assign(data, { draft: true, missing });
  // Every document told aloud says so (a decision or a procedure as much as an incident): its page and its article tell the reader.
  if (candidate.form === 'speech' && !data.tags!.includes('voice-note')) data.tags = [...data.tags!, 'voice-note'];
  const noiseLines = [...ctx.noise.noiseLines.keys()].filter((n) => n >= candidate.startLine && n <= candidate.endLine);
  const body = candidate.form === 'chat' ? chatBody(section) : candidate.classification.reason === DECISION_ROW ? decisionRowBody(section) : candidate.classification.reason === DECISION_ITEM ? decisionEntryBody(section) : section.tree;
  return { kind, data, body, range: [candidate.startLine, candidate.endLine], noiseLines };
}
