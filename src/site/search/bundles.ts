/**
 * The search bundles, each written twice: the search box merges other languages' indexes from
 * the `-all` copy, because Pagefind will not merge a bundle into itself.
 *
 * Documents and sources are separate bundles. A source's text is in the documents made from it,
 * so searching both would double the results and the index a reader downloads (at 10,000 notes:
 * 2× the metadata, and a median query twice as slow); raw sources are searched when the reader
 * asks for them (Type: Sources in the search box).
 */
export const SEARCH_BUNDLES = {
  documents: { path: 'pagefind', glob: '{incidents,adrs,runbooks}/*/index.html' },
  sources: { path: 'pagefind-sources', glob: 'sources/*/index.html' },
} as const;
