/**
 * Readers: the stage in front of `parse` that turns the formats people have (HTML and Word exports,
 * PDFs, Slack, Telegram and Mattermost exports) into the Markdown text the rest of the pipeline
 * reads. `planInputs` decides what the inputs of the inbox are (a Slack channel is a folder of
 * day files, a Mattermost export holds many channels); `readInput` converts one.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { slugify } from '../slug.ts';
import { readInboxFile, type InboxFile } from '../read.ts';
import type { MattermostExport } from './mattermost.ts';
import type { VoiceTranscriber } from './telegram.ts';
import type { Converted, ReaderName } from './types.ts';
import type { Markup } from './wiki-markup.ts';

export type { Converted, ReaderName } from './types.ts';
export type { VoiceTranscriber } from './telegram.ts';

/** An input that a reader converts; text notes and voice memos are read as before and are not one. */
export interface ReaderInput {
  /** What the report, the manifest and the source page call it: a file, or a folder or `file#channel`. */
  key: string;
  /** Base of its source id (the key's own name would be `2026-02-26` or `export`). */
  slug: string;
  reader: PlannedReader;
  /** The inbox files its text depends on: a change to any of them converts it again. */
  files: string[];
  /** The channel a Slack folder or Mattermost export part is about. */
  channel?: string;
  /** The export this input belongs to (its folder or file), as the author sees it. */
  exportName?: string;
}

export interface InputPlan {
  readers: ReaderInput[];
  /** Files that belong to an export (media, indexes) and are not inputs of their own. */
  claimed: Set<string>;
  warnings: Array<{ file: string; message: string }>;
}

/** The readers an input is planned for by its name; a JSON call transcript and a note's markup are known as the text is read (source.ts). */
type PlannedReader = Exclude<ReaderName, 'transcript' | Markup>;

const BY_EXTENSION: Array<[RegExp, PlannedReader]> = [
  [/\.html?$/i, 'html'],
  // An old .doc goes to the Word reader too, which says what it is and what to do.
  [/\.docx?$/i, 'docx'],
  [/\.pdf$/i, 'pdf'],
  // Call and meeting transcripts (Zoom, Teams, Meet) saved as subtitles.
  [/\.(vtt|srt)$/i, 'subtitles'],
];

/** Formats no reader converts, with what to do instead: better than "not a text file". */
const UNSUPPORTED: Array<[RegExp, string]> = [
  [/\.zip$/i, 'a zip archive is not read; unpack it into the inbox (a Slack or Telegram export is read as its folder)'],
  [/\.(tar|tgz|gz|7z|rar)$/i, 'an archive is not read; unpack it into the inbox'],
  [/\.(odt|rtf|pages)$/i, 'this word-processor format is not read; save it as .docx, .html or .pdf'],
  [/\.(xlsx?|ods|numbers)$/i, 'spreadsheets are not read; paste the table into a note, or save the sheet as .html'],
  [/\.(pptx?|odp|key)$/i, 'presentations are not read; save it as .pdf'],
  [/\.(png|jpe?g|gif|webp|heic|tiff?|bmp)$/i, 'images are not read (no OCR); put the text of the screenshot into a note'],
];

/** Why an inbox file is not read, when its format is one no reader takes. */
export function unsupportedFormat(relPath: string): string | undefined {
  return UNSUPPORTED.find(([pattern]) => pattern.test(relPath))?.[1];
}

const dirOf = (relPath: string) => (relPath.includes('/') ? relPath.slice(0, relPath.lastIndexOf('/')) : '');
const under = (dir: string, relPath: string) => dir === '' || relPath.startsWith(dir + '/');
const slug = (text: string) => slugify(text, { separator: '-', preserveCharacters: ['_'] }).slice(0, 80) || 'export';

/** The first bytes of a file, to tell its format: only those are read. */
function head(inboxDir: string, relPath: string, bytes = 256): string {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(inboxDir, ...relPath.split('/')), 'r');
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0)).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/*
 * The readers themselves are imported when an input of theirs is planned or read: an inbox of
 * plain notes (and every unchanged run) starts without loading them.
 */

