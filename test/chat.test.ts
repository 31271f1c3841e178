import { describe, expect, it } from 'vitest';
import { chatMessages } from '../src/pipeline/chat.ts';

/** The messages of a pasted chat, as [date, time, author, text, first line, line of the text]. */
function read(text: string) {
  return chatMessages(text.split('\n')).map((m) => [m.date, m.time, m.author, m.text, m.line, m.textLine]);
}

describe('chat exports and pastes: every form gives time, author, day and text', () => {
  it('time first, in brackets, with the day written once per message', () => {
    expect(read('[2026-07-03 09:14] alice: db is slow\n[2026-07-03 09:20] bob: on it\n[2026-07-03 09:31] alice: fixed')).toEqual([
      ['2026-07-03', '09:14', 'alice', 'db is slow', 1, 1],
      ['2026-07-03', '09:20', 'bob', 'on it', 2, 2],
      ['2026-07-03', '09:31', 'alice', 'fixed', 3, 3],
    ]);
  });

  it('WhatsApp: a dotted day, a comma, a dash before the author', () => {
    expect(read('03.07.2026, 09:14 - Alice: down\n03.07.2026, 09:15 - Bob: looking\n03.07.2026, 09:40 - Alice: back').map((m) => m.slice(0, 3))).toEqual([
      ['2026-07-03', '09:14', 'Alice'],
      ['2026-07-03', '09:15', 'Bob'],
      ['2026-07-03', '09:40', 'Alice'],
    ]);
  });

  it('WhatsApp in the US: a 12-hour clock, and a slashed day whose order one day above 12 tells', () => {
    const us = read('11/9/26, 11:58 PM - Marco: down\n11/10/26, 12:05 AM - Lena: on it\n11/14/26, 12:30 PM - Marco: back');
    expect(us.map((m) => m.slice(0, 2))).toEqual([
      ['2026-11-09', '23:58'],
      ['2026-11-10', '00:05'],
      ['2026-11-14', '12:30'],
    ]);
    // The same days written day first.
    expect(read('9/11/26, 23:58 - Marco: down\n10/11/26, 00:05 - Lena: on it\n14/11/26, 12:30 - Marco: back').map((m) => m[0])).toEqual(['2026-11-09', '2026-11-10', '2026-11-14']);
    // 3/4/26 alone could be either: no day is guessed.
    expect(read('3/4/26, 9:00 AM - A: x\n3/4/26, 9:05 AM - B: y\n3/4/26, 9:10 AM - A: z').map((m) => m[0])).toEqual([undefined, undefined, undefined]);
  });

  it('KakaoTalk: the phone form (day, 오후 before the clock) and the computer form (author first), with a day line', () => {
    expect(read('2026년 4월 2일 오후 2:07, 김민수 : 장애 발생\n2026년 4월 2일 오후 2:10, 이서연 : 확인 중\n2026년 4월 2일 오전 12:15, 김민수 : 복구').map((m) => m.slice(0, 4))).toEqual([
      ['2026-04-02', '14:07', '김민수', '장애 발생'],
      ['2026-04-02', '14:10', '이서연', '확인 중'],
      ['2026-04-02', '00:15', '김민수', '복구'],
    ]);
    const pc = read('--------------- 2026년 8월 20일 목요일 ---------------\n[박지훈] [오후 2:07] 응답 지연\n[최유나] [오후 2:09] 확인\n[박지훈] [오전 9:34] 복구 완료');
    expect(pc).toEqual([
      ['2026-08-20', '14:07', '박지훈', '응답 지연', 2, 2],
      ['2026-08-20', '14:09', '최유나', '확인', 3, 3],
      ['2026-08-20', '09:34', '박지훈', '복구 완료', 4, 4],
    ]);
  });

  it('KakaoTalk on iOS: a dotted day with spaces', () => {
    expect(read('2026. 9. 3. 오후 3:02, 정다은 : 결제 실패\n2026. 9. 3. 오후 3:05, 한승우 : 확인\n2026. 9. 4. 오전 9:00, 정다은 : 복구').map((m) => m.slice(0, 3))).toEqual([
      ['2026-09-03', '15:02', '정다은'],
      ['2026-09-03', '15:05', '한승우'],
      ['2026-09-04', '09:00', '정다은'],
    ]);
  });

  it('Teams: the time in brackets, then the name, the text below', () => {
    expect(read('[9:14 AM] Anna Petrova\nexport failed\n\n[9:16 AM] Jonas Weber\nlooking\n\n[1:05 PM] Anna Petrova\nok').map((m) => m.slice(1, 6))).toEqual([
      ['09:14', 'Anna Petrova', 'export failed', 1, 2],
      ['09:16', 'Jonas Weber', 'looking', 4, 5],
      ['13:05', 'Anna Petrova', 'ok', 7, 8],
    ]);
  });

  it('Telegram Desktop: a header of name and time, the text on the lines below it', () => {
    const text = ['Сергей Волков, [03.09.2026 10:14]', 'воркер завис', '', 'Анна Кузнецова, [03.09.2026 10:16]', '1. проверь статус', '2. перезапусти', '', 'Сергей Волков, [03.09.2026 10:20]', 'сработало'].join('\n');
    expect(read(text)).toEqual([
      ['2026-09-03', '10:14', 'Сергей Волков', 'воркер завис', 1, 2],
      ['2026-09-03', '10:16', 'Анна Кузнецова', '1. проверь статус', 4, 5],
      ['2026-09-03', '10:20', 'Сергей Волков', 'сработало', 8, 9],
    ]);
    expect(chatMessages(text.split('\n'))[1]!.endLine).toBe(6);
  });

  it('Slack and Discord copies: a name with a 12-hour time, or a name, a dash and the day', () => {
    expect(read('Priya Raman  9:02 AM\nsearch is timing out\n\nTom Becker  9:05 AM\np99 is 8s\n\nPriya Raman  12:31 PM\nresolved').map((m) => m.slice(1, 4))).toEqual([
      ['09:02', 'Priya Raman', 'search is timing out'],
      ['09:05', 'Tom Becker', 'p99 is 8s'],
      ['12:31', 'Priya Raman', 'resolved'],
    ]);
    expect(read('anna — 05/14/2026 9:14 AM\nqueue is stuck\nbob — 05/14/2026 9:20 AM\nrestarting\nanna — 05/14/2026 9:30 AM\nok').map((m) => m.slice(0, 3))).toEqual([
      ['2026-05-14', '09:14', 'anna'],
      ['2026-05-14', '09:20', 'bob'],
      ['2026-05-14', '09:30', 'anna'],
    ]);
    // Copied the same day: "Today at", "Yesterday at" (no date to read), also in Korean.
    expect(read('Sam — Yesterday at 11:58 PM\ncheckout is down\nPriya — Today at 12:04 AM\nrolling back\n김민수 — 오늘 오전 12:10\n복구됐어요').map((m) => m.slice(0, 3))).toEqual([
      [undefined, '23:58', 'Sam'],
      [undefined, '00:04', 'Priya'],
      [undefined, '00:10', '김민수'],
    ]);
  });
});

