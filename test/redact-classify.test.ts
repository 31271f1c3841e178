import { describe, expect, it } from 'vitest';
import { classify } from '../src/pipeline/classify.ts';
import { isPlaceholder, redact, redactLine } from '../src/pipeline/redact.ts';

describe('redact', () => {
  it.each([
    ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id]'],
    ['Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGc', 'Authorization: Bearer [REDACTED:bearer-token]'],
    ['DATABASE_URL=postgres://svc:hunter2@db:5432/x', 'DATABASE_URL=postgres://svc:[REDACTED:database-url-password]@db:5432/x'],
    ['STRIPE_SECRET=sk_live_51Habc', 'STRIPE_SECRET=[REDACTED:secret-assignment]'],
    ['call me at +49 151 23456789', 'call me at [REDACTED:phone]'],
    ['mail jane.doe@corp.com', 'mail [REDACTED:email]'],
  ])('%s', (input, expected) => {
    expect(redactLine(input).line).toBe(expected);
  });

  it.each([
    'deploy at 2026-05-12 14:02, rollback 14:47',
    'ssh 10.0.12.7 -p 2222',
    'version 1.24.3-rc.1 and build 20260228192519',
    'PASSWORD=$DB_PASSWORD',
    'API_KEY=your-key',
    'SECRET_KEY=<secret>',
    'TOKEN=[ТОКЕН]',
    'write to oncall@example.org or support@company.io',
    'git sha 3f786850e387550fdab836ed7e6dc881de23001b',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
    'aws s3 cp s3://ringo-backups/postgres/full/latest.sql.gz /tmp/backup.sql.gz',
  ])('leaves alone: %s', (line) => {
    expect(redactLine(line)).toEqual({ line, types: [] });
  });

  it('blanks a private key block line by line, keeping the line count', () => {
    const text = 'before\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\nafter';
    const result = redact(text);
    expect(result.text.split('\n')).toEqual(['before', '[REDACTED:private-key]', '[REDACTED:private-key]', '[REDACTED:private-key]', 'after']);
    expect(result.redactions.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('knows placeholders', () => {
    for (const value of ['[ИМЯ]', 'your-key', 'COMPROMISED_KEY', 'VERSION_ID', '${TOKEN}', 'xxxx', 'changeme']) expect(isPlaceholder(value), value).toBe(true);
    for (const value of ['hunter2hunter2', 'n3w-Pa55word']) expect(isPlaceholder(value), value).toBe(false);
  });
});

describe('classify', () => {
  it('a title that names its kind decides', () => {
    expect(classify('Postmortem — API outage', '').kind).toBe('incident');
    expect(classify('ADR-003: Use gRPC', '').kind).toBe('adr');
    expect(classify('Runbook: restart Kafka', '').kind).toBe('runbook');
  });

  it('scores Russian and English cue words', () => {
    expect(classify('Сбой оплаты', 'Причина: истёк сертификат. Влияние: 40 минут простоя. Хронология: 09:12 алерт').kind).toBe('incident');
    expect(classify('Restart the queue', 'Symptoms: backlog grows.\n1. Check the consumer\n```bash\nsystemctl restart worker\n```\nEscalation: page SRE').kind).toBe('runbook');
    expect(classify('Storage choice', 'Decision: we use Postgres. Rejected alternatives: MongoDB. Consequences: migrations.').kind).toBe('adr');
  });

  it('small talk, a greeting or a Whisper artefact is none, with the reason', () => {
    for (const text of ['Продолжение следует...', 'Привет! Как дела? Созвонимся завтра.', 'Thanks for watching!']) {
      const result = classify('', text);
      expect(result.kind).toBe('none');
      expect(result.reason).toMatch(/threshold/);
    }
  });
});
