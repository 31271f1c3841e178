import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isPlaceholder, redact } from '../src/pipeline/redact/index.ts';
import { ingest } from '../src/pipeline/run.ts';
import { chatReply, startMockOpenAI, type MockOpenAI } from './helpers/openai-server.ts';
import { tempProject } from './helpers/project.ts';
import { caseNote, judge, loadSecretCases } from './helpers/secret-cases.ts';
import { leaksInSite } from './helpers/secret-pipeline.ts';

/**
 * Redaction, three ways: every case of ../shared/bench/secret-cases by family; cases of each
 * family in contexts the set does not have (values generated here, so no scanner mistakes this
 * file for a leak); and the whole pipeline, where a secret may hide in a title, the search index
 * or a model request.
 */
const CASES = loadSecretCases();
const FAMILIES = [...new Set(CASES.map((c) => c.kind))].filter((kind) => kind !== 'lookalike').sort();
/** Look-alikes by subtype: `lk-sha-02` → sha. */
const LOOKALIKE_KINDS = [...new Set(CASES.filter((c) => c.kind === 'lookalike').map((c) => c.id.split('-')[1]!))].sort();

describe('the shared secret cases', () => {
  it.each(FAMILIES)('%s: every secret goes, the context around it stays', async (family) => {
    for (const secretCase of CASES.filter((c) => c.kind === family)) {
      const result = judge(secretCase, (await redact(secretCase.text)).text);
      expect({ id: secretCase.id, leaked: result.leaked, lost: result.lost }).toEqual({ id: secretCase.id, leaked: [], lost: [] });
    }
  });

  it.each(LOOKALIKE_KINDS)('look-alikes (%s) come through untouched', async (kind) => {
    for (const lookalike of CASES.filter((c) => c.kind === 'lookalike' && c.id.split('-')[1] === kind)) {
      expect({ id: lookalike.id, text: (await redact(lookalike.text)).text }).toEqual({ id: lookalike.id, text: lookalike.text });
    }
  });
});

