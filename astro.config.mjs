// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import rehypeTaskBoxes from './src/site/rehype-task-boxes.ts';
import { SITE_URL } from './src/site/config.ts';

export default defineConfig({
  site: SITE_URL,
  trailingSlash: 'always',
  // The unified processor runs remark/rehype plugins (Astro's default Sätteri processor ignores them).
  markdown: {
    processor: unified({ smartypants: false }),
    rehypePlugins: [rehypeTaskBoxes],
    // High-contrast themes: the default github-dark greys out comments below WCAG AA contrast.
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } },
  },
  integrations: [mdx(), sitemap(), pagefindIndex()],
  // `npm run dev` ingests the inbox itself; Vite need not watch it.
  vite: {
    server: { watch: { ignored: ['**/ingest/**', '**/test-output/**'] } },
    // rehype-citation has a Node build and a browser build; the middleware needs the Node one.
    ssr: { external: ['rehype-citation'] },
  },
});
