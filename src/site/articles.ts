import { getCollection } from 'astro:content';
import { articleDocuments, buildArticle, type ArticleDocument, type BuiltArticle } from '../substack/article.ts';
import { SITE_URL } from './config.ts';

/** Every article of the site, built once per page render from the collections. */
export async function siteArticles(): Promise<Array<{ document: ArticleDocument; article: BuiltArticle }>> {
  const [incidents, adrs, runbooks] = await Promise.all([getCollection('incidents'), getCollection('adrs'), getCollection('runbooks')]);
  const documents = [...incidents, ...adrs, ...runbooks].map((entry) => ({ collection: entry.collection, slug: entry.id, data: entry.data }) as ArticleDocument);
  return articleDocuments(documents).map((document) => ({ document, article: buildArticle(document, SITE_URL) }));
}
