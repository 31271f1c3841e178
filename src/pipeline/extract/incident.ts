/**
 * Incident fields from a written postmortem: each from its template slot (slots.ts), and where a
 * note has no such section, from the sentences of its summary that say it ("because …", "rolled
 * back …"). Times and dates are read as written; the start, detection and end of the impact come
 * from a stated range ("between 09:12 and 11:38", "с 10:14 до 13:52", "20:03 ~ 20:51"), then from
 * the timeline's markers and wording.
 */
import type { CitedText, IncidentInput, LineCitation } from '../../schemas/index.ts';
import { STATUS_STATES } from '../classify.ts';
import { momentOf, slotOf, type Moment, type Slot } from '../templates.ts';
import { bylineOf, documentYear, firstProse, resolveRelativeDate, writerOf, writtenOn } from './fields.ts';
import { toldAfter } from './chat.ts';
import { citedItems, FOLLOW_UP_SAID, followUpsOf, readFollowUp, type DateContext } from './items.ts';
import { givesDate, givesSeverity, givesTime, widen, widenText } from './evidence.ts';
import { findLinks } from './links.ts';
import { cite, clean, lineUnderTitleWord, SEVERITY_TAG, WENT_THROUGH, type Line, type Section } from './section.ts';
import { plainLine, slotContent, slotContents, slotField, slotTable, slotText, slotValue, type SlotContent } from './slots.ts';
import { timelineFromSlot, timelineFromStatusUpdates, timelineFromTables, timelineFromTimedLines, fromChain, fromProse, type TimelineEntry } from './timeline.ts';
import { findDates, findDurations, findTimes, readIncidentStatus, readSeverity, ZONE } from './values.ts';

type Base = Pick<IncidentInput, 'title' | 'language' | 'sources' | 'entities' | 'generated'>;

const sentenceCache = new WeakMap<Line[], Array<{ text: string; from: number; to: number }>>();

/** Sentences of some lines, each with the lines it spans (the same lines are split once). */
export function sentences(lines: Line[]): Array<{ text: string; from: number; to: number }> {
  let found = sentenceCache.get(lines);
  if (!found) sentenceCache.set(lines, (found = splitSentences(lines)));
  return found;
}

