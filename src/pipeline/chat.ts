/**
 * Chat exports and chats pasted as text, one message per line that carries its time and author:
 * - time first: `[2026-07-03 09:14] alice: …`, `[03.07.2026 09:14:22] Alice: …`,
 *   `03.07.2026, 09:14 - Alice: …` (WhatsApp), `2026년 4월 2일 오후 2:07, 김민수 : …` and
 *   `2026. 4. 2. 오후 2:07, 김민수 : …` (KakaoTalk on Android and iOS);
 * - time, then the nick in angle brackets: `[14:02] <dmitri> …`, `14:02 <@kate> …` (IRC logs),
 *   `[2026-12-01 21:02:11] <@oleg:matrix.example.org> …` (a Matrix export: the person before the server);
 * - Zoom's saved chat: `10:02:15 From Dana Lee to Everyone:` over the message, or on its line;
 * - author first: `[김민수] [오후 2:07] …` (KakaoTalk on a computer);
 * - a header line of author and time, the text on the lines below it: `Сергей Волков, [12.05.2026 09:14]`
 *   (Telegram Desktop), `Anna Petrova  10:42 AM` and `Иван Петров  10:42` (Slack), `Anna Petrova, 10:42 AM`
 *   (Google Chat), `anna — 05/12/2026 9:14 AM` and `Sam — Today at 10:02 AM` (Discord),
 *   `[9:14 AM] Anna Petrova` (Teams), `Dana Lee added a comment - 01/Dec/26 7:02 AM` (Jira's comments).
 * Lines that do not start a message continue the one before (a pasted list, a multi-line note);
 * a line that is only a day (`--- 2026년 4월 2일 목요일 ---`) dates the messages after it.
 */
import { findDates } from './extract/values.ts';

export interface ChatMessage {
  /** First and last source line of the message (1-based). */
  line: number;
  endLine: number;
  /** The line its text starts on: the first line, or the one below a header line. */
  textLine: number;
  /** ISO date of the message, when the export writes one. */
  date?: string;
  /** The line that writes that date: the message's own, or the day line above it. */
  dateLine?: number;
  /** 24-hour `HH:MM`. */
  time: string;
  author: string;
  /** The message text on its first line of text, after the author. */
  text: string;
  /** Column where the text starts on that line. */
  textColumn: number;
}

// "28-Nov-26": DiscordChatExporter's day, with a two-digit year.
const DATE = String.raw`\d{4}-\d{2}-\d{2}|\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}년\s*\d{1,2}월\s*\d{1,2}일|\d{1,2}[-/](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[-/]\d{2,4}`;
/** A clock time, 24-hour or with a.m./p.m. after it (`2:07 PM`) or, in Korean, before it (`오후 2:07`). */
const CLOCK = String.raw`(?<meridiemBefore>오전|오후)?\s*(?<clock>\d{1,2}:\d{2})(?::\d{2})?(?:\s*(?<meridiem>[AaPp])\.?[Mm]\.?(?![\p{L}]))?`;
const AUTHOR = String.raw`(?<author>[^\s:\][][^:\][]{0,38}?)`;
const DAY = String.raw`(?:(?<date>${DATE})[ ,T]+)?`;

/**
 * How a channel says the trouble is over, beyond "resolved"/"mitigated": "back to normal", "p99
 * back to 180ms", "running again", "502s gone", «ошибки ушли», «база поднялась». Its classifier
 * (an incident channel) and its extractor (the status) read the same words.
 */
