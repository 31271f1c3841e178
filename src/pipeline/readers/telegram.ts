/**
 * Telegram Desktop exports ("Export chat history" as JSON): `result.json` with the chat's messages,
 * and the media beside it (`voice_messages/audio_1@26-02-2026_10-00-00.ogg`, `photos/…`). Service
 * messages (joins, pins) are dropped; formatted text is joined from its pieces; a voice message is
 * transcribed like any memo and its transcript placed in the chat at its time, or taken from a
 * transcript beside it (same name, .txt), or marked as not transcribed. An account-wide export
 * (`chats.list`) becomes one source with a section per chat.
 */
import type { Element, Root } from 'hast';
import { chatTranscript, exportJson, type ExportedMessage } from './chat-export.ts';
import type { Converted } from './types.ts';

interface TelegramMessage {
  type?: string;
  date?: string;
  from?: string | null;
  actor?: string;
  text?: string | Array<string | { type?: string; text?: string }>;
  media_type?: string;
  file?: string;
  file_name?: string;
  photo?: string;
  duration_seconds?: number;
}

interface TelegramChat {
  name?: string;
  type?: string;
  messages?: TelegramMessage[];
}

/** What the reader asks of the pipeline for each voice message: its transcript text, or why there is none. */
export type VoiceTranscriber = (relPathInExport: string) => Promise<{ text: string } | { missing: string }>;

const textOf = (text: TelegramMessage['text']): string =>
  typeof text === 'string' ? text : Array.isArray(text) ? text.map((part) => (typeof part === 'string' ? part : (part.text ?? ''))).join('') : '';

