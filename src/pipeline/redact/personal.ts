/**
 * Personal data: a person's e-mail address and phone number, a payment card number, an IBAN, a
 * passport number. What stays is what a reader needs to
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

/**
 * A payment card number: grouped as cards print it (4-4-4-4, Amex's 4-6-5), or a run of 13–19
 * digits on a line that says card; with a card network's prefix and a valid Luhn check digit, so
 * an order or trace id of as many digits stays. A test card ("4111 1111 1111 1111") goes too: a
 * reader cannot tell it from a customer's.
 */
const CARD = /(?<![\w.-])(?:\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{1,7}|\d{4}[ -]\d{6}[ -]\d{5}|\d{13,19})(?![\w-]|\.\d)/g;
const CARD_WORDS = /card|visa|mastercard|amex|\bpan\b|карт|카드/iu;
const CARD_NETWORK = /^(?:4|5[1-5]|2[2-7]|3[47]|6011|65|35|62|220[0-4])/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** An IBAN, checked by its mod-97 digits ("DE89 3704 0044 0532 0130 00"). */
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;

function validIban(iban: string): boolean {
  const compact = iban.replace(/ /g, '');
  if (compact.length < 15 || compact.length > 34) return false;
  const moved = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const digit of moved) rest = (rest * 10 + Number(digit)) % 97;
  return rest === 1;
}

/** A passport's number after the word: «паспорт 4510 123456», "passport no. X1234567". */
const PASSPORT = /(?<![\p{L}])(?:паспорт\p{L}*|passport)(?:\s+(?:серия и номер|номер|№|no\.?|number))?\s*[:#№]?\s*(\d{2}\s?\d{2}\s?\d{6}|[A-Z]{1,2}\d{6,8})(?![\w])/giu;

/** Card numbers, IBANs and passport numbers: what identifies a customer's money or person. */
function identityFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  if (/\d{4}[ -]?\d{4}/.test(text)) {
    for (const match of text.matchAll(CARD)) {
      const digits = match[0].replace(/\D/g, '');
      if (digits.length < 13 || digits.length > 19 || !CARD_NETWORK.test(digits) || !luhn(digits)) continue;
      const end = text.indexOf('\n', match.index);
      const line = text.slice(text.lastIndexOf('\n', match.index - 1) + 1, end < 0 ? undefined : end);
      if (!/[ -]/.test(match[0]) && !CARD_WORDS.test(line)) continue;
      findings.push(spanOf(match.index, match[0], 'card-number', FindingRank.personal, 'payment card number'));
    }
  }
  // Each scan only where its mark is: most notes hold no IBAN and say no "passport".
  if (/[A-Z]{2}\d{2} ?[A-Z0-9]{4}/.test(text)) {
    for (const match of text.matchAll(IBAN)) if (validIban(match[0])) findings.push(spanOf(match.index, match[0], 'iban', FindingRank.personal, 'IBAN'));
  }
  if (!/паспорт|passport/i.test(text)) return findings;
  for (const match of text.matchAll(PASSPORT)) {
    const value = match[1]!;
    findings.push(spanOf(match.index + match[0].lastIndexOf(value), value, 'passport', FindingRank.personal, 'passport number'));
  }
  return findings;
}

/** Personal e-mail addresses, phone numbers, card numbers, IBANs and passport numbers in `text`. */
export function personalFindings(text: string): Finding[] {
  const findings: Finding[] = identityFindings(text);
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