/** A Slack export's day file, `2026-02-26.json`, in a channel folder. */
const SLACK_DAY_FILE = /^\d{4}-\d{2}-\d{2}\.json$/;
/** A JSONL file is a Mattermost export when its first line is the version line. */
const isMattermostExport = (head: string) => /^\s*\{\s*"type"\s*:\s*"version"/.test(head);

/** A Mattermost export's channels are its inputs; read once per run for all of them. */
let lastMattermost: { hash: string; parsed: MattermostExport } | undefined;
async function mattermost(file: InboxFile): Promise<MattermostExport> {
  if (lastMattermost?.hash !== file.hash) {
    const { parseMattermost } = await import('./mattermost.ts');
    lastMattermost = { hash: file.hash, parsed: parseMattermost(Buffer.from(file.bytes).toString('utf8'), file.relPath) };
  }
  return lastMattermost.parsed;
}

/** Which inputs of the inbox need a reader, and which files they take with them. */
export async function planInputs(files: string[], inboxDir: string): Promise<InputPlan> {
  const plan: InputPlan = { readers: [], claimed: new Set(), warnings: [] };
  /** Claims the files of an export: its own folders and files, never the rest of the inbox around it. */
  const claim = (root: string, parts: RegExp) => {
    for (const file of files) if (under(root, file) && parts.test(root ? file.slice(root.length + 1) : file)) plan.claimed.add(file);
  };

  // Slack: a folder with users.json or channels.json, and channel folders of day files.
  for (const index of files.filter((f) => /(^|\/)(users|channels)\.json$/.test(f))) {
    const root = dirOf(index);
    if (plan.claimed.has(index)) continue;
    const days = new Map<string, string[]>();
    for (const file of files) {
      const parts = (root ? file.slice(root.length + 1) : file).split('/');
      if (under(root, file) && parts.length === 2 && SLACK_DAY_FILE.test(parts[1]!)) days.set(parts[0]!, [...(days.get(parts[0]!) ?? []), file]);
    }
    if (days.size === 0) continue;
    const channelFolders = [...days.keys()].map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    claim(root, new RegExp(`^((users|channels|groups|dms|mpims|integration_logs|canvases|huddles|lists)\\.json|(${channelFolders})/)`));
    const exportName = root || '.';
    const listed = (name: string) => files.includes(root ? `${root}/${name}` : name);
    const usersFile = listed('users.json') ? [root ? `${root}/users.json` : 'users.json'] : [];
    const privateFolders = new Set<string>();
    for (const name of ['dms.json', 'mpims.json']) {
      if (!listed(name)) continue;
      try {
        const entries = JSON.parse(readFileSync(path.join(inboxDir, ...(root ? `${root}/${name}` : name).split('/')), 'utf8')) as Array<{ id?: string; name?: string }>;
        for (const entry of entries) for (const id of [entry.id, entry.name]) if (id) privateFolders.add(id);
      } catch {
        // An unreadable list of direct messages: its folders are then read as channels.
      }
    }
    for (const [channel, dayFiles] of [...days].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (privateFolders.has(channel)) {
        plan.warnings.push({ file: `${root ? root + '/' : ''}${channel}`, message: 'direct messages are not published (private by nature)' });
        continue;
      }
      plan.readers.push({ key: `${root ? root + '/' : ''}${channel}`, slug: `slack-${slug(channel)}`, reader: 'slack', files: [...dayFiles.sort(), ...usersFile], channel, exportName });
    }
    if (listed('channels.json')) {
      try {
        const channels = JSON.parse(readFileSync(path.join(inboxDir, ...(root ? `${root}/channels.json` : 'channels.json').split('/')), 'utf8')) as Array<{ name?: string }>;
        for (const { name } of channels) {
          if (name && !days.has(name)) plan.warnings.push({ file: `${root ? root + '/' : ''}channels.json`, message: `channel #${name} is listed but its folder of day files is missing; nothing of it is published` });
        }
      } catch (error) {
        plan.warnings.push({ file: `${root ? root + '/' : ''}channels.json`, message: `not valid JSON (${(error as Error).message}); channel names come from the folders` });
      }
    }
  }

  // Telegram Desktop: result.json, or messages.html and its further pages (messages2.html, …), and
  // everything exported beside them (voice messages, photos). The HTML pages say "Exported Data".
  const telegramPages = (root: string) =>
    files.filter((f) => dirOf(f) === root && /(^|\/)messages\d*\.html$/.test(f)).sort((a, b) => Number(/(\d*)\.html$/.exec(a)![1] || 1) - Number(/(\d*)\.html$/.exec(b)![1] || 1));
  for (const file of files) {
    if (plan.claimed.has(file)) continue;
    const json = /(^|\/)result\.json$/.test(file);
    if (!json && !(/(^|\/)messages\.html$/.test(file) && /<title>Exported Data<\/title>/.test(head(inboxDir, file)))) continue;
    const root = dirOf(file);
    claim(root, /^(result\.json|messages\d*\.html|(voice_messages|round_video_messages|video_files|photos|files|stickers|animations|contacts|css|js|images|profile_pictures)\/)/);
    const voices = files.filter((f) => under(root, f) && /\.(ogg|oga|opus|mp3|m4a|mp4|txt)$/i.test(f) && f !== file);
    plan.readers.push({ key: file, slug: slug(root ? root.split('/').pop()! : 'telegram'), reader: 'telegram', files: [...(json ? [file] : telegramPages(root)), ...voices], exportName: root || '.' });
  }

  // Mattermost: one input per channel of the export.
  for (const file of files) {
    if (plan.claimed.has(file) || !/\.jsonl$/i.test(file) || !isMattermostExport(head(inboxDir, file))) continue;
    plan.claimed.add(file);
    let parsed: MattermostExport;
    try {
      parsed = await mattermost(readInboxFile(inboxDir, file));
    } catch {
      // One input without a channel: reading it repeats the error, reported against the file.
      plan.readers.push({ key: file, slug: slug(path.basename(file, path.extname(file))), reader: 'mattermost', files: [file], exportName: file });
      continue;
    }
    const base = slug(path.basename(file, path.extname(file)));
    for (const channel of [...parsed.channels.keys()].sort()) {
      if (parsed.channels.get(channel)!.posts.length === 0) continue;
      plan.readers.push({ key: `${file}#${channel}`, slug: `${base}-${slug(channel)}`, reader: 'mattermost', files: [file], channel, exportName: file });
    }
  }

  // Single files by their extension.
  for (const file of files) {
    if (plan.claimed.has(file)) continue;
    const reader = BY_EXTENSION.find(([pattern]) => pattern.test(file))?.[1];
    if (reader) plan.readers.push({ key: file, slug: slug(path.basename(file).replace(/\.[^.]+$/, '')), reader, files: [file], exportName: file });
  }
  plan.readers.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return plan;
}

/** A reader's result, with what the site may offer for download. */
export interface ReadResult extends Converted {
  /** The original file as read (bytes and hash), when the input is one file (HTML, Word, PDF). */
  original?: InboxFile;
  /** Every piece of text the original holds, also what the reader left out: scanned for secrets before the original is offered. */
  allText?: string;
}

/** All the text of a .docx (body, headers, footers, comments, properties): the XML parts' text. */
async function docxText(bytes: Uint8Array): Promise<string> {
  const { strFromU8, unzipSync } = await import('fflate');
  try {
    const parts = unzipSync(bytes, { filter: (file) => /\.(xml|rels)$/i.test(file.name) });
    return Object.values(parts).map((part) => strFromU8(part).replace(/<[^>]+>/g, ' ')).join('\n');
  } catch {
    return '';
  }
}

export async function readInput(input: ReaderInput, inboxDir: string, transcribeVoice: (file: InboxFile) => Promise<{ text: string } | { missing: string }>): Promise<ReadResult> {
  const read = (relPath: string) => readInboxFile(inboxDir, relPath);
  switch (input.reader) {
    case 'html': {
      const file = read(input.key);
      const { readHtml } = await import('./html.ts');
      return { ...readHtml(file.bytes), original: file, allText: Buffer.from(file.bytes).toString('utf8') };
    }
    case 'docx': {
      const file = read(input.key);
      const { readDocx } = await import('./docx.ts');
      return { ...(await readDocx(file.bytes)), original: file, allText: await docxText(file.bytes) };
    }
    case 'pdf': {
      const file = read(input.key);
      const { readPdf } = await import('./pdf.ts');
      const { converted, allText } = await readPdf(file.bytes);
      return { ...converted, original: file, allText };
    }
    case 'subtitles': {
      const file = read(input.key);
      const [{ readSubtitles }, { decode }] = await Promise.all([import('./subtitles.ts'), import('../decode/index.ts')]);
      const text = decode(file.bytes).text;
      return { ...readSubtitles(text, input.key), original: file, allText: text };
    }
    case 'slack': {
      const days = input.files.filter((f) => SLACK_DAY_FILE.test(path.basename(f))).map((f): [string, string] => [path.basename(f), Buffer.from(read(f).bytes).toString('utf8')]);
      const users = input.files.find((f) => f.endsWith('users.json'));
      const { readSlackChannel } = await import('./slack.ts');
      return readSlackChannel({ channel: input.channel!, exportName: input.exportName!, days, usersJson: users ? Buffer.from(read(users).bytes).toString('utf8') : undefined });
    }
    case 'telegram': {
      const file = read(input.key);
      const root = dirOf(input.key);
      const transcriber: VoiceTranscriber = async (inExport) => {
        const relPath = root ? `${root}/${inExport}` : inExport;
        const sidecar = input.files.find((f) => f === relPath.replace(/\.[^./]+$/, '.txt'));
        if (sidecar) return { text: Buffer.from(read(sidecar).bytes).toString('utf8').replace(/\s+/g, ' ').trim() };
        if (!input.files.includes(relPath)) return { missing: `${inExport} is not in the export folder` };
        return transcribeVoice(read(relPath));
      };
      const { readTelegram, readTelegramHtml } = await import('./telegram.ts');
      if (input.key.endsWith('.html')) {
        const pages = input.files.filter((f) => f.endsWith('.html')).map((f) => (f === input.key ? file : read(f)));
        // Telegram writes its pages in UTF-8; decode() takes care of a page saved again in another encoding.
        const { decode } = await import('../decode/index.ts');
        return readTelegramHtml(pages.map((page) => decode(page.bytes).text), input.key, input.exportName!, transcriber);
      }
      return readTelegram(Buffer.from(file.bytes).toString('utf8'), input.key, input.exportName!, transcriber);
    }
    case 'mattermost': {
      const parsed = await mattermost(read(input.files[0]!));
      if (!input.channel) throw new Error(`${input.key} has no channel with posts`);
      const { readMattermostChannel } = await import('./mattermost.ts');
      const converted = readMattermostChannel(parsed, input.channel, input.exportName!);
      // The count of left-out direct messages is said once per export, on its first channel.
      const first = [...parsed.channels.keys()].sort().find((c) => parsed.channels.get(c)!.posts.length > 0);
      return first === input.channel ? converted : { ...converted, warnings: [] };
    }
  }
}
