import matter from 'gray-matter';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFollowUp } from '../src/pipeline/extract/items.ts';
import { ingest, type IngestReport } from '../src/pipeline/run.ts';
import { tempProject } from './helpers/project.ts';

/**
 * What the offline extractor makes of the five seeds (facts from ../shared/seeds/README.md) and of
 * four more realistic notes in test/fixtures/notes, checked on the generated content.
 */
const FIXTURES = new URL('./fixtures/notes/', import.meta.url);

type Doc = { collection: string; slug: string; data: Record<string, any>; body: string; raw: string };
let docs: Doc[] = [];
let sources = new Map<string, { data: Record<string, any>; lines: string[] }>();
let report: IngestReport;

beforeAll(async () => {
  const extra: Record<string, string> = {};
  for (const name of await readdir(FIXTURES)) extra[name] = await readFile(new URL(name, FIXTURES), 'utf8');
  const project = await tempProject(extra);
  report = await ingest({ inboxDir: project.inbox, contentDir: project.content });
  for (const collection of ['incidents', 'adrs', 'runbooks']) {
    for (const file of await readdir(path.join(project.content, collection)).catch(() => [] as string[])) {
      const raw = await readFile(path.join(project.content, collection, file), 'utf8');
      const parsed = matter(raw, {});
      docs.push({ collection, slug: file.replace(/\.mdx$/, ''), data: parsed.data, body: parsed.content, raw });
    }
  }
  for (const file of await readdir(path.join(project.content, 'sources'))) {
    const parsed = matter(await readFile(path.join(project.content, 'sources', file), 'utf8'), {});
    sources.set(parsed.data.id as string, { data: parsed.data, lines: parsed.content.split('\n') });
  }
});

const from = (sourceId: string) => docs.filter((d) => d.data.sources.includes(sourceId));
const one = (sourceId: string, collection: string) => {
  const found = from(sourceId).filter((d) => d.collection === collection);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const texts = (items: Array<{ text: string }>) => items.map((i) => i.text).join(' | ');

describe('seed 000: a voice note about an incident article', () => {
  it('is one draft incident about the article it names, with the Substack title it asks for', () => {
    expect(from('000_7ab448249b043be4')).toHaveLength(1);
    const incident = one('000_7ab448249b043be4', 'incidents');
    expect(incident.data.title.text).toBe('Course Management Production Incident Report');
    expect(incident.data.article.title.text).toBe('How I dropped our production database and now pay 10% more for AWS');
    expect(incident.data.draft).toBe(true);
    expect(incident.data.missing).toContain('rootCause');
    expect(sources.get('000_7ab448249b043be4')!.data.kind).toBe('transcript');
  });

  it('resolves "в четверг" against the note date (Saturday 2026-02-28) and marks it inferred', () => {
    const { date } = one('000_7ab448249b043be4', 'incidents').data;
    expect(date).toMatchObject({ text: '2026-02-26', inferred: true });
  });

  it('quotes the main facts: the dropped database, 2.5 years of submissions, fully operational again', () => {
    const d = one('000_7ab448249b043be4', 'incidents').data;
    expect(d.trigger.text).toMatch(/дропнул базу данных/);
    expect(d.impact.text).toMatch(/два с половиной года/);
    expect(d.status).toBe('resolved');
    expect(d.resolution.text).toMatch(/fully operational/);
    expect(d.entities).toContain('Terraform');
  });

  it('keeps the lessons: over-reliance on agents and backups, permissions off, the blame is the author’s', () => {
    const lessons = texts(one('000_7ab448249b043be4', 'incidents').data.lessons);
    expect(lessons).toMatch(/over reliance on agents/);
    expect(lessons).toMatch(/over reliance on\s+existing backups/);
    expect(lessons).toMatch(/permission отключил/);
    expect(lessons).toMatch(/вина была моя/);
  });

  it('turns the editorial feedback into a checklist', () => {
    const notes = one('000_7ab448249b043be4', 'incidents').data.article.notes as Array<{ text: string; done: boolean }>;
    const all = texts(notes);
    expect(all).toMatch(/имя файла оставляй/);
    expect(all).toMatch(/сделай введение/);
    expect(all).toMatch(/таймлайн.*не очень нужна/i);
    expect(all).toMatch(/resolution нужно раньше/);
    expect(all).toMatch(/2 миллиона Это не совсем правильно/);
    expect(notes.every((n) => n.done === false)).toBe(true);
  });
});

describe('seed 001: an AI summary page with three documents', () => {
  it('yields one incident, one ADR and one runbook', () => {
    expect(from('001_02effc8245830ce7').map((d) => d.collection).sort()).toEqual(['adrs', 'incidents', 'runbooks']);
  });

  it('incident: impact, root cause, the ordered timeline, three follow-ups', () => {
    const d = one('001_02effc8245830ce7', 'incidents').data;
    expect(d.date.text).toBe('2026-05-12');
    expect(d.impact.text).toMatch(/45 minutes of 5xx errors.*checkout was blocked/);
    expect(d.rootCause.text).toMatch(/DB connection per request outside the shared pool/);
    expect(d.timeline.map((t: { time: string; event: string }) => [t.time, t.event])).toEqual([
      ['14:02', 'deploy'],
      ['14:10', 'pool saturated'],
      ['', 'API timeouts'],
      ['14:47', 'rollback'],
      ['14:55', 'recovery'],
    ]);
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual([
      'Add a connection-count alert at 80% of max',
      'Lint rule to forbid ad-hoc connections outside the pool',
      'Load-test new endpoints before release',
    ]);
    expect(d.resolution.text).toMatch(/rollback/);
    expect(d.status).toBe('resolved');
  });

  it('ADR-014: Postgres chosen, MongoDB and DynamoDB rejected with reasons, consequences both ways', () => {
    const d = one('001_02effc8245830ce7', 'adrs').data;
    expect(d.number).toBe('ADR-014');
    // The page never states a status: none is invented.
    expect(d.status).toBe('unknown');
    expect(d.decision.text).toMatch(/managed Postgres/);
    const options = Object.fromEntries(d.options.map((o: { name: string; chosen: boolean; reasons?: string }) => [o.name, o]));
    expect(options.Postgres.chosen).toBe(true);
    expect(options.MongoDB).toMatchObject({ chosen: false, reasons: 'Needs transactions and joins' });
    expect(options.DynamoDB.reasons).toMatch(/lock-in/);
    expect(texts(d.consequences.positive)).toMatch(/Strong consistency/);
    expect(texts(d.consequences.negative)).toMatch(/Alembic/);
  });

  it('runbook: roll back a bad deploy, with the schema-change warning', () => {
    const d = one('001_02effc8245830ce7', 'runbooks').data;
    expect(d.title.text).toBe('Roll Back a Bad Deploy');
    expect(texts(d.warnings)).toMatch(/schema changed.*check the migration first/);
  });

  it('keeps UI chrome out of every document and cites the upstream file as the origin', () => {
    for (const doc of from('001_02effc8245830ce7')) {
      expect(doc.raw).not.toMatch(/신뢰도|AI 생성|출처 클릭|Sections at a glance|Document Sections|Postmortem1|Incidents & Decisions\.md/);
    }
    expect(sources.get('001_02effc8245830ce7')!.data).toMatchObject({ origin: 'Engineering — Incidents & Decisions.md', kind: 'ai-summary' });
  });
});

describe('seed 002: a chat answer in Mac Roman mojibake', () => {
  it('is one runbook whose six workflow steps keep their commands verbatim', () => {
    expect(from('002_2fbae3e64fae2845')).toHaveLength(1);
    const d = one('002_2fbae3e64fae2845', 'runbooks').data;
    expect(d.title.text).toBe('Зачем сохранять логи перед деплоем?');
    expect(d.steps).toHaveLength(6);
    expect(d.steps[0].text).toMatch(/^Backup текущего состояния/);
    expect(d.steps[0].commands[0]).toContain('./scripts/backup_logs.sh --service=all --archive');
    expect(d.steps[1].commands[0]).toBe('docker-compose down\ndocker-compose pull\ndocker-compose up -d');
    expect(d.steps[3].commands[0]).toContain('diff logs/analysis/stats/health_before_deploy.txt \\\n');
    expect(d.summary.text).toMatch(/Чтобы сравнить как работало приложение ДО и ПОСЛЕ деплоя/);
  });

  it('drops the chat artefact "> /init"', () => {
    expect(one('002_2fbae3e64fae2845', 'runbooks').raw).not.toContain('/init');
    expect(sources.get('002_2fbae3e64fae2845')!.data.kind).toBe('chat');
  });
});

describe('seed 003: a production readiness report in Mac Roman mojibake', () => {
  it('is one runbook of the remaining launch steps, with their commands', () => {
    const d = one('003_a66d0145ec56ad7f', 'runbooks').data;
    const steps = texts(d.steps);
    for (const step of [/бэкапы/, /Prometheus\/Grafana/, /Alertmanager/, /переменные окружения/, /Leaked Password Protection/]) expect(steps).toMatch(step);
    expect(d.steps[0].commands[0]).toMatch(/^crontab -e/);
    expect(sources.get('003_a66d0145ec56ad7f')!.data.kind).toBe('report');
  });
});

describe('seed 004: emergency runbooks for one service', () => {
  const titles = ['Недоступность базы данных', 'Потеря данных в базе данных', 'Недоступность API сервера', 'Переполнение диска', 'Утечка секретов/компрометация', 'Потеря S3 данных'];

  it('yields exactly the six scenario runbooks', () => {
    expect(from('004_cdf916e43205be19').map((d) => d.data.title.text).sort()).toEqual([...titles].sort());
  });

  it('each has symptoms, steps with commands, escalation, recovery time, and the shared RTO/RPO and service', () => {
    for (const doc of from('004_cdf916e43205be19')) {
      const d = doc.data;
      expect(d.symptoms.length, d.title.text).toBeGreaterThan(0);
      expect(d.steps.length, d.title.text).toBeGreaterThanOrEqual(3);
      expect(d.steps.some((s: { commands: string[] }) => s.commands.length > 0), d.title.text).toBe(true);
      // Two scenarios give no escalation in the source; nothing is invented for them.
      if (!['Переполнение диска', 'Потеря S3 данных'].includes(d.title.text)) expect(d.escalation.length, d.title.text).toBeGreaterThan(0);
      else expect(d.escalation).toEqual([]);
      expect(d.recoveryTime?.text, d.title.text).toBeTruthy();
      expect(d.rto.text).toBe('4 часа');
      expect(d.rpo.text).toMatch(/^24 часа/);
      expect(d.service.text).toBe('Ringo Uchet');
      expect(d.steps.map((s: { text: string }) => s.text)).not.toContain('Эскалация');
    }
    const database = from('004_cdf916e43205be19').find((d) => d.data.title.text === 'Недоступность базы данных')!.data;
    expect(database.alerts.map((a: { name: string }) => a.name)).toEqual(['DatabaseDown']);
    expect(database.steps[0].commands[0]).toContain('psql -h $DB_HOST -p $DB_PORT -U $DB_USER -d $DB_NAME -c "SELECT 1;"');
  });

  it('publishes no placeholder contact as a contact and leaves placeholders unredacted in the source', () => {
    for (const doc of from('004_cdf916e43205be19')) expect(doc.raw).not.toMatch(/\[ТЕЛЕФОН\]|\[EMAIL\]/);
    expect(sources.get('004_cdf916e43205be19')!.lines.join('\n')).toContain('Lead DevOps: [ИМЯ] - [ТЕЛЕФОН] - [EMAIL]');
    expect(sources.get('004_cdf916e43205be19')!.data.redactions).toEqual([]);
  });
});

describe('more notes, so the extractor is not fitted to five files', () => {
  it('an English MADR-style ADR', () => {
    const d = one('adr-madr-event-bus', 'adrs').data;
    expect(d).toMatchObject({ number: 'ADR-0007', status: 'accepted', deciders: ['Maria Chen', 'Oleg Petrov', 'SRE guild'] });
    expect(d.context.text).toMatch(/shared Postgres table that is polled every second/);
    expect(d.decision.text).toMatch(/Kafka.*replayable log/);
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['Kafka', true],
      ['RabbitMQ', false],
      ['Keep polling the Postgres outbox table', false],
    ]);
    expect(d.consequences.positive).toHaveLength(2);
    expect(d.consequences.negative).toHaveLength(2);
  });

  it('a Russian postmortem with a timeline', () => {
    const d = one('postmortem-ru-payments', 'incidents').data;
    expect(d.date.text).toBe('2026-04-03');
    expect(d.duration.text).toBe('38 минут');
    expect(d.rootCause.text).toMatch(/истёк TLS-сертификат/);
    expect(d.timeline.map((t: { time: string }) => t.time)).toEqual(['09:12', '09:20', '09:41', '09:50']);
    expect(d.timeline[0].event).toBe('первые алерты PaymentErrorsHigh в Prometheus');
    expect(d.followUps.map((f: { status: string }) => f.status)).toEqual(['open', 'done']);
    expect(d.lessons).toHaveLength(2);
    expect(d.draft).toBe(false);
  });

  it('a runbook in plain text, commands pasted without a code fence', () => {
    const d = one('runbook-plain-redis', 'runbooks').data;
    expect(d.title.text).toBe('Redis is out of memory');
    expect(d.alerts.map((a: { name: string }) => a.name)).toEqual(['RedisMemoryHigh']);
    expect(d.steps.map((s: { text: string; commands: string[] }) => [s.text, s.commands])).toEqual([
      ['Check memory usage', ['redis-cli -h $REDIS_HOST info memory']],
      ['Find the biggest keys', ['redis-cli -h $REDIS_HOST --bigkeys']],
      ['Flush the expired session keys', ["redis-cli -h $REDIS_HOST --scan --pattern 'sess:*' | xargs -n 100 redis-cli -h $REDIS_HOST unlink"]],
    ]);
    expect(d.recoveryTime.text).toBe('15 minutes');
    expect(texts(d.warnings)).toMatch(/never run FLUSHALL/);
  });
});

describe('notes in forms the rules were not written from', () => {
  it('an English postmortem with other section names: customer impact, what caused it, next steps', () => {
    const d = one('postmortem-en-sso-login', 'incidents').data;
    expect(d).toMatchObject({ severity: 'sev2', status: 'resolved', date: { text: '2026-03-03' } });
    expect(d.impact.text).toMatch(/12% of enterprise users/);
    expect(d.rootCause.text).toMatch(/metadata refresh job had been disabled/);
    expect(d.timeline.map((t: { time: string }) => t.time)).toEqual(['9:41 AM', '9:55 AM', '10:05 AM', '10:33 AM']);
    expect(d.followUps.map((f: { owner?: string; due?: string; status: string }) => [f.owner, f.due, f.status])).toEqual([
      ['@dana', '2026-03-10', 'open'],
      ['@li', undefined, 'done'],
      ['@omar', undefined, 'open'],
    ]);
  });

  it('a Russian runbook with «Признаки» and «Порядок действий», commands unfenced, escalation in a sentence', () => {
    const d = one('runbook-ru-mail-queue', 'runbooks').data;
    expect(d.service.text).toBe('mail-sender');
    expect(d.symptoms).toHaveLength(2);
    expect(d.steps.map((s: { commands: string[] }) => s.commands.length)).toEqual([1, 1, 1, 0]);
    expect(d.steps[1].commands[0]).toBe('journalctl -u mail-sender@1 --since "15 min ago" | grep -i error');
    expect(texts(d.escalation)).toMatch(/звонить дежурному руководителю/);
    expect(d.summary).toBeUndefined();
  });

  it('a Korean ADR: status translated, options with reasons, the chosen one from the decision', () => {
    const d = one('adr-ko-message-broker', 'adrs').data;
    expect(d).toMatchObject({ number: 'ADR-7', status: 'accepted', deciders: ['김민수', '이서연'] });
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['RabbitMQ', false],
      ['NATS JetStream', true],
      ['Kafka', false],
    ]);
    expect(texts(d.consequences.negative)).toMatch(/운영해야/);
  });

  it('a decision thread in a chat export is an ADR with its options, decision and decider', () => {
    const d = one('chat-en-queue-decision', 'adrs').data;
    expect(d.decision.text).toMatch(/^SQS for billing events/);
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['SQS', true],
      ['Redis streams', false],
    ]);
    expect(d.deciders).toEqual(['maya']);
    expect(d.status).toBe('unknown');
  });

  it('a handover with «Если …» situations gives one runbook per situation, each with the shared service, owner, RTO and escalation', () => {
    const runbooks = from('handover-ru-payments');
    expect(runbooks.map((d) => d.data.title.text).sort()).toEqual(['Если не проходят возвраты', 'Если растут таймауты к банку']);
    for (const { data } of runbooks) {
      expect(data).toMatchObject({ service: { text: 'pay-gw' }, rto: { text: '30 минут' } });
      expect(data.owner.text).toMatch(/Платежей/);
      expect(texts(data.escalation)).toMatch(/звонить руководителю/);
    }
  });

  it('a Russian voice memo: times, cause, fix, and follow-ups with the owner who took one', () => {
    const d = one('voice-ru-search', 'incidents').data;
    expect(d).toMatchObject({ started: { text: '13:05' }, status: 'resolved', date: { text: '2026-09-18', inferred: true } });
    expect(d.rootCause.text).toMatch(/после релиза 5\.2/);
    expect(d.resolution.text).toMatch(/переключением алиаса/);
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Дима', undefined]);
  });

  it('an AI summary with another tool\'s chrome: badges, buttons and the feedback line are dropped, the upstream file is the origin', () => {
    expect(from('ai-summary-en-uploads').map((d) => d.collection).sort()).toEqual(['incidents', 'runbooks']);
    for (const doc of from('ai-summary-en-uploads')) expect(doc.raw).not.toMatch(/ops-notes-2026\.md|Generated by AI|Helpful\?/);
    expect(sources.get('ai-summary-en-uploads')!.data.origin).toBe('ops-notes-2026.md');
    expect(one('ai-summary-en-uploads', 'runbooks').data.steps[1].commands).toEqual(['terraform apply -target=aws_iam_role_policy.uploader']);
  });

  it('an English voice memo: the corrected start time, the cause and fix by their openers, follow-ups by ordinals', () => {
    const d = one('voice-en-checkout-flag', 'incidents').data;
    expect(d.started.text).toBe('17:25');
    expect(d.resolved.text).toBe('17:58');
    expect(d.date).toMatchObject({ text: '2026-06-04', inferred: true });
    expect(d.rootCause.text).toMatch(/bad feature flag/);
    expect(d.resolution.text).toMatch(/turning the flag off/);
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual([undefined, 'Priya']);
    expect(JSON.stringify(d.timeline)).not.toContain('17:20');
  });
});

describe('chat exports and templates in more shapes', () => {
  it('a KakaoTalk chat from a computer: an incident with its day, 24-hour times, cause, fix and follow-up owner', () => {
    const d = one('chat-ko-kakao-db', 'incidents').data;
    expect(d).toMatchObject({ date: { text: '2026-08-20' }, detected: { text: '14:07' }, status: 'resolved' });
    expect(d.rootCause.text).toMatch(/^오늘 배포한 배치 작업이 커넥션을 반납하지/);
    expect(d.resolution.text).toMatch(/배치 작업 롤백했습니다/);
    expect(d.timeline.map((t: { time: string }) => t.time)).toEqual(['14:07', '14:09', '14:15', '14:21', '14:34']);
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([['커넥션 누수 테스트 추가', '최유나']]);
  });

  it('a Slack copy (name and 12-hour time above each message): severity, cause, fix, and a follow-up the author takes', () => {
    const d = one('chat-en-slack-incident', 'incidents').data;
    expect(d).toMatchObject({ severity: 'sev2', status: 'resolved', detected: { text: '09:02' } });
    expect(d.rootCause.text).toMatch(/^the rebuild ran with replicas set to 0/);
    expect(d.resolution.text).toMatch(/set replicas back to 2/);
    // Cited from the header line down to the text below it.
    expect(d.timeline.find((t: { time: string }) => t.time === '09:11').cite[0].lines).toEqual([9, 10]);
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([['add a check for replica count to the rebuild job', 'Priya Raman']]);
  });

  it('a WhatsApp chat from a US phone: the day from its slashed dates, the fix from what was done', () => {
    const d = one('chat-en-whatsapp-us', 'incidents').data;
    expect(d).toMatchObject({ date: { text: '2026-11-14' }, detected: { text: '19:41' }, status: 'resolved' });
    expect(d.resolution.text).toMatch(/renewed the cert and reloaded nginx/);
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual(['put cert expiry on the alerting dashboard']);
  });

  it('a how-to answered in Telegram: a runbook whose steps keep the commands typed after a colon or dash', () => {
    const d = one('chat-ru-telegram-runbook', 'runbooks').data;
    expect(d.title.text).toBe('Как перезапустить воркер отчётов, если он завис');
    expect(d.steps.map((s: { commands: string[] }) => s.commands)).toEqual([['systemctl status report-worker'], ['systemctl restart report-worker'], ['redis-cli llen reports:queue']]);
    expect(texts(d.escalation)).toMatch(/пиши в #reports-oncall/);
  });

  it('a Russian MADR: drivers, the chosen option from «Выбран вариант», pros and cons by «Хорошо/Плохо, потому что»', () => {
    const d = one('adr-ru-madr-cache', 'adrs').data;
    expect(d).toMatchObject({ number: 'ADR-21', status: 'accepted', deciders: ['Ольга Смирнова', 'Игорь Белов'] });
    expect(d.drivers.map((x: { text: string }) => x.text)).toEqual(['задержка чтения ниже 50 мс', 'команда уже умеет эксплуатировать выбранное решение', 'стоимость']);
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['Redis', true],
      ['Memcached', false],
      ['кэш в памяти приложения', false],
    ]);
    expect(d.options[1].reasons).toMatch(/нет инвалидации по шаблону/);
    expect(d.consequences.positive).toHaveLength(2);
    expect(texts(d.consequences.negative)).toMatch(/мониторинг попаданий/);
  });

  it('a postmortem whose sections are bold lines, not headings: every section reaches its field', () => {
    const d = one('postmortem-en-bold-labels', 'incidents').data;
    expect(d).toMatchObject({ severity: 'sev3', status: 'resolved', date: { text: '2026-10-02' }, draft: false });
    expect(d.impact.text).toMatch(/^Roughly 3,100 product pages/);
    expect(d.rootCause.text).toMatch(/ran out of disk after a library upgrade/);
    expect(d.timeline.map((t: { time: string }) => t.time)).toEqual(['08:12', '08:40', '09:25', '10:05']);
    expect(d.followUps.map((f: { owner?: string; due?: string; status: string }) => [f.owner, f.due, f.status])).toEqual([
      ['@nora', '2026-10-09', 'open'],
      ['@sam', undefined, 'open'],
      ['@nora', undefined, 'done'],
    ]);
    expect(texts(d.lessons)).toMatch(/full-size disk/);
  });
});

describe('what assistants and templates wrap around the facts', () => {
  it('an assistant\'s answer pasted with its lead-in and its offer: neither is content; «Что дальше» are the follow-ups', () => {
    const d = one('ai-summary-ru-cabinet', 'incidents').data;
    expect(d.title.text).toBe('Недоступность личного кабинета 14 октября 2026');
    expect(d).toMatchObject({ date: { text: '2026-10-14' }, started: { text: '09:40' }, resolved: { text: '10:25' } });
    expect(d.resolution.text).toMatch(/^сертификат перевыпустили/);
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['Настроить алерт за 14 дней до истечения сертификатов', 'Павел'],
      ['Перевести балансировщики на автообновление сертификатов', undefined],
    ]);
    // What is still to do tells nothing of how the outage was found or how long it lasted.
    expect(d.detection).toBeUndefined();
    expect(d.duration).toBeUndefined();
    for (const doc of from('ai-summary-ru-cabinet')) expect(doc.raw).not.toMatch(/Конечно! Вот|Если хотите, могу/);
  });

  it('a Y-statement in Russian: context, the decision, the option given up, what it achieves and accepts', () => {
    const d = one('adr-ru-y-statement', 'adrs').data;
    expect(d.context.text).toBe('сервиса биллинга; столкнувшись с тем, что логи разных сервисов нельзя искать вместе');
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['перейти на JSON-логи', true],
      ['plain text', false],
    ]);
    expect(texts(d.consequences.negative)).toMatch(/хуже читаться глазами/);
    expect(d.draft).toBe(false);
  });

  it('English prose that puts each time after its event: one clause per time', () => {
    const d = one('postmortem-en-plain-labels', 'incidents').data;
    expect(d.timeline.map((t: { time: string; event: string }) => [t.time, t.event]).slice(0, 2)).toEqual([
      ['10:46', 'The change was reverted at 10:46'],
      ['10:52', 'error rates returned to normal by 10:52.'],
    ]);
    expect(d.followUps.map((f: { owner?: string; ticket?: string }) => [f.owner, f.ticket])).toEqual([
      ['Aiko', 'INFRA-88'],
      ['Marten', undefined],
    ]);
  });
});

