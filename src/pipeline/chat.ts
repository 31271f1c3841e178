/**
 * Chat exports: Slack, Mattermost, Telegram and WhatsApp histories saved as text, one message per
 * line that starts with its time and author — `[2026-07-03 09:14] alice: …`,
 * `[03.07.2026 09:14:22] Alice: …`, `03.07.2026, 09:14 - Alice: …`. Lines that do not start a
 * message continue the one before (a pasted list, a multi-line note).
 */
import { findDates } from './extract/values.ts';

export interface ChatMessage {
  /** First and last source line of the message (1-based). */
  line: number;
  endLine: number;
  /** ISO date of the message, when the export writes one. */
  date?: string;
  /** `HH:MM` as written. */
  time: string;
  author: string;
  /** The message text on its first line, after the author. */
  text: string;
  /** Column where the text starts on the first line. */
  textColumn: number;
}

const MESSAGE = /^\s*\[?\s*(?:(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4})[ ,T]+)?(\d{1,2}:\d{2})(?::\d{2})?\s*(?:[AP]M)?\s*\]?\s*(?:[-–—]\s*)?([^\s:\][][^:\][]{0,38}?)\s*:\s(.*)$/u;

/** Reads one line as the start of a chat message, or not. */
export function readMessageLine(line: string): Omit<ChatMessage, 'line' | 'endLine'> | undefined {
  // A message line has a clock time near its start and a colon after the author.
  if (!/^\s*\[?[\d.,\- T]{0,14}\d{1,2}:\d{2}/.test(line)) return undefined;
  const match = MESSAGE.exec(line);
  if (!match) return undefined;
  const author = match[3]!.trim();
  // "14:02 UTC — config push" is a timeline line, not a message: authors are names or handles.
  if (!author || /\s{2,}/.test(author) || author.split(/\s+/).length > 3 || /^(UTC|GMT|CET|CEST|МСК|MSK|KST|PST|EST)$/i.test(author)) return undefined;
  const date = match[1] ? findDates(match[1])[0]?.date : undefined;
  return { date, time: match[2]!.padStart(5, '0'), author, text: match[4]!, textColumn: line.length - match[4]!.length };
}

/**
 * The messages of a text, or none when it is not a chat export: at least three message lines,
 * which with their continuation lines make up most of the text after the first one.
 */
const read = new WeakMap<string[], { firstLine: number; messages: ChatMessage[] }>();

export function chatMessages(lines: string[], firstLine = 1): ChatMessage[] {
  // Segmentation, the source's kind and the chat extractor all ask about the same lines.
  const known = read.get(lines);
  if (known && known.firstLine === firstLine) return known.messages;
  const messages = readMessages(lines, firstLine);
  read.set(lines, { firstLine, messages });
  return messages;
}

function readMessages(lines: string[], firstLine: number): ChatMessage[] {
  const messages: ChatMessage[] = [];
  let continuation = 0;
  let other = 0;
  for (let index = firstLine - 1; index < lines.length; index++) {
    const line = lines[index]!;
    const read = readMessageLine(line);
    if (read) {
      messages.push({ ...read, line: index + 1, endLine: index + 1 });
      continue;
    }
    if (!line.trim()) continue;
    const last = messages[messages.length - 1];
    // A continuation is indented or a list item, and follows its message without a blank line.
    if (last && last.endLine === index && (/^\s+\S/.test(line) || /^\s*[-*•]\s/.test(line))) {
      last.endLine = index + 1;
      continuation++;
    } else if (messages.length > 0) other++;
  }
  if (messages.length < 3 || other > (messages.length + continuation) / 2) return [];
  // The day carries over to messages of exports that write it once per day.
  let day: string | undefined;
  for (const message of messages) {
    if (message.date) day = message.date;
    else message.date = day;
  }
  return messages;
}
