/**
 * Guesses the main language of a text from its letters: Cyrillic → ru, Hangul → ko, Latin → en.
 * Enough for page `lang` attributes and Pagefind's stemmer choice; mixed texts get the majority.
 */
export function detectLanguages(text: string): string[] {
  const counts = { ru: 0, ko: 0, en: 0 };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x400 && code <= 0x4ff) counts.ru++;
    else if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x1100 && code <= 0x11ff)) counts.ko++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) counts.en++;
  }
  const total = counts.ru + counts.ko + counts.en;
  if (total === 0) return ['en'];
  // Latin letters in a Russian note are mostly terms and commands: weigh them down. A Hangul
  // syllable writes two or three letters' worth ("확인" is six jamo): weigh it up.
  const weighted: Array<[string, number]> = [
    ['ru', counts.ru],
    ['ko', counts.ko * 2.5],
    ['en', counts.en * 0.5],
  ];
  return weighted
    .filter(([, n]) => n / total >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([lang]) => lang);
}

export function mainLanguage(text: string): string {
  return detectLanguages(text)[0] ?? 'en';
}
