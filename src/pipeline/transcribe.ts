import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toFile } from 'openai';
import { ResultCache } from '../llm/cache.ts';
import type { ModelClient } from '../llm/client.ts';
import { audioDuration, ffmpeg } from './ffmpeg.ts';
import type { InboxFile } from './read.ts';
import { redact } from './redact/index.ts';

/**
 * Transcribe: a voice memo becomes a transcript source through the OpenAI-compatible audio API,
 * with segment timestamps where the model gives them. Long files are split with ffmpeg (the system's, else the npm build: see ffmpeg.ts) into
 * overlapping windows whose timestamps are shifted back into place; the previous window's tail is
 * passed as the prompt (redacted: a secret spoken in one window is not sent back in the next), so
 * words cut at a boundary are recognised. Results are cached by the
 * audio's hash, so a re-run makes no call.
 */
export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
}

export interface Transcript {
  text: string;
  segments: TranscriptSegment[];
  language?: string;
  duration?: number;
  model: string;
}

/** Seconds of overlap between chunks: a word cut at a boundary is heard whole in one of them. */
const OVERLAP_SECONDS = 2;

/** Splits audio into windows small enough for the API, re-encoded as mono 16 kHz MP3. */
async function splitAudio(file: string, bytes: number, limit: number, dir: string): Promise<Array<{ file: string; offset: number }>> {
  const duration = await audioDuration(file);
  const pieces = Math.ceil((bytes / limit) * 1.2) || 1;
  const window = Math.max(OVERLAP_SECONDS * 3, duration / pieces);
  const chunks: Array<{ file: string; offset: number }> = [];
  for (let offset = 0, i = 0; offset < duration; offset += window - OVERLAP_SECONDS, i++) {
    const out = path.join(dir, `chunk-${String(i).padStart(4, '0')}.mp3`);
    await ffmpeg(['-v', 'error', '-y', '-ss', String(offset), '-t', String(window), '-i', file, '-ac', '1', '-ar', '16000', '-b:a', '32k', out]);
    chunks.push({ file: out, offset });
    if (offset + window >= duration) break;
  }
  return chunks;
}

/** Telegram voice notes (.oga/.opus) are Ogg: some servers accept them only as voice.ogg, audio/ogg. */
function uploadName(relPath: string): { name: string; type: string } {
  const ext = path.extname(relPath).toLowerCase();
  if (['.oga', '.opus', '.ogg'].includes(ext)) return { name: 'voice.ogg', type: 'audio/ogg' };
  const types: Record<string, string> = { '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.mp4': 'audio/mp4', '.wav': 'audio/wav', '.webm': 'audio/webm', '.flac': 'audio/flac' };
  return { name: path.basename(relPath), type: types[ext] ?? 'application/octet-stream' };
}

async function transcribeOnce(client: ModelClient, bytes: Uint8Array, relPath: string, prompt?: string): Promise<Omit<Transcript, 'model'>> {
  const { name, type } = uploadName(relPath);
  const response = await client.limit(async () =>
    client.openai.audio.transcriptions.create({
      file: await toFile(Buffer.from(bytes), name, { type }),
      model: client.config.transcribeModel,
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
      ...(client.config.language && { language: client.config.language }),
      ...(prompt && { prompt }),
    }),
  );
  const verbose = response as unknown as { text: string; language?: string; duration?: number; segments?: Array<{ start: number; end: number; text: string }> };
  const segments = (verbose.segments ?? []).map((s) => ({ start: s.start, end: s.end, text: s.text.trim() })).filter((s) => s.text);
  if (verbose.duration) client.usage.audioSeconds += verbose.duration;
  return { text: verbose.text, segments, language: verbose.language, duration: verbose.duration };
}

/** Some models reject Ogg/Opus with a 400: the same audio as MP3 goes through. */
async function withTranscodeRetry(client: ModelClient, bytes: Uint8Array, relPath: string, dir: string, prompt?: string) {
  try {
    return await transcribeOnce(client, bytes, relPath, prompt);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== 400 || !/\.(ogg|oga|opus|webm)$/i.test(relPath)) throw error;
    const input = path.join(dir, `input${path.extname(relPath)}`);
    const mp3 = path.join(dir, 'transcoded.mp3');
    await writeFile(input, bytes);
    await ffmpeg(['-v', 'error', '-y', '-i', input, '-ac', '1', '-ar', '16000', '-b:a', '48k', mp3]);
    return await transcribeOnce(client, new Uint8Array(await readFile(mp3)), 'transcoded.mp3', prompt);
  }
}