describe('logs and copies with the author as a handle or a bare name', () => {
  it('IRC: the time, then the nick in angle brackets; "root cause:" inside the text is no author', () => {
    expect(read('[14:02] <dmitri> api is slow\n[14:09] <kate> root cause: the client caches the primary\n14:11 <@dmitri> restarted').map((m) => m.slice(1, 4))).toEqual([
      ['14:02', 'dmitri', 'api is slow'],
      ['14:09', 'kate', 'root cause: the client caches the primary'],
      ['14:11', 'dmitri', 'restarted'],
    ]);
  });

  it('Slack on a 24-hour clock, in Korean, and Google Chat: a person\'s name over the text', () => {
    expect(read('Иван Петров  10:42\nу нас 500-ки\n\nМария Соколова  10:44\nвижу\n\nИван Петров  10:51\nпричина найдена').map((m) => m.slice(1, 4))).toEqual([
      ['10:42', 'Иван Петров', 'у нас 500-ки'],
      ['10:44', 'Мария Соколова', 'вижу'],
      ['10:51', 'Иван Петров', 'причина найдена'],
    ]);
    expect(read('김민수  오후 2:03\n타임아웃\n\n이지은  오후 2:05\n확인\n\n김민수  오후 2:08\n롤백').map((m) => m.slice(1, 3))).toEqual([
      ['14:03', '김민수'],
      ['14:05', '이지은'],
      ['14:08', '김민수'],
    ]);
    expect(read('Anna Petrova, 10:42 AM\n502s\n\nTom Reed, 10:44 AM\nlooking\n\nAnna Petrova, 1:05 PM\nfixed').map((m) => m.slice(1, 3))).toEqual([
      ['10:42', 'Anna Petrova'],
      ['10:44', 'Tom Reed'],
      ['13:05', 'Anna Petrova'],
    ]);
  });
});

describe('what is not a chat', () => {
  it('timeline lines of an event and a 24-hour time: an event is no person\'s name', () => {
    expect(read('Rollback 10:50\nDeploy 10:02\nAlert fired 10:10\nResolved 11:00')).toEqual([]);
  });

  it('a timeline list with a dash and a clock time', () => {
    expect(read('## Timeline\n- Rollback — 14:47\n- Deploy — 14:02\n- Alert fired — 14:10\n- Resolved — 15:00')).toEqual([]);
  });

  it('timeline lines that start with a time and a zone', () => {
    expect(read('14:02 UTC: config push\n14:10 UTC: alert fires\n14:47 UTC: rollback\n15:00 UTC: resolved')).toEqual([]);
  });

  it('a postmortem with a few message-like lines among its prose', () => {
    const note = ['# Postmortem', '', 'The queue stalled for an hour.', '', '[10:01] alice: it is down', '', 'We found the cause in the config.', 'The fix was a rollback.', '', 'Lessons: test configs.', 'More prose here.', '[10:30] bob: back', '[10:40] alice: closing'];
    expect(read(note.join('\n'))).toEqual([]);
  });
});
