import type { AdrInput } from '../../schemas/index.ts';
import { firstIsoDate, itemsAfterLabel, labelled, paragraphUnderHeading, tableRows } from './fields.ts';
import { cite, displayTitle, type Section } from './section.ts';

const STATUS = /status\s*[:：]\s*\**\s*(proposed|accepted|rejected|deprecated|superseded)/i;

/**
 * ADR fields from either shape in the wild: a two-column table ("| Decision | … |",
 * "| Rejected: MongoDB | reason |", "| Consequence (+) | … |") or MADR-style sections
 * ("## Decision Outcome", "Chosen option: …", "### Considered Options", "* Good, because …").
 */
export function extractAdr(section: Section, base: Pick<AdrInput, 'title' | 'language' | 'sources' | 'entities' | 'generated'>): AdrInput {
  const number = /ADR[-\s]?(\d+)/i.exec(section.candidate.title)?.[1] ?? /^\s*(\d{1,4})[.:-]\s/.exec(section.candidate.title)?.[1];
  const rows = tableRows(section.tree);
  const rowsLike = (label: RegExp) => rows.filter((r) => label.test(r.label));
  const decisionRow = rowsLike(/^(decision|решение)$/i)[0];
  const chosenLine = labelled(section, /chosen option|выбранный вариант|we (?:will|decided to)/);
  const decision = decisionRow
    ? { text: decisionRow.value, cite: cite(section, decisionRow.line) }
    : (labelled(section, /decision|decision outcome|решение/) ?? chosenLine);

  const rejected = rowsLike(/^(rejected|отклонено|отвергнуто)\s*[:：]/i).map((r) => ({
    name: r.label.replace(/^[^:：]+[:：]\s*/, ''),
    chosen: false,
    reasons: r.value,
    cite: cite(section, r.line),
  }));
  // "Postgres as primary datastore": the title names the chosen option.
  const chosenName =
    /^"?([^"]+?)"?,?\s*(?:because|since|—|$)/i.exec(chosenLine?.text ?? '')?.[1] ?? /^(.+?)\s+(?:as|как)\s+/i.exec(displayTitle(section.candidate.title))?.[1];
  const chosen = chosenName ? [{ name: chosenName.trim(), chosen: true, cite: chosenLine?.cite ?? cite(section, section.candidate.titleLine) }] : [];
  const considered = itemsAfterLabel(section, /considered options|options considered|рассмотренные варианты|варианты|alternatives/)
    .filter((item) => !chosenName || !item.text.toLowerCase().startsWith(chosenName.toLowerCase()))
    .map((item) => ({ name: item.text, chosen: false, cite: cite(section, ...item.lines) }));
  const text = section.lines.map((l) => l.text).join('\n');
  const status = STATUS.exec(text)?.[1]?.toLowerCase() as AdrInput['status'] | undefined;
  const good = [
    ...rowsLike(/consequence\s*\(\+\)|^pros?$|^\+$|плюсы/i).map((r) => ({ text: r.value, cite: cite(section, r.line) })),
    ...section.lines.filter((l) => /^\s*[-*]\s*(good|positive|плюс)\b[,:]?/i.test(l.text)).map((l) => ({ text: l.text.replace(/^\s*[-*]\s*/, '').trim(), cite: cite(section, l.number) })),
  ];
  const bad = [
    ...rowsLike(/consequence\s*\([−-]\)|^cons?$|^[−-]$|минусы/i).map((r) => ({ text: r.value, cite: cite(section, r.line) })),
    ...section.lines.filter((l) => /^\s*[-*]\s*(bad|negative|минус)\b[,:]?/i.test(l.text)).map((l) => ({ text: l.text.replace(/^\s*[-*]\s*/, '').trim(), cite: cite(section, l.number) })),
  ];
  return {
    ...base,
    tags: ['adr'],
    number: number ? Number(number) : undefined,
    status: status ?? (decision ? 'accepted' : 'unknown'),
    date: firstIsoDate(section, section.lines),
    deciders: labelled(section, /deciders|decision makers|участники решения/)?.text.split(/\s*,\s*/) ?? [],
    context: labelled(section, /context|context and problem statement|контекст/) ?? paragraphUnderHeading(section, /context(?: and problem statement)?|контекст(?: и проблема)?/),
    decision,
    options: [...chosen, ...rejected, ...considered.filter((c) => !rejected.some((r) => c.name.startsWith(r.name)))],
    consequences: { positive: good, negative: bad },
  };
}