const NOT_INCLUDED = /^\(File not included/i;

async function chatMessages(chat: TelegramChat, transcribe: VoiceTranscriber, warnings: string[]): Promise<ExportedMessage[]> {
  const out: ExportedMessage[] = [];
  let untranscribed = 0;
  for (const message of chat.messages ?? []) {
    if (message.type !== 'message' || !message.date) continue;
    let text = textOf(message.text);
    const files: string[] = [];
    const voice = message.media_type === 'voice_message' || message.media_type === 'audio_file' || message.media_type === 'video_message';
    if (voice && message.file && !NOT_INCLUDED.test(message.file)) {
      const result = await transcribe(message.file);
      if ('text' in result) text = [text, `(voice message) ${result.text}`].filter(Boolean).join('\n');
      else {
        untranscribed++;
        text = [text, `(voice message, ${message.duration_seconds ?? '?'} s, not transcribed: ${result.missing})`].filter(Boolean).join('\n');
        files.push(message.file);
      }
    } else if (voice) {
      text = [text, `(voice message, ${message.duration_seconds ?? '?'} s, not included in the export)`].filter(Boolean).join('\n');
    } else {
      const attached = message.file ?? message.photo;
      if (attached) files.push(NOT_INCLUDED.test(attached) ? (message.file_name ?? 'file not included in the export') : attached.split('/').pop()!);
    }
    out.push({ at: message.date.slice(0, 16), author: message.from ?? message.actor ?? 'deleted account', text, files });
  }
  if (untranscribed > 0) warnings.push(`${untranscribed} voice ${untranscribed === 1 ? 'message' : 'messages'} in "${chat.name ?? 'chat'}" not transcribed`);
  return out;
}

/** One chat's transcript. */
async function readChat(chat: TelegramChat, file: string, exportName: string, transcribe: VoiceTranscriber): Promise<Converted> {
  const warnings: string[] = [];
  const messages = await chatMessages(chat, transcribe, warnings);
  if (messages.length === 0) throw new Error(`${file} has no messages (only service events, or none)`);
  return { text: chatTranscript({ title: `${chat.name ?? 'Telegram chat'} (Telegram)`, channel: chat.name ?? 'chat', export: exportName }, messages), reader: 'telegram', warnings };
}

export async function readTelegram(text: string, file: string, exportName: string, transcribe: VoiceTranscriber): Promise<Converted> {
  const data = exportJson<TelegramChat & { chats?: { list?: TelegramChat[] } }>(text, file);
  const warnings: string[] = [];
  if (Array.isArray(data.messages)) return readChat(data, file, exportName, transcribe);
  const chats = data.chats?.list;
  if (!Array.isArray(chats)) throw new Error(`${file} is not a Telegram Desktop export (it has neither "messages" nor "chats.list")`);
  // An account-wide export: one section per chat, so each chat's messages stay together.
  const parts: string[] = [];
  for (const chat of chats) {
    const messages = await chatMessages(chat, transcribe, warnings);
    if (messages.length === 0) continue;
    const body = chatTranscript({ title: chat.name ?? 'chat', channel: chat.name ?? 'chat', export: exportName }, messages).replace(/^---\n[\s\S]*?\n---\n\n/, '');
    parts.push(`## ${chat.name ?? 'chat'}\n\n${body}`);
  }
  if (parts.length === 0) throw new Error(`${file} has no messages in any chat`);
  return { text: `---\ntitle: Telegram export\nexport: ${JSON.stringify(exportName)}\n---\n\n${parts.join('\n')}`, reader: 'telegram', warnings };
}

/**
 * Telegram Desktop's other format, "Export chat history" as HTML: `messages.html`,
 * `messages2.html`, … (pages of one chat, in order) and the same media folders. Read into the
 * JSON export's messages, so both formats take the same path and give the same transcript.
 */
export async function readTelegramHtml(pages: string[], file: string, exportName: string, transcribe: VoiceTranscriber): Promise<Converted> {
  const [{ unified }, { default: rehypeParse }, { toText }] = await Promise.all([import('unified'), import('rehype-parse'), import('hast-util-to-text')]);
  const parser = unified().use(rehypeParse);
  const chat: TelegramChat = { messages: [] };
  // A "joined" message (the same sender again, shortly after) has no name of its own, also across pages.
  let author: string | undefined;
  for (const page of pages) {
    const tree = parser.parse(page);
    const text = (node: Element) => toText(node, { whitespace: 'pre-wrap' }).replace(/[ \t]+\n/g, '\n').trim();
    chat.name ??= text(findElement(tree, 'page_header') ?? tree.children.find((n): n is Element => n.type === 'element') ?? emptyDiv) || undefined;
    for (const message of elements(tree, 'message')) {
      if (!hasClass(message, 'default')) continue;
      const body = message.children.find((n): n is Element => n.type === 'element' && hasClass(n, 'body'));
      if (!body) continue;
      const parts = body.children.filter((n): n is Element => n.type === 'element');
      const stamp = parts.find((n) => hasClass(n, 'date'))?.properties.title;
      const date = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}:\d{2}(?::\d{2})?)/.exec(String(stamp ?? ''));
      if (!date) continue;
      const from = parts.find((n) => hasClass(n, 'from_name'));
      // "Marina via @bot", a forwarded message's own date after the name: the name alone.
      if (from) author = text(from).replace(/\s+via\s+@\S+$/, '').split('\n')[0]!.trim();
      // A forwarded message's text is inside its "forwarded" block.
      const forwarded = parts.find((n) => hasClass(n, 'forwarded'));
      const textBlock = parts.find((n) => hasClass(n, 'text')) ?? (forwarded && findElement(forwarded, 'text'));
      const out: TelegramMessage = { type: 'message', date: `${date[3]}-${date[2]}-${date[1]}T${date[4]}`, from: author ?? 'deleted account', text: textBlock ? text(textBlock) : '' };
      const media = parts.find((n) => hasClass(n, 'media_wrap'));
      const voice = media && (findElement(media, 'media_voice_message') ?? findElement(media, 'media_audio_file') ?? findElement(media, 'media_video'));
      if (voice) {
        out.media_type = hasClass(voice, 'media_audio_file') ? 'audio_file' : hasClass(voice, 'media_video') ? 'video_message' : 'voice_message';
        // Without a link the export left the file out ("Not included, change data exporting settings to download.").
        out.file = typeof voice.properties.href === 'string' ? voice.properties.href : '(File not included)';
        const duration = /(\d+):(\d{2})/.exec(text(findElement(voice, 'status') ?? emptyDiv));
        if (duration) out.duration_seconds = Number(duration[1]) * 60 + Number(duration[2]);
      } else if (media) {
        const link = elements(media, '').find((n) => typeof n.properties.href === 'string');
        if (link) out.file = String(link.properties.href);
      }
      chat.messages!.push(out);
    }
  }
  return readChat(chat, file, exportName, transcribe);
}

const emptyDiv: Element = { type: 'element', tagName: 'div', properties: {}, children: [] };
const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name);

/** Elements under `root` with the class (any element for ''), in document order. */
function elements(root: Root | Element, className: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (!className || hasClass(child, className)) found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

const findElement = (root: Root | Element, className: string): Element | undefined => elements(root, className)[0];
