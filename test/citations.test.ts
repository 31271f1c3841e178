import { describe, expect, it } from 'vitest';
import { cslStyles, renderCitations, type SourceInfo } from '../src/site/citations.ts';

const sources = new Map<string, SourceInfo>([
  ['alpha', { title: 'Alpha note', file: 'alpha.md', author: 'Ann', date: '2026-05-12' }],
  ['beta', { title: 'Beta note', file: 'beta.md' }],
]);
const page = (first: string, second: string) =>
  `<html><body><main><p>A claim [@src:${first}:L3-4] and another [@src:${second}:L10-12].</p><div id="refs"></div></main></body></html>`;


describe('citations', () => {
  it('numbers the markers, links them to the cited lines and lists the sources', async () => {
    const html = await renderCitations(page('alpha', 'beta'), sources, 'https://notes.example');
    expect(html).not.toContain('[@src:');
    expect(html).toContain('href="/sources/alpha/#L3-L4"');
    expect(html).toContain('href="/sources/beta/#L10-L12"');
    expect(html).toMatch(/Alpha note, L3–4\. Ann\. 2026-05-12/);
    expect(html).toMatch(/Beta note, L10–12\. ingest\/beta\.md/);
  });

  it('names the page of a span of a PDF source', async () => {
    const pdf = new Map<string, SourceInfo>([['manual', { title: 'Checkout postmortem', file: 'checkout.pdf', pages: [{ page: 1, line: 1 }, { page: 2, line: 9 }] }]]);
    const html = await renderCitations('<html><body><p>On page two [@src:manual:L10-11], on page one [@src:manual:L3-3].</p></body></html>', pdf, 'https://notes.example');
    expect(html).toMatch(/Checkout postmortem, p\. 2, L10–11\./);
    expect(html).toMatch(/Checkout postmortem, p\. 1, L3\./);
  });

  it('keeps no state from one page to the next (10,000 pages share one citation engine)', async () => {
    const before = cslStyles.list().length;
    const first = await renderCitations(page('alpha', 'beta'), sources, 'https://notes.example');
    for (let i = 0; i < 30; i++) await renderCitations(page(i % 2 ? 'beta' : 'alpha', 'alpha'), sources, 'https://notes.example');
    // Same page again: the same output, numbering included; and no style registered per page.
    expect(await renderCitations(page('alpha', 'beta'), sources, 'https://notes.example')).toBe(first);
    expect(cslStyles.list().length).toBeLessThanOrEqual(before + 1);
  });
});
