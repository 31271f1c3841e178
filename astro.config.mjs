// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { pagefindIndex } from './src/integrations/pagefind.ts';

export default defineConfig({
  site: process.env.FIELDNOTES_SITE_URL ?? 'https://fieldnotes.example.org',
  trailingSlash: 'always',
  // The unified processor runs remark/rehype plugins (Astro's default Sätteri processor ignores them).
  markdown: { processor: unified({ smartypants: false }) },
  integrations: [mdx(), pagefindIndex()],
  // `npm run dev` ingests the inbox itself; Vite need not watch it.
  vite: { server: { watch: { ignored: ['**/ingest/**', '**/test-output/**'] } } },
});
