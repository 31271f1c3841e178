import { describe, expect, it } from 'vitest';
import { queryVariants } from '../src/site/search/aliases.ts';
import { koreanStem, normalizeQuery, russianStem } from '../src/site/search/normalize.ts';

describe('query normalization', () => {
  it.each([
    ['новый', 'новая', 'нов'],
    ['базу', 'базы', 'баз'],
    ['база', 'базой', 'баз'],
    ['ошибкой', 'ошибка', 'ошибк'],
    ['Недоступность', 'недоступности', 'недоступност'],
  ])('%s and %s share the prefix %s', (a, b, stem) => {
    expect(russianStem(a)).toBe(stem);
    expect(russianStem(b)).toBe(stem);
  });

  it('keeps short Russian words whole enough to mean something', () => {
    expect(russianStem('БД')).toBe('бд');
    expect(russianStem('сбой')).toBe('сбо');
  });

  it('strips Korean particles', () => {
    expect(koreanStem('서버를')).toBe('서버');
    expect(koreanStem('서버가')).toBe('서버');
    expect(koreanStem('데이터베이스에서')).toBe('데이터베이스');
    expect(koreanStem('서버')).toBe('서버');
  });

  it('normalizes a mixed query word by word', () => {
    expect(normalizeQuery('  Connection POOL  ')).toBe('connection pool');
    expect(normalizeQuery('база данных')).toBe('баз данн');
    expect(normalizeQuery('서버를 «новый»')).toBe('서버 нов');
    expect(normalizeQuery('')).toBe('');
  });
});

describe('search aliases', () => {
  it('runs a query in the other spellings of a compound too', () => {
    expect(queryVariants('deploy rolled back')).toEqual(expect.arrayContaining(['deploy rolled back', 'deploy rollback', 'deploy roll back']));
    expect(queryVariants('Roll Back a Bad Deploy')).toContain('rollback a bad deploy');
    expect(queryVariants('бэкап базы')).toContain('резервная копия базы');
    // "roll" inside "rolled" is not the form "roll back".
    expect(queryVariants('rolled over')).toEqual(['rolled over']);
    expect(queryVariants('nothing here')).toEqual(['nothing here']);
  });
  it('stays small when a query holds several compounds', () => {
    expect(queryVariants('rollback failover hotfix setup login').length).toBeLessThanOrEqual(8);
  });
});
