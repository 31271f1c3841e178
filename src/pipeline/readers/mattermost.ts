/**
 * Mattermost bulk exports (`mmctl export`, JSONL: one `{"type": …}` object per line). One channel
 * is one source: its posts in time order, each post's replies right after it. Direct messages are
 * not published (they are private by nature); the reader says how many it left out.
 */
import { chatTranscript, utcMinute, type ExportedMessage } from './chat-export.ts';
import type { Converted } from './types.ts';

interface MattermostPost {
  channel?: string;
  user?: string;
  message?: string;
  create_at?: number;
  replies?: MattermostPost[];
  attachments?: Array<{ path?: string }>;
}

interface MattermostLine {
  type?: string;
  version?: number;
  channel?: { name?: string; display_name?: string };
  post?: MattermostPost;
}

export interface MattermostExport {
  channels: Map<string, { title: string; posts: MattermostPost[] }>;
  directPosts: number;
}

export function parseMattermost(text: string, file: string): MattermostExport {
  const channels: MattermostExport['channels'] = new Map();
  let directPosts = 0;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    if (!raw.trim()) return;
    let line: MattermostLine;
    try {
      line = JSON.parse(raw) as MattermostLine;
    } catch (error) {
      const last = index === lines.length - 1 || lines.slice(index + 1).every((l) => !l.trim());
      throw new Error(`${file}, line ${index + 1}: not valid JSON (${(error as Error).message})${last ? '; the export was cut off, export it again' : ''}`);
    }
    if (line.type === 'channel' && line.channel?.name) {
      const known = channels.get(line.channel.name);
      channels.set(line.channel.name, { title: line.channel.display_name || line.channel.name, posts: known?.posts ?? [] });
    } else if (line.type === 'post' && line.post?.channel) {
      const channel = channels.get(line.post.channel) ?? { title: line.post.channel, posts: [] };
      channel.posts.push(line.post);
      channels.set(line.post.channel, channel);
    } else if (line.type === 'direct_post') directPosts++;
  });
  if (lines.every((l) => !l.trim())) throw new Error(`${file} is empty`);
  return { channels, directPosts };
}

export function readMattermostChannel(parsed: MattermostExport, channel: string, exportName: string): Converted {
  const found = parsed.channels.get(channel);
  if (!found || found.posts.length === 0) throw new Error(`channel ${channel} has no posts in ${exportName}`);
  const message = (post: MattermostPost): ExportedMessage => ({
    at: utcMinute(post.create_at ?? 0),
    author: post.user ?? 'unknown',
    text: post.message ?? '',
    files: (post.attachments ?? []).map((a) => (a.path ?? 'file').split('/').pop()!),
  });
  const posts = [...found.posts].sort((a, b) => (a.create_at ?? 0) - (b.create_at ?? 0));
  const messages = posts.flatMap((post) => [message(post), ...[...(post.replies ?? [])].sort((a, b) => (a.create_at ?? 0) - (b.create_at ?? 0)).map(message)]);
  const warnings = parsed.directPosts > 0 ? [`${parsed.directPosts} direct ${parsed.directPosts === 1 ? 'message' : 'messages'} in ${exportName} not published (private by nature)`] : [];
  return { text: chatTranscript({ title: `~${found.title} (Mattermost)`, channel, export: exportName }, messages), reader: 'mattermost', warnings };
}
