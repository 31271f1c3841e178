import { describe, expect, it } from 'vitest';
import { spokenCommands } from '../src/pipeline/shell.ts';
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

describe('dates with slashes', () => {
  it('a day over 12 says which is the day; otherwise the month comes first, as slashes are written in the US', () => {
    expect(findDates('09/27/2022, 31/03/2026, 09/07/2022, 3/4/2026').map((d) => d.date)).toEqual(['2022-09-27', '2026-03-31', '2022-09-07', '2026-03-04']);
    expect(findDates('11/03/202, 1/2, 10/20')).toEqual([]);
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

describe('clock times written other ways', () => {
  const times = (text: string) => findTimes(text).map((t) => t.text);

  it('a bare Korean hour after an evening one is in the evening', () => {
    expect(times('밤 10시 5분쯤 시작, 10시 20분에 알게 됐고 10시 31분에 복구')).toEqual(['22:05', '22:20', '22:31']);
  });

  it('reads a dot after a preposition or before am/pm, and an hour with am/pm', () => {
    expect(times('at 8.40 pm the primary failed, в 20.40 упал, around 8 pm, at 8:05 pm')).toEqual(['8:40 PM', '20:40', '8:00 PM', '8:05 PM']);
  });

  it('reads times said in words, as speech is transcribed, and writes an hour without am/pm as said', () => {
    expect(times('at like eight forty, by eight fifty five, at ten oh five, around five pm, в девять сорок')).toEqual(['8:40', '8:55', '10:05', '5:00 PM', '9:40']);
  });

  it('reads Russian hours as spoken: a half, a quarter or minutes to, an hour with «час», and the half of the day when said', () => {
    expect(times('с двух часов, без десяти два, до половины третьего, в полпятого')).toEqual(['2:00', '1:50', '2:30', '4:30']);
    expect(times('в районе пяти вечера, в девять утра, в час ночи, до трёх часов дня')).toEqual(['17:00', '09:00', '01:00', '15:00']);
  });

  it('a Russian number of things, or a deadline\'s day and month, is no time', () => {
    expect(times('в пять серверов, через час, три дня подряд, до 20.11')).toEqual([]);
  });

  it('a version, a number or a word for one is no time', () => {
    expect(times('version 2.19 shipped, в 2.19.0, up 3.14 percent, at one point, at 99.95')).toEqual([]);
  });
});

describe('spokenCommands: commands said verbatim in a sentence of speech', () => {
  it('takes the tool and the words that read as its arguments, through a pipe, up to a comma or full stop', () => {
    expect(spokenCommands('сначала заходишь на сервер и смотришь df -h, какой раздел забит.')).toEqual(['df -h']);
    expect(spokenCommands('потом смотришь, какие файлы самые большие, du -sh /var/log/* | sort -h.')).toEqual(['du -sh /var/log/* | sort -h']);
    expect(spokenCommands('then sudo systemctl restart nginx and wait')).toEqual(['sudo systemctl restart nginx']);
  });
  it('takes a flag\'s value said after it, then the subcommand and what it acts on ("kubectl -n payments get pods 해서")', () => {
    expect(spokenCommands('올라가고 있으면 kubectl -n payments get pods 해서 워커 파드가 살아 있는지 보세요.')).toEqual(['kubectl -n payments get pods']);
    expect(spokenCommands('그게 아니면 kubectl -n payments rollout restart deploy/payment-worker 로 재시작하시면 됩니다.')).toEqual(['kubectl -n payments rollout restart deploy/payment-worker']);
    expect(spokenCommands('you run kubectl --namespace ledger describe pod ledger-0 and look at the events')).toEqual(['kubectl --namespace ledger describe pod ledger-0']);
    expect(spokenCommands('run free -m you see the numbers')).toEqual(['free -m']);
  });
  it('names no command where the tool is followed by words ("you run psql against the replica")', () => {
    expect(spokenCommands('so you run psql against the replica and select from pg_stat_activity')).toEqual([]);
    expect(spokenCommands('I tail the logs every morning')).toEqual([]);
  });
});

describe('Russian hours said with the half of the day', () => {
  it('«вечера», «ночи» after a half hour, a quarter to or the minutes make a 24-hour time', () => {
    const times = (text: string) => findTimes(text).map((t) => t.text);
    expect(times('в половине десятого вечера упал')).toEqual(['21:30']);
    expect(times('без четверти десять вечера')).toEqual(['21:45']);
    expect(times('в десять пятнадцать вечера')).toEqual(['22:15']);
    expect(times('в половине одиннадцатого ночи')).toEqual(['22:30']);
    expect(times('в три ночи')).toEqual(['03:00']);
    expect(times('в половине третьего')).toEqual(['2:30']);
  });
});

describe('minutes said against the hour', () => {
  it('"quarter past three" is 3:15, "twenty to four" 3:40, "a quarter to nine pm" 8:45 PM, «четверть четвёртого» 3:15; "ten to fifteen minutes" is none', async () => {
    const { findTimes } = await import('../src/pipeline/extract/values.ts');
    const said = (text: string) => findTimes(text).map((t) => t.text);
    expect(said('at like quarter past three')).toEqual(['3:15']);
    expect(said('at twenty to four')).toEqual(['3:40']);
    expect(said('at a quarter to nine pm')).toEqual(['8:45 PM']);
    expect(said('в десять минут четвёртого')).toEqual(['3:10']);
    expect(said('в четверть четвёртого')).toEqual(['3:15']);
    expect(said('I waited ten to fifteen minutes')).toEqual([]);
  });
});
