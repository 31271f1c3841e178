/**
 * Search aliases: words written as one word or two ("rollback" / "rolled back", "failover" /
 * "fail over"). A query in one form is also run in the others and the results merged, so it finds
 * the pages that use any of them. (Pages once carried the other forms as hidden text; Pagefind
 * then showed that list as the excerpt.)
 */
const GROUPS: string[][] = [
  ['rollback', 'roll back', 'rolled back', 'rolling back'],
  ['failover', 'fail over', 'failed over'],
  ['hotfix', 'hot fix'],
  ['setup', 'set up'],
  ['shutdown', 'shut down'],
  ['backup', 'back up', 'backed up'],
  ['login', 'log in', 'logged in'],
  ['откат', 'откатить', 'откатываемся', 'откатились'],
  ['бэкап', 'бекап', 'резервная копия'],
];

const MAX_VARIANTS = 8;

const formPattern = (form: string) => new RegExp(`(^|[^\\p{L}])${form}(?![\\p{L}])`, 'u');

/** The query and its other spellings: each alias form it contains replaced by the group's other forms. */
export function queryVariants(query: string): string[] {
  let variants = [query.toLowerCase()];
  for (const group of GROUPS) {
    const form = group.find((f) => formPattern(f).test(variants[0]!));
    if (!form) continue;
    variants = variants.flatMap((variant) => group.map((other) => variant.replace(formPattern(form), (_, before: string) => before + other)));
    variants = [...new Set(variants)].slice(0, MAX_VARIANTS);
  }
  return variants;
}
