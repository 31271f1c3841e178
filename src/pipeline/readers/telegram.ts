/**
 * Telegram Desktop exports ("Export chat history" as JSON): `result.json` with the chat's messages,
 * and the media beside it (`voice_messages/audio_1@26-02-2026_10-00-00.ogg`, `photos/…`). Service
 * messages (joins, pins) are dropped; formatted text is joined from its pieces; a voice message is
 * transcribed like any memo and its transcript placed in the chat at its time, or taken from a
 * transcript beside it (same name, .txt), or marked as not transcribed. An account-wide export
 * (`chats.list`) becomes one source with a section per chat.
 */
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

export async function readTelegram(text: string, file: string, exportName: string, transcribe: VoiceTranscriber): Promise<Converted> {
  const data = exportJson<TelegramChat & { chats?: { list?: TelegramChat[] } }>(text, file);
  const warnings: string[] = [];
  if (Array.isArray(data.messages)) {
    const messages = await chatMessages(data, transcribe, warnings);
    if (messages.length === 0) throw new Error(`${file} has no messages (only service events, or none)`);
    return { text: chatTranscript({ title: `${data.name ?? 'Telegram chat'} (Telegram)`, channel: data.name ?? 'chat', export: exportName }, messages), reader: 'telegram', warnings };
  }
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
