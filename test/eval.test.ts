import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runEval } from '../src/eval/run.ts';
import type { Measure, Totals } from '../src/eval/score.ts';

/**
 * The extraction eval over ../shared/corpus may not fall below the floors recorded in
 * test/eval-floors.json. Raise a floor when the work improves; lower one only with the reason in
 * the commit that does it.
 */
interface Floors {
  /** Per set (`notes`, `public`, `all`): the least share found of each measure. */
  ratios: Record<string, Partial<Record<Measure, number>>>;
  /** Per set: the most extra documents (as a share of the expected ones), secrets, private notes and noise in fields. */
  limits: Record<string, { extraRatio: number; leakedSecrets: number; privateLeaks: number; noiseInFields: number }>;
}

const floors = JSON.parse(readFileSync(new URL('./eval-floors.json', import.meta.url), 'utf8')) as Floors;

describe('extraction eval', () => {
  it('stays at or above its floors on every set and measure', async () => {
    const result = await runEval();
    expect(result.failures).toEqual([]);
    const below: string[] = [];
    for (const [set, ratios] of Object.entries(floors.ratios)) {
      const totals: Totals = result.totals[set]!;
      for (const [measure, floor] of Object.entries(ratios) as Array<[Measure, number]>) {
        const { found, total } = totals.tallies[measure];
        const ratio = total === 0 ? 1 : found / total;
        if (ratio < floor) below.push(`${set} ${measure}: ${found}/${total} = ${ratio.toFixed(3)} < ${floor}`);
      }
      const limits = floors.limits[set]!;
      const extraRatio = totals.extra / Math.max(1, totals.tallies.documents.total);
      if (extraRatio > limits.extraRatio) below.push(`${set} extra documents: ${totals.extra} (${extraRatio.toFixed(3)}) > ${limits.extraRatio}`);
      if (totals.leakedSecrets > limits.leakedSecrets) below.push(`${set} secrets published: ${totals.leakedSecrets} > ${limits.leakedSecrets}`);
      if (totals.privateLeaks > limits.privateLeaks) below.push(`${set} private notes published: ${totals.privateLeaks} > ${limits.privateLeaks}`);
      if (totals.noiseInFields > limits.noiseInFields) below.push(`${set} noise in fields: ${totals.noiseInFields} > ${limits.noiseInFields}`);
    }
    expect(below).toEqual([]);
    // The eval is what every rule change is measured with: it must stay quick.
    expect(result.seconds).toBeLessThan(30);
  }, 120_000);
});