describe('more phones, clients and templates', () => {
  it('KakaoTalk on iOS (2026. 9. 3. 오후 3:02, name : text): the day, 24-hour times, the fix, a follow-up its author takes', () => {
    const [doc] = from('chat-ko-kakao-ios');
    expect(doc!.slug).toBe('gyeolje-seungin-silpaega-gyesok-nayo-ereoyul-30-neomeosseoyo');
    expect(doc!.data).toMatchObject({ date: { text: '2026-09-03' }, detected: { text: '15:02' }, status: 'resolved' });
    expect(doc!.data.resolution.text).toMatch(/인증서 교체하고 재배포했습니다/);
    expect(doc!.data.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([['인증서 만료 알림 추가', '한승우']]);
    // The body shows the messages as written, one per line: a day that opens a line is no list item 2026.
    const bodyLines = doc!.body.trim().split('\n');
    expect(bodyLines).toHaveLength(5);
    expect(bodyLines.every((line) => line.startsWith('2026\\. 9. 3. 오후'))).toBe(true);
  });

  it('a Teams copy ([9:14 AM] Name above each message): cause, fix and follow-up', () => {
    const d = one('chat-en-teams-copy', 'incidents').data;
    expect(d.timeline.map((t: { time: string }) => t.time)).toEqual(['09:14', '09:16', '09:30', '09:41', '09:45']);
    expect(d.rootCause.text).toMatch(/^the IAM role lost s3:PutObject/);
    expect(d.resolution.text).toMatch(/restored the policy and re-ran the job/);
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual(['add a policy diff check to the cleanup script']);
  });

  it('a Korean postmortem: the span that lasted, not a latency; a romanized slug', () => {
    const [doc] = from('postmortem-ko-search');
    expect(doc!.slug).toBe('geomsaek-api-eungdap-jiyeon');
    expect(doc!.data).toMatchObject({ severity: 'sev2', duration: { text: '45분' }, date: { text: '2026-07-08' } });
    expect(doc!.data.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([
      ['이준호', '2026-07-15'],
      ['박서준', '2026-07-22'],
    ]);
  });

  it('an incident report sent by mail: its header is no event, and a rollback is no trigger', () => {
    const d = one('email-en-dns', 'incidents').data;
    expect(d.timeline.map((t: { time: string }) => t.time)).toEqual(['11:40', '12:18']);
    expect(d.trigger?.text ?? '').not.toMatch(/rolled back/);
    expect(d.resolution.text).toBe('we rolled back the CoreDNS config at 12:18 UTC.');
    expect(d.followUps.map((f: { owner?: string; ticket?: string }) => [f.owner, f.ticket])).toEqual([
      ['Ravi', 'DNS-77'],
      ['Mei', undefined],
    ]);
  });

  it('a Nygard ADR has no options by design: with its context and decision it is complete, and its successor is linked', () => {
    const d = one('adr-en-nygard-superseded', 'adrs').data;
    expect(d).toMatchObject({ status: 'superseded', supersededBy: ['ADR-14'], draft: false, missing: [] });
    expect(d.decision.text).toMatch(/^We will use RabbitMQ/);
  });
});

describe('notes from editors, tables and recognisers', () => {
  it('an Obsidian note: the frontmatter date dates the incident when the text does not, «Todo» holds the follow-ups', () => {
    const d = one('postmortem-en-obsidian', 'incidents').data;
    expect(d.date).toMatchObject({ text: '2026-06-11', inferred: false });
    expect(d.timeline.every((t: { date?: string }) => t.date === '2026-06-11')).toBe(true);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([
      ['@kim', undefined],
      ['@lee', '2026-06-20'],
    ]);
  });

  it('a Russian postmortem with a header table: a service named push-sender is no change that set it off', () => {
    const d = one('postmortem-ru-table-header', 'incidents').data;
    expect(d).toMatchObject({ date: { text: '2026-03-27' }, severity: 'sev3', status: 'resolved', duration: { text: '2 ч 10 мин' } });
    expect(d.trigger).toBeUndefined();
    expect(d.rootCause.text).toMatch(/^Истёк ключ сервисного аккаунта FCM/);
  });

  it('a Korean Nygard ADR: lower costs are a gain, work that must be redone a cost', () => {
    const d = one('adr-ko-nygard-logs', 'adrs').data;
    expect(d).toMatchObject({ number: 'ADR-3', status: 'accepted', draft: false });
    expect(texts(d.consequences.positive)).toBe('저장 비용이 크게 줄어듭니다');
    expect(texts(d.consequences.negative)).toMatch(/다시 만들어야 합니다/);
  });

  it('a runbook written as prose: each paragraph a step with its command, placeholders kept', () => {
    const d = one('runbook-en-prose', 'runbooks').data;
    expect(d.alerts.map((a: { name: string }) => a.name)).toEqual(['PaymentsWebhookBacklog']);
    expect(d.steps.map((s: { commands: string[] }) => s.commands)).toEqual([
      ['kubectl -n payments exec deploy/dispatcher -- dispatcher-cli lag'],
      ['kubectl -n payments rollout restart deploy/dispatcher'],
      ['dispatcher-cli pause --merchant <id>'],
    ]);
    expect(d.steps[2].text).toMatch(/--merchant <id>\.$/);
    expect(texts(d.escalation)).toMatch(/#payments-oncall/);
  });

  it('a transcript pasted without punctuation or a header: read as speech, its topics cut at the words that open them', () => {
    expect(sources.get('voice-en-run-on')!.data.kind).toBe('transcript');
    const d = one('voice-en-run-on', 'incidents').data;
    expect(d.rootCause.text).toMatch(/^it turned out the session store ran out of memory/);
    expect(d.resolution.text).toMatch(/^so we changed it to allkeys lru and restarted the pods/);
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual(['add a memory alert on the session store', 'put the redis config in terraform so it does not drift again']);
  });
});

describe('documents exported from editors, several to a page, and spoken without pauses', () => {
  it('a Google Docs export: the metadata line above the title, bold section lines with a blank line after, the fix that ended it', () => {
    const d = one('postmortem-en-gdocs', 'incidents').data;
    expect(d).toMatchObject({ date: { text: '2026-03-09' }, severity: 'p1', status: 'resolved', draft: false });
    expect(d.cites.severity[0].lines).toEqual([1, 1]);
    expect(d.resolution.text).toMatch(/^index recreated/);
    expect(d.followUps.map((f: { owner?: string; ticket?: string }) => [f.owner, f.ticket])).toEqual([
      ['Priya', 'DB-412'],
      ['Tom', 'DB-413'],
    ]);
  });

  it('a weekly review with two incidents gives two, each with its own date, cause and owner', () => {
    const docs = from('review-en-two-incidents').map((doc) => doc.data);
    expect(docs.map((d) => [d.date.text, d.followUps[0].owner])).toEqual([
      ['2026-04-06', 'Dana'],
      ['2026-04-09', 'Igor'],
    ]);
    expect(docs.map((d) => d.rootCause.text)).toEqual(['an expired OAuth client secret.', 'the export worker ran out of disk.']);
  });

  it('a Korean runbook: escalation said with 당직자에게 전화하세요 is escalation, not the summary', () => {
    const d = one('runbook-ko-redis-memory', 'runbooks').data;
    expect(d.summary).toBeUndefined();
    expect(texts(d.escalation)).toMatch(/당직자에게 전화하세요/);
    expect(d.symptoms).toHaveLength(2);
    expect(d.steps.flatMap((s: { commands: string[] }) => s.commands)).toContain("redis-cli -h cache-01 --scan --pattern 'tmp:*' | xargs redis-cli -h cache-01 del");
  });

  it('a Russian transcript pasted in one punctuated paragraph: topics by the sentences that open them, resolved by «всё заработало»', () => {
    expect(sources.get('voice-ru-pasted')!.data.kind).toBe('transcript');
    const d = one('voice-ru-pasted', 'incidents').data;
    expect(d.title.text).toMatch(/^Упал сервис авторизации/);
    expect(d.rootCause.text).toBe('Оказалось что истёк сертификат на балансировщике.');
    expect(d.resolution.text).toMatch(/^Мы его перевыпустили и перезапустили haproxy/);
    expect(d.status).toBe('resolved');
    expect(d.followUps).toHaveLength(2);
  });
});

describe('templates of incident tools and decision records, and words with two senses', () => {
  it('a PagerDuty-style postmortem: "— owner — ticket" tails, "What didn\'t go so well", the end time from the resolution', () => {
    const d = one('postmortem-en-pagerduty', 'incidents').data;
    expect(d.followUps.map((f: Record<string, string>) => [f.action, f.owner, f.ticket, f.status])).toEqual([
      ['Add consumer lag alert for indexer group', 'Sora Kim', 'SRCH-77', 'open'],
      ['Raise session.timeout.ms in all consumers', 'Jon Park', 'SRCH-78', 'done'],
    ]);
    expect(texts(d.whatWentWrong)).toBe('Detection took 90 minutes and came from customers');
    expect(d.resolved.text).toBe('16:52');
    expect(d.status).toBe('resolved');
  });

  it('a Tyree ADR: Issue is the context, Positions the options, Argument why the chosen one won; "Decision:" is no part of the title', () => {
    const d = one('adr-en-tyree', 'adrs').data;
    expect(d.title.text).toBe('Object storage for build artifacts');
    expect(d.context.text).toMatch(/^Build artifacts are kept on a single NFS server/);
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['Bigger NFS server with RAID', false],
      ['MinIO cluster on-prem', true],
      ['Artifactory', false],
    ]);
    expect(d.options[1].reasons).toMatch(/^MinIO gives redundancy/);
    expect(d).toMatchObject({ status: 'decided', draft: false });
  });

  it('a Korean postmortem about notifications (알림): the alarm is the detection, not the title or the queue', () => {
    const d = one('postmortem-ko-notifications', 'incidents').data;
    expect(d.detected.text).toBe('20:25');
    expect(d.detection.text).toMatch(/모니터링 알람/);
    expect(d.title.text).toBe('결제 알림 지연');
  });

  it('a story that tells only of the pipeline\'s errors: the impact is the timeline entry that says what went down', () => {
    const d = one('postmortem-en-ci-story', 'incidents').data;
    expect(d.impact.text).toMatch(/^Docs site is down, readers get a 404/);
  });
});

describe('logs, tickets and procedures', () => {
  it('a stand-up chat with a failed train, a fixed test and a todo, release notes with fixes, blank templates: no document', () => {
    expect(from('chat-en-standup')).toEqual([]);
    expect(from('release-notes-en')).toEqual([]);
    // Templates nobody filled in: instructions in italics, HH:MM / ЧЧ:ММ, <placeholders>, empty rows.
    expect(from('template-en-blank')).toEqual([]);
    expect(from('template-ru-blank')).toEqual([]);
    expect(report.files.find((f) => f.file === 'chat-en-standup.txt')).toMatchObject({ status: 'unpublished' });
  });

  it('an IRC log ([14:02] <nick> text): a chat incident whose labelled cause stays in its own message', () => {
    expect(sources.get('chat-en-irc')!.data.kind).toBe('chat');
    const d = one('chat-en-irc', 'incidents').data;
    expect(d.rootCause.text).toBe('the client lib caches the primary address and never re-resolves');
    // "the redis primary failed over" is what happened to it, not what anyone did.
    expect(d.resolution.text).toBe('14:11 dmitri: restarted api pods, they pick up the new primary');
    expect(d.status).toBe('resolved');
    expect(d.followUps[0]).toMatchObject({ action: 'switch the client to sentinel discovery', owner: 'dmitri' });
  });

  it('a Mattermost copy: a failure, a revert and a todo make an incident; "running again" resolves it', () => {
    const d = one('chat-en-mattermost', 'incidents').data;
    expect(d.started.text).toBe('09:30');
    expect(d.resolution.text).toMatch(/reverted the policy change/);
    expect(d.status).toBe('resolved');
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual(['add a plan check for policies that drop permissions']);
  });

  it('a transcript under a "Voice memo transcript" line: speech, its one paragraph cut into topics', () => {
    expect(sources.get('voice-en-memo-header')!.data.kind).toBe('transcript');
    const d = one('voice-en-memo-header', 'incidents').data;
    expect(d.rootCause.text).toMatch(/^Turned out the new release had a bug/);
    expect(d.resolution.text).toMatch(/^We rolled back/);
    expect(d.status).toBe('resolved');
    expect(d.followUps[0]).toMatchObject({ owner: 'Maria' });
    expect(d.followUps[0].action).toMatch(/^add a contract test/);
  });

  it('a Russian runbook whose «Проверка» comes before «Что делать»: its commands are the first steps, not verification', () => {
    const d = one('runbook-ru-check-first', 'runbooks').data;
    expect(d.steps.map((s: { commands: string[] }) => s.commands[0])).toEqual([
      'rabbitmqctl list_queues name messages | grep notify',
      'kubectl -n notify get pods -l app=notify-worker',
      'kubectl -n notify logs -l app=notify-worker --tail=200',
      'kubectl -n notify scale deploy/notify-worker --replicas=12',
      'notifyctl provider set backup',
    ]);
    expect(d.verification).toEqual([]);
  });

  it('a Jira export: the ticket fields are no events, the description is the summary, follow-ups written in comments', () => {
    const d = one('ticket-en-jira', 'incidents').data;
    expect(d.title.text).toBe('Orders stuck in "pending" after warehouse API timeout');
    expect(d.summary.text).toMatch(/^From 07:50 orders placed/);
    expect(d).toMatchObject({ severity: 'high', status: 'resolved', started: { text: '07:50' }, resolved: { text: '11:02' } });
    expect(d.timeline.map((e: { event: string }) => e.event).join(' | ')).not.toMatch(/Created:|Follow-up/);
    expect(d.followUps.map((f: { action: string; ticket: string }) => [f.action, f.ticket])).toEqual([
      ['exponential backoff in the reservation client', 'WH-88'],
      ['alert when pending orders > 100 for 10 min', 'WH-89'],
    ]);
  });

  it('an SOP: "SOP:" is no part of the title', () => {
    expect(one('runbook-en-sop', 'runbooks').data.title.text).toBe('Rotating the TLS certificate on the edge proxies');
  });
});

describe('titles, tables and turns read from where they stand', () => {
  it('an assistant\'s answer with no title: the title is what happened, without its when; the stated range gives start, end and impact', () => {
    const d = one('ai-summary-ru-lead-in', 'incidents').data;
    expect(d.title.text).toBe('Личный кабинет отдавал ошибку 502 примерно 30% пользователей');
    expect(d).toMatchObject({ started: { text: '10:05' }, resolved: { text: '10:47 МСК' }, status: 'resolved' });
    expect(d.impact.text).toMatch(/30% пользователей/);
  });

  it('an incident and the runbook written after it, one note: each titled by its heading without the # mark', () => {
    expect(one('postmortem-en-with-runbook', 'incidents').data.title.text).toBe('DNS resolution failures in the payments cluster — 2026-08-14');
    expect(one('postmortem-en-with-runbook', 'runbooks').data.steps).toHaveLength(3);
  });

  it('a runbook written as a table (Step | Action | Command): a row a step, with its command', () => {
    const d = one('runbook-en-table', 'runbooks').data;
    expect(d.steps.map((s: { text: string; commands: string[] }) => [s.text, s.commands.length])).toEqual([
      ['Find the broker with the full disk', 1],
      ['Lower retention on the biggest topic', 1],
      ['Wait for log cleanup and re-check', 1],
      ['Restore retention once below 70%', 1],
    ]);
    expect(d.draft).toBe(false);
  });

  it('a Confluence page: a deploy after the first alert is the fix, not the trigger', () => {
    const d = one('postmortem-en-confluence', 'incidents').data;
    expect(d.trigger).toBeUndefined();
    expect(d.resolution.text).toBe('new certificate deployed to the origin (14:40)');
    expect(d.detected.text).toBe('14:02');
  });
});

describe('the SRE book template, a "Why" section, Korean copies and records', () => {
  it('the SRE book template: detection is the page after OUTAGE BEGINS, not the news report before it', () => {
    const d = one('postmortem-en-sre-book', 'incidents').data;
    expect(d).toMatchObject({ started: { text: '14:54' }, detected: { text: '15:01' }, resolved: { text: '16:00' }, status: 'resolved' });
    expect(d.followUps.map((f: { owner: string; status: string }) => [f.owner, f.status])).toEqual([
      ['jennifer', 'done'],
      ['martym', 'open'],
      ['docbrown', 'open'],
    ]);
  });

  it('a postmortem whose cause is under "## Why": the root cause', () => {
    const d = one('postmortem-en-why', 'incidents').data;
    expect(d.rootCause.text).toMatch(/^The session signing key was rotated by a cron job/);
    expect(d.draft).toBe(false);
  });

  it('a Slack copy in Korean (김민수  오후 2:03): a chat with its cause, rollback and follow-up owner', () => {
    expect(sources.get('chat-ko-slack')!.data.kind).toBe('chat');
    const d = one('chat-ko-slack', 'incidents').data;
    expect(d.rootCause.text).toBe('커넥션 풀 설정이 10으로 줄어든 거네요');
    expect(d.resolution.text).toBe('14:12 이지은: v3.2.0으로 롤백했습니다');
    expect(d.followUps[0]).toMatchObject({ owner: '이지은' });
  });

  it('a Korean ADR: a consequence that makes an outage of Redis an outage of login is a cost', () => {
    const d = one('adr-ko-sessions', 'adrs').data;
    expect(texts(d.consequences.positive)).toBe('배포 중에도 로그인이 유지됩니다');
    expect(texts(d.consequences.negative)).toMatch(/^Redis 장애가 곧 로그인 장애가/);
  });
});

describe('voice memos in Korean and English, as a recogniser writes them', () => {
  it('a Korean memo: times said as 오후 3시 10분 and 4시 5분, its topics by 원인은 and 조치는, follow-ups by 첫째/둘째 with who takes each', () => {
    const d = one('voice-ko-orders', 'incidents').data;
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['15:10', '15:25', '16:05', '16:20', '16:30']);
    expect(d).toMatchObject({ started: { text: '15:10' }, resolved: { text: '16:30' }, status: 'resolved', date: { text: '2026-09-18' } });
    expect(d.rootCause.text).toMatch(/^원인은 어제 추가한 인덱스 없는 쿼리/);
    expect(d.resolution.text).toMatch(/^조치는 4시 5분에/);
    expect(d.followUps.map((f: { action: string; owner: string }) => [f.action, f.owner])).toEqual([
      ['쿼리 리뷰 체크리스트에 실행 계획 확인 넣기', 'minsu_ops'],
      ['DB CPU 알람 임계값 80퍼센트로 낮추기', '지은'],
    ]);
  });

  it('an English memo: "this afternoon" is the memo\'s day, and who takes each follow-up is its owner, not part of it', () => {
    const d = one('voice-en-uploads', 'incidents').data;
    expect(d.date).toMatchObject({ text: '2026-10-08', inferred: true });
    expect(d.followUps.map((f: { action: string; owner: string }) => [f.action, f.owner])).toEqual([
      ['add a policy test in terraform CI', 'Lisa'],
      ['add an alert on upload success rate', 'sam_ops'],
    ]);
  });
});

