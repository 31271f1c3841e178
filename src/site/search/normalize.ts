/**
 * Query normalization for the search box, run in the browser before Pagefind sees the query.
 *
 * Pagefind stems a query with the stemmer of the page's language only, folds "й" into "и" before
 * its Russian stemmer (so "новый" no longer meets "новая"), and does not split Korean particles
 * ("서버를" vs "서버가"). Since Pagefind matches query words as prefixes of indexed words, we cut
 * each word down to a stem-like prefix ourselves: the same prefix then matches every form, in
 * whichever language index the page is.
 */

/** Russian inflection endings, longest first (adjective, noun and verb forms). */
const RUSSIAN_ENDINGS = [
  'иями', 'ями', 'ами', 'ого', 'ых', 'их', 'его', 'ому', 'ему', 'ыми', 'ими', 'ией', 'ешь', 'ете', 'ишь', 'ите', 'ать', 'ять', 'ить', 'еть', 'уть',
  'ый', 'ий', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ым', 'им', 'ую', 'юю', 'ою', 'ею', 'ах', 'ях', 'ов', 'ев', 'ей', 'ом', 'ем', 'ям', 'ам', 'ия', 'ие', 'ии', 'ью', 'ют', 'ут', 'ет', 'ит', 'ся', 'сь',
  'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь', 'й',
];

/** Korean particles (josa) that attach to a noun without a space. */
const KOREAN_PARTICLES = ['에서는', '으로는', '에서', '으로', '에게', '까지', '부터', '처럼', '보다', '을', '를', '이', '가', '은', '는', '의', '에', '로', '와', '과', '도', '만'];

const MIN_RUSSIAN_STEM = 3;

/** One Russian word → its stem-like prefix ("новый", "новая" → "нов"; "базы" → "баз"). */
export function russianStem(word: string): string {
  let stem = word.toLowerCase().replace(/ё/g, 'е');
  // Two passes: "ошибкой" → "ошибк"; reflexive verbs lose "ся" and then their ending.
  for (let pass = 0; pass < 2; pass++) {
    const ending = RUSSIAN_ENDINGS.find((e) => stem.endsWith(e) && stem.length - e.length >= MIN_RUSSIAN_STEM);
    if (!ending) break;
    stem = stem.slice(0, -ending.length);
    if (pass === 0 && !['ся', 'сь'].includes(ending)) break;
  }
  return stem;
}

/** One Korean word without its trailing particle ("서버를" → "서버"). */
export function koreanStem(word: string): string {
  const particle = KOREAN_PARTICLES.find((p) => word.endsWith(p) && word.length - p.length >= 1);
  return particle ? word.slice(0, -particle.length) : word;
}

/** The query Pagefind gets: each word reduced to the prefix that all its forms share. */
export function normalizeQuery(query: string): string {
  return query
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      if (/[\u0400-\u04ff]/.test(word)) return russianStem(word.replace(/[^\p{L}\p{N}-]/gu, ''));
      if (/[\uac00-\ud7a3]/.test(word)) return koreanStem(word.replace(/[^\p{L}\p{N}]/gu, ''));
      return word.toLowerCase();
    })
    .filter(Boolean)
    .join(' ');
}