export const SAID_OVER = String.raw`back to (?:normal|baseline|green|\d)|(?:running|working|green|passing|succeeding) again|(?:errors|5\d\ds|5xxs?|alerts?) (?:are )?gone|all clear|снова работает|(?:вс[её]|все) работает|(?:снова|опять) (?:открывается|грузится)|everything works|works again|заработал\p{L}*|(?:ошибки|алерты|5\d\d(?:-?ки|-е)?|5[xх]{2}|пятисотки) (?:ушли|пропали)|(?:ошибок|ошибки|5\d\d(?:-?ок|-х)?|5[xх]{2}|пятисот\p{L}*|таймаут\p{L}*|алерт\p{L}*) больше нет|no more (?:errors|5\d\ds|5xxs?|timeouts|alerts)|поднял(?:ась|ся|ись|ось)|восстановил(?:ась|ся|ись)|работает штатно|(?:выдача|поиск|оплата|оплаты|платежи|заказы|письма|уведомления|вход|сайт|кабинет|сервис|загрузка|загрузки)\s+(?:вернул\p{L}*|заработал\p{L}*|ожил\p{L}*|восстановил\p{L}*|пошл[аои])|(?:incident|инцидент) (?:is )?(?:closed|закрыт)|clos(?:e|ing) (?:the )?incident|закрыва\p{L}* инцидент|(?:is|are) back (?:up|online)|back online|up again|(?:results|site|service|search|checkout|login|everything|latency|response times?) (?:is|are) back|(?:p\d\d|latency|errors?|error rate) (?:is |are )?back (?:under|below|to|within)|(?:p\d\d|латенси|задержк\p{L}*|время ответа|ошибки) вернул\p{L}* (?:к|в|на) |(?<=, )(?:\p{L}+ ){0,2}(?:открывается|работает|грузится)(?=[.!]?$)|rollback (?:is )?(?:complete|completed|done|finished)|(?:очередь|очереди|бэклог) (?:разобран\p{L}*|рассосал\p{L}*|опустел\p{L}*)|(?:queue|backlog) (?:is |has )?(?:drained|cleared|emptied|caught up)|(?:письма|сообщения|уведомления) (?:снова )?(?:уходят|ушли)|откат (?:завершён|завершен|закончен|готов)`;

/** The same in Korean, which glues its endings on (복구됐어요, 에러가 없어졌어요): no word boundaries. */
export const SAID_OVER_KO = String.raw`정상화|복구\s?(?:됐|되었|완료|했)|해결\s?(?:됐|되었|완료|했)|(?:에러|오류|장애)(?:가|는)?\s?(?:없어졌|사라졌|멈췄)|(?:장애|상황)\s?종료|(?:롤백|원복)\s?(?:완료|했|됐|되었)|돌아왔`;

/** Lines that start a message with its text on them. */
const MESSAGES = [
  // Zoom's saved chat on one line: "10:02:15 From Dana Lee to Everyone: …".
  new RegExp(String.raw`^\s*${CLOCK}\s+From\s+(?<author>[^:\n]{1,40}?)\s+to\s+(?:Everyone|[^:\n]{1,40}?)(?:\s*\([^)]*\))?\s*:\s+(?<text>\S.*)$`, 'u'),
  // IRC logs (irssi, WeeChat, ZNC): the nick in angle brackets, with its channel mode (@op, +voice).
  new RegExp(String.raw`^\s*\[?\s*${DAY}${CLOCK}\s*\]?\s*<[@+%~&]?(?<author>[^>\s]{1,38})>\s(?<text>.*)$`, 'u'),
  new RegExp(String.raw`^\s*\[?\s*${DAY}${CLOCK}\s*\]?\s*(?:[-–—,]\s*)?${AUTHOR}\s*:\s(?<text>.*)$`, 'u'),
  new RegExp(String.raw`^\s*\[${AUTHOR}\]\s*\[${DAY}${CLOCK}\]\s?(?<text>.*)$`, 'u'),
];
/** A person's name as chat clients print it: two or three capitalised words, a handle with a dot or underscore or an @ (Mattermost's copy), a Korean name. */
const PERSON = String.raw`\p{Lu}[\p{Ll}'-]+(?:\s\p{Lu}[\p{Ll}'.-]*){1,2}|[\p{Ll}\d]+[._][\p{Ll}\d_.]+|@[\p{L}\d][\p{L}\d_.-]{1,30}|[가-힣]{2,4}`;
/** Header lines: author and time only. The author starts with a letter, so a list item ("- rollback — 14:47") is none. */
const NAME = String.raw`(?<author>[\p{L}\p{N}@_][^:\][,]{0,38}?)`;
const HEADERS = [
  // Zoom's saved chat: "10:02:15 From Dana Lee to Everyone:" over the message, indented.
  new RegExp(String.raw`^\s*${CLOCK}\s+From\s+(?<author>[^:\n]{1,40}?)\s+to\s+(?:Everyone|[^:\n]{1,40}?)(?:\s*\([^)]*\))?\s*:\s*$`, 'u'),
  // Jira's comments copied from an issue: "Dana Lee added a comment - 01/Dec/26 7:02 AM".
  new RegExp(String.raw`^\s*${NAME}\s+added a comment\s+[—–-]\s+(?<date>${DATE})\s+${CLOCK}\s*$`, 'u'),
  new RegExp(String.raw`^\s*${NAME},\s*\[${DAY}${CLOCK}\]\s*$`, 'u'),
  // Discord's copy writes the day, or "Today at" / "Yesterday at"; "Rollback — 14:47" in a timeline does neither.
  new RegExp(String.raw`^\s*${NAME}\s+[—–-]\s+(?:(?<date>${DATE})[ ,]+|(?:Today|Yesterday|Сегодня|Вчера|오늘|어제)(?:\s+at|\s+в|,)?\s+)${CLOCK}\s*$`, 'u'),
  // Teams' copy: the time in brackets, then the name.
  new RegExp(String.raw`^\s*\[${DAY}${CLOCK}\]\s+${NAME}\s*$`, 'u'),
  // Slack's copy: a name and a 12-hour time, nothing else; in Korean the half of the day goes first ("김민수  오후 2:03").
  new RegExp(String.raw`^\s*${NAME}\s+(?<clock>\d{1,2}:\d{2})\s*(?<meridiem>[AaPp])\.?[Mm]\.?\s*$`, 'u'),
  new RegExp(String.raw`^\s*${NAME}\s+(?<meridiemBefore>오전|오후)\s*(?<clock>\d{1,2}:\d{2})\s*$`, 'u'),
  // Slack on a 24-hour clock ("Иван Петров  10:42") and Google Chat ("Anna Petrova, 10:42 AM"): only
  // a person's name will do, two or three capitalised words, a handle (anna.k) or a Korean name, so
  // "Rollback 10:50" in a timeline is none.
  new RegExp(String.raw`^\s*(?<author>${PERSON})\s+(?<clock>(?:[01]?\d|2[0-3]):[0-5]\d)\s*$`, 'u'),
  new RegExp(String.raw`^\s*(?<author>${PERSON}),\s*(?<clock>\d{1,2}:\d{2})(?:\s*(?<meridiem>[AaPp])\.?[Mm]\.?)?\s*$`, 'u'),
];