describe('plain labels, log lines and 24-hour copies', () => {
  it('an ADR in plain labelled text: a group\'s members are the deciders, and prose consequences are weighed a sentence at a time', () => {
    const d = one('adr-en-plain-labels', 'adrs').data;
    expect(d.deciders).toEqual(['Ilya', 'Mona']);
    expect(texts(d.consequences.positive)).toBe('Git is the source of truth and drift shows in the Argo UI');
    expect(texts(d.consequences.negative)).toMatch(/^We have to run and upgrade Argo CD ourselves/);
  });

  it('a timeline of log lines: an entry after midnight takes its own day from its ISO stamp', () => {
    const d = one('postmortem-en-log-timeline', 'incidents').data;
    expect(d.timeline.map((e: { time: string; date: string }) => `${e.date} ${e.time}`)).toEqual([
      '2026-11-19 23:41',
      '2026-11-19 23:48',
      '2026-11-19 23:52',
      '2026-11-20 00:05',
      '2026-11-20 00:17',
    ]);
  });

  it('a Slack copy on a 24-hour clock (Иван Петров  10:42): cause, fix, impact and a follow-up «— Мария, до пятницы»', () => {
    expect(sources.get('chat-ru-slack-24h')!.data.kind).toBe('chat');
    const d = one('chat-ru-slack-24h', 'incidents').data;
    expect(d.rootCause.text).toBe('на payments-db кончилось место, WAL забил диск');
    expect(d.resolution.text).toMatch(/почистили старые WAL-архивы/);
    expect(d.impact.text).toMatch(/процентов 20 запросов/);
    expect(d).toMatchObject({ started: { text: '10:40' }, resolved: { text: '10:58' }, status: 'resolved', draft: false });
    // «— Мария» is the channel's Мария Соколова.
    expect(d.followUps[0]).toMatchObject({ action: 'алерт на свободное место на диске БД', owner: 'Мария Соколова' });
  });

  it('a Telegram copy that says it is over in words («5хх ушли», «инцидент закрыт»): an incident; «я сделаю до пятницы» is the author\'s', () => {
    expect(sources.get('chat-ru-telegram-copy')!.data.kind).toBe('chat');
    const d = one('chat-ru-telegram-copy', 'incidents').data;
    // The reporter's «, смотрю» is no part of the title; the impact is the sentence that names who.
    expect(d.title.text).toBe('Алерт: 5хх на api-gateway выше 5%');
    expect(d.summary.text).toBe('Алерт: 5хх на api-gateway выше 5%');
    expect(d.status).toBe('resolved');
    expect(d.impact.text).toBe('Минут 15 не работал вход у всех пользователей');
    expect(d.trigger.text).toMatch(/упал после деплоя 10:00/);
    expect(d.followUps).toEqual([expect.objectContaining({ action: 'лимит памяти и алерт на рестарты', owner: 'Мария Соколова', due: '2026-02-27' })]);
  });

  it('a Discord copy ("Sam — Today at 10:02 AM"): the first report titles it, impact "for everyone", follow-ups between semicolons with their owners', () => {
    expect(sources.get('chat-en-discord-today')!.data.kind).toBe('chat');
    const d = one('chat-en-discord-today', 'incidents').data;
    expect(d.title.text).toBe('Checkout is throwing 500s for everyone');
    expect(d.impact.text).toBe('checkout is throwing 500s for everyone');
    expect(d.status).toBe('resolved');
    expect(d.followUps).toEqual([
      expect.objectContaining({ action: 'add a startup config check to CI', owner: 'Priya' }),
      expect.objectContaining({ action: 'alert on crashloops', owner: 'Sam' }),
    ]);
  });

  it('a WhatsApp export from Android: "db is back up" ends it, a cleanup fixes it, "I\'ll do it tomorrow" is the author\'s, due the next day', () => {
    const d = one('chat-en-whatsapp-android', 'incidents').data;
    expect(d.status).toBe('resolved');
    expect(d.impact.text).toBe('about 8 minutes of downtime for all customers');
    expect(d.resolution.text).toMatch(/deleted old WAL archives/);
    expect(d.followUps).toEqual([expect.objectContaining({ action: 'disk alert at 80%', owner: 'Ana Ruiz', due: '2026-02-27' })]);
  });

  it('a KakaoTalk chat under a day line: 에러 없어졌어요 ends it, the deploy is the trigger, the impact is the sentence of what could not be done', () => {
    const d = one('chat-ko-kakao-day-line', 'incidents').data;
    expect(d.status).toBe('resolved');
    expect(d.impact.text).toBe('약 13분 동안 결제가 안 됐습니다');
    expect(d.trigger.text).toMatch(/10시 배포 이후로/);
  });

  it('"stopped consuming updates" is no change: the trigger is the migration of the timeline, the start the connector that stopped', () => {
    const d = one('postmortem-en-overview-cdc', 'incidents').data;
    expect(d.trigger.text).toBe('migration 2026_03_03_add_region applied (14:30)');
    expect(d.started.text).toBe('14:31');
    expect(d.detected.text).toBe('15:55');
    expect(d.followUps.map((f: { owner?: string; status: string }) => [f.owner, f.status])).toEqual([['@dana', 'open'], ['@omar', 'open'], ['@dana', 'done']]);
  });

  it('a Korean ADR\'s «고려한 대안» are its options, the one of «결정» chosen', () => {
    const d = one('adr-ko-considered', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['REST 유지 + OpenAPI 스키마 검증', false], ['gRPC', true], ['GraphQL 페더레이션', false]]);
  });

  it('a run-on English memo told in other words ("timing out", "nobody could log in", "support pinged us"): an incident with each topic cut where the next opens', () => {
    const d = one('voice-en-failover-loop', 'incidents').data;
    expect(d.impact.text).toBe('nobody could log in for like twenty minutes');
    expect(d.detection.text).toBe('we first saw it because support pinged us at 14:22');
    expect(d.detected.text).toBe('14:22');
    expect(d.rootCause.text).toMatch(/^Marco found that the sentinel quorum was misconfigured/);
    expect(d.resolution.text).toBe('so we pinned the primary manually and it stabilized at 14:37');
    expect(d.status).toBe('resolved');
    // One follow-up per person who takes one; "I'll" is the speaker (the memo's username).
    expect(d.followUps).toEqual([
      // Who takes it is its owner, no part of what is to be done.
      expect.objectContaining({ action: 'fix the sentinel config and add a test for it by Friday', owner: 'Marco', due: '2026-04-17' }),
      expect.objectContaining({ action: 'add an alert on failover count', owner: 'kate_ops' }),
    ]);
  });

  it('a punctuated Russian memo: a sentence with a time ends the topic before it; «Я руками обновил …» is the fix, «Простой получился …» the impact', () => {
    const d = one('voice-ru-dns-night', 'incidents').data;
    expect(d.title.text).toBe('Перестал резолвиться внутренний DNS');
    expect(d.rootCause.text).toBe('Причина — истёк сертификат на CoreDNS плагине, который ходит в Vault.');
    expect(d.resolution.text).toMatch(/^Я руками обновил сертификат/);
    expect(d.impact.text).toMatch(/^Простой получился примерно 25 минут/);
    expect(d.status).toBe('resolved');
    expect(d.followUps).toEqual([
      expect.objectContaining({ action: 'Лена настроит автопродление сертификата до конца недели', owner: 'Лена' }),
      expect.objectContaining({ action: 'добавлю алерт на срок действия сертификатов', owner: 'artem_k' }),
    ]);
  });

  it('a Korean memo: titled by what stopped, detection and fix read from the clauses of one sentence, one follow-up per person', () => {
    const d = one('voice-ko-settlement', 'incidents').data;
    expect(d.title.text).toBe('정산 배치가 멈췄어요');
    expect(d.rootCause.text).toBe('원인은 배치 서버 디스크가 꽉 찬 거였고요, 로그 로테이션이 설정이 안 돼 있었어요.');
    expect(d.detection.text).toBe('3시 40분에 알림 받고');
    expect(d.detected.text).toBe('15:40');
    expect(d.resolution.text).toBe('로그 지우고 배치 다시 돌렸고 4시 10분에 정상화됐습니다.');
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['minsu', '지은']);
  });

  it('an assistant page that opens with a sentence ("Sure! Here\'s … based on the notes you shared."): titled by the summary\'s first clause, started by the first 413 errors', () => {
    const d = one('ai-summary-en-sentence-lead-in', 'incidents').data;
    expect(d.title.text).toBe('The image upload service returned HTTP 413 errors for uploads larger than 1 MB');
    expect(d.started.text).toBe('09:12');
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Priya', 'Tomás']);
  });

  it('a Russian Nygard ADR\'s unmarked consequences: «Нужен Redis …, иначе …» is a cost', () => {
    const d = one('adr-ru-nygard-sessions', 'adrs').data;
    expect(texts(d.consequences.positive)).toMatch(/^Нагрузка на PostgreSQL падает/);
    expect(texts(d.consequences.negative)).toMatch(/^Нужен Redis с репликой/);
  });

  it('a runbook of "Check" (commands only) and "Fix": the check is its first step, the fix the rest', () => {
    const d = one('runbook-en-check-fix', 'runbooks').data;
    expect(d.steps.map((s: { text: string }) => s.text)).toEqual(['Check', 'Delete chunks older than the retention if the compactor is stuck', 'Restart the compactor']);
    expect(d.steps[0].commands[0]).toMatch(/^df -h \/var\/lib\/loki/);
    expect(d.verification).toEqual([]);
  });

  it('"5 Whys" is the root cause when no section states one; a "Five whys" beside a "Root cause" is not', () => {
    const d = one('postmortem-en-five-whys', 'incidents').data;
    expect(d.rootCause.text).toMatch(/^- Why did checkouts fail\? Because calls to the payment provider timed out\.\n/);
    expect(d.rootCause.text).toMatch(/Because load tests do not run through the NAT gateway\.$/);
  });

  it('a Korean report: «장애 등급: P2» is the severity, «평균 8초» a latency and no duration, «9/30까지» the due date', () => {
    const d = one('postmortem-ko-grade', 'incidents').data;
    expect(d.severity).toBe('p2');
    expect(d.duration).toBeUndefined();
    expect(d.followUps[0]).toMatchObject({ action: '배포 전 쿼리 실행 계획 검토', owner: '박서준', due: '2026-09-30' });
  });

  it('a plain-text runbook of «Шаг N.» lines: each command after its colon, the closing «писать в #infra» the escalation, no service from the file name', () => {
    const d = one('runbook-ru-steps-inline', 'runbooks').data;
    expect(d.steps.map((s: { text: string; commands: string[] }) => [s.text, s.commands])).toEqual([
      ['Посмотреть статус сертификата', ['kubectl -n ingress get certificate']],
      ['Удалить секрет, чтобы cert-manager выпустил новый', ['kubectl -n ingress delete secret edge-tls']],
      ['Подождать 2-3 минуты и проверить', ['kubectl -n ingress describe certificate edge-tls']],
      ['Если статус не Ready — смотреть логи', ['kubectl -n cert-manager logs deploy/cert-manager']],
    ]);
    expect(texts(d.escalation)).toBe('Если за 15 минут не получилось — писать в #infra.');
    expect(d.alerts.map((a: { name: string }) => a.name)).toEqual(['CertificateExpiringSoon']);
    expect(d.service).toBeUndefined();
  });

  it('a plain decision: "Alternatives: a, b, c, d." are the options, "Why logical replication: …" chooses one and says why', () => {
    const d = one('adr-en-plain-alternatives', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['nightly dumps (today)', false],
      ['physical streaming replica', false],
      ['logical replication', true],
      ['a CDC pipeline into the warehouse', false],
    ]);
    expect(d.options[2].reasons).toMatch(/^it lets us replicate only the reporting tables/);
  });

  it('a weekly review grouped under "Incidents", "Decisions", "Runbook updates": one document per entry, each titled by its own heading', () => {
    const made = from('review-en-weekly-grouped').map((d) => [d.collection, d.data.title.text]).sort();
    expect(made).toEqual([
      ['adrs', 'Move the status page to a hosted provider'],
      ['incidents', 'Delayed emails (Thursday)'],
      ['incidents', 'Login outage (Tuesday)'],
      ['runbooks', 'Flush the JWKS cache'],
    ]);
    const login = from('review-en-weekly-grouped').find((d) => d.data.title.text.startsWith('Login'))!.data;
    expect(login.date.text).toBe('2026-10-27');
    const emails = from('review-en-weekly-grouped').find((d) => d.data.title.text.startsWith('Delayed'))!.data;
    expect(emails.resolution.text).toBe('We raised the limit with the provider.');
    // A decision told in one sentence: what won, over what, and why; a "Rejected: … (…)" beside it.
    const adr = one('review-en-weekly-grouped', 'adrs').data;
    expect(adr.decision.text).toMatch(/^We decided to use a hosted status page instead of our self-hosted one/);
    expect(adr.options.map((o: { name: string; chosen: boolean; reasons?: string }) => [o.name, o.chosen, o.reasons])).toEqual([
      ['a hosted status page', true, 'the self-hosted page went down together with the cluster during the login outage'],
      ['our self-hosted one', false, undefined],
      ['keeping self-hosted on a second cluster', false, 'too much upkeep'],
    ]);
  });

  it('the same grouping in Russian («Инциденты», «Решения») and Korean (장애, 결정 사항), with decisions told in a sentence', () => {
    const titles = (id: string) => from(id).map((d) => [d.collection, d.data.title.text]).sort();
    expect(titles('review-ru-weekly-grouped')).toEqual([
      ['adrs', 'Логи храним в Loki, а не в Elasticsearch'],
      ['incidents', 'Падение биллинга в среду'],
      ['incidents', 'Тормоза каталога'],
    ]);
    expect(titles('review-ko-weekly-grouped')).toEqual([
      ['adrs', '로그 저장소를 Loki로 전환'],
      ['incidents', '검색 지연'],
      ['incidents', '결제 게이트웨이 장애'],
    ]);
    const ru = one('review-ru-weekly-grouped', 'adrs').data;
    expect(ru.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['Loki', true], ['Elasticsearch', false], ['ClickHouse', false]]);
    // Korean: "X 대신 Y를 쓰기로 결정했습니다." and the reason in the next sentence.
    const ko = one('review-ko-weekly-grouped', 'adrs').data;
    expect(ko.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['Loki', true], ['Elasticsearch', false]]);
    expect(ko.context.text).toBe('디스크 비용이 5배 저렴하기 때문입니다');
    // «응답이 6초까지» is a latency, not how long it lasted; «롤백했습니다» the fix.
    const search = from('review-ko-weekly-grouped').find((d) => d.data.title.text === '검색 지연')!.data;
    expect(search.duration).toBeUndefined();
    expect(search.resolution.text).toBe('4.2 배포 후 캐시가 빠져서였고 롤백했습니다.');
  });

  it('a call copied from Otter ("Dana Lee  0:03" over each turn) and one saved as WebVTT: the offsets are no times, each turn its speaker\'s', () => {
    expect(sources.get('call-en-otter')!.data.kind).toBe('transcript');
    const otter = one('call-en-otter', 'incidents').data;
    expect(otter.timeline.map((t: { time: string }) => t.time)).toEqual(['14:05', '14:08', '14:31', '14:35']);
    expect(otter.rootCause.text).toMatch(/^It turned out the new TLS config on the load balancer/);
    expect(otter.impact.text).toBe('Roughly 1,800 checkouts failed.');
    // "I'll add …" in Raj Patel's turn is his.
    expect(otter.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Raj Patel', 'Dana']);
    const zoom = one('call-en-zoom', 'incidents').data;
    expect(sources.get('call-en-zoom')!.data.reader).toBe('subtitles');
    expect(zoom.title.text).toBe('Payment API started returning 502s for every checkout');
    expect(zoom.timeline.map((t: { time: string }) => t.time)).toEqual(['14:05', '14:08', '14:31', '14:35']);
    expect(zoom.rootCause.text).toMatch(/^It turned out/);
  });

  it('runbooks with a tag before the title: "[P1]" is the severity and leaves the alert name, "[런북]" leaves the title; a Korean runbook is Korean under its English commands', () => {
    const tagged = one('runbook-en-severity-tag', 'runbooks').data;
    expect(tagged).toMatchObject({ title: { text: 'PaymentsAPIHighLatency' }, severity: 'p1', service: { text: 'PaymentsAPI' } });
    expect(tagged.alerts.map((a: { name: string }) => a.name)).toEqual(['PaymentsAPIHighLatency']);
    // "Validation" (a decision record's Confirmation too) verifies a runbook.
    expect(texts(tagged.verification)).toMatch(/^p99 latency on the "Payments API" dashboard drops below 300 ms/);
    const korean = one('runbook-ko-bracket-tag', 'runbooks').data;
    expect(korean.title.text).toBe('Redis 메모리 사용률 90% 초과');
    expect(korean.language).toBe('ko');
    const bold = one('runbook-ru-bold-steps', 'runbooks').data;
    expect(bold.steps.map((s: { text: string }) => s.text)).toEqual(['Убедиться, что резервный кластер готов', 'Переключить DNS на резервный балансировщик', 'Проверить, что трафик пошёл']);
  });

  it('a status page\'s history (newest first, "Investigating - …" over its time): the timeline oldest first, seen at the first update, caused as "Identified" says', () => {
    const d = one('statuspage-en-history', 'incidents').data;
    expect(d.timeline.map((t: { time: string; event: string }) => [t.time, t.event.split(':')[0]])).toEqual([
      ['10:15', 'Investigating'],
      ['10:25', 'Identified'],
      ['10:40', 'Monitoring'],
      ['10:52', 'Resolved'],
    ]);
    expect(d).toMatchObject({ started: { text: '10:15' }, detected: { text: '10:15' }, resolved: { text: '10:52' }, status: 'resolved', date: { text: '2026-03-04' } });
    expect(d.rootCause.text).toMatch(/^The issue has been identified as a misconfigured rate limiter/);
  });

  it('a customer-facing report ("Summary of impact", "What happened", "How we fixed it"): the fault it tells is the root cause', () => {
    const d = one('postmortem-en-customer-facing', 'incidents').data;
    expect(d.rootCause.text).toBe('A certificate used for mutual TLS with our card processor expired at 09:40 UTC.');
    expect(d.resolution.text).toMatch(/^We deployed a renewed certificate at 10:18 UTC/);
    expect(d.followUps).toHaveLength(2);
  });

  it('ADRs: deciders as a frontmatter list, «Участники», 참여자; a Korean record\'s 문제 is its context and 선택지 its options', () => {
    expect(one('adr-en-madr-frontmatter-list', 'adrs').data.deciders).toEqual(['platform-team']);
    expect(one('adr-ru-participants', 'adrs').data.deciders).toEqual(['Антон', 'Вера', 'Гоша']);
    const ko = one('adr-ko-problem-choices', 'adrs').data;
    expect(ko.deciders).toEqual(['김하늘', '박서준']);
    expect(ko.context.text).toMatch(/^Memcached는 복제가 없어/);
    expect(ko.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['Memcached 유지', false], ['Redis Cluster', true], ['Hazelcast', false]]);
    expect(ko.draft).toBe(false);
  });

  it('a decision log (a table with a Decision column) is one ADR per row, each read by its header and cited to its row', () => {
    const en = from('adr-en-decision-log').map((d) => d.data).sort((a, b) => Number(a.number) - Number(b.number));
    expect(en.map((d) => [d.number, d.title.text, d.status, d.date.text])).toEqual([
      ['1', 'Use PostgreSQL 16 for all new services', 'accepted', '2026-01-12'],
      ['2', 'Run Kafka on MSK instead of self-managed', 'accepted', '2026-02-03'],
      ['3', 'Drop Consul in favour of Kubernetes DNS', 'proposed', '2026-03-20'],
    ]);
    expect(en[1]!.context.text).toBe('Broker upgrades took a week of on-call each quarter');
    expect(en[1]!.decision.cite).toEqual([{ source: 'adr-en-decision-log', lines: [6, 6] }]);
    const ru = from('adr-ru-decision-log').map((d) => d.data).sort((a, b) => Number(a.number) - Number(b.number));
    expect(ru.map((d) => [d.number, d.title.text, d.status, d.date.text, d.deciders])).toEqual([
      ['14', 'Хранить логи в Loki вместо Elasticsearch', 'accepted', '2026-03-10', ['Вера', 'Антон']],
      ['15', 'Перейти с Jenkins на GitLab CI', 'proposed', '2026-04-02', ['Гоша']],
    ]);
    // The page shows the row under the header that names its cells.
    const body = from('adr-en-decision-log').find((d) => d.data.number === '2')!.body;
    expect(body).toMatch(/\| # \| Date +\| Decision/);
    expect(body).toContain('Run Kafka on MSK instead of self-managed');
    expect(body).not.toContain('PostgreSQL 16');
    // An options table whose Decision column gives verdicts is one record's options, not a log.
    expect(from('adr-en-options-verdict')).toHaveLength(1);
    const verdict = one('adr-en-options-verdict', 'adrs').data;
    expect(verdict.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['SQS', true], ['RabbitMQ', false], ['Kafka', false]]);
    // No decision written out: the option marked chosen is it, cited to its row; the record is complete.
    expect(verdict.decision).toEqual({ text: 'SQS', cite: [{ source: 'adr-en-options-verdict', lines: [10, 10] }] });
    expect(verdict.draft).toBe(false);
  });

  it('a report sent by mail in Russian: the greeting is no summary, «не проходила оплата … неудачных попыток» the impact, the signature\'s phone redacted', () => {
    const d = one('email-ru-card-payments', 'incidents').data;
    expect(d.title.text).toBe('Не работала оплата картой 14.04');
    expect(d.summary.text).toMatch(/^14\.04 с 18:05 до 18:50 МСК не проходила оплата картой/);
    expect(d.impact.text).toMatch(/около 3 200 неудачных попыток/);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Игорь', '2026-04-20'], ['Вера', undefined]]);
    expect(sources.get('email-ru-card-payments')!.lines.join('\n')).not.toContain('555-12-34');
  });

  it('a timeline of "2017/01/31 16:00 - …" lines: "back online" ends it, the mistake before it is no fix, "Improvements" are follow-ups', () => {
    const d = one('postmortem-en-improvements', 'incidents').data;
    expect(d.timeline.map((t: { date: string; time: string }) => `${t.date} ${t.time}`)).toEqual(['2017-01-31 16:00', '2017-01-31 21:00', '2017-01-31 23:00', '2017-01-31 23:27', '2017-02-01 18:14']);
    expect(d).toMatchObject({ status: 'resolved', resolved: { text: '18:14' } });
    expect(d.resolution.text).toBe('GitLab.com is back online from the 6-hour-old snapshot (18:14)');
    // "(#1094)" is where each is tracked: its ticket.
    expect(d.followUps.map((f: { action: string; ticket?: string }) => [f.action, f.ticket])).toEqual([
      ['Update PS1 across all hosts to more clearly differentiate between hosts and environments', '#1094'],
      ['Prometheus monitoring for backups', '#1095'],
    ]);
  });

  it('a Slack copy of an #inc- channel: the channel names an incident, "results are back" ends it, emoji codes and "(edited)" are no words', () => {
    const d = one('chat-en-slack-inc-channel', 'incidents').data;
    expect(d.title.text).toBe('#inc-2026-09-02-search — Search is returning empty results for ~30% of queries');
    expect(d.impact.text).toBe('search is returning empty results for ~30% of queries');
    expect(d.resolution.text).toMatch(/flipped the alias back to products-v42/);
    expect(d.status).toBe('resolved');
    expect(d.followUps).toEqual([expect.objectContaining({ action: 'make the job wait for the warmup', owner: 'Tom Becker' })]);
  });

  it('a triage runbook: the prose of its Verify section is verification, not what the runbook is for', () => {
    const d = one('runbook-en-triage', 'runbooks').data;
    expect(d.summary).toBeUndefined();
    expect(texts(d.verification)).toMatch(/^p99 under 300 ms/);
    expect(d.steps).toHaveLength(3);
  });
});

describe('a decision that says why one option won over another', () => {
  it('«Почему Loki, а не Elasticsearch:» and its list: Loki chosen for those reasons, Elasticsearch given up', () => {
    const d = one('adr-ru-why-over', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['Loki', true],
      ['Elasticsearch', false],
    ]);
    expect(d.options[0].reasons).toBe('индексируются только метки, хранение в 5 раз дешевле; S3 уже есть и его не надо обслуживать');
  });
});

describe('report headers and review sections in Korean and Russian', () => {
  it('a Korean report with a header table: "[장애 보고]" leaves the title; 잘한 점 / 아쉬운 점 are what went well and wrong', () => {
    const d = one('postmortem-ko-header-table', 'incidents').data;
    expect(d.title.text).toBe('로그인 실패 급증 (2026-08-21)');
    // The header's "발생 일시" / "종료 일시" say when, with their zone.
    expect(d).toMatchObject({ started: { text: '09:12 KST' }, detected: { text: '09:15' }, resolved: { text: '09:58 KST' }, severity: 'sev2' });
    expect(d.impact.text).toBe('모바일 앱 로그인 요청의 약 35% 실패');
    expect(texts(d.whatWentWrong)).toBe('원인 파악에 19분이 걸렸습니다');
  });

  it('a Russian postmortem: «Что пошло хорошо/плохо» reach their fields, and the title starts with a capital after «Постмортем:»', () => {
    const d = one('postmortem-ru-went-well', 'incidents').data;
    expect(d.title.text).toBe('Недоступность API доставки 2 сентября');
    expect(texts(d.whatWentWell)).toBe('Алерт сработал через 4 минуты');
    expect(texts(d.whatWentWrong)).toBe('Откат занял 30 минут: не было готовой команды');
    expect(d.followUps.map((f: { owner: string; status: string }) => [f.owner, f.status])).toEqual([
      ['Антон', 'open'],
      ['Лена', 'done'],
    ]);
  });
});

describe('Google Chat copies, numbered choices and a runbook named by its technology', () => {
  it('a Google Chat copy (Anna Petrova, 10:42 AM): a chat incident with its cause, rollback and follow-up owner', () => {
    expect(sources.get('chat-en-google-chat')!.data.kind).toBe('chat');
    const d = one('chat-en-google-chat', 'incidents').data;
    expect(d.rootCause.text).toBe('the new build had the wrong DB host in its config');
    expect(d.resolution.text).toMatch(/rolled back cart-service to 4\.1\.2/);
    expect(d.followUps[0]).toMatchObject({ action: 'add config validation to the deploy pipeline', owner: 'Tom Reed' });
  });

  it('MADR\'s "Chosen option: 2": the second option listed is the chosen one, and no option is named "2"', () => {
    const d = one('adr-en-madr-numbered', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['RabbitMQ', false],
      ['Amazon SQS', true],
      ['Keep polling with a bigger batch', false],
    ]);
  });

  it('a Korean runbook for an alert: the service is the technology its title names, not a word cut from the alert', () => {
    const d = one('runbook-ko-kafka-lag', 'runbooks').data;
    expect(d.service.text).toBe('Kafka');
    expect(d.steps.map((s: { commands: string[] }) => s.commands.length)).toEqual([1, 1, 0]);
  });
});

describe('memos a recogniser punctuated, in one paragraph', () => {
  it('English: each time\'s event is its own sentence, topics cut at "It turned out" and "We flushed", the owner named with "owns"', () => {
    const d = one('voice-en-punctuated', 'incidents').data;
    expect(d.title.text).toBe('Checkout page started timing out for about a third of users');
    expect(d.timeline.map((e: { event: string }) => e.event)).toEqual([
      'At 20:15 the checkout page started timing out for about a third of users.',
      'We got the first page at 20:22 from the latency alert.',
      'We flushed the expired keys and raised maxmemory at 20:50',
      'checkout was back to normal at 20:58.',
    ]);
    expect(d.rootCause.text).toBe('It turned out the Redis cluster for sessions had run out of memory because a new feature stored the full cart in the session.');
    expect(d.resolution.text).toMatch(/^We flushed the expired keys/);
    expect(d.followUps[0]).toMatchObject({ action: 'move carts out of the session', owner: 'Priya' });
  });

  it('Russian: «Алерт пришёл в 19:55» is the detection and its own entry, «Мы выкатили фикс» the fix, «догрузились» the end', () => {
    const d = one('voice-ru-punctuated', 'incidents').data;
    expect(d).toMatchObject({ started: { text: '19:40' }, detected: { text: '19:55' }, resolved: { text: '20:45' }, status: 'resolved' });
    expect(d.timeline.map((e: { time: string; event: string }) => e.event)[1]).toBe('Алерт пришёл в 19:55.');
    expect(d.resolution.text).toMatch(/^Мы выкатили фикс парсера/);
    expect(d.followUps.map((f: { action: string; owner?: string; due?: string }) => [f.action, f.owner, f.due])).toEqual([
      ['договориться со складом о версионировании API', 'Олег', undefined],
      ['добавить контрактный тест, я сам сделаю до пятницы', undefined, '2026-11-06'],
    ]);
  });
});

describe('assistant answers without a "Sure!"', () => {
  it('"Here\'s a summary … you shared:" is a lead-in: the bold line under it is the title, a sentence said twice is the impact once', () => {
    const d = one('ai-summary-en-bullets', 'incidents').data;
    expect(d.title.text).toBe('Payment provider timeouts (Nov 14, 2026)');
    expect(d.impact.text).toBe('Between 16:02 and 16:41 UTC, about 12% of card payments failed with gateway timeouts.');
    expect(d.followUps.map((f: { owner: string }) => f.owner)).toEqual(['Marta', 'Ben']);
  });

  it('a Korean answer («네, … 정리했습니다.», "### 📌 장애 요약" of labels): titled by what went wrong, «조치:» is the fix and no trigger', () => {
    const d = one('ai-summary-ko-labels', 'incidents').data;
    expect(d.title.text).toBe('앱 푸시 발송 지연, 약 8만 건');
    expect(d.resolution.text).toBe('새 키 발급 후 14:00 배포');
    expect(d.trigger).toBeUndefined();
    expect(d).toMatchObject({ rootCause: { text: 'FCM 인증 키 만료' }, started: { text: '13:20' }, draft: false });
  });
});

describe('how-tos written as problem and solution', () => {
  it('English: "## Solution" holds the steps and "## If that does not work" the escalation', () => {
    const d = one('runbook-en-problem-solution', 'runbooks').data;
    expect(d.steps).toHaveLength(3);
    expect(d.steps[2].commands).toEqual(['kcadm.sh update users/<id> -r internal -s enabled=true']);
    expect(texts(d.escalation)).toBe('Contact the identity team in #iam-help');
  });

  it('Russian: «Решение» under a runbook\'s title is its procedure, not a decision record', () => {
    expect(from('runbook-ru-problem-solution').map((doc) => doc.collection)).toEqual(['runbooks']);
    const d = one('runbook-ru-problem-solution', 'runbooks').data;
    expect(d.steps.map((s: { commands: string[] }) => s.commands[0])).toContain('systemctl reload nginx');
  });
});

describe('a template filled in part way', () => {
  it('a section still holding the template\'s instruction gives nothing; the field is read from the story instead', () => {
    const d = one('postmortem-en-half-template', 'incidents').data;
    expect(d.impact.text).toMatch(/returned 503 for 20% of requests/);
    expect(d.followUps).toHaveLength(1);
  });
});

describe('plain notes in lower case', () => {
  it('English: "incident notes - " leaves the title, a short first word keeps its case, "X at 10:20, Y at 10:31" is one entry per item', () => {
    const d = one('notes-en-plain-lowercase', 'incidents').data;
    expect(d.title.text).toBe('cdn purge failure 2026-11-20');
    expect(d.timeline.map((e: { time: string; event: string }) => `${e.time} ${e.event}`).slice(1)).toEqual([
      '10:20 new token issued at 10:20',
      '10:31 full purge at 10:31',
      '10:40 images fresh by 10:40.',
    ]);
    expect(d.followUps.map((f: { owner: string }) => f.owner)).toEqual(['me', 'anton']);
  });

  it('Russian: «что было» is what happened, so its stated range and its users are the start, end and impact', () => {
    const d = one('notes-ru-plain-labels', 'incidents').data;
    expect(d.title.text).toBe('Не приходили смс с кодами, 18.11.2026');
    expect(d.impact.text).toBe('с 21:05 до 21:50 смс-коды входа не доставлялись примерно 40% пользователей');
    expect(d).toMatchObject({ started: { text: '21:05' }, resolved: { text: '21:50' }, status: 'resolved' });
  });
});

describe('record tables and timelines without a summary', () => {
  it('an ADR whose record table has its first field as the header row (| Status | Accepted |): the status is read; "Positive:"/"Negative:" mark the sides', () => {
    const d = one('adr-en-header-row', 'adrs').data;
    expect(d).toMatchObject({ status: 'accepted', date: { text: '2026-09-01' }, deciders: ['Infra guild'] });
    expect(texts(d.consequences.positive)).toBe('licence is MPL, community providers keep working');
    expect(texts(d.consequences.negative)).toBe("we must track OpenTofu's divergence from Terraform features");
  });

  it('a postmortem without a summary whose timeline is bold times: the timeline is no summary', () => {
    const d = one('postmortem-en-bold-times', 'incidents').data;
    expect(d.summary.text).not.toMatch(/10:02/);
    expect(d.timeline).toHaveLength(5);
    expect(d).toMatchObject({ severity: 'sev3', detected: { text: '10:15' }, resolved: { text: '10:52' } });
  });
});

describe('follow-ups as public postmortems write them', () => {
  it('a ✅ is done, a [PR](…) link or a link under the item is its ticket, "Owner: @dana" its owner', () => {
    const d = one('postmortem-en-action-links', 'incidents').data;
    expect(d.followUps.map((f: Record<string, string>) => [f.action, f.status, f.ticket, f.owner])).toEqual([
      ['Pinned the export workers to client 5.2', 'done', undefined, undefined],
      ['Add a protocol compatibility test to the queue upgrade checklist', 'open', 'https://github.com/acme/queue-infra/pull/812', undefined],
      ['Alert on exports older than 30 minutes', 'open', 'https://github.com/acme/exports/issues/77', undefined],
      ['Document the supported protocol versions', 'open', undefined, '@dana'],
    ]);
  });
});

describe('follow-ups written with a box character, as Word and Docs export a to-do', () => {
  it('☒ is done, ☐ open, and neither stays in the action', () => {
    const cites = [{ source: 'x', lines: [1, 1] as [number, number] }];
    expect(readFollowUp('☒ Add jitter to cache TTLs (Ana)', cites, {})).toMatchObject({ action: 'Add jitter to cache TTLs', owner: 'Ana', status: 'done' });
    expect(readFollowUp('☐ Load test cold cache (Bo, due 2026-05-20)', cites, {})).toMatchObject({ action: 'Load test cold cache', owner: 'Bo', due: '2026-05-20', status: 'open' });
  });
});

