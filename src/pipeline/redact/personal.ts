/**
 * Personal data: a person's e-mail address and phone number. What stays is what a reader needs to
 * act on a note: role mailboxes (oncall@, sre-team@, ci-bot@), documentation domains
 * (example.com), and published numbers (a switchboard, a hotline "on the status page", "대표번호").
 */
import { FindingRank, spanOf, type Finding } from './finding.ts';

/** An address around an `@` found by indexOf: scanning for the local part at every position costs more than all other rules. */
const LOCAL_PART = /[A-Za-z0-9._%+-]+$/;
const DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/;
/** Domains reserved for documentation (RFC 2606); `.example` itself is treated as a real company's domain. */
const DOCUMENTATION_DOMAIN = /@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|test|invalid|localhost)$/i;
/** A `name@2x.png` asset or `pkg@1.2.tgz` is not an address. */
const FILE_SUFFIX = /\.(png|jpe?g|gif|svg|webp|ico|js|mjs|ts|css|map|json|lock|ya?ml|tgz|gz|zip|txt|md|log)$/i;
/** Words in the local part of a mailbox that belongs to a role, a team or a machine, not a person. */
const ROLE_WORDS = new Set(
  (
    'oncall on call support ops devops sre secops security admin administrator info help helpdesk noreply no reply donotreply do not ' +
    'alert alerts incident incidents review team teams postmaster abuse billing sales contact hello bot bots robot ci cd build builds ' +
    'deploy deployer deploys release releases report reports noc dmarc dkim notifications notification notify status platform infra ' +
    'infrastructure dev devs eng engineering hr legal press jobs careers service services system systems root webmaster hostmaster ' +
    'mailer daemon payments finance backup backups monitoring git github gitlab jenkins svc it office marketing privacy compliance ' +
    'audit accounts accounting list lists announce dba data analytics api app apps mail feedback community partners partner vendor ' +
    'qa test testing changes group all everyone staff escalation escalations pager pagerduty opsgenie oncall-primary duty ' +
    'дежурный дежурные поддержка'
  ).split(' '),
);

/** Is this address a person's? Role mailboxes and documentation domains are not. */
function isPersonalEmail(email: string): boolean {
  if (DOCUMENTATION_DOMAIN.test(email) || FILE_SUFFIX.test(email)) return false;
  const local = email.slice(0, email.indexOf('@')).toLowerCase();
  return !local.split(/[._+-]+/).some((word) => ROLE_WORDS.has(word.replace(/\d+$/, '')));
}

// Not after a letter, digit, path, colon or "=" (ids, ports, times, query values), except an
// international number right after a colon (`TEL;TYPE=cell:+1-555-0142`).
const PHONE = /(?:(?<![\w/.:#=@-])|(?<=:)(?=\+))(?:\+|\()?\d[\d \t().-]{5,}\d(?![\w/-])/g;
/** Words on the line that say a number is published for everyone to call. */
const PUBLISHED = /reception|switchboard|main (?:line|number|office)|front desk|hotline|published|status page|website|web site|on our site|support line|customer support|toll[- ]free|ресепшн|ресепшен|при[её]мн|офис|общий номер|на сайте|горяч\w* лини|для клиентов|대표\s?번호|홈페이지|고객센터|공개/i;
/** Words that say a short number (555-0180) is a phone at all. */
const PHONE_WORDS = /(?<![\p{L}\p{N}_])(sms|text|call|phone|cell|mobile|tel|whatsapp|signal|pager|тел)(?![\p{L}\p{N}_])|мобильн|телефон|звон|личн|сотов|휴대폰|핸드폰|전화|연락|번호/iu;

/** A day written with dots or slashes, day or year first (12.05.2026, 2026.05.12, 05/12/26): a date, whatever follows. */
const DAY = /^(?:\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{4}[./]\d{1,2}[./]\d{1,2})(?![\d./])/;

/** Is this run of digits a phone number? Dates, times, versions, IPs, ids and amounts have digits too. */
function isPhone(candidate: string, lineSpeaksOfPhones: boolean): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length > 15) return false;
  if (/^\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|^\d+(\.\d+){2,}$|\d+\.\d+\.\d+\.\d+/.test(candidate) || DAY.test(candidate)) return false;
  if (digits.length >= 10) {
    if (/^[+(]/.test(candidate)) return true;
    // Without a country code: a trunk prefix (0 in Europe and Korea, 8 in Russia, 1 in the US) or
    // the US 3-3-4 grouping. An order or card number (4821-5573-2211) has neither.
    if (!/[ .-]/.test(candidate)) return false;
    return /^[018]/.test(candidate) || /^\d{3}[-. ]\d{3}[-. ]\d{4}$/.test(candidate) || lineSpeaksOfPhones;
  }
  // A local number (555-0180, 7700 9001): only where the line speaks of phones.
  return digits.length >= 7 && /^\d{3,4}[ -]\d{4}$/.test(candidate.trim()) && lineSpeaksOfPhones;
}

/** Personal e-mail addresses and phone numbers in `text`. */
export function personalFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const before = text.slice(Math.max(0, at - 200), at);
    const local = LOCAL_PART.exec(before)?.[0];
    const domain = local && DOMAIN.exec(text.slice(at + 1, at + 256))?.[0];
    if (!local || !domain) continue;
    // `scheme://user:token@host` is a credential URL, not an address (credentials.ts has it).
    if (/:\/\/[^\s@/]*$/.test(before)) continue;
    const email = `${local}@${domain}`;
    if (isPersonalEmail(email)) findings.push(spanOf(at - local.length, email, 'email', FindingRank.personal, 'personal e-mail'));
  }
  // What the line says is read once per line, not once per number on it.
  let lineEnd = -1;
  let published = false;
  let speaksOfPhones = false;
  for (const match of text.matchAll(PHONE)) {
    if (match.index >= lineEnd) {
      const next = text.indexOf('\n', match.index);
      lineEnd = next < 0 ? text.length : next;
      const line = text.slice(text.lastIndexOf('\n', match.index - 1) + 1, lineEnd);
      published = PUBLISHED.test(line);
      speaksOfPhones = PHONE_WORDS.test(line);
    }
    const candidate = match[0].replace(/[ \t().-]+$/, '');
    // Digits that run into ":MM" end with an hour: "… 09" of "12.05.2026 09:16".
    const beforeMinutes = /^:\d{2}(?!\d)/.test(text.slice(match.index + candidate.length, match.index + candidate.length + 4));
    if (published || beforeMinutes || !isPhone(candidate, speaksOfPhones)) continue;
    findings.push(spanOf(match.index, candidate, 'phone', FindingRank.personal, 'personal phone'));
  }
  return findings;
}
