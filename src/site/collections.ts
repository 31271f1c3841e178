import { getCollection, type CollectionEntry } from 'astro:content';
import type { UiKey } from './i18n.ts';
import { recordOrder } from './records.ts';

/** Site-side helpers: loading collections in a stable order and naming their pages. */
export type DocumentEntry = CollectionEntry<'incidents'> | CollectionEntry<'adrs'> | CollectionEntry<'runbooks'>;
export type DocumentCollectionName = DocumentEntry['collection'];

/** The interface string that names one document of a collection (see i18n.ts). */
export const COLLECTION_LABELS = {
  incidents: 'kind.incident',
  adrs: 'kind.adr',
  runbooks: 'kind.runbook',
  sources: 'kind.source',
} as const satisfies Record<DocumentCollectionName | 'sources', UiKey>;

export function documentHref(collection: string, id: string): string {
  return `/${collection}/${id}/`;
}

const byTitle = (a: DocumentEntry, b: DocumentEntry) => a.data.title.text.localeCompare(b.data.title.text);

/** Incidents newest first; undated ones last, by title. */
export async function incidentsByDate(): Promise<Array<CollectionEntry<'incidents'>>> {
  const all = await getCollection('incidents');
  return all.sort((a, b) => (b.data.date?.text ?? '').localeCompare(a.data.date?.text ?? '') || byTitle(a, b));
}

export async function adrsByNumber(): Promise<Array<CollectionEntry<'adrs'>>> {
  const all = await getCollection('adrs');
  return all.sort((a, b) => recordOrder(a.data.number) - recordOrder(b.data.number) || byTitle(a, b));
}

export async function runbooksByTitle(): Promise<Array<CollectionEntry<'runbooks'>>> {
  return (await getCollection('runbooks')).sort(byTitle);
}

export async function sourcesById(): Promise<Array<CollectionEntry<'sources'>>> {
  return (await getCollection('sources')).sort((a, b) => a.id.localeCompare(b.id));
}