describe('fourth round: forms written fresh, each fault fixed by a rule about its form', () => {
  it('a Korean Slack copy: "롤백 완료", "…로 돌아왔습니다" end it, "@here" leaves the title, "영향 범위는" gives the impact, "후속으로" one follow-up per sentence', () => {
    const d = one('chat-ko-slack-login', 'incidents').data;
    expect(d.title.text).toBe('로그인 API 응답이 5초 넘게 걸립니다');
    expect(d.status).toBe('resolved');
    expect(d.detected.text).toBe('14:14');
    expect(d.impact.text).toBe('약 40분 동안 로그인 시도의 절반 정도가 타임아웃났어요');
    expect(d.trigger.text).toBe('박지훈: 1시 50분에 배포된 버전에서 비밀번호 해시 라운드가 10에서 14로 올라갔어요');
    // "제가" is the writer; "유나 씨는" the one addressed, named as the channel knows her.
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['배포 전에 로그인 부하 테스트 추가', '박지훈'],
      ['해시 라운드 설정을 환경 변수로 빼주세요', '최유나'],
    ]);
  });

  it('a Korean MADR: "검토한 선택지" are the options, "선택지별 장단점" their pros and cons, 좋은 점/나쁜 점 and 좋음/나쁨 the marks, a 때문입니다 sentence the reasons', () => {
    const d = one('adr-ko-madr-marks', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['Kubernetes CronJob', false], ['Argo Workflows', true], ['Airflow', false]]);
    expect(d.options[0].reasons).toBe('작업 간 의존성 표현 불가');
    expect(d.options[1].reasons).toMatch(/이미 Argo CD를 쓰고 있어 .* 때문입니다$/);
    expect(texts(d.consequences.positive)).toBe('실패한 단계만 다시 실행할 수 있습니다 | 작업 이력이 UI에 남습니다');
    expect(texts(d.consequences.negative)).toBe('워크플로 YAML 작성법을 팀이 새로 배워야 합니다');
  });

  it('an AI summary of bold labels over wrapped lines: the title is the first sentence without its day, each timeline entry its whole sentence, impact not taken from "How it was found:"', () => {
    const d = one('ai-summary-en-bold-wrapped', 'incidents').data;
    expect(d.title.text).toBe('The geo-lookup service started returning stale country data for IP ranges reassigned in October');
    expect(d.impact.text).toBe('Checkout applied the wrong VAT rate for about 1,100 orders in the EU between 06:00 and 14:30 CET.');
    expect(d.detection.text).toMatch(/^A finance analyst noticed/);
    expect(d.timeline.map((e: { time: string; event: string }) => [e.time, e.event])).toEqual([
      ['06:00', 'Checkout applied the wrong VAT rate for about 1,100 orders in the EU between 06:00 and 14:30 CET.'],
      ['14:30', 'The download URL was updated, the database refreshed at 14:30, and the affected orders were recalculated by the billing team.'],
    ]);
    expect(d.timeline[0].cite[0].lines).toEqual([4, 5]);
  });

  it('a title heading that says more than a label ("Выбор брокера …", "Alert Runbook: X") is the title; "Incident Review:" and "Alert Runbook:" leave it', () => {
    expect(one('adr-ru-madr-title-word', 'adrs').data.title.text).toBe('Выбор брокера сообщений для уведомлений');
    const runbook = one('runbook-en-alert-meaning', 'runbooks').data;
    expect(runbook.title.text).toBe('PaymentsHighLatency');
    // What the alert means names the service it watches.
    expect(runbook.service.text).toBe('payments-api');
    expect(one('postmortem-en-owner-due-tail', 'incidents').data.title.text).toBe('Search indexing stalled');
  });

  it('an action item\'s tail with its labels ("— Owner: Ravi — Due: Nov 19") gives owner and due', () => {
    const d = one('postmortem-en-owner-due-tail', 'incidents').data;
    expect(d.followUps.map((f: { action: string; owner?: string; due?: string }) => [f.action, f.owner, f.due])).toEqual([
      ['Alert when indexing lag exceeds 10 minutes', 'Ravi', '2026-11-19'],
      ['Refresh the schema cache on a schema_changed event', 'Li Wei', '2026-12-03'],
      ['Add the search team to the migrations review list', 'Ravi', undefined],
    ]);
  });

  it('a Russian WhatsApp chat: «каталог открывается», «всё работает» end it, «причина — …» is its analysis, «…недоступен у всех» the impact, promises after it was over the follow-ups', () => {
    const d = one('chat-ru-whatsapp-catalog', 'incidents').data;
    expect(d.status).toBe('resolved');
    // «Перезапустила, каталог открывается»: it works again from then.
    expect(d.resolved.text).toBe('08:52');
    expect(d.impact.text).toBe('Минут 12 каталог был недоступен у всех');
    // The cause stops where the promise after it starts.
    expect(d.rootCause.text).toBe('кеш категорий без TTL и лимита.');
    expect(d.resolution.text).toMatch(/^08:47 Ирина Соколова: .*Поднимаю лимит памяти до 4 ГБ и перезапускаю/);
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['08:41', '08:42', '08:44', '08:47', '08:52', '08:53', '09:05']);
    // 12.11.26 is a Thursday: «до пятницы» is the next day.
    expect(d.followUps.map((f: { action: string; owner?: string; due?: string }) => [f.action, f.owner, f.due])).toEqual([
      ['Сделаю до пятницы ограничение размера кеша', 'Ирина Соколова', '2026-11-13'],
      ['добавлю алерт на рестарты подов', 'Олег Петров', undefined],
    ]);
  });

  it("an incident bot's declaration names the incident and gives its labelled severity; the first 'back to baseline' is when it ended", () => {
    const d = one('chat-en-incident-bot', 'incidents').data;
    expect(d.title.text).toBe('Elevated 5xx on public API');
    expect(d.severity).toBe('major');
    expect(d.resolved.text).toBe('10:31');
    expect(d.timeline.find((e: { time: string }) => e.time === '10:33').event).toBe('incident.io: INC-482 resolved by @dana');
  });

  it('an English memo run on without stops, times said in words: each field is the clause that tells it, fillers left out', () => {
    const d = one('voice-en-run-on-spoken-times', 'incidents').data;
    expect(d.title.text).toBe('Primary postgres for orders went read only');
    // "eight forty" without am/pm is written as said.
    expect(d.started.text).toBe('8:40');
    expect(d.impact.text).toBe("orders couldn't be placed for about fifteen minutes");
    expect(d.rootCause.text).toBe('because the disk filled up with wal files the replication slot for the analytics replica was stuck so nothing got cleaned up');
    expect(d.detection.text).toBe('we got the page at eight forty three from the write errors alert');
    expect(d.resolution.text).toBe('I dropped the stale slot and the wal got recycled and writes came back at eight fifty five');
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['8:40', '8:43', '8:55']);
    expect(d.timeline[0].event).toMatch(/went read only at like eight forty$/);
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['add an alert on replication slot lag', undefined],
      ['look at moving analytics off logical replication', 'Priya'],
    ]);
  });

  it('a Korean memo: a bare hour after "밤 10시" is in the evening, "빈 결과", "…분 동안 …안 됐습니다", "되돌려서", "문의가 들어와서", "앞으로는 …겠습니다" give title, impact, fix, detection and a follow-up', () => {
    const d = one('voice-ko-search-alias', 'incidents').data;
    // What failed is said whole after the time, with its particle: "상품 검색이 …".
    expect(d.title.text).toBe('상품 검색이 전부 빈 결과를 돌려주기 시작했습니다');
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['22:05', '22:20', '22:31']);
    expect(d.impact.text).toBe('약 25분 동안 검색이 안 됐습니다.');
    expect(d.resolution.text).toBe('별칭을 이전 인덱스로 되돌려서 10시 31분에 복구됐습니다.');
    expect(d.detection.text).toMatch(/^고객 문의가 들어와서/);
    expect(d.followUps).toEqual([expect.objectContaining({ action: '별칭 전환 전에 문서 수를 확인하는 단계를 넣겠습니다', owner: '박서준' })]);
  });

  it('a Russian assistant summary of bold labels: a label after its colon ("**Как исправили:**") leaves the timeline entry', () => {
    const d = one('ai-summary-ru-bold-labels', 'incidents').data;
    expect(d.timeline.map((e: { time: string; event: string }) => [e.time, e.event])).toContainEqual(['04:10', 'добавили новый корневой сертификат в хранилище 1С и перезапустили выгрузку в 04:10']);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Сергей', undefined], ['Марина', '2026-10-25']]);
  });

  it('an RFC: "RFC-031:" leaves the title, and the option its title moves to ("from Jenkins to GitHub Actions") is the one chosen', () => {
    const d = one('adr-en-rfc-move-to', 'adrs').data;
    expect(d.title.text).toBe('Move CI from Jenkins to GitHub Actions');
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['GitHub Actions', true],
      ['Stay on Jenkins and pin plugins', false],
      ['GitLab CI', false],
      ['Buildkite', false],
    ]);
  });

  it('a plain-text runbook: "Если …" over numbered steps whose commands follow a colon', () => {
    const d = one('runbook-ru-plain-situation', 'runbooks').data;
    expect(d.steps.map((s: { commands: string[] }) => s.commands[0])).toEqual([
      'kubectl -n mail get pods -l app=mail-worker',
      'kubectl -n mail logs -l app=mail-worker --tail=100',
      'kubectl -n mail rollout restart deploy/mail-worker',
      'rabbitmqctl list_queues name messages | grep mail',
    ]);
    expect(d.escalation[0].text).toMatch(/писать в #mail-oncall/);
  });

  it('a Telegram Desktop copy: «лёг», "429" are failures, «останавливаю …» the fix, the cause stops before «на будущее», whose verbs are the writer\'s follow-ups', () => {
    const d = one('chat-ru-telegram-desktop-copy', 'incidents').data;
    expect(d.title.text).toBe('У нас лёг поиск по каталогу, эластик отвечает 429');
    expect(d.detected.text).toBe('23:14');
    expect(d.rootCause.text).toBe('ночная переиндексация запустилась одновременно с пиком.');
    expect(d.resolution.text).toMatch(/останавливаю крон и переиндексацию/);
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['перенесу крон на 04:00', 'Мария Белова'],
      ['добавлю лимит на bulk', 'Мария Белова'],
    ]);
  });

  it('a Korean postmortem under emoji headings: its title is the summary without its span ("2026-08-12 15:20~15:48(KST) 동안")', () => {
    expect(one('postmortem-ko-emoji-headings', 'incidents').data.title.text).toBe('모바일 앱 로그인이 실패했습니다');
  });

  it('a Russian Y-statement wrapped over lines, with «отвергнув …»: decision, context and each option left aside', () => {
    const d = one('adr-ru-y-statement-wrapped', 'adrs').data;
    expect(d.decision.text).toBe('вынести их в очередь на Celery с Redis');
    expect(d.context.text).toMatch(/^сервиса отчётов; столкнувшись с тем, что тяжёлые выгрузки блокируют веб-воркеры/);
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['вынести их в очередь на Celery с Redis', true],
      ['выполнение в отдельном потоке', false],
      ['cron-задачи', false],
    ]);
    expect(d.draft).toBe(false);
  });

  it('a Russian assistant page with UI chrome: «Решение — …» under the postmortem is an ADR of its own', () => {
    const made = from('ai-summary-ru-page-two-documents').map((d) => [d.collection, d.data.title.text]).sort();
    expect(made).toEqual([
      ['adrs', 'Адреса внешних API хранить в сервисе конфигурации'],
      ['incidents', '2026-11-03 оплата через СБП не проходила'],
    ]);
    const adr = one('ai-summary-ru-page-two-documents', 'adrs').data;
    expect(adr.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['оставить в конфиге сервиса', false], ['переменные окружения', false], ['Consul KV', true]]);
    expect(adr.status).toBe('accepted');
  });

  it('English meeting notes: a numbered topic with "Decided:" is an ADR (no ADR number from the list, no "(decision)" in its title), and "… — what to do when it happens again" with steps a runbook', () => {
    const made = from('meeting-en-decision-and-runbook').map((d) => [d.collection, d.data.title.text]).sort();
    expect(made).toEqual([
      ['adrs', 'Log retention'],
      ['runbooks', 'Loki ingester OOM — what to do when it happens again'],
    ]);
    const adr = one('meeting-en-decision-and-runbook', 'adrs').data;
    expect(adr.number).toBeUndefined();
    expect(adr.decision.text).toMatch(/^7 days hot \+ 90 days cold\./);
    expect(adr.options.find((o: { chosen: boolean }) => o.chosen).name).toBe('7 days hot + 90 days in cold object storage');
    // Attendees are not deciders.
    expect(adr.deciders).toEqual([]);
  });

  it('beside a section that names itself an ADR, a section titled with its situation and holding steps is a runbook', () => {
    expect(from('notes-ru-adr-and-situation').map((d) => d.collection).sort()).toEqual(['adrs', 'runbooks']);
  });

  it("templates nobody filled in are no documents: one of instructions under its own 'Template' title, MADR's {braces}, a runbook of <angle> placeholders", () => {
    expect(from('template-en-instructions')).toEqual([]);
    expect(from('template-en-madr-braces')).toEqual([]);
    expect(from('template-en-runbook-angles')).toEqual([]);
    // What each section is for ("Brief description of …", "How to confirm …", "1. Step"), [bracketed] names in its commands.
    expect(from('template-en-alert-brackets')).toEqual([]);
    expect(from('template-en-runbook-sections')).toEqual([]);
    // Sections that only ask their question; "# TITLE" over "Proposed | Accepted | Deprecated".
    expect(from('template-en-nygard-questions')).toEqual([]);
    expect(from('template-en-adr-title-word')).toEqual([]);
    // MADR's bare template: <!-- comments --> for every value, reasons left at "Good, because".
    expect(from('template-en-madr-bare-comments')).toEqual([]);
    // The same shape filled in is a record.
    expect(one('adr-en-adr-tools-first', 'adrs').data.decision.text).toMatch(/^We will use Architecture Decision Records/);
  });

  it('a plain-text report in capitals: "ROOT CAUSE" over a blank line is a heading, "PREVENTIVE MEASURES" the follow-ups, the title in sentence case', () => {
    const d = one('postmortem-en-plain-capitals', 'incidents').data;
    expect(d.title.text).toBe('Photo uploads unavailable');
    expect(d.rootCause.text).toMatch(/^The certificate on the storage gateway was issued manually/);
    expect(d.resolution.text).toBe('We issued a new certificate, installed it on gw-storage-01 and reloaded the gateway.');
    expect(d.followUps).toHaveLength(3);
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['2:10 PM', '2:18 PM', '2:25 PM', '2:41 PM', '2:58 PM', '3:05 PM']);
  });

  it('a page\'s HTML saved as a .md note is read as HTML: its <h2>s are sections, its <li>s the timeline; "took up to 12 seconds" is no duration', () => {
    const d = one('postmortem-en-pasted-html', 'incidents').data;
    expect(d.title.text).toBe('Search latency spike');
    expect(d.rootCause.text).toBe("A reindex job started during business hours and saturated the cluster's disk I/O.");
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['09:12', '09:20', '09:40', '09:47']);
    expect(d.duration).toBeUndefined();
    expect(sources.get(d.sources[0])!.data.reader).toBe('html');
  });

  it('a call transcript saved as JSON (who said what) is read as the call was spoken, lower-case handles as its speakers', () => {
    const d = one('call-en-json-transcript', 'incidents').data;
    expect(d.resolution.text).toMatch(/rolling back the config change/);
    expect(d.resolved.text).toBe('10:21');
    expect(d.followUps).toEqual([expect.objectContaining({ action: 'add a config lint step to the deploy pipeline', owner: 'frank' })]);
    expect(sources.get(d.sources[0])!.data.reader).toBe('transcript');
  });

  it('a Russian runbook headed by questions: «Симптом:», «Что проверить», «Как чинить», «Как понять, что всё хорошо», «Кому звонить»', () => {
    const d = one('runbook-ru-question-headings', 'runbooks').data;
    expect(texts(d.symptoms)).toMatch(/^пользователи жалуются, что SMS с кодом не приходит/);
    expect(d.steps.flatMap((s: { commands: string[] }) => s.commands)).toEqual([
      'kubectl -n auth logs deploy/sms-gateway --since=10m | grep -c "provider error"',
      'kubectl -n auth set env deploy/sms-gateway SMS_PROVIDER=backup',
    ]);
    expect(texts(d.verification)).toBe('График sms_delivered_total снова растёт, жалобы прекращаются');
    expect(texts(d.escalation)).toMatch(/^Дежурный команды Авторизации/);
  });

  it('a postmortem template kept around its answers: the title under "# Incident Title", "This caused …" is no cause, "rolled over" the fix, unfilled stats ignored, "to begin investigating" no start', () => {
    const d = one('postmortem-en-title-heading-stats', 'incidents').data;
    expect(d.title.text).toBe('VPN gateway certificate expired');
    expect(d.rootCause.text).toBe('On Tuesday 4th August the client certificate of the VPN gateway expired.');
    // What "this" caused is the impact, without the title line under the heading.
    expect(d.impact.text).toBe('This caused every remote engineer to lose access to the internal network for most of the morning.');
    expect(d.resolution.text).toBe('Certificate rolled over on both gateways (08:55)');
    expect(d.detection.text).not.toMatch(/\?\?\?/);
    expect(d.started?.text).not.toBe('08:10');
    expect(d.status).toBe('resolved');
  });

  it('headings underlined ("Incident Summary" over "-------"): no underline in the fields, a "### Primary issue: …" subheading kept as words, none as a lesson', () => {
    const d = one('postmortem-en-setext-headings', 'incidents').data;
    expect(d.summary.text).toMatch(/^From March 3, 9:10 AM UTC to March 4, 11:40 PM UTC indexing throughput dropped by 80%/);
    expect(d.rootCause.text).toMatch(/^Primary issue: refresh on every bulk request\nThe upgrade changed how refresh=wait_for/);
    expect(d.lessons.map((l: { text: string }) => l.text).join(' | ')).not.toMatch(/-{3}|#|What went well/);
    // "### Immediate actions (completed)" are done, "### Planned actions (planned or in-progress)" open.
    expect(d.followUps.map((f: { status: string }) => f.status)).toEqual(['done', 'done', 'open', 'open']);
  });

  it('a timeline of days written with slashes under "## Timeline (all times PST) DATE RANGE. …": one entry a day, the first day dating it', () => {
    const d = one('postmortem-en-dated-timeline', 'incidents').data;
    expect(d.timeline.map((e: { date: string }) => e.date)).toEqual(['2026-10-02', '2026-10-14', '2026-10-21']);
    expect(d.date.text).toBe('2026-10-02');
  });

  it('a Russian memo on one line without stops: the fix opens at «в общем я выпустил …», the impact at «итого …», «мониторинг» inside a follow-up opens no topic, «это сделает Лена» names the owner', () => {
    const d = one('voice-ru-one-line-card-payments', 'incidents').data;
    expect(d.rootCause.text).toBe('оказалось что у нас истёк сертификат для подписи запросов к эквайрингу его никто не продлил потому что напоминание было на почте человека который уволился');
    expect(d.resolution.text).toBe('в общем я выпустил новый сертификат загрузил его в личный кабинет банка и перезапустил платёжный шлюз в 20:25 всё заработало');
    expect(d.impact.text).toBe('итого минут сорок пять не работала оплата картой заказов потеряли наверное штук триста');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['завести мониторинг срока сертификатов', undefined],
      ['перенести напоминания на общий ящик', 'Лена'],
    ]);
  });

  it('a Korean memo on one line: hours after "밤 11시" stay in the night (12시 20분 is 00:20), "그래서 제가 …" is the fix, "약 40분 동안 …" the impact, "…는 거랑" two follow-ups', () => {
    const d = one('voice-ko-one-line-push', 'incidents').data;
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['23:40', '23:52', '00:20']);
    expect(d.title.text).toBe('푸시 알림이 하나도 안 나갔어요');
    expect(d.resolution.text).toMatch(/^그래서 제가 새 키 발급해서 .* 정상화됐어요$/);
    expect(d.impact.text).toBe('약 40분 동안 푸시가 안 나갔고 주문 알림 못 받은 고객이 많을 거예요');
    expect(d.followUps).toHaveLength(2);
  });

  it('short incident chats: someone reverting or rolling back is a cue ("reverting now", «откатываю»), "p95 back under 300ms" and «откатил, админка открывается» end it, how long what was broken is the impact', () => {
    const en = one('chat-en-slack-revert', 'incidents').data;
    expect(en.status).toBe('resolved');
    expect(en.resolved.text).toBe('15:16');
    expect(en.impact.text).toBe('~20 min of slow checkouts, a few hundred timed out');
    // "Tom can you add …?" answered "yep, on it" by Tom is his.
    expect(en.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['write the postmortem', 'Priya Shah'],
      ['add the index behind a migration tomorrow', 'Tom Becker'],
    ]);
    const ru = one('chat-ru-admin-oom', 'incidents').data;
    expect(ru.impact.text).toBe('админка лежала минут 15, пострадали только сотрудники.');
    expect(ru.duration.text).toBe('минут 15');
    expect(ru.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Дина', 'Сергей']);
  });

  it('Korean step headings "## 1단계: …" are the steps, each with its command block', () => {
    const d = one('runbook-ko-numbered-stage-headings', 'runbooks').data;
    expect(d.steps.map((s: { text: string }) => s.text)).toEqual(['지연 확인', '무거운 쿼리 확인', '배치 작업 중지', '확인']);
    expect(d.steps[2].commands).toEqual(['kubectl -n batch scale cronjob/settlement --replicas=0']);
    expect(d.draft).toBe(false);
  });

  it('a record table\'s «Варианты» row lists the options, «(выбран)» marking the chosen one', () => {
    const d = one('adr-ru-record-table-options', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['текстовые логи как есть', false], ['logfmt', false], ['JSON', true]]);
  });

  it('an assistant\'s "Key points" of labels: "When:" dates it, "What broke:" is the impact and the title; a list of other fields is no summary', () => {
    const d = one('ai-summary-en-key-points', 'incidents').data;
    expect(d.title.text).toBe('the public GraphQL API returned 502 for about half of the requests');
    expect(d.date.text).toBe('2026-07-22');
    expect(d.impact.text).toBe('the public GraphQL API returned 502 for about half of the requests');
    expect(d.summary).toBeUndefined();
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Rafael', 'Mei']);
  });

  it('an alert runbook of subsections without commands: each step is its heading and what its text tells to do', () => {
    const d = one('runbook-en-alert-subsections', 'runbooks').data;
    expect(d.steps.map((s: { text: string }) => s.text)).toEqual([
      'Consumers not running: Check that the consumer deployment has its replicas ready in the orders namespace',
      'Broker overloaded: open the broker dashboard and look at the memory watermark panel',
      'Restart the consumers: Restart the consumer deployment from the deploy pipeline; it reconnects to the broker on start',
    ]);
  });

  it('sections the writer marked unwritten ("TBD. Something about …") say nothing; "Started working on a cleanup script" is no start of the impact', () => {
    const d = one('postmortem-en-tbd-sections', 'incidents').data;
    expect(d.summary).toBeUndefined();
    expect(d.lessons).toEqual([]);
    expect(d.started.text).toBe('08:10');
  });

  it('remediation as a "### Completed" list and an "### In Progress" table: both, in order, done and open, the table\'s header no item; "Stabilized" ends it', () => {
    const d = one('postmortem-en-remediation-list-and-table', 'incidents').data;
    expect(d.followUps.map((f: { action: string; status: string }) => [f.action, f.status])).toEqual([
      ['Moved the oversized report to a dedicated queue', 'done'],
      ['Capped export retries at three', 'done'],
      ['Stream large reports instead of loading them whole', 'open'],
      ['Alert on export queue length', 'open'],
    ]);
    expect(d.status).toBe('resolved');
    expect(d.resolved.text).toBe('18:20');
  });

  it('a Korean report: "2등급" is the severity, "장애 내용" what happened and the impact ("…못했습니다"), "문의로 인지" the detection, 완료/진행 중 the follow-ups\' states', () => {
    const d = one('postmortem-ko-report-table-nested-causes', 'incidents').data;
    expect(d.severity).toBe('sev2');
    expect(d.impact.text).toMatch(/신규 가입자 약 1,800명이 인증을 완료하지 못했습니다/);
    expect(d.detected.text).toBe('09:40');
    expect(d.rootCause.text).toMatch(/API 키가 만료되어/);
    expect(d.followUps.map((f: { status: string }) => f.status)).toEqual(['done', 'open']);
    expect(d.draft).toBe(false);
  });

  it('a DACI decision page (Confluence): Driver/Approver and Outcome rows, Background, options across the columns of a table — an ADR, not an incident', () => {
    expect(from('adr-en-daci-confluence').map((d) => d.collection)).toEqual(['adrs']);
    const d = one('adr-en-daci-confluence', 'adrs').data;
    expect(d.decision.text).toBe('We use Unleash, self-hosted');
    expect(d.context.text).toMatch(/^Feature flags live in a YAML file/);
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['LaunchDarkly', false], ['Unleash (self-hosted)', true], ['keep YAML files', false]]);
    expect(d.options[0].reasons).toMatch(/^Description: SaaS feature flags; Pros and cons: \+ mature SDKs/);
    expect(d.deciders).toContain('Lukas Meyer');
  });

  it('«Приоритет | P1» is the severity and «Корректирующие действия» the follow-ups; a "Sev1 retro —" title, "Why:" no part of the impact, "worked again" the end', () => {
    const ru = one('postmortem-ru-parameter-table', 'incidents').data;
    expect(ru.severity).toBe('p1');
    expect(ru.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Олег', '2026-09-30'], ['Надя', undefined]]);
    const en = one('postmortem-en-sev1-retro-canvas', 'incidents').data;
    expect(en.title.text).toBe('Login outage');
    expect(en.impact.text).toBe('for 22 minutes nobody could log in to the dashboard; SSO callbacks failed with a 500.');
    expect(en.status).toBe('resolved');
    expect(en.resolution.text).toBe('reverted the cookie domain config at 10:41');
  });

  it('a team sync with action items and a week\'s personal notes («упал с велосипеда», «сломался чайник») are no documents', () => {
    expect(from('meeting-en-platform-sync')).toEqual([]);
    expect(from('personal-ru-week')).toEqual([]);
    // A family chat of a fall, a broken staging deploy reverted, a failover rehearsed on a game day.
    expect(from('chat-ru-family')).toEqual([]);
    expect(from('chat-en-staging-revert')).toEqual([]);
    expect(from('chat-en-game-day')).toEqual([]);
  });
});

