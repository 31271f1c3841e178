/**
 * Scores what ingest made of one corpus input against its expected answer, by the rules of the
 * corpus README: a fact counts only when its value stands in the document's typed fields (the
 * frontmatter), never in the body; its citation counts when the cited lines hold one of its
 * evidence strings; secrets may appear in no generated file; a private input publishes nothing.
 */
import type { ExpectedDocument, ExpectedFact, ExpectedInput, ExpectedKind, Groups } from './corpus.ts';

/** One generated document, as its frontmatter reads. */
export interface GeneratedDocument {
  kind: ExpectedKind;
  slug: string;
  data: Record<string, unknown>;
}

/** Everything ingest generated from one input. */
export interface InputOutput {
  /** Whether a source page was written. */
  published: boolean;
  /** The source page's text, line by line: what citations point into. */
  sourceLines: string[];
  documents: GeneratedDocument[];
  /** Every generated file of the input, whole (for secrets). */
  files: string[];
}

export interface Tally {
  found: number;
  total: number;
}

/** The measures, each a tally so that inputs add up. */
export const MEASURES = [
  'documents',
  'facts',
  'citations',
  'timeline',
  'timelineDates',
  'followUps',
  'followUpFields',
  'options',
  'optionReasons',
  'stepCounts',
  'commands',
  'links',
  'survived',
] as const;
export type Measure = (typeof MEASURES)[number];

export interface InputScore {
  set: string;
  file: string;
  tallies: Record<Measure, Tally>;
  /** Generated documents that match no expected one: wrong kind, duplicate, invented. */
  extra: string[];
  /** Secret values found in generated files. */
  leakedSecrets: string[];
  /** UI-noise strings found inside a typed field. */
  noiseInFields: string[];
  /** A `publish: false` input that published anything. */
  privateLeak: boolean;
  /** One line per thing missed, for `--explain`. */
  misses: string[];
}

const tally = (): Tally => ({ found: 0, total: 0 });
const count = (t: Tally, ok: boolean) => {
  t.total++;
  if (ok) t.found++;
};

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Every group has one alternative as a case-insensitive substring of the text. */
export function groupsMatch(groups: Groups, text: string): boolean {
  const haystack = squash(text);
  return groups.every((group) => group.some((alternative) => haystack.includes(squash(alternative))));
}

/** The value at a dotted path (`consequences.positive`). */
function valueAt(data: Record<string, unknown>, field: string): unknown {
  let value: unknown = data;
  for (const key of field.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** The words of a field value: a cited text's text, a list's items one per line, an item's parts. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join('\n');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const parts = ['text', 'name', 'action', 'time', 'event', 'reasons', 'owner', 'due', 'ticket', 'commands', 'to']
      .map((key) => textOf(record[key]))
      .filter(Boolean);
    return parts.join(' ');
  }
  return '';
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '' || value === 'unknown';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !('text' in value) && !('cite' in value)) return Object.values(value).every(isEmpty);
  return false;
}

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function factHolds(fact: ExpectedFact, value: unknown): boolean {
  if (fact.emptyOrAbsent) return isEmpty(value);
  if (isEmpty(value)) return false;
  if (fact.minItems !== undefined) return listLength(value) >= fact.minItems;
  const text = textOf(value);
  if (fact.all) return groupsMatch(fact.all, text);
  if (fact.equals !== undefined) {
    const alternatives = Array.isArray(fact.equals) ? fact.equals : [fact.equals];
    return alternatives.some((alternative) => squash(String(alternative)) === squash(text));
  }
  return false;
}

type LineCite = { source: string; lines: [number, number] };

/** Every citation inside a value, and those the document records for the field itself (`cites`). */
function citationsOf(data: Record<string, unknown>, field: string, value: unknown): LineCite[] {
  const found: LineCite[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (Array.isArray(record.cite)) for (const c of record.cite as LineCite[]) if (c && Array.isArray(c.lines)) found.push(c);
    for (const [key, child] of Object.entries(record)) if (key !== 'cite') walk(child);
  };
  walk(value);
  walk({ cite: (valueAt(data, 'cites') as Record<string, unknown> | undefined)?.[field] });
  return found;
}

