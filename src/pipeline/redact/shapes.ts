/**
 * Token shapes that secretlint's recommended preset has no rule for. Each is recognisable by its
 * own form (a vendor prefix, a fixed structure), so no key word is needed around it. The comment on
 * each says what the preset lacks.
 */
import { FindingRank, spanOf, type Finding } from './finding.ts';
import { isPlaceholder, looksGenerated } from './values.ts';

interface Shape {
  type: string;
  pattern: RegExp;
  /** Which capture group is the secret (default: the whole match). */
  group?: number;
  /** A substring every match contains: a substring test is twenty times cheaper than the expression. */
  literal?: string;
  /** What the note must say somewhere for a shape this short to be a token. */
  context?: RegExp;
}

const B = '(?<![A-Za-z0-9_+/=-])';
const E = '(?![A-Za-z0-9_+/=-])';

const SHAPES: Shape[] = [
  // JWTs: the preset has no rule. Header and payload are base64url JSON ("eyJ"); the whole token goes.
  { type: 'jwt', literal: 'eyJ', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // Google API keys and OAuth tokens: the preset's GCP rule reads only service-account JSON files.
  { type: 'gcp-key', literal: 'AIza', pattern: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`, 'g') },
  { type: 'gcp-token', literal: 'ya29.', pattern: new RegExp(`${B}ya29\\.[0-9A-Za-z_-]{20,}`, 'g') },
  { type: 'gcp-token', literal: '1//0', pattern: new RegExp(`${B}1//0[0-9A-Za-z_-]{40,}`, 'g') },
  // GitLab tokens other than personal access tokens (the preset knows glpat- only): deploy, runner, trigger, CI job, feed, OAuth.
  { type: 'gitlab-token', pattern: new RegExp(`${B}gl(?:dt|rt|ptt|cbt|ft|imt|agent|soat|oas|ffct|wt)-[0-9A-Za-z_-]{20,}`, 'g') },
  { type: 'gitlab-token', literal: 'GR1348941', pattern: /GR1348941[0-9A-Za-z_-]{20,}/g },
  // Stripe webhook signing secrets: the preset has live/test secret and restricted keys only.
  { type: 'stripe-key', literal: 'whsec_', pattern: new RegExp(`${B}whsec_[A-Za-z0-9+/=]{24,}`, 'g') },
  // Telegram bot tokens: bot id, a colon, 35 characters, alone or in an API URL (…/bot<token>/). No preset rule.
  // A token retyped or cut when pasted is a character short or long; those begin "AA" as issued ones do.
  { type: 'telegram-bot-token', pattern: /(?:(?<=\/bot)|(?<![\w:-]))\d{8,10}:(?:[A-Za-z0-9_-]{35}|AA[A-Za-z0-9_-]{31,34})(?![\w-])/g },
  // Azure AD client secrets ("…8Q~…"), the form Azure has issued since 2021. No preset rule.
  { type: 'azure-client-secret', literal: 'Q~', pattern: /(?<![\w~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![\w~.-])/g },
  // Slack webhooks: the preset's rule knows /services/ URLs written with https:// only; workflow and
  // trigger URLs, and a URL quoted without its scheme, pass it. The last segment is the secret.
  { type: 'slack-webhook', literal: 'hooks.slack.com', pattern: /hooks\.slack\.com\/(?:services|triggers|workflows)\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/([A-Za-z0-9]{20,})/g, group: 1 },
  // Discord and Microsoft Teams webhooks: no preset rule.
  { type: 'discord-webhook', literal: '/api/webhooks/', pattern: /discord(?:app)?\.com\/api\/webhooks\/\d+\/([A-Za-z0-9_-]{40,})/g, group: 1 },
  { type: 'teams-webhook', literal: 'webhook.office.com', pattern: /webhook\.office\.com\/webhookb2\/[^\s/]+\/IncomingWebhook\/([A-Za-z0-9/-]{20,})/g, group: 1 },
  // Slack configuration and refresh tokens (xoxe…): the preset knows xox[abposr]- only.
  { type: 'slack-token', literal: 'xoxe', pattern: new RegExp(`${B}xoxe(?:\\.xox[bp])?-\\d-[A-Za-z0-9]{100,}`, 'g') },
  // OpenAI keys carry "T3BlbkFJ" (base64 of "OpenAI"); the preset misses service-account and legacy forms without context.
  { type: 'openai-key', literal: 'T3BlbkFJ', pattern: new RegExp(`${B}sk-(?:[a-z]+-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}`, 'g') },
  // Vendor prefixes in gitleaks' rule set that the preset lacks.
  { type: 'digitalocean-token', literal: '_v1_', pattern: new RegExp(`${B}do[opr]_v1_[a-f0-9]{64}${E}`, 'g') },
  { type: 'pypi-token', literal: 'pypi-', pattern: new RegExp(`${B}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`, 'g') },
  { type: 'twilio-key', literal: 'SK', pattern: new RegExp(`${B}SK[0-9a-f]{32}${E}`, 'g') },
  { type: 'mailgun-key', literal: 'key-', pattern: new RegExp(`${B}key-[0-9a-f]{32}${E}`, 'g') },
  { type: 'atlassian-token', literal: 'ATATT', pattern: new RegExp(`${B}ATATT3[A-Za-z0-9_=-]{100,}`, 'g') },
  { type: 'sentry-token', literal: 'sntr', pattern: new RegExp(`${B}sntr[ysu]_[A-Za-z0-9+/=_-]{40,}`, 'g') },
  { type: 'newrelic-key', literal: 'NR', pattern: new RegExp(`${B}NR(?:AK|AA|II|JS|IQ|RA|SP)-[A-Z0-9]{27}${E}`, 'g') },
  // New Relic license (ingest) keys: 40 characters, the last four "NRAL" (a region prefix such as eu01xx first).
  { type: 'newrelic-key', literal: 'NRAL', pattern: new RegExp(`${B}[A-Za-z0-9]{36}NRAL${E}`, 'g') },
  { type: 'postman-key', literal: 'PMAK-', pattern: new RegExp(`${B}PMAK-[a-f0-9]{24}-[a-f0-9]{34}${E}`, 'g') },
  { type: 'square-token', literal: 'sq0', pattern: new RegExp(`${B}sq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}${E}`, 'g') },
  { type: 'doppler-token', literal: 'dp.', pattern: new RegExp(`${B}dp\\.(?:st|ct|sa|scim|audit)\\.[a-zA-Z0-9_.-]{40,}`, 'g') },
  // Yandex Cloud API keys and IAM tokens (gitleaks' shapes), and Yandex OAuth tokens ("y0_…"): Russian teams' cloud, no preset rule.
  { type: 'yandex-api-key', literal: 'AQVN', pattern: new RegExp(`${B}AQVN[A-Za-z0-9_-]{35,38}${E}`, 'g') },
  { type: 'yandex-iam-token', literal: 't1.', pattern: new RegExp(`${B}t1\\.[A-Za-z0-9_-]+={0,2}\\.[A-Za-z0-9_-]{86}={0,2}`, 'g') },
  { type: 'yandex-oauth-token', literal: '_Ag', pattern: new RegExp(`${B}y[0-3]_Ag[A-Za-z0-9_-]{40,200}${E}`, 'g') },
  // More vendor prefixes (gitleaks and the vendors' own token formats): each is unambiguous by its prefix.
  { type: 'supabase-token', literal: 'sb', pattern: new RegExp(`${B}(?:sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,})${E}`, 'g') },
  { type: 'docker-token', literal: 'dckr_', pattern: new RegExp(`${B}dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,}${E}`, 'g') },
  { type: 'pulumi-token', literal: 'pul-', pattern: new RegExp(`${B}pul-[a-f0-9]{40}${E}`, 'g') },
  // Mapbox secret tokens ("sk." and a base64url JSON payload): a public "pk." token is meant to be seen.
  { type: 'mapbox-token', literal: 'sk.eyJ', pattern: new RegExp(`${B}sk\\.eyJ[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}${E}`, 'g') },
  { type: 'dynatrace-token', literal: 'dt0', pattern: new RegExp(`${B}dt0[a-z]\\d{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}${E}`, 'g') },
  { type: 'planetscale-token', literal: 'pscale_', pattern: new RegExp(`${B}pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}${E}`, 'g') },
  { type: 'rubygems-token', literal: 'rubygems_', pattern: new RegExp(`${B}rubygems_[a-f0-9]{48}${E}`, 'g') },
  { type: 'heroku-token', literal: 'HRKU-', pattern: new RegExp(`${B}HRKU-[A-Za-z0-9_-]{40,}${E}`, 'g') },
  // Firebase Cloud Messaging server keys: "AAAA", seven characters, a colon and about 140 more.
  { type: 'fcm-server-key', literal: 'AAAA', pattern: new RegExp(`${B}AAAA[A-Za-z0-9_-]{7}:[A-Za-z0-9_-]{100,}${E}`, 'g') },
  // Alibaba Cloud access key ids ("LTAI…"), as the preset treats AWS's AKIA ids.
  { type: 'alibaba-key', literal: 'LTAI', pattern: new RegExp(`${B}LTAI[A-Za-z0-9]{12,20}${E}`, 'g') },
  { type: 'fly-token', literal: 'fm', pattern: new RegExp(`${B}(?:FlyV1 )?fm[12][ar]?_[A-Za-z0-9+/=_-]{40,}`, 'g') },
  { type: 'netlify-token', literal: 'nf', pattern: new RegExp(`${B}nf[pcoub]_[A-Za-z0-9]{36,}${E}`, 'g') },
  // GitHub tokens cut short or of another length than the preset's exact one ("github_pat_" + 82, "ghp_" + 36).
  { type: 'github-token', literal: 'github_pat_', pattern: new RegExp(`${B}github_pat_[A-Za-z0-9_]{30,}${E}`, 'g') },
  { type: 'github-token', literal: 'gh', pattern: new RegExp(`${B}gh[pousr]_[A-Za-z0-9]{30,}${E}`, 'g') },
  // ngrok authtokens have no prefix: only in a note that names ngrok.
  { type: 'ngrok-token', context: /ngrok/i, pattern: new RegExp(`${B}[0-9][A-Za-z0-9]{24,27}_[A-Za-z0-9]{20,22}${E}`, 'g') },
  { type: 'age-secret-key', literal: 'AGE-SECRET-KEY-1', pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/g },
  // Vault's service, batch and recovery tokens before 1.10 ("s." and 24 characters; the preset knows
  // hvs. only). As short as an identifier, so only in a note that names Vault.
  // Vault's current tokens (hvs. service, hvb. batch, hvr. recovery): the preset wants their full
  // length (hvs. + 90–120), so a token cut short when pasted, or an older short one, passes it.
  { type: 'vault-token', literal: 'hv', pattern: new RegExp(`${B}hv[sbr]\\.[A-Za-z0-9_-]{24,}${E}`, 'g') },
  { type: 'vault-token', context: /vault/i, pattern: /(?<![\w.$-])[sbr]\.(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{24}(?![\w.-])/g },
];

/**
 * A bare AWS secret access key: 40 characters of base64 with a slash or plus and mixed case. The
 * preset finds one only after a key word (`aws_secret_access_key =`); pasted next to its key id or
 * after the word "secret" it has none. Required context on the line or the one before keeps
 * digests and paths out.
 */
const BARE_AWS_SECRET = /(?<![A-Za-z0-9/+=.:])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]|\.\w)/g;
const AWS_CONTEXT = /A(?:KIA|SIA)[A-Z0-9]{16}|aws|secret|секрет|시크릿/i;

/**
 * A private key block: PEM (PKCS#1, PKCS#8, encrypted, EC, DSA, OpenSSH), PGP armour or an
 * OpenVPN static key (tls-auth, tls-crypt: hex lines, a shared secret), on lines or in one
 * `\n`-escaped string. Group 1 is the label its END line repeats.
 */
const KEY_HEADER = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?|OpenVPN Static key V\d)-----/g;
/** The longest key block looked for: an RSA-8192 PEM is about 6,500 characters. */
const MAX_KEY_BLOCK = 20000;

/**
 * The preset's private key rule needs a full-length body that starts with ASN.1 or OpenSSH magic
 * bytes: a pasted fragment, an encrypted PKCS#8 key or a PGP block passes it. This one takes every
 * block whose body is not a placeholder (`...`), up to its END line or, in a truncated paste, to
 * the last line that still looks like key material. Header and footer stay.
 */
function privateKeyBlocks(text: string): Finding[] {
  const findings: Finding[] = [];
  if (!text.includes('PRIVATE KEY') && !text.includes('Static key')) return findings;
  let coveredUpTo = 0;
  for (const header of text.matchAll(KEY_HEADER)) {
    if (header.index < coveredUpTo) continue;
    const bodyStart = header.index + header[0].length;
    const footer = `-----END ${header[1]}-----`;
    // Searched within a key's reach only: a note of many headers and no footer stays linear.
    const window = text.slice(bodyStart, bodyStart + MAX_KEY_BLOCK);
    const inWindow = window.indexOf(footer);
    let bodyEnd = bodyStart + inWindow;
    if (inWindow < 0) {
      // A truncated paste: the body runs while lines look like base64 or armour headers.
      bodyEnd = bodyStart;
      for (let lineStart = bodyStart, first = true; lineStart < text.length && lineStart - bodyStart < MAX_KEY_BLOCK; first = false) {
        const newline = text.indexOf('\n', lineStart);
        const lineEnd = newline < 0 ? text.length : newline + 1;
        if (!first && !/^\s*([A-Za-z0-9+/=]{16,}|[A-Z][\w-]+: .*|)\s*$/.test(text.slice(lineStart, lineEnd))) break;
        bodyEnd = lineEnd;
        lineStart = lineEnd;
      }
    }
    coveredUpTo = bodyEnd;
    const body = text.slice(bodyStart, bodyEnd);
    const material = body.replace(/\\n|\s/g, '');
    if (material.length < 16 || isPlaceholder(material) || /^[.…*x-]+$/i.test(material)) continue;
    // Skip the line break after the header and before the footer, so each body line is redacted on its own.
    const lead = /^(\\n|\n)*/.exec(body)![0].length;
    const trail = /(\\n|\n)*$/.exec(body)![0].length;
    findings.push({ start: bodyStart + lead, end: bodyEnd - trail, type: 'private-key', rank: FindingRank.shape, rule: 'private key block' });
  }
  return findings;
}

/**
 * Azure storage account keys: 64 random bytes in base64, 86 characters and "==". The preset has no
 * Azure rule. Found from the "==" backwards: a class run of 86 scanned at every position costs
 * more than all other shapes together. A sha512- digest has the same length but follows its prefix.
 */
const BASE64_86 = /^[A-Za-z0-9+/]{86}$/;
const BASE64_CHAR = /[A-Za-z0-9+/=_-]/;

function azureStorageKeys(text: string): Finding[] {
  const findings: Finding[] = [];
  for (let at = text.indexOf('=='); at >= 0; at = text.indexOf('==', at + 2)) {
    const start = at - 86;
    if (start < 0 || BASE64_CHAR.test(text[at + 2] ?? ' ') || (start > 0 && BASE64_CHAR.test(text[start - 1]!))) continue;
    const key = text.slice(start, at);
    if (BASE64_86.test(key)) findings.push(spanOf(start, `${key}==`, 'azure-storage-key', FindingRank.shape, 'token shape'));
  }
  return findings;
}

/** PuTTY's .ppk format: the `Private-Lines: N` header, then N lines of key material. */
function puttyKeys(text: string): Finding[] {
  const findings: Finding[] = [];
  if (!text.includes('Private-Lines:')) return findings;
  for (const header of text.matchAll(/^Private-Lines: (\d+)[ \t]*\n/gm)) {
    let end = header.index + header[0].length;
    for (let i = 0; i < Number(header[1]) && end < text.length; i++) {
      const next = text.indexOf('\n', end);
      end = next < 0 ? text.length : next + 1;
    }
    const start = header.index + header[0].length;
    if (end > start) findings.push({ start, end: text[end - 1] === '\n' ? end - 1 : end, type: 'private-key', rank: FindingRank.shape, rule: 'PuTTY key' });
  }
  return findings;
}

/** Every token shape of this module found in `text`. */
export function shapeFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const shape of SHAPES) {
    if ((shape.literal && !text.includes(shape.literal)) || (shape.context && !shape.context.test(text))) continue;
    for (const match of text.matchAll(shape.pattern)) {
      const value = match[shape.group ?? 0]!;
      if (isPlaceholder(value)) continue;
      const index = match.index + (shape.group ? match[0].indexOf(value) : 0);
      findings.push(spanOf(index, value, shape.type, FindingRank.shape, 'token shape'));
    }
  }
  if (AWS_CONTEXT.test(text)) {
    for (const match of text.matchAll(BARE_AWS_SECRET)) {
      if (!/[/+]/.test(match[0]) || !/[a-z]/.test(match[0]) || !/[A-Z]/.test(match[0]) || !/\d/.test(match[0])) continue;
      // The line and the one before, within 300 characters (an unbounded look back made a long line quadratic).
      const before = text.slice(Math.max(0, match.index - 300), match.index);
      const context = before.slice(before.lastIndexOf('\n', before.lastIndexOf('\n') - 1) + 1);
      if (!AWS_CONTEXT.test(context) || isPlaceholder(match[0]) || !looksGenerated(match[0])) continue;
      findings.push(spanOf(match.index, match[0], 'aws-secret-access-key', FindingRank.shape, 'bare AWS secret key'));
    }
  }
  findings.push(...azureStorageKeys(text), ...privateKeyBlocks(text), ...puttyKeys(text));
  return findings;
}
