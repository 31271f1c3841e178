import { describe, expect, it } from 'vitest';
import { classify, classifyChat, classifySpeech } from '../src/pipeline/classify.ts';
import { findNoise } from '../src/pipeline/noise.ts';
import { codeLineSet, outline } from '../src/pipeline/outline.ts';
import { parse } from '../src/pipeline/parse.ts';
import { templateTitle } from '../src/pipeline/templates.ts';
import { segment } from '../src/pipeline/segment.ts';
import { looksSpoken } from '../src/pipeline/source.ts';

/** Kind of a note with this title and body, through parse → noise → outline → segment. */
function kindOf(title: string, body: string): { kind: string; reason: string } {
  const parsed = parse(title ? `# ${title}\n\n${body}\n` : `${body}\n`);
  const noise = findNoise(parsed.lines, parsed.bodyStartLine, codeLineSet(parsed.tree));
  const candidates = segment(parsed, noise, outline(parsed, noise), 'note.md');
  return candidates[0]!.classification;
}

describe('classify', () => {
  it('a title that names its kind decides', () => {
    expect(classify({ title: 'Postmortem — API outage', parts: [], text: '' }).kind).toBe('incident');
    expect(classify({ title: 'ADR-003: Use gRPC', parts: [], text: '' }).kind).toBe('adr');
    expect(classify({ title: 'Runbook: restart Kafka', parts: [], text: '' }).kind).toBe('runbook');
    expect(classify({ title: 'Постмортем: выгрузка заказов стояла всю ночь', parts: [], text: '' }).kind).toBe('incident');
    expect(classify({ title: '장애 보고서: 결제 승인 지연', parts: [], text: '' }).kind).toBe('incident');
  });

  it('reads the kind from the template sections, in English, Russian and Korean', () => {
    expect(kindOf('Сбой оплаты', '**Причина:** истёк сертификат.\n\n**Влияние:** 40 минут простоя.\n\n## Хронология\n\n- 09:12 алерт\n- 09:20 откат\n- 09:41 перезапуск').kind).toBe('incident');
    expect(kindOf('Restart the queue', 'Symptoms: backlog grows.\n\n1. Check the consumer\n\n```bash\nsystemctl restart worker\n```\n\nEscalation: page SRE').kind).toBe('runbook');
    expect(kindOf('Storage choice', '## Context\n\nWe need a store.\n\n## Decision\n\nWe use Postgres.\n\n## Consequences\n\n- migrations').kind).toBe('adr');
    expect(kindOf('Переход на Kafka', '## Статус\n\nпринято\n\n## Контекст\n\nОчереди растут.\n\n## Решение\n\nKafka.\n\n## Последствия\n\n- перезапуск консьюмеров при деплое').kind).toBe('adr');
    expect(kindOf('결제 DB 커넥션 고갈', '## 언제 사용하나\n\n- 알림\n\n## 조치 절차\n\n1. 확인한다\n   ```bash\n   psql -c "SELECT 1"\n   ```\n2. 재시작한다').kind).toBe('runbook');
  });

  it('a postmortem whose timeline tells of rollbacks and restarts is still an incident', () => {
    const body = '## Кратко\n\nЗаказы не выгружались.\n\n## Хронология\n\n- 18:20 — релиз\n- 21:30 — откат на 2.6.4\n- 22:00 — перезапуск консьюмера\n\n## Причина\n\nНевалидный XML.';
    expect(kindOf('Выгрузка заказов стояла', body).kind).toBe('incident');
  });

  it('small talk, a greeting or a Whisper artefact is none, with the reason', () => {
    for (const text of ['Продолжение следует...', 'Привет! Как дела? Созвонимся завтра.', 'Thanks for watching!']) {
      const result = kindOf('', text);
      expect(result.kind).toBe('none');
      expect(result.reason).toMatch(/threshold/);
    }
  });
});

describe('classify speech and chat', () => {
  it('a voice note that tells of an outage is an incident; small talk with incident words is not', () => {
    expect(classifySpeech('вчера в 14:30 начал отставать сервис, алерт прилетел в 15:10, причина в конфиге, откатили к 16:40').kind).toBe('incident');
    expect(classifySpeech('на работе тихо ни одного инцидента за неделю даже деплой в пятницу прошёл нормально').kind).toBe('none');
  });

  it('an incident channel is an incident; a meeting-scheduling thread is not', () => {
    expect(classifyChat('alice: declaring an incident, I\'m IC. sev2\nbob: error rate back to baseline, marking mitigated').kind).toBe('incident');
    expect(classifyChat('lena: can we do the postmortem review on Thursday?\nrafael: 15:30 ok\nbartek: reminder: deploy freeze starts Friday').kind).toBe('none');
  });
});

