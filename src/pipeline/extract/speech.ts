/**
 * Speech (a voice note's transcript) has no headings and little punctuation. A speaker goes topic
 * by topic, and opens each with a word that names it ("Причина …", "Починили так …", "Что делать
 * …"); what no opener introduces is found by cue phrases. Values are always the speaker's own
 * words (a quote with its lines). Self-corrections are honoured: in "в 14:20 нет в 14:30" only
 * 14:30 counts. What nothing marks stays empty and is listed in `missing` for the model path.
 */
import type { CitedText, IncidentInput } from '../../schemas/index.ts';
import { relativeDate, statedRange } from './incident.ts';
import { nextWeekday } from './items.ts';
import { documentYear, RECORDING_STAMP, writtenOn } from './fields.ts';
import { findLinks } from './links.ts';
import { cite, clean, endsPolitely, POLITE_END, shorten, unpunctuatedSpeech, WENT_THROUGH, type Line, type Section } from './section.ts';
import { fromProse } from './timeline.ts';
import { findTimes, type FoundTime } from './values.ts';

/** A sentence of the transcript with the lines it spans. */
export interface SpokenSentence {
  text: string;
  /** Character offset in `text` → source line number. */
  lineAt: (offset: number) => number;
}

/** A sentence of Korean speech without punctuation, up to its polite ending; the space after one; the first one ahead. */
const POLITE_SENTENCE = new RegExp(String.raw`[^.!?…\u2029]+?(?:[.!?…]+|\u2029|${POLITE_END}(?=\s)|$)`, 'gu');
const POLITE_BREAK = new RegExp(String.raw`${POLITE_END}\s+`, 'gu');
const POLITE_ENDING = new RegExp(String.raw`${POLITE_END}(?:\s|$)`, 'u');

/** Splits the transcript into sentences, joining lines (and words hyphenated across them). */
export function spokenSentences(section: Section, lines: Line[] = section.lines): SpokenSentence[] {
  let joined = '';
  const starts: Array<{ offset: number; line: number }> = [];
  for (const line of lines) {
    const text = line.text.trim();
    // A blank line ends a thought, as a full stop would: it becomes a paragraph mark between sentences.
    if (!text) {
      if (joined && !joined.endsWith('\u2029')) joined += '\u2029';
      continue;
    }
    // "Во-\nпервых" is one word broken across lines.
    const glue = joined === '' || joined.endsWith('\u2029') ? '' : /[-‐]$/.test(joined) && /^\p{Ll}/u.test(text) ? '' : ' ';
    joined += glue;
    starts.push({ offset: joined.length, line: line.number });
    joined += text;
  }
  const lineAtAbsolute = (offset: number) => {
    let found = starts[0]?.line ?? 1;
    for (const s of starts) if (s.offset <= offset) found = s.line;
    return found;
  };
  const sentences: SpokenSentence[] = [];
  // Korean left unpunctuated by a recogniser ends its sentences with a polite ending ("…시작했고요 8시 25분쯤 …").
  const pattern = endsPolitely(joined) ? POLITE_SENTENCE : /[^.!?…\u2029]+(?:[.!?…]+|\u2029|$)/gu;
  for (const match of joined.matchAll(pattern)) {
    const text = match[0].replace(/\u2029$/, '');
    const start = match.index + (text.length - text.trimStart().length);
    if (!text.trim()) continue;
    sentences.push({ text: text.trim(), lineAt: (offset) => lineAtAbsolute(start + offset) });
  }
  return sentences;
}

/**
 * The words around a cue: the whole sentence when it is short, else a window of words around
 * the match, so a run-on transcript sentence does not become a 600-character "fact".
 */
/** Sounds a speaker makes while thinking ("um", "uh", «эээ»): no words of what they said. */
function withoutFillers(text: string): string {
  return text.replace(/(?<![\p{L}])(?:um+|uh+|uhm|erm|hmm+|э{2,}|эм+|어+|음+)(?![\p{L}])[,.]?\s*/giu, '');
}

function quoteAround(section: Section, sentence: SpokenSentence, match: RegExpExecArray, before = 8, after = 20): CitedText {
  let from = 0;
  let to = sentence.text.length;
  if (sentence.text.length > 180) {
    const head = sentence.text.slice(0, match.index).split(/\s+/);
    const tail = sentence.text.slice(match.index + match[0].length).split(/\s+/);
    from = Math.max(0, match.index - head.slice(-before).join(' ').length);
    to = Math.min(sentence.text.length, match.index + match[0].length + tail.slice(0, after).join(' ').length + 1);
  }
  const text = withoutFillers(sentence.text.slice(from, to)).trim().replace(/^[,;:\s]+/, '');
  return { text: shorten(text, 240), cite: cite(section, sentence.lineAt(from), sentence.lineAt(Math.max(from, to - 1))) };
}

// ── Self-corrections ──

