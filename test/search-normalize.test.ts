import { describe, expect, it } from 'vitest';
import { queryVariants } from '../src/site/search/aliases.ts';
import { contentWords } from '../src/site/search/query.ts';
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
    expect(queryVariants('rolled over').filter((v) => /^[a-z ]+$/.test(v))).toEqual(['rolled over']);
    expect(queryVariants('INC-4471')).toEqual(['inc-4471']);
  });
  it('runs a query also in the other script: borrowed terms both ways by table, Latin words letter by letter into Cyrillic', () => {
    expect(queryVariants('фейловер')).toContain('failover');
    expect(queryVariants('backup')).toContain('бэкап');
    expect(queryVariants('alerts')).toEqual(['alerts', 'алерт']);
    expect(queryVariants('kafka lag')).toContain('кафка лаг');
    expect(queryVariants('туннель Казань')).toEqual(['туннель казань']);
    // A word a group already spells in both scripts is not transliterated again.
    expect(queryVariants('redis failover')).toContain('редис failover');
  });

  it('drops function words of questions in en, ru and ko, unless nothing would be left', () => {
    expect(contentWords('how do I restart pgbouncer')).toEqual(['restart', 'pgbouncer']);
    expect(contentWords('почему упала выгрузка заказов?')).toEqual(['упала', 'выгрузка', 'заказов?']);
    expect(contentWords('что делать если реплика отстала')).toEqual(['реплика', 'отстала']);
    expect(contentWords('결제 지연은 왜 발생했나요')).toEqual(['결제', '지연은']);
    expect(contentWords('how to')).toEqual(['how', 'to']);
  });

  it('stays small when a query holds several compounds', () => {
    expect(queryVariants('rollback failover hotfix setup login').length).toBeLessThanOrEqual(8);
  });
});
