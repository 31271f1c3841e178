/**
 * Redact: secrets and personal data never reach `content/`. Runs on the decoded text before any
 * other stage reads it, so the source page, the documents, the search index and every model
 * request see the same redacted text, and line numbers stay those of the inbox file.
 *
 * Four sets of rules report spans (secretlint.ts: the maintained preset's token shapes; shapes.ts:
 * shapes it lacks; credentials.ts: values people chose, found by the names and words around them;
 * personal.ts: e-mail addresses and phone numbers). Overlapping spans are merged, every other
 * occurrence of a found secret goes too, and each span becomes `[REDACTED:type]` line by line.
 */
import { credentialFindings } from './credentials.ts';
import type { Finding } from './finding.ts';
import { personalFindings } from './personal.ts';
import { presetFindings } from './secretlint.ts';
import { shapeFindings } from './shapes.ts';

export { isPlaceholder } from './values.ts';

/** One redacted line, as the source page and the ingest report show it. */
export interface Redaction {
  line: number;
  type: string;
  /** The rule that fired: `secretlint:github`, `named value`, `prose`, … */
  rule: string;
}

export interface RedactedText {
  text: string;
  redactions: Redaction[];
}

/** Overlapping findings become one; the higher-ranked rule names it. */
function merge(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Finding[] = [];
  for (const finding of sorted) {
    const last = merged[merged.length - 1];
    if (last && finding.start < last.end) {
      if (finding.rank > last.rank || (finding.rank === last.rank && last.echo && !finding.echo)) {
        last.type = finding.type;
        last.rank = finding.rank;
        last.rule = finding.rule;
        last.echo = finding.echo;
      }
      last.end = Math.max(last.end, finding.end);
    } else {
      merged.push({ ...finding });
    }
  }
  return merged;
}

const MAX_ECHOED_VALUES = 500;

/** A secret found once is a secret everywhere in the note: "the new password is the one in DB_PASSWORD=…". */
function everyOccurrence(text: string, findings: Finding[]): Finding[] {
  const extra: Finding[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    if (finding.type === 'email' || finding.type === 'phone') continue;
    const value = text.slice(finding.start, finding.end);
    if (value.length < 8 || value.includes('\n') || seen.has(value)) continue;
    // Each value is a scan of the whole text: a dump with thousands of secrets keeps the first ones' echoes only.
    if (seen.size >= MAX_ECHOED_VALUES) break;
    seen.add(value);
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
      if (at !== finding.start) extra.push({ ...finding, start: at, end: at + value.length, rule: `${finding.rule}, elsewhere in the note`, echo: true });
    }
  }
  return extra;
}

/** Replaces each span with `[REDACTED:type]`, one per line it covers, so the text keeps its line count. */
function apply(text: string, spans: Finding[]): RedactedText {
  const redactions: Redaction[] = [];
  let out = '';
  let at = 0;
  let line = 1;
  const advance = (to: number) => {
    const piece = text.slice(at, to);
    for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) line++;
    out += piece;
    at = to;
  };
  for (const span of spans) {
    advance(span.start);
    const segments = text.slice(span.start, span.end).split('\n');
    segments.forEach((segment, i) => {
      if (i > 0) {
        out += '\n';
        line++;
      }
      if (!segment.trim()) {
        out += segment;
        return;
      }
      // Leading indentation of a key block's lines stays.
      const indent = /^\s*/.exec(segment)![0];
      out += `${indent}[REDACTED:${span.type}]`;
      redactions.push({ line, type: span.type, rule: span.rule });
    });
    at = span.end;
  }
  out += text.slice(at);
  return { text: out, redactions };
}

/** Redacts a whole text, keeping its line count and line numbers. */
export async function redact(text: string): Promise<RedactedText> {
  const findings = [...shapeFindings(text), ...credentialFindings(text), ...personalFindings(text), ...(await presetFindings(text))];
  if (findings.length === 0) return { text, redactions: [] };
  return apply(text, merge([...findings, ...everyOccurrence(text, findings)]));
}
