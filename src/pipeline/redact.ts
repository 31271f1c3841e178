/**
 * Redact: secrets and personal data never reach `content/`. Runs on the decoded text, line by
 * line, before any other stage reads it, so the source page, the documents and the search index
 * all see the same redacted text and line numbers stay those of the inbox file.
 */
export interface Redaction {
  line: number;
  type: string;
}

interface SecretRule {
  type: string;
  pattern: RegExp;
  /** Which capture group is the secret; the rest of the match is kept. 0 = whole match. */
  group?: number;
}

/** Values that stand for a secret without being one: `[ИМЯ]`, `your-key`, `COMPROMISED_KEY`, `$DB_PASSWORD`. */
export function isPlaceholder(value: string): boolean {
  const v = value.replace(/^["']|["']$/g, '');
  return (
    v.length < 6 ||
    /^\[[^\]]+\]$/.test(v) ||
    /^<[^>]+>$/.test(v) ||
    /^\$\{?[A-Z_][A-Z0-9_]*\}?$/.test(v) ||
    /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(v) ||
    /^(x+|\*+|\.{3}|…|changeme|password|secret|example\w*|placeholder|dummy|test|redacted)$/i.test(v) ||
    /\b(your|my|example|sample|dummy|fake|placeholder)[-_]/i.test(v) ||
    /^(ваш|ваш_)/i.test(v)
  );
}

const RULES: SecretRule[] = [
  { type: 'private-key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { type: 'aws-access-key-id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { type: 'aws-secret-access-key', pattern: /(aws_secret_access_key|AWS_SECRET_ACCESS_KEY)\s*[=:]\s*["']?([A-Za-z0-9/+=]{40})\b/g, group: 2 },
  // A bare AWS secret key: 40 characters of base64 with a slash or plus and mixed case.
  // Not part of a URL or file path ("…amazon.com/AmazonS3/latest/userguide/Versioning.html").
  { type: 'aws-secret-access-key', pattern: /(?<![A-Za-z0-9/+=.:])(?=[A-Za-z0-9/+]*[/+])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*\d)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]|\.\w)/g },
  { type: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { type: 'bearer-token', pattern: /\b(Bearer)\s+([A-Za-z0-9._~+/=-]{16,})/g, group: 2 },
  { type: 'github-token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { type: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { type: 'openai-key', pattern: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}\b/g },
  { type: 'database-url-password', pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi, group: 2 },
  {
    type: 'secret-assignment',
    pattern: /\b([A-Z0-9_]*(?:KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD))(\s*[=:]\s*)(["']?)([^\s"'`]+)\3/g,
    group: 4,
  },
];

const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
/** Mailboxes of a role, not a person: they stay. */
const ROLE_MAILBOX = /^(oncall|on-call|support|ops|devops|sre|security|admin|info|help|noreply|no-reply|alerts?|incidents?|team|postmaster|abuse|billing|sales|contact|hello)([-._+][a-z0-9]+)*@/i;
const PHONE = /(?<![\w/.-])\+?\d[\d\s().-]{8,}\d(?![\w/-])/g;

function looksLikePhone(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  // Dates, times, versions and IP addresses have digits too: require phone-like length and separators.
  if (digits.length < 10 || digits.length > 15) return false;
  if (/^\d{4}-\d{2}-\d{2}/.test(match) || /\d+\.\d+\.\d+\.\d+/.test(match)) return false;
  return /^\+/.test(match) || /[\s()-]/.test(match);
}

/** Redacts one line; returns the new line and the types found. */
export function redactLine(line: string): { line: string; types: string[] } {
  const types: string[] = [];
  let out = line;
  for (const rule of RULES) {
    if (rule.type === 'private-key') continue;
    out = out.replace(rule.pattern, (...args) => {
      const match = args[0] as string;
      const group = rule.group ?? 0;
      // A value ends before trailing punctuation: "DB_PASSWORD=$DB_PASSWORD," is a placeholder.
      const secret = (group === 0 ? match : (args[group] as string)).replace(/[,.;:)]+$/, '');
      if (rule.type === 'secret-assignment' && (isPlaceholder(secret) || secret.startsWith('[REDACTED:'))) return match;
      types.push(rule.type);
      return group === 0 ? `[REDACTED:${rule.type}]` : match.replace(secret, `[REDACTED:${rule.type}]`);
    });
  }
  out = out.replace(EMAIL, (email) => {
    if (ROLE_MAILBOX.test(email) || /@(example\.(com|org|net)|test|localhost)$/i.test(email)) return email;
    types.push('email');
    return '[REDACTED:email]';
  });
  out = out.replace(PHONE, (phone) => {
    if (!looksLikePhone(phone)) return phone;
    types.push('phone');
    return '[REDACTED:phone]';
  });
  return { line: out, types };
}

/** Redacts a whole text, keeping its line count; private key blocks are blanked line by line. */
export function redact(text: string): { text: string; redactions: Redaction[] } {
  const lines = text.split('\n');
  const redactions: Redaction[] = [];
  let inKey = false;
  const out = lines.map((line, index) => {
    const number = index + 1;
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(line)) inKey = true;
    if (inKey) {
      if (/-----END [A-Z ]*PRIVATE KEY-----/.test(line)) inKey = false;
      redactions.push({ line: number, type: 'private-key' });
      return '[REDACTED:private-key]';
    }
    const result = redactLine(line);
    for (const type of result.types) redactions.push({ line: number, type });
    return result.line;
  });
  return { text: out.join('\n'), redactions };
}
