/**
 * An incident told in chat messages (Slack, Mattermost, Telegram exports). Messages are a form of
 * their own: their timestamps are the timeline, the first report is the detection, states
 * announced in the channel ("marking mitigated", "status resolved") are the status, and the
 * summary someone posts for the postmortem ("root cause: …", "action items: 1) … 2) …") gives
 * the fields. Speakers are people, not entities of the system.
 */
import type { AdrInput, Citation, CitedText, IncidentInput } from '../../schemas/index.ts';
import { chatMessages, SAID_OVER, SAID_OVER_KO, type ChatMessage } from '../chat.ts';
import { FIRST_PERSON_PROMISE, FOLLOW_UP_SAID, readFollowUp, type FollowUp } from './items.ts';
import { givesTime, widen } from './evidence.ts';
import { findLinks } from './links.ts';
import { cite, clean, shorten, type Section } from './section.ts';
import { plainLine, slotContents, slotField } from './slots.ts';
import type { TimelineEntry } from './timeline.ts';
import { findDuration, findTimes, readSeverity, ZONE } from './values.ts';

type Base = Pick<IncidentInput, 'title' | 'language' | 'sources' | 'entities' | 'generated'>;

/** Messages that carry an event: a failure, an action, a state; not acknowledgements or small talk. */
const EVENT = /(?<![\p{L}])(?:errors?|ошибок|пуст\p{L}*|нашёл|нашел|нашла|нашли|переключил\p{L}*|подтвержда\p{L}*|confirm(?:ed|ing)?|не проход\p{L}*|перевыпуст\p{L}*|4\d\ds|40[0-9]|timed out|regenerat\p{L}*|re-?run\p{L}*|re-?ran|expired|ист[её]к\p{L}*|не отвечает|не отвечают|кончил\p{L}*|закончил\p{L}*|исчерпа\p{L}*|exhaust\p{L}*|перезапуск\p{L}*|error rate|5\d\ds?|5[xх]{2}s?|fail\p{L}*|down|OOM\p{L}*|crash\p{L}*|CrashLoop\p{L}*|declar\p{L}*|incident|sev-?\d|revert\p{L}*|roll(?:ed|ing)? ?back|rollback|deploy\p{L}*|merged|bump\p{L}*|restart\p{L}*|перезапуст\p{L}*|рестарт\p{L}*|лимит\p{L}*|reload\p{L}*|renew\p{L}*|restor\p{L}*|expir\p{L}*|disabl\p{L}*|scal\p{L}*|fix\p{L}*|mitigat\p{L}*|resolv\p{L}*|baseline|back to|limit|running|ready|done|lock\p{L}*|migration|cancel\p{L}*|timeout|latency|p\d\d|alert\p{L}*|снизил\p{L}*|понизил\p{L}*|lowered|(?:отвечает|отвечают|returns?|returning|responds? with)\s+4\d\d|ротир\p{L}*|откат\p{L}*|выкат\p{L}*|лёг|легл\p{L}*|лежит|429|переполнен\p{L}*|останавлива\p{L}*|остановил\p{L}*|stopp\p{L}*|paus\p{L}*|деплой\p{L}*|релиз\p{L}*|миграц\p{L}*|объявля\p{L}*|инцидент\p{L}*|ошибк\p{L}*|починил\p{L}*|сделал|готово|ноль|статус|root cause|причин\p{L}*|start\p{L}*|began|начал\p{L}*|\d+\s*%)(?![\p{L}])/iu;
/** What people say they did to fix it: "rolled back", "reloaded nginx", "set replicas back to 2", «откатил», "롤백했습니다". */
const FIX_SAID = /(?<![\p{L}])(?:revert\p{L}*|rotated|regenerated|(?:generated|issued|created) a new|updated the (?:\S+ ){0,2}(?:secret|token|config|cert\p{L}*|key)|replaced the|roll(?:ed|ing)? ?back|rollback|bump\p{L}*|restart\p{L}*|pg_cancel_backend|cancel\p{L}*|reload\p{L}*|renew\p{L}*|restored|re-?ran|re-?run|(?:we|I|I'?ve|we'?ve) (?:have )?failed over|fail(?:ed|ing)? ?over to|switch\p{L}* (?:back|over)|scaled? (?:up|out)|set\s.{1,40}?\sback to|turn\p{L}* (?:it |the \S+ )?off|disabl\p{L}*|откат\p{L}*|перезапуст\p{L}*|перезапуск\p{L}*|останавлива\p{L}*|остановил\p{L}*|приостанов\p{L}*|stopped|paused|(?:поднима|поднял|увеличива)\p{L}* лимит\p{L}*|повысил\p{L}*|raised|снизил\p{L}*|понизил\p{L}*|lowered (?:the )?(?:rate|limit|concurrency|batch)|перезагрузил\p{L}*|переключил\p{L}*|продлил\p{L}*|отключил\p{L}*|сделал|kill\p{L}*|кильн\p{L}*|почистил\p{L}*|очистил\p{L}*|увеличил\p{L}*|расширил\p{L}*|cleaned up|cleared|freed|resized|expanded|(?:flipp|point|mov)\p{L}* (?:\S+ ){0,3}back|(?:deleted|removed|purged|dropped) (?:the )?(?:old|stale|expired|unused|orphan\p{L}*|temp\p{L}*)|удалил\p{L}* (?:старые|лишние|временные|ненужные))(?![\p{L}])/iu;
const FIX_SAID_KO = /롤백|재배포|재시작|되돌렸|원복/u;

const FIX_SAID_ALL = new RegExp(FIX_SAID.source, 'giu');

