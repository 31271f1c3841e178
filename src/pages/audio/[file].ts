import { contentFileRoute } from '../../site/content-files.ts';

/** Voice memos of transcript sources, copied by ingest into content/audio/. */
const route = contentFileRoute('audio', { '.ogg': 'audio/ogg', '.oga': 'audio/ogg', '.opus': 'audio/ogg', '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.mp4': 'audio/mp4', '.wav': 'audio/wav', '.webm': 'audio/webm', '.flac': 'audio/flac' });
export const getStaticPaths = route.getStaticPaths;
export const GET = route.GET;
