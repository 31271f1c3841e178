/**
 * Links: the other records a document names — decision records (`ADR-9`, `ADR-0012`), incidents
 * (`INC-655`), and runbooks by their quoted title ('runbook «Разбор зависшей очереди RabbitMQ»',
 * 'Runbook used: "Revert a dynamic config push"'). A link says whether the document replaces the
 * record, is replaced by it, or only mentions it, from the words on its line.
 */
import type { Citation } from '../../schemas/index.ts';
import { cite, type Section } from './section.ts';

export interface DocumentLink {
  to: string;
  relation: 'mentions' | 'supersedes' | 'supersededBy';
  cite: Citation[];
}

const RECORD = /(?<![\p{L}\d-])((?:ADR|INC|RFC)[-\s]?\d{1,5})(?![\d])/gu;
const RUNBOOK_TITLE = /(?<![\p{L}])(?:runbooks?|ранбук\p{L}*|runbook['’]\p{L}*|런북|playbook|процедур\p{L}*|инструкци\p{L}*)[^"«“„\n]{0,40}?["«“„]([^"»”“\n]{4,80})["»”“]/giu;
const SUPERSEDED_BY = /(?<![\p{L}])(superseded by|replaced by|заменено|заменен[оа]?|заменён[оа]?|см\.|대체됨)(?![\p{L}])/iu;
const SUPERSEDES = /(?<![\p{L}])(supersedes|replaces|заменяет|대체)(?![\p{L}])/iu;

/** `ADR-0012` and `ADR 12` are one record: compared by prefix and number. */
function key(reference: string): string {
  const match = /^([A-Za-z]+)[-\s]?0*(\d+)$/.exec(reference.trim());
  return match ? `${match[1]!.toUpperCase()}-${match[2]}` : reference.trim().toLowerCase();
}

export function findLinks(section: Section): DocumentLink[] {
  const own = new Set([...section.candidate.title.matchAll(RECORD)].map((m) => key(m[1]!)));
  const links = new Map<string, DocumentLink>();
  for (const line of section.lines) {
    const digits = /\d/.test(line.text);
    if (!digits && !/["«“„]/.test(line.text)) continue;
    for (const match of digits ? line.text.matchAll(RECORD) : []) {
      const to = match[1]!.replace(/\s/, '-');
      const k = key(to);
      if (own.has(k) || links.has(k)) continue;
      const before = line.text.slice(0, match.index);
      const relation = SUPERSEDED_BY.test(before) ? 'supersededBy' : SUPERSEDES.test(before) ? 'supersedes' : 'mentions';
      links.set(k, { to, relation, cite: cite(section, line.number) });
    }
    for (const match of line.text.matchAll(RUNBOOK_TITLE)) {
      const to = match[1]!.trim();
      const k = key(to);
      if (!links.has(k) && to.toLowerCase() !== section.candidate.title.toLowerCase()) links.set(k, { to, relation: 'mentions', cite: cite(section, line.number) });
    }
  }
  return [...links.values()];
}
