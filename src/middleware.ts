import { defineMiddleware } from 'astro:middleware';
import { getCollection } from 'astro:content';
import { renderCitations, type SourceInfo } from './site/citations.ts';
import { SITE_URL } from './site/config.ts';

/**
 * Renders the citations of every HTML page (in `astro dev` and when `astro build` prerenders):
 * the `[@key]` markers that components write become numbered links to the cited source lines,
 * and the page's bibliography is filled in (see site/citations.ts).
 */
let sources: Promise<Map<string, SourceInfo>> | undefined;

async function loadSources(): Promise<Map<string, SourceInfo>> {
  const entries = await getCollection('sources');
  return new Map(entries.map((entry) => [entry.id, { title: entry.data.title, file: entry.data.file, author: entry.data.author, date: entry.data.date, pages: entry.data.pages }]));
}

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.includes('text/html')) return response;
  const html = await response.text();
  // Only pages with citation markers need the citation pass (index and entity pages have none).
  if (!html.includes('[@src:')) return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
  // In dev, sources change while the server runs: reload them for every page there.
  if (import.meta.env.DEV) sources = undefined;
  sources ??= loadSources();
  const rendered = await renderCitations(html, await sources, SITE_URL);
  return new Response(rendered, { status: response.status, statusText: response.statusText, headers: response.headers });
});
