/**
 * What the chat-export readers (Slack, Telegram, Mattermost) share: messages written as the lines
 * the chat extractor reads (`[YYYY-MM-DD HH:MM] author: text`, continuation lines indented), with a
 * frontmatter that names the channel and the days it covers.
 */
import YAML from 'yaml';

export interface ExportedMessage {
  /** `YYYY-MM-DDTHH:MM` as the export gives it (Slack and Mattermost in UTC, Telegram in the exporter's clock). */
  at: string;
  author: string;
  text: string;
  /** Attachments, by file name. */
  files?: string[];
}

/** Epoch milliseconds → `YYYY-MM-DDTHH:MM` in UTC, so every machine writes the same lines. */
export const utcMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** An author as the chat reader accepts one: no colon or brackets, at most three words. */
function authorName(name: string): string {
  const clean = name.replace(/[:[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.split(' ').slice(0, 3).join(' ').slice(0, 39).trim() || 'unknown';
}

function messageLines(message: ExportedMessage): string[] {
  const files = (message.files ?? []).map((name) => `[file: ${name}]`);
  const text = [message.text.trim(), ...files].filter(Boolean).join(' ');
  // Blank lines would end the message for the chat reader; the rest of its lines are indented.
  const [first = '', ...rest] = text.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim());
  const stamp = message.at.replace('T', ' ').slice(0, 16);
  return [`[${stamp}] ${authorName(message.author)}: ${first}`, ...rest.map((line) => `  ${line}`)];
}

/** The Markdown of one channel: frontmatter, then one message per line. */
export function chatTranscript(meta: { title: string; channel: string; export: string }, messages: ExportedMessage[]): string {
  const days = messages.map((m) => m.at.slice(0, 10)).sort();
  const range = days.length ? (days[0] === days.at(-1) ? days[0] : `${days[0]} – ${days.at(-1)}`) : '';
  const front = { title: range ? `${meta.title}, ${range}` : meta.title, channel: meta.channel, export: meta.export, ...(days[0] && { date: days[0] }) };
  return `---\n${YAML.stringify(front, { lineWidth: 0 })}---\n\n${messages.flatMap(messageLines).join('\n')}\n`;
}

/** Parses JSON from an export, naming the file and how far it got when it is cut off or damaged. */
export function exportJson<T>(text: string, file: string): T {
  if (!text.trim()) throw new Error(`${file} is empty; export the chat again`);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const message = (error as Error).message;
    const cut = /Unexpected end of JSON input|Unterminated string|Expected .* after/.test(message);
    throw new Error(`${file} is not ${cut ? 'complete' : 'valid'} JSON (${message})${cut ? '; the export was cut off, export it again' : ''}`);
  }
}