describe('fifth round: exports of incident tools, bracketed sections, mail replies, RFCs', () => {
  it('a key-timestamps table gives start, detection and end; "Impact started" is a moment, not the impact', () => {
    const d = one('postmortem-en-key-timestamps', 'incidents').data;
    expect([d.date.text, d.started.text, d.detected.text, d.resolved.text]).toEqual(['2026-10-02', '13:05', '13:22', '14:17']);
    expect(d.impact.text).not.toMatch(/^2026-10-02/);
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Jonas Berg', 'Lena Kraus']);
  });

  it('an incident tool\'s retrospective: "Started at / Detected at / Resolved at" rows win over the milestones, which are the timeline; "assigned to" names the owner', () => {
    const d = one('postmortem-en-retro-export', 'incidents').data;
    expect([d.date.text, d.started.text, d.detected.text, d.resolved.text]).toEqual(['2026-11-14', '09:12 UTC', '09:19 UTC', '10:30 UTC']);
    expect(d.timeline).toHaveLength(5);
    expect(d.followUps.map((f: { action: string; owner?: string; ticket?: string; status: string }) => [f.action, f.owner, f.ticket, f.status])).toEqual([
      ['Pre-pull images on new nodes with a DaemonSet', 'Marco Rossi', 'PLAT-881', 'open'],
      ['Alert on upstream pool saturation', 'Priya Natarajan', 'PLAT-882', 'open'],
      ['Raise gateway keepalive to 256', 'Marco Rossi', undefined, 'done'],
    ]);
  });

  it('a plain-text Korean report whose sections are names in brackets ("[원인]"); "~12/10" is a due date', () => {
    const d = one('postmortem-ko-bracket-sections', 'incidents').data;
    expect(d.severity).toBe('sev3');
    expect(d.rootCause.text).toMatch(/^스토리지 버킷의 수명 주기 정책/);
    expect(d.impact.text).toMatch(/1,200명이 파일을 보내지 못했습니다/);
    expect([d.started.text, d.resolved.text]).toEqual(['14:10', '15:02']);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['김민수', '2026-12-10'], ['박지영', undefined]]);
  });

  it('a mail reply: its sender is the "I" of a follow-up, and the quoted "On … wrote:" line is no moment of the incident', () => {
    const d = one('email-en-reply-quoted', 'incidents').data;
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['Kai will add a config schema check for cookie settings by Nov 24', 'Kai'],
      ['add a synthetic login probe that pages on failure', 'Dana Whitfield'],
    ]);
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['15:02', '15:44', '15:47']);
  });

  it('an RFC\'s «Предлагается» is its decision', () => {
    const d = one('adr-ru-rfc-proposal', 'adrs').data;
    expect(d.draft).toBe(false);
    expect(d.decision.text).toBe('Перенести сессии в Redis с TTL 14 дней.');
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['Перенести сессии в Redis с TTL 14 дней', true],
      ['Хранить сессии в PostgreSQL', false],
      ['JWT без серверного состояния', false],
    ]);
  });
  it('a Korean decision record: "결정 배경" is the context, "결정 내용" the decision, "영향" its consequences, "…야 합니다" a cost; "결정 기록 007" its number', () => {
    const d = one('adr-ko-decision-record', 'adrs').data;
    expect(d.title.text).toBe('로그 수집기를 Fluent Bit으로 교체');
    expect(d.number).toBe('007');
    expect(d.context.text).toMatch(/^현재 Logstash 에이전트가/);
    expect(d.decision.text).toMatch(/^모든 노드의 로그 수집기를 Fluent Bit으로 교체합니다/);
    expect(d.options.filter((o: { chosen: boolean }) => o.chosen).map((o: { name: string }) => o.name)).toEqual(['모든 노드의 로그 수집기를 Fluent Bit으로 교체합니다']);
    expect(texts(d.consequences.positive)).toBe('노드당 메모리 사용량이 100MB 이하로 줄어듭니다');
    expect(texts(d.consequences.negative)).toBe('기존 Logstash 필터를 중앙으로 옮겨야 합니다');
  });

  it('a memo in lower case: a stop before a small letter ends a sentence, "about half an hour of …" is the impact, "I\'m going to" and "Anna should" the follow-ups', () => {
    const d = one('voice-en-lowercase-sentences', 'incidents').data;
    expect(d.resolution.text).toBe('I killed the reindex at nine forty and latency went back to normal within five minutes.');
    expect(d.impact.text).toBe('so about half an hour of slow search for everyone.');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ["move the cron back and add a check so reindex can't run during peak hours", undefined],
      ['look at why the alert took five minutes', 'Anna'],
    ]);
  });

  it('an assistant\'s Korean page: "한 줄 요약" is the summary, "10시 5분부터 10시 48분까지" the start and end (not a span of 5 minutes), "…실패했습니다" the impact', () => {
    const d = one('ai-summary-ko-one-line', 'incidents').data;
    expect(d.draft).toBe(false);
    expect(d.title.text).not.toBe('한 줄 요약');
    expect([d.date.text, d.started.text, d.resolved.text]).toEqual(['2026-11-03', '10:05', '10:48']);
    expect(d.duration).toBeUndefined();
    expect(d.impact.text).toMatch(/쿠폰 발급 API가 실패했습니다/);
  });

  it('a table timeline whose fix is "Import paused" gives the resolution', () => {
    const d = one('postmortem-en-paused-timeline', 'incidents').data;
    expect(d.draft).toBe(false);
    expect(d.resolution.text).toBe('Import paused; purges batched by hand (14:05)');
  });

  it('a Russian decision thread without an options list: the options are those voted for («я за»), weighed («тяжеловата») and ruled out («не рассматриваем»)', () => {
    const d = one('chat-ru-queue-decision', 'adrs').data;
    expect(d.decision.text).toMatch(/^берём RabbitMQ/);
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['RabbitMQ', true], ['Kafka', false], ['SQS', false]]);
    expect(d.options[2].reasons).toBe('SQS не рассматриваем, мы не в AWS');
  });
  it('a decision record with "Decision Considerations" (its drivers, not its decision) and "### Positive" / "### Negative" under its consequences', () => {
    const d = one('adr-en-considerations-positive-negative', 'adrs').data;
    expect(texts(d.drivers)).toBe('Cost per terabyte | Retention rules without scripts | Access from CI runners in two regions');
    expect(d.decision.text).toMatch(/^We have decided to move build artifacts to Amazon S3/);
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['MinIO on our own hardware', false], ['Amazon S3', true], ['Keep the NFS share', false]]);
    expect(d.consequences.positive.map((c: { text: string }) => c.text.split(':')[0])).toEqual(['No capacity planning', 'Retention by rule']);
    expect(d.consequences.negative.map((c: { text: string }) => c.text.split(':')[0])).toEqual(['Egress cost', 'New credentials']);
  });
  it('an incident database record: "start_time" / "end_time" in its frontmatter are moments, and a day written before a time dates that entry and the ones after it', () => {
    const d = one('incident-db-record-frontmatter', 'incidents').data;
    expect(d.title.text).toBe('Regional payment switch outage (vendor report, 3 Mar 2026)');
    expect([d.date.text, d.started.text, d.resolved.text]).toEqual(['2026-02-27', '06:10', '11:45']);
    expect(d.timeline.map((e: { time: string; date: string }) => `${e.date} ${e.time}`)).toEqual(['2026-02-27 06:10', '2026-02-27 08:05', '2026-02-28 09:30', '2026-02-28 11:45']);
  });
  it('a docs site\'s record: a "| Created | Status |" table above its heading gives the date, the frontmatter title ("ADR022: …") the number and title', () => {
    const a = one('adr-en-docs-site-created-table', 'adrs').data;
    expect([a.number, a.title.text, a.date.text, a.status]).toEqual(['ADR021', 'pnpm workspaces', '2026-03-09', 'accepted']);
    const b = one('adr-en-docs-site-frontmatter-title', 'adrs').data;
    expect([b.number, b.title.text]).toEqual(['ADR022', 'Avoid default exports']);
    expect(b.decision.text).toBe('We have decided that new modules use named exports only.');
  });
  it('a plain Russian report: «Пострадали:» is the impact, and «до 10.12» after a follow-up is a due date, not a time of the timeline', () => {
    const d = one('postmortem-ru-plain-affected', 'incidents').data;
    expect(d.impact.text).toBe('около 600 клиентов не смогли войти, заказы не терялись.');
    expect(d.resolution.text).not.toMatch(/Пострадали/);
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['14:05', '14:18', '14:44', '14:50']);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Игорь', '2026-12-10'], ['Вера', undefined]]);
  });
  it('a Russian memo under a recorder\'s stamp: the stamp dates it and is no moment; «без четверти три», «половины четвёртого» are times, a correction («с трёх часов, нет, с …») takes the first back', () => {
    const d = one('voice-ru-stamp-spoken-hours', 'incidents').data;
    expect(d.title.text).toBe('Не работала выгрузка отчётов для бухгалтерии');
    expect(d.date.text).toBe('2026-12-02');
    expect([d.started.text, d.resolved.text]).toEqual(['2:45', '3:30']);
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['2:45', '3:30']);
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([['добавить тест на длинные запросы и закрепить версию драйвера', 'Лариса']]);
  });

  it('an assistant\'s Korean page in plain text: "…늦게 발송되었습니다" is the impact, "…로 복구" the fix, "지연 해소" the end', () => {
    const d = one('ai-summary-ko-plain-delay', 'incidents').data;
    expect(d.draft).toBe(false);
    expect(d.impact.text).toMatch(/늦게 발송되었습니다/);
    expect(d.resolution.text).toBe('워커 동시 처리 수 16으로 복구 (10:40)');
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['10:10', '10:21', '10:55 KST']);
  });
  it('a troubleshooting table ("| Symptom | Likely cause | Fix |") is a runbook: each row\'s fix a step for its symptom; a config file named alone is no command', () => {
    const d = one('runbook-en-troubleshooting-table', 'runbooks').data;
    expect(texts(d.symptoms)).toBe('Agent shows "disconnected" after a reboot | Jobs fail with "no space left on device" | Agent connects, but picks up no jobs');
    expect(d.steps.map((s: { text: string }) => s.text.split(':')[0])).toEqual(['Agent shows "disconnected" after a reboot', 'Jobs fail with "no space left on device"', 'Agent connects, but picks up no jobs']);
    expect(d.steps.map((s: { commands: string[] }) => s.commands)).toEqual([['sudo systemctl enable --now build-agent'], ['sudo find /opt/agent/work -maxdepth 1 -mtime +3 -exec rm -rf {} +'], []]);
  });
  it('an incident filed as a GitHub issue: "#815 reverts …" is the fix, a task\'s leading @mention its owner and "(#817)" its ticket', () => {
    const d = one('postmortem-en-github-issue-form', 'incidents').data;
    expect(d.draft).toBe(false);
    expect(d.resolution.text).toBe('#815 reverts the rotation (17:09)');
    expect(d.followUps.map((f: { action: string; owner?: string; ticket?: string; status: string }) => [f.action, f.owner, f.ticket, f.status])).toEqual([
      ['announce key rotations to partners a week ahead', 'dnovak', '#817', 'open'],
      ['accept both keys for 24 hours after a rotation', 'afaye', '#818', 'open'],
      ['revert #812', 'dnovak', '#815', 'done'],
    ]);
  });

  it('a Notion page with callout labels: a follow-up\'s "before 09:00" is no moment of the incident', () => {
    const d = one('postmortem-en-notion-callouts', 'incidents').data;
    expect(d.detected).toBeUndefined();
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['10:15']);
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Marta Nowak', 'Ivo Petrov']);
  });
  it('what broke, a colon, and why: the clause after the colon is the root cause (a cause word may stand in it, or none)', () => {
    const en = one('postmortem-en-colon-cause', 'incidents').data;
    expect(en.date.text).toBe('2026-11-21');
    expect(en.rootCause.text).toBe('The signed-URL service was still using the storage key that had been revoked in the morning.');
    const ru = one('postmortem-ru-colon-cause', 'incidents').data;
    expect(ru.date.text).toBe('2026-11-18');
    expect(ru.rootCause.text).toBe('SMS-шлюз отклонял отправку из-за закончившегося баланса.');
  });
  it('a Mitigation of several subsections: each is a branch and a step (a list of examples inside one is no step), its instruction after "then"; "TODO" alone is no section', () => {
    const d = one('runbook-en-mitigation-branches', 'runbooks').data;
    expect(d.steps.map((s: { text: string }) => s.text)).toEqual([
      'Scale the workers',
      'Skip poison jobs: Move them to the retry queue so the rest can drain',
      'Pause producers',
    ]);
    expect(d.steps[0].commands).toEqual(['kubectl -n jobs scale deploy/worker --replicas=12']);
  });
  it('the end given by a range is cited also where it happened: "the old sender was stopped", «консьюмер догнал очередь»', () => {
    const en = one('postmortem-en-passive-fix-cite', 'incidents').data;
    expect(en.resolved.text).toBe('07:40 UTC');
    expect(en.resolved.cite.map((c: { lines: number[] }) => c.lines[0])).toContain(14);
    const ru = one('postmortem-ru-caught-up-cite', 'incidents').data;
    expect(ru.resolved.text).toBe('14:20');
    expect(ru.resolved.cite.map((c: { lines: number[] }) => c.lines[0])).toContain(13);
  });
  it('a timeline that opens with a lone lead-up the day before dates the incident by the day it was noticed', () => {
    const d = one('postmortem-en-lead-up-day', 'incidents').data;
    expect(d.date.text).toBe('2026-10-21');
    expect(d.timeline[0].date).toBe('2026-10-20');
  });
  it('an incident facts table: "Start time" / "End time" rows are the start and end, "Detected by" the detection; "…, so every request timed out" tells the cause', () => {
    const d = one('postmortem-en-incident-facts-table', 'incidents').data;
    expect([d.date.text, d.started.text, d.resolved.text]).toEqual(['2026-11-27', '13:20 UTC', '14:02 UTC']);
    expect(d.detection.text).toBe('Payment success-rate monitor');
    expect(d.rootCause.text).toBe('Our egress firewall allowed only the old range, so every top-up request timed out.');
    expect(d.draft).toBe(false);
  });
  it('options written one subsection each ("### Option A — …", «### Вариант Б: …»): each an option with its pros and cons, the one the decision names by its letter chosen; an option\'s pros are no consequences of the decision', () => {
    const en = one('adr-en-option-subsections', 'adrs').data;
    expect(en.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['Kubernetes CronJobs', true],
      ['A managed scheduler (Cloud Scheduler)', false],
      ['Keep cron, add a second VM', false],
    ]);
    expect(en.options[1].reasons).toBe('Pros: Nothing to operate. Cons: Calls our services over HTTP, so every job needs an endpoint');
    expect(texts(en.consequences.positive)).toBe('Every cron entry is moved to a CronJob manifest in the platform repo');
    expect(en.consequences.negative).toEqual([]);
    const ru = one('adr-ru-option-subsections', 'adrs').data;
    expect(ru.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['S3-совместимое хранилище у облачного провайдера', true],
      ['MinIO на своих серверах', false],
    ]);
    // No consequences section: the chosen option's own pros and cons are its consequences.
    expect([texts(ru.consequences.positive), texts(ru.consequences.negative)]).toEqual(['не нужно администрировать', 'платим за исходящий трафик']);
  });
  it('a timeline with colour marks: the mark is no part of an entry, 🔴 opens it, 🟢 closes it; "Customers ask why …" is the detection; a heading\'s time is no entry', () => {
    const d = one('postmortem-en-colour-marked-timeline', 'incidents').data;
    expect(d.timeline.map((e: { time: string; event: string }) => `${e.time} ${e.event.slice(0, 12)}`)).toEqual(['10:04 Suggestion i', '10:11 Customers as', '10:29 Indexer re-s', '10:36 Suggestions ']);
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['10:04', '10:11', '10:36']);
  });
  it('a Russian Telegram copy: «всё поднялось, 502 ушли» ends it, «нашёл: …» is the cause up to what was done next, «…, Павел сделает до пятницы» names the owner and due of that follow-up', () => {
    const d = one('chat-ru-telegram-found-cause', 'incidents').data;
    expect(d.status).toBe('resolved');
    expect(d.resolved.text).toBe('18:22');
    expect(d.rootCause.text).toBe('в новой версии не хватает переменной с адресом redis, сервис падает на старте.');
    expect(d.followUps.map((f: { action: string; owner?: string; due?: string }) => [f.action, f.owner, f.due])).toEqual([['проверка переменных окружения в CI', 'Павел Гринев', '2026-12-04']]);
  });
  it('a record table titled "X as UUIDv7" chose the name after "as"; a decision\'s title that starts with a short word ("one …") starts with a capital', () => {
    const table = one('adr-en-record-table-as-name', 'adrs').data;
    expect(table.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['UUIDv7', true], ['Keep UUIDv4', false], ['use a bigint sequence', false]]);
    const bullets = one('adr-en-bullet-labels', 'adrs').data;
    expect(bullets.title.text).toBe('One Terraform state per environment');
    expect(bullets.options.map((o: { name: string; chosen: boolean }) => o.chosen)).toEqual([true, false, false]);
  });
  it('a Korean Slack copy: "5xx 급증", "…안 나온다고" are events from the first message; "후속 조치:" gives one follow-up per sentence that names who, "…가을 님이 부탁드려요" its owner', () => {
    const d = one('chat-ko-slack-named-follow-ups', 'incidents').data;
    expect(d.title.text).toBe('검색 API 5xx 급증했습니다');
    expect(d.detected.text).toBe('15:02');
    expect(d.timeline.map((e: { time: string }) => e.time)).toContain('15:05');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['배포 설정 diff 리뷰 추가', '최지훈'],
      ['힙 사용률 알림', '한가을'],
    ]);
  });

  it('a Korean memo under a recorder\'s stamp: "…안 나갔어요" is a failure, "다시 나가기 시작했습니다" the end', () => {
    const d = one('voice-ko-again-stamp', 'incidents').data;
    expect(d.date.text).toBe('2026-11-29');
    expect([d.started.text, d.resolved.text]).toEqual(['20:20', '20:55']);
    expect(d.status).toBe('resolved');
    // "…설정하겠습니다": the ending is the promise, not the task.
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual(['키 만료 2주 전에 알림 오게 설정']);
  });
});

describe('redaction', () => {
  const SECRETS = [
    'ivan.petrov@gmail.com',
    '+7 915 123-45-67',
    'AKIAIOSFODNN7EXAMPLQ',
    'Zr8vQ2mK/x7LpT4nW+c9JhB3dF6sYa1GeU5oNi0R',
    'Sup3rS3cret!',
    'abcdef0123456789abcdef0123456789',
    'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB',
    'xoxb-123456789012-abcdefghijkl',
    'eyJhbGciOiJIUzI1NiJ9',
    'n3w-Pa55word-2026',
    'sk-proj-abcdefghijklmnopqrstuvwxyz123456',
    'MIIEowIBAAKCAQEA',
  ];

  it('no secret or personal datum reaches content/', () => {
    const all = [...docs.map((d) => d.raw), ...[...sources.values()].map((s) => s.lines.join('\n'))].join('\n');
    for (const secret of SECRETS) expect(all, secret).not.toContain(secret);
  });

  it('placeholders and role addresses stay', () => {
    const text = sources.get('secrets-in-a-note')!.lines.join('\n');
    for (const kept of ['DB_PASSWORD=$DB_PASSWORD', 'API_KEY=your-key', 'COMPROMISED_KEY', 'VERSION_ID', '[ИМЯ] - [ТЕЛЕФОН]', 'security@example.org', 'oncall@example.org']) {
      expect(text).toContain(kept);
    }
  });

  it('the report lists each redaction by file, line and type; the source page records them', () => {
    const lines = report.redactions.filter((r) => r.file === 'secrets-in-a-note.md').map((r) => `${r.line}:${r.type}`);
    expect(lines).toEqual(expect.arrayContaining(['4:email', '4:phone', '7:aws-access-key-id', '7:aws-secret-access-key', '12:url-password', '13:bearer-token', '14:github-token', '14:slack-token', '15:jwt', '16:password', '16:api-key', '22:private-key']));
    expect(sources.get('secrets-in-a-note')!.data.redactions.length).toBe(lines.length);
  });
});

describe('citations', () => {
  /** Every cited value in a document, with its field path. */
  function citedValues(value: unknown, at = ''): Array<{ path: string; text: string; cite: Array<{ source: string; lines?: [number, number] }>; inferred?: boolean }> {
    if (Array.isArray(value)) return value.flatMap((v, i) => citedValues(v, `${at}[${i}]`));
    if (!value || typeof value !== 'object') return [];
    const record = value as Record<string, unknown>;
    const own = Array.isArray(record.cite)
      ? [{ path: at, text: String(record.text ?? record.event ?? record.action ?? record.name ?? ''), cite: record.cite as never, inferred: record.inferred === true }]
      : [];
    return [...own, ...Object.entries(record).filter(([k]) => k !== 'cite').flatMap(([k, v]) => citedValues(v, at ? `${at}.${k}` : k))];
  }

  const words = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !['the', 'and', 'для', 'что'].includes(w));

  it('every cited field’s words stand in the lines it cites', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (const doc of docs) {
      for (const value of citedValues(doc.data)) {
        const lines = value.cite.flatMap((c) => {
          const source = sources.get(c.source)!;
          return c.lines ? source.lines.slice(c.lines[0] - 1, c.lines[1]) : [];
        });
        // Inline code marks are not words: "`used_memory`가" cites "used_memory가".
        const cited = lines.join(' ').toLowerCase().replace(/`/g, '');
        if (value.inferred) {
          // An inferred date cites the words it was inferred from ("в четверг") and the note's own date.
          if (!/четверг|пятниц|понедельник|вторник|сред|суббот|воскресень|вчера|сегодня|today|yesterday|this (?:morning|afternoon|evening)|tonight|오늘|어제|아까|monday|tuesday|wednesday|thursday|friday/.test(cited)) wrong.push(`${doc.slug} ${value.path}`);
          continue;
        }
        checked++;
        // A day is written in many ways (11/14/26, 2026년 8월 20일): its year's last two digits and its day of the month stand there.
        const iso = /^(\d\d(\d\d))-\d\d-(\d\d)$/.exec(value.text);
        if (iso) {
          if (!cited.includes(iso[2]!) || !new RegExp(`(?<!\\d)0?${Number(iso[3])}(?!\\d)`).test(cited)) wrong.push(`${doc.slug} ${value.path}: day ${value.text} not in ${JSON.stringify(cited.slice(0, 120))}`);
          continue;
        }
        const expected = words(value.text);
        const found = expected.filter((w) => cited.includes(w));
        if (expected.length > 0 && found.length / expected.length < 0.8) wrong.push(`${doc.slug} ${value.path}: "${value.text}" not in ${JSON.stringify(cited.slice(0, 120))}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it('every citation points inside its source', () => {
    for (const doc of docs) {
      for (const value of citedValues(doc.data)) {
        for (const c of value.cite) {
          const source = sources.get(c.source);
          expect(source, c.source).toBeDefined();
          expect(c.lines![0]).toBeGreaterThanOrEqual(1);
          expect(c.lines![1]).toBeLessThanOrEqual(source!.lines.length);
          expect(c.lines![0]).toBeLessThanOrEqual(c.lines![1]);
        }
      }
    }
  });
});

describe('forms of labelled fields and listed choices: formal incident reports, a decision thread', () => {
  it('a Russian report: «Дата и время начала/окончания» are its moments, «Принятые меры» the fix, «Рекомендации» the follow-ups with «отв. Смирнов А.В.»; a title of its kind only gives way to what happened', () => {
    const d = one('postmortem-ru-formal-report', 'incidents').data;
    expect(d.title.text).toBe('В ночь на 3 сентября не выполнилось ночное списание абонентской платы');
    expect([d.started.text, d.resolved.text]).toEqual(['02:15', '04:40']);
    expect(d.rootCause.text).not.toMatch(/Принятые меры|Рекомендации/);
    expect(d.resolution.text).toMatch(/^Администратор БД добавил файл данных/);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([
      ['Смирнов А.В.', '2026-09-15'],
      ['Гусев П.Н.', '2026-09-30'],
    ]);
  });

  it('a Korean report: "발생 일시" / "복구 일시" are when it started and ended (복구 is no fix there), "장애 원인" the cause, "향후 대책" the follow-ups', () => {
    const d = one('postmortem-ko-formal-report', 'incidents').data;
    expect([d.started.text, d.resolved.text]).toEqual(['19:20', '20:05']);
    expect(d.rootCause.text).toMatch(/^인증 서버 앞단 로드밸런서의 TLS 정책/);
    expect(d.resolution.text).toMatch(/TLS 정책을 이전 버전으로 되돌림/);
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['박지훈', '최유리']);
  });

  it('a KakaoTalk decision thread: "후보는 A, B, C" are the options, "Vector로 결정하겠습니다" the decision, "동의합니다" a decider', () => {
    const d = one('chat-ko-kakao-decision', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['Fluent Bit', false],
      ['Vector', true],
      ['Logstash', false],
    ]);
    expect(d.decision.text).toMatch(/^그럼 Vector로 결정하겠습니다/);
    expect(d.deciders).toEqual(['김도윤', '박서준']);
  });

  it('an ITIL major incident report: "Incident End" ends it, "Workaround" is the fix, "Preventive Actions" the follow-ups; "Major Incident Report — MI-2291" is titled by its number and impact', () => {
    const d = one('postmortem-en-major-incident-report', 'incidents').data;
    expect(d.title.text).toBe('MI-2291: Customers could not view or pay invoices through the portal');
    expect([d.started.text, d.resolved.text, d.status]).toEqual(['13:05 BST', '15:50 BST', 'resolved']);
    expect(d.resolution.text).toMatch(/switched to read invoices from the reporting replica/);
    expect(d.followUps).toHaveLength(2);
  });
});

describe('notes written as posts, chat copies and plain instructions', () => {
  it('"Accepted (supersedes ADR 4)": the record is published, superseding ADR-4, cited by that line (it failed its schema)', () => {
    const d = one('adr-en-status-supersedes', 'adrs').data;
    expect(d.status).toBe('accepted');
    expect(d.supersedes).toEqual(['ADR-4']);
    expect(d.cites.supersedes).toEqual([{ source: 'adr-en-status-supersedes', lines: [7, 7] }]);
  });

  it('a Telegram copy: «502 больше нет» says it is over, each message of the work is an entry, both promises are the writer\'s', () => {
    const d = one('chat-ru-telegram-502', 'incidents').data;
    expect(d.resolved.text).toBe('14:18');
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['14:05', '14:06', '14:09', '14:12', '14:15', '14:18', '14:25']);
    expect(d.followUps.map((f: { action: string; owner?: string; due?: string }) => [f.action, f.owner, f.due])).toEqual([
      ['индекс добавлю сегодня', 'Мария Лебедева', '2026-03-12'],
      ['поставлю алерт на заполнение пула', 'Мария Лебедева', '2026-03-13'],
    ]);
  });

  it('a company blog\'s postmortem: the byline dates the post, not the outage; "What we are changing" are the follow-ups; two times in a sentence are two entries', () => {
    const d = one('postmortem-en-blog-post', 'incidents').data;
    expect(d.date.text).toBe('2026-03-09');
    expect(d.detected.text).toBe('06:40');
    const at = (time: string) => d.timeline.find((e: { time: string }) => e.time === time)?.event;
    expect(at('06:25')).toBe('At 06:25 UTC the batch stalled while generating SEPA files');
    expect(at('06:40')).toBe('our on-call engineer was paged at 06:40 UTC by the PayoutBatchStalled alert.');
    expect(at('07:30')).toBe('By 07:30 UTC we had identified the cause');
    expect(at('08:05')).toBe('restarted the batch from its last checkpoint at 08:05 UTC.');
    expect(d.followUps.map((f: { owner?: string; due?: string; status: string }) => [f.owner, f.due, f.status])).toEqual([
      ['Tomás', '2026-03-31', 'open'],
      ['Priya', '2026-03-20', 'open'],
      [undefined, undefined, 'done'],
    ]);
  });

  it('a Korean alert runbook: "최근 검토일" is when it was last verified', () => {
    const d = one('runbook-ko-review-date', 'runbooks').data;
    expect(d.lastVerified.text).toBe('2026-06-02');
    expect(d.steps).toHaveLength(4);
  });

  it('a plain-text instruction: its "Инструкция:" title line is no step, "алерт SmsQueueBacklog" its alert', () => {
    const d = one('runbook-ru-plain-instruction', 'runbooks').data;
    expect(d.title.text).toBe('Переполнение очереди отправки SMS');
    expect(d.alerts.map((a: { name: string }) => a.name)).toEqual(['SmsQueueBacklog']);
    expect(d.steps).toHaveLength(5);
    expect(d.steps[0].commands).toEqual(['rabbitmqctl list_queues name messages | grep sms']);
  });

  it('an assistant\'s summary with "**Incident:** …" is titled by it', () => {
    const d = one('ai-summary-en-incident-label', 'incidents').data;
    expect(d.title.text).toBe('Stale prices shown in the mobile app');
    expect(d.title.cite[0].lines).toEqual([3, 3]);
  });

  it('"# Алерт KafkaConsumerLagHigh" names the alert\'s runbook: it is the title, not a section', () => {
    const d = one('runbook-ru-alert-name-heading', 'runbooks').data;
    expect(d.title.text).toBe('Алерт KafkaConsumerLagHigh');
    expect(d.steps).toHaveLength(4);
  });

  it('"Problem / Cause / Solution": the problem is what happened, its range the start and end', () => {
    const d = one('postmortem-en-problem-cause-solution', 'incidents').data;
    expect([d.started.text, d.resolved.text, d.status]).toEqual(['14:10', '16:45 CEST', 'resolved']);
    expect(d.impact.text).toMatch(/About 3,400 customers did not get their confirmation/);
  });

  it('a Russian Slack copy: «100% ошибок», «не проходят» tell the failure; «никто не продлил» is no fix', () => {
    const d = one('chat-ru-slack-copy-key', 'incidents').data;
    expect(d.rootCause.text).toBe('вчера истёк ключ API эквайринга, никто не продлил');
    expect(d.resolution.text).toBe('10:15 Анна Ким: перевыпустила ключ в личном кабинете банка и обновила секрет, перезапускаю payment-gateway');
    expect(d.resolved.text).toBe('10:19');
  });

  it('a Korean plain-text runbook: "…채널에 공유하세요" is whom to tell, not what it is for', () => {
    const d = one('runbook-ko-plain-escalation', 'runbooks').data;
    expect(texts(d.escalation)).toBe('30분 안에 해결되지 않으면 #platform-oncall 채널에 공유하세요.');
    expect(d.summary).toBeUndefined();
    expect(d.alerts.map((a: { name: string }) => a.name)).toEqual(['RedisMemoryHigh']);
  });

  it('a decision record of "Problem / Options / Recommendation": the problem is its context, the recommendation its decision and chosen option', () => {
    const d = one('adr-en-problem-recommendation', 'adrs').data;
    expect(d.context.text).toMatch(/^The mobile app calls eleven services directly/);
    expect(d.decision.text).toMatch(/^Adopt Kong \(self-hosted\)/);
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['Kong (self-hosted)', true], ['AWS API Gateway', false], ['Keep direct calls', false]]);
    const ru = one('adr-ru-options-table-pros-cons', 'adrs').data;
    expect(ru.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['RabbitMQ', true], ['Kafka', false], ['Оставить PostgreSQL и добавить SKIP LOCKED', false]]);
  });

  it('a Korean postmortem: "평소 종료 시각을 지났지만" is no end, "배치 완료" is; "확인 후 당직자 호출" the detection', () => {
    const d = one('postmortem-ko-batch-delay', 'incidents').data;
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['02:00', '08:50', '11:55']);
    expect(d.resolution.text).toBe('인덱스 추가 후 배치 재실행 (10:10)');
  });

  it('an assistant\'s page under "**Summary of the incident**" is titled by what happened; a zone stays with its time', () => {
    const d = one('ai-summary-en-bold-heading-bullets', 'incidents').data;
    expect(d.title.text).toBe('Image uploads in the web editor failed for all users with "Upload failed (403)"');
    expect(d.timeline.map((e: { event: string }) => e.event).at(-1)).toBe('uploads worked again by 16:40.');
  });

  it('a Slack channel copied by hand: "green again" ends it, "looks like the token … expired" is the cause, "I\'ll write that up" takes what was proposed', () => {
    const d = one('chat-en-slack-copy-token', 'incidents').data;
    expect(d.rootCause.text).toBe('the registry token for CI expired last night, it was a 90-day token');
    expect(d.resolution.text).toMatch(/generated a new token and updated the CI secret/);
    expect(d.resolved.text).toBe('09:31');
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['09:14', '09:15', '09:21', '09:26', '09:31', '09:33', '09:34']);
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['set up a reminder and a check that warns 14 days before the token expires', 'Alex Kim'],
      ["move CI to the OIDC login so there's no token to expire by Friday", 'Jordan Lee'],
    ]);
  });
});

