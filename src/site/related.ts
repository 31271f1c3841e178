import slugify from '@sindresorhus/slugify';
import type { DocumentEntry } from './collections.ts';
import { adrsByNumber, incidentsByDate, runbooksByTitle } from './collections.ts';

/** Entity and tag pages, and related documents: how readers move between documents. */
export function entitySlug(name: string): string {
  return slugify(name, { decamelize: false }) || 'entity';
}

export async function allDocuments(): Promise<DocumentEntry[]> {
  const [incidents, adrs, runbooks] = await Promise.all([incidentsByDate(), adrsByNumber(), runbooksByTitle()]);
  return [...incidents, ...adrs, ...runbooks];
}

/** Every entity (Postgres, DatabaseDown…) with the documents that mention it, by name. */
export async function entities(): Promise<Map<string, DocumentEntry[]>> {
  const byName = new Map<string, DocumentEntry[]>();
  for (const document of await allDocuments()) {
    for (const name of document.data.entities) byName.set(name, [...(byName.get(name) ?? []), document]);
  }
  return new Map([...byName].sort(([a], [b]) => a.localeCompare(b)));
}

export async function tags(): Promise<Map<string, DocumentEntry[]>> {
  const byTag = new Map<string, DocumentEntry[]>();
  for (const document of await allDocuments()) {
    for (const tag of document.data.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), document]);
  }
  return new Map([...byTag].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Documents related to one: the ones from the same source first, then by how many entities they
 * share (two documents that both mention Postgres and DatabaseDown are closer than ones that
 * share only "Docker").
 */
export async function related(document: DocumentEntry, limit = 6): Promise<DocumentEntry[]> {
  const mine = new Set(document.data.entities);
  return (await allDocuments())
    .filter((other) => !(other.collection === document.collection && other.id === document.id))
    .map((other) => {
      const sameSource = other.data.sources.some((s) => document.data.sources.includes(s)) ? 10 : 0;
      const shared = other.data.entities.filter((e) => mine.has(e)).length;
      return { other, score: sameSource + shared };
    })
    .filter(({ score }) => score >= 2)
    .sort((a, b) => b.score - a.score || a.other.data.title.text.localeCompare(b.other.data.title.text))
    .slice(0, limit)
    .map(({ other }) => other);
}
