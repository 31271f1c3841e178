import matter from 'gray-matter';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { documentSchemas, type DocumentCollection } from '../schemas/index.ts';
import type { ArticleDocument } from './article.ts';

/** Reads the generated documents from `content/` (outside Astro), validated by their schemas. */
export async function loadDocuments(contentDir: string): Promise<ArticleDocument[]> {
  const documents: ArticleDocument[] = [];
  for (const collection of Object.keys(documentSchemas) as DocumentCollection[]) {
    const dir = path.join(contentDir, collection);
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.mdx')).sort()) {
      const text = await readFile(path.join(dir, file), 'utf8');
      const parsed = documentSchemas[collection].safeParse(matter(text, {}).data);
      if (!parsed.success) throw new Error(`content/${collection}/${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      documents.push({ collection, slug: file.replace(/\.mdx$/, ''), data: parsed.data } as ArticleDocument);
    }
  }
  return documents;
}