describe('a procedure told aloud', () => {
  it('an English memo: what it is for is its title, each instruction a step, "don\'t restart" a warning, "page the DBA" the escalation, "you know it\'s fixed when" the check', () => {
    const d = one('voice-en-spoken-runbook', 'runbooks').data;
    expect(d.title.text).toBe('How to deal with the replication lag alert on the reporting database');
    expect(d.alerts.map((a: { name: string }) => a.name)).toEqual(['ReportingReplicaLag']);
    expect(d.steps).toHaveLength(3);
    expect(d.steps[2].commands).toEqual(['df -h']);
    expect(texts(d.warnings)).toMatch(/^First thing, don't restart the replica/);
    expect(texts(d.escalation)).toBe('If the lag is still over thirty minutes after all that, page the DBA on call.');
    expect(texts(d.verification)).toMatch(/^You know it's fixed when the lag/);
  });

  it('a Russian memo in the second person («заходишь, смотришь df -h»): the commands said verbatim are the steps\' commands', () => {
    const d = one('voice-ru-spoken-runbook', 'runbooks').data;
    expect(d.title.text).toBe('Как разбираться, когда горит алерт DiskSpaceLow на серверах с логами');
    expect(d.steps.map((s: { commands: string[] }) => s.commands)).toEqual([['df -h'], ['du -sh /var/log/* | sort -h'], ['find /var/log/nginx -name "*.gz" -mtime +7 -delete']]);
    expect(texts(d.warnings)).toBe('Базу данных не трогать ни в коем случае, даже если она большая.');
    expect(texts(d.escalation)).toBe('Если не помогло, пиши в канал инфраструктуры.');
  });
});

describe('a memo typed or transcribed with its punctuation: prose alone, read as told', () => {
  it('English: what failed titles it, "got paged at eleven twenty" is the detection, later hours are that night\'s, "Things to do:" the follow-ups', () => {
    const d = one('voice-en-typed-memo', 'incidents').data;
    expect(d.title.text).toBe('Checkout service started throwing 502s');
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['11:15 PM', '11:20 PM', '11:45 PM']);
    expect(d.resolution.text).toMatch(/^Marco rolled the config back/);
    expect(d.impact.text).toBe('Roughly half an hour of failed checkouts, we think about 300 orders.');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['add a config lint step to the pipeline', 'Marco'],
      ["I'll write up the postmortem by Thursday", undefined],
    ]);
  });

  it('Russian: «в половине десятого вечера» is 21:30 and «в десять пятнадцать» after it 22:15; «Надо поставить …, это сделает Антон до конца недели» is Антон\'s', () => {
    const d = one('voice-ru-typed-memo', 'incidents').data;
    expect(d.title.text).toBe('Упал сервис авторизации');
    expect([d.started.text, d.resolved.text]).toEqual(['21:30', '22:15']);
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['21:30', '22:15']);
    expect(d.impact.text).toBe('Итого минут сорок пять не работал вход.');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([['поставить ротацию логов и алерт на диск', 'Антон']]);
  });

  it('Korean: "…줄이고 재배포해서" is the fix from its first action; "후속으로 A하고, B는 민수 님이 …" two follow-ups', () => {
    const d = one('voice-ko-typed-memo', 'incidents').data;
    expect(d.title.text).toBe('결제 API 응답이 느려지기 시작');
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['20:10', '20:20', '20:45']);
    expect(d.resolution.text).toBe('8시 35분에 타임아웃을 5초로 줄이고 재배포해서 8시 45분쯤 정상화됐습니다.');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['PG사 지연 알림을 추가', undefined],
      ['타임아웃 설정은 이번 주 안에 정리', '민수'],
    ]);
  });
});

describe('notes in Jira wiki markup, AsciiDoc and Org', () => {
  it('a Jira review: "h2." sections and a "||" table are the postmortem\'s, its source says how it was read', () => {
    const d = one('postmortem-en-jira-wiki-markup', 'incidents').data;
    expect(d.severity).toBe('sev2');
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['03:10', '03:12', '07:20', '07:35', '07:45']);
    expect(d.resolution.text).toBe('Rolled the indexer back to 5.7.3 (07:35)');
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Lena Park', '2026-10-28'], ['Omar', '2026-11-04']]);
    expect(sources.get('postmortem-en-jira-wiki-markup')!.data.reader).toBe('jira');
  });

  it('an AsciiDoc record and an Org runbook are published with their fields', () => {
    const adr = one('adr-en-asciidoc', 'adrs').data;
    expect([adr.number, adr.status, adr.date.text]).toEqual(['ADR 9', 'accepted', '2026-05-02']);
    expect(adr.decision.text).toMatch(/^We will write audit events to ClickHouse/);
    const runbook = one('runbook-en-org-mode', 'runbooks').data;
    expect(runbook.steps.map((s: { commands: string[] }) => s.commands)).toEqual([['kubectl -n cert-manager logs deploy/cert-manager --tail=200'], ['kubectl delete order -n ingress <order-name>'], ['kubectl get certificate -n ingress -w']]);
    expect(texts(runbook.escalation)).toMatch(/page the platform on-call/);
  });
});

describe('records and procedures in looser shapes', () => {
  it('a Y-statement as bold bullets; "Decided on 2026-04-22 by the payments platform team." dates it, accepts it and names who', () => {
    const d = one('adr-en-y-statement-bold-bullets', 'adrs').data;
    expect(d.decision.text).toBe('exponential backoff with jitter, up to 24 hours, backed by a Postgres queue');
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['exponential backoff with jitter, up to 24 hours, backed by a Postgres queue', true],
      ['a fixed retry every minute', false],
      ['an external service (Svix)', false],
    ]);
    expect([d.date.text, d.status, d.deciders]).toEqual(['2026-04-22', 'accepted', ['payments platform team']]);
  });

  it('an assistant\'s Russian page: «✅ Что сделать» are the follow-ups', () => {
    const d = one('ai-summary-ru-emoji-sections', 'incidents').data;
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Илья', '2026-06-25'], ['Вера', undefined]]);
  });

  it('a runbook of questions, each answered in prose over a command block: each paragraph that introduces a command is a step; "Do not …: …" a warning', () => {
    const d = one('runbook-en-question-sections', 'runbooks').data;
    expect(d.steps.map((s: { commands: string[] }) => s.commands)).toEqual([['kubectl -n payments get ingress webhooks -o wide'], ['rabbitmqctl list_queues name messages | grep webhooks'], ['kubectl -n payments rollout restart deploy/webhook-consumer']]);
    expect(texts(d.warnings)).toBe('Do not replay webhooks by hand: merchants will be charged twice.');
  });
});

describe('tables that hold a procedure or the figures of an impact', () => {
  it('a runbook of frontmatter and "| Step | Command | Expected result |": a runbook (it was none), a step per row with its command', () => {
    const d = one('runbook-en-frontmatter-step-table', 'runbooks').data;
    expect([d.owner.text, d.severity, d.lastVerified.text, d.rto.text, d.rpo.text]).toEqual(['dba-team', 'sev1', '2026-09-30', '2 hours', '15 minutes']);
    expect(d.steps.map((s: { text: string; commands: string[] }) => [s.text, s.commands[0]])).toEqual([
      ['Find the latest base backup', 'wal-g backup-list --detail'],
      ['Restore it onto the new host', 'wal-g backup-fetch /var/lib/postgresql/16/main LATEST'],
      ['Replay WAL up to the failure', 'pg_ctl -D /var/lib/postgresql/16/main start'],
      ['Point the app at the new host', 'kubectl -n orders set env deploy/orders-api DB_HOST=pg-restore-1'],
    ]);
  });

  it('"## Impact" over a table of figures: the impact is each figure, named', () => {
    const d = one('postmortem-en-impact-metrics-table', 'incidents').data;
    expect(d.impact.text).toBe('Duration: 38 minutes (10:02–10:40 UTC); Failed checkouts: ~2,100; Revenue at risk: ~$64,000; Customers affected: 7% of EU traffic');
    expect(d.draft).toBe(false);
  });
});

describe('more chat copies and assistant pages', () => {
  it('a Mattermost copy ("@s.volkov 11:02" over each message): «пустую выдачу» a failure, «выдача вернулась» the end, «с 10:55» the start', () => {
    const d = one('chat-ru-mattermost-handles', 'incidents').data;
    expect(d.title.text).toBe('Поиск по каталогу отдаёт пустую выдачу');
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['10:55', '11:02', '11:16']);
    expect(d.rootCause.text).toBe('ночью переиндексация не дошла до конца, алиас указывает на пустой индекс');
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['@s.volkov']);
  });

  it('an assistant\'s Korean page: "다음은 … 정리한 장애 요약입니다." and "추가로 필요한 내용이 있으면 말씀해 주세요." are its chrome, not its title', () => {
    const d = one('ai-summary-ko-lead-in-sentence', 'incidents').data;
    expect(d.title.text).toBe('모바일 앱 상품 이미지가 표시되지 않음 (전체 사용자)');
    expect([d.started.text, d.resolved.text, d.severity]).toEqual(['09:40', '10:25', 'sev2']);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['이도현', undefined], ['정소희', '2026-07-10']]);
  });

  it('a Korean Slack copy: "롤백 완료, 에러율 정상화됐습니다" ends it, "제가 할게요" makes the follow-up the writer\'s', () => {
    const d = one('chat-ko-slack-copy-rollback', 'incidents').data;
    expect([d.detected.text, d.resolved.text]).toEqual(['14:03', '14:18']);
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([['설정 변경 리뷰 체크리스트에 커넥션 풀 항목 추가', '김하늘']]);
  });
});

describe('a Korean MADR and a Russian Notion page', () => {
  it('"긍정적 결과" / "부정적 결과" are the consequences, not the decision; "결정권자" the deciders, "작성일" the date', () => {
    const d = one('adr-ko-madr-consequence-sections', 'adrs').data;
    expect(d.decision.text).toBe('선택한 옵션: "Redis (ElastiCache)", 이미 캐시 용도로 운영 중이고 응답 속도가 가장 빠르기 때문입니다.');
    expect(texts(d.consequences.positive)).toBe('배포 시 로그아웃이 사라집니다');
    expect(texts(d.consequences.negative)).toBe('Redis 장애 시 전체 로그인이 영향을 받습니다');
    expect([d.deciders, d.date.text, d.status]).toEqual([['플랫폼팀'], '2026-09-01', 'proposed']);
  });

  it('«завис» starts it, «партнёры начали писать в поддержку» is its detection (no start), the entry after the fix its end', () => {
    const d = one('postmortem-ru-notion-emoji', 'incidents').data;
    expect([d.started.text, d.detected.text, d.resolved.text, d.status]).toEqual(['03:05', '08:40', '09:10', 'resolved']);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['@nikita', '2026-08-12'], ['@olga', undefined]]);
  });
});

describe('several documents in one note', () => {
  it('meeting notes: "1. Last week\'s DNS incident", "2. Decision: …", "3. Runbook: …" are an incident, a decision and a runbook', () => {
    const incident = one('meeting-en-agenda-three-kinds', 'incidents').data;
    expect(incident.title.text).toBe("Last week's DNS incident");
    expect([incident.started.text, incident.resolved.text, incident.resolution.text]).toEqual(['09:12', '09:40', 'Li rolled it back at 09:36.']);
    expect(incident.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Li', '2026-11-25'], ['Dana', undefined]]);
    const adr = one('meeting-en-agenda-three-kinds', 'adrs').data;
    expect(adr.title.text).toBe('Move CI runners to spot instances');
    expect(adr.options).toEqual([expect.objectContaining({ name: 'Reserved instances', chosen: false, reasons: 'the load is too spiky' })]);
    const runbook = one('meeting-en-agenda-three-kinds', 'runbooks').data;
    expect(runbook.title.text).toBe('CoreDNS returns SERVFAIL');
    expect(runbook.steps).toHaveLength(4);
  });

  it('a Russian postmortem, then the decision it led to: two documents; «кластер без кворума» is no fix', () => {
    const incident = one('postmortem-ru-then-adr', 'incidents').data;
    expect([incident.started.text, incident.resolved.text]).toEqual(['19:20', '19:50']);
    expect(incident.resolution).toBeUndefined();
    const adr = one('postmortem-ru-then-adr', 'adrs').data;
    expect([adr.status, adr.date.text]).toEqual(['accepted', '2026-10-16']);
  });
});

describe('a title with its kind after it, a run-on Russian memo with a named fixer', () => {
  it('"Payment webhook delays — Postmortem" is titled by its topic', () => {
    expect(one('postmortem-en-title-kind-suffix', 'incidents').data.title.text).toBe('Payment webhook delays');
  });

  it('«Коля перевыпустил …» opens the fix, «получается минут сорок …» the impact, «… это сделает Коля и ещё я добавлю …» two follow-ups', () => {
    const d = one('voice-ru-run-on-named-fix', 'incidents').data;
    expect(d.rootCause.text).toBe('оказалось что истёк сертификат на api шлюзе его никто не продлил потому что напоминание уходило на почту уволившегося сотрудника');
    expect(d.resolution.text).toBe('Коля перевыпустил сертификат примерно в девять двадцать и всё заработало');
    expect(d.impact.text).toBe('получается минут сорок люди не могли войти');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['перенести напоминания на общий ящик', 'Коля'],
      ['я добавлю алерт на срок сертификатов', undefined],
    ]);
  });
});

describe('an alert runbook of Triage, Remediation, Escalation', () => {
  it('is a runbook (it was an incident: "Remediation" is a postmortem\'s follow-ups), its remediation the steps after its triage', () => {
    const d = one('runbook-en-triage-remediation', 'runbooks').data;
    expect(from('runbook-en-triage-remediation').map((x) => x.collection)).toEqual(['runbooks']);
    expect(d.steps.map((s: { commands: string[] }) => s.commands[0] ?? null)).toEqual([
      'curl -s localhost:9200/_cat/indices?health=red',
      'systemctl start elasticsearch',
      `curl -XPUT localhost:9200/_cluster/settings -d '{"transient":{"cluster.routing.allocation.disk.watermark.high":"95%"}}'`,
      null,
    ]);
    expect(texts(d.escalation)).toBe('Page #search-oncall if the cluster stays red for more than 15 minutes');
  });
});

describe('postmortems told under story headings', () => {
  it('"latency jumped" starts it; "reverted at 10:38 and … recovered within five minutes; … back to normal at 10:45" ends at 10:45', () => {
    const d = one('postmortem-en-story-sections', 'incidents').data;
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['10:14', '10:31', '10:45']);
  });

  it('a Korean "발생 경위" paragraph of two timed sentences is two entries: "…분경부터" the start, "문의로 인지" the detection', () => {
    const d = one('postmortem-ko-gyeongwi-prose', 'incidents').data;
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['14:10', '14:40', '15:05', '15:10']);
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['14:10', '14:40', '15:10']);
  });

  it('«Что пошло не так» in prose is the cause where nothing else names one', () => {
    const d = one('postmortem-ru-how-sections', 'incidents').data;
    expect(d.rootCause.text).toMatch(/^Ночной ETL упал в 02:10 на новой колонке/);
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['02:10', '09:30', '10:50']);
  });
});

describe('decision records with field headings and a scoring matrix', () => {
  it('"## Status: Accepted" and "## Date: …" are fields; "## Tradeoffs" over "(+)" / "(−)" items puts each on its side', () => {
    const d = one('adr-en-field-headings-tradeoffs', 'adrs').data;
    expect([d.status, d.date.text]).toEqual(['accepted', '2026-03-03']);
    expect(texts(d.consequences.positive)).toBe('Contracts are checked at build time | Smaller payloads and streaming where we need it');
    expect(d.consequences.negative).toHaveLength(2);
  });

  it('"| Критерий | Вес | A | B | C |": the columns scored are the options, the one the decision names chosen, «Итого» each one\'s reason; «Решали» the deciders', () => {
    const d = one('adr-ru-scoring-matrix', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean; reasons?: string }) => [o.name, o.chosen, o.reasons])).toEqual([
      ['Prometheus + Grafana', false, 'Итого: 38'],
      ['VictoriaMetrics', true, 'Итого: 43'],
      ['Zabbix 7', false, 'Итого: 26'],
    ]);
    expect(d.deciders).toEqual(['Игорь', 'Мария', 'Костя']);
  });
});

describe('an assistant\'s RCA page', () => {
  it('titled by its summary\'s sentence read whole (not its first line), without the when; "Recommendations" are follow-ups', () => {
    const d = one('ai-summary-en-recommendations', 'incidents').data;
    expect(d.title.text).toBe('The public API returned 503 errors');
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Platform team', undefined], ['SRE', '2026-11-15']]);
    expect(from('ai-summary-en-recommendations').map((x) => x.collection)).toEqual(['incidents']);
  });
});

describe('an alert bot\'s channel and a dated plain report', () => {
  it('a Discord channel: "[FIRING]" leaves the title, "it\'s the new rate limiter config from yesterday" is the cause, the bot\'s "[RESOLVED]" the end', () => {
    const d = one('chat-en-discord-alert-bot', 'incidents').data;
    expect(d.title.text).toBe('HighErrorRate api-gateway (error rate 12%)');
    expect(d.rootCause.text).toBe('the new rate limiter config from yesterday, every request from the mobile app hits the limit');
    expect([d.detected.text, d.resolved.text]).toEqual(['03:02', '03:24']);
  });

  it('«Разбор сбоя от 07.10.2026» names only the kind and day: titled by what happened', () => {
    const d = one('postmortem-ru-plain-dated-title', 'incidents').data;
    expect(d.title.text).toBe('Не работала оплата через СБП');
    expect([d.date.text, d.started.text, d.resolved.text]).toEqual(['2026-10-07', '14:00', '14:35']);
  });
});

describe('a Korean report of label lines without full stops, a Korean Nygard record', () => {
  it('is a written report, not speech (it was read as an unpunctuated transcript): its labels are its fields', () => {
    const d = one('postmortem-ko-plain-label-lines', 'incidents').data;
    expect(d.title.text).toBe('푸시 알림 중복 발송');
    expect(d.draft).toBe(false);
    expect(d.impact.text).toBe('iOS 사용자 약 12만 명에게 마케팅 푸시가 2~3회 중복 발송됨');
    expect(d.resolution.text).toBe('19:35 워커 중지, 중복 방지 키 적용 후 재배포');
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['윤서진', '2026-10-09']]);
    expect(sources.get('postmortem-ko-plain-label-lines')!.data.kind).not.toBe('transcript');
  });

  it('"…쓸 수 없습니다" is a cost', () => {
    const d = one('adr-ko-nygard-cannot', 'adrs').data;
    expect(texts(d.consequences.negative)).toBe('Kafka Connect 같은 생태계 도구는 쓸 수 없습니다');
  });
});

describe('reports of label lines, in Russian and English', () => {
  it('«Решение: …» in a postmortem is its fix; «A (Саша), B (Лена)» two follow-ups', () => {
    const d = one('postmortem-ru-label-lines-solution', 'incidents').data;
    expect(d.resolution.text).toBe('увеличили квоту, переотправили письма из очереди');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([
      ['алерт на остаток квоты', 'Саша'],
      ['ежемесячная проверка тарифа', 'Лена'],
    ]);
    expect(d.draft).toBe(false);
  });

  it('"Fix:", "Follow-ups: a (Nina); b (Omar)" in English', () => {
    const d = one('postmortem-en-label-lines', 'incidents').data;
    expect(d.resolution.text).toBe('rolled back the bundle at 17:20');
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Nina', 'Omar']);
  });
});

describe('a Korean memo that corrects itself, an alert runbook\'s "Steps to Resolve"', () => {
  it('"7시 반쯤 아니 7시 40분쯤부터" starts at 07:40; "…타임아웃이 나기 시작했고요" titles it; "이건 제가 할게요" leaves the follow-up', () => {
    const d = one('voice-ko-run-on-correction', 'incidents').data;
    expect(d.title.text).toBe('주문 조회 API가 타임아웃이 나기 시작');
    expect([d.started.text, d.resolved.text]).toEqual(['07:40', '08:10']);
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual(['인덱스 작업은 무중단 방식으로 바꾸고']);
  });

  it('"Steps to Resolve" and "Escalation Policy" under an alert name', () => {
    const d = one('runbook-en-steps-to-resolve', 'runbooks').data;
    expect([d.severity, d.owner.text]).toEqual(['p1', 'fulfillment-team']);
    expect(d.steps).toHaveLength(3);
    expect(texts(d.escalation)).toBe('After 30 minutes without progress, page the fulfillment engineering manager');
  });
});

