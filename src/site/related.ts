import slugify from '@sindresorhus/slugify';
import type { DocumentEntry } from './collections.ts';
import { adrsByNumber, incidentsByDate, runbooksByTitle } from './collections.ts';

/**
 * Entity and tag pages, and related documents: how readers move between documents. Everything
 * here is computed once per build (memoized), not once per page: with 10,000 documents a
 * per-page scan of all others was the build's largest cost.
 */
export function entitySlug(name: string): string {
  return slugify(name, { decamelize: false }) || 'entity';
}

let documents: Promise<DocumentEntry[]> | undefined;

export function allDocuments(): Promise<DocumentEntry[]> {
  // In dev the collections change while the server runs; only a build may keep them.
  if (import.meta.env?.DEV) documents = undefined;
  documents ??= Promise.all([incidentsByDate(), adrsByNumber(), runbooksByTitle()]).then((lists) => lists.flat());
  return documents;
}

function groupBy(list: DocumentEntry[], keys: (d: DocumentEntry) => string[]): Map<string, DocumentEntry[]> {
  const groups = new Map<string, DocumentEntry[]>();
  for (const document of list) for (const key of keys(document)) groups.set(key, [...(groups.get(key) ?? []), document]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/** Every entity (Postgres, DatabaseDown…) with the documents that mention it, by name. */
export async function entities(): Promise<Map<string, DocumentEntry[]>> {
  return groupBy(await allDocuments(), (d) => d.data.entities);
}

export async function tags(): Promise<Map<string, DocumentEntry[]>> {
  return groupBy(await allDocuments(), (d) => d.data.tags);
}

/** An entity that more than this many documents mention says little about which are related. */
const COMMON_ENTITY = 200;
let index: Promise<{ byEntity: Map<string, DocumentEntry[]>; bySource: Map<string, DocumentEntry[]> }> | undefined;

/**
 * Documents related to one: the ones from the same source first, then by how many entities they
 * share (two documents that both mention Postgres and DatabaseDown are closer than ones that
 * share only "Docker").
 */
export async function related(document: DocumentEntry, limit = 6): Promise<DocumentEntry[]> {
  if (import.meta.env?.DEV) index = undefined;
  index ??= allDocuments().then((all) => ({ byEntity: groupBy(all, (d) => d.data.entities), bySource: groupBy(all, (d) => d.data.sources) }));
  const { byEntity, bySource } = await index;
  const score = new Map<DocumentEntry, number>();
  const add = (other: DocumentEntry, points: number) => {
    if (other.collection === document.collection && other.id === document.id) return;
    score.set(other, (score.get(other) ?? 0) + points);
  };
  for (const source of document.data.sources) for (const other of bySource.get(source) ?? []) add(other, 10);
  for (const entity of document.data.entities) {
    const others = byEntity.get(entity) ?? [];
    if (others.length <= COMMON_ENTITY) for (const other of others) add(other, 1);
  }
  return [...score]
    .filter(([, points]) => points >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].data.title.text.localeCompare(b[0].data.title.text))
    .slice(0, limit)
    .map(([other]) => other);
}
