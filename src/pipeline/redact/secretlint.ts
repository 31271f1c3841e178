/**
 * Known token shapes, from a maintained rule set: secretlint's recommended preset (cloud keys,
 * GitHub/GitLab/Slack/npm/OpenAI/Anthropic/Stripe/SendGrid/Vault tokens, private keys, credential
 * URLs), run through @secretlint/core's API. Its findings become spans of the text; our own rules
 * (shapes.ts, credentials.ts) cover only what it has no rule for.
 */
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { FindingRank, type Finding } from './finding.ts';
import { isPlaceholder } from './values.ts';

/** The preset as @secretlint/core takes it (bench/redact.ts runs it alone, for comparison). */
export const PRESET_CONFIG = {
  rules: [
    {
      id: recommended.meta.id,
      rule: recommended,
      // The AWS rule reports access key ids (AKIA…, ASIA…) only when asked to.
      rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
    },
  ],
};

/** Messages that name something public: an AWS account id is printed in every ARN. */
const IGNORED_MESSAGES = new Set(['AWSAccountID']);

/** The redaction type for a secretlint message: `[REDACTED:github-token]`. */
function typeOf(ruleId: string, messageId: string): string {
  const rule = ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
  switch (rule) {
    case 'aws':
      return messageId === 'AWSAccessKeyID' ? 'aws-access-key-id' : 'aws-secret-access-key';
    case 'slack':
      return messageId === 'IncomingWebhook' ? 'slack-webhook' : 'slack-token';
    case 'privatekey':
      return 'private-key';
    case 'basicauth':
    case 'database-connection-string':
      return 'url-password';
    case 'hashicorp-vault':
      return 'vault-token';
    case 'openai':
    case 'anthropic':
    case 'stripe':
    case 'sendgrid':
    case 'groq':
    case 'shopify':
    case 'tailscale':
      return `${rule}-key`;
    default:
      return `${rule}-token`;
  }
}

/** Characters a token is made of: a finding that stops inside a run of them is extended to its end. */
const TOKEN_CHAR = /[A-Za-z0-9_\-+/=.~]/;

/**
 * Lines worth showing secretlint: every preset rule needs a long run of token characters, a
 * credential URL or a PEM marker. Ordinary prose and short commands are skipped, which is most of a
 * note; hex-only runs (commit SHAs, digests, UUIDs) match no preset rule either.
 */
const CREDENTIAL_OR_PEM = /:\/\/[^\s/@]*:[^\s/@]*@|-----(BEGIN|END)/g;
/** 1 for a token character, 2 for one that is also a hex digit or a separator of hex ids. */
const TOKEN_CLASS = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=.~') TOKEN_CLASS[ch.charCodeAt(0)] = 1;
for (const ch of '0123456789abcdef.-') TOKEN_CLASS[ch.charCodeAt(0)] = 2;

/** Start offsets of the candidate lines of `text`, in order. A loop over char codes: an expression for "a run of 20" is several times slower. */
function candidateLines(text: string): number[] {
  const starts = new Set<number>();
  // Offsets come in increasing order within each scan, so the line start is looked for only back to
  // the previous one: lastIndexOf from each offset made one long line quadratic.
  let scanned = 0;
  let lineStart = 0;
  const mark = (at: number) => {
    if (at < scanned) {
      scanned = 0;
      lineStart = 0;
    }
    const newline = text.slice(scanned, at).lastIndexOf('\n');
    if (newline >= 0) lineStart = scanned + newline + 1;
    scanned = at;
    starts.add(lineStart);
  };
  let run = 0;
  let notHex = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    const kind = code < 128 ? TOKEN_CLASS[code]! : 0;
    if (kind) {
      run++;
      if (kind === 1) notHex = true;
      continue;
    }
    if (run >= 20 && notHex) mark(i - run);
    run = 0;
    notHex = false;
  }
  if (text.includes('://') || text.includes('-----')) for (const hit of text.matchAll(CREDENTIAL_OR_PEM)) mark(hit.index);
  return [...starts].sort((a, b) => a - b);
}