function splitSentences(lines: Line[]): Array<{ text: string; from: number; to: number }> {
  const out: Array<{ text: string; from: number; to: number }> = [];
  let current: { text: string; from: number; to: number } | undefined;
  for (const line of lines) {
    if (!line.text.trim() || /^\s*(```|\|)/.test(line.text)) {
      current = undefined;
      continue;
    }
    // Korean has no capitals: a full stop and a space before Hangul end a sentence too; so does one
    // before a small letter, as recognisers and quick notes write ("… at nine forty. so about …"),
    // unless it ends an abbreviation ("e.g. the", "т.е. все").
    const pieces = line.text.split(/(?<=[.!?…])\s+(?=[\p{Lu}\d«"(]|\p{Script=Hangul})|(?<=(?<!(?<![\p{L}.])(?:e\.g|i\.e|etc|vs|approx|incl|cf|esp|resp|min|max|no|т\.е|т\.д|т\.п|т\.к|т\.ч|напр|см|ср|прим|тыс|млн|руб|ок|ул|гл|стр))(?<=\p{Ll}{2}|\d)[.!?])\s+(?=\p{Ll}\p{Ll})/u);
    pieces.forEach((piece, i) => {
      if (current && i === 0 && !/[.!?…]\s*$/.test(current.text)) {
        current.text += ` ${piece.trim()}`;
        current.to = line.number;
      } else {
        current = { text: piece.trim(), from: line.number, to: line.number };
        out.push(current);
      }
    });
  }
  return out.map((s) => ({ ...s, text: clean(s.text.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')) })).filter((s) => s.text);
}

/** A label before a sentence ("What happened: …"). */
const LABEL_LEAD = /^\p{L}[\p{L} ]{0,29}[:：]\s+/u;

/** The sentences of the given lines that match, joined, as one cited text. */
export function sentencesWith(section: Section, lines: Line[], pattern: RegExp, limit = 3): CitedText | undefined {
  // A sentence that is a timeline ("deploy at 14:02 → rollback at 14:47") is the timeline's, not a field's.
  // The opening sentences say what a note is about; a long story is not searched to its end.
  // A sentence said twice (under "What happened:" and in the opening) counts once.
  const found = sentences(lines)
    .slice(0, 60)
    .filter((s) => pattern.test(s.text) && (findTimes(s.text).length < 2 || (findTimes(s.text).length === 2 && statedRange(s.text))) && !/→|->/.test(s.text))
    .filter((s, i, all) => all.findIndex((o) => o.text.replace(LABEL_LEAD, '') === s.text.replace(LABEL_LEAD, '')) === i)
    .slice(0, limit);
  if (found.length === 0) return undefined;
  return { text: found.map((s) => s.text).join(' '), cite: cite(section, Math.min(...found.map((s) => s.from)), Math.max(...found.map((s) => s.to))) };
}

const CAUSE = /(?<![\p{L}])(because|(?<!^(?:this|that|it|which) )caused|causing|due to|root cause|as a result of|resulted from|the cause|из-за|потому что|по причине|причин\p{L}*|вызвал\p{L}*|привел\p{L}* к)(?![\p{L}])|(?<![\p{L}])원인(?:은|이|으로)?(?=[\s:]|$)|때문(?:에|이)|(?:으로|로) 인해/iu;
/** A fault told without a word of cause ("A certificate … expired at 09:40"): the cause where nothing else names one. */
const FAULT = /(?<![\p{L}])(expired|ran out of|was misconfigured|misconfiguration|a bug in|filled up|was exhausted|истёк|истек|кончил\p{L}*|закончил\p{L}*|переполнил\p{L}*)(?![\p{L}])|만료|고갈/iu;
const FIX = /(?<![\p{L}])(roll(?:ed|ing|s)?(?:\s+(?:it|them|the \S+|that))?\s+back|rollback|revert(?:ed|ing|s)?|fixed|fixes|resolved (?:by|the)|restored|restores|restart(?:ed|ing|s)?|recovered|mitigated|(?:certificates?|keys?|credentials?|secrets?|tokens?) (?:was |were )?(?:rolled over|renewed|rotated|replaced)|(?:we|I) (?:\p{L}+ )?(?:raised|increased|bumped|lowered|extended|scaled|flushed|cleared|purged|pinned|disabled|killed|stopped|paused|halted|blocked|turned off)|(?:was|were) (?:disabled|stopped|turned off|switched off|killed)|paused|halted|мы (?:\p{L}+ )?(?:подняли|увеличили|расширили|отключили|почистили)|откатил\p{L}*|откат\p{L}*|починил\p{L}*|исправил\p{L}*|восстановил\p{L}*|перезапустил\p{L}*)(?![\p{L}])|해결(?:했|됐|되었)|복구(?!\s?(?:시도|중|하지|못|가 안|되지))|재시작|롤백|재배포|원복/iu;
/**
 * Korean words of an alert or a report. They take particles (알람이, 제보를), so no end boundary;
 * 알림 is also a product's "notification" (결제 알림 지연) and counts only as the subject of an arrival.
 */
const KO_ALERT = String.raw`알람|경보|얼럿|알럿|감지|탐지|제보|당직자\s?호출|(?:확인|발견)\s?후\s?(?:호출|보고|공유)|알림(?:이|을)? ?(?:발생|수신|받|왔|울|떴)|(?:문의|신고)(?:로|가|를)? ?(?:인지|접수|들어)|(?:로|으로|에서) 인지|인지(?:했|함|됨|하였)`;
const DETECTED = new RegExp(String.raw`(?<![\p{L}])(detected|noticed|reported|alerted|paged|alarms?|discovered|found out|first (?:signal|report|ticket)|support tickets?|monitoring|мониторинг\p{L}*|обнаружил\p{L}*|обнаружен\p{L}*|заметил\p{L}*|сообщил\p{L}*|выяснил\p{L}*|алерт\p{L}*|пожаловал\p{L}*|узнали|인지)(?![\p{L}])|${KO_ALERT}`, 'iu');
const IMPACTED = /(?<![\p{L}\d.,])\d[\d,.]*\s+\p{L}+\s+(?:were|was|showed|saw|got|received|had|stayed|went)\s|(?<![\p{L}])(?:not|never|weren'?t|wasn'?t) (?:delivered|sent|received|shown|visible|processed|indexed)(?![\p{L}])|(?:노출|발송|전달|처리|표시)되지 않|(?:못\s?했|못\s?하|안\s?됐|가입자|이용자|회원|사용자|고객|실패|영향|지연되|늦게)|(?<![\p{L}])((?:this|that|which) (?:caused|led to|resulted in)|lose access|lost access|users?|customers?|merchants?|subscribers?|tenants?|requests?|orders?|affected|failed|errors?|unavailable|down|outage|lost|loss|delayed|postponed|could not|couldn'?t|unable|недоступ\p{L}*|не могли|не работал\p{L}*|не проходил\p{L}*|неудачн\p{L}*|не удалось|нельзя|пользовател\p{L}*|клиент\p{L}*|заказ\p{L}*|ошибк\p{L}*|сдвинул\p{L}*|перенесл\p{L}*|задерж\p{L}*|офлайн\p{L}*|простой|장애)(?![\p{L}])|\d+(?:[.,]\d+)?\s*%/iu;
/** The words of IMPACTED that tell of the people or the service, not of the system's errors. */
const ON_USERS = /(?:못\s?했|못\s?하|가입자|이용자|회원|사용자|고객|영향)|(?<![\p{L}])((?:this|that|which) (?:caused|led to|resulted in)|lose access|lost access|\d[\d,. ]*\s(?:orders?|payments?|transactions?|checkouts?|заказ\p{L}*|платеж\p{L}*|платёж\p{L}*|транзакци\p{L}*)|users?|customers?|everyone|everybody|affected|unavailable|(?<!(?:slow|scaled?|shut|turned|cool|step|wind|count) )down|outage|could not|couldn'?t|unable|недоступ\p{L}*|не могли|не работал\p{L}*|не проходил\p{L}*|неудачн\p{L}*|пользовател\p{L}*|клиент\p{L}*|офлайн\p{L}*|простой)(?![\p{L}])|(?<!(?:quota|cpu|memory|disk|capacity|usage|heap|pool|utili[sz]ation|квот\p{L}*|памят\p{L}*|диск\p{L}*|CPU)[^.,;\d]{0,12})(?<![\d.,])\d+(?:[.,]\d+)?\s*%/iu;
/** A sentence that says what changed: where a note without a trigger section tells what set it off. */
/** What someone did that ended it, when the same entry says it ended ("index recreated, latency normal"). */
const ACTED = /(?<![\p{L}])(revert\p{L}*|kill(?:s|ed)?|terminat(?:es|ed)|roll(?:ed)? ?back|rolled over|deploy\p{L}*|released?|fixed|restart\p{L}*|re-?creat\p{L}*|rebuil\p{L}*|re-?index\p{L}*|rotat\p{L}*|renew\p{L}*|replac\p{L}*|reload\p{L}*|raised|increased|cleaned|purged|flushed|откат\p{L}*|исправ\p{L}*|перезапуст\p{L}*|пересоздал\p{L}*|перевыпуст\p{L}*|заменил\p{L}*|увеличил\p{L}*|почистил\p{L}*|очистил\p{L}*|переключил\p{L}*|выпустил\p{L}*|выкатил\p{L}*)(?![\p{L}])|재시작|롤백|재생성|교체|재배포|증설|갱신/iu;

// Not part of a name: "push-sender", "deploy-bot".
const CHANGE = /(?<![\p{L}-])(deploy\p{L}*|release[ds]?|rolled out|rollout|change[d]?|update[d]?|upgrade[ds]?|migrat\p{L}*|config\p{L}*|push(?:ed)?|merge[ds]?|rename[ds]?|reduc\p{L}*|failed over|failover|выкат\p{L}*|релиз\p{L}*|деплой\p{L}*|изменени\p{L}*|обновлени\p{L}*|миграц\p{L}*|배포|변경)(?![\p{L}]|-\p{L})/iu;
/**
 * A timeline entry made from a status page's update ("Investigating: …", see timelineFromStatusUpdates),
 * or an incident tool's ("09:48 Fixing — …": incident.io's states, FireHydrant's "Mitigated").
 */
const STATUS_ENTRY = new RegExp(`^(?:${STATUS_STATES}|Fixing|Mitigated|Closed)\\s*[:—–-]\\s`);
const stateOf = (entry: TimelineEntry, state: string) => new RegExp(`^${state}\\s*[:—–-]\\s*`).exec(entry.event);

/** A timeline event that tells of a failure or a mistake. */
const WENT_WRONG = /(?<![\p{L}])(?:accidental\p{L}*|by mistake|mistaken\p{L}*|fail(?:s|ed|ing)?|stops?|stopped|crash\p{L}*|grows|spik\p{L}*|hammer\p{L}*|removes?|deletes?|drops?|ошибочно|случайно|упал\p{L}*|удалил\p{L}*)(?![\p{L}])/iu;

/** A timeline event that says it did not help is not how the incident was resolved. */
const NO_EFFECT = /(?<![\p{L}])(no effect|had no effect|did(?:n'?t| not) help|without effect|без эффекта|не помогл\p{L}*|безрезультатно|효과 없)(?![\p{L}])|(?<![\p{L}])(fails?|failed|падает|упал\p{L}*)(?![\p{L}])/iu;

/** Words that state the incident's state: where its status is said. */
const STATUS_SAID = /\b(?:OUTAGE ENDS|resolved|closed|mitigated|back to (?:normal|baseline)|fully (?:recovered|restored|operational))\b|(?<![\p{L}])(?:решено|закрыт\p{L}*|восстановлен\p{L}*|показали правильн\p{L}*|해결됨|종료)(?![\p{L}])/iu;

/** Where a timeline entry marks a turn of the incident. */
const STARTED = /\b(?:OUTAGE BEGINS|IMPACT BEGINS|(?<!\b(?:on|at|upon) )(?:begins?|began|start(?:s|ed)?)(?! (?:to )?investigat\p{L}*| (?:to )?look(?:ing)? into| the investigation| (?:to )?work(?:ing)?\b| (?:to )?replac\p{L}*| on (?:a|the) (?:fix|solution))|first (?:\d{3}s? )?(?:failed|failures?|errors?))\b|(?<!\b(?:errors?|5\d\ds?|alerts?|we|I|the|a) )\b(?:stops|stopped|stalls|stalled|crash(?:es|ed)|goes down|went down)\b|^(?:[\p{L}\d.-]+\s){1,3}(?:is|was) (?:hard |completely )?down\b|^(?:from|since|с)\s+\d{1,2}:\d{2}(?!\s*(?:to|until|до|по)\s)|(?<![\p{L}])(?:начал\p{L}*(?!\s+(?:писать|жаловаться|звонить|сообщать|разбира\p{L}*|смотреть|искать|выяснять))|пошл\p{L}*|перв\p{L}* неудачн\p{L}*|впервые|завис\p{L}*|упал[аио]?|перестал\p{L}*|시작)(?![\p{L}])|(?<![\p{L}])(?:jumped|spiked|surged|climbed|shot up)(?![\p{L}])|(?:분|시)(?:경|쯤)?부터\s/iu;
const NOTICED = new RegExp(String.raw`\b(?:INCIDENT BEGINS|pagerduty|opsgenie|victorops|alertmanager|(?:support|customers?|users?|partners?)\s+(?:asks?|asked|complain(?:s|ed)?|pings?|pinged|writes?|wrote|calls?|called)|alert(?:ed|s)? (?:fired|triggered)|(?:monitor|alarm|check|probe)s?\b[^.;]{0,40}?\b(?:fires|fired|triggers|triggered|went off|goes off)|(?<!no )alerts?\b|paged|pages (?:the|on-?call)|(?:reports?|reported)(?! (?:success|ok|no errors|healthy|green))|noticed|detected|discovered|first (?:\w+ )?(?:ticket|signal|report|reply|complaint)s?|escalat\w*|responds? to alarms|identified)\b|(?<![\p{L}])(?:алерт\p{L}*|заметил\p{L}*|сообщил\p{L}*|сообщают|обнаруж\p{L}*|выяснил\p{L}*|звонит|(?:начали|стали)\s+(?:писать|жаловаться|звонить)|(?:мониторинг\p{L}*|монитор\p{L}*|проверк\p{L}*)(?:\s+\p{L}+){0,3}\s+сработал\p{L}*|сработал\p{L}*\s+(?:мониторинг\p{L}*|алерт\p{L}*|проверк\p{L}*)|(?:написали|пишут|обратил\p{L}*)\s+в\s+поддержку|написал\p{L}*,? что|жалоб\p{L}*)(?![\p{L}])|${KO_ALERT}`, 'iu');
const ENDED_WRITTEN = /\b(?:OUTAGE ENDS|IMPACT ENDS|ends|resolved|recover(?:ed|y)|restored|back to (?:normal|baseline|zero)|back online|(?:is|are) back up|drained|fully|operational|normal(?:ised|ized)?|mitigated|stabili[sz]ed|confirmed working|(?:problem|issue) was (?:solved|fixed|resolved)|(?:works?|worked|working) again|caught up|(?:delivered|sent|processed|arriving|flowing) again|(?:all|every) [\w ]{0,30}?(?:delivered|processed|sent) (?:again|now|by)|(?:all|every) [\w ]{0,30}?(?:delivered|processed|sent)$)\b|\b(?:errors?|5\d\ds?) stopped\b|(?<![\p{L}])(?:восстанов\p{L}*|нормализ\p{L}*|разобран\p{L}*|дочитал\p{L}*|догнал\p{L}*|поднят\p{L}*|синхронизир\p{L}*|прекратил\p{L}*|정상화|종료(?!\s?(?:시각|시간|예정))|복구|회복|해소|(?<!배포\s?)완료(?!\s?(?:시각|시간|예정))(?:,|$))(?![\p{L}])/iu;
/** Over, as a typed log says it too: "incident closed", «инцидент закрыт», "p99 back under 300ms", «p99 вернулся к 300 мс». */
const ENDED = new RegExp(String.raw`${ENDED_WRITTEN.source}|(?<![\p{L}])(?:(?:incident|инцидент) (?:is )?(?:closed|закрыт)|(?:снова|опять) работа(?:ет|ют)|${WENT_THROUGH}|(?:p\d\d|latency|error rate|задержк\p{L}*|время ответа) (?:is |are )?(?:back (?:under|below|to|within)|вернул\p{L}*))(?![\p{L}])`, 'iu');

/** Words that say it went unnoticed: "no alert fired", «никто не заметил», «алерт не сработал», '아무도 몰랐'. */
// "Nobody noticed until customers reported at 15:10" tells when it was noticed.
const UNNOTICED = /(?:\bno alerts?\b|\b(?:nobody|no one) noticed\b|\bwent unnoticed\b|\bdid(?:n'?t| not) notice\b|алерт[а-я]* не|(?<![\p{L}])не (?:заметил\p{L}*|обнаружил\p{L}*|сработал\p{L}*)|아무도 몰랐|알림이 (?:안|없))(?!,?\s+(?:until|till|пока|до тех пор))/iu;
/** An entry that tells of the incident being noticed, not of it going unnoticed. */
const tellsOfNotice = (entry: TimelineEntry) => NOTICED.test(entry.event) && !UNNOTICED.test(entry.event);

/** "between 09:12 and 11:38", "from 16:58 to 18:46", "с 18:41 06.04 до 02:10", "20:03 ~ 20:51", "13:40부터 14:25까지". */
export function statedRange(text: string): { from: string; to: string } | undefined {
  if (!/\d:\d\d.*\d:\d\d/.test(text)) return spokenRange(text);
  const t = String.raw`(\d{1,2}:\d{2}(?:\s*[AP]M)?)`;
  const date = String.raw`(?:\s+\d{1,2}\.\d{1,2}(?:\.\d{2,4})?)?`;
  const patterns = [
    new RegExp(String.raw`(?<![\p{L}])(?:between|from|с|со|from about)\s+${t}${date}(?:\s*\(?[A-ZА-Я]{2,5}\)?)?\s+(?:and|to|until|till|до|по)\s+${t}`, 'iu'),
    new RegExp(String.raw`${t}\s*(?:[~–—]|-(?!\d{2}-))\s*${t}`, 'u'),
    new RegExp(String.raw`${t}\s*부터\s*${t}`, 'u'),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return { from: match[1]!, to: match[2]! };
  }
  return spokenRange(text);
}

/** A range of times written in words: "오전 10시 5분부터 10시 48분까지", «с девяти сорока до десяти». */
function spokenRange(text: string): { from: string; to: string } | undefined {
  const times = findTimes(text);
  for (let i = 0; i + 1 < times.length; i++) {
    const [a, b] = [times[i]!, times[i + 1]!];
    const between = text.slice(a.index + a.length, b.index);
    const before = text.slice(Math.max(0, a.index - 16), a.index);
    const spans = /^\s*(?:부터|에서)\s*$|^\s*[~–—-]\s*$/u.test(between) || (/^\s*,?\s+(?:(?:и|and)\s+)?(?:and|to|until|till|до|по)\s+$/iu.test(between) && /(?<![\p{L}])(?:between|from|с|со)\s+$/iu.test(before));
    if (spans) return { from: a.text, to: b.text };
  }
  return undefined;
}

/** A time with the zone written after it: "14:02 UTC", "21:05 МСК". */
function timeWithZone(text: string, time: string): string {
  const at = text.indexOf(time);
  const zone = at >= 0 ? ZONE.exec(text.slice(at + time.length)) : null;
  return zone ? `${time} ${zone[1]}` : time;
}

/** Lines of a slot, or of the candidate's opening prose when it has no such slot. */
function slotLines(section: Section, slots: Slot[]): Line[] {
  return slotContents(section, slots).flatMap((c) => c.lines);
}

/** A mail's header (From, To, Subject, Date) and a ticket's fields: when a message or ticket was made, not what happened. */
function mailHeaderLines(section: Section): Set<number> {
  const header = new Set(section.parts.filter((p) => p.slot?.startsWith('mail') || p.slot === 'ticketField').map((p) => p.line));
  // A reply quotes what it answers under "On Tue, Nov 17, 2026 at 3:20 PM Kai <kai@…> wrote:": when that was sent.
  for (const line of section.lines) if (QUOTE_ATTRIBUTION.test(line.text)) header.add(line.number);
  return header;
}

const QUOTE_ATTRIBUTION = /^\s*(?:>\s*)*(?:On\s.{5,140}\swrote|.{2,140}\s(?:пишет|писал(?:\(а\)|а)?|написал(?:\(а\)|а)?)|.{2,100}님이 작성)\s*:\s*$|^\s*-{2,}\s*(?:Original Message|Исходное сообщение|원본 메시지)\s*-{2,}\s*$/iu;


/** A ticket's comment or a log's entry that says it found the cause: «Нашёл: в новой версии конфига …». */
function foundInTimeline(timeline: TimelineEntry[]): CitedText | undefined {
  for (const entry of timeline) {
    const text = toldAfter(entry.event);
    if (text) return { text, cite: entry.cite };
  }
  return undefined;
}

/**
 * "Actions" (a runbook's label for its steps) over items that each name who does them or by when
 * ("… (owner: Sam, due 2026-12-07)", "… — @marco (ENG-1201)"): in a postmortem, what is still to
 * be done. Without owners it stays what was done to fix it.
 */
function assignedActions(section: Section): SlotContent[] {
  return slotContents(section, 'steps').filter((content) => {
    if (content.part.form !== 'heading' && content.part.value) return false;
    const items = followUpsOf(content, dateContext(section));
    return items.length > 0 && items.filter((item) => item.owner || item.due || item.ticket).length * 2 >= items.length;
  });
}

function followUpLines(section: Section): Line[] {
  const inSlot = new Set(slotLines(section, ['followUps']).map((l) => l.number));
  return section.lines.filter((l) => !inSlot.has(l.number) && FOLLOW_UP_SAID.test(plainLine(l.text)));
}

/** The lines before the first section: a note's opening paragraph (asked for by several fields: read once). */
const openings = new WeakMap<Section, Line[]>();

function openingLines(section: Section): Line[] {
  let known = openings.get(section);
  if (!known) openings.set(section, (known = readOpeningLines(section)));
  return known;
}

function readOpeningLines(section: Section): Line[] {
  const firstHeading = section.parts.find((p) => p.form === 'heading');
  const header = mailHeaderLines(section);
  // A note of labels and no headings is all opening; what it lists as to do or learned tells nothing of the outage.
  const afterwards = new Set(slotLines(section, ['followUps', 'lessons', 'whatWentWell', 'whatWentWrong']).map((l) => l.number));
  // Nor do the lines a label of another field opens ("How it was found: …"): they are that field's.
  // A label inside a line ("… log in. Fix: we flushed …") leaves the line's start to the story.
  for (const content of slotContents(section, ['detection', 'resolution', 'rootCause', 'trigger', 'timeline', 'context'])) {
    for (const line of content.lines) {
      const opens = plainLine(section.ctx.parsed.lines[line.number - 1] ?? '').replace(/^[*_]+/, '').toLowerCase().startsWith(content.part.label.toLowerCase());
      if (line.number !== content.part.line || opens) afterwards.add(line.number);
    }
  }
  // The title names the incident; its words ("결제 알림 지연") are no sentence of the story.
  const title = section.candidate.titleLine;
  const written = lineUnderTitleWord(section)?.number;
  return section.lines.filter((l) => (!firstHeading || l.number < firstHeading.line) && l.number !== title && l.number !== written && !header.has(l.number) && !afterwards.has(l.number));
}

function incidentDate(section: Section, year: number | undefined, title: CitedText): (CitedText & { inferred: boolean }) | undefined {
  const labelled = slotContents(section, 'date').filter((c) => c.part.form !== 'frontmatter');
  const titleLine = (title.cite[0] as LineCitation | undefined)?.lines[0] ?? section.candidate.titleLine;
  // A byline's date is when the post was written: the story's own day comes first, the byline's is the last resort.
  const byline = bylineOf(section)?.line;
  const candidates: Line[][] = [
    labelled.flatMap((c) => c.lines.slice(0, 1)),
    slotLines(section, ['moment']),
    // The title as shown, and as written ("Разбор сбоя от 07.10.2026" is shown by what happened).
    [{ number: titleLine, text: title.text }, { number: titleLine, text: section.ctx.parsed.lines[titleLine - 1] ?? '' }],
    slotLines(section, ['summary', 'overview', 'whatHappened']),
    openingLines(section).filter((l) => l !== byline),
    byline ? [byline] : [],
  ];
  for (const lines of candidates) {
    for (const line of lines) {
      const found = findDates(line.text, year)[0];
      if (found) return { text: found.date, cite: cite(section, line.number), inferred: false };
    }
  }
  return undefined;
}

function frontmatterDate(section: Section): (CitedText & { inferred: boolean }) | undefined {
  const part = slotContents(section, 'date').find((c) => c.part.form === 'frontmatter')?.part;
  const found = part ? findDates(part.value)[0] : undefined;
  return part && found ? { text: found.date, cite: cite(section, part.line), inferred: false } : undefined;
}

/** "в четверг", "yesterday": resolved against the date the note was written, marked inferred. */
export function relativeDate(section: Section, lines: Line[] = section.lines): (CitedText & { inferred: boolean }) | undefined {
  const written = writtenOn(section);
  if (!written) return undefined;
  for (const line of lines) {
    const date = resolveRelativeDate(line.text, written.date);
    if (date) return { text: date, cite: [...cite(section, line.number), ...cite(section, written.line)], inferred: true };
  }
  return undefined;
}

/**
 * A day written without its year ("14.04", "14 апреля") took the year from elsewhere in the note
 * (a mail's Date line): that line is cited too, so the citation holds the whole date.
 */
function withYearLine<T extends CitedText>(section: Section, date: T): T {
  const year = date.text.slice(0, 4);
  const cited = date.cite.flatMap((c) => ('lines' in c ? section.lines.filter((l) => l.number >= c.lines[0] && l.number <= c.lines[1]) : []));
  if (cited.some((l) => l.text.includes(year) || l.text.includes(`'${year.slice(2)}`))) return date;
  const giver = section.lines.find((l) => l.text.includes(year) && findDates(l.text).some((d) => d.date.startsWith(year)));
  return giver ? { ...date, cite: [...date.cite, ...cite(section, giver.number)] } : date;
}

/** Rows of a record table that tell what happened at a time (not a duration's or a time-to-detect's figures). */
const TOLD_ROWS = new Set<Slot>(['moment', 'resolution', 'detection', 'whatHappened', 'response', 'trigger', 'fault']);

/** The timeline: its slot, else a table or timed lines anywhere, else the times the text gives. */
export function incidentTimeline(section: Section, options: { year?: number; day?: string }): TimelineEntry[] {
  for (const content of slotContents(section, 'timeline')) {
    const entries = timelineFromSlot(content, options);
    if (entries.length > 0) return entries;
  }
  const fromTables = timelineFromTables(section, options);
  if (fromTables.length > 0) return fromTables;
  const updates = timelineFromStatusUpdates(section, options);
  if (updates.length >= 2) return updates;
  const timed = timelineFromTimedLines(section, options);
  if (timed.length > 0) return timed;
  for (const line of section.lines) {
    if (!/→|->|⟶|\s·\s/.test(line.text)) continue;
    const chain = fromChain(section, line, line.text);
    if (chain.filter((e) => e.time).length >= 2) return chain.map((e) => ({ ...e, date: options.day }));
  }
  // A mail's header ("Date: Tue, 14 Apr 2026 16:02") says when it was sent, not what happened.
  const header = mailHeaderLines(section);
  // What is to be done ("Alert when the export has not finished by 03:00") has no moment of the incident.
  const written = new Set([...followUpLines(section), ...slotLines(section, ['followUps'])].map((l) => l.number));
  // A heading's time ("## Timeline (relative to ETL start, 02:00 UTC)") names when its entries count from, no entry.
  // A report's record table ("| 발생 일시 | 2026-11-26 19:40 |", "| 조치 내용 | 20:10 롤백, … |") tells its times as its labels do.
  const rows = new Map(section.parts.filter((p) => p.form === 'row' && p.value && (p.slot === undefined || TOLD_ROWS.has(p.slot) || momentOf(p.label)) && findTimes(p.value).length > 0).map((p) => [p.line, `${p.label}: ${p.value}`]));
  const told = section.lines.flatMap((l) => (rows.has(l.number) ? [{ number: l.number, text: rows.get(l.number)! }] : /^\s*(?:\||#)/.test(l.text) ? [] : [l]));
  const entries = fromProse(section, told.filter((l) => !header.has(l.number) && !written.has(l.number)), options);
  // "복구 일시: 20:25" beside "20:25 캐시 초기화 후 정상화": the label says less than what happened at that time.
  const onlyLabel = (e: TimelineEntry) => section.parts.some((p) => (p.form === 'row' || p.form === 'label') && p.line === (e.cite[0] as LineCitation).lines[0] && clean(p.label) === e.event);
  return entries.filter((e) => !(onlyLabel(e) && entries.some((o) => o !== e && o.time === e.time && !onlyLabel(o))));
}

/** The first of the readers, tried in order, that finds a text: later ones are not run. */
function firstText(...readers: Array<() => CitedText | undefined>): CitedText | undefined {
  for (const read of readers) {
    const value = read();
    if (value && value.text.trim()) return value;
  }
  return undefined;
}

/** Words that say a span is how long the impact lasted: "for", "lasting", "ушло", "в течение", "동안". */
const LASTED = /(?<![\p{L}])(for|lasting|lasted|took|of (?:incomplete|no|degraded)|downtime|outage|в течение|длил\p{L}*|ушло|занял\p{L}*|простой|без|на восстановление|동안|소요)(?![\p{L}])/iu;
/** Spans that are settings, not how long anything lasted. */
const NOT_A_SPAN = /(?<![\p{L}])(ttl|threshold|every|timeout|retention|interval|window|порог|кажд\p{L}*|хранени\p{L}*|интервал\p{L}*|лимит\p{L}*)(?![\p{L}])|주기/iu;
/** A span of a response time ("p99 8 s", «평균 8초», "응답이 6초까지", "10초 이상 지연"): no length of the incident, unless said to be one ("45분 동안"). */
const LATENCY_NEAR = /(?<![\p{L}])(latency|response times?|p9\d|average|avg|время ответа|в среднем)(?![\p{L}])|응답|평균|(?<![\p{L}])(?:took|taking|up to|до)\s+(?:up to\s+)?\d+(?:[.,]\d+)?\s*(?:s|secs?|seconds?|ms|сек\p{L}*|секунд\p{L}*)(?![\p{L}])|\d+\s*초까지|\d+\s*초\s*(?:이상|넘게|가량|정도|씩)?\s*지연|(?<![\p{L}])(?:delayed by|delays? of|задержк\p{L}*(?: до| в)?)\s+\d+(?:[.,]\d+)?\s*(?:s|secs?|seconds?|ms|сек\p{L}*|секунд\p{L}*)(?![\p{L}])/iu;

/** A lasting word right before a span ("for 45 minutes", «в течение 45 минут») or right after it ("45분 동안"). */
function lastedNextTo(text: string, span: { text: string; index: number }): boolean {
  const end = span.index + span.text.length;
  const before = text.slice(Math.max(0, span.index - 16), span.index);
  // "took up to 12 seconds" is a peak, not how long it lasted.
  if (/(?<![\p{L}])(?:up to|до)\s*$/iu.test(before)) return false;
  return LASTED.test(before) || LASTED.test(text.slice(end, end + 10));
}

function durationOf(section: Section): CitedText | undefined {
  const search: Line[][] = [
    slotLines(section, ['duration']),
    slotLines(section, ['date']),
    slotLines(section, ['summary', 'overview']),
    slotLines(section, ['impact']),
    openingLines(section).slice(0, 12),
    slotLines(section, ['resolution', 'whatHappened']),
    slotLines(section, ['timeToRecover']),
  ];
  let fallback: CitedText | undefined;
  for (const lines of search) {
    for (const line of lines) {
      if (!/\d/.test(line.text)) continue;
      const spans = findDurations(line.text);
      // "p99 up to 12 s, search slow for 45 minutes": the span next to its "for" is the one that lasted.
      const found = spans.find((d) => lastedNextTo(line.text, d)) ?? spans[0];
      if (!found) continue;
      const around = line.text.slice(Math.max(0, found.index - 30), found.index + found.text.length + 15);
      if (NOT_A_SPAN.test(around) || (LATENCY_NEAR.test(around) && !lastedNextTo(line.text, found))) continue;
      const candidate = { text: found.text, cite: cite(section, line.number) };
      // A span said to be the length of the impact wins; the first other one is kept in case none is.
      if (LASTED.test(line.text.slice(Math.max(0, found.index - 30), found.index + found.text.length + 30)) || lines === search[0]) return candidate;
      fallback ??= candidate;
    }
  }
  return fallback;
}

/** The times a record's labelled moments give: "| Started at | 2026-11-14 09:12 UTC |", "Detected: 09:19". */
function labelledMoments(section: Section): Partial<Record<Moment, CitedText>> {
  const found: Partial<Record<Moment, CitedText>> = {};
  for (const part of section.parts) {
    const moment = part.slot === 'moment' ? momentOf(part.label) : undefined;
    const time = moment && findTimes(part.value)[0];
    if (moment && time && !found[moment]) found[moment] = { text: timeWithZone(part.value, time.text), cite: cite(section, part.line) };
  }
  return found;
}

/**
 * A timeline's colour marks: "🔴 14:02 Redis primary fails over" opens it, "🟢 14:42 All flags
 * served fresh again" (or ✅) closes it. Read from the entry's own line, where the mark stands.
 */
function statusMark(section: Section, entry: TimelineEntry): 'red' | 'green' | undefined {
  const line = (entry.cite[0] as LineCitation | undefined)?.lines[0];
  const text = line ? section.ctx.parsed.lines[line - 1] ?? '' : '';
  const mark = /^\s*(?:[-*+•|]\s*)?(🔴|🚨|🟥|✅|🟢|🟩)/u.exec(text)?.[1];
  return mark ? (/[🔴🚨🟥]/u.test(mark) ? 'red' : 'green') : undefined;
}

/**
 * «## Что пошло не так» written as prose, not a list of the response's faults: where no section or
 * sentence names a cause, it tells what broke and why («Ночной ETL упал … а алерт … был выключен»).
 */
function toldWhatWentWrong(section: Section): CitedText | undefined {
  const content = slotContents(section, 'whatWentWrong').find((c) => c.lines.some((l) => l.text.trim()) && c.lines.every((l) => !/^\s*(?:[-*+•]|\d{1,2}[.)])\s/.test(l.text)));
  return content ? slotText(content) : undefined;
}

/** An entry that tells the failure itself: errors, 5xx, something down or answering wrongly. */
const FAILING = /(?<![\p{L}\d])5\d\d(?!\d)|(?<![\p{L}])(?:errors?|failing|failed|down|unavailable|ошибк\p{L}*|отда[её]т|не работа\p{L}*|недоступ\p{L}*|без кворума|таймаут\p{L}*)(?![\p{L}])/iu;

/** An entry about the work after the incident: "postmortem scheduled", «разбор назначен», "회고". */
const FOLLOW_UP_ENTRY = /(?<![\p{L}])(?:post-?mortem|retro\p{L}*|review|follow-?ups?|разбор\p{L}*|постмортем\p{L}*|ретро\p{L}*)(?![\p{L}])|회고|사후 분석/iu;

/** Start, detection and end of the impact, each as written with its zone. */
function turningPoints(section: Section, timeline: TimelineEntry[]) {
  const rangeSources = [...slotLines(section, ['date', 'duration', 'summary', 'overview', 'impact', 'whatHappened']), ...openingLines(section)];
  let started: CitedText | undefined;
  let resolved: CitedText | undefined;
  let rangeStated = false;
  for (const line of rangeSources) {
    // "02:17–06:30 никто не заметил" is how long it went unseen, not how long it lasted.
    const range = UNNOTICED.test(line.text) ? undefined : statedRange(line.text);
    if (range) {
      rangeStated = true;
      started = { text: timeWithZone(line.text, range.from), cite: cite(section, line.number) };
      resolved = { text: timeWithZone(line.text, range.to), cite: cite(section, line.number) };
      break;
    }
  }
  // A record that labels its moments says which is which; its "Resolved at" wins over "Mitigated at".
  const moments = labelledMoments(section);
  if (moments.started) {
    started = moments.started;
    rangeStated = true;
  }
  resolved = moments.resolved ?? moments.mitigated ?? resolved;
  const timed = timeline.filter((e) => e.time);
  const at = (entry: TimelineEntry | undefined) => (entry ? { text: entry.time, cite: entry.cite } : undefined);
  if (!started) started = at(timed.find((e) => /\bBEGINS\b/.test(e.event) && !/INCIDENT BEGINS/.test(e.event)) ?? timed.find((e) => statusMark(section, e) === 'red') ?? timed.find((e) => STARTED.test(e.event)));
  const startIndex = Math.max(0, timed.findIndex((e) => started && (started.text.endsWith(e.time) || started.text.includes(e.time))));
  if (!resolved) {
    const after = timed.slice(startIndex + 1);
    const ends = after.filter((e) => ENDED.test(e.event) && !NO_EFFECT.test(e.event));
    // "reverted at 10:38 and the hit rate recovered within five minutes; latency was back to normal at
    // 10:45": a fix told with its effect is when it was done; the end is the entry right after that says so.
    const end = ends[0] && FIX.test(ends[0].event) && ends[1] && after.indexOf(ends[1]) === after.indexOf(ends[0]) + 1 ? ends[1] : ends[0];
    resolved = at(after.find((e) => /\b(?:OUTAGE|IMPACT) ENDS\b/.test(e.event)) ?? [...after].reverse().find((e) => statusMark(section, e) === 'green') ?? end);
  }
  // No entry ends it: the resolution's sentence that says it is over gives the time ("… back to zero by 16:52").
  if (!resolved) {
    const over = sentences(slotLines(section, ['resolution'])).find((s) => ENDED.test(s.text) && !NO_EFFECT.test(s.text) && findTimes(s.text).length > 0);
    const time = over ? findTimes(over.text).at(-1) : undefined;
    if (over && time) resolved = { text: timeWithZone(over.text, time.text), cite: cite(section, over.from, over.to) };
  }
  // A ticket closed with the incident: its "Resolved: 2026-10-21 11:02" field.
  if (!resolved) {
    const field = section.parts.find((p) => p.slot === 'ticketField' && /^(?:resolved|решен[оа]?|해결일)$/iu.test(p.label.trim().replace(/[:：]$/, '')));
    const time = field ? findTimes(field.value)[0] : undefined;
    if (field && time) resolved = { text: timeWithZone(field.value, time.text), cite: cite(section, field.line) };
  }
  // A timeline whose last entry comes after what fixed it ("08:55 снял блокировку и перезапустил воркер",
  // "09:10 все выплаты отправлены"): that last entry, when the note says how it was resolved.
  if (!resolved && timed.length >= 3 && slotLines(section, ['resolution']).length > 0) {
    const fixAt = timed.findLastIndex((e) => FIX.test(e.event) && !NO_EFFECT.test(e.event));
    const last = timed.at(-1)!;
    if (fixAt >= 0 && fixAt === timed.length - 2 && !NOTICED.test(last.event) && !FOLLOW_UP_ENTRY.test(last.event)) resolved = at(last);
  }
  // Detection: the detection section's first time, else the first entry that tells of an alert or a report.
  const detectionLines = slotLines(section, ['detection']);
  let detected: CitedText | undefined = moments.detected;
  for (const line of detected ? [] : detectionLines) {
    const time = findTimes(line.text)[0];
    if (time) {
      detected = { text: timeWithZone(line.text, time.text), cite: cite(section, line.number) };
      break;
    }
  }
  // Nothing is noticed before it starts: "14:51 News reports a new sonnet" comes before "14:54 OUTAGE BEGINS".
  // Only a start the note marks as such bounds it ("begins investigation" is no start of the impact).
  const markedStart = started && (rangeStated || timed[startIndex] && /\b(?:OUTAGE|IMPACT) BEGINS\b/.test(timed[startIndex]!.event));
  const fromStart = markedStart ? timed.slice(startIndex) : timed;
  if (!detected) detected = at(fromStart.find(tellsOfNotice));
  // "29 апреля … выяснилось, что …": the first entry of the day the problem was found.
  if (!detected) {
    const found = sentences([...slotLines(section, ['detection', 'whatHappened', 'summary']), ...openingLines(section)]).find((s) => DETECTED.test(s.text));
    const day = found ? findDates(found.text, documentYear(section))[0]?.date : undefined;
    if (day) detected = at(timed.find((e) => e.date === day));
  }
  return { started: corroborate(section, started, STARTED), detected: corroborate(section, detected, NOTICED), resolved: corroborate(section, resolved, ENDED) };
}

/** Adds to a time's citation the other lines that state the same time with words of the same turn. */
function corroborate(section: Section, value: CitedText | undefined, words: RegExp): CitedText | undefined {
  if (!value) return value;
  const time = findTimes(value.text)[0];
  if (!time) return value;
  const cited = new Set(value.cite.map((c) => (c as LineCitation).lines[0]));
  const more = section.lines.filter((l) => !cited.has(l.number) && findTimes(l.text).some((t) => t.minutes === time.minutes) && words.test(l.text) && !(words === NOTICED && UNNOTICED.test(l.text))).slice(0, 2);
  return more.length ? { text: value.text, cite: [...value.cite, ...more.flatMap((l) => cite(section, l.number))] } : value;
}

function severityOf(section: Section): { value: string; line: number } | undefined {
  const labelled = slotValue(section, 'severity');
  if (labelled) {
    const read = readSeverity(labelled.text);
    if (read) return { value: read.value, line: (labelled.cite[0] as LineCitation).lines[0] };
  }
  // "[P1] Checkout errors": the level tagged on the title.
  const tag = SEVERITY_TAG.exec(section.candidate.title);
  const tagged = tag ? readSeverity(tag[1]!) : undefined;
  if (tagged) return { value: tagged.value, line: section.candidate.titleLine };
  for (const line of section.lines) {
    if (!/sev|серь|심각/i.test(line.text)) continue;
    const found = readSeverity(line.text.replace(/^[^]*?(?=(?<![\p{L}])(?:sev|severity|серь[её]зност|심각도))/iu, ''));
    if (found && /(?<![\p{L}])(?:sev|severity|серь[её]зност|심각도)/iu.test(line.text) && /\d/.test(found.value)) return { value: found.value, line: line.number };
  }
  return undefined;
}

function statusOf(section: Section, timeline: TimelineEntry[], resolved: CitedText | undefined): { value: IncidentInput['status']; cite?: CitedText['cite'] } {
  const labelled = slotValue(section, 'status');
  const stated = labelled ? readIncidentStatus(labelled.text) : undefined;
  if (labelled && stated) return { value: stated, cite: labelled.cite };
  const last = [...timeline].reverse().find((e) => /\b(resolved|closed|mitigated|ENDS)\b|закрыт|решен|해결|종료/iu.test(e.event));
  if (last) return { value: /mitigated/i.test(last.event) ? 'mitigated' : 'resolved', cite: last.cite };
  // An incident whose impact ended is over: the lines that say so are the status's citation.
  if (resolved) return { value: 'resolved', cite: resolved.cite };
  // An entry without a time that says it ended ("2022-06-10 HH:mm | we confirmed that the problem was solved").
  const ended = [...timeline].reverse().find((e) => ENDED.test(e.event) && !NO_EFFECT.test(e.event));
  if (ended) return { value: 'resolved', cite: ended.cite };
  // Said in the story: its summary, what happened, how it was resolved.
  const told = [...slotLines(section, ['resolution', 'summary', 'whatHappened', 'overview']), ...openingLines(section)];
  const recovered = told.find((l) => l.text.length < 2000 && ENDED.test(l.text) && !NO_EFFECT.test(l.text));
  if (recovered) return { value: 'resolved', cite: cite(section, recovered.number) };
  return { value: 'unknown' };
}

export function dateContext(section: Section): DateContext {
  return { year: documentYear(section), written: writtenOn(section)?.date, author: writerOf(section) };
}

/**
 * "письма не отправлялись: почтовый провайдер заблокировал наш домен …", "uploads failed: the
 * policy lost its grant": what broke, a colon, and the clause of four words or more that says why.
 */
function toldThenWhy(text: string): { told: string; why: string } | undefined {
  const colon = /[:：]\s+/u.exec(text);
  if (!colon || colon.index < 12 || LABEL_LEAD.test(text)) return undefined;
  const [told, why] = [text.slice(0, colon.index), text.slice(colon.index + colon[0].length)];
  return IMPACTED.test(told) && why.split(/\s+/).length >= 4 ? { told, why: why.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) } : undefined;
}

/** The first summary sentence told so, when no sentence names a cause. */
function explainedAfterColon(section: Section, lines: Line[]): CitedText | undefined {
  for (const sentence of sentences(lines)) {
    const split = toldThenWhy(sentence.text);
    if (split && !findTimes(split.why).length) return { text: split.why, cite: cite(section, sentence.from, sentence.to) };
  }
  return undefined;
}

/** A cause sentence told so ("…не получали коды: SMS-шлюз отклонял отправку из-за …"): its clause after the colon. */
function whyOfCause(cause: CitedText | undefined): CitedText | undefined {
  const split = cause ? toldThenWhy(cause.text) : undefined;
  return cause && split && !CAUSE.test(split.told) && CAUSE.test(split.why) ? { ...cause, text: split.why } : cause;
}

/** "The BFF cached the old JWKS for 24 hours, so every new login failed": what was, and the failure it led to. */
const SO_IT_FAILED = /,\s+(?:so|and so|which meant|поэтому|так что|из-за чего|в результате)\s+(?:that\s+)?(?:[\p{L}\d'-]+\s+){0,8}?(?:failed|fail(?:s|ing)?|errored|broke|stopped|timed out|could(?:n'?t| not)|were rejected|падал\p{L}*|упал\p{L}*|не (?:работал|проходил|открывал|мог)\p{L}*|перестал\p{L}*)(?![\p{L}])/iu;

/** "## Why" is an ADR's context in What/Why/How records; in a postmortem it is why it happened. */
function whySection(section: Section): CitedText | undefined {
  const why = slotContents(section, 'context').find((c) => /^(?:why|왜)$/iu.test(c.part.label.trim().replace(/[:：?]$/, '')));
  return why ? slotText(why) : undefined;
}

/** A timeline entry as a field's text: "rollback to v4.11 started (09:58)". */
/**
 * "## Remediation" opening with what was done ("We reverted the changes and released 1.270.1.")
 * before its list of what is still to do: that paragraph is the fix, the list the follow-ups.
 */
function remediationDone(section: Section): CitedText | undefined {
  for (const content of slotContents(section, 'followUps')) {
    if (content.part.form !== 'heading' || !/^remediation\b/i.test(content.part.label.trim())) continue;
    const paragraph: Line[] = [];
    for (const line of content.lines) {
      if (!line.text.trim()) {
        if (paragraph.length) break;
        continue;
      }
      if (/^\s*(?:#|[-*+]\s|\d{1,2}[.)]\s|\|)/.test(line.text)) break;
      paragraph.push(line);
    }
    const text = clean(plainLine(paragraph.map((l) => l.text).join(' ')));
    if (text && FIX.test(text)) return { text, cite: cite(section, paragraph[0]!.number, paragraph.at(-1)!.number) };
  }
  return undefined;
}

/** A line of a field that tells nothing of the impact ("**Customer:** Northwind", "Service: 10G transit, circuit …"). */
function otherField(text: string): boolean {
  const label = /^\s*(?:[-*]\s+)?(?:\*\*|__)?([\p{L} ]{2,30}?)(?:[:：](?:\*\*|__)|(?:\*\*|__)?\s*[:：])\s/u.exec(text)?.[1];
  if (label === undefined) return false;
  const slot = slotOf(label)?.slot;
  return slot === undefined ? /^(?:customer|client|account|service|circuit|ticket|клиент|заказчик|сервис|услуга|고객사|서비스)$/iu.test(label.trim()) : !TOLD_OF_IMPACT.has(slot);
}
const TOLD_OF_IMPACT = new Set<Slot>(['impact', 'summary', 'whatHappened', 'overview', 'fault', 'mailSubject']);

function entryText(entry: TimelineEntry | undefined): CitedText | undefined {
  // "reverted the config at 10:41" says its time already.
  // "Update: About 18% of requests failed …": a status update's state is the timeline's, not the field's.
  const event = entry ? entry.event.replace(/^(?:Update|Investigating|Monitoring)\s*:\s+/, '') : '';
  return entry ? { text: `${event}${entry.time && !event.includes(entry.time) ? ` (${entry.time})` : ''}`, cite: entry.cite } : undefined;
}

/** An entry of several sentences ("Нашёл: … . Откатил конфиг …", a comment) from the one that tells the fix. */
function fromFix(entry: TimelineEntry): TimelineEntry {
  const sentences = entry.event.split(/(?<=[.!?])\s+(?=\S)/u);
  const at = sentences.findIndex((s) => FIX.test(s) && !NO_EFFECT.test(s));
  return at > 0 ? { ...entry, event: sentences.slice(at).join(' ') } : entry;
}

/** "Time to detection: 64 minutes" and the first entry that tells of a report or an alert. */
function detectionFromStats(section: Section, event: TimelineEntry | undefined): CitedText | undefined {
  // "Time to detection: ???", "N/A": a stat the template left unfilled says nothing.
  const said = slotValue(section, 'timeToDetect');
  const stat = said && /[\p{L}\d]/u.test(said.text) && !/^(?:n\/?a|tbd|unknown|none|-+|—)$/iu.test(said.text.trim()) ? said : undefined;
  const told = entryText(event);
  if (stat && told) return { text: `${stat.text} to detection; first signal: ${told.text}`, cite: [...stat.cite, ...told.cite] };
  return stat ?? told;
}

/**
 * "## Root cause and resolution", «## Причина и решение», "## 원인 및 조치": one section tells both;
 * the cause is what it says before the first sentence of what was done, the fix from there on.
 */
/** In a postmortem, «Решение» and "조치" (a decision's and a runbook's names) are what was done to fix it. */
const FIXING_SLOTS = new Set<Slot>(['resolution', 'decision', 'steps', 'mitigation']);

function splitCauseAndFix(section: Section): { cause: CitedText; fix: CitedText } | undefined {
  const shared = slotContents(section, 'rootCause').find((c) => c.part.form === 'heading' && ((c.part.slot === 'rootCause' && c.part.also !== undefined && FIXING_SLOTS.has(c.part.also)) || (FIXING_SLOTS.has(c.part.slot!) && c.part.also === 'rootCause')));
  if (!shared) return undefined;
  const told = sentences(shared.lines);
  // The first sentence says why, whatever its words ("The index was rebuilt from an empty snapshot …").
  const at = told.findIndex((s, i) => i > 0 && (FIX.test(s.text) || ACTED.test(s.text) || ENDED.test(s.text) || findTimes(s.text).length > 0) && !NO_EFFECT.test(s.text) && !CAUSE.test(s.text));
  if (at <= 0) return undefined;
  const part = (from: number, to: number) => ({ text: told.slice(from, to).map((s) => s.text).join(' '), cite: cite(section, told[from]!.from, told[to - 1]!.to) });
  return { cause: part(0, at), fix: part(at, told.length) };
}

/** Lines under a heading of another field than the story ("## Root cause", "## 조치"): no summary is read from them. */
function underOtherHeadings(section: Section): Set<number> {
  const contents = slotContents(section, ['resolution', 'rootCause', 'trigger', 'detection', 'timeline', 'followUps', 'lessons', 'whatWentWell', 'whatWentWrong', 'contributingFactors', 'fiveWhys', 'steps', 'mitigation']);
  return new Set(contents.filter((c) => c.part.form === 'heading').flatMap((c) => c.lines.map((l) => l.number)));
}

/** A plain-text note's first line when it is a title («Инцидент 27.11.2026, поиск в каталоге»: no sentence), not what the note tells. */
function titleParagraph(section: Section): number[] {
  const line = section.candidate.titleLine;
  const text = section.ctx.parsed.lines[line - 1] ?? '';
  const alone = !(section.ctx.parsed.lines[line] ?? '').trim();
  return alone && !/^\s*#/.test(text) && !/[.!?。]\s*$/.test(text) ? [line] : [];
}

export function extractIncident(section: Section, base: Base): IncidentInput {
  const year = documentYear(section);
  const stated = incidentDate(section, year, base.title) ?? relativeDate(section);
  // The note's own date (frontmatter `date:`), when nothing in the text dates the incident.
  const noteDate = stated ? undefined : frontmatterDate(section);
  const timeline = incidentTimeline(section, { year, day: (stated ?? noteDate)?.text });
  // A timeline that dates its entries dates the incident: its first day (not the note's date it was given).
  // A timeline of days only ("09/07/2022 - A researcher reported …") dates it by its first day too.
  const firstDay = timeline.find((e) => e.date && e.time && e.date !== noteDate?.text) ?? (timeline.every((e) => !e.time) ? timeline.find((e) => e.date && e.date !== noteDate?.text) : undefined);
  // A lone lead-up a day or more before ("2023-02-13 07:30 Scheduled node rollover …", then the
  // outage on the 14th): the incident's day is the one it was noticed on, where its timeline happened.
  const dated = timeline.filter((e) => e.date && e.time);
  const noticedOn = dated.find((e) => NOTICED.test(e.event) || DETECTED.test(e.event))?.date;
  const leadUp = firstDay && noticedOn && noticedOn > firstDay.date! && dated.filter((e) => e.date === firstDay.date).length === 1 && dated.filter((e) => e.date === noticedOn).length >= 3;
  const day = leadUp ? dated.find((e) => e.date === noticedOn) : firstDay;
  const date = stated ?? (day ? { text: day.date!, cite: day.cite, inferred: false } : noteDate);
  const summaryLines = [...slotLines(section, ['summary', 'overview', 'whatHappened']), ...openingLines(section)];
  const story = slotLines(section, ['whatHappened', 'summary', 'overview']);
  // "## Key points" over "- When: … - What broke: … - Why: …": a list of other fields is no summary of its own.
  const labelLines = new Set(section.parts.filter((p) => p.form === 'label' && p.slot && !['summary', 'overview'].includes(p.slot)).map((p) => p.line));
  const ownSummary = slotContents(section, ['summary', 'overview']).find((c) => c.lines.some((l) => l.text.trim() && !labelLines.has(l.number)));
  const summary = firstText(() => (ownSummary ? slotText(ownSummary) : undefined), () => slotField(section, 'whatHappened'), () => firstProse(section, new Set([...underOtherHeadings(section), ...titleParagraph(section)])));
  const turns = turningPoints(section, timeline);
  const { resolved } = turns;
  // A status page's history: its first update ("Investigating") is when it was seen, "Identified" names the cause.
  const statusPage = timeline.length >= 2 && timeline.every((e) => STATUS_ENTRY.test(e.event));
  const investigating = statusPage ? (timeline.find((e) => stateOf(e, 'Investigating')) ?? timeline[0]) : undefined;
  const identified = statusPage ? timeline.find((e) => stateOf(e, 'Identified')) : undefined;
  // "Fixing — new certificate uploaded": what was done, in the update that says it is being fixed.
  const fixing = statusPage ? timeline.find((e) => stateOf(e, '(?:Fixing|Mitigated)')) : undefined;
  const seen = investigating && { text: investigating.time, cite: investigating.cite };
  const started = turns.started ?? seen;
  const detected = seen ?? turns.detected;
  const severity = severityOf(section);
  const status = statusOf(section, timeline, resolved);
  // The last thing done before the impact ended (not what was tried and did not help).
  const endTime = resolved ? findTimes(resolved.text)[0]?.minutes : undefined;
  const endIndex = resolved
    ? timeline.findIndex((e) => findTimes(e.time)[0]?.minutes === endTime && e.cite.some((c) => resolved.cite.some((r) => (r as LineCitation).lines[0] === (c as LineCitation).lines[0])))
    : -1;
  // The change that set it off, not the one that undid it ("rolled back the config").
  // A change made after the first alert was a response to it ("new certificate deployed"), not what set it off.
  const firstAlert = timeline.findIndex(tellsOfNotice);
  // Nor is the change the fix's own line ("조치: 새 키 발급 후 14:00 배포").
  const fixLines = new Set(slotLines(section, ['resolution', 'mitigation', 'steps']).map((l) => l.number));
  const changeEvent = timeline.find((e, i) => CHANGE.test(e.event.replace(/^Update\s*:\s/, '')) && !FIX.test(e.event) && (firstAlert < 0 || i < firstAlert) && !e.cite.some((c) => fixLines.has((c as LineCitation).lines[0])));
  // What went wrong ("an engineer accidentally removes the data directory") is no fix, nor is what came before it.
  const lastWrong = endIndex > 0 ? timeline.slice(0, endIndex).findLastIndex((e) => WENT_WRONG.test(e.event) && !FIX.test(e.event)) : -1;
  // Nor is an entry that tells the failure («кластер без кворума, логин отдаёт 500») unless it tells of something done too.
  const before = endIndex > 0 ? timeline.slice(lastWrong + 1, endIndex).reverse().find((e) => !NO_EFFECT.test(e.event) && !NOTICED.test(e.event) && e !== changeEvent && (!FAILING.test(e.event) || ACTED.test(e.event))) : undefined;
  const endEvent = endIndex >= 0 ? timeline[endIndex] : undefined;
  const resolvingEvent =
    (endEvent && ACTED.test(endEvent.event) ? endEvent : undefined) ??
    before ??
    // Nothing done is told before it ended: the end itself says how ("back online from the snapshot").
    (endEvent && /(?<![\p{L}])(?:from|by|after|via|через|после)(?![\p{L}])/iu.test(endEvent.event) ? endEvent : undefined) ??
    timeline.find((e) => FIX.test(e.event) && !NO_EFFECT.test(e.event)) ??
    // Nothing says it ended: the last thing done after the alert.
    (firstAlert >= 0 ? timeline.slice(firstAlert + 1).reverse().find((e) => ACTED.test(e.event) && !NO_EFFECT.test(e.event)) : undefined);
  const detectedEvent = firstAlert >= 0 ? timeline[firstAlert] : undefined;
  // A table's header row labelled "Follow-up" is a part of its own too: an item read twice counts once.
  const assigned = assignedActions(section);
  const listed = [...slotContents(section, 'followUps'), ...assigned]
    // "| Follow-up | Priority |" over its rule is a table's header, not a row that names one follow-up.
    .filter((c) => !(c.part.form === 'row' && /^\s*\|?\s*:?-{2,}/.test(section.ctx.parsed.lines[c.part.line] ?? '')))
    .flatMap((c: SlotContent) => followUpsOf(c, dateContext(section)))
    .filter((item, i, all) => all.findIndex((o) => o.action === item.action) === i);
  const followUps = listed.length > 0 ? listed : followUpLines(section).map((l) => {
    const { ticket, text } = FOLLOW_UP_SAID.exec(plainLine(l.text))!.groups!;
    return readFollowUp(ticket ? `${text} (${ticket})` : text!, cite(section, l.number), dateContext(section));
  });
  const lessonsContent = slotContent(section, 'lessons');
  const cites: Record<string, CitedText['cite']> = {};
  if (severity) cites.severity = widen(section, cite(section, severity.line), givesSeverity(severity.value));
  if (status.cite) cites.status = widen(section, status.cite, (l) => STATUS_SAID.test(l.text) && !NO_EFFECT.test(l.text));
  // Lines that may restate a field, so cite it too: the story's and the title ("API outage — 45 min, checkout blocked").
  const opening = [...summaryLines, ...section.lines.filter((l) => l.number === section.candidate.titleLine)];
  const toldImpact = sentencesWith(section, summaryLines.filter((l) => !otherField(l.text)), IMPACTED, 2);
  const causeAndFix = splitCauseAndFix(section);
  return {
    ...base,
    tags: ['incident'],
    date: date && !date.inferred ? withYearLine(section, widenText(section, date, givesDate(date.text, year))!) : date,
    started,
    detected,
    resolved: widenText(section, resolved, (l) => givesTime(resolved!.text)(l) && (ENDED.test(l.text) || FIX.test(l.text)) && !NO_EFFECT.test(l.text)),
    duration: durationOf(section),
    severity: severity?.value ?? 'unknown',
    status: status.value,
    summary,
    impact: widenText(
      section,
      firstText(
        () => slotField(section, 'impact'),
        // "## Impact" over a table of its figures: each figure, named.
        () => slotTable(section, 'impact'),
        () => (toldImpact && ON_USERS.test(toldImpact.text) ? toldImpact : undefined),
        // A story that tells only of the system ("the CI hit a fatal error"): the timeline says what went down.
        () => entryText(timeline.find((e) => ON_USERS.test(e.event))),
        () => toldImpact,
      ),
      (l) => IMPACTED.test(l.text) && /\d/.test(l.text) && !otherField(l.text),
      opening,
    ),
    trigger: firstText(
      () => slotField(section, 'trigger'),
      () => sentencesWith(section, story, CHANGE, 2),
      () => entryText(changeEvent),
    ),
    rootCause: widenText(section, firstText(() => causeAndFix?.cause, () => slotField(section, 'rootCause'), () => slotField(section, 'fault'), () => whySection(section), () => slotField(section, 'fiveWhys'), () => identified && { text: identified.event.slice(stateOf(identified, 'Identified')![0].length), cite: identified.cite }, () => whyOfCause(sentencesWith(section, summaryLines, CAUSE, 2)), () => explainedAfterColon(section, summaryLines), () => sentencesWith(section, story, FAULT, 1), () => sentencesWith(section, summaryLines, SO_IT_FAILED, 1), () => toldWhatWentWrong(section), () => foundInTimeline(timeline)), (l) => CAUSE.test(l.text), opening),
    contributingFactors: citedItems(section, slotContent(section, 'contributingFactors')),
    detection: firstText(() => slotField(section, 'detection'), () => entryText(investigating), () => sentencesWith(section, summaryLines, DETECTED, 2), () => detectionFromStats(section, detectedEvent)),
    resolution: widenText(section, firstText(
      () => causeAndFix?.fix,
      () => slotField(section, ['resolution', 'mitigation']),
      // In a postmortem, "조치:" / "Actions:" (a runbook's Steps label) is what was done to fix it.
      () => slotContents(section, 'steps').filter((c) => !assigned.includes(c)).map((c) => slotText(c)).find(Boolean),
      // «Решение: увеличили квоту, …»: in a postmortem, the solution is what fixed it.
      () => slotField(section, 'decision', { direct: true }),
      () => remediationDone(section),
      () => sentencesWith(section, summaryLines, FIX, 2),
      () => fixing && { text: fixing.event.slice(stateOf(fixing, '(?:Fixing|Mitigated)')![0].length), cite: fixing.cite },
      () => entryText(resolvingEvent && fromFix(resolvingEvent)),
      () => slotField(section, 'timeToRecover'),
    ), (l) => FIX.test(l.text) && !NO_EFFECT.test(l.text) && findTimes(l.text).length < 2, [...opening, ...(resolvingEvent ? section.lines.filter((l) => resolvingEvent.cite.some((c) => (c as LineCitation).lines[0] === l.number)) : [])]),
    timeline,
    followUps,
    lessons: lessonsContent ? citedItems(section, lessonsContent, { split: false }) : [],
    whatWentWell: citedItems(section, slotContent(section, 'whatWentWell'), { split: false }),
    whatWentWrong: citedItems(section, slotContent(section, 'whatWentWrong'), { split: false }),
    links: findLinks(section),
    cites,
  };
}
