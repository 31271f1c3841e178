/**
 * Slack workspace exports: a folder with `users.json` and `channels.json`, and a folder per channel
 * of day files (`2026-02-26.json`, arrays of messages). One channel is one source: its days in
 * order, each thread's replies right after the message that started it, user ids resolved to
 * names, Slack's markup (`<@U123>`, `<https://…|label>`) made plain. Joins, leaves and other
 * channel events are dropped; an edited message counts in its final form.
 */
import { chatTranscript, exportJson, utcMinute, type ExportedMessage } from './chat-export.ts';
import type { Converted } from './types.ts';


interface SlackMessage {
  type?: string;
  subtype?: string;
  user?: string;
  username?: string;
  bot_profile?: { name?: string };
  user_profile?: { display_name?: string; real_name?: string };
  text?: string;
  ts?: string;
  thread_ts?: string;
  files?: Array<{ name?: string; title?: string }>;
}

interface SlackUser {
  id: string;
  name?: string;
  real_name?: string;
  profile?: { display_name?: string; real_name?: string };
}

/** Channel events, not things people said. */
const EVENTS = new Set(['channel_join', 'channel_leave', 'channel_purpose', 'channel_name', 'channel_archive', 'channel_unarchive', 'group_join', 'group_leave', 'group_purpose', 'group_name', 'pinned_item', 'unpinned_item', 'message_deleted', 'message_changed', 'tombstone', 'joiner_notification', 'bot_add', 'bot_remove']);

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Slack's mrkdwn references → what a reader sees in the Slack window. */
function plain(text: string, names: Map<string, string>): string {
  const replaced = text.replace(/<([^<>]+)>/g, (_, inner: string) => {
    const [target, label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('@')) return `@${label ?? names.get(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return `@${label ?? target.slice(1).replace(/\^.*$/, '')}`;
    return label && label !== target ? `${label} (${target})` : target.replace(/^mailto:/, '');
  });
  return unescape(replaced);
}

export interface SlackChannelFiles {
  channel: string;
  exportName: string;
  /** Day files, sorted: `[name, text]`. */
  days: Array<[string, string]>;
  usersJson?: string;
}

export function readSlackChannel(input: SlackChannelFiles): Converted {
  const names = new Map<string, string>();
  if (input.usersJson) {
    for (const user of exportJson<SlackUser[]>(input.usersJson, 'users.json')) {
      names.set(user.id, user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || user.id);
    }
  }
  const warnings: string[] = [];
  const messages: Array<SlackMessage & { ms: number }> = [];
  for (const [name, text] of input.days) {
    const day = exportJson<SlackMessage[]>(text, `${input.channel}/${name}`);
    if (!Array.isArray(day)) throw new Error(`${input.channel}/${name} is not a Slack day file (a list of messages was expected)`);
    for (const message of day) {
      if (message.type !== 'message' || (message.subtype && EVENTS.has(message.subtype)) || !message.ts) continue;
      messages.push({ ...message, ms: Math.round(Number(message.ts) * 1000) });
    }
  }
  messages.sort((a, b) => a.ms - b.ms);
  // A thread's replies follow the message that started it; a reply whose start is not in the export stays in time order.
  const starts = new Set(messages.filter((m) => !m.thread_ts || m.thread_ts === m.ts).map((m) => m.ts));
  const replies = new Map<string, typeof messages>();
  const ordered: typeof messages = [];
  let orphans = 0;
  for (const message of messages) {
    const parent = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
    if (parent && starts.has(parent)) replies.set(parent, [...(replies.get(parent) ?? []), message]);
    else {
      if (parent) orphans++;
      ordered.push(message);
    }
  }
  if (orphans > 0) warnings.push(`${orphans} thread ${orphans === 1 ? 'reply is' : 'replies are'} in #${input.channel} without the message that started the thread (its day file is not in the export); kept in time order`);
  const lines: ExportedMessage[] = ordered.flatMap((m) => [m, ...(replies.get(m.ts!) ?? [])]).map((m) => ({
    at: utcMinute(m.ms),
    author: (m.user && names.get(m.user)) || m.user_profile?.display_name || m.user_profile?.real_name || m.username || m.bot_profile?.name || m.user || 'unknown',
    text: plain(m.text ?? '', names),
    files: (m.files ?? []).map((f) => f.name || f.title || 'file'),
  }));
  if (lines.length === 0) throw new Error(`#${input.channel} has no messages in its day files`);
  return { text: chatTranscript({ title: `#${input.channel} (Slack)`, channel: input.channel, export: input.exportName }, lines), reader: 'slack', warnings };
}