describe('a KPT retrospective, an incident tool\'s export, a tracker ticket with comments, a checklist runbook', () => {
  it('Keep / Problem / Try are what went well, what went wrong and the follow-ups; «원인은 …였다» in prose is the cause', () => {
    const d = one('postmortem-ko-kpt-retro', 'incidents').data;
    expect(texts(d.whatWentWell)).toBe('알림이 울린 뒤 10분 안에 당직자가 확인했다 | 배치 재시작 절차가 문서로 남아 있어서 헤매지 않았다');
    expect(d.whatWentWrong).toHaveLength(2);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['이준호', '2026-12-09'], ['박서연', undefined]]);
    expect(d.rootCause.text).toBe('원인은 전날 추가된 인덱스 없이 ledger_entries 테이블 전체를 스캔하는 쿼리였다.');
    expect(d.missing).toEqual([]);
  });

  it('"Severity: Major | Status: Closed" are two fields; "Fixing —" is the fix; "Actions" with owners are follow-ups', () => {
    const d = one('postmortem-en-incident-tool-updates', 'incidents').data;
    expect([d.severity, d.status]).toEqual(['major', 'resolved']);
    expect(d.detection.text).toMatch(/^Investigating — Support reports a spike/);
    expect(d.resolution.text).toBe('New merchant certificate uploaded to the payment gateway.');
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Sam', '2026-12-07'], ['Dana', undefined]]);
  });

  it('«Тип: Инцидент» makes a ticket an incident; each comment is an entry at its header\'s time; «Нашёл: …» is the cause', () => {
    const d = one('ticket-ru-tracker-comments', 'incidents').data;
    expect([d.severity, d.status, d.started.text, d.detected.text]).toEqual(['critical', 'resolved', '18:32', '18:35']);
    expect(d.summary.text).not.toMatch(/Комментарии/);
    expect(d.timeline.map((e: { time: string; event: string }) => `${e.time} ${e.event.split(' ')[0]}`)).toEqual(['18:32 С', '18:35 Мониторинг', '18:52 Нашёл:', '19:05 Кабинет', '19:30 Надо']);
    expect(d.rootCause.text).toBe('в новой версии конфига потерялся блок location / для lk.');
    expect(d.resolution.text).toBe('Откатил конфиг на предыдущую версию, nginx перечитан. (18:52)');
  });

  it('a checklist runbook: a warning is no summary (when to use it is), «…— звоните дежурному» is the escalation', () => {
    const d = one('runbook-ru-checklist', 'runbooks').data;
    expect(d.summary.text).toBe('Patroni не переключил мастер сам, а старый мастер недоступен больше 5 минут');
    expect(d.steps).toHaveLength(5);
    expect(texts(d.warnings)).toMatch(/^Не запускайте failover/);
    expect(texts(d.escalation)).toBe('Если ничего не помогло — звоните дежурному DBA (телефон в PagerDuty).');
  });
});

describe('a thread posted in numbered parts, a Russian list of events that went unnoticed', () => {
  it('"1/ … 2/ …" part numbers are no words of the post: it is read as told, titled by what failed, its next steps kept', () => {
    const d = one('post-en-numbered-thread', 'incidents').data;
    expect(d.title.text).toBe('Public API returned errors for about 30% of requests');
    expect(d.timeline[0].event).toMatch(/^Yesterday \(Nov 30\)/);
    expect(d.resolution.text).toMatch(/^At 13:41 we rolled the load balancer back/);
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual([expect.stringMatching(/^we're adding an Android 7 synthetic check/)]);
  });

  it('«02:17–06:30 никто не заметил» is neither the span nor the detection; «бухгалтерия написала, что …» is; «Что делаем:» lists follow-ups', () => {
    const d = one('postmortem-ru-list-unnoticed', 'incidents').data;
    expect([d.started.text, d.detected.text]).toEqual(['02:17', '06:30']);
    expect(d.resolved).toBeUndefined();
    expect(d.detection.text).toBe('бухгалтерия написала, что нет вчерашних документов (06:30)');
    expect(d.timeline.find((e: { event: string }) => e.event.startsWith('никто')).time).toBe('02:17');
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Дима', 'Аня']);
  });
});

describe('a review written as questions, a Korean mail and a Korean tracker ticket', () => {
  it('"What went wrong and why?" is the cause, "How are we making incidents like this less likely…?" the follow-ups, "Between 08:40 UTC and 11:15 UTC" one span', () => {
    const d = one('postmortem-en-pir-questions', 'incidents').data;
    expect([d.started.text, d.detected.text, d.resolved.text]).toEqual(['08:40 UTC', '08:52', '11:15 UTC']);
    expect(d.rootCause.text).toMatch(/^A configuration change to the front-end load balancers/);
    expect(d.whatWentWrong).toEqual([]);
    expect(d.resolution.text).toBe('The change was rolled back across all affected nodes by 11:05 UTC');
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['08:40', '08:52', '09:30', '11:05', '11:15']);
    expect(d.timeline.at(-1).event).toBe('latency returned to normal by 11:15 UTC.');
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual([expect.stringMatching(/^We are adding a canary stage/), expect.stringMatching(/^We are reviewing client retry guidance/)]);
  });

  it('a mail\'s greeting and «…에 대해 공유드립니다» are no summary; «재발 방지를 위해 다음을 진행하겠습니다.» opens the follow-ups; "10초 이상 지연" is no duration', () => {
    const d = one('email-ko-login-delay', 'incidents').data;
    expect(d.summary).toBeUndefined();
    expect(d.duration).toBeUndefined();
    expect(d.rootCause.text).toMatch(/^세션 Redis의 maxmemory 설정이/);
    expect(d.followUps.map((f: { action: string; owner?: string; due?: string }) => [f.action, f.owner, f.due])).toEqual([['Redis 설정을 Helm values로 관리', '박수연', '2026-12-05'], ['eviction 수 알림 추가', '김지훈', undefined]]);
  });

  it('a Korean ticket\'s 유형/우선순위 are fields, not its impact; 우선순위 gives the severity; each comment is an entry', () => {
    const d = one('ticket-ko-comments', 'incidents').data;
    expect([d.severity, d.status]).toEqual(['high', 'resolved']);
    expect(d.impact.text).toBe('새벽 정산 배치가 08시까지 끝나지 않아 가맹점 정산 리포트가 늦게 발송되었습니다.');
    expect(d.rootCause.text).toBe('어제 추가된 인덱스 때문에 집계 쿼리가 풀 스캔으로 바뀌었습니다.');
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['08:00', '08:20', '09:05', '10:30']);
  });
});

describe('decisions told aloud, a Korean procedure told aloud', () => {
  type Option = { name: string; chosen: boolean; reasons?: string };
  const chosen = (d: Record<string, any>) => (d.options as Option[]).filter((o) => o.chosen).map((o) => o.name);
  const reasonsOf = (d: Record<string, any>, name: string) => (d.options as Option[]).find((o) => o.name === name)?.reasons;

  it('a recap of a call: the options listed after "three options", the one gone with, each rejected one\'s reason, the downside', () => {
    const d = one('voice-en-decision-recap', 'adrs').data;
    expect(d.title.text).toBe('Go with self-hosted unleash');
    expect([d.status, d.draft, d.tags]).toEqual(['accepted', true, ['adr', 'voice-note']]);
    expect(d.context.text).toBe('quick recap of the call about where we keep feature flags.');
    expect(d.options.map((o: { name: string }) => o.name)).toEqual(['keep the yaml files in the repo', 'buy launchdarkly', 'run unleash ourselves']);
    expect(chosen(d)).toEqual(['run unleash ourselves']);
    expect(reasonsOf(d, 'buy launchdarkly')).toBe('launchdarkly was out because of the price, they quoted us like forty k a year.');
    expect(texts(d.consequences.negative)).toMatch(/^the downside is we have to run it and back it up ourselves/);
  });

  it('a Russian run-on memo: the options are the ones ruled out («кафка отпала», «таблица … не вытянет») and the one taken; the downside stops before who does the work', () => {
    const d = one('voice-ru-decision-run-on', 'adrs').data;
    expect(d.title.text).toBe('Остаться на RabbitMQ но с quorum очередями');
    expect(d.context.text).toBe('по очереди для уведомлений мы долго спорили');
    expect(d.options.map((o: { name: string }) => o.name)).toEqual(['кафка', 'таблица в постгресе', 'RabbitMQ']);
    expect(chosen(d)).toEqual(['RabbitMQ']);
    expect(reasonsOf(d, 'кафка')).toBe('кафка отпала потому что её некому поддерживать у нас никто с ней не работал');
    expect(texts(d.consequences.negative)).toBe('минус в том что quorum очереди жрут больше диска и надо будет докупить место');
  });

  it('punctuated Russian and Korean memos: «Рассматривали три варианта: A, B и C», "선택지가 세 개 … A, B, 그리고 C요", «Решили взять …», "…로 가기로 했습니다"', () => {
    const ru = one('voice-ru-decision-punctuated', 'adrs').data;
    expect(ru.options.map((o: { name: string }) => o.name)).toEqual(['Loki', 'Elasticsearch', 'ClickHouse']);
    expect(chosen(ru)).toEqual(['Loki']);
    expect(reasonsOf(ru, 'ClickHouse')).toBe('ClickHouse не подходит, у нас нет под него экспертизы.');
    expect(ru.date.text).toBe('2026-11-30');
    const ko = one('voice-ko-decision', 'adrs').data;
    expect(ko.decision.text).toBe('결국 Vector로 가기로 했습니다.');
    expect(ko.options.map((o: { name: string }) => o.name)).toEqual(['Fluentd', 'Vector', 'Logstash']);
    expect(chosen(ko)).toEqual(['Vector']);
    expect(reasonsOf(ko, 'Logstash')).toBe('Logstash는 메모리를 너무 많이 써서 제외했고');
    expect(texts(ko.consequences.negative)).toBe('단점은 팀에 Vector 써본 사람이 없다는 거예요.');
  });

  it('an English memo without punctuation; a family\'s plans weighed the same way are no decision record', () => {
    const d = one('voice-en-decision-run-on', 'adrs').data;
    expect(d.title.text).toBe('Stay on postgres with a read replica');
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['dynamo', false], ['postgres', true]]);
    expect(from('voice-ru-family-plans')).toEqual([]);
  });

  it('a Korean procedure told aloud: «…멈췄을 때 하는 방법» names it and when to use it, each command is said whole, «안 줄면 … 전화 주세요» is the escalation', () => {
    const d = one('voice-ko-spoken-runbook', 'runbooks').data;
    expect(d.title.text).toBe('결제 워커가 멈췄을 때 하는 방법');
    expect(d.tags).toContain('voice-note');
    expect(texts(d.triggers)).toBe('결제 워커가 멈췄을 때');
    expect(d.steps.flatMap((s: { commands: string[] }) => s.commands)).toEqual(['kubectl -n payments get pods', 'kubectl -n payments logs deploy/payment-worker', 'kubectl -n payments rollout restart deploy/payment-worker']);
    expect(texts(d.escalation)).toBe('재시작하고 오 분 지나도 큐가 안 줄면 저한테 전화 주세요.');
  });
});

describe('a provider\'s report in capitals, a retrospective\'s narrative, a decision page with options across', () => {
  it('"DETAILED DESCRIPTION OF IMPACT" is the impact; "REMEDIATION AND PREVENTION" the fix, up to "We are taking the following actions …:", which lists the follow-ups', () => {
    const d = one('postmortem-en-issue-summary-caps', 'incidents').data;
    expect(d.impact.text).toMatch(/^Approximately 21% of new connections/);
    expect(d.resolution.text).toBe('Google engineers were alerted by automated monitoring at 14:11 and rolled back the proxy update at 14:58. Connections recovered fully by 15:15.');
    expect(d.followUps.map((f: { action: string }) => f.action)).toEqual(["Add TLS session resumption to the proxy's pre-release test suite", 'Slow the rollout of proxy updates to one zone per day']);
    expect(d.missing).toEqual([]);
  });

  it('"## Narrative" is the story; "found … at 09:40 and restarted it at 09:52; the backlog drained by 10:30" is three events, each with its own time', () => {
    const d = one('postmortem-en-retro-narrative', 'incidents').data;
    expect(d.timeline.map((e: { time: string; event: string }) => `${e.time} ${e.event}`).slice(2)).toEqual([
      '09:40 @joao found the consumer stuck on a rebalance at 09:40',
      '09:52 restarted it at 09:52',
      '10:30 the backlog drained by 10:30.',
    ]);
    expect(d.followUps.map((f: { owner?: string; status: string }) => [f.owner, f.status])).toEqual([['joao', 'open'], ['marta', 'done']]);
  });

  it('a Korean review with 5 Whys: the paragraph under «조치» is its fix, not its summary', () => {
    const d = one('postmortem-ko-five-whys', 'incidents').data;
    expect(d.summary).toBeUndefined();
    expect(d.resolution.text).toBe('10:50에 큐 이름을 원래대로 되돌리고 워커를 재배포했다.');
    expect(d.rootCause.text).toMatch(/설정 변경에 대한 테스트가 없었다\.$/);
  });

  it('"| | Temporal | Sidekiq | Keep cron |": the options are the columns, each with what the rows say of it; driver and approver both decided', () => {
    const d = one('adr-en-options-across', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['Temporal', true], ['Sidekiq', false], ['Keep cron', false]]);
    expect(d.options[1].reasons).toBe('Description: Redis-backed job queue; Pros and cons: + simple, team knows it; - no multi-step workflows; Estimated cost: 3 weeks');
    expect(d.deciders).toEqual(['Priya Nair', 'Tom Becker']);
  });

  it('"## Decision outcome: Accepted on … by …" says when and by whom; "## Solution" is the decision; "rejected, …" leaves the reason', () => {
    const d = one('adr-en-problem-solution', 'adrs').data;
    expect(d.decision.text).toBe('Evaluate flags in the CDN worker from a JSON snapshot pushed on every change.');
    expect([d.status, d.date.text, d.deciders]).toEqual(['accepted', '2026-10-28', ['web platform team']]);
    expect(d.options.slice(1).map((o: { reasons?: string }) => o.reasons)).toEqual(['it leaks targeting rules to browsers', 'flips would take a minute to apply']);
  });
});

describe('roman-numbered sections, an assistant\'s runbook named only by its lead-in, a chat asked to choose', () => {
  it('«I. Краткое описание», «II. Причина», «III. Как устранили», «IV. Что сделаем»: sections, their numbers no part of their names', () => {
    const d = one('postmortem-ru-roman-numbered', 'incidents').data;
    expect(d.title.text).toBe('Не работала авторизация через VK ID');
    expect(d.rootCause.text).toBe('Истёк client secret приложения в кабинете VK, продлить его забыли.');
    expect(d.resolution.text).toMatch(/^В 19:50 выпустили новый secret/);
    expect(d.followUps.map((f: { owner?: string; due?: string }) => [f.owner, f.due])).toEqual([['Марина', '2026-12-05'], ['Олег', undefined]]);
  });

  it('"다음은 요청하신 Redis 메모리 부족 대응 런북입니다." is the assistant\'s, and names the runbook that has no title of its own', () => {
    const d = one('ai-summary-ko-runbook-asked-for', 'runbooks').data;
    expect(d.title.text).toBe('Redis 메모리 부족 대응 런북');
    expect(d.summary?.text ?? '').not.toMatch(/요청하신/);
    expect(d.steps).toHaveLength(4);
    expect(texts(d.escalation)).toBe('해결되지 않으면 #infra-oncall 채널에 알려주세요');
  });

  it('«Коллеги, надо решить …: Redis или Memcached?»: the question names the options, each one\'s reason is what was said of it; the decision leaves out the question that hands out its work', () => {
    const d = one('chat-ru-telegram-choice-asked', 'adrs').data;
    expect(d.title.text).toBe('Надо решить с кешем для каталога: Redis или Memcached');
    expect(d.decision.text).toBe('Redis 7, кластер из трёх нод.');
    expect(d.options.map((o: { name: string; chosen: boolean; reasons?: string }) => [o.name, o.chosen, o.reasons])).toEqual([
      ['Redis', true, 'я за Redis, нам нужны TTL на отдельные поля и pub/sub для инвалидации'],
      ['Memcached', false, 'Memcached проще, но pub/sub там нет, так что не подходит'],
    ]);
  });
});

describe('Korean speech without punctuation, decisions told as a comparison', () => {
  it('a polite ending ends a sentence a recogniser left unpunctuated: each time its own event, the cause up to its ending, "후속으로는" opens the follow-up', () => {
    const d = one('voice-ko-unpunctuated-pg', 'incidents').data;
    expect(d.timeline.map((e: { time: string; event: string }) => `${e.time} ${e.event}`)).toEqual([
      '20:10 저녁 8시 10분쯤부터 카드 승인 응답이 느려지기 시작했고요',
      '20:25 8시 25분쯤 알림이 와서 봤더니 PG사 쪽 타임아웃이 계속 나고 있었어요',
      '20:50 8시 50분에 백업 PG로 전환해서 정상화됐습니다',
    ]);
    expect(d.rootCause.text).toBe('원인은 PG사 점검이었는데 공지를 저희가 못 봤던 거고요');
    expect(d.resolution.text).toBe('8시 50분에 백업 PG로 전환해서 정상화됐습니다');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([['PG사 공지 메일을 채널로 받게 설정하는 거', '민수']]);
  });

  it('"we compared A and B and C last week … went with B": the compared ones are the options, each rejected one with what was said of it', () => {
    const d = one('voice-en-decision-compared', 'adrs').data;
    expect(d.options.map((o: { name: string; chosen: boolean; reasons?: string }) => [o.name, o.chosen, o.reasons])).toEqual([
      ['elasticsearch', false, 'elasticsearch is way too heavy for a catalog of fifty thousand items'],
      ['meilisearch', true, undefined],
      ['typesense', false, "typesense doesn't do the faceting we need."],
    ]);
    expect(d.context.text).toBe('quick note on the search thing');
    expect(texts(d.consequences.negative)).toMatch(/^the catch is there's no clustering yet/);
  });

  it('«выбирали между A и B с C … C слишком сложный … решили ставить A» in a run-on memo: the one ruled out and the one taken', () => {
    const d = one('voice-ru-decision-between', 'adrs').data;
    expect(d.title.text).toBe('Ставить victoriametrics кластерную версию');
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['thanos', false], ['victoriametrics', true]]);
    expect(texts(d.consequences.negative)).toBe('из минусов нет нормального долгосрочного хранения в s3 придётся держать диски');
  });
});

