/**
 * ADR fields from the forms decision records are written in: MADR (front matter, "Considered
 * Options", "Chosen option: …", "Pros and Cons of the Options"), Nygard (Status / Context /
 * Decision / Consequences, alternatives inside the context), Y-statements ("In the context of …,
 * facing …, we decided for … and neglected …"), two-column tables ("| Решение | … |"), options
 * tables with a verdict column, and one-line summaries ("Options considered: A (rejected: …); B
 * (chosen)"). Nothing is invented: a status the record does not state stays `unknown`.
 */
import type { Table, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { AdrInput, CitedText, LineCitation } from '../../schemas/index.ts';
import { documentYear } from './fields.ts';
import { citedItems, itemsOf, type TextItem } from './items.ts';
import { namesIt, widen } from './evidence.ts';
import { findLinks } from './links.ts';
import { cite, clean, displayTitle, withoutClosingStop, type Section } from './section.ts';
import { plainLine, slotContent, slotContents, slotField, slotText, slotValue, type SlotContent } from './slots.ts';
import { sentences } from './incident.ts';
import { DECISION_COLUMN, DECISION_ENTRY } from '../templates.ts';
import { findDates, readAdrStatus } from './values.ts';

type Base = Pick<AdrInput, 'title' | 'language' | 'sources' | 'entities' | 'generated'>;
/** An option, and while options are read the letter or number its record names it by ("Option A"). */
type Option = NonNullable<AdrInput['options']>[number] & { key?: string };

/** The record's identifier as its title writes it: `ADR-0012`, `ODH-ADR-0003`, `DL-2026-011`, `15.`. */
/** "ADR-12", "PLAT-ADR-3", "DL-2026-011", "RFC-014": a record's number as its title writes it. */
const RECORD_NUMBER = /(?<![\p{L}\d-])((?:[A-Z]{2,6}-)?ADR[-\s]?\d+|(?:DL|DR)-\d{2,4}(?:-\d+)?|RFC-\d{1,5})(?![\d])/u;

function numberOf(section: Section): { value: string; line: number } | undefined {
  // Without a heading of its own, a record is titled by its frontmatter ("title: ADR006: Avoid React.FC").
  const fmTitle = section.ctx.parsed.frontmatter.title;
  if (!section.titled && typeof fmTitle === 'string') {
    const written = RECORD_NUMBER.exec(fmTitle);
    const line = section.ctx.parsed.lines.findIndex((l, i) => i < section.ctx.parsed.bodyStartLine && /^title\s*:/.test(l)) + 1;
    if (written && line) return { value: written[1]!, line };
  }
  const title = section.candidate.title;
  // "# 12. Use gRPC" (adr-tools numbers its one heading); "## 1. Log retention" in meeting notes is a list's number.
  const heading = section.ctx.parts.find((p) => p.form === 'heading' && p.line === section.candidate.titleLine);
  const ownNumber = !heading || heading.depth <= 1 ? /^\s*(\d{1,4})\.\s+\S/.exec(title) : null;
  // "RFC-014", "결정 기록 007" (a decision record's own number in Korean).
  const written = RECORD_NUMBER.exec(title) ?? /^\s*(?:의사)?결정 기록\s*#?(\d{1,4})(?!\d)/u.exec(title) ?? ownNumber;
  if (written) return { value: written[1]!, line: section.candidate.titleLine };
  const row = slotValue(section, 'adrNumber');
  const fromRow = row ? /((?:[A-Z]{2,6}-)?ADR[-\s]?\d+|\d{1,5})/.exec(row.text) : null;
  if (row && fromRow) return { value: fromRow[1]!, line: (row.cite[0] as LineCitation).lines[0] };
  return undefined;
}

/** Names as a list: "Д. Соколов (SRE), К. Белова (WMS)", "Architecture forum — A, B", "platform team (Ilya, Mona)", "[Greg Sheremeta](@gregsheremeta)". */
function names(text: string): string[] {
  // "platform team (Ilya, Mona)": a group and its members, who are the names.
  const members = /^[^()]{2,40}\(([^()]+[,;&][^()]+)\)\s*[.;]?$/u.exec(text.trim())?.[1];
  // "[platform-team, Ana]": a frontmatter list written inline.
  const list = (members ?? text).replace(/^\s*\[([^\]]*)\]\s*$/u, '$1').replace(/^[^—–:]{2,40}\s[—–]\s+(?=.*,)/u, '');
  return list
    .split(/\s*(?:,|;|(?<![\p{L}])(?:and|и)(?![\p{L}])|&)\s*/u)
    .map((n) => clean(withoutClosingStop(n.replace(/\([^)]*\)/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').trim()).replace(/^["']|["']$/g, '')))
    .filter((n) => n && n.length <= 60 && !/^(?:n\/a|none|—|-)$/i.test(n));
}

/** Comparable words of an option's name. */
function words(text: string): string[] {
  return (text.toLowerCase().replace(/["'«»“”`*]/g, '').match(/[\p{L}\p{N}][\p{L}\p{N}.-]*/gu) ?? []).filter((w) => w.length > 2 && !['use', 'the', 'and', 'with', 'for', 'our', 'все', 'для', 'на'].includes(w));
}

/** Do two texts name the same option? One contains the other, or most words are shared. */
function sameOption(a: string, b: string): boolean {
  const x = clean(a).toLowerCase().replace(/["'«»“”`]/g, '');
  const y = clean(b).toLowerCase().replace(/["'«»“”`]/g, '');
  if (!x || !y) return false;
  if (x.includes(y) || y.includes(x)) return true;
  const [shorter, longer] = words(x).length <= words(y).length ? [words(x), words(y)] : [words(y), words(x)];
  if (shorter.length === 0) return false;
  const shared = shorter.filter((w) => longer.some((v) => v.startsWith(w.slice(0, Math.max(4, w.length - 2))))).length;
  return shared / shorter.length >= 0.6;
}

const REJECTED = /^(?:rejected|declined|not chosen|отклонено|отклонен\p{L}*|отвергнут\p{L}*|기각|거절)\s*[:：—–,-]?\s*/iu;
const CHOSEN = /^(?:chosen|selected|accepted|выбран\p{L}*|принят\p{L}*|선택|채택)(?![\p{L}])\s*[:：—–,-]?\s*/iu;

/** One option from a list item: "**Name** — reason", "Name: reason", "Name — rejected: reason". */
function optionFromItem(item: TextItem, raw: string, section: Section): Option {
  let name = item.text;
  let reasons: string | undefined;
  let chosen = false;
  const bold = /^\s*(?:[-*+]|\d{1,2}[.)])?\s*\*\*([^*]+)\*\*\s*[—–:-]?\s*(.*)$/u.exec(raw);
  if (bold) {
    name = clean(bold[1]!);
    reasons = clean(plainLine(bold[2]!)) || undefined;
  } else {
    const split = /^(.{3,120}?)(?:\s+[—–]\s+|:\s+)(.+)$/u.exec(item.text);
    if (split && split[1]!.split(/\s+/).length <= 14) {
      name = split[1]!;
      reasons = split[2];
    }
  }
  if (reasons && REJECTED.test(reasons)) reasons = reasons.replace(REJECTED, '');
  else if (reasons && CHOSEN.test(reasons)) {
    chosen = true;
    reasons = reasons.replace(CHOSEN, '') || undefined;
  }
  return { name: name.replace(/[.;:]$/, ''), chosen, ...(reasons && { reasons: reasons.replace(/[.;]$/, '') }), cite: cite(section, item.from, item.to) };
}

/** An item's lines as written (its marks kept), joined. */
function rawOf(content: SlotContent, item: TextItem): string {
  return content.lines.filter((l) => l.number >= item.from && l.number <= item.to).map((l) => l.text.trim()).join(' ') || item.text;
}

/** "a, b (today), c and d" as option names, when every piece is a short name, not a clause. */
function commaOptions(text: string): string[] {
  const pieces = text.replace(/[.;]\s*$/, '').split(/,\s*(?![^()]*\))(?:(?:and|or|и|или)\s+)?/u).map((p) => clean(p.trim())).filter(Boolean);
  return pieces.every((p) => p.split(/\s+/).length <= 7) ? pieces : [];
}

/** "A (rejected: …); B (rejected: …); C (chosen)" on one line. */
function optionsFromLine(text: string, line: number, section: Section): Option[] {
  const pieces = text.split(/\s*;\s+|\s+·\s+/).filter((p) => p.trim());
  if (pieces.length < 2) return [];
  return pieces.map((piece) => {
    const match = /^(.*?)\s*\((chosen|selected|rejected|declined|выбран\p{L}*|отклонен\p{L}*|선택|기각)\s*(?:[:：—–-]\s*([^)]*))?\)\s*[.;]?$/iu.exec(piece.trim());
    const name = clean(match ? match[1]! : piece).replace(/[.;]$/, '');
    const chosen = match ? CHOSEN.test(match[2]!) : false;
    return { name, chosen, ...(match?.[3] && { reasons: clean(match[3]) }), cite: cite(section, line) };
  });
}

/** An option named in a table's header cell: "Option 2: Unleash (self-hosted)", «Вариант 1 — …». */
const OPTION_HEADER = /^\s*(?:option|вариант|옵션|안)\s*\d+\s*[:.—–-]\s*(\S.*)$/iu;

/** Options from a table with a name column, pros/cons and a verdict. */
function optionsFromTable(table: Table, section: Section): Option[] {
  // Confluence's decision template puts the options across ("| | Option 1: X | Option 2: Y |") and what
  // is said of each down the rows ("| Pros and cons | … | … |").
  const headerCells = table.children[0]!.children.map((c) => toString(c).trim());
  // The header's first cell left empty ("| | Temporal | Sidekiq | Keep cron |"): the other cells name the options.
  const across = headerCells[0] === '' && headerCells.slice(1).filter(Boolean).length >= 2;
  const named = headerCells.map((h, i) => OPTION_HEADER.exec(h)?.[1] ?? (across && i > 0 && h ? h : undefined));
  if (named.filter(Boolean).length >= 2) {
    return named.flatMap((name, column) => {
      if (!name) return [];
      const reasons = table.children
        .slice(1)
        .map((row) => {
          const cells = row.children.map((c) => clean(toString(c)));
          return cells[column] ? `${cells[0]}: ${cells[column]}` : '';
        })
        .filter(Boolean)
        .join('; ');
      return [{ name: clean(name), chosen: false, ...(reasons && { reasons }), cite: cite(section, table.position!.start.line, table.position!.end.line) }];
    });
  }
  const header = table.children[0]!.children.map((c) => toString(c).trim().toLowerCase());
  const verdict = header.findIndex((h) => /verdict|status|decision|outcome|итог|решени|выбор|статус|결정|결과/u.test(h));
  const name = Math.max(0, header.findIndex((h) => /option|alternative|вариант|альтернатив|방안|대안/u.test(h)));
  return table.children.slice(1).map((row) => {
    const cells = row.children.map((c) => clean(toString(c)));
    const chosen = verdict >= 0 && /chosen|accepted|selected|adopted|выбран|принят|✅|선택|채택/iu.test(cells[verdict] ?? '');
    // Pros and cons columns are the option's reasons, each under its header.
    const reasons = cells
      .map((cell, i) => (i !== name && i !== verdict && cell ? `${toString(table.children[0]!.children[i]!).trim()}: ${cell}` : ''))
      .filter(Boolean)
      .join('; ');
    return { name: cells[name]!, chosen, ...(reasons && { reasons }), cite: cite(section, row.position!.start.line) };
  });
}

/** A numbered list written inline: "1) Postgres FTS (…); 2) Elasticsearch 8, …; 3) Meilisearch". */
function numberedInline(text: string): string[] {
  const pieces = text.split(/\s*(?:^|[;,]?\s+)\d{1,2}\)\s+/u).map((p) => clean(p).replace(/[;.]$/, '')).filter(Boolean);
  return pieces.length >= 2 ? pieces : [];
}

/** "In the context of A, facing B, we decided for C and neglected D, to achieve E, accepting that F." */
function yStatement(section: Section) {
  // Its words may be bold and each a bullet ("- **facing** lost events …"): read without the marks, line for line.
  const text = section.lines.map((l) => l.text.replace(/\*\*|__/g, '')).join('\n');
  const grab = (from: RegExp, to: RegExp) => {
    const start = from.exec(text);
    if (!start) return undefined;
    const rest = text.slice(start.index + start[0].length);
    const end = to.exec(rest);
    const value = (end ? rest.slice(0, end.index) : rest.split(/\n\s*\n/)[0]!).replace(/[\s,]+$/, '');
    const at = start.index + start[0].length;
    const lineAt = (offset: number) => section.lines[text.slice(0, offset).split('\n').length - 1]?.number ?? section.candidate.startLine;
    return { text: clean(plainLine(value.replace(/\n/g, ' '))), marker: start[0].trim(), from: lineAt(start.index), to: lineAt(at + value.length) };
  };
  // The template's words, and the same in Russian ("В контексте …, столкнувшись с …, мы решили …").
  const mark = {
    context: /in the context of|в контексте/,
    facing: /facing|столкнувшись с/,
    decided: /we decided for|мы (?:решили|выбрали)(?: в пользу)?/,
    neglected: /and neglected|neglecting|and rejected|rejecting|и отказались от|отказавшись от|отвергнув|отклонив/,
    achieve: /to achieve|чтобы(?: достичь| добиться)?/,
    accepting: /accepting that|принимая,? (?:то,? )?что/,
  };
  // A wrapped line may break between the template's words ("мы\nрешили").
  const words = (m: RegExp) => m.source.replace(/ /g, String.raw`\s+`);
  const starts = (m: RegExp) => new RegExp(String.raw`(?<![\p{L}])(?:${words(m)})\s+`, 'iu');
  const ends = (m: RegExp) => new RegExp(String.raw`,?\s*\n?\s*(?:[-*+•]\s+)?(?<![\p{L}])(?:${words(m)})\s+`, 'iu');
  const context = grab(starts(mark.context), ends(mark.facing));
  const facing = grab(starts(mark.facing), ends(mark.decided));
  const decided = grab(starts(mark.decided), ends(mark.neglected));
  const neglected = grab(starts(mark.neglected), ends(mark.achieve));
  const achieve = grab(starts(mark.achieve), ends(mark.accepting));
  const accepting = grab(starts(mark.accepting), /\n\s*\n|$/);
  // "мы решили …" in prose is no Y-statement: the template puts the decision after its context.
  if (!decided || !(context || facing || neglected)) return koreanYStatement(section, text);
  return { context, facing, decided, neglected, achieve, accepting };
}

/**
 * The Y-statement in Korean, whose words follow what they mark: "…의 맥락에서, …에 직면하여,
 * 우리는 X를 선택했고 Y는 배제했다. …하기 위해서이며, …을 감수한다."
 */
function koreanYStatement(section: Section, text: string) {
  const lineAt = (offset: number) => section.lines[text.slice(0, offset).split('\n').length - 1]?.number ?? section.candidate.startLine;
  const part = (pattern: RegExp, marker: string) => {
    const found = pattern.exec(text);
    if (!found) return undefined;
    const from = found.index + found[0].indexOf(found[1]!);
    return { text: clean(plainLine(found[1]!.replace(/\n/g, ' '))), marker, from: lineAt(from), to: lineAt(from + found[1]!.length) };
  };
  const decided = part(/우리는\s+([^.\n]+?)(?:을|를)\s*(?:선택|채택)(?:했고|하고|했으며|했다|한다)/u, '선택');
  const context = part(/(?:^|\n)\s*([^\n.]+?)의 맥락에서/u, '맥락에서');
  // Korean says "facing" after what is faced: the words are kept with it, no marker before them.
  const facing = part(/맥락에서[,\s]+([^.\n]+?에 직면하여)/u, '');
  if (!decided || !(context || facing)) return undefined;
  return {
    context,
    facing,
    decided,
    neglected: part(/(?:선택|채택)(?:했고|하고|했으며)[,\s]+([^.\n]+?)(?:은|는|을|를)\s*(?:배제|제외|기각)/u, '배제'),
    achieve: part(/[.,]\s*([^.,\n]+?(?:기|을|를))\s?위해/u, ''),
    accepting: part(/[,.]\s*([^.,\n]+?)(?:을|를)\s*감수/u, '감수'),
  };
}

const REDUCED_COST = /(?:(?<![\p{L}])(?:costs?|spend\p{L}*|bills?|затрат\p{L}*|стоимост\p{L}*|расход\p{L}*)(?![\p{L}])[^.;]{0,30}?(?<![\p{L}])(?:go(?:es)? down|drops?|fall\p{L}*|decreas\p{L}*|shrinks?|сниж\p{L}*|сниз\p{L}*|уменьш\p{L}*|падают)(?![\p{L}])|(?<![\p{L}])(?:reduc\p{L}*|lower\p{L}*|cuts?|saves?|сокращ\p{L}*|снижа\p{L}*|экономи\p{L}*)(?![\p{L}])[^.;]{0,20}?(?<![\p{L}])(?:costs?|spend\p{L}*|bills?|затрат\p{L}*|стоимост\p{L}*|расход\p{L}*)(?![\p{L}])|비용이?\s?(?:[^.]{0,10})?(?:줄어|감소|절감|낮아))/iu;

/** Positive or negative, for consequences written as one list: by their marks, else by their words. */
function sentiment(text: string): 'positive' | 'negative' {
  if (/^\s*(?:\(\+\)|\+|good\b|pros?\b|positive\s*[:：—–]|плюс|хорошо,|장점|좋음|좋은\s?점)/iu.test(text)) return 'positive';
  if (/^\s*(?:\([−–-]\)|[−–-]\s|bad\b|cons?\b|negative\s*[:：—–]|минус|плохо,|단점|나쁨|나쁜\s?점)/iu.test(text)) return 'negative';
  // Less of a cost is a gain: "storage costs go down", «затраты снижаются», "비용이 줄어듭니다".
  if (REDUCED_COST.test(text)) return 'positive';
  const negative = /(?<![\p{L}])(but|however|risks?|costs?|more per month|per month more|more expensive|lost|lose|loss|harder|slower|cannot|can't|must|needs?|requires?|dependency|bottleneck|overhead|complexity|burden|drawback|downside|tech debt|one more|another|new component|point of failure|go(?:es)? away|tier-0|nobody can|owns? and runs?|on-?call|operat\p{L}*|maintain\p{L}*|нужн\p{L}*|нуж(?:ен|на|но|ны)|иначе|otherwise|придётся|придется|дороже|сложн\p{L}*|нельзя|потер\p{L}*|риск\p{L}*|ещё один|еще один|точка отказа|только внутри|должны|зависимост\p{L}*|stale|lags?|unavailable|downtime|теря\p{L}*|медленн\p{L}*|хуже|ограничен\p{L}*|недоступ\p{L}*|простой)(?![\p{L}])|[가-힣]야\s?(?:합니다|한다|해요|하며|함|하고)|해야|필요하|비용|복잡|부담|위험|느려|어려워|어렵|장애|의존|수\s?없|못\s?(?:합니다|한다|해요|씁니다)/iu;
  return negative.test(text) ? 'negative' : 'positive';
}

function stripMark(text: string): string {
  // MADR's marks, and the same in its Russian translation ("Хорошо, потому что …").
  return text.replace(/^\s*(?:\(\+\)|\([−–-]\)|(?:good|bad|neutral|хорошо|плохо|нейтрально),?\s*(?:because|потому что)\s*|(?:positive|negative|pros?|cons?|плюсы?|минусы?|장점|단점|좋음|나쁨|중립|좋은\s?점|나쁜\s?점)\s*[:：—–,]\s*)/iu, '').trim();
}

/** Consequences from the slots the record has: positive/negative lists, or one list split by marks or meaning. */
function consequencesOf(section: Section, chosen: Option | undefined, prosCons: Map<string, TextItem[]>): { positive: CitedText[]; negative: CitedText[] } {
  const positive: CitedText[] = [];
  const negative: CitedText[] = [];
  const add = (item: CitedText, side?: 'positive' | 'negative') => {
    const text = stripMark(item.text);
    if (!text) return;
    // "## Tradeoffs" over "(+) …" and "(−) …": an item's own mark says its side, whatever the section's name.
    const marked = /^\s*(?:\(\+\)|\([−–-]\))/u.test(item.text) ? sentiment(item.text) : undefined;
    ((marked ?? side ?? sentiment(item.text)) === 'positive' ? positive : negative).push({ text, cite: item.cite });
  };
  // The "Pros" / "Cons" lists the keep test admits, each item on its side.
  const addSides = (keep: (c: SlotContent) => boolean, firstPositiveOnly: boolean) => {
    const positives = slotContents(section, 'positive').filter(keep);
    for (const content of firstPositiveOnly ? positives.slice(0, 1) : positives) for (const item of citedItems(section, content)) add(item, 'positive');
    for (const content of slotContents(section, ['negative', 'risks']).filter(keep)) for (const item of citedItems(section, content)) add(item, 'negative');
  };
  // An option's own "Pros" / "Cons" under "Options" weigh that option; they are no consequences of the decision.
  const optionRanges = slotContents(section, 'options').filter((c) => c.part.form === 'heading').map((c) => [c.part.line, c.part.endLine ?? c.part.line] as const);
  addSides((c) => !optionRanges.some(([from, to]) => c.part.line > from && c.part.line <= to), true);
  // A record's "Impact" ("영향", «Влияние») is what the decision does: its consequences, where it names none.
  const stated = slotContents(section, 'consequences');
  for (const content of stated.length > 0 ? stated : slotContents(section, 'impact')) {
    // A "Consequences" section with "Плюсы:"/"Минусы:" inside was read above; its other items are split here.
    const inner = new Set(section.parts.filter((p) => (p.slot === 'positive' || p.slot === 'negative') && content.lines.some((l) => l.number === p.line)).map((p) => p.line));
    if (inner.size > 0) continue;
    // A row's label may carry the side: "| Consequence (+) | … |", "| Consequence (−) | … |".
    const side = content.part.form === 'row' ? (/\(\+\)|\bpros?\b|плюс/iu.test(content.part.label) ? 'positive' : /\([−–-]\)|\bcons?\b|минус/iu.test(content.part.label) ? 'negative' : undefined) : undefined;
    // Written as prose, a consequence is a sentence: "Git is the source of truth. We have to run Argo CD ourselves."
    const prose = !side && !content.lines.some((l) => /^\s*(?:[-*+•]|\d{1,2}[.)])\s/.test(l.text));
    for (const item of citedItems(section, content)) {
      const sentences = prose ? item.text.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{Lo}])/u) : [item.text];
      for (const sentence of sentences) add({ text: sentence.replace(/[.;]$/, ''), cite: item.cite }, side);
    }
  }
  // MADR without a consequences section: the chosen option's pros and cons are the decision's consequences.
  if (positive.length === 0 && negative.length === 0 && chosen) {
    const key = [...prosCons.keys()].find((k) => sameOption(k, chosen.name));
    for (const item of key ? prosCons.get(key)! : []) add({ text: item.text, cite: cite(section, item.from, item.to) });
  }
  // So are the "Pros" / "Cons" written in the chosen option's own subsection.
  const [from, to] = (chosen?.cite[0] as LineCitation | undefined)?.lines ?? [0, -1];
  if (positive.length === 0 && negative.length === 0 && to > from) addSides((c) => c.part.line > from && c.part.line <= to, false);
  return { positive, negative };
}

/** "### Option name" subsections of "Pros and Cons of the Options", each with its bullets. */
function prosAndCons(section: Section): Map<string, TextItem[]> {
  const result = new Map<string, TextItem[]>();
  const container = slotContent(section, 'prosCons');
  if (!container) return result;
  const headings = section.parts.filter((p) => p.form === 'heading' && p.line > container.part.line && p.line <= (container.part.endLine ?? 0) && p.depth > container.part.depth);
  for (const heading of headings) {
    const content: SlotContent = { ...container, part: heading, lines: container.lines.filter((l) => l.number > heading.line && l.number <= (heading.endLine ?? 0)), nodes: [] };
    result.set(heading.label, itemsOf(content, { split: false }).filter((i) => /^(?:good|bad|neutral|pro|con)\b|^(?:хорошо|плохо|нейтрально),|^(?:좋음|나쁨|중립|좋은\s?점|나쁜\s?점|장점|단점)/iu.test(i.text)));
  }
  return result;
}

function reasonsFrom(items: TextItem[] | undefined, chosen: boolean): string | undefined {
  if (!items || items.length === 0) return undefined;
  const wanted = items.filter((i) => (chosen ? /^good|^pro|^хорошо|^좋|^장점/iu : /^bad|^con|^плохо|^나쁨|^나쁜|^단점/iu).test(i.text));
  return (wanted.length > 0 ? wanted : items).map((i) => stripMark(i.text)).join('; ');
}

/** A matrix's first column names the criteria, a weight column may follow; the other columns are the options. */
const CRITERION_COLUMN = /^(?:criteri(?:on|a)|requirement|factor|критери[йи]|требовани[ея]|фактор|기준|평가 (?:항목|기준))$/iu;
const WEIGHT_COLUMN = /^(?:weight|вес|важность|가중치)$/iu;

function optionsFromMatrix(section: Section): Option[] {
  const tables = section.tree.children.filter((n): n is Table => n.type === 'table');
  for (const table of tables) {
    const header = table.children[0]!.children.map((cell) => clean(toString(cell)));
    if (!CRITERION_COLUMN.test(header[0] ?? '')) continue;
    const names = header.slice(1).filter((h) => h && !WEIGHT_COLUMN.test(h));
    // The row that adds them up ("Итого", "Total"): each option's score is its reason to be weighed.
    const total = table.children.slice(1).find((row) => /^(?:total|score|итого|сумма|합계|총점)$/iu.test(clean(toString(row.children[0] ?? row))));
    if (names.length < 2) continue;
    return names.map((name) => {
      const column = header.indexOf(name);
      const score = total ? clean(toString(total.children[column] ?? total)) : '';
      return { name, chosen: false, ...(score && { reasons: `${clean(toString(total!.children[0]!))}: ${score}` }), cite: cite(section, table.position!.start.line, table.position!.end.line) };
    });
  }
  return [];
}

function optionsOf(section: Section, decision: CitedText | undefined, prosCons: Map<string, TextItem[]>): Option[] {
  let options: Option[] = [];
  const y = yStatement(section);
  if (y) {
    const neglected = y.neglected ? y.neglected.text.split(/\s*,\s*(?:and\s+|и\s+)?|\s+and\s+(?=an?\s|the\s|[a-z]+-)|\s+(?:и|или)\s+|(?<=\p{Script=Hangul}{2})(?:과|와)\s+/iu).filter(Boolean) : [];
    options = [
      { name: y.decided!.text, chosen: true, ...(y.achieve && { reasons: y.achieve.text }), cite: cite(section, y.decided!.from, y.decided!.to) },
      ...neglected.map((name) => ({ name: name.replace(/^(?:and|or)\s+/i, ''), chosen: false, cite: cite(section, y.neglected!.from, y.neglected!.to) })),
    ];
  }
  for (const content of slotContents(section, 'options')) {
    if (options.length > 0) break;
    const table = content.nodes.find((n): n is Table => n.type === 'table');
    if (table) {
      options = optionsFromTable(table, section);
      continue;
    }
    const first = content.lines[0];
    if (content.part.form !== 'heading' && first && numberedInline(first.text).length >= 2) {
      options = numberedInline(first.text).map((name) => ({ name, chosen: false, cite: cite(section, first.number) }));
      continue;
    }
    // A label's or a record table's row: "текстовые логи как есть; logfmt; JSON (выбран)".
    if ((content.part.form === 'label' || content.part.form === 'row') && first && content.lines.length === 1) {
      options = optionsFromLine(first.text, first.number, section);
      if (options.length > 0) continue;
    }
    // "Alternatives: nightly dumps (today), a physical replica, logical replication." and, after
    // it, "Why logical replication: …" — the options listed, the one said why of chosen for that.
    const listed = content.part.form === 'label' && first ? commaOptions(content.part.value) : [];
    // "Alternatives considered: Memcached (no persistence), DynamoDB (cross-cloud latency)": each with why it lost.
    const reasoned = listed.map((piece) => /^(.+?)\s*\(([^()]{3,})\)$/u.exec(piece));
    if (listed.length >= 2 && reasoned.every(Boolean)) {
      options = reasoned.map((m) => ({ name: clean(m![1]!), chosen: false, reasons: clean(m![2]!), cite: cite(section, first!.number) }));
      continue;
    }
    if (listed.length >= 3) {
      options = listed.map((name) => ({ name, chosen: false, cite: cite(section, first!.number) }));
      for (const line of content.lines.slice(1)) {
        const why = /^\s*(?:why|почему)\s+(.+?)\s*[:：—–]\s*(.+)$/iu.exec(plainLine(line.text));
        const option = why && options.find((o) => sameOption(o.name, why[1]!));
        if (option) Object.assign(option, { chosen: true, reasons: clean(why![2]!).replace(/[.;]$/, ''), cite: [...option.cite, ...cite(section, line.number)] });
      }
      continue;
    }
    // "### Option A — Kubernetes CronJobs" with its pros and cons under it: each subsection an option.
    const branches = optionsFromSubsections(section, content);
    if (branches.length >= 2) {
      options = branches;
      continue;
    }
    const items = itemsOf(content, { split: false });
    options = items.map((item) => optionFromItem(item, rawOf(content, item), section));
  }
  // "| Критерий | Вес | Prometheus | VictoriaMetrics |": a scoring matrix, its options the columns it scores.
  if (options.length === 0) options = optionsFromMatrix(section);
  // "**Why ESO over Sealed Secrets:**" and its reasons: the one chosen and the one it won over.
  if (options.length === 0) {
    for (const part of section.parts.filter((p) => p.form !== 'frontmatter')) {
      const match = /^(?:why|почему)\s+(.+?)\s*(?:,\s*)?(?:over|instead of|rather than|and not|вместо|а не)\s+(.+?)\s*[?:：]?$/iu.exec(part.label.trim());
      if (!match) continue;
      // Its reasons: the list right under it (a blank line before the list is allowed).
      const listed: string[] = [];
      for (const line of part.value ? [] : section.lines.filter((l) => l.number > part.line)) {
        const item = /^\s*[-*+]\s+(.+)$/.exec(line.text);
        if (item) listed.push(clean(plainLine(item[1]!)));
        else if (line.text.trim() || listed.length > 0) break;
      }
      const why = part.value ? clean(plainLine(part.value)) : listed.join('; ');
      options = [
        { name: clean(match[1]!), chosen: true, ...(why && { reasons: why }), cite: cite(section, part.line) },
        { name: clean(match[2]!), chosen: false, cite: cite(section, part.line) },
      ];
      break;
    }
  }
  // Rows of a record table: "| Rejected: MongoDB | Needs transactions and joins |".
  for (const part of section.parts.filter((p) => p.form === 'row' && REJECTED.test(p.label))) {
    options.push({ name: part.label.replace(REJECTED, ''), chosen: false, reasons: part.value, cite: cite(section, part.line) });
  }
  // Reasons from "Почему не другие варианты", "Why the neglected options lost", pros-and-cons sections.
  for (const content of slotContents(section, 'whyNot')) {
    const items = content.part.form === 'row' ? content.part.value.split(/\s*;\s+/).map((text) => ({ text, from: content.part.line, to: content.part.line })) : itemsOf(content, { split: true });
    for (const item of items) {
      const read = optionFromItem(item, content.part.form === 'row' ? item.text : rawOf(content, item), section);
      const match = options.find((o) => !o.chosen && (sameOption(o.name, read.name) || sameOption(o.name, item.text.split(/[\s,]+/).slice(0, 4).join(' '))));
      if (match && !match.reasons) match.reasons = read.reasons ?? item.text;
      else if (!match && read.reasons && options.length === 0) options.push(read);
    }
  }
  for (const option of options) {
    const key = [...prosCons.keys()].find((k) => sameOption(k, option.name));
    if (key && !option.reasons) option.reasons = reasonsFrom(prosCons.get(key), option.chosen);
  }
  // "We go with Option A.", «Выбран вариант Б»: the one named by its letter.
  if (!options.some((o) => o.chosen) && decision) {
    const letter = /(?<![\p{L}])(?:option|alternative|вариант|альтернатив\p{L}*|옵션|선택지|안)\s+([A-ZА-Я])(?![\p{L}\d])/iu.exec(decision.text)?.[1];
    const lettered = letter ? options.find((o) => o.key?.toUpperCase() === letter.toUpperCase()) : undefined;
    if (lettered) lettered.chosen = true;
  }
  // The chosen one: named by "Chosen option: …", by its number ("вариант 2"), or by the decision's words.
  if (!options.some((o) => o.chosen) && decision) {
    const quoted = /(?:(?:chosen option|выбранный вариант|선택한 옵션)\s*[:：]|выбран(?:\s+вариант)?)\s*["«“]?([^"»”\n]+?)["»”]?\s*(?:,|$|\s+because|\s+потому)/iu.exec(decision.text)?.[1];
    // "Chosen option: 2, because …" names it by its number in the list.
    const numbered = /(?<![\p{L}])(?:option|вариант|variant|옵션|안)\s*(?:№\s*)?(\d{1,2})(?![\d])/iu.exec(decision.text)?.[1] ?? (quoted && /^\d{1,2}$/.test(quoted.trim()) ? quoted.trim() : undefined);
    // Korean gives the reason as a sentence of its own that ends in 때문입니다 ("… because of").
    // "선택한 옵션: "Redis". 이유: …", «Причина: …»: the reason under its own word.
    const because = /(?:\bbecause\b|(?<![\p{L}])потому,? что)\s*(.+)$/iu.exec(decision.text)?.[1] ?? /(?:^|[.!?]\s+|\s)(?:이유|reason|причина|обоснование)\s*[:：]\s*(.+)$/iu.exec(decision.text)?.[1] ?? /(?:^|[.!?]\s+)([^.!?]*때문(?:입니다|이다|이에요|에)[^.!?]*)/u.exec(decision.text)?.[1];
    const byNumber = numbered ? options[Number(numbered) - 1] : undefined;
    // "we go with local SSD caches …" names the one taken: an option that only shares a word with it ("No caches at all") is not.
    const wentWith = quoted ? undefined : goneWithOf(decision.text);
    const byName = options.find((o) => (quoted ? sameOption(o.name, quoted) : false)) ?? (quoted ? undefined : wentWith ? options.find((o) => sameOption(o.name, wentWith)) : options.find((o) => decisionNames(decision.text, o.name)));
    const chosen = byNumber ?? byName;
    if (chosen) {
      chosen.chosen = true;
      if (because && !chosen.reasons) chosen.reasons = clean(because);
    } else if (quoted && !numbered) options.unshift({ name: quoted.trim(), chosen: true, ...(because && { reasons: clean(because) }), cite: decision.cite });
  }
  // A record table's decision, or a title that names the choice: "Postgres as primary datastore".
  if (!options.some((o) => o.chosen)) {
    const title = displayTitle(section.candidate.title);
    // "Move CI from Jenkins to GitHub Actions", «Перейти с X на Y»: where the title moves to.
    const moveTo = /^(?:move|migrate|switch|moving|migrating|switching|перей\p{L}*|переход\p{L}*|переезд\p{L}*)\s.*?(?:\sto|\sна)\s+(.{2,60}?)[.]?$/iu;
    // "Decision: move session storage from Postgres to Redis": a decision of one line moves as a title does.
    const movedTo = moveTo.exec(title)?.[1] ?? (decision && !decision.text.includes('\n') ? moveTo.exec(decision.text)?.[1] : undefined);
    // "Postgres as primary datastore" names the choice first; "Event IDs as UUIDv7" after "as", where a name stands alone.
    const asWhat = /^(.+?)\s+(?:as|как)\s+(.+)$/i.exec(title);
    const fromTitle = (asWhat && (/^[\p{Lu}\d][\p{L}\d.+#-]*$/u.test(asWhat[2]!.trim()) && /\d|\p{Lu}.*\p{Lu}/u.test(asWhat[2]!) ? asWhat[2]!.trim() : asWhat[1])) ?? movedTo;
    // "we go with GitHub Actions and …", "we'll go with X": the decision names it.
    const goneWith = decision && goneWithOf(decision.text);
    if (fromTitle && options.length > 0) options.unshift({ name: fromTitle, chosen: true, cite: cite(section, section.candidate.titleLine) });
    else if (goneWith && decision && options.length > 0) options.unshift({ name: clean(goneWith), chosen: true, cite: decision.cite });
    else if (decision && options.length > 0) {
      // In What/Why/How records the approach chosen is the first sentence of "How".
      const [what, how] = decision.text.split('\n\n');
      options.unshift({ name: how ? `${firstClause(what!)}; ${firstClause(how)}` : firstClause(decision.text), chosen: true, cite: decision.cite });
    }
  }
  // "Rationale", "Argument", «Обоснование»: why the chosen option won, when nothing else said it.
  const chosen = options.find((o) => o.chosen);
  const rationale = slotField(section, 'rationale', { direct: true });
  if (chosen && !chosen.reasons && rationale) chosen.reasons = clean(rationale.text);
  return options.filter((o) => o.name).map(({ key: _key, ...option }) => option);
}

/** "Option A — X", «Вариант Б: X», "Option 2. X": the mark that names an option, and its name after it. */
const OPTION_MARK = /^\s*(?:option|alternative|approach|вариант|альтернатива|подход|옵션|선택지|대안|안)\s*#?([A-Za-zА-Яа-я]|\d{1,2})(?![\p{L}\d])\s*(?:[—–:.)-]\s*)?/iu;

const WEIGHING_WORDS = 'pros|cons|плюсы|минусы|장점|단점';
/** "**Pros**" alone on a line: the name of what follows. */
const PROS_OR_CONS = new RegExp(`^\\**(?:${WEIGHING_WORDS})\\**[:：]?$`, 'iu');
/** A line that weighs ("Pros: …", «Плюсы: …», "Good, because …"). */
const WEIGHS = new RegExp(`^\\**(?:${WEIGHING_WORDS}|good|bad)(?![\\p{L}])`, 'iu');

/**
 * The options of a section written one subsection each, with what each subsection says for and
 * against. A subsection is an option when it is named one ("Option A —", «Вариант Б:») or weighs
 * pros and cons; "### 1. Some dependent resources are cluster scoped" under "Alternatives" is a
 * reason against the one alternative, not an option.
 */
function optionsFromSubsections(section: Section, content: SlotContent): Option[] {
  if (content.part.form !== 'heading') return [];
  // "**Pros**" over a list is a part of its option, not one.
  const subheadings = section.parts.filter((p) => p.form === 'heading' && p.line > content.part.line && p.line <= (content.part.endLine ?? 0) && p.depth === content.part.depth + 1 && !PROS_OR_CONS.test(plainLine(p.label).trim()));
  const branches = subheadings.map((heading, i) => {
    const mark = OPTION_MARK.exec(heading.label);
    const name = clean(mark ? heading.label.slice(mark[0].length) : heading.label) || heading.label;
    const end = (subheadings[i + 1]?.line ?? (content.part.endLine ?? section.candidate.endLine) + 1) - 1;
    const said = section.lines
      .filter((l) => l.number > heading.line && l.number <= end && l.text.trim())
      .map((l) => clean(plainLine(l.text)).replace(/^\*\*(.+)\*\*$/, '$1'))
      .filter(Boolean);
    // "Pros" over its items reads "Pros: a; b", as the section's words go.
    const reasons = said.reduce((text, line) => (PROS_OR_CONS.test(line) ? `${text}${text ? '. ' : ''}${line}:` : `${text}${text && !text.endsWith(':') ? '; ' : ' '}${line}`), '').trim();
    return { name, chosen: false, ...(mark && { key: mark[1] }), ...(reasons && { reasons }), cite: cite(section, heading.line, end), weighed: mark !== null || said.some((l) => WEIGHS.test(l)) };
  });
  const weighed = branches.filter((o) => o.weighed);
  return weighed.length >= 2 ? weighed.map(({ weighed: _w, ...option }) => option) : [];
}

/** Does a decision name this option (most of its distinctive words appear in the decision's first sentence)? */
/** What "we go with …", "we'll go with …", "we chose …" names. */
function goneWithOf(decision: string): string | undefined {
  return /(?<![\p{L}])(?:(?:we |we'?ll |we will )?go(?:ing)? with|we chose|we picked)\s+(.+?)(?=[.,;]|\s+(?:and|because|since|over|instead)\s|$)/iu.exec(decision)?.[1];
}

function decisionNames(decision: string, option: string): boolean {
  const head = decision.split(/(?<=[.!?])\s/)[0]!.toLowerCase();
  const distinctive = words(option).filter((w) => w.length > 3);
  if (distinctive.length === 0) return false;
  return distinctive.filter((w) => head.includes(w.slice(0, Math.max(4, w.length - 2)))).length / distinctive.length >= 0.6;
}

function firstClause(text: string): string {
  const clause = text.split(/(?<=[.;:])\s|\s[—–]\s/)[0]!.replace(/[.;:]$/, '');
  return clause.length > 140 ? clause.slice(0, 139).replace(/\s+\S*$/, '') + '…' : clause;
}

/** Record identifiers in a "Supersedes"/"Superseded by" value, "—" and "N/A" being none. */
/** Words that say a decision was taken, on a line that may say when. */
const DECIDED_ON = /(?<![\p{L}])(?:decided|agreed|accepted|approved|adopted|решено|решили|принято|принят[оа]?|утвержден[оа]?|утверждён[оа]?|согласован[оа]?)(?![\p{L}])|결정(?:했|됨|되었)|승인(?:됨|되었|했)/iu;

function records(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(/(?<![\p{L}\d-])((?:[A-Z]{2,6}-)?ADR[-\s]?\d+|\d{1,5})(?![\d])/gu)].map((m) => m[1]!).slice(0, 5);
}

export function extractAdr(section: Section, base: Base): AdrInput {
  const year = documentYear(section);
  const number = numberOf(section);
  const y = yStatement(section);
  const statusValue = slotValue(section, 'status');
  const status = statusValue ? readAdrStatus(statusValue.text) : undefined;
  // A record without a date field has the day it was created ("| Created | Status |" over its values).
  const created = section.parts.find((p) => p.slot === 'ticketField' && /^(?:created|создан[оа]?|생성일|작성일)$/iu.test(p.label.trim().replace(/[:：]$/, '')) && findDates(p.value, year).length > 0);
  // "- 작성일: 2026-09-01", "Created: …" as a line of its own: the day the record was written.
  const createdLine = created ? undefined : section.lines.find((l) => /^\s*(?:[-*+]\s+)?(?:\*\*)?(?:created(?: on)?|date created|작성일|생성일|создан[оа]?|дата создания)(?:\*\*)?\s*[:：]/iu.test(l.text) && findDates(l.text, year).length > 0);
  const dateValue = slotValue(section, 'date') ?? (created ? { text: created.value, cite: cite(section, created.line) } : createdLine ? { text: createdLine.text, cite: cite(section, createdLine.number) } : undefined);
  // "Decided on 2026-04-22 by the payments platform team.", «Решение принято 22.04.2026»: a sentence that says when, under a record with no date field.
  const decidedOn = dateValue || statusValue ? undefined : section.lines.find((l) => DECIDED_ON.test(l.text) && findDates(l.text, year).length > 0);
  // «Протокол встречи …, 25.11.2026», "Architecture review 2026-11-25": a record dated by its title, where nothing else dates it.
  const titleDate = findDates(section.ctx.parsed.lines[section.candidate.titleLine - 1] ?? '', year)[0];
  const stated = (dateValue ? findDates(dateValue.text, year)[0] : undefined) ?? (statusValue ? findDates(statusValue.text, year)[0] : undefined) ?? (decidedOn ? findDates(decidedOn.text, year)[0] : undefined);
  const dateFound = stated ?? titleDate;
  const dateLine = dateValue && dateFound && findDates(dateValue.text, year)[0] ? dateValue.cite : decidedOn ? cite(section, decidedOn.number) : !stated && titleDate ? cite(section, section.candidate.titleLine) : statusValue?.cite;
  // A status line with the record's date and deciders beside it: "status: accepted · 2026-06-18 · deciders: …".
  const sameLineDate = !dateFound && statusValue ? findDates(section.ctx.parsed.lines[(statusValue.cite[0] as LineCitation).lines[0] - 1] ?? '', year)[0] : undefined;
  // Who took part in the decision ("Участники: …", "참여자: …") decided it, where no deciders are named.
  const decidedBy = decidedOn ? /(?<![\p{L}])by\s+(?:the\s+)?([^.,;()]{2,60})/iu.exec(decidedOn.text)?.[1] : undefined;
  // A record's "Owner: @ana" (a lightweight ADR's one field for who) owns the decision.
  const decidersValue = everyDecider(section) ?? slotValue(section, 'attendees') ?? slotValue(section, 'author') ?? (decidedBy && decidedOn ? { text: decidedBy.trim(), cite: cite(section, decidedOn.number) } : undefined) ?? slotValue(section, 'owner');
  // "What" (what is decided) and "How" (the approach) are one decision in What/Why/How records.
  const proposal = slotField(section, 'proposal', { direct: true });
  const outcome = slotField(section, 'decision', { direct: true });
  // "## Decision outcome: Accepted on 2026-10-28 by …" says it was accepted; the "## Solution" above says what.
  const solution = outcome && ACCEPTANCE_ONLY.test(outcome.text) ? slotContents(section, 'steps').filter((c) => c.part.form === 'heading' && /^(?:the |proposed )?solution$/i.test(c.part.label.trim())).map((c) => slotText(c)).find(Boolean) : undefined;
  const labelledDecision = joined(solution ?? outcome, proposal) ?? (y?.decided ? { text: y.decided.text, cite: cite(section, y.decided.from, y.decided.to) } : undefined);
  // A decision told in prose, with no label of its own ("We decided to use X instead of Y, because …").
  const told = labelledDecision ? undefined : decisionInProse(section);
  const decisionField = labelledDecision ?? told?.decision;
  const prosCons = prosAndCons(section);
  const options = optionsOf(section, decisionField, prosCons);
  if (told && options.length === 0) options.push(...told.options);
  const links = findLinks(section);
  const cites: Record<string, CitedText['cite']> = {};
  if (number) cites.number = widen(section, cite(section, number.line), namesIt(number.value));
  // A relation's references: those its own field names (cited by the lines that name them) and the
  // links whose line says so (cited by that line: "supersedes ADR 4" is linked as ADR-4).
  const related = (slot: 'supersedes' | 'supersededBy'): string[] => {
    const named = records(slotValue(section, slot)?.text);
    const linked = links.filter((l) => l.relation === slot);
    const lines = section.lines.filter((l) => named.some((r) => l.text.includes(r)));
    const evidence = [...lines.flatMap((l) => cite(section, l.number)), ...linked.flatMap((l) => l.cite)].slice(0, 3);
    if (evidence.length) cites[slot] = evidence;
    return [...named, ...linked.map((l) => l.to)];
  };
  const supersedes = related('supersedes');
  const supersededBy = related('supersededBy');
  if (status && statusValue) cites.status = statusValue.cite;
  // A record that says it was decided on a day was accepted then.
  if (!statusValue && decidedOn) cites.status = cite(section, decidedOn.number);
  // "Решили: …", "Decided: …", "Agreed: …": a decision written in the past tense was taken.
  const decidedLabel = slotContents(section, 'decision').find((c) => c.part.form === 'label' && c.part.value && PAST_DECISION.test(c.part.label.trim().replace(/[:：]$/, '')));
  if (!statusValue && !decidedOn && decidedLabel) cites.status = cite(section, decidedLabel.part.line);
  if (decidersValue) cites.deciders = decidersValue.cite;
  const context =
    joined(slotField(section, 'context', { direct: true }), slotField(section, 'goals', { direct: true })) ??
    // "## Problem" over the options: in a decision record, the problem is what it decides about.
    slotField(section, 'whatHappened', { direct: true }) ??
    (y?.context ? { text: [y.context.text, y.facing && [y.facing.marker, y.facing.text].filter(Boolean).join(' ')].filter(Boolean).join('; '), cite: cite(section, y.context.from, (y.facing ?? y.context).to) } : undefined) ??
    told?.context;
  const consequences = consequencesOf(section, options.find((o) => o.chosen), prosCons);
  if (y?.accepting && consequences.negative.length === 0) consequences.negative.push({ text: y.accepting.text, cite: cite(section, y.accepting.from, y.accepting.to) });
  if (y?.achieve && consequences.positive.length === 0) consequences.positive.push({ text: y.achieve.text, cite: cite(section, y.achieve.from, y.achieve.to) });
  return {
    ...base,
    tags: ['adr'],
    number: number?.value,
    status: status ?? (cites.status ? 'accepted' : 'unknown'),
    date: dateFound ? { text: dateFound.date, cite: dateLine!, inferred: false } : sameLineDate ? { text: sameLineDate.date, cite: statusValue!.cite, inferred: false } : undefined,
    deciders: decidersValue ? names(decidersValue.text) : [],
    context,
    drivers: citedItems(section, slotContent(section, 'drivers'), { split: false }),
    // No decision written out, but an option marked chosen (a verdict column, "(chosen)"): that choice, as the note words it.
    decision: decisionField ?? chosenAsDecision(options.find((o) => o.chosen)),
    options,
    consequences,
    supersedes: dedupe(supersedes),
    supersededBy: dedupe(supersededBy),
    links,
    cites,
  };
}

/** Every line that names deciders ("Driver: Priya Nair", "Approver: Tom Becker"), as one value. */
function everyDecider(section: Section): CitedText | undefined {
  const found = slotContents(section, 'deciders').filter((c) => c.part.form !== 'heading' && c.part.value.trim()).map((c) => ({ text: withoutClosingStop(plainLine(c.part.value)), line: c.part.line }));
  if (found.length <= 1) return slotValue(section, 'deciders');
  return { text: found.map((f) => f.text).join(', '), cite: found.flatMap((f) => cite(section, f.line)) };
}

/** A decision's label in the past tense: what it labels was decided. */
const PAST_DECISION = /^(?:decided|agreed|решили|решено|договорились|постановили|приняли решение|결정됨|합의됨)$/iu;

/** An outcome that only says the record was accepted, when and by whom: no decision of its own. */
const ACCEPTANCE_ONLY = /^(?:accepted|approved|decided|agreed|принято|утверждено|승인(?:됨)?|채택(?:됨)?)(?:\s+(?:on|by|at|in)\s+[^.]{1,80})?[.]?$/iu;

const DECIDED_SAID = /(?<![\p{L}])(?:we(?:'ve| have)? decided|we will (?:use|move|adopt|switch|keep)|we chose|we(?:'re| are) going with|decided to|мы решили|решили|будем использовать|выбрали)(?![\p{L}])|결정했|하기로 했/iu;
const INSTEAD = /(?:to use|to adopt|to move to|to switch to|use|adopt|использовать|перейти на|взять)\s+(.+?)\s+(?:instead of|rather than|over|вместо|а не)\s+(.+?)(?=,|\.|\s+because|\s+потому|$)/iu;
const BECAUSE = /(?:,\s*|\s)(?:because|since|потому что|так как|поскольку)\s+(.+?)\.?$/iu;
/** "Rejected: keeping self-hosted on a second cluster (too much upkeep)." */
const REJECTED_SAID = /(?:^|[.;]\s+)(?:rejected|not chosen|отклонено|отклонили|기각)\s*[:：—–-]\s*([^.;()]+?)\s*(?:\(([^)]+)\))?\s*(?=[.;]|$)/giu;

const CONSIDERED_REJECTED = /(?:^|[.;]\s+)([^.;:,]{2,60}?)\s+(?:was|were|is|are|has been|have been)\s+(?:also\s+)?(?:considered|discussed|evaluated|looked at)\s+(?:and|but)\s+(?:rejected|dropped|ruled out)(?:\s*[:：—–-]\s*([^.;]+))?/giu;

/** A decision told in sentences: the one that says it was decided, its reasons, what it won over. */
function decisionInProse(section: Section): { decision: CitedText; context?: CitedText; options: Option[] } | undefined {
  const prose = sentences(section.lines.filter((l) => !/^\s*#/.test(l.text)));
  const at = prose.findIndex((s) => DECIDED_SAID.test(s.text));
  if (at < 0) return undefined;
  const said = prose[at]!;
  const decision = { text: said.text, cite: cite(section, said.from, said.to) };
  // Korean gives the reason in the next sentence: "… 저렴하기 때문입니다."
  const next = prose[at + 1];
  const because = BECAUSE.exec(said.text)?.[1] ?? (next && /때문(?:입니다|이다|에)/u.test(next.text) ? next.text.replace(/[.。]$/, '') : undefined);
  const instead = INSTEAD.exec(said.text);
  // "Elasticsearch 대신 Loki를 쓰기로": what is given up comes first.
  const insteadKo = /([\p{L}\d.-]+(?:\s[\p{L}\d.-]+)?)\s*대신\s+([\p{L}\d.-]+?)(?:를|을|로|으로)\s/u.exec(said.text);
  const [chosenName, rejectedName] = instead ? [instead[1]!, instead[2]!] : insteadKo ? [insteadKo[2]!, insteadKo[1]!] : [];
  const options: Option[] = chosenName && rejectedName ? [
    { name: clean(chosenName), chosen: true, ...(because && { reasons: clean(because) }), cite: decision.cite },
    { name: clean(rejectedName), chosen: false, cite: decision.cite },
  ] : [];
  // "Reserved instances were considered and rejected: the load is too spiky.": the name, then why not.
  for (const sentence of prose) {
    for (const weighed of sentence.text.matchAll(CONSIDERED_REJECTED)) {
      options.push({ name: clean(weighed[1]!.replace(/^(?:the|also)\s+/i, '')), chosen: false, ...(weighed[2] && { reasons: clean(weighed[2]) }), cite: cite(section, sentence.from, sentence.to) });
    }
  }
  for (const [index, line] of section.lines.entries()) {
    // A line that goes on a sentence ("… considered and\nrejected: …") is read above.
    if (/(?:and|but|и|но)\s*$/iu.test(section.lines[index - 1]?.text ?? '')) continue;
    for (const rejected of plainLine(line.text).matchAll(REJECTED_SAID)) {
      options.push({ name: clean(rejected[1]!), chosen: false, ...(rejected[2] && { reasons: clean(rejected[2]) }), cite: cite(section, line.number) });
    }
  }
  return { decision, ...(because && { context: { text: clean(because), cite: next && !BECAUSE.test(said.text) ? cite(section, said.from, next.to) : decision.cite } }), options };
}

/** The table of a decision log's row candidate, and the row (the candidate's one line). */
export function decisionRow(section: Section): { table: Table; row: TableRow } | undefined {
  const line = section.candidate.startLine;
  const table = section.ctx.parsed.tree.children.find((n): n is Table => n.type === 'table' && n.position!.start.line <= line && n.position!.end.line >= line);
  const row = table?.children.find((r) => r.position!.start.line === line);
  return table && row ? { table, row } : undefined;
}

/** One row of a decision log, read by its header's names: the decision, its number, date, status, reasons, who decided. */
export function extractAdrRow(section: Section, base: Base): AdrInput {
  const line = section.candidate.startLine;
  const { table, row } = decisionRow(section)!;
  const header = table.children[0]!.children.map((c) => toString(c).trim());
  const cell = (pattern: RegExp): CitedText | undefined => {
    const i = header.findIndex((h) => pattern.test(h));
    const text = i >= 0 && row.children[i] ? clean(plainLine(toString(row.children[i]!))) : '';
    return text ? { text, cite: cite(section, line) } : undefined;
  };
  const year = documentYear(section);
  const date = cell(/^(?:date|when|дата|когда|날짜|일자)$/iu);
  const dated = date ? findDates(date.text, year)[0] : undefined;
  const status = cell(/^(?:status|state|статус|상태)$/iu);
  const who = cell(/^(?:who|owner|deciders?|decided by|кто|ответственн\p{L}*|결정자|담당자?)$/iu);
  const cites: Record<string, CitedText['cite']> = {};
  if (status) cites.status = status.cite;
  if (who) cites.deciders = who.cite;
  return {
    ...oneLineRecord(section, base),
    number: cell(/^(?:#|no\.?|id|number|№|номер|번호)$/iu)?.text,
    status: status ? readAdrStatus(status.text) : 'unknown',
    ...(dated && date && { date: { text: dated.date, cite: date.cite, inferred: false } }),
    deciders: who ? names(who.text) : [],
    context: cell(/^(?:why|reasons?|rationale|because|context|почему|причин\p{L}*|обоснование|контекст|이유|근거|배경)$/iu),
    decision: cell(DECISION_COLUMN),
    cites,
  };
}

/** A record written on one row or entry of a log: no options, consequences or relations of its own. */
function oneLineRecord(section: Section, base: Base): Omit<AdrInput, 'status' | 'deciders' | 'cites'> {
  return { ...base, tags: ['adr'], drivers: [], options: [], consequences: { positive: [], negative: [] }, supersedes: [], supersededBy: [], links: findLinks(section) };
}

/**
 * One entry of a decision log written as a list ("- **2026-10-03 — Use pgbouncer …** (accepted).
 * Why: … Decided by Priya and Tom."): what was decided, its day and status, why, who decided.
 */
export function extractAdrEntry(section: Section, base: Base): AdrInput {
  const line = section.candidate.startLine;
  const text = section.lines.filter((l) => l.number <= section.candidate.endLine).map((l) => l.text.trim()).join(' ');
  const entry = DECISION_ENTRY.exec(text)!;
  const at = cite(section, line, section.candidate.endLine);
  const dated = findDates(entry[1]!, documentYear(section))[0];
  const rest = plainLine(entry[4] ?? '');
  const why = /(?:^|[.;]\s+)(?:why|because|reason|rationale|почему|причина|обоснование|이유)\s*[:：—–-]\s*(.+?)(?=\s+(?:decided|agreed|approved|решили|решение приняли|결정)\s*(?:by\s|[:：])|$)/iu.exec(rest)?.[1];
  const by = /(?<![\p{L}])(?:decided|agreed|approved) by\s+([^.;]{2,80})|(?:решили|приняли|утвердили)\s*[:：]?\s*([А-ЯЁ][^.;]{1,80})/iu.exec(rest);
  const cites: Record<string, CitedText['cite']> = {};
  if (entry[3]) cites.status = at;
  if (by) cites.deciders = at;
  return {
    ...oneLineRecord(section, base),
    status: entry[3] ? readAdrStatus(entry[3]) : 'unknown',
    ...(dated && { date: { text: dated.date, cite: cite(section, line), inferred: false } }),
    deciders: by ? names((by[1] ?? by[2])!.trim()) : [],
    ...(why && { context: { text: clean(why).replace(/[.;]$/, ''), cite: at } }),
    decision: { text: clean(entry[2]!), cite: cite(section, line) },
    cites,
  };
}

const chosenAsDecision = (option: Option | undefined): CitedText | undefined => option && { text: option.name, cite: option.cite };

/** Two cited texts as one, paragraphs apart; either alone when the other is missing. */
function joined(first: CitedText | undefined, second: CitedText | undefined): CitedText | undefined {
  if (!first || !second) return first ?? second;
  return { text: `${first.text}\n\n${second.text}`, cite: [...first.cite, ...second.cite] };
}

function dedupe(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    const key = item.replace(/^ADR[-\s]?0*/i, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
