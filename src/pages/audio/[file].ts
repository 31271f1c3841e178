import type { APIRoute } from 'astro';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Voice memos of transcript sources, copied by ingest into content/audio/, served as static files. */
const AUDIO_DIR = path.resolve('content/audio');
const TYPES: Record<string, string> = { '.ogg': 'audio/ogg', '.oga': 'audio/ogg', '.opus': 'audio/ogg', '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.mp4': 'audio/mp4', '.wav': 'audio/wav', '.webm': 'audio/webm', '.flac': 'audio/flac' };

export async function getStaticPaths() {
  const files = await readdir(AUDIO_DIR).catch(() => [] as string[]);
  return files.map((file) => ({ params: { file } }));
}

export const GET: APIRoute = async ({ params }) => {
  const file = path.basename(params.file!);
  const bytes = await readFile(path.join(AUDIO_DIR, file));
  return new Response(new Uint8Array(bytes), { headers: { 'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' } });
};