function covers(citations: LineCite[], evidence: string[], lines: string[]): boolean {
  return citations.some((c) => {
    const text = lines.slice(c.lines[0] - 1, c.lines[1]).join('\n');
    return evidence.some((e) => text.includes(e.trim()));
  });
}

function fields(fact: ExpectedFact): string[] {
  return Array.isArray(fact.field) ? fact.field : [fact.field];
}

/** How many of a document's facts a generated document holds: what pairs them. */
function factsHeld(expected: ExpectedDocument, generated: GeneratedDocument): number {
  return expected.facts.filter((fact) => !fact.emptyOrAbsent && fields(fact).some((f) => factHolds(fact, valueAt(generated.data, f)))).length;
}

function titleOf(document: GeneratedDocument): string {
  return textOf(document.data.title);
}

/**
 * Pairs expected with generated documents of the same kind, best pairs first: a matching title
 * outweighs any number of facts. Returns expected index → generated index.
 */
function pairDocuments(expected: ExpectedDocument[], generated: GeneratedDocument[]): Map<number, number> {
  const pairs: Array<{ e: number; g: number; score: number }> = [];
  expected.forEach((doc, e) =>
    generated.forEach((gen, g) => {
      if (gen.kind !== doc.kind) return;
      pairs.push({ e, g, score: (groupsMatch(doc.title.all, titleOf(gen)) ? 1000 : 0) + factsHeld(doc, gen) });
    }),
  );
  pairs.sort((a, b) => b.score - a.score || a.e - b.e || a.g - b.g);
  const byExpected = new Map<number, number>();
  const taken = new Set<number>();
  for (const pair of pairs) {
    if (byExpected.has(pair.e) || taken.has(pair.g)) continue;
    byExpected.set(pair.e, pair.g);
    taken.add(pair.g);
  }
  return byExpected;
}

/** `7:32 PM` → 1172, `14:02` → 842: the first clock time in a text, in minutes of the day. */
export function clockMinutes(text: string): number | undefined {
  const match = /(\d{1,2})[:.](\d{2})(?:\s*([AaPp])\.?[Mm]\.?)?/.exec(text);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem === 'p' && hours < 12) hours += 12;
  if (meridiem === 'a' && hours === 12) hours = 0;
  return hours * 60 + Number(match[2]);
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.map(record) : [];
}

const sameText = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && squash(a) === squash(b);
const containsEither = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.trim() !== '' && (squash(a).includes(squash(b)) || squash(b).includes(squash(a)));

/** `ADR-0012` and `ADR-12` name the same record. */
function sameReference(a: string, b: string): boolean {
  const ref = (s: string) => /^([A-Za-z]+)[-\s]?0*(\d+)$/.exec(s.trim());
  const [x, y] = [ref(a), ref(b)];
  if (x && y) return x[1]!.toLowerCase() === y[1]!.toLowerCase() && x[2] === y[2];
  return containsEither(a, b);
}

