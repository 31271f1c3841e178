/**
 * slugify, loaded on the first name that needs it. Building its transliteration tables is 30 ms of
 * a 0.4 s unchanged run over 10,000 notes, whose names are nearly all slugs already (see
 * sourceSlug). `require` of this ES module is synchronous in the Node versions we run on.
 * Hangul is romanized first (es-hangul, Revised Romanization): slugify drops it, so
 * "검색 API 응답 지연" was the slug "api".
 */
import { createRequire } from 'node:module';
import type { Options } from '@sindresorhus/slugify';

type Slugify = (text: string, options?: Options) => string;
let loaded: Slugify | undefined;

let romanize: ((text: string) => string) | undefined;

export function slugify(text: string, options?: Options): string {
  const require = createRequire(import.meta.url);
  loaded ??= (require('@sindresorhus/slugify') as { default: Slugify }).default;
  if (/\p{Script=Hangul}/u.test(text)) {
    romanize ??= (require('es-hangul') as { romanize: (text: string) => string }).romanize;
    text = romanize(text);
  }
  return loaded(text, options);
}
