/**
 * A decision told aloud: a voice memo after a call ("we had three options, keep the yaml files,
 * buy launchdarkly, or run unleash ourselves … so we decided to go with self-hosted unleash. the
 * downside is …"; «было три варианта кафка rabbitmq и таблица в постгресе … кафка отпала потому
 * что … в итоге решили остаться на RabbitMQ … минус в том что …»). Speech has no sections and a
 * recogniser often no punctuation: each part is found by the words a speaker tells it with, and
 * runs to the next such words, the sentence's end or a few dozen words.
 */
import type { AdrInput, CitedText } from '../../schemas/index.ts';
import { DECIDED_ALOUD, DOWNSIDE_ALOUD, OPTIONS_ALOUD } from '../classify.ts';
import { writtenOn } from './fields.ts';
import { findLinks } from './links.ts';
import { cite, clean, shorten, unpunctuatedSpeech, type Section } from './section.ts';
import { spokenSentences } from './speech.ts';

/** An option ruled out: «кафка отпала», "launchdarkly was out", "Kafka는 … 제외했고". */
const RULED_OUT = /(?<![\p{L}])(?:отпал[аои]?|отпадает|не подходит|не подош[её]л|не подошл[аои]|не вытян\p{L}*|не тянет|не потянет|не годится|отказались от|слишком (?:сложн|дорог|тяж[её]л)\p{L}*|(?:was|is|were) (?:out|off the table|ruled out|(?:way |much |far )?too (?:expensive|slow|complex|heavy))|(?:got )?ruled out|(?:does|did|would|will)(?:n'?t| not) (?:scale|work|fit))(?![\p{L}])|제외(?:했|하|됐)|탈락|빠졌/iu;
/** What is good about the choice: «плюс в том что», "the upside is", "장점은". */
const UPSIDE_ALOUD = /(?<![\p{L}])(?:плюс(?:ы)?(?: в том,? что)?|из плюсов|the upside(?: is)?|the (?:good|nice) (?:part|thing) is)(?![\p{L}])|장점(?:은|이라면)?/iu;
/** Someone taking the work on: «Петя сказал что сделает …», "maria is going to set it up", "민수 님이 하기로". */
const TAKEN_ON = /(?<![\p{L}])\p{L}+\s+(?:сказал\p{L}*,?\s+что\s+(?:сделает|возьм\p{L}*|займ\p{L}*)|сделает|возьм[её]т|займ[её]тся|is going to|'s going to|will (?:set|do|write|migrate|own|handle|take))(?![\p{L}])|\S+\s?(?:님이|이가|가|이)\s.{0,30}?(?:하기로|맡기로)/iu;
/** A speaker's sign-off: «ну вот вроде всё», "that's it", "이상입니다". */
const SIGN_OFF = /(?:(?<![\p{L}])(?:ну\s+)?(?:вот\s+)?(?:вроде\s+)?(?:и\s+)?вс[её]|(?<![\p{L}])that'?s (?:it|all)|이상입니다)[.!]?\s*$/iu;
/** Where what a speaker says for a reason or purpose begins: the title stops before it. */
const PURPOSE = /\s+(?:чтобы|потому что|так как|because|so that|since|to avoid|для того)(?![\p{L}]).*$/iu;
/** The thing chosen after the verb: "go with X", «остаться на X», "X로 가기로". */
const CHOSEN_OBJECT = /(?<![\p{L}])(?:go with|going with|use|stay (?:on|with)|keep|move to|switch to|остаться на|остаёмся на|перейти на|переехать на|переходим на|взять|берём|берем|использовать|оставить)\s+(.+?)(?=\s+(?:but|но|because|потому|чтобы|so that|since|instead|вместо|for|для)(?![\p{L}])|[,.;]|$)/iu;
/** Words that join a part to the next one ("… в секунду в итоге решили"): none of the part's own. */
const TRAILING_LINK = /(?:[\s,]+(?:в итоге|так что|поэтому|и|а|но|было|были|есть|у нас|so|and|but|then|in the end|eventually|we had|there were|basically|그래서|결국))+[\s,]*$/iu;
/** When the weighing happened, said after the list ("… and typesense last week"): no part of an option. */
const WHEN_SAID = /\s+(?:last (?:week|month|sprint|time)|yesterday|today|this (?:week|morning)|на (?:прошлой|этой) неделе|вчера|сегодня|지난주|어제|오늘)$/iu;
const FILLER_START = /^(?:(?:короче|ну|так|вот|значит|в итоге|э+|ok(?:ay)?|so|um+|uh+|erm|alright|right|well|in the end|네|음|그러니까|그래서|결국)[,\s]+)+/iu;
const STOP_WORDS = new Set(['the', 'and', 'our', 'its', 'with', 'from', 'into', 'that', 'this', 'just', 'keep', 'buy', 'run', 'use', 'ourselves', 'для', 'это', 'как', 'просто', 'наш', 'наша', 'свой', 'своя', 'оставить', 'взять']);

interface Speech {
  text: string;
  /** Offsets at which a sentence ends, so no part runs past one in punctuated speech. */
  ends: number[];
  cited: (from: number, to: number) => CitedText;
}

/** The transcript as one text, with each offset's line for citations. */
function speechOf(section: Section): Speech {
  const sentences = spokenSentences(section);
  let text = '';
  const starts: Array<{ at: number; lineAt: (offset: number) => number }> = [];
  const ends: number[] = [];
  for (const sentence of sentences) {
    if (text) text += ' ';
    starts.push({ at: text.length, lineAt: sentence.lineAt });
    text += sentence.text;
    ends.push(text.length);
  }
  const lineAt = (offset: number) => {
    const at = starts.findLast((s) => s.at <= offset) ?? starts[0]!;
    return at.lineAt(offset - at.at);
  };
  const cited = (from: number, to: number): CitedText => ({
    text: shorten(clean(text.slice(from, to)).replace(TRAILING_LINK, '').replace(/[,;:\s]+$/, ''), 300),
    cite: cite(section, lineAt(from), lineAt(Math.max(from, to - 1))),
  });
  return { text, ends, cited };
}

/**
 * Where a part ends that starts at `from` with its own words up to `after`: a sentence's end, the
 * next part's words, a sign-off, or `words` words on.
 */
function partEnd(speech: Speech, from: number, after = from, words = 30): number {
  const { text } = speech;
  const sentenceEnd = speech.ends.find((e) => e > from) ?? text.length;
  let end = sentenceEnd;
  const rest = text.slice(after, sentenceEnd);
  for (const next of [DECIDED_ALOUD, DOWNSIDE_ALOUD, UPSIDE_ALOUD, TAKEN_ON, SIGN_OFF]) {
    const found = next.exec(rest);
    if (found && found.index > 0) end = Math.min(end, after + found.index);
  }
  const spaces = [...text.slice(from, end).matchAll(/\s+/g)];
  return spaces.length > words ? from + spaces[words]!.index : end;
}

/** Where the sentence holding `at` begins. */
function sentenceStart(speech: Speech, at: number, text: string): number {
  const end = speech.ends.findLast((e) => e <= at);
  return end === undefined ? 0 : end + (/^\s*/.exec(text.slice(end))?.[0].length ?? 0);
}

const words = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? []).filter((w) => w.length >= 3 && !STOP_WORDS.has(w));

/** "keep the yaml files in the repo, buy launchdarkly, or run unleash ourselves": the items of a spoken list. */
function listedItems(list: string): string[] {
  const pieces = list.split(/\s*(?:[,;]\s*(?:(?:or|and|или|и|그리고)\s+)?|\s(?:or|или)\s)\s*/iu);
  // "Loki, Elasticsearch и ClickHouse": the last two are joined by a word, not a comma.
  const last = pieces.pop() ?? '';
  pieces.push(...last.split(/\s+(?:и|and|или|or)\s+/iu));
  return pieces
    .map((item) => item.replace(/^(?:(?:or|and|или|и|그리고)\s+)/iu, '').replace(/(?:였|이었)?(?:어요|습니다|다|요)[.!]?$/u, '').replace(/[.!?]+$/, '').replace(WHEN_SAID, '').trim())
    .filter((item) => /\p{L}{2}/u.test(item));
}

export function extractSpokenAdr(section: Section, base: Omit<AdrInput, 'status'>): AdrInput {
  const speech = speechOf(section);
  const { text } = speech;
  const decided = [...text.matchAll(new RegExp(DECIDED_ALOUD.source, 'giu'))].at(-1);
  const decisionEnd = decided ? partEnd(speech, decided.index, decided.index + decided[0].length) : 0;
  // Korean says what was chosen before the verb ("결국 Vector로 가기로 했습니다"): its sentence is the decision.
  const objectFirst = decided !== undefined && /\p{Script=Hangul}/u.test(decided[0]);
  const decisionStart = !decided ? 0 : objectFirst ? sentenceStart(speech, decided.index, text) : decided.index;
  const decision = decided ? speech.cited(decisionStart, decisionEnd) : undefined;
  const clause = !decided ? '' : objectFirst ? text.slice(decisionStart, decided.index + decided[0].length) : text.slice(decided.index + decided[0].length, decisionEnd);

  // The options as listed after "three options" / «три варианта»: up to the sentence's end when it
  // is punctuated; in a run-on transcript, up to the first option named again with its verdict.
  const listing = OPTIONS_ALOUD.exec(text);
  let region = '';
  let items: string[] = [];
  if (listing) {
    const from = listing.index + listing[0].length;
    const tail = text.slice(from).replace(/^[\s,:—–-]*(?:(?:here|there|which (?:are|were)|namely|а именно|это|있었는데요?|있었고|있었어요)[\s,:]*)?/iu, '');
    let start = text.length - tail.length;
    // "선택지가 세 개 있었어요. Fluentd, Vector, 그리고 Logstash요.": the list is the next sentence.
    if (speech.ends.includes(text.slice(0, start).trimEnd().length) || /^[.!?…]/.test(tail)) start = text.slice(0, start).length + (/^[.!?…]+\s*/.exec(tail)?.[0].length ?? 0);
    const sentenceEnd = speech.ends.find((e) => e > start) ?? text.length;
    const verdict = RULED_OUT.exec(text.slice(start));
    const end = Math.min(sentenceEnd, decided && decided.index > start ? decided.index : text.length, verdict ? start + verdict.index : text.length);
    region = text.slice(start, end);
    // "elasticsearch and meilisearch and typesense last week": a short list joined by words is one too.
    // Not in a run-on transcript: without punctuation, where one name ends and the next begins is unknown.
    const joinedByWords = !unpunctuatedSpeech(text) && !/[,;]/.test(region) && /\s(?:и|and|или|or)\s/iu.test(region) && region.trim().split(/\s+/).length <= 10;
    if (/[,;]/.test(region) || joinedByWords) items = listedItems(region);
    else if (verdict) {
      // "кафка rabbitmq и таблица … с polling кафка отпала": the list ends where its first item is named again.
      const said = region.trim().split(/\s+/);
      for (let n = Math.min(4, said.length - 1); n >= 1; n--) {
        const subject = said.slice(-n).join(' ').toLowerCase();
        if (said.slice(0, -n).join(' ').toLowerCase().includes(subject)) {
          region = said.slice(0, -n).join(' ');
          break;
        }
      }
    }
  }

  const options: NonNullable<AdrInput['options']> = [];
  const addOption = (name: string, at: CitedText, chosen: boolean, reasons?: string) => {
    const known = options.find((o) => o.name.toLowerCase() === name.toLowerCase());
    if (known) {
      known.chosen ||= chosen;
      if (reasons && !known.reasons) known.reasons = reasons;
      return;
    }
    options.push({ name, chosen, ...(reasons && { reasons }), cite: at.cite });
  };
  const clauses = [...text.matchAll(/[^,;.!?]+/gu)].map((m) => ({ text: m[0], index: m.index }));
  if (items.length >= 2) {
    const itemWords = items.map(words);
    items.forEach((item, i) => {
      // A word of this item that no other item has: what the speaker calls it later ("yaml", "launchdarkly").
      const own = itemWords[i]!.filter((w) => !itemWords.some((other, k) => k !== i && other.includes(w)));
      const chosen = own.some((w) => clause.toLowerCase().includes(w));
      const told = clauses.find((c) => c.index > (listing?.index ?? 0) + (listing?.[0].length ?? 0) + region.length && !DECIDED_ALOUD.test(c.text) && !DOWNSIDE_ALOUD.test(c.text) && own.some((w) => c.text.toLowerCase().includes(w)));
      // The rest of its sentence, unless the sentence goes on to another option ("…써서 제외했고, Fluentd는 …").
      const clauseEnd = told ? told.index + told.text.length : 0;
      const sentenceEnd = told ? Math.max(partEnd(speech, told.index), clauseEnd) : 0;
      const others = itemWords.filter((_, k) => k !== i).flat();
      const reasonEnd = others.some((w) => text.slice(clauseEnd, sentenceEnd).toLowerCase().includes(w)) ? clauseEnd : sentenceEnd;
      const reasons = told ? speech.cited(told.index, reasonEnd).text.replace(/^(?:and|but|а|и|но|그리고)\s+/iu, '') : undefined;
      addOption(item, speech.cited(text.indexOf(item), text.indexOf(item) + item.length), chosen, chosen ? undefined : reasons);
    });
  } else {
    // Run-on speech: the options are the ones it rules out and the one it chooses.
    const verdicts = [...text.matchAll(new RegExp(RULED_OUT.source, 'giu'))];
    const subjects: Array<{ name: string; from: number; verdict: RegExpExecArray }> = [];
    for (const verdict of verdicts) {
      const before = text.slice(0, verdict.index).trim().split(/\s+/);
      let subject = before.slice(-1).join(' ');
      for (let n = Math.min(4, before.length); n >= 1; n--) {
        const words = before.slice(-n).join(' ');
        if (region && region.toLowerCase().includes(words.toLowerCase())) {
          subject = words;
          break;
        }
      }
      // "…, а таблица в постгресе не вытянет": a clause's own subject starts after its connective.
      subject = subject.replace(/^.*(?<![\p{L}])(?:а|и|но|and|but)\s+/iu, '');
      // "Logstash는 메모리를 너무 많이 써서 제외했고": a Korean clause names its subject first, with its particle.
      if (/\p{Script=Hangul}/u.test(verdict[0])) {
        const clauseStart = Math.max(text.lastIndexOf(', ', verdict.index) + 2, sentenceStart(speech, verdict.index, text));
        subject = /^\S+?(?=(?:은|는|이|가)?(?:\s|$))/u.exec(text.slice(clauseStart, verdict.index).trim())?.[0] ?? subject;
      }
      if (/\p{L}{2}/u.test(subject)) subjects.push({ name: subject, from: Math.max(0, text.lastIndexOf(subject, verdict.index)), verdict });
    }
    subjects.forEach(({ name, from, verdict }, i) => {
      // "кафка отпала потому что … а таблица в постгресе не вытянет": a verdict's reasons end where the next one's subject begins.
      const next = subjects[i + 1]?.from ?? text.length;
      const told = speech.cited(from, Math.min(next, partEnd(speech, verdict.index, verdict.index + verdict[0].length, 20)));
      addOption(name, told, false, told.text);
    });
    const object = CHOSEN_OBJECT.exec(clause)?.[1];
    const inRegion = words(clause).filter((w) => region.toLowerCase().includes(w)).sort((a, b) => b.length - a.length)[0];
    const name = inRegion ? (new RegExp(`(?<![\\p{L}])${inRegion.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu').exec(clause)?.[0] ?? inRegion) : object;
    if (name && decision) addOption(name.trim(), decision, true);
  }

  // What the choice costs and gives: «минус в том что …», "the downside is …", "장점은 …".
  const consequence = (pattern: RegExp): CitedText[] =>
    [...text.matchAll(new RegExp(pattern.source, 'giu'))].map((m) => speech.cited(m.index, partEnd(speech, m.index, m.index + m[0].length))).filter((c) => /\p{L}{3}.*\s\S/u.test(c.text));

  // What the call was about: what the speaker says before the options or the decision.
  const firstCue = Math.min(listing?.index ?? text.length, decided?.index ?? text.length);
  const opening = text.slice(0, Math.min(firstCue, speech.ends[0] ?? text.length));
  const topic = opening.replace(FILLER_START, '');
  const context = topic.split(/\s+/).length >= 3 ? speech.cited(text.length - text.slice(opening.length - topic.length).length, opening.length) : undefined;

  const written = writtenOn(section);
  const title = clause.replace(FILLER_START, '').replace(PURPOSE, '').replace(/^\s*(?:to|что|на)\s+(?=\S)/iu, '').replace(TRAILING_LINK, '').replace(/[\s,.;:!]+$/, '').trim();
  const cites: Record<string, CitedText['cite']> = {};
  if (decision) cites.status = decision.cite;
  return {
    ...base,
    ...(title && decision && { title: { text: shorten(title.replace(/^\p{Ll}/u, (c) => c.toUpperCase()), 120), cite: decision.cite } }),
    tags: ['adr'],
    // "we decided" / «решили»: a decision made, not one proposed.
    status: decision ? 'accepted' : 'unknown',
    ...(written && { date: { text: written.date.toISOString().slice(0, 10), cite: cite(section, written.line), inferred: false } }),
    ...(context && { context }),
    ...(decision && { decision }),
    options,
    consequences: { positive: consequence(UPSIDE_ALOUD), negative: consequence(DOWNSIDE_ALOUD) },
    links: findLinks(section),
    cites,
  };
}