function scoreDocument(expected: ExpectedDocument, generated: GeneratedDocument, output: InputOutput, score: InputScore): void {
  const t = score.tallies;
  const name = `${expected.kind} "${titleOf(generated)}"`;
  const miss = (what: string) => score.misses.push(`${name}: ${what}`);
  const titleOk = groupsMatch(expected.title.all, titleOf(generated));
  count(t.facts, titleOk);
  if (!titleOk) miss(`title does not match ${JSON.stringify(expected.title.all)}`);

  for (const fact of expected.facts) {
    const holding = fields(fact).find((f) => factHolds(fact, valueAt(generated.data, f)));
    count(t.facts, holding !== undefined);
    if (holding === undefined) {
      const shown = fields(fact)
        .map((f) => `${f}=${JSON.stringify(textOf(valueAt(generated.data, f)).slice(0, 100))}`)
        .join(' ');
      miss(`fact ${fact.id} (${JSON.stringify(fact.all ?? fact.equals ?? (fact.minItems ? `≥${fact.minItems} items` : 'empty'))}) not in ${shown}`);
      continue;
    }
    if (fact.evidence.length === 0) continue;
    const ok = covers(citationsOf(generated.data, holding, valueAt(generated.data, holding)), fact.evidence, output.sourceLines);
    count(t.citations, ok);
    if (!ok) miss(`fact ${fact.id}: the citation of ${holding} does not cover ${JSON.stringify(fact.evidence[0])}`);
  }

  const timeline = list(generated.data.timeline);
  const usedEvents = new Set<number>();
  for (const item of expected.timeline?.items ?? []) {
    const at = clockMinutes(item.at);
    const index = timeline.findIndex((entry, i) => !usedEvents.has(i) && clockMinutes(String(entry.time ?? '')) === at && groupsMatch(item.all, textOf(entry.event)));
    count(t.timeline, index >= 0);
    if (index < 0) {
      miss(`timeline ${item.at} ${JSON.stringify(item.all)} missing`);
      continue;
    }
    usedEvents.add(index);
    if (item.date) {
      const ok = timeline[index]!.date === item.date || textOf(record(timeline[index]!.date).text) === item.date;
      count(t.timelineDates, ok);
      if (!ok) miss(`timeline ${item.at}: date ${String(timeline[index]!.date)} is not ${item.date}`);
    }
  }

  const followUps = list(generated.data.followUps);
  const usedFollowUps = new Set<number>();
  for (const item of expected.followUps?.items ?? []) {
    const index = followUps.findIndex((f, i) => !usedFollowUps.has(i) && groupsMatch(item.all, textOf(f.action)));
    count(t.followUps, index >= 0);
    if (index < 0) {
      miss(`follow-up ${JSON.stringify(item.all)} missing`);
      continue;
    }
    usedFollowUps.add(index);
    const found = followUps[index]!;
    const checks: Array<[string, boolean]> = [];
    if (item.owner) checks.push(['owner', containsEither(found.owner, item.owner)]);
    if (item.due) checks.push(['due', sameText(found.due, item.due) || textOf(found.due) === item.due]);
    if (item.ticket) checks.push(['ticket', sameText(found.ticket, item.ticket)]);
    if (item.status) checks.push(['status', found.status === item.status]);
    for (const [key, ok] of checks) {
      count(t.followUpFields, ok);
      if (!ok) miss(`follow-up "${textOf(found.action).slice(0, 50)}": ${key} ${JSON.stringify(found[key] ?? null)} is not ${JSON.stringify((item as Record<string, unknown>)[key])}`);
    }
  }

  const options = list(generated.data.options);
  const usedOptions = new Set<number>();
  for (const item of expected.options?.items ?? []) {
    const index = options.findIndex((o, i) => !usedOptions.has(i) && groupsMatch(item.name, textOf(o.name)) && o.chosen === item.chosen);
    count(t.options, index >= 0);
    if (index < 0) {
      miss(`option ${JSON.stringify(item.name)} (chosen: ${item.chosen}) missing`);
      continue;
    }
    usedOptions.add(index);
    if (item.reason) {
      const ok = groupsMatch(item.reason, textOf(options[index]!.reasons));
      count(t.optionReasons, ok);
      if (!ok) miss(`option "${textOf(options[index]!.name)}": reason ${JSON.stringify(item.reason)} not in ${JSON.stringify(textOf(options[index]!.reasons))}`);
    }
  }

  const steps = list(generated.data.steps);
  if (expected.steps?.count !== undefined) {
    const ok = steps.length === expected.steps.count;
    count(t.stepCounts, ok);
    if (!ok) miss(`${steps.length} steps, expected ${expected.steps.count}`);
  }
  const commands = steps.flatMap((s) => (Array.isArray(s.commands) ? s.commands.map(String) : []));
  for (const command of expected.steps?.commands ?? []) {
    const ok = commands.some((c) => c.includes(command));
    count(t.commands, ok);
    if (!ok) miss(`command not in any step: ${command.slice(0, 80)}`);
  }

  const links = list(generated.data.links);
  for (const link of expected.links ?? []) {
    const numbers = link.relation === 'supersedes' ? (Array.isArray(generated.data.supersedes) ? generated.data.supersedes.map(String) : []) : [];
    // Any link to the record mentions it; "supersedes" needs that relation.
    const ok = links.some((l) => (link.relation === 'mentions' || l.relation === link.relation) && sameReference(String(l.to ?? ''), link.to)) || numbers.some((n) => sameReference(n, link.to));
    count(t.links, ok);
    if (!ok) miss(`link ${link.relation} ${link.to} missing`);
  }
}

