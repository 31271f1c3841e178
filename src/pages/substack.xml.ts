import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { siteArticles } from '../site/articles.ts';
import { SITE_URL } from '../site/config.ts';

/**
 * Full-content RSS of the articles that are ready, for Substack's importer: each item carries the
 * same editor-safe HTML as the preview and `npm run substack` (`content:encoded`).
 */
export const GET: APIRoute = async () => {
  const ready = (await siteArticles()).filter(({ article }) => article.status === 'ready');
  return rss({
    title: 'Fieldnotes — articles',
    description: 'Incident write-ups ready for Substack',
    site: SITE_URL,
    items: ready.map(({ article, document }) => {
      const date = document.collection === 'runbooks' ? undefined : document.data.date?.text;
      return {
        title: article.title,
        description: article.subtitle,
        link: article.canonicalUrl,
        ...(date && { pubDate: new Date(`${date}T00:00:00Z`) }),
        content: article.html,
      };
    }),
  });
};
