/**
 * slugify, loaded on the first name that needs it. Building its transliteration tables is 30 ms of
 * a 0.4 s unchanged run over 10,000 notes, whose names are nearly all slugs already (see
 * sourceSlug). `require` of this ES module is synchronous in the Node versions we run on.
 */
import { createRequire } from 'node:module';
import type { Options } from '@sindresorhus/slugify';

type Slugify = (text: string, options?: Options) => string;
let loaded: Slugify | undefined;

export function slugify(text: string, options?: Options): string {
  loaded ??= (createRequire(import.meta.url)('@sindresorhus/slugify') as { default: Slugify }).default;
  return loaded(text, options);
}