/** Words with which a speaker takes back what they just said. */
const CORRECTION = String.raw`(?:ой\s+)?(?:нет|вернее|точнее|то есть|в смысле|no wait|no|wait|I mean|sorry|actually|rather|아니|아니요|아니다)`;
const QUANTITY = String.raw`\d[\d\s.,]*\s*(?:тысяч\p{L}*|млн|миллион\p{L}*|%|процент\p{L}*|thousand|million|k)(?![\p{L}])`;
const CLOCK = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d`;

/** Spans of a line the speaker took back: "14:20 нет в 14:30" → the "14:20 нет в " part. */
export function retracted(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const value of [CLOCK, QUANTITY]) {
    const pattern = new RegExp(`(${value})(?:\\s+\\p{L}+){0,3}?\\s*,?\\s*${CORRECTION}\\s*,?\\s*(?:\\p{L}{1,3}\\s+)?(?=${value})`, 'giu');
    for (const match of text.matchAll(pattern)) spans.push([match.index, match.index + match[0].length]);
  }
  // Times said in words: «с двух часов, нет, с без десяти два».
  const times = findTimes(text);
  // A Korean time takes its "about" glued on: "7시 반쯤 아니 7시 40분쯤".
  const between = new RegExp(`^(?:쯤|경|정도)?(?:\\s+\\p{L}+){0,3}?\\s*,?\\s*${CORRECTION}\\s*,?\\s*(?:\\p{L}{1,3}\\s+)?$`, 'iu');
  times.slice(1).forEach((next, i) => {
    const said = times[i]!;
    const from = said.index;
    if (!spans.some(([a, b]) => from >= a && from < b) && between.test(text.slice(said.index + said.length, next.index))) spans.push([from, next.index]);
  });
  return spans;
}

/**
 * The transcript with what the speaker took back cut out, line by line (line numbers kept), and
 * a recording's offset lines ("Dana Lee  0:03") read as the speaker's label: an offset is no time.
 */
function corrected(lines: Line[]): Line[] {
  const offsets = recordingTurns(lines.map((l) => l.text));
  return lines.map((line) => {
    const turn = offsets ? RECORDING_TURN.exec(line.text) : null;
    if (turn) return { number: line.number, text: `${turn[1]}:` };
    let text = line.text;
    for (const [from, to] of retracted(text).sort((a, b) => b[0] - a[0])) text = text.slice(0, from) + text.slice(to);
    return { number: line.number, text };
  });
}

// ── Spoken sections ──

type SpokenSlot = 'rootCause' | 'impact' | 'resolution' | 'followUps' | 'lessons' | 'detection' | 'trigger';

/**
 * How speakers open a topic; a paragraph that starts so is that topic. Korean openers carry their
 * particle (원인은, 조치는), so they have no end boundary.
 */
const OPENERS: Array<{ slot: SpokenSlot; pattern: RegExp }> = [
  { slot: 'rootCause', pattern: /^(?:(?:а\s+|ну\s+)?(?:причин\p{L}*|корневая причина|из-за чего|оказалось|почему (?:так|это) (?:вышло|случилось|произошло)|root cause|the (?:root )?cause|the reason (?:was|is)|(?:it )?turn(?:ed|s) out|why it happened|(?:[\p{Lu}]\p{Ll}+ |we |I )?found (?:out )?that|выяснилось|нашли,? что)(?![\p{L}])|원인(?:은|는|이|을)?|알고 보니|확인해 보니)/iu },
  { slot: 'impact', pattern: /^(?:(?:а\s+|ну\s+)?(?:(?:итого|получается|в итоге)(?= (?:\p{L}+ ){0,3}(?:не работал\p{L}*|лежал\p{L}*|простой|недоступ\p{L}*|не могли|не мог))|что видели (?:люди|пользователи|клиенты)|влияни\p{L}*|кого задело|кто пострадал|последствия|простой (?:был|получился|составил)|impact|downtime was|what (?:users|customers|people) saw|who was affected|(?:so )?(?:about|around|roughly|like|almost) (?:half an hour|an hour|(?:\d+|\p{L}+(?:[ -]\p{L}+)?) (?:minutes|hours)) of)(?![\p{L}])|영향(?:은|는|이)?|피해(?:는|가)?|(?:약|대략)\s?\d+\s?(?:분|시간)\s?(?:동안|간))/iu },
  { slot: 'resolution', pattern: /^(?:(?:а\s+|ну\s+)?(?:починили|как починили|исправили|чинили|как восстановили|восстановили|решили (?:так|это)|fixed (?:it )?by|the fix|we fixed|(?:so )?we (?:changed|restarted|rolled back|reverted|switched|bumped|raised|flushed|cleared|cleaned up|scaled|deployed|fixed|patched|increased|replaced|rotated|renewed|failed over)|мы (?:его |её |ее |их )?(?:перезапустили|откатили|перевыпустили|переключили|перезагрузили|починили|заменили|выкатили|поправили|исправили|почистили|увеличили|подняли|обновили)|(?:в общем\s+)?я (?:\p{L}+ )?(?:перезапустил|откатил|перевыпустил|выпустил|переключил|перезагрузил|починил|заменил|поправил|исправил|почистил|увеличил|обновил|продлил|поменял|загрузил)|(?:so )?(?:we|I) (?:\p{L}+ly )?(?:pinned|promoted|killed|drained|purged|re-?ran|disabled|restarted|rolled back|reverted|patched|rotated|renewed)|[\p{Lu}][\p{Ll}]{2,20} (?:перевыпустил|перезапустил|откатил|починил|переключил|почистил|поправил|исправил|продлил|обновил)\p{L}*|resolution)(?![\p{L}])|조치(?:는|로)?|해결(?:은|책은)|복구(?:는)?|롤백(?:했|을)|재시작(?:했|을)|그래서 제가)/iu },
  { slot: 'followUps', pattern: /^(?:(?:а\s+|ну\s+)?(?:что (?:надо|нужно) (?:с)?делать|что (?:делать|сделать|надо|нужно)|что будем делать|дальше надо|надо (?:сделать|будет)|action items?|follow-?ups?|next steps|what (?:we|to) do (?:next|now)|what we (?:need|have|want) to do(?: (?:now|next))?(?: is)?|we need to|todo|things to do|(?:надо|нужно)(?=\s+\p{L}+(?:ть|ти)(?![\p{L}]))|(?:(?:so |and )?(?:tomorrow|next week|later|after that) )?(?:I'm going to|I am going to|I'll|I will|we'll|we will|we're going to|we should))(?![\p{L}])|해야 할 일(?:은)?|할 일(?:은)?|후속 조치(?:로는|는)?|후속으로(?:는)?|액션 아이템(?:은)?|앞으로(?:는)? 할 일|앞으로는\s)/iu },
  { slot: 'lessons', pattern: /^(?:(?:а\s+|ну\s+)?(?:выводы?|уроки?|что поняли|lessons?(?: learned)?|takeaways?)(?![\p{L}])|교훈(?:은)?|배운 점(?:은)?)/iu },
  { slot: 'detection', pattern: /^(?:(?:а\s+|ну\s+)?(?:алерт\p{L}*(?= (?:\p{L}+ )?(?:прилетел\p{L}*|пришёл|пришел|пришли|сработал\p{L}*|загорел\p{L}*|был\p{L}*|только|нам|в \d))|заметили|узнали|обнаружили|мониторинг\p{L}*(?= (?:\p{L}+ )?(?:показал\p{L}*|заметил\p{L}*|поймал\p{L}*|сработал\p{L}*))|the alert|we noticed|we found out|we (?:first )?saw it|(?:support|customers|users) (?:pinged|told|reported|complained)|we (?:got|were) paged|the pager (?:went off|fired)|detection)(?![\p{L}])|알람(?:은|이)|경보(?:는|가)|모니터링(?:에서)?|제보(?:가|는))/iu },
  { slot: 'trigger', pattern: /^(?:(?:а\s+|ну\s+)?(?:триггер\p{L}*|началось (?:с|после)|it started (?:with|after)|trigger)(?![\p{L}])|발단(?:은)?|시작은)/iu },
];

interface Paragraph {
  lines: Line[];
  text: string;
  /** Cut out of a paragraph at an opener's words, not a paragraph the speaker made. */
  cut?: boolean;
  /** Who says it, in a transcript of several speakers ("Dana Lee: …", "Dana Lee  0:03"). */
  speaker?: string;
}

/** The openers anywhere in a text, not only at its start. */
const OPENERS_INSIDE = new RegExp(OPENERS.map((o) => String.raw`(?<![\p{L}])(?:${o.pattern.source.replace(/^\^/, '')})`).join('|'), 'giu');
/** The first of them (a search that keeps no state between calls). */
const FIRST_OPENER = new RegExp(OPENERS_INSIDE.source, 'iu');

/**
 * A speaker who never paused gives one paragraph: it is cut where they open a topic ("… it turned
 * out …", "… so we restarted …", "… what we need to do is …"); where the recogniser punctuated,
 * only at a sentence's start.
 */
function topicsOf(paragraph: Paragraph, short = false): Paragraph[] {
  if (!short && paragraph.text.split(/\s+/).length < 40) return [paragraph];
  // Unpunctuated, a topic opens anywhere; punctuated, at the start of a sentence ("… balancer. Оказалось, что …").
  const unpunctuated = unpunctuatedSpeech(paragraph.text);
  const cuts = [...paragraph.text.matchAll(OPENERS_INSIDE)].map((m) => m.index).filter((index) => index > 0 && (unpunctuated || /[.!?…]\s+$/u.test(paragraph.text.slice(0, index))));
  // Punctuated, a sentence with a clock time in it tells an event: it ends the topic before it
  // (a cause is explained, not timed), and opens none. Korean left unpunctuated ends its
  // sentences with a polite ending ("…못 봤던 거고요 8시 50분에 …").
  const politeEnds = endsPolitely(paragraph.text);
  if (!unpunctuated || politeEnds) {
    const ends = politeEnds ? POLITE_BREAK : /[.!?…]\s+/gu;
    for (const end of paragraph.text.matchAll(ends)) {
      const from = end.index + end[0].length;
      const rest = paragraph.text.slice(from);
      const next = politeEnds ? rest.slice(0, POLITE_ENDING.exec(rest)?.index ?? rest.length) : /^[^.!?…]*[.!?…]?/u.exec(rest)![0];
      if (findTimes(next).length > 0 && !cuts.includes(from)) cuts.push(from);
    }
    cuts.sort((a, b) => a - b);
  }
  if (cuts.length === 0) return [paragraph];
  const pieces = [0, ...cuts].map((from, i) => ({ lines: paragraph.lines, text: paragraph.text.slice(from, cuts[i] ?? paragraph.text.length).trim(), cut: true, speaker: paragraph.speaker }));
  // "we first saw it because support pinged us at 14:22": two openers of one topic make one topic.
  const slotOf = (piece: Paragraph) => OPENERS.find((o) => o.pattern.test(piece.text))?.slot;
  return pieces.reduce<Paragraph[]>((merged, piece) => {
    const last = merged.at(-1);
    if (last && slotOf(piece) && slotOf(piece) === slotOf(last)) last.text = `${last.text} ${piece.text}`;
    else merged.push(piece);
    return merged;
  }, []);
}

function paragraphs(lines: Line[]): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Line[] = [];
  const flush = () => {
    if (current.length) out.push({ lines: current, text: current.map((l) => l.text.trim()).join(' ') });
    current = [];
  };
  for (const line of lines) {
    if (!line.text.trim()) flush();
    else current.push(line);
  }
  flush();
  // A call of several speakers: each turn opens with who speaks, and may hold several topics.
  if (withSpeakers(out)) return out.flatMap((p) => topicsOf(p, true));
  // A speaker who paused nowhere (one long paragraph, maybe under a line such as "Voice memo
  // transcript"): the topics are only in the words.
  const long = out.filter((p) => p.text.split(/\s+/).length >= 40);
  return long.length === 1 ? out.flatMap((p) => (p === long[0] ? topicsOf(p) : [p])) : out;
}

/** A turn's speaker: "Dana Lee: …" (call transcripts; Otter's "Dana Lee  0:03" lines are read so, see `corrected`). */
const SPEAKER_LABEL = /^([\p{Lu}][\p{L}.'’-]*(?:\s[\p{Lu}][\p{L}.'’-]*){0,2}):\s+/u;
const HANDLE_LABEL = /^([\p{L}][\p{L}\d._-]{1,30}):\s+/u;

/**
 * A call transcribed by Otter, Zoom or Teams and copied as text: a speaker and an offset into the
 * recording over each turn ("Dana Lee  0:03", "Speaker 2  1:10"). A chat's header carries a clock
 * time; an offset starts from zero, so the first turn's is under a minute.
 */
const RECORDING_TURN = /^\s*(\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,2}|Speaker \d{1,2})\s{2,}(\d{1,2}):(\d{2})(?::\d{2})?\s*$/u;

export function recordingTurns(lines: string[]): boolean {
  const turns = lines.map((line) => RECORDING_TURN.exec(line)).filter((m) => m !== null);
  return turns.length >= 2 && turns[0]![2] === '0';
}

/**
 * Takes the speakers off the turns of a transcript of several: at least two turns open with a
 * name that is no topic's opener («Причина: …» is a topic, "Dana Lee: …" a speaker).
 */
function withSpeakers(turns: Paragraph[]): boolean {
  // Handles in lower case ("erin: …", a meeting tool's user names) are speakers when every turn opens with one.
  const handles = turns.length >= 2 && turns.every((turn) => HANDLE_LABEL.test(turn.text));
  const labels = turns.map((turn) => {
    const lead = (handles ? HANDLE_LABEL : SPEAKER_LABEL).exec(turn.text);
    return lead && !OPENERS.some((o) => o.pattern.test(turn.text)) ? { name: lead[1]!, text: turn.text.slice(lead[0].length) } : undefined;
  });
  if (labels.filter(Boolean).length < 2) return false;
  turns.forEach((turn, i) => {
    const label = labels[i];
    if (label) Object.assign(turn, { speaker: label.name, text: label.text });
  });
  return true;
}

function firstTimeOf(paragraph: Paragraph): { l: Line; t: FoundTime } | undefined {
  const t = findTimes(paragraph.text)[0];
  const written = t && paragraph.text.slice(t.index, t.index + t.length);
  const l = written ? paragraph.lines.find((line) => line.text.includes(written)) : undefined;
  // Read in its whole line, a topic cut out of it keeps the line's half of the day ("밤 11시 40분 … 11시 52분").
  const inLine = l && findTimes(l.text).find((x) => l.text.slice(x.index, x.index + x.length) === written);
  return t && l ? { l, t: inLine ?? t } : undefined;
}

function quoteParagraph(section: Section, paragraph: Paragraph, max = 400): CitedText {
  // A topic cut where the next one opens keeps no "so" / «и» that led into it.
  const text = paragraph.cut ? paragraph.text.replace(/\s+(?:so|and|then|и|а|그리고)$/iu, '') : paragraph.text;
  return { text: shorten(clean(text), max), cite: cite(section, paragraph.lines[0]!.number, paragraph.lines[paragraph.lines.length - 1]!.number) };
}

// ── Cue phrases ──

const WEEKDAY_WORD = /(понедельник|вторник|сред[уа]|четверг|пятниц[уа]|суббот[уа]|воскресенье|вчера|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)/iu;

interface Cue {
  field: 'trigger' | 'impact' | 'resolution' | 'lesson' | 'note';
  pattern: RegExp;
}

/** Cue phrases, Russian and English, of what a speaker says about an incident and its write-up. */
const CUES: Cue[] = [
  { field: 'trigger', pattern: /(дропнул[аи]?|удалил[аи]?|снес(?:ла|ли)?|уронил[аи]?)\s+(базу|таблиц|прод)|(?<![\p{L}])(dropped|deleted|wiped)\s+(?:the\s+|our\s+)?(?:prod(?:uction)?\s+)?(database|db|table)/iu },
  { field: 'impact', pattern: /(два с половиной|\d+(?:[.,]\d+)?)\s+(?:года|лет|years?)[^.]{0,40}?(сабмишин|submission|данн|data)|потерян[аы]?\s+навсегда|lost forever/iu },
  { field: 'resolution', pattern: /(?<![\p{L}])(fully operational|back online|restored)(?![\p{L}])|полностью (?:работает|восстановлен)|всё восстановил/iu },
  { field: 'lesson', pattern: /(?<![\p{L}])over ?reliance(?![\p{L}])|lessons? learned|урок на\s+будущее|permission\S*\s+отключил|каждый шаг я ревьюю|review every step|вина была моя|my fault/iu },
  {
    field: 'note',
    pattern:
      /имя файла оставляй|не меняй|сделай введение|секция[^.]{0,40}не очень нужна|не очень нужна|resolution нужно раньше|давай включим|в начале можно добавить|можешь сказать|это не совсем правильно|добавь(?:те)?\s|убери(?:те)?\s|перенеси(?:те)?\s/iu,
  },
];

/** The article's Substack title: "хочу назвать это How I dropped …" / "title it …". */
function substackTitle(section: Section, sentences: SpokenSentence[]): CitedText | undefined {
  for (const sentence of sentences) {
    const match = /(?:назвать(?:\s+это|\s+статью)?|озаглавить|title\s+it|call\s+it|headline)\s*[:—-]?\s*["«“]?((?:[A-Z0-9][^.!?«»"“”]*?))["»”]?\s*[.!?](?:\s|$)/u.exec(sentence.text + ' ');
    if (match && /\p{Lu}/u.test(match[1]![0]!) && match[1]!.split(/\s+/).length >= 3) {
      const offset = match.index + match[0].indexOf(match[1]!);
      return { text: match[1]!.trim(), cite: cite(section, sentence.lineAt(offset), sentence.lineAt(offset + match[1]!.length - 1)) };
    }
  }
  return undefined;
}

/** Title of the article a spoken note talks about ("для статьи Course Management … Report"). */
export function spokenArticleTitle(section: Section, sentences = spokenSentences(section)): CitedText | undefined {
  for (const sentence of sentences) {
    const match = /(?:стать[июеи]|article|post|draft)\s+((?:[A-Z][\w-]*\s+){1,10}(?:Report|Postmortem|Review|Incident|Outage|Retrospective))\b/u.exec(sentence.text);
    if (match) {
      const offset = match.index + match[0].indexOf(match[1]!);
      return { text: match[1]!.trim(), cite: cite(section, sentence.lineAt(offset), sentence.lineAt(offset + match[1]!.length - 1)) };
    }
  }
  return undefined;
}

/** What broke, in the speaker's words: the phrase around the first word of failure. */
const FAILURE = /(?<![\p{L}])(?:упал[аои]?|лёг|не (?:работал|открывал|грузил|отвечал|проходил)\p{L}*|(?:was|were)n'?t working|(?:was|were) not working|лег(?:ла|ло|ли)?|встал[аио]?|начал\p{L}* (?:отставать|тормозить|падать|сыпать)|отвалил\p{L}*|сломал\p{L}*|недоступ\p{L}*|лаг\p{L}*|went down|was down|broke|started failing|started lagging|started timing out|timing out|timed out|stopped working|ran out of|outage|перестал\p{L}* \p{L}+|went into (?:a )?\p{L}+ loop|failover loop|(?:started )?(?:returning|throwing|returned|threw) (?:5\d\ds?|errors?|timeouts?|exceptions?)|went read[- ]only|(?:couldn'?t|could not|can'?t) be (?:placed|processed|loaded|saved|created)|crash(?:ing|ed)?(?: ?looping)?|spiked|(?:can'?t|cannot|couldn'?t) (?:even )?load)(?![\p{L}])|빈 결과|안\s?됐|안\s?나갔|안\s?나가|느려지|장애가|먹통|에러가|오류가|실패하|안\s?되기|멈췄|멈춰|다운됐|타임아웃이?\s?(?:나|났|발생)/iu;

/** A part of the day said after a time («в половине десятого вечера», "at nine pm", "저녁"), or a Korean time's particle. */
const DAY_PART = /^(?:утра|дня|вечера|ночи|утром|днём|днем|вечером|ночью|am|pm|a\.m\.|p\.m\.|오전|오후|저녁|밤|새벽|아침|쯤|쯤부터|부터|쯤에|에)$/iu;

const SPOKEN_NUMBER = /^(?:\d[\d:.,]*|at|around|about|by|в|около|примерно|к|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|ноль|один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|одиннадцать|двенадцать|пятнадцать|двадцать|тридцать|сорок|пятьдесят)$/iu;

/** A title for a voice note that names none: the words that tell what failed. */
export function spokenTitle(section: Section): CitedText | undefined {
  for (const sentence of spokenSentences(section, corrected(section.lines))) {
    const match = FAILURE.exec(sentence.text);
    if (!match) continue;
    // The clause that tells it: up to a comma or a "so"/"and"/«и» that starts the next one.
    const words = sentence.text.slice(match.index).split(/\s+/).slice(0, 10).join(' ').replace(/(?:,|\s+(?:so|and|then|because|since|at|around|и|потому|из-за|그리고))\s.*$/iu, '').replace(/(?<=[요다]|(?:했|하|되|됐|졌)고)\s.*$/u, '').replace(/(?:했|하|되|됐|졌)고요?$/u, '');
    // Two words of what failed before the verb, not the time it happened ("в девять сорок упал");
    // in English the noun phrase back to its article ("the primary postgres for orders went …").
    // Only the verb's own clause names what failed: nothing before its last comma ("так, по
    // сегодняшнему, где-то …"), nothing up to the time said before it ("до половины четвёртого").
    let told = sentence.text.slice(0, match.index).replace(/^.*[,;]\s*/su, '');
    const lastTime = findTimes(told).at(-1);
    if (lastTime) told = told.slice(lastTime.index + lastTime.length);
    const before = withoutFillers(told).split(/\s+/).filter(Boolean);
    const article = before.slice(-6).findLastIndex((w) => /^(?:the|our|a|an)$/i.test(w));
    // "минут сорок не работал поиск": how long it lasted is no part of what failed; nor a lone preposition.
    // Korean says what failed with its particle after the time ("8시 10분쯤부터 결제 API 응답이 느려지기"): the words since then.
    const korean = /[가-힣]/u.test(sentence.text);
    const lead = (article >= 0 ? before.slice(-6).slice(article + 1) : korean ? before.slice(-4) : before.slice(-2)).filter((w) => !SPOKEN_NUMBER.test(w) && !DAY_PART.test(w) && !/^(?:минут\p{L}*|час(?:а|ов)?|секунд\p{L}*|minutes?|hours?|seconds?|с|со|до|в|к|около|по|и|где-то|примерно|at|by|from|until|around|about|like)$/iu.test(w)).join(' ');
    const text = clean(`${lead} ${words}`).replace(/[.,;!]+$/, '').replace(/^[\p{Ll}]/u, (c) => c.toUpperCase());
    return { text: shorten(text, 100), cite: cite(section, sentence.lineAt(match.index), sentence.lineAt(match.index + words.length)) };
  }
  return undefined;
}

// ── Follow-ups by ordinals ──

const ORDINAL = /(?<![\p{L}])(?:(?:во-)?перв(?:ое|ых|ая)|(?:во-)?втор(?:ое|ых|ая)|(?:в-)?трет(?:ье|ьих|ья)|(?:в-)?четв[её]рт(?:ое|ых|ая)|(?:в-)?пят(?:ое|ых|ая)|first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|첫째|둘째|셋째|넷째|첫 번째|두 번째|세 번째|네 번째)(?![\p{L}])/giu;

/** The words that name who takes a follow-up, at its end: ", Lisa said she'll do it", "I'll take that one", "이건 제가 할게요". */
/** What a named person says or does to take a follow-up: "Lisa said …", "Priya owns that", «Олег возьмёт». */
const TAKES = String.raw`сказал\p{L}*|сделает|возьм[её]т|займ[её]тся|обещал\p{L}*|will|should|said|says|owns|takes|is going to`;
const NAMED_TAKER = new RegExp(String.raw`(?<![\p{L}])([\p{Lu}][\p{Ll}]{2,20})\s+(?:${TAKES})(?![\p{L}])`, 'u');
const OWNER_CLAUSE = new RegExp(String.raw`[,;\s]*(?:(?:это\s+)?(?<![\p{L}])[\p{Lu}][\p{Ll}]{2,20}\s+(?:${TAKES})(?![\p{L}])[^.]*|(?:это\s+)?я сам(?:а)? сделаю[^.]*|(?:(?:this|that)\s+)?I'?ll (?:take|do|own) (?:it|that|this)(?: one)?[^.]*|(?:이건\s)?제가 (?:할게요|하겠습니다|할께요|맡을게요)[^.]*|[가-힣]{2,4}\s?(?:씨가|님이)\s[^.]*)[.,]?$`, 'u');

/** «… это сделает Лена», «возьмёт Олег»: the verb first, then who. */
const TAKER_AFTER = /(?<![\p{L}])(?:это\s+)?(?:сделает|возьм[её]т|займ[её]тся|\p{Ll}{3,}(?:ет|ит|ёт))\s+([\p{Lu}][\p{Ll}]{2,20})(?=(?:\s+(?:до|к|by|until)\s[^.,]{1,30})?[.!]?\s*$)/u;
/** When, said after who: «… это сделает Антон до конца недели». */
const WHEN_AFTER_TAKER = String.raw`(?:\s+(?:до|к|by|until)\s[^.,]{1,30})?`;

/** Where the next person's follow-up starts in one sentence of several. */
const NEXT_TAKER = /,?\s+(?:and|а|и)\s+(?:(?:um+|uh+|э+|ещё|еще|also|тоже)\s+)*(?=(?:I'?ll|I will|я|[\p{Lu}][\p{Ll}]{2,20} will)\s)|(?<=[.!?])\s+(?!(?:I'?ll|I will|[\p{Lu}][\p{Ll}]{2,20} will) (?:take|do|own|handle)\s+(?:it|that|this)(?![\p{L}]))(?=(?:I'?ll|I will|[\p{Lu}][\p{Ll}]{2,20} (?:will|should|is going to))\s)|(?<=하고|고),\s+(?=(?:[^\s,.]+\s+){0,3}(?:제가\s|[가-힣]{2,4}\s?(?:씨가|님이)\s))/u;
/** The speaker as the subject at a follow-up's start: "I'll add …", «я добавлю …», "제가 …". */
const SELF_LEAD = /^(?:I'?ll|I will|я(?=\s+\p{L}+[юу](?![\p{L}]))|제가)\s+/u;

/** "первое … второе … третье …": one follow-up per ordinal, with an owner where one is named. */
function spokenFollowUps(section: Section, paragraph: Paragraph, speaker?: string): NonNullable<IncidentInput['followUps']> {
  const text = paragraph.text;
  const marks = [...text.matchAll(ORDINAL)];
  // Without ordinals, one follow-up per person who takes one: "Marco will fix X and I'll add Y",
  // «Лена настроит X, а я добавлю Y», "제가 X 설정하고, 지은 씨가 Y".
  const pieces = marks.length >= 2 ? marks.map((m, i) => text.slice(m.index + m[0].length, marks[i + 1]?.index ?? text.length)) : text.replace(OPENERS.find((o) => o.slot === 'followUps')!.pattern, '').split(NEXT_TAKER).flatMap((piece) => piece.split(/(?<=는 )(?:거|것)(?:이)?(?:랑|과|하고)\s+/u));
  const written = writtenOn(section)?.date;
  return pieces
    .map((piece) => clean(withoutFillers(piece).replace(/^[\s,.:—–-]+|\s+(?:и|and)\s*$/giu, '')))
    .filter((piece) => piece.length > 3)
    .map((action) => {
      // "Миша сказал сделает", "это я сам сделаю", "Oleg will do it".
      const named = NAMED_TAKER.exec(action) ?? TAKER_AFTER.exec(action);
      // Korean names the one who takes it with 씨가 / 님이 ("지은 씨가 하기로 했어요").
      const namedKo = /(?<![가-힣])([가-힣]{2,4})\s?(?:씨가|님이|씨|님)\s/u.exec(action);
      const self = /(?<![\p{L}])(?:я сам\p{L}*|сам сделаю|сделаю сам|I'?ll do|I will|I'?ll take (?:it|that|this)(?: one)?)(?![\p{L}])|제가 (?:할게요|하겠습니다|할께요|맡을게요)|(?:겠습니다|할게요|볼게요|둘게요)[.!]?$/iu.test(action) || SELF_LEAD.test(action);
      // «Лена настроит …»: a name, then a verb in the third person.
      const subject = /^([\p{Lu}][\p{Ll}]{2,20})\s+(?=\p{Ll}+(?:ет|ит|ёт|ут|ют|ят)\s)/u.exec(action);
      const owner = named?.[1] ?? namedKo?.[1] ?? subject?.[1] ?? (self ? speaker : undefined);
      const byWeekday = /(?:до|by|к)\s+(понедельник\p{L}*|вторник\p{L}*|сред\p{L}*|четверг\p{L}*|пятниц\p{L}*|суббот\p{L}*|воскресень\p{L}*|monday|tuesday|wednesday|thursday|friday)/iu.exec(action);
      const due = byWeekday && written ? nextWeekday(byWeekday[1]!, written) : undefined;
      const line = paragraph.lines.find((l) => l.text.includes(action.split(/\s+/).slice(0, 3).join(' ')))?.number ?? paragraph.lines[0]!.number;
      // Who takes it is the owner, not part of what is to be done: "Marco is going to add …" is "add …";
      // "타임아웃 설정은 민수 님이 … 정리하기로 했습니다" is the setting to tidy, without who and the promise.
      const leadTaker = named && named.index === 0 && /^\S+\s+(?:will|should|is going to)\s/u.test(action) ? action.slice(named[0].length).trim().replace(/^(?:also|then)\s+/i, '') : undefined;
      const koTaker = !leadTaker && namedKo && namedKo.index > 0 ? action.replace(namedKo[0], '').replace(/\s*(?:하기로|기로)\s(?:했습니다|했어요|함)[.]?$/u, '') : undefined;
      // "… 이건 제가 할게요", a Korean promise, is no part of the action, whether or not the memo names its speaker.
      let bare = (leadTaker ?? koTaker ?? (owner ? action.replace(OWNER_CLAUSE, '').replace(SELF_LEAD, '').replace(new RegExp(`[,;\\s]*${TAKER_AFTER.source}${WHEN_AFTER_TAKER}[.,]?$`, 'u'), '') : action.replace(/\s*(?:이건\s)?제가 (?:할게요|하겠습니다|할께요|맡을게요)[^.]*[.,]?$/u, ''))).trim().replace(/[.;,]$/, '').replace(/(?<=[가-힣])하고$/u, '');
      // «…, алерт сделает Тимур»: the word before the taker names what of the action is theirs, said already.
      const object = /,\s*(\p{L}+)$/u.exec(bare);
      if (owner && object && bare.slice(0, object.index).toLowerCase().includes(object[1]!.toLowerCase())) bare = bare.slice(0, object.index);
      // "…알림 오게 설정하겠습니다": the ending is the promise, not the task.
      const promised = /\s*(?:할게요|할께요|하겠습니다|해둘게요|해 둘게요)[.!]?$/u.exec(bare);
      if (promised && bare.slice(0, promised.index).trim().length >= 4) bare = bare.slice(0, promised.index).trim();
      return { action: shorten(bare.length > 3 ? bare : action, 240), ...(owner && { owner }), ...(due && { due }), status: 'open' as const, cite: cite(section, line) };
    });
}

/** Who was hurt and how, in a sentence: "customers got 503s for about half an hour". */
const WHO_WAS_HURT = /(?<![\p{L}])(?:nobody|no one|никто) (?:could|не мог\p{L}*)(?![\p{L}])|(?<![\p{L}])(?:customers?|users?|clients?|checkouts?|orders?|клиент\p{L}*|пользовател\p{L}*|сборщик\p{L}*|заказ\p{L}*|사용자|고객)(?![\p{L}])[^.!?]{0,60}?(?<![\p{L}])(?:got|saw|could(?:n'?t| not)|lost|failed|errors?|5\d\d\p{L}*|не могли|получали|видели|потеряли|ошибк\p{L}*|не смогли)|\d+\s*분\s*(?:동안|간)\s*[^.!?]{0,40}?(?:안\s?됐|안\s?되었|안\s?나갔|못\s?했|못\s?받|불가|실패)/iu;

function spokenImpact(section: Section, sentences: SpokenSentence[]): CitedText | undefined {
  for (const sentence of sentences) {
    const match = WHO_WAS_HURT.exec(sentence.text);
    if (!match) continue;
    // "nobody could log in …" is its own subject: the quote starts there, not words before it;
    // and in a run-on sentence it ends where the speaker opens the next topic.
    const from = /^(?:nobody|no one|никто)/iu.test(match[0]) ? match.index : 0;
    const after = FIRST_OPENER.exec(sentence.text.slice(match.index + match[0].length));
    const to = after ? match.index + match[0].length + after.index : sentence.text.length;
    const part: SpokenSentence = { text: sentence.text.slice(from, to), lineAt: (offset) => sentence.lineAt(from + offset) };
    const inPart = WHO_WAS_HURT.exec(part.text)!;
    // Who was hurt is the clause's subject; it ends where the speaker tells how it was noticed.
    if (part.text.length > 180 && !/[가-힣]/u.test(part.text)) return runOnClause(section, part, inPart.index, inPart.index + inPart[0].length, { fromMatch: true, stops: [/\s(?:I|we|they|я|мы)\s/iu, SPOKEN_NOTICED] });
    return quoteAround(section, part, inPart, 4, 16);
  }
  return undefined;
}

// ── The incident ──

const RECOVERED = new RegExp(String.raw`(?<![\p{L}])(?:${WENT_THROUGH}|рассосал\p{L}*|восстанов\p{L}*|вернул\p{L}* в норм\p{L}*|в норме|заработал\p{L}*|нормализовал\p{L}*|back to normal|(?:is|was|were|are) back|back up|working again|recovered|fully operational|(?:everything|all) (?:was|is|went) (?:fine|ok|okay|good|green)|всё ок|все ок|вс[её] (?:было )?нормально|догрузил\p{L}*|разгребл\p{L}*|поднял(?:ось|ся|ась|ись)|stabili[sz]ed|caught up|(?:errors|5\d\ds|5xxs?|alerts) (?:are|were) gone)(?![\p{L}])|정상화|복구(?:됐|되었|완료)|돌아왔|다시\s?(?:나가기|나갔|되기|됐|작동|정상)`, 'iu');

/**
 * The clause of a sentence that matches, or (`onward`) it and the clauses after it. Korean joins
 * clauses with a verb ending (알림 받고 로그 지우고 …), elsewhere the sentence is one clause.
 */
function clauses(section: Section, sentence: SpokenSentence, pattern: RegExp, onward: boolean): CitedText {
  const match = pattern.exec(sentence.text)!;
  if (sentence.text.length > 180 && !/[가-힣]/u.test(sentence.text)) return runOnClause(section, sentence, match.index, match.index + match[0].length);
  const ends = [...sentence.text.matchAll(/(?<=[가-힣][고며서]),?\s+/gu)].map((m) => m.index + m[0].length);
  // What was done, onward, starts with the first of the joined actions ("타임아웃을 줄이고 재배포해서 …"),
  // not with the alert or the failure told before them ("3시 40분에 알림 받고 …").
  const starts = [0, ...ends];
  let first = starts.filter((at) => at <= match.index).length - 1;
  while (onward && first > 0) {
    const before = sentence.text.slice(starts[first - 1]!, starts[first]);
    if (SPOKEN_NOTICED.test(before) || FAILURE.test(before) || BECAUSE.test(before) || /원인/u.test(before)) break;
    first--;
  }
  const from = starts[first]!;
  const to = onward ? sentence.text.length : Math.min(sentence.text.length, ...ends.filter((at) => at > match.index));
  const part: SpokenSentence = { text: sentence.text.slice(from, to).trim(), lineAt: (offset) => sentence.lineAt(from + offset) };
  return quoteAround(section, part, pattern.exec(part.text)!);
}

/** Where a speaker who never pauses goes on to the next thing: "… and I dropped …", "… so what we need …", «… и мы …». */
const NEXT_DOER = /\s(?:and|so|then|but|и|а|но|потом)\s+(?:(?:um+|uh+|like)\s+)*(?=(?:I|we|they|what|я|мы|они)\s)/giu;
const NEXT_DOER_AHEAD = new RegExp(NEXT_DOER.source, 'iu');

/**
 * The clause of a run-on sentence around a match: from the doer it starts with ("we got the page",
 * "I dropped the stale slot") to where the next doer starts, at most 24 words on.
 */
function runOnClause(section: Section, sentence: SpokenSentence, start: number, end: number, options: { fromMatch?: boolean; stops?: RegExp[] } = {}): CitedText {
  const text = sentence.text;
  const window = Math.max(0, start - 80);
  const starts = [...text.slice(window, start + 12).matchAll(NEXT_DOER)].map((m) => window + m.index + m[0].length).filter((at) => at <= start);
  // Without a doer before it, four words back.
  const head = text.slice(0, start).trimEnd();
  const back = head.split(/\s+/).slice(-4).join(' ');
  const doer = /(?:^|\s)(?:I|we|they|я|мы|они)$/iu.exec(head);
  const from = options.fromMatch ? start : starts.at(-1) ?? (doer ? doer.index + (doer[0].length - doer[0].trimStart().length) : head.endsWith(back) ? head.length - back.length : start);
  const after = text.slice(end);
  const limit = end + after.split(/\s+/).slice(0, 25).join(' ').length;
  const stops = [NEXT_DOER_AHEAD, ...(options.stops ?? [])].map((p) => p.exec(after)?.index).filter((i): i is number => i !== undefined).map((i) => end + i);
  const to = Math.min(limit, text.length, ...stops);
  const said = withoutFillers(text.slice(from, to)).trim().replace(/^[,;:\s]+/, '');
  return { text: shorten(said, 240), cite: cite(section, sentence.lineAt(from), sentence.lineAt(Math.max(from, to - 1))) };
}

/** "… went read only … because the disk filled up …": the why told in the sentence that tells what failed. */
const BECAUSE = /(?<![\p{L}])(?:because(?: of)?|due to|потому что|из-за того,? что|так как)(?![\p{L}])/iu;

function spokenCause(section: Section, sentences: SpokenSentence[]): CitedText | undefined {
  for (const sentence of sentences) {
    const failure = FAILURE.exec(sentence.text);
    const because = failure ? BECAUSE.exec(sentence.text.slice(failure.index)) : null;
    if (!failure || !because) continue;
    const from = failure.index + because.index;
    const rest = sentence.text.slice(from + because[0].length);
    // It runs on until the speaker tells who was hurt, how it was noticed or fixed, or opens a topic.
    const stops = [FIRST_OPENER, WHO_WAS_HURT, SPOKEN_NOTICED, SPOKEN_FIX].map((p) => p.exec(rest)?.index).filter((i): i is number => i !== undefined && i > 10);
    const said = rest.slice(0, Math.min(rest.length, 300, ...stops)).replace(/(?:\s+(?:and|so|then|и|а|ну)|\s+(?:um+|uh+))+\s*$/iu, '');
    const to = from + because[0].length + said.length;
    return { text: clean(withoutFillers(sentence.text.slice(from, to))), cite: cite(section, sentence.lineAt(from), sentence.lineAt(Math.max(from, to - 1))) };
  }
  return undefined;
}

/** What a speaker says they did, when no topic opens with it: "로그 지우고 배치 다시 돌렸고", «перезапустил CoreDNS». */
const SPOKEN_FIX = /(?<![\p{L}])(?:restarted|rolled back|rolled (?:\S+ ){1,3}back|rolling back|rollback (?:is )?(?:done|complete)|reverted|pinned|cleared|purged|re-?ran|failed over|(?:I|we) (?:\p{L}+ )?(?:dropped|deleted|removed|killed|bumped|raised|increased|scaled|switched|flipped|disabled)|перезапустил\p{L}*|откатил\p{L}*|почистил\p{L}*|переключил\p{L}*)(?![\p{L}])|다시 돌렸|재시작했|재배포(?:해서|했|하고)|롤백했|지우고|지웠|교체했|늘렸|되돌려|되돌렸|원복|전환(?:했|해서|하고)|바꿨|바꿔서|삭제했/iu;
/** An alert or a report arriving, said in passing: "got an alert", «пришёл алерт», "알림 받고". */
const SPOKEN_NOTICED = /(?<![\p{L}])(?:alert (?:fired|came in)|got (?:an? |the )?(?:alert|page)|got paged|paged us|pinged us|пришёл алерт|алерт пришёл|по алерту)(?![\p{L}])|(?:알림|알람)(?:을|이)? ?(?:받|왔|울)|(?:제보|문의|신고)(?:가|를)? ?(?:받|왔|들어)|알게 (?:됐|되었)/iu;
const QUANTITY_CLAUSE = new RegExp(`(?:максимум|до|около|примерно|peak(?:ed)? at|up to|about)?\\s*${QUANTITY}(?:\\s+\\p{L}+){0,4}`, 'iu');

const ASSENT_LEAD = /^(?:good|ok(?:ay)?|great|thanks|right|alright|cool|yeah|yes|хорошо|ладно|ок|окей|отлично|спасибо|좋아요|좋습니다|네)[.,!]\s+/iu;

/**
 * «в половине десятого вечера упал …, где-то в десять пятнадцать всё заработало»: a speaker says the
 * hour once with its half of the day; a later hour on a 12-hour clock that would fall before the
 * start is that evening's, when it falls within six hours after it then.
 */
function laterThan(time: FoundTime | undefined, start: FoundTime | undefined): FoundTime | undefined {
  if (!time || !start || time.minutes >= start.minutes || time.minutes >= 12 * 60) return time;
  const evening = time.minutes + 12 * 60;
  if (evening < start.minutes || evening - start.minutes > 6 * 60) return time;
  // Said as "eleven fifteen pm" first, it is written as the start was: "11:45 PM"; else on a 24-hour clock.
  const text = /[AP]M$/i.test(start.text) ? `${time.text} PM` : `${Math.floor(evening / 60)}:${String(evening % 60).padStart(2, '0')}`;
  return { ...time, text, minutes: evening };
}

/** The time said right after a phrase ("got paged at eleven twenty") or right before it ("at 11:20 we got paged"). */
function timeBeside(sentence: SpokenSentence, phrase: RegExp): FoundTime | undefined {
  const match = phrase.exec(sentence.text);
  if (!match) return undefined;
  const end = match.index + match[0].length;
  const times = findTimes(sentence.text);
  const after = times.find((t) => t.index >= end && t.index - end <= 25);
  const before = times.findLast((t) => t.index + t.length <= match.index && match.index - (t.index + t.length) <= 25);
  // The nearer: English says the time after ("paged at 11:20"), Korean before ("3시 40분에 알림 받고").
  if (after && before) return after.index - end <= match.index - (before.index + before.length) ? after : before;
  return after ?? before;
}

export function extractSpokenIncident(section: Section, base: Pick<IncidentInput, 'title' | 'language' | 'sources' | 'entities' | 'generated'>): IncidentInput {
  // The recorder's stamp says when the memo was made, not a moment of what it tells.
  const lines = corrected(section.lines).filter((l) => !RECORDING_STAMP.test(l.text));
  const sentences = spokenSentences(section, lines);
  const substack = substackTitle(section, sentences);
  const found: Record<Cue['field'], CitedText[]> = { trigger: [], impact: [], resolution: [], lesson: [], note: [] };
  for (const sentence of sentences) {
    for (const cue of CUES) {
      // The title asked for ("How I dropped our production database…") is about the article, not a fact.
      if (cue.field !== 'note' && substack && sentence.text.includes(substack.text)) continue;
      const match = cue.pattern.exec(sentence.text);
      if (match) found[cue.field].push(quoteAround(section, sentence, match));
    }
  }
  // Topics the speaker opened by name.
  const spoken = new Map<SpokenSlot, Paragraph>();
  for (const said of paragraphs(lines)) {
    // "Good. Action item: …": a word of assent before the topic is no part of it.
    const assent = ASSENT_LEAD.exec(said.text.trim());
    const paragraph = assent ? { ...said, text: said.text.trim().slice(assent[0].length) } : said;
    const opener = OPENERS.find((o) => o.pattern.test(paragraph.text.trim()));
    if (opener && !spoken.has(opener.slot)) spoken.set(opener.slot, paragraph);
  }
  const topic = (slot: SpokenSlot) => (spoken.has(slot) ? quoteParagraph(section, spoken.get(slot)!) : undefined);
  // A topic cut at a word is less sure than a cue phrase ("resolution нужно раньше" is about a section, not the fix).
  const topicOrCue = (slot: SpokenSlot, cue: CitedText | undefined) => (spoken.get(slot)?.cut && cue ? cue : (topic(slot) ?? cue));

  // The incident's date: a relative day in the first sentences that tell what happened.
  const weekday = sentences.find((s) => FAILURE.test(s.text) || found.trigger.some((t) => s.text.includes(t.text.slice(0, 20))));
  const dateWord = weekday ? WEEKDAY_WORD.exec(weekday.text) : null;
  const date = weekday && dateWord ? relativeDate(section, [{ number: weekday.lineAt(dateWord.index), text: dateWord[0] }]) : relativeDate(section, lines.filter((l) => FAILURE.test(l.text) || WEEKDAY_WORD.test(l.text)).slice(0, 2));
  const timeline = fromProse(section, lines, { year: documentYear(section), day: date?.text });

  // When it started, was noticed and was over, from the times the speaker gives.
  const failureLine = lines.find((l) => FAILURE.test(l.text) && findTimes(l.text).length > 0) ?? lines.find((l) => findTimes(l.text).length > 0);
  const startTime = failureLine ? findTimes(failureLine.text)[0] : undefined;
  const detectionParagraph = spoken.get('detection');
  // The first time in the topic's own words (a topic cut out of a line is not the whole line), on the line that says it.
  const detectedTime = detectionParagraph ? firstTimeOf(detectionParagraph) : undefined;
  // No topic opened with them: the sentence that tells of the alert, and the one that tells what was done.
  const noticedSentence = detectionParagraph ? undefined : sentences.find((s) => SPOKEN_NOTICED.test(s.text));
  // "…, got paged at eleven twenty": the time said with the words of noticing, in a sentence of several times.
  const noticedAt = noticedSentence ? laterThan(timeBeside(noticedSentence, SPOKEN_NOTICED), startTime) : undefined;
  const noticedEntry = noticedAt ? { time: noticedAt.text, cite: cite(section, noticedSentence!.lineAt(noticedAt.index)) } : noticedSentence && timeline.find((e) => e.time && SPOKEN_NOTICED.test(e.event));
  const fixSentence = sentences.find((s) => SPOKEN_FIX.test(s.text) && !/[?？]\s*$/.test(s.text));
  const recoveryLine = [...lines].reverse().find((l) => RECOVERED.test(l.text) && findTimes(l.text).length > 0);
  const recoveryTime = laterThan(recoveryLine ? findTimes(recoveryLine.text).at(-1) : undefined, startTime);
  // "… с без четверти три и до половины четвёртого не работала …": the failure's own span ends it.
  const spokenSpan = failureLine ? statedRange(failureLine.text) : undefined;

  // Impact: the topic, and the magnitude the speaker settled on after correcting themselves.
  const impactTopic = topic('impact');
  const magnitude = lines.find((l) => QUANTITY_CLAUSE.test(l.text) && FAILURE.test(lines.filter((x) => Math.abs(x.number - l.number) <= 2).map((x) => x.text).join(' ')));
  const magnitudeText = magnitude ? QUANTITY_CLAUSE.exec(magnitude.text)![0].trim() : undefined;
  const impact: CitedText | undefined = impactTopic
    ? { text: magnitudeText && !impactTopic.text.includes(magnitudeText) ? `${magnitudeText}; ${impactTopic.text}` : impactTopic.text, cite: magnitude && magnitudeText && !impactTopic.text.includes(magnitudeText) ? [...cite(section, magnitude.number), ...impactTopic.cite] : impactTopic.cite }
    : (found.impact[0] ?? spokenImpact(section, sentences));

  const speaker = typeof section.ctx.parsed.frontmatter.username === 'string' ? section.ctx.parsed.frontmatter.username : undefined;
  const followUps = spoken.has('followUps') ? spokenFollowUps(section, spoken.get('followUps')!, spoken.get('followUps')!.speaker ?? speaker) : [];
  const title = spokenArticleTitle(section, sentences) ?? base.title;
  // Said to be over, with or without a time ("и всё заработало", "everything was back").
  const recoveryMention = recoveryLine ?? lines.find((l) => RECOVERED.test(l.text));
  const resolvedEvidence = found.resolution.length > 0 || recoveryMention !== undefined;
  return {
    ...base,
    title,
    tags: ['incident', 'voice-note'],
    date,
    ...(startTime && failureLine && { started: { text: startTime.text, cite: cite(section, failureLine.number) } }),
    ...(detectedTime && { detected: { text: detectedTime.t!.text, cite: cite(section, detectedTime.l.number) } }),
    ...(!detectedTime && noticedEntry && { detected: { text: noticedEntry.time!, cite: noticedEntry.cite } }),
    ...(recoveryTime && recoveryLine
      ? { resolved: { text: recoveryTime.text, cite: cite(section, recoveryLine.number) } }
      : failureLine && spokenSpan && { resolved: { text: spokenSpan.to, cite: cite(section, failureLine.number) } }),
    trigger: topicOrCue('trigger', found.trigger[0]),
    impact,
    rootCause: topic('rootCause') ?? spokenCause(section, sentences),
    detection: topic('detection') ?? (noticedSentence && clauses(section, noticedSentence, SPOKEN_NOTICED, false)),
    resolution: topicOrCue('resolution', found.resolution[0]) ?? (fixSentence && clauses(section, fixSentence, SPOKEN_FIX, true)),
    status: resolvedEvidence ? 'resolved' : 'unknown',
    ...(resolvedEvidence && { cites: { status: recoveryMention ? cite(section, recoveryMention.number) : found.resolution[0]!.cite } }),
    // The same evening for the timeline as for the fields: "10:15" after a 21:30 start is 22:15.
    timeline: timeline.map((entry) => {
      const said = entry.time ? findTimes(entry.time)[0] : undefined;
      const evening = laterThan(said, startTime);
      return evening && evening !== said ? { ...entry, time: evening.text } : entry;
    }),
    followUps,
    lessons: [...(spoken.has('lessons') ? [quoteParagraph(section, spoken.get('lessons')!)] : []), ...found.lesson],
    links: findLinks(section),
    // Feedback on an article ("для статьи X … назвать это …") makes the document a Substack draft.
    ...((substack || (spokenArticleTitle(section, sentences) && found.note.length > 0)) && {
      article: {
        title: substack,
        status: 'draft' as const,
        notes: found.note.map((note) => ({ text: note.text, done: false, cite: note.cite })),
      },
    }),
  };
}
