/**
 * Runbook fields from the forms procedures are written in: alert runbooks (the alert name as the
 * title; Meaning, Impact, Diagnosis, Mitigation), Symptoms/Steps/Escalation runbooks, a file of
 * scenarios sharing one header (owner, last check, RTO/RPO, escalation, which each scenario
 * carries), and metadata lines or tables (Service, Owner, Last verified, Alert severity).
 */
import type { CitedText, LineCitation, RunbookInput } from '../../schemas/index.ts';
import { chatOpening } from './chat.ts';
import { ALERT_NAME, documentYear, findEntities, firstProse } from './fields.ts';
import { citedItems } from './items.ts';
import { namesIt, widenText } from './evidence.ts';
import { findLinks } from './links.ts';
import { cite, displayTitle, clean, SEVERITY_TAG, type Section } from './section.ts';
import { plainLine, slotContents, slotField, slotValue } from './slots.ts';
import { spokenProcedure } from './spoken-procedure.ts';
import { answeredQuestions, checksBeforeSteps, ESCALATE, extractSteps, SOMEONE, troubleshootingSymptoms, type Step } from './steps.ts';
import { findDates, findDuration, readSeverity } from './values.ts';

type Base = Pick<RunbookInput, 'title' | 'language' | 'sources' | 'entities' | 'generated'>;

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

/** A title that is an alert's name: `LedgerApiHighErrorRate`, `etcdBackendQuotaLowSpace`, `MCDRebootError`. */
const ALERT_TITLE = /^\s*([a-zA-Z][a-z0-9]*(?:[A-Z][A-Za-z0-9]*){2,})\s*$/;

/** The condition words alert names end with: `…ErrorsHigh`, `…Down`, `…CrashLooping`, `…FillingUp`. */
const CONDITION = /(?:High|Low|Down|Up|Full|Errors?|Error|Failed|Failing|Latency|Missing|Unavailable|Critical|Exhausted|Stuck|Crash|Looping|Lag|Filling|Space|Rate|Degraded|Restarting|NotReady|Saturated|Slow|Timeout|Expiring|Expired|Usage|Reboot|Quota|Backend|Warning)$/;

/** The component an alert is named after: `CoreDNSErrorsHigh` → CoreDNS, `ClusterOperatorDown` → ClusterOperator. */
function alertComponent(alert: string): string | undefined {
  let name = alert;
  while (CONDITION.test(name) && name.replace(CONDITION, '').length >= 3) name = name.replace(CONDITION, '');
  return name !== alert && name.length >= 3 ? name : undefined;
}

/** What opens a warning: "⚠️ …", "**Внимание:** …", "> **Warning**", "*WARNING*: …", "주의: …", GitHub's "> [!WARNING]", Docusaurus' ":::danger". */
const WARNING_MARK = /^\s*(?:>\s*)?(?:[-*]\s*)?(?:\[!(?:warning|caution|danger|important)\][-+]?|:::(?:warning|caution|danger)(?![\p{L}]))\s*|^\s*(?:>\s*)?(?:[-*]\s*)?(?:\*{1,2}|_)?\s*(?:⚠️?\s*(?:(?:warning|внимание|важно|주의|경고)(?![\p{L}]))?|(?:warning|caution|danger|attention|внимание|важно|осторожно|주의|경고)(?![\p{L}]))(?:\/danger)?\s*(?:\*{1,2}|_)?\s*[:：!]?\s*(?:\*{1,2}|_)?/iu;

