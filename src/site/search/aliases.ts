/**
 * Search aliases: words written as one word or two ("rollback" / "rolled back", "failover" /
 * "fail over"). A page that has one form gets the others added to its indexed text (hidden), so a
 * query in either form finds it.
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

export function searchAliases(text: string): string[] {
  const lower = text.toLowerCase();
  const aliases = new Set<string>();
  for (const group of GROUPS) {
    if (group.some((form) => new RegExp(`(^|[^\\p{L}])${form}(?![\\p{L}])`, 'u').test(lower))) for (const form of group) aliases.add(form);
  }
  return [...aliases];
}