/** Deterministic fake values in the right shapes (mulberry32): nothing here is a real credential. */
let state = 20261201;
function fake(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;
const B64 = `${ALNUM}+/`;
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const password = () => `${fake(ALNUM, 13)}!`;
const jwt = () => [`eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9`, `eyJ${fake(`${ALNUM}_-`, 70)}`, fake(`${ALNUM}_-`, 43)] as const;

interface OwnCase {
  text: string;
  /** Must be gone; empty for a look-alike, whose whole text must come through. */
  secrets: string[];
  survive?: string[];
}

function secret(text: (value: string) => string, value: string, survive: string[] = []): OwnCase {
  return { text: text(value), secrets: [value], survive };
}
const lookalike = (text: string): OwnCase => ({ text, secrets: [] });

/** For each family of the set: secrets in contexts the set does not have, and a look-alike beside them. */
const OWN: Record<string, OwnCase[]> = {
  'aws-key': [
    secret((v) => `aws configure set aws_secret_access_key ${v} --profile restore`, fake(B64, 40), ['--profile restore']),
    secret((v) => `Ключ: AKIA${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}, секрет: ${v}`, fake(B64, 40)),
    lookalike('aws_account_id = 123456789012'),
    lookalike('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'),
  ],
  'gcp-key': [
    secret((v) => `<meta name="google-key" content="${v}">`, `AIza${fake(`${ALNUM}_-`, 35)}`),
    lookalike('gcloud projects describe acme-analytics-prod --format="value(projectNumber)"'),
  ],
  'azure-key': [
    secret((v) => `$env:AZURE_STORAGE_KEY = "${v}"`, `${fake(B64, 86)}==`),
    secret((v) => `Секрет приложения в Entra: ${v} (истекает через 90 дней)`, `${fake(ALNUM, 3)}8Q~${fake(`${ALNUM}_~.-`, 34)}`, ['истекает через 90 дней']),
    lookalike(`"integrity": "sha512-${fake(B64, 86)}=="`),
  ],
  'github-token': [
    secret((v) => `GITHUB_TOKEN=${v} gh release create v1.2.0`, `ghp_${fake(ALNUM, 36)}`, ['gh release create v1.2.0']),
    lookalike('env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}'),
  ],
  'gitlab-token': [
    secret((v) => `gitlab-runner register --url https://gitlab.example.com --token ${v}`, `glrt-${fake(`${ALNUM}_-`, 20)}`, ['--url https://gitlab.example.com']),
    lookalike('CI_JOB_TOKEN is injected by the runner; see Settings > CI/CD > Token Access'),
  ],
  'slack-token': [
    secret((v) => `[12:01] Пётр: держи бота ${v}`, `xoxb-${fake(DIGITS, 12)}-${fake(DIGITS, 13)}-${fake(ALNUM, 24)}`, ['держи бота']),
    secret((v) => `refresh: ${v}`, `xoxe.xoxp-1-${fake(ALNUM, 140)}`),
    lookalike('token: {{ .Values.slack.botToken | quote }}'),
  ],
  'slack-webhook': [
    secret((v) => `Slack notify failed: POST hooks.slack.com/services/T0ABCDEF1/B0ABCDEF23/${v} returned 403`, fake(ALNUM, 24), ['returned 403']),
    lookalike('SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXX/YYY/ZZZ'),
  ],
  'stripe-key': [
    secret((v) => `STRIPE_RESTRICTED=${v}`, `rk_live_${fake(ALNUM, 99)}`),
    lookalike(`"publishable_key": "pk_live_${fake(ALNUM, 24)}"`),
  ],
  'openai-key': [
    secret((v) => `openai.api_key = "${v}"`, `sk-proj-${fake(`${ALNUM}_-`, 74)}T3BlbkFJ${fake(`${ALNUM}_-`, 74)}`),
    secret((v) => `${v}`, `sk-svcacct-${fake(`${ALNUM}_-`, 60)}T3BlbkFJ${fake(`${ALNUM}_-`, 60)}`),
    lookalike('В .env положите свой ключ: OPENAI_API_KEY=sk-...'),
  ],
  'anthropic-key': [
    secret((v) => `anthropic: {apiKey: '${v}'}`, `sk-ant-api03-${fake(`${ALNUM}_-`, 93)}AA`),
    lookalike('ANTHROPIC_API_KEY=<your-key>'),
  ],
  jwt: (() => {
    const [header, payload, signature] = jwt();
    return [{ text: `Cookie: session=${header}.${payload}.${signature}; Path=/`, secrets: [payload, signature], survive: ['Path=/'] }, lookalike('"token_type": "Bearer", "expires_in": 3600')];
  })(),
  'private-key': (() => {
    const [a, b] = [fake(B64, 64), fake(B64, 64)];
    return [
      { text: `    key: |\n      -----BEGIN EC PRIVATE KEY-----\n      MHcCAQEEI${a}\n      ${b}\n      -----END EC PRIVATE KEY-----`, secrets: [a, b], survive: ['-----BEGIN EC PRIVATE KEY-----'] },
      secret((v) => `PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\n${v}\nPrivate-MAC: ${fake(HEX, 64)}`, fake(B64, 64), ['Private-Lines: 1']),
      lookalike(`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fake(ALNUM, 43)} ops@bastion`),
    ];
  })(),
  'url-password': [
    secret((v) => `mongodb+srv://admin:${v}@cluster0.abcd.mongodb.net/prod?retryWrites=true`, password(), ['cluster0.abcd.mongodb.net/prod']),
    secret((v) => `Server=tcp:sql.example.net;Database=ledger;User ID=app;Password=${v};Encrypt=true`, password(), ['Encrypt=true']),
    secret((v) => `redis://:${v}@redis-cache.internal:6379/0`, password(), ['redis-cache.internal:6379/0']),
    lookalike('curl -u guest:guest http://localhost:15672/api/overview'),
    // The whole user part a token: git over HTTPS, a Sentry DSN.
    secret((v) => `git clone https://${v}@git.example.com/platform/charts.git`, fake(ALNUM, 40), ['git.example.com/platform/charts.git']),
    secret((v) => `SENTRY_DSN=https://${v}@o4504.ingest.sentry.io/4505`, fake(HEX, 32), ['ingest.sentry.io/4505']),
    lookalike('npm i https://registry.npmjs.org/@scope/package-name-long@1.2.3; mailto://release-managers-group@example.com'),
  ],
  'password-flag': [
    secret((v) => `mysql -uroot -p${v} -e "show slave status"`, password(), ['show slave status']),
    secret((v) => `echo '${v}' | docker login -u bot --password-stdin registry.example.com`, password(), ['--password-stdin registry.example.com']),
    secret((v) => `rabbitmqctl change_password admin ${v}`, password()),
    secret((v) => `sqlcmd -S sql01 -U sa -P '${v}' -Q "SELECT 1"`, password(), ['-Q "SELECT 1"']),
    secret((v) => `keytool -importcert -keystore app.jks -storepass ${v} -file ca.crt`, password(), ['-file ca.crt']),
    secret((v) => `Логин/пароль: admin / ${v}`, password(), ['Логин/пароль: admin']),
    secret((v) => `임시 비밀번호 ${v} 로 로그인 후 변경`, password(), ['로그인 후 변경']),
    // A change said in words, a value in typographic quotes, a login/password pair after "creds are".
    // The password's closing "!" goes with it.
    secret((v) => `The root password was changed to ${v} after the incident`, password(), ['[REDACTED:password] after the incident']),
    secret((v) => `Then set the admin password to '${v}' and log in`, password(), ['and log in']),
    secret((v) => `Пароль сменили на ${v}, старый отозван`, password(), ['старый отозван']),
    secret((v) => `Пароль от стенда: «${v}»`, password(), ['Пароль от стенда: «']),
    secret((v) => `비밀번호를 ${v} 로 변경했습니다`, password(), ['로 변경했습니다']),
    secret((v) => `creds are deploy/${v} for now`, password(), ['creds are deploy/', 'for now']),
    secret((v) => `basic auth ops:${v} for the kibana`, `Sup3r${fake(ALNUM, 6)}`, ['basic auth ops:', 'for the kibana']),
    secret((v) => `Someone pasted the admin login in the channel: admin / ${v}`, `Wint3r-${fake(ALNUM, 6)}`, ['the admin login in the channel: admin /']),
    secret((v) => `доступ к графане: admin:${v}`, `Graf4na!${fake(ALNUM, 4)}`, ['доступ к графане: admin:']),
    secret((v) => `DB 접속 정보: dbadmin / ${v}`, `Pa$$w0rd${fake(ALNUM, 4)}`, ['DB 접속 정보: dbadmin /']),
    // After "pass: " an "&" is part of the password; after "=" it starts a query's next pair.
    secret((v) => `SSH: ssh deploy@10.0.0.5, pass: ${v}`, `Tr0ub4dor&${fake(ALNUM, 4)}`, ['SSH: ssh deploy@10.0.0.5, pass:']),
    // A Russian password may be written in Cyrillic; words with a hyphen after «пароль:» are no password.
    secret((v) => `пароль от админки: ${v}, не светите`, `Лето${fake('0123456789', 4)}!`, ['пароль от админки:', 'не светите']),
    lookalike('Пароль: смотри-в-волте; пароль — Спросить-у-Олега; пароль: новый-временный'),
    // Credential files pasted as lines: a .pgpass line's last field, an htpasswd hash; «пасс»; a variable named in prose.
    secret((v) => `echo 'db1.internal:5432:orders:app:${v}' >> ~/.pgpass`, password(), ["echo 'db1.internal:5432:orders:app:", "' >> ~/.pgpass"]),
    secret((v) => `ops:${v}`, `$apr1$Zk3mP9qR$${fake(ALNUM, 22)}`, ['ops:']),
    secret((v) => `пасс от стенда: ${v}`, password(), ['пасс от стенда:']),
    secret((v) => `set the env var DB_PASS to ${v} on the box`, password(), ['set the env var DB_PASS to', 'on the box']),
    lookalike('logs at 10:05:12:INFO:worker started; DB_PASS is set in the vault; TOKEN: see 1Password; компасс и пассажир'),
    // What follows "password managers:" is products, not a password; the password after the manager is one.
    lookalike('We considered password managers: LastPass, 1Password, Bitwarden; password policy: Twelve chars'),
    secret((v) => `From the password manager, the root password: ${v}`, password(), ['From the password manager, the root password:']),
    secret((v) => `-----BEGIN OpenVPN Static key V1-----\n${v}\n-----END OpenVPN Static key V1-----`, fake(HEX, 32), ['-----END OpenVPN Static key V1-----']),
    secret((v) => `vault login; export VAULT_TOKEN=${v}`, `s.${fake(ALNUM, 22)}7a`),
    lookalike('Vault: s.getToken() returns the token; s.keysRotatedAt is a timestamp'),
    lookalike('The password was changed to the new policy; tokens are rotated every 90 days; пароль сменили на новый; 비밀번호를 변경했습니다; creds are team/prod'),
    lookalike('login errors: 500 / 502 for an hour; the login page: /auth/login; login flow: web / mobile-app2'),
    lookalike('Доступ к базе: 10:05 / 10:30 пропадал; Доступ: read-only / read-write; доступ к S3 восстановили: bucket/logs-2026; 접속 정보: VPN / 사내망에서만'),
    // A login and its password after the word, spaced apart, no separator; a path or a list of two things is none.
    secret((v) => `Пароль для входа в Grafana admin / ${v}`, `Графана${fake(DIGITS, 4)}!`, ['Пароль для входа в Grafana admin /']),
    lookalike('vault kv get -field=password secret/prod/billing/db; password reset flow for web / mobile; пароль менять раз в 90 дней / 180 дней'),
    lookalike('mysql -u app -p shop < dump.sql'),
    lookalike('redis-cli -h cache -p 6380 ping'),
    lookalike('password = getpass.getpass()'),
  ],
  pgpassword: [
    secret((v) => `PGPASSWORD="${v}" pg_restore -d ledger dump.pgc`, password(), ['pg_restore -d ledger dump.pgc']),
    lookalike('PGPASSWORD=${PGPASSWORD:?set it first} psql -h db'),
  ],
  'auth-header': [
    secret((v) => `headers = {'Authorization': f'Bearer ${v}'}`, fake(ALNUM, 40)),
    secret((v) => `curl -H 'x-api-key: ${v}' https://api.example.com`, fake(ALNUM, 40), ['https://api.example.com']),
    secret((v) => `curl -b "sessionid=${v}" https://admin.internal/`, fake(ALNUM, 40), ['https://admin.internal/']),
    lookalike('Idempotency-Key: 8c1f2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f'),
    lookalike('curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/me'),
  ],
  'dotenv-secret': [
    secret((v) => `JWT_SECRET=${v}\nJWT_TTL=3600`, fake(ALNUM, 64), ['JWT_TTL=3600']),
    secret((v) => `spring.datasource.password=${v}`, password()),
    lookalike('TOKEN_TTL=3600\nSECRET_NAME=payments/prod/db\nAPI_KEY_HEADER=X-Api-Key'),
  ],
  'telegram-bot-token': [
    secret((v) => `bot = telebot.TeleBot("${v}")`, `7${fake(DIGITS, 9)}:AA${fake(`${ALNUM}_-`, 33)}`),
    // Retyped a character short, as pasted into a note.
    secret((v) => `bot token ${v}`, `${fake(DIGITS, 9)}:AA${fake(ALNUM, 32)}`),
    lookalike('Пример из документации Telegram: 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11'),
  ],
  // Yandex Cloud: an API key, an IAM token, an OAuth token (y0_…), as Russian teams paste them.
  'yandex-cloud': [
    secret((v) => `в .env лежит ${v}`, `AQVN${fake(`${ALNUM}_-`, 36)}`),
    secret((v) => `curl -H "Authorization: Bearer ${v}" https://compute.api.cloud.yandex.net/compute/v1/instances`, `t1.${fake(`${ALNUM}_-`, 60)}.${fake(`${ALNUM}_-`, 86)}`),
    secret((v) => `curl -H "Authorization: OAuth ${v}" https://cloud-api.yandex.net/v1/disk`, `y0_Ag${fake(`${ALNUM}_-`, 52)}`),
    lookalike('инстансы t1.micro и t1.small; флаг y0_Ag в конфиге; AQVN — префикс ключей'),
  ],
  // Shapes the preset wants at full length or lacks: a Vault token cut short, New Relic license and user keys.
  'vendor-prefixes': [
    secret((v) => `vault token: ${v} (expires tonight)`, `hvs.CAES${fake(`${ALNUM}_-`, 40)}`, ['(expires tonight)']),
    secret((v) => `New Relic license: ${v}`, `eu01xx${fake(HEX, 30)}NRAL`),
    secret((v) => `NEW_RELIC_API_KEY=${v}`, `NRAK-${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 27)}`),
    // After "=" a vendor prefix and a dot ("hvs.", SendGrid's "SG.") are no property of an object in code.
    secret((v) => `VAULT_TOKEN=${v}`, `hvs.CAES${fake(ALNUM, 30)}`),
    secret((v) => `SENDGRID_API_KEY=${v}`, `SG.${fake(ALNUM, 22)}.${fake(ALNUM, 43)}`),
    lookalike('hvs. is the prefix of Vault service tokens; NRAL ends license keys; set password_encryption = scram-sha-256'),
    lookalike('API_KEY=config.sendgrid.apiKey; VAULT_TOKEN=process.env.VAULT_TOKEN'),
    lookalike('비밀번호: 1Password 금고에 있음; token: Bitwarden; пароль: KeePassXC'),
  ],
  // Prefixes of other vendors (Supabase, Docker Hub, Pulumi, Mapbox, Dynatrace, PlanetScale, RubyGems,
  // Heroku, FCM, Alibaba, Fly, Netlify, ngrok) and GitHub tokens of another length than the preset's.
  'more-vendor-prefixes': [
    secret((v) => `supabase access token ${v}`, `sbp_${fake(HEX, 40)}`),
    secret((v) => `docker login -u ci --password-stdin <<< ${v}`, `dckr_pat_${fake(`${ALNUM}_-`, 27)}`),
    secret((v) => `PULUMI_ACCESS_TOKEN: ${v}`, `pul-${fake(HEX, 40)}`),
    secret((v) => `mapbox secret ${v} (scopes: styles:write)`, `sk.eyJ1Ijoi${fake(ALNUM, 60)}.${fake(`${ALNUM}_-`, 22)}`, ['(scopes: styles:write)']),
    secret((v) => `dynatrace api token ${v}`, `dt0c01.${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 24)}.${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 64)}`),
    secret((v) => `planetscale: ${v}`, `pscale_tkn_${fake(ALNUM, 43)}`),
    secret((v) => `gem push with ${v}`, `rubygems_${fake(HEX, 48)}`),
    secret((v) => `heroku auth token ${v}`, `HRKU-${fake(`${ALNUM}_-`, 60)}`),
    secret((v) => `legacy FCM server key ${v}`, `AAAA${fake(ALNUM, 7)}:APA91b${fake(`${ALNUM}_-`, 134)}`),
    secret((v) => `alibaba access key id ${v}`, `LTAI5t${fake(ALNUM, 18)}`),
    secret((v) => `fly deploy token: ${v}`, `FlyV1 fm2_${fake(`${ALNUM}+/=`, 80)}`),
    secret((v) => `netlify personal token ${v}`, `nfp_${fake(ALNUM, 36)}`),
    secret((v) => `ngrok config add-authtoken ${v}`, `2${fake(ALNUM, 26)}_${fake(ALNUM, 21)}`),
    secret((v) => `fine-grained PAT (cut short when pasted): ${v}`, `github_pat_11${fake(`${ALNUM}_`, 60)}`),
    lookalike('pk.eyJ1IjoiZXhhbXBsZSJ9 is a public Mapbox token; hf_transfer on; npm_config_cache set; gh_pages branch; dt0c01 is the token prefix'),
  ],
  // Secrets named where the preset's rules do not look: an appSettings attribute, a few words after the word.
  'named-further-away': [
    secret((v) => `<add key="PaymentsApiSecret" value="${v}" />`, fake(ALNUM, 24)),
    secret((v) => `пароль для входа в графану ${v}`, `Gr${fake(ALNUM, 10)}7x`),
    secret((v) => `токен бота ${v}.`, `7Hq${fake(ALNUM, 30)}`),
    // The value, then a dash and what to do about it.
    secret((v) => `пароль ${v} — сменить после инцидента`, `P@${fake(ALNUM, 8)}_2026`, ['— сменить после инцидента']),
    secret((v) => `admin password ${v} - rotate it after the drill`, `Q${fake(ALNUM, 10)}7!`, ['rotate it after the drill']),
    lookalike('password: <see vault>; токен бота лежит в переменной TELEGRAM_TOKEN; key takeaways from INC-2026-0042 review'),
    lookalike('Set password=<your-password> in the config, then restart; the password policy — 12 characters'),
    // A name and its value as two keys of one entry: Kubernetes env, an ECS task definition, Terraform.
    secret((v) => `env:\n  - name: DB_PASSWORD\n    value: "${v}"\n  - name: LOG_LEVEL\n    value: debug`, `Zx${fake(ALNUM, 10)}9!`, ['value: debug']),
    secret((v) => `{"name": "API_TOKEN", "value": "${v}"}`, fake(ALNUM, 24)),
    secret((v) => `api key 👉 ${v}`, `Ab3${fake(ALNUM, 21)}`),
    lookalike('- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: orders-db\n- name: DB_HOST\n  value: db.internal'),
    // A short login before its password: «учётка: app / …», "login: sa / …".
    secret((v) => `доступ к БД: app / ${v}`, `Zx${fake(ALNUM, 10)}`),
    secret((v) => `login: sa / ${v}`, `Q7${fake(ALNUM, 9)}!`),
    lookalike('доступ: см. / в волте; user: admin / role: owner'),
    lookalike('пароль от стенда в хранилище prod/db/orders-main; the key change was in release v2026.11.30-rc1; <add key="LogLevel" value="Warning" />'),
  ],
  'npm-token': [
    secret((v) => `//npm.pkg.github.com/:_authToken=${v}`, `npm_${fake(ALNUM, 36)}`),
    lookalike('//registry.npmjs.org/:_authToken=${NPM_TOKEN}'),
  ],
  'generic-high-entropy': [
    secret((v) => `Токен доступа к API партнёра — ${v}`, fake(ALNUM, 32)),
    secret((v) => `The API token for the partner is ${v}.`, fake(ALNUM, 32)),
    secret((v) => `[09:14] kim: 키는 ${v} 입니다`, fake(ALNUM, 20)),
    secret((v) => `Telegram бот: токен ${v} (новый)`, fake(ALNUM, 30)),
    // Hex right after a token word: a Twilio or Datadog token, not a commit.
    secret((v) => `twilio sid AC${fake(HEX, 32)} token ${v}`, fake(HEX, 32)),
    lookalike('cache key 3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c evicted; token hash 9f8e7d6c5b4a39281706f5e4d3c2b1a0 matches; commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904'),
    lookalike('Идентификатор ключа KMS: mrk-1234abcd12ab34cd56ef1234567890ab'),
    lookalike('ED25519 key fingerprint is SHA256:S19zQCJcHif+NHmcRcZ6dHz+WPpIevzjn1L5rIYw+fw.'),
    lookalike('ключ идемпотентности: order-84213-retry; token bucket: rate=100, burst=200'),
    lookalike('stripe-webhook-secret 시크릿을 마운트하는 파드: stripe-webhooks-d9nnxg5cc-gr2tz'),
    lookalike("Token: see 1Password item 'ci-deploy'. Secret: stored in AWS Secrets Manager under prod/ledger/db."),
    lookalike('Token expiry is 2026-10-09T12:00:00Z; the key is 2048-bit RSA; cache key: sha1(user_id)'),
    lookalike(`Public key: AAAAC3NzaC1lZDI1NTE5AAAAI${fake(ALNUM, 43)}; key: ~/.ssh/id_ed25519`),
    lookalike('arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/db-AbCdEf'),
  ],
  'pii-phone': [
    secret((v) => `Дежурный: Сергей Иванов, ${v}`, '+7 (916) 555-01-23'),
    secret((v) => `Call Jenna on ${v} if paged`, '415-555-0199'),
    secret((v) => `${v}로 연락 주세요`, '010-5555-0123'),
    lookalike('Звоните в дежурную часть: +7 495 555-01-00 (горячая линия, указана на сайте)'),
    lookalike('Order 4821-5573-2211 shipped; serial 0a:e1:d4:b3:f0:eb:fd:2e; at 2026-10-09 14:02:11.123456'),
    // A day and a clock time, as chats and timelines write them: digits enough for a number, but no number.
    lookalike('Марина Лебедева, [12.05.2026 09:16]\n12.05.2026 09:16 — алерт; 2026.05.12 09:16 KST; 05/12/2026 9:16 AM; 1.5.26 10:05'),
  ],
  // Not a family of the shared set: what identifies a customer's money or person.
  'pii-identity': [
    secret((v) => `customer card ${v} was charged twice`, '4111 1111 1111 1111', ['was charged twice']),
    secret((v) => `Amex ${v}, exp 12/28`, '3782-822463-10005', ['exp 12/28']),
    secret((v) => `карта клиента ${v} (двойное списание)`, '2200000000000004'),
    secret((v) => `payout IBAN ${v} bounced`, 'DE89 3704 0044 0532 0130 00', ['bounced']),
    secret((v) => `клиент: паспорт ${v}, жаловался`, '4510 123456', ['жаловался']),
    lookalike('order 4111111111111112 shipped; trace 4111111111111111111111; build 20260301123456; 4111 1111 1111 1112 is no card (its check digit is wrong)'),
    lookalike('DE89 3704 0044 0532 0130 01 fails its checksum; the passport office reopened'),
  ],
  'pii-email': [
    secret((v) => `Signed-off-by: Jihoon Park <${v}>`, 'jihoon@hanbit.example'),
    secret((v) => `assignee=${v}`, 'ivan.petrov@volga.example'),
    lookalike('Write to sre-team@volga.example or oncall@acme.example; see logo@2x.png'),
  ],
};

describe('each family in contexts the set does not have', () => {
  it('every family of the set has own cases, with a look-alike', () => {
    for (const family of FAMILIES) {
      expect(OWN[family]?.some((c) => c.secrets.length > 0), family).toBe(true);
      expect(OWN[family]?.some((c) => c.secrets.length === 0), family).toBe(true);
    }
  });

  it.each(Object.keys(OWN))('%s', async (family) => {
    for (const own of OWN[family]!) {
      const out = (await redact(own.text)).text;
      if (own.secrets.length === 0) expect(out).toBe(own.text);
      for (const value of own.secrets) expect(out, own.text).not.toContain(value);
      for (const kept of own.survive ?? []) expect(out, own.text).toContain(kept);
    }
  });
});

describe('what a redaction leaves', () => {
  it('keeps a command usable as a template', async () => {
    const { text } = await redact(`swaks --auth-user robot --auth-password "${password()}" --to a@example.com`);
    expect(text).toBe('swaks --auth-user robot --auth-password "[REDACTED:password]" --to a@example.com');
  });

  it('keeps the line count, and reports each line with its type and rule', async () => {
    const key = fake(B64, 64);
    const input = ['before', '-----BEGIN OPENSSH PRIVATE KEY-----', `b3BlbnNzaC1rZXktdjE${key}`, key, '-----END OPENSSH PRIVATE KEY-----', `token: glpat-${fake(ALNUM, 20)}`, 'after'].join('\n');
    const result = await redact(input);
    expect(result.text.split('\n')).toEqual(['before', '-----BEGIN OPENSSH PRIVATE KEY-----', '[REDACTED:private-key]', '[REDACTED:private-key]', '-----END OPENSSH PRIVATE KEY-----', 'token: [REDACTED:gitlab-token]', 'after']);
    expect(result.redactions).toEqual([
      { line: 3, type: 'private-key', rule: expect.any(String) },
      { line: 4, type: 'private-key', rule: expect.any(String) },
      { line: 6, type: 'gitlab-token', rule: 'secretlint:gitlab' },
    ]);
  });

  it('a secret found once is gone everywhere in the note', async () => {
    const value = password();
    const { text } = await redact(`DB_PASSWORD=${value}\n\nLater we logged in with ${value} and it worked.`);
    expect(text).not.toContain(value);
    expect(text).toContain('Later we logged in with [REDACTED:password] and it worked.');
  });

  it('a key block whose body is a placeholder stays', async () => {
    const text = '-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----';
    expect((await redact(text)).text).toBe(text);
  });

  it('knows placeholders', () => {
    for (const value of ['[ИМЯ]', 'your-key', 'COMPROMISED_KEY', 'VERSION_ID', '${TOKEN}', '${DB_PASSWORD:?required}', '{{ .Values.x }}', '!vault', 'xxxx', 'changeme', 'sk-...', 'AKIAI44QH8DHBEXAMPLE']) {
      expect(isPlaceholder(value), value).toBe(true);
    }
    for (const value of ['hunter2hunter2', 'n3w-Pa55word', 'Sup3r-Fake-Pa55']) expect(isPlaceholder(value), value).toBe(false);
  });
});

describe('hostile input', () => {
  // Each of these took from seconds to minutes on a megabyte before its rule was bounded (a scan from every hit to
  // the line's end or start). Linear time grows 4× from a quarter to the whole; quadratic, 16×.
  const PATTERNS: Record<string, string> = {
    'a tool name repeated': 'mysql ',
    'a name and "=" repeated': 'key=',
    'key headers without a footer': '-----BEGIN RSA PRIVATE KEY-----\n',
    'credential URLs on one line': 'postgres://a:b@',
    'a password word repeated': 'password is ',
    'local numbers on one line': '555-0180 x ',
    'AWS-like runs after the word secret': 'secret aB3+/aB3+/aB3+/aB3+/aB3+/aB3+/aB3+/aB3+/ ',
  };
  const seconds = async (text: string) => {
    const started = performance.now();
    await redact(text);
    return (performance.now() - started) / 1000;
  };
  it.each(Object.keys(PATTERNS))('%s: time grows linearly with size', { timeout: 120_000 }, async (name) => {
    const unit = PATTERNS[name]!;
    const quarter = unit.repeat(Math.ceil(200_000 / unit.length));
    const whole = unit.repeat(Math.ceil(800_000 / unit.length));
    await seconds(quarter);
    const [small, large] = [await seconds(quarter), await seconds(whole)];
    expect(large / small).toBeLessThan(10);
  });
});

describe('through the pipeline', () => {
  it('no secret of the set reaches content/ or dist/: pages, search index, RSS, source pages', { timeout: 300_000 }, async () => {
    const { leaks, missing, notes, searched } = await leaksInSite(CASES);
    expect(notes).toBeGreaterThan(CASES.length);
    // What was searched: the collections, the pages, the search index and the feed.
    for (const part of [/^content\/sources\//, /^content\/runbooks\//, /^dist\/sources\/.*\.html$/, /^dist\/pagefind\/fragment\//, /^dist\/rss\.xml$/]) {
      expect(searched.some((file) => part.test(file)), String(part)).toBe(true);
    }
    expect(missing).toEqual([]);
    expect(leaks).toEqual([]);
  });

  describe('model requests', () => {
    let mock: MockOpenAI;
    beforeAll(async () => {
      mock = await startMockOpenAI();
    });
    afterAll(async () => mock.close());

    it('carry no secret of the notes they are about', { timeout: 120_000 }, async () => {
      const project = await tempProject();
      for (const seed of await readdir(project.inbox)) await rm(path.join(project.inbox, seed), { recursive: true });
      const sample = CASES.filter((c) => c.kind !== 'lookalike').filter((_, i) => i % 3 === 0);
      for (const secretCase of sample) await writeFile(path.join(project.inbox, `case-${secretCase.id}.md`), caseNote(secretCase, true));
      mock.onChat = () => chatReply('{"title": null}');
      await ingest({
        inboxDir: project.inbox,
        contentDir: project.content,
        llm: { apiKey: 'test-key', baseURL: mock.baseURL, extractModel: 'gpt-4o-mini', transcribeModel: 'whisper-1', concurrency: 2, timeoutMs: 10_000, maxRetries: 0, audioChunkBytes: 24 * 1024 * 1024 },
      });
      expect(mock.requests.length).toBeGreaterThanOrEqual(sample.length);
      const bodies = JSON.stringify(mock.requests.map((r) => r.body));
      // JSON escapes undone: a secret with a quote or backslash is still found.
      const sent = bodies.replace(/\\(["\\/])/g, '$1').replace(/\\n/g, '\n');
      for (const secretCase of sample) for (const value of secretCase.secrets) expect(sent, secretCase.id).not.toContain(value);
      expect(sent).toContain('[REDACTED:');
    });
  });
});
