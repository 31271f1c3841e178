/** The eval's report as `npm run eval` prints it: a table per set, totals, and the targets. */
import type { EvalResult } from './run.ts';
import type { InputScore, Tally, Totals } from './score.ts';

/** The targets of the extraction issue, over the whole corpus. */
export const TARGETS = { documents: 0.95, extraRatio: 0.02, facts: 0.9, citations: 0.95 };

const pct = (t: Tally) => (t.total === 0 ? '—' : `${Math.round((100 * t.found) / t.total)}%`);
const frac = (t: Tally) => (t.total === 0 ? '—' : `${t.found}/${t.total}`);

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

const COLUMNS = ['input', 'docs', 'extra', 'facts', 'cites', 'timeline', 'follow-ups', 'options', 'steps', 'commands', 'links', 'leaks'];
const WIDTHS = [46, 5, 5, 7, 7, 8, 10, 7, 5, 8, 5, 5];

function inputRow(s: InputScore): string {
  const t = s.tallies;
  const leaks = s.leakedSecrets.length + s.noiseInFields.length + (s.privateLeak ? 1 : 0);
  return row(
    [s.file.slice(0, 46), frac(t.documents), String(s.extra.length), frac(t.facts), frac(t.citations), frac(t.timeline), frac(t.followUps), frac(t.options), frac(t.stepCounts), frac(t.commands), frac(t.links), String(leaks)],
    WIDTHS,
  );
}

function totalsLines(name: string, totals: Totals): string[] {
  const t = totals.tallies;
  const extraRatio = t.documents.total ? totals.extra / t.documents.total : 0;
  return [
    `${name}: documents ${frac(t.documents)} (${pct(t.documents)}), extra ${totals.extra} (${Math.round(extraRatio * 100)}%), ` +
      `facts ${frac(t.facts)} (${pct(t.facts)}), citations ${frac(t.citations)} (${pct(t.citations)})`,
    `  timeline ${frac(t.timeline)} (dates ${frac(t.timelineDates)}), follow-ups ${frac(t.followUps)} (owner/due/ticket/status ${frac(t.followUpFields)}), ` +
      `options ${frac(t.options)} (reasons ${frac(t.optionReasons)}), step counts ${frac(t.stepCounts)}, commands ${frac(t.commands)}, links ${frac(t.links)}`,
    `  secrets published ${totals.leakedSecrets}, private notes published ${totals.privateLeaks}, noise in fields ${totals.noiseInFields}, look-alikes kept ${frac(t.survived)}`,
  ];
}

function targetLines(all: Totals): string[] {
  const t = all.tallies;
  const ratio = (x: Tally) => (x.total ? x.found / x.total : 1);
  const extraRatio = t.documents.total ? all.extra / t.documents.total : 0;
  const check = (ok: boolean, text: string) => `  ${ok ? 'met ' : 'MISS'}  ${text}`;
  return [
    'targets (whole corpus):',
    check(ratio(t.documents) >= TARGETS.documents, `documents found ≥ 95 %: ${pct(t.documents)}`),
    check(extraRatio <= TARGETS.extraRatio, `extra documents ≤ 2 % of expected: ${Math.round(extraRatio * 1000) / 10}%`),
    check(ratio(t.facts) >= TARGETS.facts, `key facts in typed fields ≥ 90 %: ${pct(t.facts)}`),
    check(ratio(t.citations) >= TARGETS.citations, `citations covering their evidence ≥ 95 %: ${pct(t.citations)}`),
    check(all.leakedSecrets === 0, `secrets published: ${all.leakedSecrets}`),
    check(all.privateLeaks === 0, `private notes published: ${all.privateLeaks}`),
  ];
}

/** With a model: what the calls cost, and per field which extractor's value was published. */
function modelLines(model: NonNullable<EvalResult['model']>): string[] {
  const { usage } = model;
  const lines = [
    `model ${model.name}${model.baseURL ? ` at ${model.baseURL}` : ' (OpenAI)'}: ${usage.requests} requests, ${usage.promptTokens} tokens in, ${usage.completionTokens} out, ${usage.cacheHits} answers from the cache, ` +
      (usage.cost !== undefined ? `about $${usage.cost.toFixed(4)}` : 'cost unknown for this model'),
    '',
    row(['field (documents that have it)', 'rules', 'model'], [46, 7, 7]),
  ];
  for (const [field, tally] of Object.entries(model.winners)) lines.push(row([field, String(tally.heuristic), String(tally.model)], [46, 7, 7]));
  const total = Object.values(model.winners).reduce((sum, t) => ({ heuristic: sum.heuristic + t.heuristic, model: sum.model + t.model }), { heuristic: 0, model: 0 });
  lines.push(row(['all fields', String(total.heuristic), String(total.model)], [46, 7, 7]));
  return lines;
}

export function formatEval(result: EvalResult, explain: boolean): string {
  const lines: string[] = [];
  for (const set of ['notes', 'public']) {
    const scores = result.scores.filter((s) => s.set === set);
    if (scores.length === 0) continue;
    lines.push('', `${set}/`, row(COLUMNS, WIDTHS));
    for (const score of scores) {
      lines.push(inputRow(score));
      if (explain) for (const miss of score.misses) lines.push(`    - ${miss}`);
    }
  }
  lines.push('');
  for (const failure of result.failures) lines.push(`error  ${failure.file}: ${failure.error}`);
  for (const set of ['notes', 'public', 'all']) if (result.totals[set]!.tallies.documents.total > 0) lines.push(...totalsLines(set, result.totals[set]!));
  lines.push('', ...targetLines(result.totals.all!));
  if (result.model) lines.push('', ...modelLines(result.model));
  lines.push('', `${result.scores.length} inputs in ${result.seconds.toFixed(1)} s`);
  return lines.join('\n');
}

