import { describe, expect, it } from 'vitest';
import { findDates, findDurations, findTimes } from '../src/pipeline/extract/values.ts';

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

describe('clock times said in Korean', () => {
  const times = (text: string) => findTimes(text).map((t) => t.text);

  it('reads the hour and minute words, the half of the day, and half past', () => {
    expect(times('오후 3시 10분쯤부터 느려졌고 알람은 3시 25분에 왔어요')).toEqual(['15:10', '15:25']);
    expect(times('새벽 2시에 배포했고 오전 9시 5분에 복구, 밤 11시 반에 종료')).toEqual(['02:00', '09:05', '23:30']);
    expect(times('9시 40분, 14:02 그리고 12시')).toEqual(['09:40', '14:02', '12:00']);
  });

  it('a span in hours is no time of day', () => {
    expect(times('복구에 3시간 걸렸고 2시간 30분 동안 지연')).toEqual([]);
  });
});
