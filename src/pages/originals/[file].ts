import { contentFileRoute } from '../../site/content-files.ts';

/** Original files of converted sources (Word, PDF; HTML as .html.txt), copied by ingest into content/originals/ when nothing in them looks like a secret. */
const route = contentFileRoute('originals', { '.txt': 'text/plain; charset=utf-8', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.doc': 'application/msword', '.pdf': 'application/pdf' });
export const getStaticPaths = route.getStaticPaths;
export const GET = route.GET;
