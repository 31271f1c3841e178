import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { COLLECTION_LABELS, documentHref } from '../site/collections.ts';
import { SITE_LANGUAGE, SITE_URL } from '../site/config.ts';
import { ui } from '../site/i18n.ts';
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
    description: ui(SITE_LANGUAGE).t('site.description'),
    site: SITE_URL,
    items: dated.map(({ document, date }) => ({
      // Each item in its document's language, like the page it links to.
      title: `${ui(document.data.language).t(COLLECTION_LABELS[document.collection])}: ${document.data.title.text}`,
      link: documentHref(document.collection, document.id),
      ...(date && { pubDate: new Date(`${date}T00:00:00Z`) }),
      categories: [...document.data.tags, ...document.data.entities],
    })),
  });
};
