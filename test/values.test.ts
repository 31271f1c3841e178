import { describe, expect, it } from 'vitest';
import { findDates, findDurations } from '../src/pipeline/extract/values.ts';

const dates = (text: string, year?: number) => findDates(text, year).map((d) => d.date);

describe('dates as people write them', () => {
  it('year first with dots, as Korean exports write it, and ISO, dotted, Korean and worded forms', () => {
    expect(dates('2026. 9. 3. 오후 3:02')).toEqual(['2026-09-03']);
    expect(dates('released on 2026.09.03.')).toEqual(['2026-09-03']);
    expect(dates('2026-04-14, 18.02.2026, 2026년 8월 19일, 14 Apr 2026')).toEqual(['2026-04-14', '2026-02-18', '2026-08-19', '2026-04-14']);
  });

  it('a version number is no date', () => {
    expect(dates('upgraded to v2026.1.2 and 2026.1.2-rc1')).toEqual([]);
    expect(dates('build 2026.13.40')).toEqual([]);
  });
});

describe('spans of time', () => {
  it('every span in a line, in order', () => {
    expect(findDurations('p99 up to 12초, search slow for 45분 동안').map((d) => d.text)).toEqual(['12초', '45분']);
  });
});