/** Scores one input. */
export function scoreInput(set: string, expected: ExpectedInput, output: InputOutput): InputScore {
  const score: InputScore = {
    set,
    file: expected.input,
    tallies: Object.fromEntries(MEASURES.map((m) => [m, tally()])) as Record<Measure, Tally>,
    extra: [],
    leakedSecrets: [],
    noiseInFields: [],
    privateLeak: false,
    misses: [],
  };
  const pairs = pairDocuments(expected.documents, output.documents);
  expected.documents.forEach((doc, e) => {
    const g = pairs.get(e);
    count(score.tallies.documents, g !== undefined);
    if (g === undefined) {
      score.misses.push(`${doc.kind} ${JSON.stringify(doc.title.all)}: not found`);
      // Its facts, title included, are all missed; count them so a lost document costs what it holds.
      score.tallies.facts.total += doc.facts.length + 1;
      return;
    }
    scoreDocument(doc, output.documents[g]!, output, score);
  });
  const paired = new Set(pairs.values());
  output.documents.forEach((doc, g) => {
    if (!paired.has(g)) score.extra.push(`${doc.kind} "${titleOf(doc)}"`);
  });

  const everything = output.files.join('\n');
  for (const secret of expected.redaction?.mustNotAppear ?? []) if (everything.includes(secret)) score.leakedSecrets.push(secret);
  const source = output.sourceLines.join('\n');
  for (const kept of expected.redaction?.mustSurvive ?? []) {
    const ok = !output.published || source.includes(kept);
    count(score.tallies.survived, ok);
    if (!ok) score.misses.push(`"${kept}" did not survive redaction`);
  }
  const fieldTexts = output.documents.map((d) => JSON.stringify(d.data));
  for (const noise of expected.noise?.mustDrop ?? []) {
    const encoded = JSON.stringify(noise).slice(1, -1);
    if (fieldTexts.some((t) => t.includes(encoded))) score.noiseInFields.push(noise);
  }
  if (!expected.publish && (output.published || output.documents.length > 0)) score.privateLeak = true;
  for (const secret of score.leakedSecrets) score.misses.push(`secret published: ${secret.slice(0, 40)}`);
  for (const noise of score.noiseInFields) score.misses.push(`noise in a field: ${noise}`);
  if (score.privateLeak) score.misses.push('private note published');
  for (const extra of score.extra) score.misses.push(`extra document: ${extra}`);
  return score;
}

/** Sum of the tallies of several inputs. */
export function totals(scores: InputScore[]) {
  const sum = Object.fromEntries(MEASURES.map((m) => [m, tally()])) as Record<Measure, Tally>;
  for (const score of scores) for (const m of MEASURES) {
    sum[m].found += score.tallies[m].found;
    sum[m].total += score.tallies[m].total;
  }
  return {
    tallies: sum,
    extra: scores.reduce((n, s) => n + s.extra.length, 0),
    leakedSecrets: scores.reduce((n, s) => n + s.leakedSecrets.length, 0),
    noiseInFields: scores.reduce((n, s) => n + s.noiseInFields.length, 0),
    privateLeaks: scores.filter((s) => s.privateLeak).length,
  };
}
export type Totals = ReturnType<typeof totals>;
