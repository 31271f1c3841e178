/**
 * Record identifiers as documents write them (`ADR-0012`, `ADR 12`, `15`, `DL-2026-011`,
 * `INC-655`) and the links between documents that name them.
 */
import { allDocuments } from './related.ts';
import { documentHref, type DocumentEntry } from './collections.ts';

/** `ADR-0012`, `ADR 12` and, for an ADR, a bare `12` are one record: `ADR-12`. */
export function recordKey(reference: string, kind: 'ADR' | 'INC' = 'ADR'): string {
  const text = reference.trim();
  const prefixed = /^(?:[A-Za-z]{2,6}-)?([A-Za-z]+)[-\s]?0*(\d+)$/.exec(text);
  if (prefixed) return `${prefixed[1]!.toUpperCase()}-${prefixed[2]}`;
  const bare = /^0*(\d+)$/.exec(text);
  if (bare) return `${kind}-${bare[1]}`;
  return text.toLowerCase();
}

/** How an ADR's number reads on a page: as written, with "ADR-" before a bare number. */
export function adrLabel(number: string | undefined): string {
  if (!number) return 'ADR';
  return /^\d+$/.test(number) ? `ADR-${number}` : number;
}

/** The numeric part of an identifier, for ordering (`ADR-0012` → 12, `DL-2026-011` → 2026011). */
export function recordOrder(number: string | undefined): number {
  const digits = number?.match(/\d+/g);
  return digits ? Number(digits.join('')) : Number.MAX_SAFE_INTEGER;
}

/** The published document a reference names, if any: by ADR number, incident id, or title. */
export async function resolveReference(to: string): Promise<DocumentEntry | undefined> {
  const key = recordKey(to);
  const documents = await allDocuments();
  return documents.find((d) => {
    if (d.collection === 'adrs' && d.data.number && recordKey(d.data.number) === key) return true;
    if (/^INC-/i.test(to) && d.data.title.text.toUpperCase().includes(to.toUpperCase())) return true;
    return d.data.title.text.toLowerCase() === to.trim().toLowerCase();
  });
}

export async function referenceHref(to: string): Promise<string | undefined> {
  const found = await resolveReference(to);
  return found ? documentHref(found.collection, found.id) : undefined;
}
