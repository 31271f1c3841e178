import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { collectionSchemas } from './schemas/index.ts';

/** The generated collections in `content/`, validated by the same schemas the pipeline uses. */
const collection = (name: keyof typeof collectionSchemas, pattern: string) =>
  defineCollection({
    loader: glob({ base: `./content/${name}`, pattern }),
    schema: collectionSchemas[name],
  });

export const collections = {
  incidents: collection('incidents', '**/*.mdx'),
  adrs: collection('adrs', '**/*.mdx'),
  runbooks: collection('runbooks', '**/*.mdx'),
  sources: collection('sources', '**/*.md'),
};