export async function transcribe(file: InboxFile, client: ModelClient, cache: ResultCache): Promise<{ transcript: Transcript; cached: boolean }> {
  const key = ResultCache.key(client.config.transcribeModel, client.config.language ?? '', file.hash);
  const hit = await cache.get<Transcript>('transcripts', key);
  if (hit) return { transcript: hit, cached: true };
  const dir = await mkdtemp(path.join(tmpdir(), 'fieldnotes-audio-'));
  try {
    let transcript: Transcript;
    if (file.bytes.length <= client.config.audioChunkBytes) {
      transcript = { ...(await withTranscodeRetry(client, file.bytes, file.relPath, dir)), model: client.config.transcribeModel };
    } else {
      const input = path.join(dir, `input${path.extname(file.relPath)}`);
      await writeFile(input, file.bytes);
      const chunks = await splitAudio(input, file.bytes.length, client.config.audioChunkBytes, dir);
      const segments: TranscriptSegment[] = [];
      let language: string | undefined;
      for (const chunk of chunks) {
        const tail = (await redact(segments.slice(-3).map((s) => s.text).join(' ').slice(-200))).text;
        const part = await withTranscodeRetry(client, new Uint8Array(await readFile(chunk.file)), chunk.file, dir, tail || undefined);
        language ??= part.language;
        const end = segments.at(-1)?.end ?? 0;
        for (const segment of part.segments.length ? part.segments : [{ start: 0, end: part.duration ?? 0, text: part.text.trim() }]) {
          const shifted = { start: segment.start + chunk.offset, end: segment.end + chunk.offset, text: segment.text };
          // The overlap is heard twice: keep a segment only once, from the chunk that starts it.
          if (shifted.end > end + 0.25 && shifted.text) segments.push(shifted);
        }
      }
      transcript = { text: segments.map((s) => s.text).join(' '), segments, language, duration: segments.at(-1)?.end, model: client.config.transcribeModel };
    }
    await cache.set('transcripts', key, transcript);
    return { transcript, cached: false };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The transcript as a note: frontmatter like a Telegram voice transcript (source, date, audio
 * file, duration, language), then one line per segment, so a citation of a line is a time range.
 */
export function transcriptNote(transcript: Transcript, audioRelPath: string): { text: string; segmentLines: Array<{ line: number; start: number; end: number }> } {
  const stamp = /(\d{4})(\d{2})(\d{2})[_-]?(\d{2})(\d{2})(\d{2})/.exec(path.basename(audioRelPath));
  const date = stamp ? `${stamp[1]}-${stamp[2]}-${stamp[3]}T${stamp[4]}:${stamp[5]}:${stamp[6]}+00:00` : undefined;
  const front = [
    '---',
    'source: voice_memo',
    ...(date ? [`date: ${date}`] : []),
    `audio_file: ${JSON.stringify(path.basename(audioRelPath))}`,
    ...(transcript.duration ? [`duration: ${Math.round(transcript.duration)}`] : []),
    ...(transcript.language ? [`language: ${transcript.language}`] : []),
    `transcribed_by: ${transcript.model}`,
    '---',
    '',
  ];
  const segments = transcript.segments.length > 0 ? transcript.segments : [{ start: 0, end: transcript.duration ?? 0, text: transcript.text }];
  const segmentLines = segments.map((s, i) => ({ line: front.length + i + 1, start: s.start, end: s.end }));
  return { text: [...front, ...segments.map((s) => s.text)].join('\n') + '\n', segmentLines };
}

/**
 * Times written in a transcript beside a memo ("[01:23] …", "01:23:45 - …", "(00:12) …"): each
 * line that starts with one plays from there; it ends where the next timed line starts.
 */
export function sidecarSegments(text: string, duration?: number): Array<{ line: number; start: number; end: number }> {
  const timed: Array<{ line: number; start: number }> = [];
  text.split('\n').forEach((line, index) => {
    const match = /^\s*[[(]?(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,]\d+)?[\])]?\s*(?:[-–—:]\s*)?\S/.exec(line);
    if (match) timed.push({ line: index + 1, start: Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]) });
  });
  return timed.map((t, i) => ({ ...t, end: timed[i + 1]?.start ?? duration ?? t.start }));
}
