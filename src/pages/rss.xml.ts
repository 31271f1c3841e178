import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { COLLECTION_LABELS, documentHref } from '../site/collections.ts';
import { SITE_URL } from '../site/config.ts';
import { allDocuments } from '../site/related.ts';

/** RSS of the documents on the site, newest incidents and decisions first. */
export const GET: APIRoute = async () => {
  const documents = await allDocuments();
  const dated = documents.map((document) => {
    const date = document.collection === 'runbooks' ? undefined : document.data.date?.text;
    return { document, date };
  });
  dated.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  return rss({
    title: 'Fieldnotes',
    description: 'Incidents, architecture decisions and runbooks, cited to their sources.',
    site: SITE_URL,
    items: dated.map(({ document, date }) => ({
      title: `${COLLECTION_LABELS[document.collection].one}: ${document.data.title.text}`,
      link: documentHref(document.collection, document.id),
      ...(date && { pubDate: new Date(`${date}T00:00:00Z`) }),
      categories: [...document.data.tags, ...document.data.entities],
    })),
  });
};
