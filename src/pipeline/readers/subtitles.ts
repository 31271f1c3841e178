/**
 * Call and meeting transcripts saved as subtitles, or as JSON (further down): WebVTT (Zoom, Teams, Google Meet) and SubRip
 * (.srt). A cue's timing is an offset into the recording, not a clock time, and is left out: the
 * extractor would read "00:00:21" as a time of day. A cue's speaker (VTT's `<v Name>` tag, or
 * "Name:" at its start, as Zoom writes it) opens a turn; the cues of one turn are joined into one
 * paragraph, "Name: what they said", so the text reads as the call was spoken. The frontmatter
 * marks it a transcript, so it is read as speech.
 */
import YAML from 'yaml';
import type { Converted } from './types.ts';

const TIMING = /^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s+-->\s+(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}/;
/** A speaker named at a cue's start: "Dana Lee: …", "DANA: …" (one to three words, no digits). */
const SPEAKER_LEAD = /^([\p{L}][\p{L}.'’-]*(?:\s[\p{L}][\p{L}.'’-]*){0,2}):\s+/u;

interface Cue {
  speaker?: string;
  text: string;
}

function cueOf(lines: string[]): Cue | undefined {
  const at = lines.findIndex((line) => TIMING.test(line));
  if (at < 0) return undefined;
  let speaker: string | undefined;
  const text = lines
    .slice(at + 1)
    .join(' ')
    // <v Dana Lee>…</v>, <v.loud Dana>: the voice is the speaker.
    .replace(/<v(?:\.[\w.-]+)?\s+([^>]+)>/g, (_, name: string) => {
      speaker ??= name.trim();
      return '';
    })
    // Other cue markup: </v>, <c.yellow>, <i>, <b>, and karaoke timestamps <00:00:01.000>.
    .replace(/<\/?[a-z][^>]*>|<\d[\d:.]*>/gi, '')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const lead = speaker ? undefined : SPEAKER_LEAD.exec(text);
  if (lead) speaker = lead[1];
  const said = lead ? text.slice(lead[0].length) : text;
  return said ? { speaker, text: said } : undefined;
}

export function readSubtitles(text: string, file: string): Converted {
  const blocks = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  const webvtt = /^WEBVTT(?:\s|$)/.test(blocks[0] ?? '');
  const cues = blocks
    // VTT's header, comments and style blocks are no speech.
    .filter((block, i) => !(webvtt && i === 0) && !/^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(block))
    .map((block) => cueOf(block.split('\n')))
    .filter((cue): cue is Cue => cue !== undefined);
  if (cues.length === 0) throw new Error(`${file} has no subtitle cues (a cue is a timing line "00:00:03.000 --> 00:00:09.000" and its text)`);
  return { text: transcriptText(cues, file, webvtt ? 'WebVTT' : 'SubRip'), reader: 'subtitles', warnings: [] };
}

/** One paragraph per turn ("Name: what they said"; a cue without a speaker continues the turn before it), under frontmatter that marks a transcript. */
function transcriptText(cues: Cue[], file: string, format: string): string {
  const turns: Cue[] = [];
  for (const cue of cues) {
    const last = turns.at(-1);
    if (last && (!cue.speaker || cue.speaker === last.speaker)) last.text = `${last.text} ${cue.text}`;
    else turns.push({ ...cue });
  }
  const name = file.split('/').pop()!.replace(/\.[^.]+$/, '');
  const front = { title: name, source: `call transcript (${format})` };
  const body = turns.map((turn) => (turn.speaker ? `${turn.speaker}: ${turn.text}` : turn.text)).join('\n\n');
  return `---\n${YAML.stringify(front, { lineWidth: 0 })}---\n\n${body}\n`;
}

const SPEAKER_KEYS = ['speaker', 'speaker_name', 'speakerName', 'name', 'participant', 'user', 'author'];
const TEXT_KEYS = ['text', 'transcript', 'content', 'utterance', 'words', 'message'];

/** The utterances of a parsed JSON document: the first array (at the top or one or two keys down) of objects with a speaker and a text. */
function utterances(value: unknown, depth = 0): Cue[] | undefined {
  if (Array.isArray(value)) {
    const cues = value.flatMap((item): Cue[] => {
      if (!item || typeof item !== 'object') return [];
      const record = item as Record<string, unknown>;
      const speaker = SPEAKER_KEYS.map((k) => record[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
      const text = TEXT_KEYS.map((k) => record[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
      return text ? [{ speaker: speaker?.trim(), text: text.replace(/\s+/g, ' ').trim() }] : [];
    });
    return cues.length >= 2 && cues.filter((c) => c.speaker).length >= cues.length / 2 ? cues : undefined;
  }
  if (!value || typeof value !== 'object' || depth >= 2) return undefined;
  for (const inner of Object.values(value as Record<string, unknown>)) {
    const found = utterances(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * A call transcript saved as JSON by a meeting or transcription tool: a list of utterances, each a
 * speaker and what they said (`{"speaker": "erin", "text": "…"}`, perhaps under a key such as
 * "meeting_transcript" or "utterances"). Any other JSON is no transcript (undefined) and stays a note.
 */
export function readJsonTranscript(text: string, file: string): Converted | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const cues = utterances(parsed);
  return cues ? { text: transcriptText(cues, file, 'JSON'), reader: 'transcript', warnings: [] } : undefined;
}
