import { describe, expect, it } from 'vitest';
import { searchAliases } from '../src/site/search/aliases.ts';
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
  it('adds the other spellings of a compound', () => {
    expect(searchAliases('The deploy was rolled back at 14:47')).toEqual(expect.arrayContaining(['rollback', 'roll back']));
    expect(searchAliases('Roll Back a Bad Deploy')).toContain('rollback');
    expect(searchAliases('nothing here')).toEqual([]);
  });
});