/** Warning lines and blocks: "⚠️ …", "**Внимание:** …", "> **Warning**", "*WARNING*: …", "주의: …". */
function warningsOf(section: Section): CitedText[] {
  const found: CitedText[] = [];
  const lines = section.lines;
  const marker = WARNING_MARK;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!marker.test(line.text)) continue;
    // The warning goes on over its paragraph (or its quote block).
    let text = line.text.replace(marker, '');
    let last = line.number;
    const quoted = /^\s*>/.test(line.text);
    const partLines = new Set(section.parts.map((p) => p.line));
    for (let k = i + 1; k < lines.length; k++) {
      const next = lines[k]!;
      // An admonition's closing ":::" ends it.
      if (!next.text.trim() || next.number !== last + 1 || marker.test(next.text) || partLines.has(next.number) || /^\s*(?:#|```|[-*+]\s|\d+[.)]\s|\||:::)/.test(next.text)) break;
      if (quoted !== /^\s*>/.test(next.text)) break;
      text += ' ' + next.text.replace(/^\s*>\s?/, '');
      last = next.number;
    }
    const clean_ = clean(plainLine(text));
    if (clean_) found.push({ text: clean_, cite: cite(section, line.number, last) });
  }
  if (found.length > 0) return found;
  // No marked warning: a sentence that forbids something and says what it would cost
  // ("Do not replay webhooks by hand: merchants will be charged twice.", «Не чистить очередь — потеряем коды»).
  for (const line of lines) {
    if (/^\s*(?:```|\||#)/.test(line.text)) continue;
    for (const sentence of plainLine(line.text).split(/(?<=[.!?])\s+/)) {
      if (FORBIDS.test(sentence) && COSTS.test(sentence)) found.push({ text: clean(sentence), cite: cite(section, line.number) });
    }
  }
  return found;
}

/** A sentence that forbids: "Do not …", "Never …", «Не трогать …», «Ни в коем случае …», "절대 …". */
const FORBIDS = /^(?:do not|don'?t|never|не\s+\p{L}+(?:ть|ти|йте)(?![\p{L}])|ни в коем случае|нельзя|절대)/iu;
/** … and says what it would cost: after a colon or dash, "will", "otherwise", «иначе», «потеряем». */
const COSTS = /\S\s*[:—–]\s+\S|(?<![\p{L}])(?:will|would|otherwise|or you|(?:starts?|begins?) (?:rejecting|failing|dropping|throttling|timing out|returning)|начн[её]т (?:отклонять|падать|терять|отбрасывать)|иначе|потеря\p{L}*|сломает|приведёт|приведет)(?![\p{L}])|(?:면|하면) 안/iu;

/** Whether the candidate's title stands on its title line (and is not its file's name). */
const titleWritten = (section: Section) => (section.ctx.parsed.lines[section.candidate.titleLine - 1] ?? '').includes(section.candidate.title);

/** The service: a labelled line, the parenthesis or code span of the title, or the alert's component. */
/** English words written with a hyphen, which a title says of its subject ("Search indexer — on-call FAQ"): no service's name. */
const COMPOUND_WORD = /^(?:on-call|follow-ups?|read-only|real-time|built-in|opt-(?:in|out)|self-(?:hosted|service)|e-mail|how-to|step-by-step|run-?book|post-?mortem|roll-?back|fail-?over|re-?index\w*|multi-\w+|non-\w+|pre-\w+|co-\w+|cross-\w+|end-to-end|long-running|high-\w+|low-\w+)$/i;

function serviceOf(section: Section, alerts: Array<{ name: string }>): CitedText | undefined {
  const labelled = slotValue(section, 'service', { shared: true });
  const weak = labelled && /^\s*(?:cluster|кластер|system|система|component|компонент)/iu.test(section.ctx.parsed.lines[(labelled.cite[0] as LineCitation).lines[0] - 1]?.replace(/^[\s*_-]+/, '') ?? '');
  if (labelled && !weak) return { text: labelled.text, cite: labelled.cite };
  const sources = [
    // A chat or a transcript has no title of its own, only its file's name; nor has a note without a heading.
    ...(section.candidate.form === 'written' && titleWritten(section) ? [{ text: section.candidate.title, line: section.candidate.titleLine }] : []),
    ...section.contextParts.filter((p) => p.form === 'heading' && p.depth === 1).map((p) => ({ text: p.label, line: p.line })),
    ...section.ctx.parts.filter((p) => p.form === 'heading' && p.depth === 1 && p.line < section.candidate.startLine).map((p) => ({ text: p.label, line: p.line })),
    // What the alert means names what it watches: "The p95 latency of `payments-api` …".
    ...[slotValue(section, ['meaning', 'summary'])].flatMap((v) => (v ? [{ text: v.text, line: (v.cite[0] as LineCitation).lines[0] }] : [])),
  ];
  for (const { text, line } of sources) {
    // "(pg-pay)", "`kafka-prod-eu`", "для кластера sess-redis", "image-resizer 크래시", "Gitaly is down".
    const named = /\(([a-z][\w.-]{1,40})\)\s*$|`([a-z][\w.-]{1,40})`|(?<![\p{L}\d-])([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?![\p{L}\d-])/u.exec(text);
    const down = /^\s*([\p{L}][\w.-]{1,30}(?:\s[\p{L}][\w.-]{1,30})?)\s+(?:is|are)\s+(?:down|slow|unavailable|failing|degraded|full)/iu.exec(text);
    const value = named?.[1] ?? named?.[2] ?? named?.[3] ?? down?.[1];
    if (value && !COMPOUND_WORD.test(value)) return { text: value, cite: cite(section, line) };
  }
  if (labelled) return { text: labelled.text, cite: labelled.cite };
  // A runbook collection names its service in its introduction ("… для Ringo Uchet.", "for the Billing API").
  const { parsed, noise } = section.ctx;
  for (let n = parsed.bodyStartLine; n < Math.min(parsed.lines.length, parsed.bodyStartLine + 12); n++) {
    if (noise.noiseLines.has(n) || /^\s*#/.test(parsed.lines[n - 1] ?? '')) continue;
    const match = /(?:^|[^\p{L}])(?:для|for(?: the)?|сервис[а]?|service)\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,3})/u.exec(parsed.lines[n - 1] ?? '');
    if (match && !/^(Production|Runbooks?|The|Kubernetes|Postgres)$/.test(match[1]!)) return { text: match[1]!, cite: cite(section, n) };
  }
  // A technology the title names ("Kafka 컨슈머 랙 증가") before a word cut from the alert's name ("Consumer").
  const inTitle = section.candidate.form === 'written' && titleWritten(section) ? findEntities(section.candidate.title).find((e) => !alerts.some((a) => a.name === e)) : undefined;
  if (inTitle) return { text: inTitle, cite: cite(section, section.candidate.titleLine) };
  const component = alerts[0] ? alertComponent(alerts[0].name) : undefined;
  if (component) return { text: component, cite: alerts[0] && 'cite' in alerts[0] ? (alerts[0] as { cite: CitedText['cite'] }).cite : cite(section, section.candidate.titleLine) };
  return undefined;
}

const CAMEL = String.raw`[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+`;
const ALERT_BESIDE_WORD = new RegExp(String.raw`(?<![\p{L}])(?:alert|алерт\p{L}*|알림|оповещени\p{L}*)\s+(?:\p{Ll}+\s+)?(${CAMEL})(?![\p{L}\d])|(?<![\p{L}\d])(${CAMEL})\s+(?:alert|алерт|알림)`, 'gu');

function alertsOf(section: Section): Array<{ name: string; cite: CitedText['cite'] }> {
  const found: Array<{ name: string; cite: CitedText['cite'] }> = [];
  // "런북: PaymentApiHighLatency", "Runbook — KafkaLagHigh": the name after the kind's word.
  const title = ALERT_TITLE.exec(displayTitle(section.candidate.title).replace(SEVERITY_TAG, ''))?.[1];
  if (title) found.push({ name: title, cite: cite(section, section.candidate.titleLine) });
  const alertLines = [
    ...slotContents(section, ['alert', 'triggers', 'trigger', 'symptoms', 'meaning']).flatMap((c) => c.lines),
    ...section.lines.filter((l) => l.text.length < 2000 && /alert|алерт|알림|оповещени|\bfir(?:es|ing)\b|срабатывает|сработал/iu.test(l.text)),
  ];
  for (const line of alertLines) {
    for (const match of line.text.matchAll(ALERT_NAME)) found.push({ name: (match[1] ?? match[2])!, cite: cite(section, line.number) });
    // Beside the word alert, any name in CamelCase is one, whatever it ends with ("алерт SmsQueueBacklog").
    for (const match of line.text.matchAll(ALERT_BESIDE_WORD)) found.push({ name: (match[1] ?? match[2])!, cite: cite(section, line.number) });
  }
  return found.filter((alert, i, all) => all.findIndex((a) => a.name === alert.name) === i);
}

/** Verification: its section, else the bullets of a step that verifies ("Шаг 5: Verify"). */
function verificationOf(section: Section, steps: Step[]): CitedText[] {
  const diagnosis = new Set(checksBeforeSteps(section).map((c) => c.part.line));
  // "Validation" is a decision record's Confirmation section too: in a runbook, it verifies.
  const own = slotContents(section, ['verification', 'confirmation']).filter((c) => !diagnosis.has(c.part.line)).flatMap((c) => citedItems(section, c, { split: false }));
  if (own.length > 0) return own;
  // "As validation, check …", "To verify, run …", "Убедитесь, что …": a sentence that says how to check.
  const said = section.lines.filter((l) => /^\s*(?:as (?:a )?validation|to (?:verify|validate|confirm)|verify that|confirm that|check that|убедитесь|убедиться, что|проверьте, что|확인:)/iu.test(plainLine(l.text.slice(0, 120))));
  if (said.length > 0) return said.map((l) => ({ text: plainLine(l.text), cite: cite(section, l.number) }));
  // A step named for checking ("Шаг 5: Verify") before one that only starts so («Убедиться, что master лежит», a diagnosis).
  const checking = steps.filter((s) => /^(?:verify|verification|проверк\p{L}*|убедиться|확인)/iu.test(s.text));
  const verifying = checking.find((s) => s.text.split(/\s+/).length <= 2) ?? checking.at(-1);
  if (!verifying) return [];
  const [from, to] = (verifying.cite[0] as LineCitation).lines;
  return section.lines
    .filter((l) => l.number > from && l.number <= to && /^\s*[-*+]\s/.test(l.text))
    .map((l) => ({ text: plainLine(l.text), cite: cite(section, l.number) }));
}

/** A runbook's first paragraph of prose that is not its escalation: what it is for. */
function introduction(section: Section, steps: Step[] = []): CitedText | undefined {
  const prose = firstProse(section);
  if (!prose || (ESCALATE.test(prose.text) && SOMEONE.test(prose.text))) return undefined;
  const line = (prose.cite[0] as LineCitation).lines[0];
  // A warning is not what the runbook is for.
  if (WARNING_MARK.test(section.ctx.parsed.lines[line - 1] ?? '')) return undefined;
  // Nor are the steps themselves («Если …: `kubectl …`» line after line).
  if (steps.some((step) => step.cite.some((c) => (c as LineCitation).lines[0] <= line && (c as LineCitation).lines[1] >= line))) return undefined;
  // Nor is an FAQ's first question and its answer.
  if (answeredQuestions(section).some((qa) => (qa.cite[0] as LineCitation).lines[0] === line)) return undefined;
  // Prose under a section of its own ("## Verify", "## Rollback") is that section's, not what the runbook is for.
  const under = section.parts.find((p) => p.form === 'heading' && p.slot && p.line < line && (p.endLine ?? 0) >= line);
  return under && !['summary', 'overview', 'meaning'].includes(under.slot!) ? undefined : prose;
}

/** An alert runbook's summary says what the alert means and what it costs: Meaning, then Impact. */
function withImpact(summary: CitedText | undefined, impact: CitedText | undefined): CitedText | undefined {
  if (!summary || !impact || summary.text.includes(impact.text)) return summary ?? impact;
  return { text: `${summary.text}\n\nImpact: ${impact.text}`, cite: [...summary.cite, ...impact.cite] };
}

/** A sentence that says when to use the runbook: «Применять, когда …», "Use this when …", "…할 때 사용합니다". */
const WHEN_TO_USE = /^(?:применя(?:ть|ется|йте)|использовать|запускать|use (?:this|it)(?: runbook)?|run this(?: runbook)?|apply)\s*,?\s*(?:когда|если|при|when|if)(?![\p{L}])|\p{Script=Hangul} 때 (?:사용|적용|참고)/iu;

function escalationOf(section: Section, steps: Step[]): CitedText[] {
  const own = slotContents(section, 'escalation', { shared: true }).flatMap((c) => citedItems(section, c, { split: false }));
  if (own.length > 0) return own;
  // An FAQ's "When do I escalate?" is answered by whom to call.
  const asked = answeredQuestions(section).filter((qa) => qa.escalates);
  if (asked.length > 0) return asked.map((qa) => ({ text: qa.answer, cite: qa.cite }));
  const stepLines = new Set(steps.flatMap((s) => {
    const [from, to] = (s.cite[0] as LineCitation).lines;
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }));
  return section.lines
    .map((l) => ({ number: l.number, text: plainLine(l.text).replace(/^[①-⑳]\s*/u, '') }))
    .filter((l) => l.text.length < 600 && !stepLines.has(l.number) && ESCALATE.test(l.text) && SOMEONE.test(l.text) && /^\s*(?:if|если|when|когда|[\p{Lu}\d가-힣])/u.test(l.text))
    .map((l) => ({ text: l.text, cite: cite(section, l.number) }));
}

export function extractRunbook(section: Section, base: Base): RunbookInput {
  const year = documentYear(section);
  // A procedure told aloud has only sentences: each is a step, a warning, a check or whom to call.
  const told = section.candidate.form === 'speech' ? spokenProcedure(section) : undefined;
  const steps = told ? told.steps : extractSteps(section);
  const alerts = alertsOf(section);
  const lastVerified = slotValue(section, 'lastVerified', { shared: true });
  const verifiedOn = lastVerified ? findDates(lastVerified.text, year)[0] : undefined;
  const tag = SEVERITY_TAG.exec(section.candidate.title);
  // A labelled severity, else the title's tag ("[P1] PaymentsAPIHighLatency").
  const severity = slotValue(section, 'severity') ?? (tag ? { text: tag[1]!, cite: cite(section, section.candidate.titleLine) } : undefined);
  const severityWord = severity ? readSeverity(severity.text) : undefined;
  const cites: Record<string, CitedText['cite']> = {};
  if (severityWord && severity) cites.severity = severity.cite;
  // A runbook's "## Trigger" is what sets it off (in a postmortem, what set the outage off).
  const labelled = slotContents(section, ['triggers', 'trigger']).flatMap((c) => citedItems(section, c, { split: false }));
  // «Применять, когда реплика отстала …», "Use this when the queue backs up.": the introduction says when, without a label.
  const intro = labelled.length === 0 ? introduction(section, steps) : undefined;
  const triggers = labelled.length > 0 ? labelled : intro && WHEN_TO_USE.test(intro.text) ? [intro] : [];
  const symptoms = slotContents(section, 'symptoms').flatMap((c) => citedItems(section, c, { split: false }));
  const impact = slotField(section, 'impact');
  const owner = slotValue(section, 'owner', { shared: true });
  return {
    ...base,
    tags: ['runbook'],
    // Told aloud, a procedure's first sentence is what it is for, and the whole memo no summary.
    // Without an introduction, when to use it says what it is for.
    summary: told ? told.triggers[0] : withImpact(slotField(section, ['meaning', 'summary', 'overview'], { direct: true }) ?? (section.candidate.form === 'chat' ? chatOpening(section) : introduction(section, steps)), impact) ?? triggers[0],
    service: (() => {
      const service = serviceOf(section, alerts);
      return service && widenText(section, service, namesIt(service.text));
    })(),
    ...(owner && { owner }),
    ...(verifiedOn && lastVerified && { lastVerified: { text: verifiedOn.date, cite: lastVerified.cite, inferred: false } }),
    ...(severityWord && { severity: severityWord.value }),
    alerts,
    triggers: told ? told.triggers : triggers,
    // An alert runbook's Impact is what the reader will see: its symptoms, when none are listed.
    symptoms: nonEmpty(symptoms) ?? (impact ? [impact] : troubleshootingSymptoms(section)),
    steps,
    warnings: told ? told.warnings : warningsOf(section),
    escalation: told ? told.escalation : escalationOf(section, steps),
    verification: told ? told.verification : verificationOf(section, steps),
    // A drill's measured time ("Last verified: 2026-08-12, restore drill (52 minutes end to end)") is how long it takes.
    recoveryTime: slotValue(section, 'recoveryTime') ?? (lastVerified && findDuration(lastVerified.text) ? { text: findDuration(lastVerified.text)!.text, cite: lastVerified.cite } : undefined),
    rto: slotValue(section, 'rto', { shared: true }) ?? undefined,
    rpo: slotValue(section, 'rpo', { shared: true }) ?? undefined,
    links: findLinks(section),
    cites,
  };
}

