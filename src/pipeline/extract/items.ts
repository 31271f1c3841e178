/**
 * Items of a slot — list items, table rows, "a; b; c" on one line, or one sentence a line — and
 * follow-ups read from them: the action, and where the note says so its owner, due date, ticket
 * and state, in the shapes they are written ("NOTIF-812 (done)", "(Олег, до 2026-05-08)",
 * "— Jonas Brandt, ECOM-1550, due 2026-09-18", "(owner: Farah Haddad, done)", "Тимур вернёт …, до
 * 20 февраля", "| Action | Owner | Due | Status |").
 */
import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Citation, CitedText } from '../../schemas/index.ts';
import { cite, clean, withoutClosingStop, type Section } from './section.ts';
import { plainLine, type SlotContent } from './slots.ts';
import { findDates, readTaskStatus, readTicket, TICKET } from './values.ts';

export interface TextItem {
  text: string;
  from: number;
  to: number;
  /** `- [x]` → true, `- [ ]` → false. */
  checked?: boolean;
}

const ITEM_START = /^(\s*)(?:>\s*)*(?:[-*+•]|\d{1,2}[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/;

/**
 * The items of a slot: its list items (nested ones too, each an item), else its paragraphs, else
 * the parts of a one-line value split at ";" or " · ".
 */
export function itemsOf(content: SlotContent, options: { split?: boolean } = {}): TextItem[] {
  const items: TextItem[] = [];
  let current: TextItem | undefined;
  let inFence = false;
  const lines = content.lines;
  lines.forEach((line, index) => {
    const raw = line.text;
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      current = undefined;
      return;
    }
    if (inFence || /^\s*\|/.test(raw)) return;
    // A subheading ("### What went well?") divides the items; it is none of them.
    if (/^\s*#{1,6}\s/.test(raw)) {
      current = undefined;
      return;
    }
    const start = ITEM_START.exec(raw);
    if (start) {
      current = { text: plainLine(start[3]!), from: line.number, to: line.number, checked: start[2] ? start[2] !== ' ' : undefined };
      if (current.text) items.push(current);
      return;
    }
    if (!raw.trim()) {
      current = undefined;
      return;
    }
    if (current && (/^\s+\S/.test(raw) || lines[index - 1]?.text.trim())) {
      current.text = `${current.text} ${plainLine(raw)}`.trim();
      current.to = line.number;
    }
  });
  if (items.length > 0) {
    // "Симптомы: X" followed by "- Y": the value on the label's line is an item too.
    const first = lines[0];
    const own = content.part.form === 'label' && first && first.number === content.part.line && !ITEM_START.test(first.text) && plainLine(first.text);
    return [...(own ? [{ text: own, from: first!.number, to: first!.number }] : []), ...items.filter((i) => !/[:：]$/.test(i.text) || i.text.length > 60)];
  }
  // No list: paragraphs, one item each; a one-line value of several items is split.
  const paragraphs: TextItem[] = [];
  let paragraph: TextItem | undefined;
  inFence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line.text)) inFence = !inFence;
    if (inFence || /^\s*(```|~~~|\|)/.test(line.text)) continue;
    if (!line.text.trim() || /^\s*#{1,6}\s/.test(line.text)) {
      paragraph = undefined;
      continue;
    }
    const text = plainLine(line.text);
    if (!text) continue;
    // In a note without lists, each line is its own item (an e-mail's "Что будем делать:" lines).
    if (paragraph && !/^[\p{Lu}\d]/u.test(text)) {
      paragraph.text += ` ${text}`;
      paragraph.to = line.number;
    } else {
      paragraph = { text, from: line.number, to: line.number };
      paragraphs.push(paragraph);
    }
  }
  if (options.split !== false && paragraphs.length === 1) {
    const only = paragraphs[0]!;
    // "алерт на остаток квоты (Саша), ежемесячная проверка тарифа (Лена)": items that each end in who, between commas.
    const pieces = only.text.split(/\s*;\s+|\s+·\s+|(?<=\([^()]{2,40}\)),\s+(?=\S[^()]{3,}\([^()]{2,40}\)\s*[.;]?(?:,|$))/u).map((p) => p.trim()).filter(Boolean);
    if (pieces.length > 1) return pieces.map((text) => ({ text, from: only.from, to: only.to }));
  }
  return paragraphs;
}

/** Items as cited texts. */
export function citedItems(section: Section, content: SlotContent | undefined, options: { split?: boolean } = {}): CitedText[] {
  if (!content) return [];
  // "Lessons Learned: TBD." lists nothing.
  return itemsOf(content, options)
    .filter((item) => !/^(?:TBD|TODO|WIP|N\/A|—|-)\.?$/iu.test(item.text.trim()))
    .map((item) => ({ text: item.text.replace(/[;.]$/, ''), cite: cite(section, item.from, item.to) }));
}

export interface FollowUp {
  action: string;
  owner?: string;
  due?: string;
  ticket?: string;
  status: 'open' | 'done' | 'unknown';
  cite: Citation[];
}

export interface DateContext {
  /** The year of dates written without one. */
  year?: number;
  /** When the note was written: "by Tuesday" is the Tuesday after it. */
  written?: Date;
  /** The author of a chat message: "me", "я" mean them. */
  author?: string;
}

const WEEKDAY_NUMBERS: Array<[RegExp, number]> = [
  [/^(sun(day)?|воскресень\p{L}*|일요일)$/iu, 0],
  [/^(mon(day)?|понедельник\p{L}*|월요일)$/iu, 1],
  [/^(tue(s(day)?)?|вторник\p{L}*|화요일)$/iu, 2],
  [/^(wed(nesday)?|сред\p{L}*|수요일)$/iu, 3],
  [/^(thu(rs(day)?)?|четверг\p{L}*|목요일)$/iu, 4],
  [/^(fri(day)?|пятниц\p{L}*|금요일)$/iu, 5],
  [/^(sat(urday)?|суббот\p{L}*|토요일)$/iu, 6],
];

/** "by Tuesday", "до пятницы" written on a given day: the first such weekday after it. */
export function nextWeekday(word: string, written: Date): string | undefined {
  const weekday = WEEKDAY_NUMBERS.find(([p]) => p.test(word))?.[1];
  if (weekday === undefined) return undefined;
  const ahead = (weekday - written.getUTCDay() + 7) % 7 || 7;
  return new Date(written.getTime() + ahead * 86_400_000).toISOString().slice(0, 10);
}

/** A due date as written: "due 2026-09-18", "до 20 февраля", "by Tuesday", "к 27 февраля", "сегодня". */
export function readDue(text: string, context: DateContext): string | undefined {
  // "~12/10" is "by 12/10" in a Korean or Japanese list.
  const marked = /(?<![\p{L}])(?:due|by|until|before|deadline|до|к|срок|не позже|~(?=\s*\d))\s*[:：]?\s*([^,;()]{1,30})/iu.exec(text) ?? /([^,;()\s][^,;()]{0,29}?)\s*까지/u.exec(text);
  const candidates = marked ? [marked[1]!, text] : [text];
  for (const piece of candidates) {
    const date = findDates(piece, context.year)[0];
    if (date) return date.date;
  }
  // "by 9/30", "9/30까지": a month and day with a slash, only where a due date is said (24/7 is no day).
  const slashed = marked && /^\s*(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(marked[1]!);
  if (slashed && context.year) {
    const [a, b] = [Number(slashed[1]), Number(slashed[2])];
    const [month, day] = a <= 12 ? [a, b] : [b, a];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return `${context.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  if (marked && context.written) {
    const word = marked[1]!.trim().split(/\s+/)[0]!;
    const weekday = nextWeekday(word, context.written);
    if (weekday) return weekday;
  }
  if (context.written && /(?<![\p{L}])(сегодня|today|오늘)(?![\p{L}])/iu.test(text)) return context.written.toISOString().slice(0, 10);
  if (context.written && /(?<![\p{L}])(завтра|tomorrow|내일)(?![\p{L}])/iu.test(text)) return new Date(context.written.getTime() + 86_400_000).toISOString().slice(0, 10);
  return undefined;
}

/** A short phrase that names a person or team: "Jonas Brandt", "Белова К.", "chen", "подрядчик". */
function looksLikeOwner(text: string): boolean {
  const t = text.trim().replace(/^@/, '');
  if (!t || t.length > 40 || /\d/.test(t) || /[:=/`]/.test(t)) return false;
  if (readTaskStatus(t) || /^(?:see|см\.|дата|date|срок|tbd|n\/a|—|-)/iu.test(t)) return false;
  return t.split(/\s+/).length <= 3;
}

const SELF = /^(me|i|я|мной|сам|сама|나|제가)$/iu;

function ownerName(text: string, context: DateContext): string {
  const name = withoutClosingStop(text.trim());
  return SELF.test(name) && context.author ? context.author : name;
}

/** A Russian verb in the first person future that promises a task: «добавлю», «поставлю», «перенесу». */
const FIRST_PERSON_VERB = String.raw`(?:я\s+)?(?:сделаю|добавлю|заведу|напишу|поправлю|исправлю|настрою|допишу|починю|вынесу|переделаю|проверю|обновлю|подготовлю|оформлю|поставлю|перенесу|подниму|уберу|удалю|отключу|включу|закрою|разберу|опишу|распишу|перепишу|выкачу|допилю|заменю|увеличу|уменьшу)(?![\p{L}])`;
/**
 * A sentence that opens with such a verb, or has it after a word or two: Russian often puts the
 * object or the day first («индекс добавлю сегодня», «завтра поставлю алерт»).
 */
export const FIRST_PERSON_PROMISE = new RegExp(String.raw`^(?:[\p{L}\d_-]+\s+){0,2}?${FIRST_PERSON_VERB}`, 'iu');

/** "Owner:", "담당:", and an incident tool's "assigned to" / "owned by", which need no colon. */
const OWNER_SAID = String.raw`(?:(?:owner|owners|assignee|ответственн\p{L}*|исполнитель|담당(?:자)?)\s*[:：]|(?:assigned to|owned by|назначен[оа]? на|отв\.)(?=\s))\s*`;
const OWNER_LABEL = new RegExp(`^${OWNER_SAID}`, 'iu');

/**
 * The dash-separated tail of a follow-up that says who, when and where it is tracked: the longest
 * run of " — piece" at the end whose first piece names one owner and whose other pieces are a
 * ticket, a due date or a status. An action's own dash ("Fix retries — they loop forever") is
 * left in it: a second name-like piece makes the run no tail.
 */
function ownerTail(action: string, context: DateContext): { index: number; pieces: string[] } | undefined {
  // A hyphen between spaces is a chat's dash ("alert on crashloops - Sam"), taken before a name only.
  const dashes = [...action.matchAll(/\s+[—–]\s+|\s+-\s+(?=(?:@[\w.-]+|\p{Lu}[\p{L}.'-]*(?:\s\p{Lu}[\p{L}.'-]*){0,2}|me|я)\s*[.;]?\s*$)/gu)];
  // "до пятницы" with no day to count from is still a due date, not a name.
  const said = (p: string) => Boolean(TICKET.test(p) || readDue(p, context) || readTaskStatus(p) || /^(?:see|см\.)|дата не назначена|no date|tbd|^(?:due|by|until|before|до|к|срок)[:：]?\s/iu.test(p));
  // "— Owner: Ravi — Due: Nov 19": a piece may carry its label.
  const named = (p: string) => looksLikeOwner(p.replace(OWNER_LABEL, ''));
  let found: { index: number; pieces: string[] } | undefined;
  for (let i = dashes.length - 1; i >= 0 && dashes.length - i <= 3; i--) {
    const dash = dashes[i]!;
    const pieces = action
      .slice(dash.index + dash[0].length)
      .replace(/[.;]\s*$/, '')
      .split(/\s+[—–]\s+|\s*,\s*/u)
      .filter(Boolean);
    const owners = pieces.filter((p) => !said(p) && named(p));
    if (pieces.join('').length > 80 || !named(pieces[0]!) || said(pieces[0]!) || owners.length !== 1 || !pieces.every((p) => said(p) || named(p))) continue;
    found = { index: dash.index, pieces };
  }
  return found;
}

/** Reads the metadata of one follow-up from its words. */
/**
 * Follow-ups written inside a comment or a log line rather than under a heading: "Lena Vogt
 * (2026-10-21 12:30): Follow-up WH-88 — exponential backoff …", "AI: …". The time on the line is
 * when it was written, so the line is no timeline event either.
 */
export const FOLLOW_UP_SAID = /^(?:.{1,60}?:\s+)?(?:follow-?up|action items?|action|todo|задача|действие|후속 조치|할 일)\s*(?<ticket>[A-Z][A-Z0-9]+-\d+)?\s*[:—–-]\s*(?<text>\S.{3,})$/iu;

export function readFollowUp(text: string, cites: Citation[], context: DateContext, checked?: boolean): FollowUp {
  let action = text.trim();
  let owner: string | undefined;
  let due: string | undefined;
  // A follow-up is something still to do unless the note marks it done.
  let status: FollowUp['status'] = checked === true ? 'done' : 'open';
  let statusSaid = checked !== undefined;
  let ticket = readTicket(action);
  // "✅ Reverted …": a list of what was done marks each item with a check.
  // Word and Docs write a to-do's box as a character: ☒ / ☑ done, ☐ open.
  const ticked = /^(?:✅|☑️?|✔️?|☒|✓)\s*/u.exec(action);
  if (ticked) {
    action = action.slice(ticked[0].length);
    status = 'done';
    statusSaid = true;
  }
  const unticked = /^(?:☐|⬜|🔲)\s*/u.exec(action);
  if (unticked) {
    action = action.slice(unticked[0].length);
    statusSaid = true;
  }
  const take = (piece: string): boolean => {
    const p = piece.trim();
    if (!p) return true;
    const labelled = OWNER_LABEL.exec(p);
    if (labelled && p.length > labelled[0].length) {
      owner = ownerName(p.slice(labelled[0].length), context);
      return true;
    }
    const pieceStatus = readTaskStatus(p);
    const pieceDue = readDue(p, context);
    if (pieceDue || /дата не назначена|no date|tbd/iu.test(p)) due = pieceDue ?? due;
    if (pieceStatus) {
      status = pieceStatus;
      statusSaid = true;
    }
    // "(#4421)": an issue of the repository the note lives in.
    if (!ticket && /^#\d{1,6}$/.test(p)) {
      ticket = p;
      return true;
    }
    if (pieceDue || pieceStatus || TICKET.test(p) || /^(?:see|см\.)/iu.test(p) || /дата не назначена|no date|tbd/iu.test(p)) return true;
    if (!owner && looksLikeOwner(p)) {
      owner = ownerName(p, context);
      return true;
    }
    return false;
  };
  // "… block PRs. Owner: @lucasheriques": the owner said as the item's last sentence.
  const ownerSaid = new RegExp(String.raw`(?:^|[.;,]\s+|\s[—–-]\s+)${OWNER_SAID}([^.;,()]{1,40}?)\s*[.;]?\s*$`, 'iu').exec(action);
  if (ownerSaid && looksLikeOwner(ownerSaid[1]!)) {
    owner = ownerName(ownerSaid[1]!, context);
    action = action.slice(0, ownerSaid.index + (/^[.;,]/.test(ownerSaid[0]) ? 1 : 0)).trim();
  }
  // "(owner: Farah Haddad, done)", "(Олег, до 2026-05-08)", "(PLAT-3302, done just now)"
  const parenthetical = /\s*\(([^()]{2,80})\)\s*[.;]?\s*$/u.exec(action);
  if (parenthetical) {
    const pieces = parenthetical[1]!.split(/\s*,\s*/);
    const known = pieces.map(take);
    if (known.every(Boolean) || owner || statusSaid) action = action.slice(0, parenthetical.index).trim();
  }
  // "… — Jonas Brandt, ECOM-1550, due 2026-09-18."; "… — artem, сегодня"; "… — Sora Kim — SRCH-77"
  const tail = ownerTail(action, context);
  if (tail && !owner) {
    for (const piece of tail.pieces) take(piece);
    action = action.slice(0, tail.index).trim();
  }
  // "…, I'll take it", "… — беру на себя", "… — я сделаю до пятницы": whoever wrote the message takes it.
  const selfTaken = /[\s,;.—–-]+(?:I'?ll (?:take|own|do|handle) (?:it|this|that)|on me|на мне|(?:я\s+)?(?:беру(?: на себя)?|возьму(?: на себя)?|сделаю|займусь)|제가 (?:할게요|하겠습니다|맡을게요))((?:\s+(?:(?:by|until|before|до|к)\s+[^.;,]{1,30}|tomorrow|today|tonight|this week|next week|завтра|сегодня|на этой неделе|내일|오늘))?)[.!]?\s*$/iu.exec(action);
  if (!owner && selfTaken && context.author) {
    owner = context.author;
    if (!due && selfTaken[1]) due = readDue(selfTaken[1].trim(), context);
    action = action.slice(0, selfTaken.index).trim();
  }
  // "…, Илья сделает до пятницы", "…, Tom will do it by Friday": who takes it, named after it.
  const namedTaker = /,\s+([\p{Lu}][\p{Ll}]{2,20})\s+(?:сделает|возьм[её]т|займ[её]тся|will (?:do|take|handle|own) (?:it|that|this))((?:\s+(?:до|к|by|until|before)\s+[^.;,]{1,30})?)[.!]?\s*$/u.exec(action);
  if (!owner && namedTaker) {
    owner = namedTaker[1];
    if (!due && namedTaker[2]) due = readDue(namedTaker[2].trim(), context);
    action = action.slice(0, namedTaker.index).trim();
  }
  // Korean says it in the verb's ending: "알림 추가할게요" (I will add the alert).
  // The ending is the promise, not the task, whether or not the note says whose it is.
  const willDo = /\s*(?:할게요|할께요|하겠습니다|해둘게요|해 둘게요)[.!]?\s*$/u.exec(action);
  if (willDo && (owner || context.author || action.slice(0, willDo.index).trim().length >= 4)) {
    owner ??= context.author;
    // "커넥션 풀 설정 검증 테스트는 제가 추가할게요": the topic, then who: the task is "… 테스트 추가".
    action = action.slice(0, willDo.index).trim().replace(/^제가\s+/u, '').replace(/(?:은|는)\s+제가\s+/u, ' ');
  }
  // "I'll add …", "제가 … 추가하겠습니다": the writer as the subject; "유나 씨는 …": the one addressed.
  const selfLead = /^(?:I'?ll|I will|제가)\s+/iu.exec(action) ?? /^я\s+(?=\p{L}+[юу](?![\p{L}]))/iu.exec(action);
  if (!owner && selfLead && context.author) {
    owner = context.author;
    action = action.slice(selfLead[0].length);
  }
  // «Сделаю до пятницы …», «добавлю алерт …»: a verb in the first person is the writer's promise.
  if (!owner && FIRST_PERSON_PROMISE.test(action) && context.author) owner = context.author;
  // "@lwu add a policy test …": a task list item assigned by its leading mention.
  const mentioned = /^@([\w.-]{2,39})\s+(?=\p{L})/u.exec(action);
  if (!owner && mentioned) {
    owner = mentioned[1];
    action = action.slice(mentioned[0].length);
  }
  // "커넥션 풀 알림은 서연 님이 부탁드려요": asked of someone by name, after what.
  const askedOf = /\s+([가-힣]{2,4})\s?(?:씨|님)(?:이|가|께서|께)?\s+(?:부탁드려요|부탁드립니다|부탁합니다|부탁해요|맡아\s?주세요|해\s?주세요)[.!]?\s*$/u.exec(action);
  if (!owner && askedOf) {
    owner = askedOf[1];
    action = action.slice(0, askedOf.index).replace(/(?:은|는)$/u, '');
  }
  const addressed = /^([가-힣]{2,4})\s?(?:씨|님)(?:는|은|가|이)?\s+/u.exec(action);
  if (!owner && addressed) {
    owner = addressed[1];
    action = action.slice(addressed[0].length);
  }
  // "chen: DNS load test …" (a name and a colon), "Тимур вернёт мониторинг …" (a name and a verb).
  const named = /^([\p{L}][\p{L}.'-]{1,24}):\s+(.+)$/u.exec(action);
  if (!owner && named && looksLikeOwner(named[1]!) && !/^(todo|note|action|задача|итого)$/iu.test(named[1]!)) {
    owner = ownerName(named[1]!, context);
    action = named[2]!;
  }
  // "Тимур вернёт …", "Sam will …", "Li adds a config test …": a name, then its verb.
  const subject = /^([\p{Lu}][\p{Ll}]{2,20})\s+(?=(?:\p{Ll}+(?:ет|ит|ёт|ут|ют|ят|ат)|will|to|is going to)\s)|^([\p{Lu}][\p{Ll}]{1,20})\s+(?=(?:adds|writes|fixes|updates|moves|owns|checks|reviews|files|creates|sets up|looks into|investigates|drafts|documents|removes|migrates|tests)\s)/u.exec(action);
  if (!owner && subject) owner = subject[1] ?? subject[2];
  // "… — до пятницы", "… - by Friday": a day after a dash is when, no part of what.
  const dueTail = /\s+[—–-]\s+((?:(?:due|by|until|before|до|к|срок)[:：]?\s|\d|tomorrow|today|this week|next week|завтра|сегодня|на этой неделе|на следующей неделе)[^—–]{0,30}?)[.;]?\s*$/iu.exec(action);
  const tailDue = dueTail ? readDue(dueTail[1]!, context) : undefined;
  if (tailDue) {
    due ??= tailDue;
    action = action.slice(0, dueTail!.index);
  }
  if (!due) due = readDue(action, context);
  return {
    action: clean(action.replace(/[;.]\s*$/, '')) || clean(text),
    ...(owner && { owner }),
    ...(due && { due }),
    ...(ticket && { ticket }),
    status,
    cite: cites,
  };
}

type Role = 'action' | 'owner' | 'due' | 'ticket' | 'status' | 'ignore';

/** What a column of an action-items table holds, from its header. */
function columnRole(header: string): Role | undefined {
  const h = header.trim().toLowerCase();
  if (/^(#|№|n|no\.?|type|тип|priority|приоритет|우선순위|유형)$/u.test(h)) return 'ignore';
  if (/status|статус|состояние|상태|state|done/u.test(h)) return 'status';
  if (/owner|ответствен|исполнител|담당|assignee|who|кто/u.test(h)) return 'owner';
  if (/due|срок|기한|deadline|until|дата|date|eta/u.test(h)) return 'due';
  if (/ticket|bug|issue|тикет|jira|link|ссылка|^id$|번호|티켓/u.test(h)) return 'ticket';
  if (/action|задач|мероприяти|항목|task|what|описани|действи|item|조치|내용/u.test(h)) return 'action';
  return undefined;
}

/** Follow-ups from an action-items table. */
export function followUpsFromTable(section: Section, table: Table, context: DateContext): FollowUp[] {
  const header = table.children[0]!.children.map((c) => toString(c));
  const roles = header.map(columnRole);
  if (!roles.includes('action')) {
    // Without a named action column, the widest text column is the action.
    const widths = header.map((_, i) => table.children.slice(1).reduce((n, row) => n + toString(row.children[i] ?? { type: 'text', value: '' }).length, 0));
    const widest = widths.indexOf(Math.max(...widths.filter((_, i) => !roles[i])));
    if (widest >= 0) roles[widest] = 'action';
  }
  return table.children.slice(1).flatMap((row): FollowUp[] => {
    const cells = row.children.map((c) => clean(toString(c)));
    const get = (role: Role) => cells[roles.indexOf(role)] ?? '';
    const action = get('action');
    if (!action) return [];
    const item = readFollowUp(action, cite(section, row.position!.start.line), context);
    const owner = get('owner');
    const due = get('due');
    const ticketCell = get('ticket');
    const statusCell = get('status');
    const ticket = readTicket(ticketCell) ?? readTicket(action);
    const status = readTaskStatus(statusCell) ?? readTaskStatus(ticketCell) ?? item.status;
    return [
      {
        action: item.action,
        ...(owner && looksLikeOwner(owner) ? { owner } : item.owner ? { owner: item.owner } : {}),
        ...(readDue(due, context) ? { due: readDue(due, context) } : item.due ? { due: item.due } : {}),
        ...(ticket && { ticket }),
        status: status ?? 'unknown',
        cite: item.cite,
      },
    ];
  });
}

/** Follow-ups of a slot, from its tables, else its items. */
export function followUpsOf(content: SlotContent, context: DateContext): FollowUp[] {
  const section = content.section;
  const fromTables = content.nodes.filter((n): n is Table => n.type === 'table').flatMap((t) => followUpsFromTable(section, t, context));
  // A section may hold both ("### Completed" as a list, "### In Progress" as a table): each in its place.
  if (fromTables.length > 0) {
    const listed = followUpsOfList(content, context);
    return [...listed, ...fromTables].sort((a, b) => firstCitedLine(a) - firstCitedLine(b));
  }
  return followUpsOfList(content, context);
}

const firstCitedLine = (item: FollowUp) => (item.cite[0] as { lines?: [number, number] } | undefined)?.lines?.[0] ?? 0;

function followUpsOfList(content: SlotContent, context: DateContext): FollowUp[] {
  const section = content.section;
  const found: FollowUp[] = [];
  for (const item of itemsOf(content)) {
    // The raw lines keep a link's address ("[PR](https://github.com/…/pull/2428)"): the ticket.
    const raw = section.lines.filter((l) => l.number >= item.from && l.number <= item.to).map((l) => l.text).join(' ');
    const previous = found[found.length - 1];
    // An item that is only a link or a ticket key, under another, is where that one is tracked.
    if (previous && /^(?:https?:\/\/\S+|[A-Z][A-Z0-9]{1,9}-\d{1,6})$/.test(item.text.trim())) {
      previous.ticket ??= readTicket(item.text) ?? item.text.trim();
      previous.cite = [...previous.cite, ...cite(section, item.from, item.to)];
      continue;
    }
    const followUp = readFollowUp(item.text, cite(section, item.from, item.to), context, item.checked);
    // "… communication. Owner: @lucasheriques" on the item's line is a label of its own in the outline.
    const ownerLabel = section.parts.find((p) => p.slot === 'owner' && p.form === 'label' && p.line >= item.from && p.line <= item.to && p.value);
    const labelledOwner = ownerLabel?.value.replace(/[.;]$/, '').trim();
    if (!followUp.owner && labelledOwner && looksLikeOwner(labelledOwner)) followUp.owner = labelledOwner;
    if (!followUp.ticket) {
      const linked = readTicket(raw);
      // "… fallback when undefined. [PR]": the link's label goes with its address.
      if (linked) Object.assign(followUp, { ticket: linked, action: followUp.action.replace(/[\s.]*\[?\[?(?:PR|MR|pull request|issue|ticket|link)\]?\]?\s*$/i, '') || followUp.action });
    }
    // Under "### Immediate Actions (Completed)", «Сделано», "완료": an item not marked otherwise is done.
    const heading = [...content.lines].reverse().find((l) => l.number < item.from && /^\s*#{1,6}\s/.test(l.text));
    if (heading && followUp.status === 'open' && item.checked === undefined && DONE_HEADING.test(heading.text) && !/(?<![\p{L}])(?:planned|in[ -]progress|todo|to do|open)(?![\p{L}])/iu.test(heading.text)) followUp.status = 'done';
    found.push(followUp);
  }
  return found;
}

const DONE_HEADING = /(?<![\p{L}])(?:completed|done|finished|already (?:taken|done)|выполнен\p{L}*|сделан\p{L}*|сделали|готово)(?![\p{L}])|완료/iu;
