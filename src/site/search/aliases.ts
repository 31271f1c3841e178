/**
 * Search aliases: words written as one word or two ("rollback" / "rolled back", "failover" /
 * "fail over"). A query in one form is also run in the others and the results merged, so it finds
 * the pages that use any of them. (Pages once carried the other forms as hidden text; Pagefind
 * then showed that list as the excerpt.)
 */
const GROUPS: string[][] = [
  ['rollback', 'roll back', 'rolled back', 'rolling back', 'откат'],
  ['failover', 'fail over', 'failed over', 'фейловер'],
  ['hotfix', 'hot fix'],
  ['setup', 'set up'],
  ['shutdown', 'shut down'],
  ['backup', 'back up', 'backed up', 'бэкап', 'бекап', 'резервная копия'],
  ['login', 'log in', 'logged in'],
  ['откат', 'откатить', 'откатываемся', 'откатились'],
  // English terms that Russian notes write in Cyrillic, and the reverse: either script finds both.
  ['deploy', 'деплой'],
  ['release', 'релиз'],
  ['alert', 'алерт'],
  ['connection', 'коннект', 'соединени'],
  ['replica', 'реплик'],
  ['cluster', 'кластер'],
  ['commit', 'коммит'],
  ['incident', 'инцидент'],
  ['certificate', 'сертификат'],
  ['monitoring', 'мониторинг'],
  ['dashboard', 'дашборд'],
];

const MAX_VARIANTS = 8;
const GROUP_FORMS = new Set(GROUPS.flat());

const formPattern = (form: string) => new RegExp(`(^|[^\\p{L}])${form}(?![\\p{L}])`, 'u');

/** Latin → Cyrillic letter by letter, digraphs first: "kazan" → "казан", "kafka lag" → "кафка лаг". */
const TO_CYRILLIC: Array<[string, string]> = [
  ['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ch', 'ч'], ['sh', 'ш'], ['yu', 'ю'], ['ya', 'я'], ['yo', 'ё'], ['ck', 'к'], ['ph', 'ф'], ['th', 'т'], ['oo', 'у'], ['ee', 'и'],
  ['a', 'а'], ['b', 'б'], ['c', 'к'], ['d', 'д'], ['e', 'е'], ['f', 'ф'], ['g', 'г'], ['h', 'х'], ['i', 'и'], ['j', 'дж'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'],
  ['o', 'о'], ['p', 'п'], ['q', 'к'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'], ['v', 'в'], ['w', 'в'], ['x', 'кс'], ['y', 'й'], ['z', 'з'],
];
/**
 * A Latin word in Cyrillic ("kazan" → "казан", "alerts" → "алерт"): an English query then also
 * finds the name or borrowed term a Russian note writes in Cyrillic, by prefix. Not the reverse:
 * an ordinary Russian word in Latin letters ("упала" → "upala") prefix-matches English noise, so
 * Cyrillic spellings of English terms come from the table above instead.
 */
export function transliterate(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (/^[a-z]{3,}$/.test(lower)) {
    // An English plural loses its -s: "alerts" → "алерт", a prefix of every Russian form of it.
    const singular = lower.length > 4 && /[^siu]s$/.test(lower) ? lower.slice(0, -1) : lower;
    let out = '';
    for (let i = 0; i < singular.length; ) {
      const [latin, cyrillic] = TO_CYRILLIC.find(([l]) => singular.startsWith(l, i))!;
      out += cyrillic;
      i += latin.length;
    }
    return out;
  }
  return undefined;
}

/** The query and its other spellings: each alias form it contains replaced by the group's other forms. */
export function queryVariants(query: string): string[] {
  let variants = [query.toLowerCase()];
  for (const group of GROUPS) {
    const form = group.find((f) => formPattern(f).test(variants[0]!));
    if (!form) continue;
    variants = variants.flatMap((variant) => group.map((other) => variant.replace(formPattern(form), (_, before: string) => before + other)));
    variants = [...new Set(variants)].slice(0, MAX_VARIANTS);
  }
  // The query also in the other script, word by word (a word some group spells already stays as it is).
  const crossed = variants[0]!.split(/\s+/).map((word) => (GROUP_FORMS.has(word) ? word : (transliterate(word) ?? word))).join(' ');
  return [...new Set([variants[0]!, crossed, ...variants.slice(1)])].slice(0, MAX_VARIANTS);
}