/**
 * The value a message is about, and where it is. secretlint puts the secret in the message's data
 * (KEY, TOKEN, URL, URI, CREDENTIAL); its range is not always on the value (the AWS secret key rule
 * reports the start of the whole assignment), so the value is looked up near the range.
 */
function locate(text: string, range: readonly [number, number], data: Record<string, unknown> | undefined): { index: number; value: string } | undefined {
  const values = Object.values(data ?? {}).filter((v): v is string => typeof v === 'string' && v.length >= 8);
  for (const value of values) {
    // The value starts inside the reported range; else it is the nearest occurrence before it.
    const inside = text.indexOf(value, range[0]);
    const index = inside >= 0 && inside <= range[1] ? inside : text.lastIndexOf(value, range[0]);
    if (index >= 0) return { index, value };
  }
  const value = text.slice(range[0], range[1]);
  return value ? { index: range[0], value } : undefined;
}

/** Narrows a credential URL (`scheme://user:password@host`) to its password; a webhook URL to its last path segment. */
function narrow(type: string, index: number, value: string): { index: number; value: string } {
  if (type === 'url-password') {
    const credential = /^[a-z][\w+.-]*:\/\/[^\s:/@]*:([^\s@]+)@/i.exec(value);
    if (credential) return { index: index + credential[0].length - 1 - credential[1]!.length, value: credential[1]! };
  }
  if (type === 'private-key') {
    // The body only: the BEGIN and END lines tell the reader that a key was there.
    const body = /^-----BEGIN[^\n]*?-----(?:\\n|\n)?([\s\S]*?)(?:\\n|\n)?-----END/.exec(value);
    if (body) return { index: index + value.indexOf(body[1]!, 10), value: body[1]! };
  }
  if (type === 'slack-webhook') {
    const last = /[^/]+$/.exec(value);
    if (last) return { index: index + last.index, value: last[0] };
  }
  return { index, value };
}

/** Preset findings on the candidate lines of `text`, as spans of the whole text. */
export async function presetFindings(text: string): Promise<Finding[]> {
  // The candidate lines, joined, with where each starts in the joined text and in the whole text.
  const originals = candidateLines(text);
  if (originals.length === 0) return [];
  const pieces: string[] = [];
  const starts: number[] = [];
  let joined = 0;
  for (const start of originals) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    pieces.push(line);
    starts.push(joined);
    joined += line.length + 1;
  }
  const content = pieces.join('\n');
  const toOriginal = (at: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return originals[lo]! + (at - starts[lo]!);
  };

  const result = await lintSource({
    source: { content, filePath: 'note.md', ext: '.md', contentType: 'text' },
    options: { config: PRESET_CONFIG, noPhysicFilePath: true },
  });
  const findings: Finding[] = [];
  for (const message of result.messages) {
    if (IGNORED_MESSAGES.has(message.messageId)) continue;
    const type = typeOf(message.ruleId, message.messageId);
    const found = locate(content, message.range, message.data as Record<string, unknown> | undefined);
    if (!found) continue;
    const { index, value } = narrow(type, found.index, found.value);
    // Documented examples (AKIAI44QH8DHBEXAMPLE) and masked values the preset does not know.
    if (type !== 'private-key' && isPlaceholder(value)) continue;
    let end = index + value.length;
    if (type !== 'private-key' && type !== 'url-password') while (end < content.length && TOKEN_CHAR.test(content[end]!) && !/[.=]/.test(content[end]!)) end++;
    findings.push({ start: toOriginal(index), end: toOriginal(index) + (end - index), type, rank: FindingRank.shape, rule: message.ruleId.replace(/^@secretlint\/secretlint-rule-/, 'secretlint:') });
  }
  return findings;
}

