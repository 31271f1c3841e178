import type { RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { prepareSection } from '../src/pipeline/extract/section.ts';
import { analyzeSource } from '../src/pipeline/source.ts';
import { sharedInputs } from './helpers/generate-notes.ts';

/**
 * prepareSection parses again only the blocks a noise line, a cleaned line, the title or a
 * neighbour's range touches. Its tree must be the tree of the whole candidate parsed again with
 * those lines blanked, which is what it stands for: checked here on every candidate of the seeds
 * and the corpus with tool lines (noise) pasted at random places: between list items, inside
 * fenced code, after a paragraph, at a list's own indent.
 */
const TOOL_LINES = ['Share   Copy   Regenerate', 'Confidence: High', 'Was this helpful? Yes No', '👍 👎', 'Workspace › Ops › Q2 reviews'];

const markdown = unified().use(remarkParse).use(remarkGfm);

/** Positions by line only: the whole-range parse counts columns and offsets from another start. */
const byLines = (nodes: unknown) => JSON.stringify(nodes, (key, value) => (key === 'offset' || key === 'column' ? undefined : value));

function withToolLines(text: string, seed: number): string {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = text.split('\n');
  const count = 1 + Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * lines.length);
    const indent = random() < 0.3 ? (/^\s*/.exec(lines[at] ?? '')?.[0] ?? '') : '';
    lines.splice(at, 0, indent + TOOL_LINES[Math.floor(random() * TOOL_LINES.length)]);
  }
  return lines.join('\n');
}

describe('prepareSection', () => {
  it('gives every candidate the tree of its blanked lines parsed whole, with tool lines pasted anywhere', async () => {
    const inputs = (await sharedInputs('seeds', 'corpus/notes', 'corpus/public')).filter((input) => /\.(md|txt)$/.test(input.name));
    let reparsed = 0;
    for (const [index, input] of inputs.flatMap((input) => [input, input]).entries()) {
      const text = withToolLines(new TextDecoder().decode(input.bytes), index + 1);
      const { ctx, candidates } = await analyzeSource({ relPath: input.name, bytes: Buffer.from(text), hash: 'test' } as never, 'note');
      for (const { candidate } of candidates) {
        const section = prepareSection(ctx, candidate);
        const kept = new Map(section.lines.map((line) => [line.number, line.text]));
        if (section.titled) kept.delete(candidate.titleLine);
        const blanked = ctx.parsed.lines.slice(0, candidate.endLine).map((_, i) => (i + 1 >= candidate.startLine ? (kept.get(i + 1) ?? '') : ''));
        if (blanked.every((line, i) => i + 1 < candidate.startLine || line === ctx.parsed.lines[i])) continue;
        reparsed++;
        const whole: RootContent[] = markdown.parse(blanked.join('\n')).children;
        expect(byLines(section.tree.children), `${input.name} (copy ${index}), lines ${candidate.startLine}–${candidate.endLine}`).toBe(byLines(whole));
      }
    }
    // Most candidates of the copies have a tool line inside, so the check is not vacuous.
    expect(reparsed).toBeGreaterThan(100);
  }, 60_000);
});