describe('what an assistant says around its answer', () => {
  const noiseOf = (text: string) => {
    const lines = text.split('\n');
    return [...findNoise(lines).noiseLines.entries()].sort((a, b) => a[0] - b[0]);
  };

  it('its lead-in as the first line and its offer as the last are noise, in English, Russian and Korean', () => {
    expect(noiseOf("Sure! Here's a short summary of the incident:\n\nThe API was down.\n\nLet me know if you'd like a full postmortem.")).toEqual([
      [1, 'assistant-opener'],
      [5, 'assistant-closer'],
    ]);
    expect(noiseOf('Конечно! Вот краткое резюме:\nБаза упала.\nЕсли хотите, могу оформить это как постмортем.')).toEqual([
      [1, 'assistant-opener'],
      [3, 'assistant-closer'],
    ]);
    expect(noiseOf('물론입니다! 요약은 다음과 같습니다:\nDB 장애\n필요하시면 포스트모템 형식으로 정리해 드릴게요.')).toEqual([
      [1, 'assistant-opener'],
      [3, 'assistant-closer'],
    ]);
  });

  it('an author\'s own first and last lines stay, however they start', () => {
    expect(noiseOf('Sure, the fix worked.\nThe API was down.\nIf you want to roll back, run deploy --previous.')).toEqual([]);
    expect(noiseOf('Итоги:\nБаза упала.\nЕсли хотите повторить, запустите make test.')).toEqual([]);
    // The same lead-in in the middle of a note is the author's words.
    expect(noiseOf('The API was down.\nSure! Here is the timeline:\n- 10:00 down\nThe end.')).toEqual([]);
  });
});

describe('a transcript pasted without a header', () => {
  const run = 'ok so the login service went down at seven forty and we got paged it turned out the session store ran out of memory because the eviction policy was wrong after the migration so we changed it and restarted the pods and everything was back by eight twenty what we need to do is add a memory alert';

  it('is speech when it has no punctuation, or the fillers of talk', () => {
    expect(looksSpoken(parse(run))).toBe(true);
    expect(looksSpoken(parse('Ну короче, вчера упал импорт. Ну, значит, мы посмотрели логи. Там было видно, что воркер не стартует после релиза. Мы откатили релиз, и всё заработало. Надо будет добавить проверку на старт воркера в пайплайн, и алерт на отставание очереди импорта.'))).toBe(true);
  });

  it('is a written note when it is punctuated prose, or has any structure', () => {
    const prose = 'The login service went down at 07:40. We were paged at 07:52. The session store had run out of memory: the eviction policy was wrong after the migration. We changed it and restarted the pods. Everything was back by 08:20. Next, we will add a memory alert and keep the Redis config in Terraform so that it does not drift.';
    expect(looksSpoken(parse(prose))).toBe(false);
    expect(looksSpoken(parse(`${run}\n\n- add a memory alert`))).toBe(false);
    expect(looksSpoken(parse(`# Login outage\n\n${run}`))).toBe(false);
  });
});

describe('a template\'s own title', () => {
  it('is one that says so at its head or is only placeholders, not a topic that names templates', () => {
    expect(['Runbook Template', 'Runbook Template: [Alert Name]', 'Шаблон постмортема', 'Alert: [AlertName]', '{short title, representative}', '<Service Name> — <Alert Name>'].map(templateTitle)).toEqual([true, true, true, true, true, true]);
    expect(['Email template service outage', 'ADR-12: Use [gRPC] for internal calls', 'Checkout errors after SDK upgrade'].map(templateTitle)).toEqual([false, false, false]);
  });

  it('what redaction left ("[REDACTED:private-key]" on every line of a key) is no placeholder of a template', () => {
    const text = '1. Run this:\n\n```\n-----BEGIN OPENSSH PRIVATE KEY-----\n' + '[REDACTED:private-key]\n'.repeat(6) + '-----END OPENSSH PRIVATE KEY-----\n```\n\n2. Check the logs.\n';
    expect(classify({ title: 'Runbook: restore the bastion', parts: [], text }).kind).toBe('runbook');
  });
});

describe('a thread posted in numbered parts', () => {
  const cleaned = (text: string) => [...findNoise(text.split('\n')).cleanedLines.entries()];
  it('drops the part numbers "1/ … 2/ … 3/" and "1/3 … 2/3 … 3/3", counted up from 1', () => {
    expect(cleaned('1/ Yesterday we had an outage.\n\n2/ At 13:05 a cert rotated.\n\n3/ Next steps: a check.')).toEqual([
      [1, 'Yesterday we had an outage.'],
      [3, 'At 13:05 a cert rotated.'],
      [5, 'Next steps: a check.'],
    ]);
    expect(cleaned('1/3 first\n2/3 second\n3/3 third').map(([, line]) => line)).toEqual(['first', 'second', 'third']);
  });

  it('leaves dates and fractions alone: "11/25 deploy", parts out of order, two parts only', () => {
    expect(cleaned('11/25 deploy\n11/26 rollback\n11/27 review')).toEqual([]);
    expect(cleaned('1/ one\n3/ three\n2/ two')).toEqual([]);
    expect(cleaned('1/ one\n2/ two')).toEqual([]);
    expect(cleaned('1/3 first\n2/5 second\n3/3 third')).toEqual([]);
  });
});
