import { compile } from '@mdx-js/mdx';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { sanitize, textParagraph, treeToMdx } from '../src/pipeline/write/mdx.ts';

const mdxParser = unified().use(remarkParse).use(remarkGfm).use(remarkMdx);
const markdownParser = unified().use(remarkParse).use(remarkGfm);

/** Node types that would make MDX run or render something the author did not write as text. */
const CODE_NODES = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'html']);

function nodeTypes(tree: Root): string[] {
  const types: string[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    types.push(node.type);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree);
  return types;
}

function allText(tree: Root): string {
  const parts: string[] = [];
  const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
    if (node.type === 'text' && node.value !== undefined) parts.push(node.value);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree);
  return parts.join('');
}

/** Serializes a paragraph holding `text`, then reads it back as MDX. */
function roundTrip(text: string): { mdx: string; tree: Root } {
  const mdx = treeToMdx({ type: 'root', children: [textParagraph(text)] });
  return { mdx, tree: mdxParser.parse(mdx) };
}

const HOSTILE = [
  '{',
  '}',
  '{ошибка}',
  '{서버}',
  '{process.exit()}',
  '<div>',
  'Vec<String>',
  '<!-- -->',
  '<https://example.org/a?b=c>',
  "import x from 'y'",
  'export PATH=/usr/local/bin:$PATH',
  'export default function X() {}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '&lt;script&gt;',
  '\\{not escaped}',
  '`{code}`',
  '***{x}***',
  '</>',
  '<>',
];

describe('MDX serialization keeps hostile note text as text', () => {
  it.each(HOSTILE)('%s', async (text) => {
    const { mdx, tree } = roundTrip(text);
    expect(nodeTypes(tree).filter((t) => CODE_NODES.has(t))).toEqual([]);
    expect(allText(tree)).toBe(text);
    await expect(compile(mdx)).resolves.toBeDefined();
  });

  it('a line that starts with import or export in the middle of a note stays text', () => {
    const { tree } = roundTrip("first line\nimport fs from 'fs'\nexport const a = 1");
    expect(nodeTypes(tree).filter((t) => CODE_NODES.has(t))).toEqual([]);
  });

  const hostileAlphabet = fc.constantFrom(
    ...'{}<>/!-=\'"`*_[]()#&;:\\|~^$%@ \nabcxyzабвгдя가나다😀\t0123456789'.split(''),
    'import ',
    'export ',
    '<script>',
    '</script>',
    '<!--',
    '-->',
    'javascript:',
    '{ошибка}',
    'Vec<String>',
    '```',
    '$$',
    '<https://a.b/>',
  );
  const hostileText = fc.array(hostileAlphabet, { maxLength: 40 }).map((parts) => parts.join(''));

  it('round-trips thousands of random hostile strings without creating code', async () => {
    let compiled = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const { mdx, tree } = roundTrip(text);
        expect(nodeTypes(tree).filter((t) => CODE_NODES.has(t))).toEqual([]);
        // What is read back is what was written, up to whitespace that markdown folds.
        expect(normalizeSpace(allText(tree))).toBe(normalizeSpace(text));
        // Compiling every case is slow; a sample of them proves the compiler agrees with the parser.
        if (compiled++ % 10 === 0) await compile(mdx);
      }),
      { numRuns: 3000, seed: 20261123 },
    );
  });

  it('random hostile notes, parsed as markdown and sanitized, serialize to MDX without code', async () => {
    const prefix = fc.constantFrom('', '- ', '* ', '> ', '1. ', '   ', '# ', '- > ', '  - ', '');
    const note = fc.array(fc.tuple(prefix, hostileText), { minLength: 1, maxLength: 8 }).map((lines) => lines.map(([p, t]) => p + t).join('\n'));
    let compiled = 0;
    await fc.assert(
      fc.asyncProperty(note, async (text) => {
        const mdx = treeToMdx(sanitize(markdownParser.parse(text)));
        expect(nodeTypes(mdxParser.parse(mdx)).filter((t) => CODE_NODES.has(t))).toEqual([]);
        if (compiled++ % 10 === 0) await compile(mdx);
      }),
      { numRuns: 2000, seed: 20261124 },
    );
  });

  it('sanitize keeps block-level HTML inside a list item as escaped text', () => {
    const parsed = markdownParser.parse('- <div>, Vec<String>, <!-- c --> and <https://example.org/x>\n- > <script>alert(1)</script> Vec<T>\n');
    const back = mdxParser.parse(treeToMdx(sanitize(parsed)));
    expect(nodeTypes(back).filter((t) => CODE_NODES.has(t))).toEqual([]);
    expect(allText(back)).toContain('Vec<String>');
    expect(allText(back)).toContain('<script>alert(1)</script> Vec<T>');
  });

  it('sanitize turns raw HTML and script links from a parsed note into text', () => {
    const parsed = markdownParser.parse('<script>alert(1)</script>\n\nSee [this](javascript:alert(1)) and ![x](http://evil/x.png)\n\n<div onclick="x()">hi</div>');
    const mdx = treeToMdx(sanitize(parsed));
    const back = mdxParser.parse(mdx);
    expect(nodeTypes(back).filter((t) => CODE_NODES.has(t))).toEqual([]);
    expect(mdx).not.toMatch(/\]\(javascript:/);
    expect(mdx).not.toMatch(/!\[/);
    expect(allText(back)).toContain('<script>alert(1)</script>');
  });
});

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