/** `HH:MM` on a 24-hour clock. */
function clock(hhmm: string, meridiem: string | undefined): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const pm = meridiem === '오후' || meridiem?.toLowerCase() === 'p';
  const am = meridiem === '오전' || meridiem?.toLowerCase() === 'a';
  const hours = pm && h < 12 ? h + 12 : am && h === 12 ? 0 : h;
  return `${String(hours).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export type MessageLine = Omit<ChatMessage, 'line' | 'endLine' | 'textLine' | 'dateLine'> & {
  header: boolean;
  /** A day written with slashes (`11/14/26`): month or day first is known only from the whole chat. */
  slashed?: [number, number, number];
};

const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

/** Reads one line as the start of a chat message, or not. A header line has no text of its own. */
export function readMessageLine(line: string): MessageLine | undefined {
  // Every form has a clock time.
  if (!/\d:\d\d/.test(line)) return undefined;
  let groups: Record<string, string | undefined> | undefined;
  let header = false;
  for (const form of MESSAGES) if ((groups = form.exec(line)?.groups)) break;
  if (!groups) for (const form of HEADERS) if ((groups = form.exec(line)?.groups)) break;
  if (!groups) return undefined;
  header = groups.text === undefined;
  // A Matrix id ("@oleg:matrix.example.org") names the person before its server.
  const author = groups.author!.trim().replace(/^@?([\p{L}\d._-]+):[\w.-]+\.[a-z]{2,}$/u, '$1');
  // "14:02 UTC — config push" is a timeline line, not a message: authors are names or handles.
  if (!author || /\s{2,}/.test(author) || author.split(/\s+/).length > 3 || /^(UTC|GMT|CET|CEST|МСК|MSK|KST|PST|EST)$/i.test(author)) return undefined;
  const slashed = groups.date?.match(SLASHED)?.slice(1).map(Number) as [number, number, number] | undefined;
  const date = groups.date && !slashed ? findDates(groups.date.replace(/^(\d{1,2})[-/]([A-Z][a-z]{2})[-/](\d{2})$/, '$1-$2-20$3'))[0]?.date : undefined;
  const text = groups.text ?? '';
  return { date, time: clock(groups.clock!, groups.meridiemBefore ?? groups.meridiem), author, text, textColumn: line.length - text.length, header, ...(slashed && { slashed }) };
}

/** The line a reply opens with, about the message it answers: Slack's "replied to a thread: …", Telegram's "[In reply to Anna]". */
const REPLY_MARK = /^\s*(?:replied to a thread:|\[(?:В ответ на|In reply to|Reply to|답장)\s[^\]]{1,60}\])/iu;

/** A line that is only a day, between rules or with its weekday: the day of the messages below it. */
function dayOf(line: string): string | undefined {
  const bare = line.replace(/^[\s\-=—–─_*#]+|[\s\-=—–─_*#]+$/g, '');
  if (!bare || bare.length > 40 || !/\d/.test(bare)) return undefined;
  const found = findDates(bare)[0];
  if (!found || found.index !== 0) return undefined;
  const rest = bare.slice(found.text.length).replace(/^[\s,.(]+|[\s,.)]+$/g, '');
  return rest === '' || /^\p{L}{2,12}$/u.test(rest) ? found.date : undefined;
}

/**
 * The messages of a text, or none when it is not a chat export: at least three message lines,
 * which with their continuation lines make up most of the text after the first one.
 */
const read = new WeakMap<string[], { firstLine: number; messages: ChatMessage[] }>();

export function chatMessages(lines: string[], firstLine = 1): ChatMessage[] {
  // Segmentation, the source's kind and the chat extractor all ask about the same lines.
  const known = read.get(lines);
  if (known && known.firstLine === firstLine) return known.messages;
  const messages = readMessages(lines, firstLine);
  read.set(lines, { firstLine, messages });
  return messages;
}

function readMessages(lines: string[], firstLine: number): ChatMessage[] {
  const messages: ChatMessage[] = [];
  let continuation = 0;
  let other = 0;
  let day: { date: string; line: number } | undefined;
  /** A header line's message: it takes every line below it up to the next message. */
  let underHeader: ChatMessage | undefined;
  const slashedDays = new Map<number, [number, number, number]>();
  for (let index = firstLine - 1; index < lines.length; index++) {
    const line = lines[index]!;
    const read = readMessageLine(line);
    if (read) {
      const { header, slashed, ...message } = read;
      if (slashed) slashedDays.set(messages.length, slashed);
      // The day carries over to messages of exports that write it once per day.
      if (message.date) day = { date: message.date, line: index + 1 };
      messages.push({ ...message, date: day?.date, ...(day && { dateLine: day.line }), line: index + 1, endLine: index + 1, textLine: index + 1 });
      underHeader = header ? messages[messages.length - 1] : undefined;
      continue;
    }
    if (!line.trim()) continue;
    const dayLine = dayOf(line);
    if (dayLine) {
      day = { date: dayLine, line: index + 1 };
      underHeader = undefined;
      continue;
    }
    const last = messages[messages.length - 1];
    if (underHeader) {
      // Slack's "replied to a thread: …" quotes the message replied to, Telegram's "[В ответ на Иван]" names it: the reply is below.
      if (!underHeader.text && !REPLY_MARK.test(line)) Object.assign(underHeader, { text: line.trim(), textColumn: line.length - line.trimStart().length, textLine: index + 1 });
      underHeader.endLine = index + 1;
      continuation++;
    } else if (last && last.endLine === index && (/^\s+\S/.test(line) || /^\s*[-*•]\s/.test(line))) {
      // A continuation is indented or a list item, and follows its message without a blank line.
      last.endLine = index + 1;
      continuation++;
    } else if (messages.length > 0) other++;
  }
  if (messages.length < 3 || other > (messages.length + continuation) / 2) return [];
  if (slashedDays.size > 0) dateSlashedDays(messages, slashedDays);
  return messages;
}

/**
 * WhatsApp writes the day as the phone's locale does: 11/14/26 in the US, 14/11/26 in Europe. One
 * day above 12 anywhere in the chat tells the order for all; without one the days stay undated.
 */
function dateSlashedDays(messages: ChatMessage[], slashed: Map<number, [number, number, number]>): void {
  const days = [...slashed.values()];
  const monthFirst = days.some(([a, b]) => b > 12 && a <= 12);
  const dayFirst = days.some(([a, b]) => a > 12 && b <= 12);
  if (monthFirst === dayFirst) return;
  messages.forEach((message, index) => {
    const parts = slashed.get(index);
    if (!parts) return;
    const [a, b, year] = parts;
    const [month, dayOfMonth] = monthFirst ? [a, b] : [b, a];
    const date = findDates(`${year < 100 ? 2000 + year : year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`)[0]?.date;
    if (date) Object.assign(message, { date, dateLine: message.line });
  });
}
