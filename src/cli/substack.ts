#!/usr/bin/env node
/**
 * `npm run substack -- <slug>` (or `--ready`): writes dist/substack/<slug>/ with post.html (only
 * what Substack's editor keeps), post.md and meta.json, ready to paste into Substack's editor.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../pipeline/write/files.ts';
import { SITE_URL } from '../site/config.ts';
import { articleDocuments, buildArticle, type BuiltArticle } from '../substack/article.ts';
import { loadDocuments } from '../substack/content.ts';

const HELP = `Usage: npm run substack -- <slug>... | --ready [--content DIR] [--out DIR]

Turns a document that carries an article block into a Substack-ready post:
  dist/substack/<slug>/post.html   paste into Substack's editor (or use the site's preview page)
  dist/substack/<slug>/post.md     the same as Markdown
  dist/substack/<slug>/meta.json   title, subtitle, canonical URL on the site

  --ready         every article whose status is "ready"
  --content DIR   where the collections are (default: content)
  --out DIR       where to write (default: dist/substack)
  --list          list the articles and their status
Links point to ${SITE_URL} (set FIELDNOTES_SITE_URL to change it).
`;

async function write(outDir: string, article: BuiltArticle): Promise<string> {
  const dir = path.join(outDir, article.slug);
  const meta = { title: article.title, subtitle: article.subtitle ?? null, slug: article.slug, status: article.status, canonicalUrl: article.canonicalUrl, language: article.language };
  writeFileAtomic(path.join(dir, 'post.html'), article.html);
  writeFileAtomic(path.join(dir, 'post.md'), `# ${article.title}\n\n${article.subtitle ? `_${article.subtitle}_\n\n` : ''}${article.markdown}`);
  writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  return dir;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      ready: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      content: { type: 'string', default: 'content' },
      out: { type: 'string', default: path.join('dist', 'substack') },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  if (values.help || (!values.ready && !values.list && positionals.length === 0)) {
    (values.help ? process.stdout : process.stderr).write(HELP);
    return values.help ? 0 : 2;
  }
  const articles = articleDocuments(await loadDocuments(path.resolve(values.content)));
  if (values.list) {
    for (const a of articles) process.stdout.write(`${a.data.article?.status ?? 'draft'}\t${a.slug}\t${a.data.article?.title?.text ?? a.data.title.text}\n`);
    return 0;
  }
  const chosen = values.ready ? articles.filter((a) => a.data.article?.status === 'ready') : positionals.map((slug) => articles.find((a) => a.slug === slug) ?? slug);
  let failed = 0;
  for (const item of chosen) {
    if (typeof item === 'string') {
      process.stderr.write(`substack: no article "${item}". Articles: ${articles.map((a) => a.slug).join(', ') || 'none'} (a document becomes one with an article block, e.g. substack_title in its note's frontmatter)\n`);
      failed++;
      continue;
    }
    const article = buildArticle(item, SITE_URL);
    const dir = await write(path.resolve(values.out), article);
    process.stdout.write(`${path.relative(process.cwd(), dir)}/post.html  "${article.title}" (${article.status})\n`);
    if (article.status !== 'ready') process.stdout.write(`  note: status is ${article.status}; ${article.openNotes.length} editorial notes are open:\n`);
    if (article.status !== 'ready') for (const note of article.openNotes) process.stdout.write(`   - [ ] ${note.text}\n`);
  }
  if (values.ready && chosen.length === 0) process.stdout.write('substack: no article is ready (set article.status: ready, or article_status: ready in the note)\n');
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`substack: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
