/**
 * The secret-redaction cases of ../shared/bench/secret-cases (base64 of JSONL; format in its
 * README): fake secrets in realistic snippets, and look-alikes that must come through untouched.
 * Shared by `npm run bench:redact` and the tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SecretCase {
  id: string;
  text: string;
  /** Substrings that may appear nowhere in the output. Empty for look-alikes. */
  secrets: string[];
  /** Substrings that must still be there. */
  survive: string[];
  kind: string;
  lang: string;
}

export const SECRET_CASES_FILE = path.resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/bench/secret-cases/cases.jsonl.b64');

export function loadSecretCases(file = SECRET_CASES_FILE): SecretCase[] {
  const jsonl = Buffer.from(readFileSync(file, 'utf8'), 'base64').toString('utf8');
  return jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as SecretCase);
}

export interface CaseResult {
  case: SecretCase;
  passed: boolean;
  leaked: string[];
  lost: string[];
}

/** A secret case passes when every secret is gone and every survive string stays; a look-alike when every survive string stays. */
export function judge(secretCase: SecretCase, output: string): CaseResult {
  const leaked = secretCase.secrets.filter((s) => output.includes(s));
  const lost = secretCase.survive.filter((s) => !output.includes(s));
  return { case: secretCase, passed: leaked.length === 0 && lost.length === 0, leaked, lost };
}

/** The inbox note a case becomes, as the bar wraps it: in a fenced block, or (`prose`) as plain text. */
export function caseNote(secretCase: SecretCase, prose = false): string {
  const body = prose ? `${secretCase.text}\n` : '```\n' + secretCase.text + '\n```\n';
  return `# Runbook: restore the ${secretCase.id} service\n\n## Steps\n1. Run this:\n\n${body}\n2. Check the logs.\n`;
}