describe('a Korean Y-statement and MADR, unsigned consequences', () => {
  it('"…의 맥락에서, …에 직면하여, 우리는 X를 선택했고 Y과 Z는 배제했다. …하기 위해서이며, …을 감수한다": the words follow what they mark', () => {
    const d = one('adr-ko-y-statement', 'adrs').data;
    expect(d.decision.text).toBe('S3 호환 오브젝트 스토리지(MinIO)');
    expect(d.context.text).toBe('주문 사진 업로드 기능; 하루 20만 장의 사진과 3년 보관 요구에 직면하여');
    expect(d.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([['S3 호환 오브젝트 스토리지(MinIO)', true], ['NFS 공유 볼륨', false], ['DB BLOB 저장', false]]);
    expect(texts(d.consequences.negative)).toBe('MinIO 클러스터를 직접 운영해야 하는 부담');
    expect(d.missing).toEqual([]);
  });

  it('«선택한 옵션: "Redis". 이유: …» gives the chosen option its reason; «Сессии теряются …», "… can be up to 5 s stale" are costs', () => {
    expect(one('adr-ko-madr-reason-label', 'adrs').data.options[0]).toMatchObject({ name: 'Redis', chosen: true, reasons: expect.stringMatching(/^이미 캐시용 Redis 클러스터를 운영 중이고/) });
    expect(texts(one('adr-ru-nygard-unsigned-consequences', 'adrs').data.consequences.negative)).toBe('Сессии теряются при вытеснении');
    expect(texts(one('adr-en-problem-solution', 'adrs').data.consequences.negative)).toBe('The snapshot can be up to 5 s stale after a change');
  });
});

describe('a playbook, steps as paragraphs, a Korean step table', () => {
  it('a playbook\'s "## Trigger" says when (and names the alert that "fires"), "## Validate" is the check; a folder named alone is no command', () => {
    const d = one('runbook-en-playbook-trigger-validate', 'runbooks').data;
    expect(texts(d.triggers)).toBe('CertExpiringSoon fires for ingress-public (less than 7 days left)');
    expect(d.alerts.map((a: { name: string }) => a.name)).toEqual(['CertExpiringSoon']);
    expect(texts(d.verification)).toMatch(/^echo \| openssl s_client/);
    expect(d.steps.flatMap((s: { commands: string[] }) => s.commands)).not.toContain('/.well-known/acme-challenge/');
  });

  it('«Шаг 1. Остановить реплику: `…`»: a step\'s command on its marker line; «Применять, когда …» says when to use it', () => {
    const d = one('runbook-ru-step-paragraphs', 'runbooks').data;
    expect(d.steps.map((s: { commands: string[] }) => s.commands)).toEqual([['systemctl stop postgresql@16-main'], ['rm -rf /var/lib/postgresql/16/main/*'], ['pg_basebackup -h pg-master -D /var/lib/postgresql/16/main -U replicator -P -R'], ['psql -c "select now() - pg_last_xact_replay_timestamp()"']]);
    expect(texts(d.triggers)).toMatch(/^Применять, когда реплика отстала/);
  });

  it('"…이면 인프라팀에 연락하세요" after a Korean step table is the escalation', () => {
    const d = one('runbook-ko-step-table', 'runbooks').data;
    expect(d.steps).toHaveLength(3);
    expect(texts(d.escalation)).toBe('정리 후에도 85% 이상이면 인프라팀에 연락하세요.');
  });
});

describe('a Notion AI block in Korean, a Russian assistant\'s answer with a timeline table', () => {
  it('"AI 요약 · 방금 전" and "Notion AI로 생성됨" are the block\'s label; "…부터 …까지" is one span; the heading names it', () => {
    const d = one('ai-summary-ko-notion-block', 'incidents').data;
    expect(d.title.text).toBe('배송 조회 API 장애 (11/25)');
    expect(d.timeline.map((e: { time: string }) => e.time)).toEqual(['10:20', '10:58']);
    expect([d.started.text, d.resolved.text]).toEqual(['10:20', '11:05']);
  });

  it('«Во вторник 24.11 с 14:05 …» titles it without its day; «Выпустили 5.12.1 …, падения прекратились» is the fix that ended it', () => {
    const d = one('ai-summary-ru-timeline-table', 'incidents').data;
    expect(d.title.text).toBe('Не открывалось мобильное приложение у части пользователей Android');
    expect(d.resolution.text).toBe('Выпустили 5.12.1 без SDK, падения прекратились (14:40)');
    expect(d.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Костя', 'Лена']);
  });
});

describe('a DiscordChatExporter log, a WhatsApp chat whose fix is a switch to a backup provider', () => {
  it('"[28-Nov-26 03:02 PM] sam.k" over each message is a chat; each follow-up closed by its owner in parentheses is one', () => {
    expect(sources.get('chat-en-discord-exporter')!.data.kind).toBe('chat');
    const d = one('chat-en-discord-exporter', 'incidents').data;
    expect([d.date.text, d.detected.text, d.resolved.text]).toEqual(['2026-11-28', '15:02', '15:18']);
    expect(d.rootCause.text).toBe('the new report job opens a connection per row and never closes them');
    expect(d.followUps.map((f: { action: string; owner?: string }) => [f.action, f.owner])).toEqual([['fix the report job to use the pool', 'priya'], ['add an alert on pool saturation', 'sam']]);
  });

  it('«переключили СБП на резервного провайдера, платежи пошли» is a fix and its end; «банк подтвердил, у них авария …» the cause', () => {
    const d = one('chat-ru-whatsapp-switched-provider', 'incidents').data;
    expect(d.resolution.text).toBe('09:40 Марина: переключили СБП на резервного провайдера, платежи пошли');
    expect(d.rootCause.text).toBe('у них авария на стороне НСПК');
  });
});

describe('one section for two fields: "Root cause and resolution", «Причина и решение», "원인 및 조치"', () => {
  it('the cause is what it says before the first sentence of what was done, the fix from there', () => {
    const en = one('postmortem-en-cause-and-resolution', 'incidents').data;
    expect([en.rootCause.text, en.resolution.text]).toEqual(['The suggestions index was rebuilt from an empty snapshot after a failed nightly job, so the alias pointed at an empty index.', 'At 09:50 we pointed the alias back to the previous index and suggestions returned.']);
    const ru = one('postmortem-ru-cause-and-solution', 'incidents').data;
    expect([ru.rootCause.text, ru.resolution.text]).toEqual(['SMS-шлюз провайдера начал отвечать ошибкой 429 из-за нового лимита на отправку.', 'В 08:10 переключили отправку на резервного провайдера, коды стали доходить.']);
    const ko = one('postmortem-ko-cause-and-action', 'incidents').data;
    expect(ko.resolution.text).toBe('13:35에 이전 버전으로 롤백하여 정상화했습니다.');
    expect(ko.rootCause.text).not.toMatch(/롤백/);
  });
});

describe('a log typed as it happened ("10:02 алерт …" line after line, then "Влияние:" and "Задача:")', () => {
  it('is a written incident, not speech: cause from "нашли причину:", fix and end from the entries, the labels apart', () => {
    const ru = one('incident-ru-typed-log', 'incidents').data;
    expect(ru.tags).not.toContain('voice-note');
    expect(sources.get('incident-ru-typed-log')!.data.kind).not.toBe('transcript');
    expect(ru.date.text).toBe('2026-11-27');
    expect(ru.rootCause.text).toBe('ночная переиндексация не закончилась и забила кластер');
    expect(ru.resolution.text).toMatch(/^остановили переиндексацию/);
    expect([ru.resolved.text, ru.status]).toEqual(['10:20', 'resolved']);
    expect(ru.impact.text).toBe('18 минут поиск отвечал медленно, часть запросов падала по таймауту.');
    expect(ru.followUps).toMatchObject([{ action: 'перенести переиндексацию на выходные', owner: 'Саша' }]);
    expect(ru.summary?.text).not.toBe(ru.title.text);
    expect(ru.draft).toBe(false);
  });

  it('reads the English log the same way; "fail on start" starts nothing and a PagerDuty entry is the detection', () => {
    const en = one('incident-en-typed-log', 'incidents').data;
    expect(en.rootCause.text).toBe('the new JWT signing key was not mounted, pods fail on start');
    expect(en.resolution.text).toMatch(/^reverted the secret change and restarted auth/);
    expect([en.detected.text, en.resolved.text]).toEqual(['21:40', '22:05']);
    expect(en.started?.text).not.toBe('21:52');
    expect(en.followUps).toMatchObject([{ action: 'add a startup check that the signing key exists', owner: 'Priya' }]);
  });
});

describe('an on-call FAQ ("Q: …" over "A: …", «Вопрос:» over «Ответ:»)', () => {
  it('is a runbook: each answered question a step with its commands, "When do I escalate?" the escalation', () => {
    const en = one('runbook-en-oncall-faq', 'runbooks').data;
    expect(en.steps).toHaveLength(3);
    expect(en.steps[1].text).toMatch(/^One partition is far behind the others\. What now\? Restart the indexer pod that owns it/);
    expect(en.steps[1].commands).toEqual(['kubectl -n search delete pod <pod>']);
    expect(texts(en.escalation)).toBe('If lag is still growing 30 minutes after scaling, page the search team.');
    expect(texts(en.warnings)).toBe('Do not go above 12, Elasticsearch starts rejecting bulk requests.');
    expect(en.summary?.text ?? '').not.toMatch(/^Q:/);
    expect(en.service?.text).not.toBe('on-call');
    const ru = one('runbook-ru-faq', 'runbooks').data;
    expect(ru.steps.map((s: { commands: string[] }) => s.commands)).toEqual([['rabbitmqctl list_queues name messages | grep notify'], ['kubectl -n notify scale deploy/notify-worker --replicas=8']]);
    expect(texts(ru.escalation)).toBe('Если за 20 минут очередь не пошла вниз — писать в #notify-oncall.');
  });
});

describe('a timeline of offsets ("T+25m: …" under "Timeline (T = 09:00 UTC …)", «Т+15 мин — …»)', () => {
  it('dates each entry by its offset from T; "reported success" is no detection, "first customer tickets" is', () => {
    const en = one('postmortem-en-offset-timeline', 'incidents').data;
    expect(en.timeline.map((e: { time: string }) => e.time)).toEqual(['09:00', '09:25', '09:40', '10:10', '10:30']);
    expect(en.timeline[1].event).toBe('first customer tickets about wrong prices');
    expect(en.detected.text).toBe('09:25');
    expect(en.resolution.text).toMatch(/^purged the CDN cache/);
    const ru = one('postmortem-ru-offset-timeline', 'incidents').data;
    expect(ru.timeline.map((e: { time: string }) => e.time)).toEqual(['16:00', '16:15', '16:35', '16:50', '17:00']);
    expect(ru.rootCause.text).toBe('воркер читал из реплики с отставанием в час');
    expect([ru.resolved.text, ru.status]).toEqual(['17:00', 'resolved']);
  });
});

describe('a report of one record table ("| 발생 일시 | … |", "| 조치 내용 | 20:10 …, 20:25 … |")', () => {
  it('gives its timeline from the rows: the start by its label, each time of what was done, no doubled end', () => {
    const ko = one('report-ko-record-table', 'incidents').data;
    expect(ko.timeline.map((e: { time: string; event: string }) => [e.time, e.event])).toEqual([
      ['19:40', '발생 일시'],
      ['20:10', '쿠폰 서비스 이전 버전으로 롤백'],
      ['20:25', '캐시 초기화 후 정상화'],
    ]);
    expect(ko.missing).not.toContain('timeline');
  });
});

describe('an RFC with "Alternatives considered" and "we go with …" in its decision', () => {
  it('chooses what "go with" names, not an alternative that shares a word with it ("No caches at all")', () => {
    const rfc = one('rfc-en-alternatives-considered', 'adrs').data;
    expect(rfc.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['local SSD caches with the S3 fallback', true],
      ['Bigger S3 throughput (S3 Express)', false],
      ['No caches at all', false],
    ]);
  });
});

describe('an incident channel with a bot ("🔴 Incident declared", "🟢 … resolved")', () => {
  it('takes the cause from the change blamed by what it broke and the fix from "rolling back … now"', () => {
    const chat = one('chat-en-bot-declared-rollback', 'incidents').data;
    expect(chat.rootCause.text).toBe("the new analyzer config from this morning's deploy drops the asciifolding filter");
    expect(chat.resolution.text).toMatch(/rolling back the analyzer config now/);
    expect(chat.timeline.map((e: { time: string }) => e.time)).toContain('10:15');
  });

  it('an "Identified: …" entry of a tool\'s exported timeline is the root cause', () => {
    const inc = one('postmortem-en-identified-entry', 'incidents').data;
    expect(inc.rootCause.text).toBe('PodDisruptionBudget missing for payments-api, all pods evicted during upgrade');
    expect(inc.draft).toBe(false);
  });
});

describe('a runbook that is one script, its steps numbered in comments ("# 1. Stop the writers")', () => {
  it('gives a step per numbered comment with the commands under it, and no step of its introduction', () => {
    const rb = one('runbook-en-commented-script', 'runbooks').data;
    expect(rb.steps.slice(0, 4).map((s: { text: string }) => s.text)).toEqual([
      'Stop the writers so nothing writes to the old primary',
      'Find the latest snapshot',
      'Restore it into a new instance (takes ~25 minutes)',
      'Point the app at the new instance and bring the writers back',
    ]);
    expect(rb.steps[3].commands).toEqual(['kubectl -n orders set env deploy/orders-api DB_HOST=orders-restore.internal\nkubectl -n orders scale deploy/orders-api --replicas=6']);
    expect(rb.steps[0].cite[0].lines).toEqual([6, 7]);
    expect(rb.summary.text).toBe('Use when the orders primary is lost and the replica cannot be promoted.');
    // "Check: `curl …` returns ok." after the script is its verification, not a fifth step.
    expect(rb.steps).toHaveLength(4);
    expect(rb.verification[0].text).toMatch(/^curl -s https:\/\/orders\.internal\/healthz returns ok/);
  });
});

describe('a post of timed updates ("**Update (09:12 UTC):** …")', () => {
  it('is an incident: one entry per update, "identified as" the cause, the fields without the state word', () => {
    const inc = one('status-en-timed-updates', 'incidents').data;
    expect(inc.timeline.map((e: { time: string }) => e.time)).toEqual(['09:12', '09:30', '09:41', '10:05']);
    expect(inc.rootCause.text).toMatch(/^a misconfigured load balancer health check/);
    expect(inc.resolution.text).toMatch(/rolled back the health check change/);
    expect(inc.impact.text).toMatch(/^This incident is resolved\. About 18% of API requests/);
    expect(inc.trigger?.text ?? '').not.toMatch(/investigating/);
  });
});

describe('a runbook of conditions, each with its command («Если …: `kubectl …`», "If …, run `…`")', () => {
  it('is a runbook: a step per condition with a command, the one without it whom to call, no summary of steps', () => {
    for (const id of ['runbook-ru-conditions', 'runbook-en-conditions']) {
      const rb = one(id, 'runbooks').data;
      expect(rb.steps, id).toHaveLength(3);
      expect(rb.steps.every((s: { commands: string[] }) => s.commands.length === 1), id).toBe(true);
      expect(rb.escalation, id).toHaveLength(1);
      expect(rb.summary?.text ?? '', id).not.toMatch(/kubectl/);
    }
  });
});

describe('a review asked as a numbered list ("1. **What happened?**" over its indented answer)', () => {
  it('reads each question as its section: what happened, why, how it was fixed, what will be done', () => {
    for (const id of ['review-en-numbered-questions', 'review-ru-numbered-questions']) {
      const inc = one(id, 'incidents').data;
      expect(inc.draft, id).toBe(false);
      expect(inc.followUps.length, id).toBeGreaterThanOrEqual(1);
    }
    const en = one('review-en-numbered-questions', 'incidents').data;
    expect(en.rootCause.text).toMatch(/^A new index on exports\.created_at was dropped/);
    expect(en.resolution.text).toBe('We recreated the index concurrently at 14:02 and exports recovered by 14:20.');
    expect(en.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Ana', 'Ben']);
    const ru = one('review-ru-numbered-questions', 'incidents').data;
    expect(ru.rootCause.text).toBe('Истёк сертификат APNs, продление не было автоматизировано.');
    expect(ru.followUps[0]).toMatchObject({ owner: 'Дима', due: '2026-12-15' });
  });
});

describe('a meeting protocol («Протокол встречи …, 25.11.2026», «Повестка:», «Рассматривали:», «Решили:»)', () => {
  it('is an accepted ADR dated by its title, its agenda the context, what was considered the options', () => {
    const adr = one('protocol-ru-committee-decision', 'adrs').data;
    expect([adr.status, adr.date.text]).toEqual(['accepted', '2026-11-25']);
    expect(adr.context.text).toBe('как хранить пользовательские файлы после переезда из старого ЦОДа.');
    expect(adr.options.map((o: { name: string; chosen: boolean }) => [o.name, o.chosen])).toEqual([
      ['MinIO в своём кластере', false],
      ['Yandex Object Storage', true],
      ['оставить NFS', false],
    ]);
    expect(adr.draft).toBe(false);
  });

  it('"Decided: …" in meeting notes says the decision was taken', () => {
    const adr = from('meeting-en-decision-and-runbook').find((d) => d.collection === 'adrs')!.data;
    expect(adr.status).toBe('accepted');
  });
});

describe('a decision log written as a list ("- **2026-10-03 — Use pgbouncer …** (accepted). Why: …")', () => {
  it('is one ADR per entry: what was decided, its day and status, why, who decided', () => {
    const en = from('decision-log-en-bullets').filter((d) => d.collection === 'adrs').map((d) => d.data);
    expect(en.map((d) => [d.decision.text, d.date.text, d.status]).sort()).toEqual([
      ['Move feature flags from LaunchDarkly to Unleash', '2026-11-02', 'proposed'],
      ['Pin Node.js to the active LTS in CI images', '2026-10-17', 'accepted'],
      ['Use pgbouncer in transaction mode for all services', '2026-10-03', 'accepted'],
    ]);
    const pgbouncer = en.find((d) => /pgbouncer/.test(d.decision.text))!;
    expect(pgbouncer.context.text).toBe('session mode ran out of server connections twice in September');
    expect(pgbouncer.deciders).toEqual(['Priya', 'Tom']);
    // The page shows the entry it was read from (the entry is its own title line, which a section drops).
    for (const doc of from('decision-log-en-bullets').filter((d) => d.collection === 'adrs')) expect(doc.body).toContain(doc.data.decision.text);
    const ru = from('decision-log-ru-bullets').filter((d) => d.collection === 'adrs').map((d) => d.data);
    expect(ru.map((d) => d.status).sort()).toEqual(['accepted', 'rejected']);
    const redis = ru.find((d) => /Redis/.test(d.decision.text))!;
    expect([redis.context.text, redis.deciders]).toEqual(['Postgres не выдерживал 4 000 вставок в секунду в пик', ['Орлов', 'Чен']]);
  });
});

describe('more plain-text forms: Zulu times, a notice of "■ label: value" lines, circled step numbers', () => {
  it('"Nov 3 2026, 2340Z" and "0812Z" are clock times; the day carries over midnight; "kills the backfill" is the fix', () => {
    const inc = one('postmortem-en-zulu-times', 'incidents').data;
    expect(inc.timeline.map((e: { time: string; date: string }) => `${e.date} ${e.time}`)).toEqual(['2026-11-03 23:40', '2026-11-04 00:15', '2026-11-04 07:30', '2026-11-04 08:12', '2026-11-04 09:05']);
    expect(inc.timeline[0].event).toBe('nightly settlement job starts');
    expect(inc.resolution.text).toMatch(/^on-call kills the backfill/);
    expect([inc.resolved.text, inc.status]).toEqual(['09:05', 'resolved']);
  });

  it('a notice of "■ 원인: …" lines is a written report, not a transcript: each field by its label', () => {
    const inc = one('notice-ko-square-marks', 'incidents').data;
    expect(inc.tags).not.toContain('voice-note');
    expect([inc.impact.text, inc.rootCause.text]).toEqual(['안드로이드 앱에서 일부 고객 로그인 불가', '인증 서버 인증서 갱신 누락']);
    expect(inc.timeline.map((e: { event: string }) => e.event)).toEqual(['발생 일시', '인증서 갱신 및 서버 재시작', '정상화 확인']);
    expect(inc.summary?.text ?? '').not.toMatch(/■/);
    expect(inc.followUps.map((f: { action: string }) => f.action)).toEqual(['인증서 만료 30일 전 알림 추가']);
  });

  it('"① … ② …" lines are steps, "… 대응 절차" names a runbook, the line that calls someone its escalation', () => {
    const rb = one('runbook-ko-circled-steps', 'runbooks').data;
    expect(rb.steps.map((s: { commands: string[] }) => s.commands.length)).toEqual([1, 1, 1]);
    expect(rb.steps[0].text).toBe('큐 길이를 확인합니다: rabbitmqctl list_queues name messages | grep payment');
    expect(texts(rb.escalation)).toBe('10분 후에도 줄지 않으면 결제팀 당직에게 연락합니다.');
    expect(texts(rb.triggers)).toBe('결제 워커 큐에 메시지가 1만 건 이상 쌓였을 때 사용합니다.');
  });
});

describe('a carrier\'s Reason for Outage, a KB article, a story that ends «выгрузка пошла»', () => {
  it('RFO: "Event Start/End" are its moments, "Description of Event" what happened, the customer line no impact, "Corrective Action" its follow-up', () => {
    const rfo = one('rfo-en-carrier', 'incidents').data;
    expect([rfo.started.text, rfo.resolved.text]).toEqual(['03:12 UTC', '05:47 UTC']);
    expect(rfo.impact.text).toBe('The circuit lost connectivity after a fibre cut between Frankfurt and Mainz caused by third-party construction works.');
    expect(rfo.timeline[0].event).toBe('Event Start');
    expect(rfo.followUps.map((f: { action: string }) => f.action)).toEqual(['Add a second diverse path for the FRA–MNZ span (Q1 2027)']);
  });

  it('a KB article of Symptoms / Cause / Resolution steps is a runbook', () => {
    const kb = one('kb-en-symptoms-cause-resolution', 'runbooks').data;
    expect(kb.steps.slice(0, 3).map((s: { commands: string[] }) => s.commands[0])).toEqual(['df -h /var/lib/docker', 'docker builder prune --all --force', 'sudo systemctl enable --now docker-prune.timer']);
    expect(kb.symptoms).toHaveLength(1);
  });

  it('«в 15:20 выгрузка пошла» ends it', () => {
    const inc = one('postmortem-ru-prose-upload-resumed', 'incidents').data;
    expect([inc.resolved.text, inc.status]).toEqual(['15:20', 'resolved']);
  });
});

describe('more chat copies: Zoom\'s saved chat, a Matrix export, Jira comments under their issue', () => {
  it('Zoom: "10:02:15 From Dana Lee to Everyone:" over each message; the cause, the rollback and the end read from them', () => {
    const inc = one('chat-en-zoom-saved', 'incidents').data;
    expect(sources.get('chat-en-zoom-saved')!.data.kind).toBe('chat');
    expect(inc.rootCause.text).toBe('the new release reads PAYMENTS_URL which is not set in prod');
    expect(inc.resolution.text).toMatch(/rolled back to v2\.41\.3/);
    expect([inc.resolved.text, inc.status]).toEqual(['10:15', 'resolved']);
    expect(inc.followUps).toMatchObject([{ action: 'add a startup check for required env vars', owner: 'Marco Rossi' }]);
  });

  it('Matrix: "<@nina:matrix.example.org>" is nina; «причина в том, что провайдер снизил …» is the cause, not a fix; «очередь разобрана» ends it', () => {
    const inc = one('chat-ru-matrix-export', 'incidents').data;
    expect(inc.timeline.map((e: { event: string }) => e.event.split(':')[0])).toEqual(['oleg', 'nina', 'nina', 'oleg', 'nina', 'oleg']);
    expect(inc.rootCause.text).toBe('провайдер снизил нам лимит до 50 писем в секунду');
    expect(inc.resolution.text).toBe('21:12 oleg: снизил скорость отправки до 40/с');
    expect([inc.resolved.text, inc.status]).toEqual(['21:40', 'resolved']);
  });

  it('Jira: "Dana Lee added a comment - 01/Dec/26 7:02 AM" over each comment; the issue line titles it, "Follow-up OPS-4420 — …" is a follow-up', () => {
    const inc = one('ticket-en-jira-comments', 'incidents').data;
    expect(inc.title.text).toBe('OPS-4412: Nightly backup job failing on db-replica-2');
    expect(inc.date.text).toBe('2026-12-01');
    expect(inc.rootCause.text).toMatch(/^old backups are not pruned/);
    expect(inc.followUps).toMatchObject([{ action: 'restore the retention script in the Ansible role', ticket: 'OPS-4420' }]);
  });
});

describe('assistant pages and an alert runbook in other words', () => {
  it('«**Краткое резюме**», «**Коренная причина**» over their text are sections: the cause is what that one says', () => {
    const inc = one('ai-summary-ru-bold-sections', 'incidents').data;
    expect(inc.rootCause.text).toBe('Сертификат для подписи запросов истёк; напоминание о продлении уходило на ящик уволившегося сотрудника.');
    expect(inc.summary.text).toMatch(/^25 ноября с 11:20 до 12:05 не работала авторизация/);
    expect(inc.followUps).toHaveLength(2);
  });

  it('"Here\'s a clean postmortem you can paste into Notion 👇" is the assistant\'s, not the title; "12,000 listings showed …" is the impact', () => {
    const inc = one('ai-summary-en-emoji-headings', 'incidents').data;
    expect(inc.title.text).not.toMatch(/Notion/);
    expect(inc.impact.text).toBe('Roughly 12,000 listings showed a grey placeholder.');
    expect(inc.draft).toBe(false);
  });

  it('"런북: PaymentApiHighLatency" names its alert; "## 알림 의미" is what the alert means', () => {
    const rb = one('runbook-ko-alert-sections', 'runbooks').data;
    expect(rb.alerts.map((a: { name: string }) => a.name)).toEqual(['PaymentApiHighLatency']);
    expect(rb.summary.text).toMatch(/^결제 API의 p95 응답 시간이 5분 이상 2초를 넘으면 발생합니다\./);
  });
});

describe('hours said against the hour: "ten past three", "twenty to four", «десять минут четвёртого», «четверть четвёртого»', () => {
  it('are clock times written as said; "came through" / «выгрузка прошла» end it', () => {
    const en = one('voice-en-past-the-hour', 'incidents').data;
    expect(en.timeline.map((e: { time: string }) => e.time)).toEqual(['3:10', '3:15', '3:30', '3:40']);
    expect(en.timeline[1].event).toMatch(/^at like quarter past three/);
    expect([en.started.text, en.detected.text, en.resolved.text, en.status]).toEqual(['3:10', '3:15', '3:40', 'resolved']);
    const ru = one('voice-ru-minutes-into-hour', 'incidents').data;
    expect(ru.timeline.map((e: { time: string }) => e.time)).toEqual(['3:10', '3:15', '3:30', '3:40']);
    expect(ru.title.text).toBe('Отвалилась выгрузка в 1С');
    expect([ru.resolved.text, ru.status]).toEqual(['3:40', 'resolved']);
  });
});

describe('a decision of label lines, a runbook with «Порядок действий:», steps numbered 1.1 / 1.2', () => {
  it('"Alternatives considered: A (why), B (why)" are the options with their reasons; "move … to Redis" chooses Redis; "Owner:" decides', () => {
    const adr = one('adr-en-label-lines', 'adrs').data;
    expect(adr.options.map((o: { name: string; chosen: boolean; reasons?: string }) => [o.name, o.chosen, o.reasons])).toEqual([
      ['Redis', true, undefined],
      ['Memcached', false, 'no persistence, sessions lost on restart'],
      ['DynamoDB', false, 'cross-cloud latency from our region'],
    ]);
    expect(adr.deciders).toEqual(['@ana']);
  });

  it('«… — написать в #infra» is whom to call, not what the runbook is for', () => {
    const rb = one('runbook-ru-order-of-actions', 'runbooks').data;
    expect(texts(rb.escalation)).toMatch(/^Если certbot падает с ошибкой rate limit — написать в #infra/);
    expect(rb.summary?.text ?? '').not.toMatch(/certbot/);
    expect(rb.steps).toHaveLength(4);
  });

  it('"1. Prepare" over "1.1 …", "1.2 …": each numbered sub-line is a step, named by its group', () => {
    const rb = one('runbook-en-nested-numbering', 'runbooks').data;
    expect(rb.steps.map((s: { text: string }) => s.text.split(':')[0])).toEqual(['Prepare', 'Prepare', 'Fail over', 'Fail over', 'Verify']);
    expect(rb.steps[2].commands).toEqual(['pg_ctl promote -D /var/lib/postgresql/16/main']);
  });
});

describe('a plain-text postmortem of bare section names; a Korean retrospective', () => {
  it('"quota at 100%" is no share of users; "were not delivered" is the impact; "delivered again" ends it', () => {
    const inc = one('postmortem-en-plain-sections', 'incidents').data;
    expect(inc.impact.text).toMatch(/^Password reset emails were not delivered for 3 hours/);
    expect([inc.resolved.text, inc.status]).toEqual(['11:05', 'resolved']);
    expect(inc.resolution.text).toMatch(/^transactional mail moved to a separate SES configuration set/);
    expect(inc.lessons).toHaveLength(2);
  });

  it('"신규 상품이 검색에 노출되지 않았습니다" tells the impact; 잘된 점 / 개선할 점 are what went well and wrong', () => {
    const inc = one('retro-ko-went-well-improve', 'incidents').data;
    expect(inc.impact.text).toMatch(/노출되지 않았습니다\.$/);
    expect([inc.whatWentWell.length, inc.whatWentWrong.length]).toEqual([1, 2]);
  });
});

describe('the same shapes about other things are no documents', () => {
  it('a residents\' meeting protocol, an HR FAQ, a release\'s rollout updates, a timed list of errands', () => {
    expect(from('protocol-ru-residents-meeting')).toEqual([]);
    expect(report.files.find((f) => f.file === 'protocol-ru-residents-meeting.md')).toMatchObject({ status: 'unpublished', reason: expect.stringMatching(/nothing technical/) });
    expect(from('faq-en-hr')).toEqual([]);
    expect(from('release-en-rollout-updates')).toEqual([]);
    expect(from('log-ru-errands')).toEqual([]);
    expect(from('decision-log-en-family')).toEqual([]);
  });
});

describe('"## Remediation" that opens with what was done, then lists what is planned', () => {
  it('its first paragraph is the fix, its list the follow-ups', () => {
    const inc = one('postmortem-en-remediation-done-then-planned', 'incidents').data;
    expect(inc.resolution.text).toBe('We pinned the library to the previous version and redeployed at 13:45; the failed deliveries were replayed by 14:30.');
    expect(inc.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['Nadia', 'Ken']);
  });
});

describe('a plain-text report that numbers its sections ("1. 장애 개요", «2. Причина»)', () => {
  it('reads each numbered section name as a section: the cause and the fix without the names, the follow-ups from the last', () => {
    const ko = one('report-ko-numbered-sections', 'incidents').data;
    expect(ko.rootCause.text).toMatch(/^- 신규 배포된 쿠폰 검증 로직이/);
    expect(ko.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['윤서준', '개발팀 전체']);
    expect(ko.timeline.map((e: { event: string }) => e.event)).toEqual(['발생 일시', '쿠폰 검증 기능 플래그 OFF', '응답 시간 정상화 확인']);
    const ru = one('report-ru-numbered-sections', 'incidents').data;
    expect([ru.rootCause.text, ru.resolution.text]).toEqual(['Истёк TLS-сертификат на внутреннем балансировщике между фронтендом и API.', 'В 09:50 выпустили новый сертификат и перезагрузили балансировщик.']);
    expect(ru.followUps).toHaveLength(2);
  });
});

describe('notes in two languages: English section names over Russian or Korean prose', () => {
  it('are read by their sections, and their language is the prose\'s (a Hangul syllable weighs two or three letters)', () => {
    const ru = one('postmortem-ruen-english-headings', 'incidents').data;
    expect(ru.language).toBe('ru');
    expect(ru.resolution.text).toMatch(/^откатили на v5\.2/);
    expect(ru.followUps.map((f: { owner?: string }) => f.owner)).toEqual(['@kirill', '@olga']);
    const ko = one('runbook-koen-kafka-lag', 'runbooks').data;
    expect(ko.language).toBe('ko');
    expect(ko.steps).toHaveLength(3);
    expect(texts(ko.escalation)).toMatch(/#data-platform/);
  });
});

describe('replies in a chat copy: Slack\'s "replied to a thread: …", Telegram\'s "[В ответ на …]"', () => {
  it('the reply is the message, not the line quoting what it answers; a limit seen hit is the cause when nothing else is', () => {
    const en = one('chat-en-slack-thread-replies', 'incidents').data;
    expect(en.timeline[1].event).toBe('Tom Becker: looking, the payment-service pods are OOMKilled');
    const ru = one('chat-ru-telegram-replies', 'incidents').data;
    expect(ru.timeline.map((e: { event: string }) => e.event)).not.toContainEqual(expect.stringMatching(/В ответ на/));
    expect(ru.rootCause.text).toBe('nginx упирается в worker_connections');
    expect(ru.resolution.text).toMatch(/поднял worker_connections до 8192/);
  });
});

describe('admonitions as docs sites write them: GitHub\'s "> [!WARNING]", Docusaurus\' ":::danger … :::"', () => {
  it('are the warnings, without their closing marks; an operation named over numbered commands is a runbook', () => {
    const gh = one('runbook-en-github-alerts', 'runbooks').data;
    expect(texts(gh.warnings)).toBe('Rotating the secret invalidates in-flight retries: do it outside peak hours.');
    const docs = one('runbook-en-docusaurus-admonitions', 'runbooks').data;
    expect(texts(docs.warnings)).toBe('Never purge /* during business hours: origin load triples and checkout slows down.');
    expect(docs.steps).toHaveLength(3);
  });
});

describe('a Korean channel that blames the release by what it changed; a Russian alert page', () => {
  it('"방금 배포한 v2.8에서 … 설정이 10으로 줄었네요" is the cause; "…테스트는 제가 추가할게요" is the writer\'s "… 테스트 추가"', () => {
    const chat = one('chat-ko-slack-release-cause', 'incidents').data;
    expect(chat.rootCause.text).toBe('방금 배포한 v2.8에서 DB 커넥션 풀 설정이 10으로 줄었네요');
    expect(chat.followUps).toMatchObject([{ action: '커넥션 풀 설정 검증 테스트 추가', owner: '김민수' }]);
  });

  it('«Чем грозит:» is the alert\'s impact, beside what it means', () => {
    const rb = one('runbook-ru-alert-what-it-threatens', 'runbooks').data;
    expect(rb.summary.text).toMatch(/^реплика отстаёт от мастера больше чем на 60 секунд\.\n\nImpact: отчёты и поиск показывают устаревшие данные/);
  });
});

describe('key points as an assistant writes them: «**Ключевые моменты**», "무엇이 고장났나:"', () => {
  it('the key points are a summary section, not the title; what broke is the impact and names the page', () => {
    const ru = one('ai-summary-ru-key-points', 'incidents').data;
    expect(ru.title.text).not.toBe('Ключевые моменты');
    expect(ru.rootCause.text).toBe('истёк ключ сервисного аккаунта FCM');
    const ko = one('ai-summary-ko-key-points', 'incidents').data;
    expect(ko.impact.text).toBe('14:00~14:40 iOS 앱 결제 화면이 열리지 않음');
    expect(ko.draft).toBe(false);
  });
});