/** A message that says something was done to fix it; "никто не продлил", "nobody renewed it" say it was not. */
function saysFix(text: string): boolean {
  if (FIX_SAID_KO.test(text)) return true;
  // «причина в том, что провайдер снизил нам лимит»: what the cause's sentence tells was done to us, not by us.
  const cause = CAUSE_SAID.exec(text);
  return [...text.matchAll(FIX_SAID_ALL)].some((m) => !/(?<![\p{L}])(?:не|никто не|nobody|no one|didn'?t|did not|never|wasn'?t|weren'?t)\s+$/iu.test(text.slice(Math.max(0, m.index - 16), m.index)) && !(cause && cause.index < m.index && !/[.!?]\s/.test(text.slice(cause.index, m.index))));
}
/** Korean sticks particles and endings to its words (배포에서, 재배포했어요): its event words have no end boundary. */
const EVENT_KO = /장애|오류|에러|지연|느려|타임아웃|실패|배포|롤백|재시작|복구|정상화|원인|알림|사용률|급증|안\s?(?:돼|됐|되|된|나가|나갔|나오|나온|열려|열리)|\d+\s*%|(?:넘게|이상)\s?걸|응답\s?(?:없|안)|먹통/u;
const STATE = new RegExp(String.raw`(?<![\p{L}])(resolved|closed|mitigated|statu[ts] (?:changed to )?(?:resolved|mitigated)|восстановлено|восстановили|починили|${SAID_OVER})(?![\p{L}])|${SAID_OVER_KO}`, 'iu');
/** A state said ("всё работает", "back to baseline") is an event of the timeline too. */
/** A message that opens by reporting an alert: «алерт: очередь писем 40k», "ALERT: disk 95%". */
const ALERT_REPORT = /^\s*(?:алерт|аларм|alert|alarm|🚨|🔥)\p{L}*\s*[:!—–-]/iu;
const isEvent = (text: string) => EVENT.test(text) || EVENT_KO.test(text) || STATE.test(text) || ALERT_REPORT.test(text);

function messagesOf(section: Section): ChatMessage[] {
  const { parsed } = section.ctx;
  return chatMessages(parsed.lines, parsed.bodyStartLine).filter((m) => m.line >= section.candidate.startLine && m.line <= section.candidate.endLine);
}

function zoneOf(section: Section): string | undefined {
  for (const [from, to] of section.candidate.context) {
    for (let n = from; n <= to; n++) {
      const text = section.ctx.parsed.lines[n - 1] ?? '';
      const zone = /(?:times?(?: are| in)?|время)\s*(?:is\s*)?\(?([A-ZА-Я]{2,5}|UTC[+-]\d{1,2})\)?/iu.exec(text);
      if (zone && ZONE.test(zone[1]!)) return zone[1];
    }
  }
  return undefined;
}

/** A message's lines up to its first line of text: a header line's author and time, and what it says. */
function citeMessage(section: Section, message: ChatMessage): Citation[] {
  return cite(section, message.line, message.textLine);
}

function messageText(message: ChatMessage): string {
  // Leading emoji ("🚨", "✅"), Slack's emoji codes (":rotating_light:"), its "(edited)" mark and a mention of the whole
  // channel ("@here", "<!channel>") are no words of the message.
  return clean(plainLine(message.text).replace(/^(?:\p{Extended_Pictographic}|\uFE0F|\s)+/u, '').replace(/^(?:(?:@|<!)(?:here|channel|everyone|all)>?[\s,:]*)+/iu, '').replace(/(?<!\d):(?=[a-z0-9_+-]*[a-z])[a-z0-9_+-]{2,40}:(?!\d)/g, '').replace(/\s*\(edited\)\s*$/, ''));
}

/** Who an incident hurt, as a chat names them. */
const WHO_HURT = /(?<![\p{L}])(?:orders?|users?|customers?|requests?|everyone|everybody|заказ\p{L}*|пользовател\p{L}*|клиент\p{L}*)(?![\p{L}])/iu;
/** A span said in a message: "~20 min", «минут 15», "40분". */
const SPAN_SAID = /\d+\s*(?:min|mins|minutes?|h|hours?|мин\p{L}*|час\p{L}*|분|시간)(?![\p{L}])|(?<![\p{L}])(?:минут|час\p{L}*)\s+\d+/iu;

/** "…был недоступен у всех", "down for everyone": everyone was hurt, without saying who they are. */
const EVERYONE = /(?<![\p{L}])(?:у всех|для всех|for everyone|for everybody|for all users)(?![\p{L}])/iu;
const WHO_HURT_KO = /결제|주문|로그인|접속|사용자|고객|유저|요청/u;

/** The sentences of a message that match ("откатил, 5xx ушли. минут 15 не работал логин у всех" → the second); the message when none does. */
function sentencesWith(text: string, pattern: RegExp): string {
  // Chats write in lower case: a full stop and a space end a sentence whatever comes after.
  const matching = text.split(/(?<=[.!?…])\s+/u).filter((sentence) => pattern.test(sentence));
  return matching.length > 0 ? matching.join(' ') : text;
}

/** The channel the export is of: "#inc-2026-07-03-dns", "~backend-incidents". */
function channelOf(section: Section): { name: string; line: number } | undefined {
  for (const [from, to] of section.candidate.context) {
    for (let n = from; n <= to; n++) {
      const match = /(?:^|\s)([#~][\w.-]{2,60})/u.exec(section.ctx.parsed.lines[n - 1] ?? '');
      if (match) return { name: match[1]!, line: n };
    }
  }
  return undefined;
}

/** "…, смотрю", "… — looking into it", "…, 확인 중": the reporter saying they are on it, no part of what happened. */
const ON_IT = /[\s,;—–-]+(?:(?:я\s+)?(?:смотрю|гляну|посмотрю|разбираюсь|проверяю|копаю)|looking(?: into it)?|investigating|checking|on it|확인\s?중(?:입니다|이에요)?|확인해\s?볼게요|살펴볼게요|보고\s?있(?:어요|습니다))[.!…]*\s*$/iu;

const DECLARED_AS = /(?:^|\s)(?:incident\s+(?:[A-Z]+-?\d+\s+)?declared|declared (?:an? )?incident|new incident|объявлен инцидент|инцидент\s+(?:[A-Z]+-?\d+\s+)?объявлен|장애 선언)\s*[:：—–-]\s*(\S.{3,})$/iu;

/** Whom a message is addressed to, before what it says: «Коллеги, …», "Hi all, …", "team, …", "여러분, …". */
const ADDRESSED = /^\s*(?:коллеги|ребята|друзья|всем привет|привет всем|народ|hi all|hey all|hi team|hey team|team|folks|all|everyone|여러분|다들)\s*[,!:—–-]\s*/iu;
const capitalised = (text: string) => text.replace(/^\p{Ll}/u, (c) => c.toUpperCase());

/** An issue's key and title: "OPS-4412: Nightly backup job failing on db-replica-2", "INC-88 — …". */
const TICKET_TITLE = /^[A-Z][A-Z0-9]{1,9}-\d{1,6}\s*[:—–-]\s*\S.{3,}$/u;

/** A title from the channel and the first report of the failure. */
export function chatTitle(section: Section): CitedText {
  const messages = messagesOf(section);
  // An incident is named by its first report; a decision thread by the question that opens it.
  const report = section.candidate.classification.kind === 'incident' ? (messages.find((m) => isEvent(m.text)) ?? messages[0]) : messages[0];
  const channel = channelOf(section);
  // An incident bot's declaration names it: "🚨 Incident INC-482 declared: Elevated 5xx on public API".
  const declared = messages.map((m) => DECLARED_AS.exec(messageText(m))).find(Boolean);
  if (declared && section.candidate.classification.kind === 'incident') {
    const message = messages.find((m) => DECLARED_AS.test(messageText(m)))!;
    return { text: shorten(declared[1]!.trim(), 90), cite: citeMessage(section, message) };
  }
  // A tracker's comments copied under their issue ("OPS-4412: Nightly backup job failing …"): the issue names it.
  const { lines, bodyStartLine } = section.ctx.parsed;
  const before = lines.slice(bodyStartLine - 1, (messages[0]?.line ?? bodyStartLine) - 1);
  const at = before.findIndex((l) => l.trim());
  const issue = at >= 0 ? before[at]!.trim().replace(/^#+\s*/, '') : undefined;
  if (issue && TICKET_TITLE.test(issue) && issue.length <= 120) return { text: issue, cite: cite(section, bodyStartLine + at) };
  // An alerting bot's "[FIRING] HighErrorRate api-gateway": the alert, without its state.
  const words = report ? shorten(capitalised(messageText(report).replace(/^\s*\[(?:firing|alert|alerting|triggered)(?::\d+)?\]\s*/iu, '').replace(ADDRESSED, '').replace(/\?.*$/, '').replace(ON_IT, '').trim().replace(/[.!…。]+$/u, '')), 90) : section.ctx.sourceId;
  const text = channel ? `${channel.name} — ${words}` : words;
  return { text, cite: [...(channel ? cite(section, channel.line) : []), ...(report ? citeMessage(section, report) : [])] };
}

/** What a chat opens with (a question, the first report), said by whom. */
export function chatOpening(section: Section): CitedText | undefined {
  const first = messagesOf(section)[0];
  return first && { text: `${first.author}: ${messageText(first)}`, cite: citeMessage(section, first) };
}

/** "impact 09:10–09:52 UTC", "итого с 15:58 по 16:21": the stated span of the impact. */
function statedSpan(messages: ChatMessage[], section: Section): { from: CitedText; to: CitedText } | undefined {
  for (const message of messages) {
    for (let n = message.line; n <= message.endLine; n++) {
      const text = section.ctx.parsed.lines[n - 1] ?? '';
      const match = /(?<![\d:])(\d{1,2}:\d{2})\s*(?:[–—-]|до|по|to|until)\s*(\d{1,2}:\d{2})(?![\d:])/u.exec(text) ?? /(?:с|from|between)\s+(\d{1,2}:\d{2})\s+(?:по|до|to|and)\s+(\d{1,2}:\d{2})/iu.exec(text);
      if (match) return { from: { text: match[1]!, cite: cite(section, n) }, to: { text: match[2]!, cite: cite(section, n) } };
    }
  }
  return undefined;
}

/** Lines of a message's continuation that are labelled without a colon: "- impact 09:10–09:52 UTC, …". */
function bareLabel(section: Section, word: RegExp): CitedText | undefined {
  for (const line of section.lines) {
    const match = new RegExp(`^\\s*[-*]\\s+(?:${word.source})\\s+(.+)$`, 'iu').exec(line.text);
    if (match) return { text: clean(plainLine(match[1]!)), cite: cite(section, line.number) };
  }
  return undefined;
}

/**
 * The cause and the impact said in a message without a label of their own: "the root cause is …",
 * "причина в том, что …", "영향은 …" (Korean: the word and its particle), "원인 찾았어요. …" (the
 * sentence after the one that says it was found).
 */
const CAUSE_SAID = /(?<![\p{L}])(?:root cause(?: (?:is|was)|\s*[:—–])|the cause (?:is|was)|(?:нашёл|нашел|нашла|нашли|found it)\s*[:：—–]|(?:нашёл|нашел|нашла|нашли|установили|выяснили)\s+причину\s*[:：—–]|(?:found|identified) the (?:root )?cause\s*[:：—–]|identified\s*[:：—–]|(?:issue|problem|cause|outage) (?:has been|was|is) identified as|причин[аы](?: была)?(?: в том,? что|\s*[:—–])|корневая причина\s*[:—–])(?![\p{L}])|원인(?:은|는|이|을)?/iu;
const IMPACT_SAID = /(?<![\p{L}])(?:the impact (?:is|was)|impact was|blast radius (?:is|was))(?![\p{L}])|영향(?:\s?범위)?(?:은|는|이)/iu;
const FOUND_SENTENCE = /^[^.!?。]*?(?:찾았|확인했|found|нашли|нашёл|нашел)[^.!?。]*[.!?。]\s*/iu;

/** "причина — кеш без TTL. Сделаю до пятницы …": the promise after a cause is a follow-up, not the cause. */
function beforePromise(text: string): string {
  return text.split(PROMISE_AHEAD)[0]!;
}

function saidInMessage(section: Section, messages: ChatMessage[], said: RegExp): CitedText | undefined {
  for (const m of messages) {
    const text = toldAfter(m.text, said);
    if (text) return { text, cite: citeMessage(section, m) };
  }
  return undefined;
}

/**
 * What a message tells after the words that say what it tells ("нашёл: …", "the root cause is …"),
 * up to what was done about it; undefined for a question or a word in passing.
 */
export function toldAfter(message: string, said: RegExp = CAUSE_SAID): string | undefined {
  const match = said.exec(message);
  if (!match) return undefined;
  const told = beforePromise(message.slice(match.index + match[0].length).replace(FOUND_SENTENCE, '').replace(/^\s*[:：—–-]?\s*/u, ''));
  // "нашёл: в секрете битый сертификат… откатил секрет на вчерашний": what was done after it is the fix's.
  const sentences = told.split(/(?<=[.!?])\s+/u);
  const fixAt = sentences.findIndex((s, i) => i > 0 && saysFix(s));
  const rest = fixAt > 0 ? sentences.slice(0, fixAt).join(' ') : told;
  // A question ("원인이 뭐예요?") or a word in passing names nothing.
  if (/[?？]\s*$/.test(rest) || rest.replace(/\s+/g, '').length < 8) return undefined;
  return clean(plainLine(rest));
}

/** Someone finding why, unlabelled: "turns out …", «оказалось, …»; a guess ("looks like …") when it names a cause. */
const FOUND_WHY = /^(?:\p{L}+[,!]?\s+)?(?:turned out|turns out|оказалось|выяснилось)(?:,?\s+(?:that|что))?[,:]?\s+/iu;
/** What someone sees hitting its limit: «вижу, nginx упирается в worker_connections», "seeing the pool maxed out". */
const SEEN_LIMIT = /^(?:вижу|видно|see|seeing|I see)[,:]?\s+(?!(?:it|this|тоже|то же)(?![\p{L}]))(?:что\s+|that\s+)?(?=.*(?<![\p{L}])(?:упира\p{L}*|уперл\p{L}*|исчерпа\p{L}*|кончил\p{L}*|закончил\p{L}*|переполн\p{L}*|hits? (?:the|its) limit|hit (?:the|its) limit|maxed out|exhausted|ran out of|out of (?:memory|disk|connections))(?![\p{L}]))/iu;
const GUESSED_WHY = /^(?:\p{L}+[,!]?\s+)?(?:looks like|seems like|похоже,? что|кажется,? что)\s+(?=.*(?<![\p{L}])(?:expired|because|caused|due to|ran out|filled up|full|misconfigur\p{L}*|typo|из-за|ист[её]к\p{L}*|кончил\p{L}*|заполнил\p{L}*|переполн\p{L}*|не хватил\p{L}*)(?![\p{L}]))/iu;

/** A third party confirming the fault is theirs: «банк подтвердил, у них авария на стороне НСПК», "AWS confirmed an outage in eu-west-1". */
const CONFIRMED_WHY = /^(?:\p{L}+\s+){0,2}(?:подтвердил\p{L}*|confirmed)[,:]?\s+(?:что\s+|that\s+)?(?=.*(?<![\p{L}])(?:авари\p{L}*|сбо\p{L}+|outage|incident|degradation|на (?:их )?стороне|on their (?:side|end))(?![\p{L}]))/iu;

/**
 * A recent change blamed by name: "it's the new rate limiter config from yesterday, …", «это
 * вчерашний релиз …»; or told by what it broke ("the new analyzer config from this morning's deploy
 * drops the asciifolding filter", «вчерашний релиз сломал маппинг»), which is the whole message.
 */
const BLAMED_CHANGE = /^(?:(?:ok|so|yeah|ну|так)[,!]?\s+)?(?:it'?s|it was|this is|это)\s+(?=(?:the\s+)?(?:new|recent|latest|yesterday'?s|last night'?s|новый|новая|новое|вчерашн\p{L}*|свеж\p{L}*|последн\p{L}*)\s)/iu;

/** The same in Korean: "방금 배포한 v2.8에서 DB 커넥션 풀 설정이 10으로 줄었네요" (what the release changed, wrongly). */
const CHANGE_BROKE_KO = /^(?=.*(?:배포(?:한|된)|릴리스(?:한|된)|올린)\s+\S+\s?(?:에서|이|가|의|버전)\s.*(?:줄었|빠졌|바뀌었|깨졌|사라졌|누락|잘못|빠져|끊겼))/u;
const CHANGE_BROKE = /^(?=(?:the\s+)?(?:new|recent|latest|yesterday'?s|this morning'?s|last night'?s|today'?s|новый|новая|новое|новые|вчерашн\p{L}*|утренн\p{L}*|сегодняшн\p{L}*|свеж\p{L}*)\s[^.?!]{1,80}?\s(?:drops?|dropped|breaks?|broke|remov(?:es|ed)|disabl(?:es|ed)|overwr(?:ote|ites)|ломает|сломал\p{L}*|убрал\p{L}*|удалил\p{L}*|выключил\p{L}*|отключил\p{L}*)(?![\p{L}]))/iu;

function causeFound(section: Section, messages: ChatMessage[]): CitedText | undefined {
  // A limit seen being hit may be the symptom of a cause told later: it is the cause only when none is.
  for (const leads of [[FOUND_WHY, GUESSED_WHY, BLAMED_CHANGE, CHANGE_BROKE, CHANGE_BROKE_KO, CONFIRMED_WHY], [SEEN_LIMIT]]) {
    for (const m of messages) {
      const text = messageText(m);
      const lead = leads.map((l) => l.exec(text)).find(Boolean);
      if (!lead || /[?？]\s*$/.test(text)) continue;
      const told = beforePromise(text.slice(lead[0].length)).trim();
      if (told.split(/\s+/).length >= 4) return { text: clean(plainLine(told)), cite: citeMessage(section, m) };
    }
  }
  return undefined;
}

/** "지은" for 김지은, "Илья" for Илья Соколов: the channel's one author a short name stands for. */
function authorNamed(name: string, authors: string[]): string | undefined {
  if (/^[가-힣]{2,3}$/u.test(name)) return authors.find((a) => a !== name && a.endsWith(name));
  const namesakes = /^\p{Lu}\p{Ll}+$/u.test(name) ? authors.filter((a) => a.startsWith(`${name} `)) : [];
  return namesakes.length === 1 ? namesakes[0] : undefined;
}

/** Follow-ups said in one message: "chen: X (PLAT-3301). bogdan: Y. me: Z by Tuesday", "1) … — я 2) … — artem". */
function followUpsOf(section: Section, messages: ChatMessage[]): FollowUp[] {
  const written = messages[0]?.date ? new Date(`${messages[0].date}T12:00:00Z`) : undefined;
  const found: FollowUp[] = [];
  for (const content of slotContents(section, 'followUps')) {
    const line = content.part.line;
    const message = messages.find((m) => m.line <= line && m.endLine >= line);
    const context = { year: written?.getUTCFullYear(), written, author: message?.author };
    const value = content.part.value;
    const numbered = value.split(/\s*(?:^|\s)\d{1,2}\)\s+/u).filter((p) => p.trim());
    const byName = value.split(/(?<=[.;])\s+(?=[\p{L}][\p{L}.-]{0,24}:\s)/u).filter((p) => p.trim());
    // "add a config check (me, by Friday); alert on crashloops - Sam": items of a few words each, between semicolons.
    const listed = value.split(/;\s+/u).filter((p) => p.trim());
    // "fix the report job to use the pool (priya), add an alert on pool saturation (sam)": each item closed by its owner.
    const owned = value.split(/(?<=\([\p{L}][\p{L}\d._ -]{0,30}\))\s*,\s+/u).filter((p) => p.trim());
    // "… 필수화, 제가 할게요. 커넥션 풀 알림은 서연 님이 부탁드려요": a sentence each, when each names who.
    const read = (piece: string) => readFollowUp(piece.trim(), cite(section, line), context);
    const split = numbered.length >= 2 ? numbered : byName.length >= 2 ? byName : listed.length >= 2 && listed.every((p) => p.trim().split(/\s+/).length >= 2) ? listed : owned.length >= 2 ? owned : undefined;
    const told = split ? [] : value.split(/(?<=[.!?。])\s+(?=\S)/u).filter((p) => p.trim());
    const toldItems = told.length >= 2 ? told.map(read) : [];
    const items = split ? split.map(read) : toldItems.length > 0 && toldItems.every((item) => item.owner !== undefined) ? toldItems : [read(value)];
    const authors = [...new Set(messages.map((m) => m.author))];
    for (const item of items) found.push({ ...item, ...(item.owner && { owner: authorNamed(item.owner, authors) ?? item.owner }) });
    // Promises made right after, in the same thread: "ещё добавлю в чеклист релиза: …".
    const after = messages.filter((m) => message && m.line > message.endLine).slice(0, 3);
    for (const next of after) {
      if (/(?<![\p{L}])(?:ещё|еще|also|\+1)(?![\p{L}])/iu.test(next.text) && /(?<![\p{L}])(?:добавлю|сделаю|заведу|напишу|I'?ll (?:add|do|write|file))(?![\p{L}])/iu.test(next.text)) {
        const action = next.text.replace(/^.*?(?:добавлю|сделаю|заведу|I'?ll add|I'?ll do)\s*/iu, '');
        found.push({ action: clean(plainLine(action || next.text)), owner: next.author, status: 'open', cite: citeMessage(section, next) });
      }
    }
  }
  // A tracker's comment "Follow-up OPS-4420 — restore the retention script …": its author's, with its ticket.
  if (found.length === 0) {
    for (const m of messages) {
      const said = FOLLOW_UP_SAID.exec(messageText(m))?.groups;
      if (said?.ticket) found.push(readFollowUp(`${said.text} (${said.ticket})`, citeMessage(section, m), { year: written?.getUTCFullYear(), written, author: m.author }));
    }
  }
  if (found.length === 0) found.push(...promisedFollowUps(section, messages, { year: written?.getUTCFullYear(), written }));
  // A follow-up reported done later in the channel: its distinctive word and a word of completion.
  for (const item of found) {
    const token = item.action.match(/[\w]*_[\w]+|[\w-]*\d[\w-]*|[A-Za-z]{3,}[-.][\w.-]+/)?.[0];
    if (!token || item.status === 'done') continue;
    const cited = (item.cite[0] as { lines: [number, number] }).lines[0];
    const later = messages.find((m) => m.line > cited && m.text.includes(token) && /(?<![\p{L}])(?:ротирован\p{L}*|сделан\p{L}*|готов\p{L}*|done|rotated|fixed|merged|отозван)(?![\p{L}])/iu.test(m.text));
    if (later) item.status = 'done';
  }
  return found;
}

/** A sentence that promises something in the first person: "I'll add …", «добавлю …», "제가 …", "…추가할게요". */
const PROMISE = new RegExp(String.raw`^(?:I'?ll|I will|we'?ll|we will)\s|^제가\s|(?:할게요|할께요|하겠습니다|해둘게요)[.!]?$|${FIRST_PERSON_PROMISE.source.slice(1)}`, 'iu');

/** A proposal in a chat: "let's …", "we should …", «давайте …». */
const PROPOSAL = /^(?:and\s+|и\s+)?(?:let'?s|we should|давайте|предлагаю)\s+/iu;
/** A promise to do what was just proposed: "I'll write that up", "I'll do it", «сделаю это». */
const POINTS_BACK = /^(?:I'?ll|I will)\s+(?:do|write|take|file|handle|own)\s+(?:that|it|this)(?:\s+up)?(?![\p{L}])|^(?:сделаю|возьму|оформлю|распишу)\s+(?:это|его)(?![\p{L}])/iu;

/** A request to someone by name: "Tom can you add …?", «Сергей, сможешь добавить …?». */
const ASKED = /^([\p{Lu}][\p{Ll}]{1,20}),?\s+(?:can|could|would) you\s+(.+?)\?*$|^([\p{Lu}][\p{Ll}]{1,20}),\s+(?:сможешь|можешь|сделаешь)\s+(.+?)\?*$/u;
/** Someone named who will do it: "Sam will …", «Сергей добавит …». */
const NAMED_FUTURE = /^[\p{Lu}][\p{Ll}]{2,20}\s+(?:will\s|\p{Ll}+(?:ет|ит|ёт|ут|ют|ят)\s)/u;
const ACCEPTS = /^(?:넵|네|예|알겠습니다|ok(?:ay)?|sure|will do|ок|окей|хорошо|да|принято|понял[а]?)(?![\p{L}])[,.!]?\s*/iu;

/** Words that open a message of promises without a label: "후속으로 …", "Going forward, …", «На будущее: …». */
const PROMISE_WORDS = String.raw`후속(?:\s?조치)?\s?(?:으로|로)|재발\s?방지(?:를 위해|로|책으로)|앞으로는?|going forward|as (?:a )?follow-?ups?|на будущее|в дальнейшем|по итогам`;
const PROMISE_OPENER = new RegExp(String.raw`^(?:${PROMISE_WORDS})(?![\p{L}])[,:\s—–-]*`, 'iu');
/** Where a sentence that promises starts, after the one before it ends. */
const PROMISE_AHEAD = new RegExp(String.raw`(?<=[.!?])\s+(?=(?:I'?ll|I will|we'?ll|제가)\s|${FIRST_PERSON_PROMISE.source.slice(1)}|(?:${PROMISE_WORDS})(?![\p{L}]))`, 'iu');

/**
 * "후속으로 제가 X 추가하겠습니다. 유나 씨는 Y 빼주세요": one follow-up per sentence of a message
 * that opens with a follow-up word; who takes each is its writer or the one addressed, named as
 * the channel knows them (a Korean given name is the end of the author's full name).
 */
function promisedFollowUps(section: Section, messages: ChatMessage[], context: { year?: number; written?: Date }): FollowUp[] {
  const authors = [...new Set(messages.map((m) => m.author))];
  // Once someone said it is over, what people promise to do is done after the incident.
  const over = messages.findIndex((m) => STATE.test(m.text));
  const found: FollowUp[] = [];
  for (const [index, message] of messages.entries()) {
    const text = messageText(message);
    const opener = PROMISE_OPENER.exec(text);
    if (!opener && (over < 0 || index <= over)) continue;
    // «перенесу крон на 04:00 и добавлю лимит»: one promise per verb of the writer's;
    // «…, Сергей добавит алерт»: one more for whom the writer names.
    let proposed: string | undefined;
    for (const said of text.slice(opener?.[0].length ?? 0).split(/(?<=[.!?。])\s+|,?\s+и\s+(?=\p{Ll}{3,}[ую]\s)|,\s+(?=[\p{Lu}][\p{Ll}]{2,20}\s+(?:will\s(?!(?:do|take|handle|own) (?:it|that|this)\b)|(?!(?:сделает|возьм[её]т|займ[её]тся)(?:\s+(?:до|к)\s|[.!]?$))\p{Ll}+(?:ет|ит|ёт|ут|ют|ят)\s))/u)) {
      const bare = said.replace(/^(?:\p{Extended_Pictographic}|\uFE0F|\s)+/u, '');
      // "… с пиком. на будущее перенесу …": an opener may start a sentence inside the message too.
      const own = PROMISE_OPENER.exec(bare);
      let sentence = own ? bare.slice(own[0].length) : bare;
      // "let's move CI to OIDC login. I'll write that up by Friday": what "that" is, the sentence before proposed.
      const proposal = PROPOSAL.exec(sentence);
      const pointing = POINTS_BACK.exec(sentence);
      const takesProposal = Boolean(pointing && proposed);
      if (takesProposal) sentence = `${proposed}${sentence.slice(pointing![0].length).replace(/^\s*(?=\S)/, ' ')}`.replace(/\s+$/, '');
      proposed = proposal ? sentence.slice(proposal[0].length).replace(/[.!]\s*$/, '') : undefined;
      const opened = Boolean(opener || own || takesProposal);
      // "Tom can you add the index … tomorrow?" answered "yep, on it" by Tom: his.
      const asked = ASKED.exec(sentence);
      const [whom, what] = asked ? [asked[1] ?? asked[3]!, asked[2] ?? asked[4]!] : [];
      const taker = whom && messages.slice(index + 1, index + 4).find((m) => m.author !== message.author && m.author.toLowerCase().startsWith(whom.toLowerCase()) && (ACCEPTS.test(messageText(m)) || /(?<![\p{L}])(?:on it|will do|сделаю|беру)(?![\p{L}])/iu.test(messageText(m))));
      if (what && taker) {
        found.push(readFollowUp(what, [...citeMessage(section, message), ...citeMessage(section, taker)], { ...context, author: taker.author }));
        found.at(-1)!.owner = taker.author;
        continue;
      }
      if (sentence.replace(/\s+/g, '').length < 6 || (!opened && !PROMISE.test(sentence) && !NAMED_FUTURE.test(sentence))) continue;
      const read = readFollowUp(sentence, citeMessage(section, message), { ...context, author: message.author });
      // After "на будущее", a Russian verb in the first person («перенесу …») is the writer's promise.
      const item = !read.owner && opened && (takesProposal || /^\p{Ll}{3,}[ую](?![\p{L}])/u.test(sentence)) ? { ...read, owner: message.author } : read;
      // "넵 이번 주 안에 할게요", "ok, by Friday": taking on what was asked is no task of its own; its date is the task's.
      const accepted = ACCEPTS.exec(sentence);
      if (accepted && sentence.slice(accepted[0].length).trim().split(/\s+/).length <= 4) {
        const asked = found.findLast((f) => f.owner === message.author || (f.owner && message.author.endsWith(f.owner)));
        if (asked && item.due && !asked.due) asked.due = item.due;
        continue;
      }
      const full = item.owner ? authorNamed(item.owner, authors) : undefined;
      found.push(full ? { ...item, owner: full } : item);
    }
  }
  return found;
}

/**
 * A labelled field of a chat ("root cause: …") when it stays in its message. In an export of one
 * message a line (IRC, WhatsApp) the Markdown paragraph runs on into the next messages; then the
 * message's own words are read instead.
 */
function inOneMessage(field: CitedText | undefined, messages: ChatMessage[]): CitedText | undefined {
  const lines = field?.cite.flatMap((c) => ('lines' in c ? [c.lines] : [])) ?? [];
  const from = Math.min(...lines.map((l) => l[0]));
  const to = Math.max(...lines.map((l) => l[1]));
  return field && !messages.some((m) => m.line > from && m.line <= to) ? field : undefined;
}

/** A level said in passing ("critical") is no severity; "sev2" or a labelled one ("Severity: Major") is. */
function severityIn(text: string): ReturnType<typeof readSeverity> {
  const label = /(?<![\p{L}])(?:severity|серь[её]зность|심각도|등급)\s*[:：]\s*/iu.exec(text);
  if (label) return readSeverity(text.slice(label.index + label[0].length)) ?? readSeverity(text.slice(label.index));
  const said = readSeverity(text);
  return said && /^sev\d$/.test(said.value) ? said : undefined;
}

export function extractChatIncident(section: Section, base: Base): IncidentInput {
  const messages = messagesOf(section);
  const labelled = (slot: Parameters<typeof slotField>[1]) => inOneMessage(slotField(section, slot), messages);
  const zone = zoneOf(section);
  const day = messages[0]?.date;
  const timeline: TimelineEntry[] = [];
  for (const m of messages) {
    if (!isEvent(m.text) || /^\s*(?:👍|ok|ок|thanks|спасибо|\+1)(?![\p{L}\p{N}])/iu.test(m.text)) continue;
    // "looks like it started ~09:10", "мы в 15:58 выкатили release": an earlier moment told later.
    for (const said of findTimes(m.text.split(/\s[-–]\s|:\s*$/)[0]!)) {
      const at = findTimes(m.time)[0]!;
      if (said.minutes < at.minutes && at.minutes - said.minutes <= 12 * 60 && !timeline.some((e) => e.time === said.text)) {
        timeline.push({ time: said.text, ...(m.date && { date: m.date }), event: shorten(`${m.author}: ${messageText(m)}`, 240), cite: citeMessage(section, m) });
      }
    }
    timeline.push({ time: m.time, ...(m.date && { date: m.date }), event: shorten(`${m.author}: ${messageText(m)}`, 240), cite: citeMessage(section, m) });
  }
  // A chat thread is in time order; a time told later goes where it happened.
  timeline.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || findTimes(a.time)[0]!.minutes - findTimes(b.time)[0]!.minutes);
  const span = statedSpan(messages, section);
  const first = messages.find((m) => isEvent(m.text)) ?? messages[0];
  const started =
    span?.from ??
    (() => {
      // "looks like it started ~09:10", «подтверждаю, с 10:55 примерно».
      const said = messages.find((m) => (/(?<![\p{L}])(?:started|начал\p{L}*|since)(?![\p{L}])/iu.test(m.text) || /(?<![\p{L}])(?:с|со|from)\s+(?:примерно\s+|около\s+|about\s+|~)?\d{1,2}:\d{2}/iu.test(m.text)) && findTimes(m.text).length > 0);
      return said ? { text: findTimes(said.text)[0]!.text, cite: citeMessage(section, said) } : undefined;
    })();
  const withZone = (text: string) => (zone && !/[A-Z]{3}/.test(text) ? `${text} ${zone}` : text);
  const states = messages.filter((m) => STATE.test(m.text));
  const lastState = states.at(-1);
  const firstState = states.find((m) => !/\?\s*$/.test(m.text) && !/mitigated/i.test(m.text));
  // A bot's declaration writes its fields on the lines under its first ("Severity: Major · Lead: @dana").
  const whole = (m: ChatMessage) => [m.text, ...section.ctx.parsed.lines.slice(m.textLine, m.endLine)].join('\n');
  const severities = messages.map((m) => ({ m, s: severityIn(whole(m)) })).filter((x) => x.s);
  const severity = severities.at(-1);
  const duration = messages.map((m) => ({ m, d: findDuration(m.text) })).find((x) => x.d && (/(?<![\p{L}])(итого|итог|total|lasted|длил\p{L}*|in all|всего)(?![\p{L}])/iu.test(x.m.text) || /\d\s*(?:min|mins|minutes?|h|hours?)\s+of\s+(?:slow|errors|downtime|outage|5\d\d)/iu.test(x.m.text)));
  // Who was hurt, counted ("~1 150 заказов не оформились"); else a count of failing requests ("500-ки на оплате, процентов 20").
  const impactLine =
    messages.find((m) => (WHO_HURT.test(m.text) || EVERYONE.test(m.text)) && /\d|(?<![\p{L}])(?:all|every\p{L}*|всех|все|у всех)(?![\p{L}])/iu.test(m.text) && /(?<![\p{L}])(?:failed|5\d\ds|errors|broken|couldn'?t|could not|unable|downtime|unavailable|не оформил\p{L}*|не создавал\p{L}*|не работал\p{L}*|не мог\p{L}*|недоступ\p{L}*|abandon\p{L}*|lost|retried|affected)(?![\p{L}])/iu.test(m.text)) ??
    // Korean: what people could not do, for how long ("약 13분 동안 결제가 안 됐습니다").
    messages.find((m) => WHO_HURT_KO.test(m.text) && /\d/.test(m.text) && /안\s?(?:됐|되|돼)|실패|못\s?(?:했|하)|불가|먹통/u.test(m.text)) ??
    // "so ~20 min of slow checkouts, a few hundred timed out", «админка лежала минут 15»: how long what was broken.
    messages.find((m) => findDuration(m.text) !== undefined && /(?<![\p{L}])(?:slow|timed out|timeouts?|failed|errors|down|broken|unavailable|лежал\p{L}*|не работал\p{L}*|недоступ\p{L}*|тормозил\p{L}*|пострадал\p{L}*)(?![\p{L}])|안\s?(?:됐|되)|실패/iu.test(m.text)) ??
    messages.find((m) => /(?<![\p{L}])(?:requests?|payments?|quer(?:y|ies)|searches|запрос\p{L}*|оплат\p{L}*|платеж\p{L}*|платёж\p{L}*)(?![\p{L}])/iu.test(m.text) && /\d+\s*%|процент\p{L}*\s+\d+|\d+\s*процент/iu.test(m.text) && /(?<![\p{L}])(?:errors?|failed|(?:empty|no|wrong) results|ошибк\p{L}*|timeouts?|таймаут\p{L}*|5\d\d(?:s|-?ки|-е)?)(?![\p{L}])/iu.test(m.text));
  // The change that set it off, when nobody labelled a trigger: a message that tells of a release or deploy.
  const release = messages.find((m) => /(?<![\p{L}])(?:выкатил\p{L}*|release[ds]?|deploy(?:ed)?|rolled out|merged|релиз\p{L}*|задеплоил\p{L}*|депло\p{L}*|выкатк\p{L}*)(?![\p{L}])|(?<!재)배포/iu.test(m.text) && /\d/.test(m.text) && !/rollback|откат|롤백/iu.test(m.text));
  const cites: Record<string, CitedText['cite']> = {};
  if (severity) cites.severity = cite(section, severity.m.line, severity.m.endLine);
  if (lastState) cites.status = widen(section, citeMessage(section, lastState), (l) => STATE.test(l.text));
  // No "fixed by:" line: what people did is in the messages that say they did it.
  const fixes = messages.filter((m) => saysFix(m.text) && !/\?\s*$/.test(m.text));
  const fixedBy = fixes.length > 0 ? { text: fixes.slice(0, 4).map((m) => `${m.time} ${m.author}: ${messageText(m)}`).join('\n'), cite: cite(section, fixes[0]!.line, fixes[Math.min(3, fixes.length - 1)]!.endLine) } : undefined;
  return {
    ...base,
    tags: ['incident', 'chat'],
    ...(day && first && { date: { text: day, cite: cite(section, messages[0]!.dateLine ?? first.line), inferred: false } }),
    ...(started && { started: { text: withZone(started.text), cite: started.cite } }),
    ...(first && { detected: { text: withZone(first.time), cite: citeMessage(section, first) } }),
    ...(span
      ? { resolved: { text: withZone(span.to.text), cite: widen(section, span.to.cite, (l) => givesTime(span.to.text)(l) && /(?<![\p{L}])(?:mitigated|resolved|baseline|back to|восстановл\p{L}*|кажись всё|ноль)(?![\p{L}])/iu.test(l.text)) } }
      : // No span said: it ended when someone first said it was over ("всё работает", "back to baseline").
        firstState && { resolved: { text: withZone(firstState.time), cite: citeMessage(section, firstState) } }),
    ...(duration && { duration: { text: duration.d!.text, cite: citeMessage(section, duration.m) } }),
    severity: severity?.s?.value ?? 'unknown',
    status: lastState ? (/mitigated/i.test(lastState.text) && !/resolved/i.test(lastState.text) ? 'mitigated' : 'resolved') : 'unknown',
    ...(first && { summary: { text: shorten(messageText(first).replace(ON_IT, ''), 300), cite: widen(section, cite(section, first.line, Math.min(first.endLine, first.line + 3)), (l) => /(?<![\p{L}])(?:OOMKilled|CrashLoop\p{L}*|5\d\d|errors?|ошибк\p{L}*|lock timeout)(?![\p{L}])/iu.test(l.text), section.lines.slice(0, 12)) } }),
    impact: labelled('impact') ?? bareLabel(section, /impact|влияние/) ?? saidInMessage(section, messages, IMPACT_SAID) ?? (impactLine ? { text: sentencesWith(messageText(impactLine), [WHO_HURT_KO, WHO_HURT, EVERYONE].find((p) => p.test(impactLine.text)) ?? SPAN_SAID).replace(/^(?:итого?|so|итак)\s*[:,]?\s*/iu, '').replace(ON_IT, ''), cite: citeMessage(section, impactLine) } : undefined),
    trigger: labelled('trigger') ?? (release ? { text: `${release.author}: ${messageText(release).replace(FOUND_SENTENCE, '')}`, cite: citeMessage(section, release) } : undefined),
    rootCause: (() => {
      const said = labelled('rootCause');
      return said ? { ...said, text: beforePromise(said.text) } : (saidInMessage(section, messages, CAUSE_SAID) ?? causeFound(section, messages));
    })(),
    ...(first && { detection: { text: `${first.author}: ${shorten(messageText(first), 200)}`, cite: citeMessage(section, first) } }),
    resolution: labelled('resolution') ?? fixedBy,
    timeline,
    followUps: followUpsOf(section, messages),
    links: findLinks(section),
    cites,
  };
}

/** Who agreed: "agreed", "+1", "sounds good", "согласен", "👍" after the options were laid out. */
// Korean glues its endings on (동의합니다, 결정하겠습니다): its words stand without boundaries.
const AGREES = /(?<![\p{L}])(?:agreed|agree|sounds good|lgtm|let'?s do (?:it|that)|согласен|согласна|договорились|поддерживаю)(?![\p{L}])|^\s*(?:\+1|👍)|동의(?:합니다|해요|함)|찬성/iu;
const DECIDES = /(?<![\p{L}])(?:decision|decided|we'?ll go with|let'?s go with|going with|решение|решили|выбираем|берём|берем)(?![\p{L}])|결정(?:하겠습니다|했습니다|합니다|하죠|할게요|됐|되었)?|(?:으로|로)\s?(?:가죠|갑시다|가겠습니다|하죠|합시다|정했)|채택/iu;
/** "options: SQS or keep Redis streams?", "후보는 Fluent Bit, Vector, Logstash 세 개예요". */
const LISTING = /(?<![\p{L}])(?:options?|варианты|альтернативы)\s*[:：]\s*|(?:후보|선택지|대안|옵션)(?:은|는|으로는|로는)?\s*[:：]?\s+/iu;

/** A thing's name as a chat writes it: "RabbitMQ", "Redis streams", "SQS". */
const NAME = String.raw`([\p{Lu}][\p{L}\d.+-]*(?:\s(?:[\p{Lu}][\p{L}\d.+-]*|streams?|queues?))?)`;
/** Where a thread weighs a named option without listing them: one is voted for, taken, or ruled out. */
const WEIGHED = [
  new RegExp(String.raw`(?<![\p{L}])(?:я за|голосую за|I'?m for|I vote for|I'?d go with|I'?d pick|берём|берем|выбираем|go(?:ing)? with|let'?s (?:use|take|pick))\s+${NAME}`, 'gu'),
  new RegExp(String.raw`${NAME},?\s+(?:не рассматриваем|не берём|не берем|отпадает|тяжеловат\p{L}*|избыточ\p{L}*|is overkill|is too (?:heavy|expensive|complex))`, 'gu'),
  new RegExp(String.raw`(?<![\p{L}])(?:rule out|ruled out|drop)\s+${NAME}`, 'gu'),
];

/** The options a thread weighed, in the order it first names them, where no message lists them. */
function weighedNames(messages: ChatMessage[]): string[] {
  const found: Array<{ name: string; at: number }> = [];
  messages.forEach((m, i) => {
    const text = messageText(m);
    for (const pattern of WEIGHED) for (const match of text.matchAll(pattern)) found.push({ name: match[1]!, at: i * 10_000 + match.index });
  });
  const names: string[] = [];
  for (const { name } of found.sort((a, b) => a.at - b.at)) if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  return names.length >= 2 ? names : [];
}

/** "Redis или Memcached?", "SQS, SNS or Kafka?", "Kafka 아니면 RabbitMQ?": the names a question asks to choose between. */
function askedChoice(text: string): string[] {
  const asked = new RegExp(String.raw`(${NAME}(?:,\s*${NAME})*)\s+(?:или|or|vs\.?|아니면)\s+${NAME}\s*\?`, 'u').exec(text);
  if (!asked) return [];
  const names = asked[0].replace(/\s*\?$/, '').split(/\s*,\s*|\s+(?:или|or|vs\.?|아니면)\s+/u).map((n) => n.trim()).filter(Boolean);
  return names.length >= 2 ? names : [];
}

/** A decision thread: the question that opens it, the options laid out, the decision and who made it. */
export function extractChatAdr(section: Section, base: Base): AdrInput {
  const messages = messagesOf(section);
  const question = messages[0];
  const decisionMessage = [...messages].reverse().find((m) => DECIDES.test(m.text));
  // "ок, решили: Redis 7, кластер из трёх нод. Ирина, заведёшь задачу?": the decision, without the question that hands out its work.
  const decided = decisionMessage ? messageText(decisionMessage).replace(/^.*?(?<![\p{L}])(?:decision|решение|decided|решили|договорились)\s*[:：]\s*/iu, '').replace(/(?<=[.!])\s+[^.!?]*\?\s*$/u, '') : undefined;
  // "options: SQS or keep Redis streams?"
  const listing = messages.find((m) => LISTING.test(m.text));
  const listed = listing ? messageText(listing) : '';
  const named = listing
    ? listed
        .slice(LISTING.exec(listed)!.index + LISTING.exec(listed)![0].length)
        .replace(/\?.*$/, '')
        .split(/\s*(?:,|;|(?<![\p{L}])(?:or|или|vs\.?)(?![\p{L}]))\s*/iu)
        .map((o) => o.replace(/^(?:keep|stay with|оставить)\s+/i, '').trim())
        // "Logstash 세 개예요": a Latin name followed by Korean words is the name alone.
        .map((o) => /^[A-Za-z][\w.+-]*(?:\s[A-Z][\w.+-]*)*(?=\s+[가-힣])/u.exec(o)?.[0] ?? o)
        .filter(Boolean)
    : [];
  if (named.length === 0) named.push(...weighedNames(messages));
  // "…: Redis или Memcached?": the question that opens the thread names the choice.
  const fromQuestion = named.length === 0 && question ? askedChoice(messageText(question)) : [];
  named.push(...fromQuestion);
  const naming = listing ?? (fromQuestion.length > 0 ? question : undefined);
  const options = named.map((name) => {
    // "SQS pros: … cons: …", "Redis streams: we already run it, but …": what was said for each.
    const said = messages.filter((m) => m !== naming && messageText(m).toLowerCase().includes(name.toLowerCase()) && !DECIDES.test(m.text));
    const chosen = decided !== undefined && decided.toLowerCase().split(/[,;.]/)[0]!.includes(name.toLowerCase());
    const namedIn = naming ?? messages.find((m) => messageText(m).toLowerCase().includes(name.toLowerCase()))!;
    return { name, chosen, ...(said.length > 0 && { reasons: said.map((m) => messageText(m)).join('; ') }), cite: citeMessage(section, namedIn) };
  });
  const agreeing = messages.filter((m) => decisionMessage && m.line >= (listing?.line ?? 0) && (AGREES.test(m.text) || m === decisionMessage)).map((m) => m.author);
  const day = messages[0]?.date;
  const cites: Record<string, CitedText['cite']> = {};
  if (agreeing.length) cites.deciders = messages.filter((m) => agreeing.includes(m.author) && (AGREES.test(m.text) || m === decisionMessage)).flatMap((m) => citeMessage(section, m));
  return {
    ...base,
    tags: ['adr', 'chat'],
    status: 'unknown',
    ...(day && question && { date: { text: day, cite: cite(section, messages[0]!.dateLine ?? question.line), inferred: false } }),
    deciders: [...new Set(agreeing)],
    ...(question && { context: { text: `${question.author}: ${messageText(question)}`, cite: citeMessage(section, question) } }),
    ...(decided && decisionMessage && { decision: { text: decided, cite: citeMessage(section, decisionMessage) } }),
    options,
    links: findLinks(section),
    cites,
  };
}
