/**
 * Classify: decides whether a candidate is an incident, an ADR, a runbook or none. By structure
 * first: a title that names its kind decides; otherwise the template slots the candidate's
 * headings and labels name (templates.ts), with the shapes each kind is written in (a timeline, a
 * numbered procedure with commands, "Chosen option:", a Y-statement). Cue words only break ties
 * and carry notes with no structure at all. Speech and chat have their own cues (classifySpeech,
 * classifyChat), since they are told, not laid out.
 */
import { SAID_OVER, SAID_OVER_KO } from './chat.ts';
import type { Part } from './outline.ts';
import { inlineCommandsIn, looksLikeCommand, spokenCommands } from './shell.ts';
import { ACTION_COLUMN, COMMAND_COLUMN, faqPairs, instructionLine, MOMENT_WEIGHT, NON_DOCUMENT_SLOTS, placeholderLine, SITUATION_TITLE, SLOT_LABELS, templateTitle, titleKind, troubleshootingHeader, type DocumentKind, type Slot } from './templates.ts';

export type { DocumentKind } from './templates.ts';

export interface Classification {
  kind: DocumentKind | 'none';
  score: number;
  /** One line a person can check: what decided. */
  reason: string;
}

/** What a candidate shows to the classifier. */
export interface CandidateEvidence {
  /** The candidate's own title ('' when it has none). */
  title: string;
  /** Parts inside the candidate (its headings, labels, table rows). */
  parts: Part[];
  /** Its text, noise removed. */
  text: string;
}

interface Cue {
  pattern: RegExp;
  weight: number;
}

const cue = (pattern: RegExp, weight: number): Cue => ({ pattern, weight });

/** Cue words; Russian ones are stems so that every case form matches. Boundaries are Unicode-aware. */
export const LEXICON: Record<DocumentKind, Cue[]> = {
  incident: [
    cue(/(?<![\p{L}\p{N}_])(post-?mortem|incident report|outage|постмортем)/iu, 4),
    cue(/(?<![\p{L}\p{N}_])(инцидент|авари[яи]|сбо[йя]|простой|упал[аио]?|장애)/iu, 2),
    cue(/(?<![\p{L}\p{N}_])incident(?![\p{L}\p{N}_])/iu, 2),
    cue(/(?<![\p{L}\p{N}_])(root cause|impact|downtime|5xx|timeline|follow-?ups?|lessons? learned)(?![\p{L}\p{N}_])/iu, 2),
    cue(/(?<![\p{L}\p{N}_])(причин[аы]|влияни[ея]|хронологи|таймлайн|урок)/iu, 2),
    cue(/(?<![\p{L}\p{N}_])(dropp?ed|deleted|data loss|recovered|recovery by|rolled back)(?![\p{L}\p{N}_])/iu, 1),
    cue(/(?<![\p{L}\p{N}_])(дропнул|удалил|потерян|восстановил)/iu, 1),
  ],
  adr: [
    cue(/(?<![\p{L}\p{N}_])ADR[-\s]?\d+/iu, 6),
    cue(/(?<![\p{L}\p{N}_])(architecture decision|decision record)(?![\p{L}\p{N}_])/iu, 5),
    cue(/(?<![\p{L}\p{N}_])(decision|decided|rejected|alternatives?|considered options|consequences?)(?![\p{L}\p{N}_])/iu, 2),
    cue(/(?<![\p{L}\p{N}_])(решени[ея]|альтернатив|последстви|рассмотренные варианты)/iu, 2),
    cue(/(?<![\p{L}\p{N}_])status:\s*(proposed|accepted|superseded|deprecated)(?![\p{L}\p{N}_])/iu, 3),
  ],
  runbook: [
    cue(/(?<![\p{L}\p{N}_])(runbook|playbook|procedure|how to)(?![\p{L}\p{N}_])/iu, 4),
    cue(/(?<![\p{L}\p{N}_])(ранбук|инструкци|процедур|런북)/iu, 3),
    cue(/(?<![\p{L}\p{N}_])(symptoms?|actions?|steps?|escalat\w*|verify|verification|rollback|roll back|restart)(?![\p{L}\p{N}_])/iu, 2),
    cue(/(?<![\p{L}\p{N}_])(симптом|действи|шаг|эскалац|проверк|перезапуст|откат|восстановлени|выполни|запусти)/iu, 2),
    cue(/^```(bash|sh|shell|console)?\s*$/mu, 2),
    cue(/^\s*(\$ |sudo |docker(-compose)? |kubectl |systemctl |psql |aws |curl |ssh |git |tail |grep |mkdir |npm |make |\.\/)/mu, 2),
    cue(/(?<![\p{L}\p{N}_])(деплой|deploy)/iu, 1),
  ],
};

/** Below this score a candidate is not a document. */
export const CLASSIFY_THRESHOLD = 5;

const KINDS: DocumentKind[] = ['incident', 'adr', 'runbook'];

const globalVersions = new WeakMap<RegExp, RegExp>();

function countMatches(pattern: RegExp, text: string, limit = 3): number {
  let global = globalVersions.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
    globalVersions.set(pattern, global);
  }
  global.lastIndex = 0;
  let count = 0;
  // Repetition is weak evidence: three matches count as much as thirty, so stop looking there.
  while (global.exec(text)) if (++count >= limit) break;
  return count;
}

function cueScore(kind: DocumentKind, title: string, body: string): number {
  let total = 0;
  for (const { pattern, weight } of LEXICON[kind]) total += weight * (countMatches(pattern, body) + 2 * Math.min(countMatches(pattern, title), 1));
  return total;
}

/** What a slot's label says about each kind: its first label's weights (a slot has one label; a second would not change them). */
const SLOT_WEIGHT = new Map([['moment', MOMENT_WEIGHT] as const, ...[...SLOT_LABELS].reverse().map((l) => [l.slot, l.weight] as const)]);

/** Slots that show a document of the kind has its substance, not only its metadata. */
const SUBSTANCE: Record<DocumentKind, Slot[]> = {
  incident: ['summary', 'whatHappened', 'fault', 'impact', 'rootCause', 'trigger', 'resolution', 'detection', 'timeline', 'followUps', 'lessons', 'contributingFactors', 'whatWentWrong', 'response'],
  adr: ['context', 'decision', 'options', 'consequences', 'positive', 'negative', 'drivers', 'prosCons', 'whyNot'],
  runbook: ['steps', 'diagnosis', 'mitigation', 'symptoms', 'verification', 'meaning', 'triggers'],
};

/** A status page update (Atlassian Statuspage, Instatus, Better Stack): its state, a dash, what was said. */
export const STATUS_STATES = 'Investigating|Identified|Monitoring|Update|Resolved|Postmortem|Verifying|In progress|Completed';
export const STATUS_UPDATE = new RegExp(String.raw`^\s*(?:\*\*)?(${STATUS_STATES})(?:\*\*)?\s+[-–—]\s+(\S.*)$`);
/** The same with its time beside the state, as a post keeps its updates: "**Update (09:12 UTC):** …", "Resolved (10:05): …". */
export const TIMED_STATUS_UPDATE = new RegExp(String.raw`^\s*(?:\*\*|__)?(${STATUS_STATES})\s*\(([^)\n]{0,30}?\d{1,2}:\d{2}[^)\n]{0,20})\)\s*[:：—–-]?\s*(?:\*\*|__)?\s*[:：—–-]?\s*(\S.*)$`);

const TICKET_OF_INCIDENT = /(?:^|\s{2,}|[|·]\s*)(?:issue type|ticket type|type|тип(?: задачи| обращения| тикета)?|(?:이슈 )?유형)\s*[:：]\s*(?:\*\*)?(?:incident|outage|инцидент|авария|сбой|장애|인시던트)(?![\p{L}])/iu;

/** A line that opens with its condition: «Если …», "If …", "When …", "만약 …". */
export const CONDITION_LINE = /^\s*(?:[-*+]\s+)?(?:если|когда|if|when|만약)(?![\p{L}])/iu;

/** A title that names an operation on a system, its verb first: "Restore the orders DB", «Перевыпустить сертификат». Not "Use X", a decision's. */
const TASK_TITLE = /^\s*(?:restore|rotate|renew|drain|clear|purge|restart|rebuild|re-?index|fail over|failover|scale (?:up|down|out)|recover|reset|replace|upgrade|roll back|flush|resize|expand|reissue|re-issue|revoke|unblock|unlock|reboot|redeploy|promote|resync|backfill|восстановить|перезапустить|очистить|перевыпустить|продлить|пересоздать|переиндексировать|переключить|откатить|обновить сертификат|сбросить|разблокировать)(?![\p{L}])/iu;

/** Shapes a kind is written in, each worth points of its own. */
function shapes(text: string, title = ''): Record<DocumentKind, { score: number; names: string[] }> {
  const found: Record<DocumentKind, { score: number; names: string[] }> = { incident: { score: 0, names: [] }, adr: { score: 0, names: [] }, runbook: { score: 0, names: [] } };
  const add = (kind: DocumentKind, name: string, score: number) => {
    found[kind].score += score;
    found[kind].names.push(name);
  };
  const lines = text.split('\n');
  // A timeline: lines or table rows that start with a clock time (or a date and a time).
  const timed = lines.filter((l) => /^\s*(?:[-*]\s+|\|\s*)?(?:\*\*)?(?:\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?[ ,]+|\d{4}-\d{2}-\d{2}[ T]+)?\d{1,2}:\d{2}(?:\s*[AP]M)?(?:\s*(?:UTC|[A-Z]{3,4}|МСК))?\**\s*(?:[-—–:|]|\s\S)/u.test(l)).length;
  if (timed >= 3) add('incident', `a timeline (${timed} timed lines)`, 3);
  // A status page's updates: "Investigating - …", "Identified - …", "Resolved - …", each over its time.
  // Timed updates ("**Update (09:00 UTC):** …") are a status history when they tell of trouble; a release's rollout posts them too.
  const troubled = /(?<![\p{L}])(?:investigat\p{L}*|identified|monitoring|resolved|outage|errors?|degraded|degradation|incident|fail\p{L}*|down|unavailable|disruption|latency|delays?|5\d\d)(?![\p{L}])/iu.test(text);
  const updates = lines.filter((l) => STATUS_UPDATE.test(l) || (troubled && TIMED_STATUS_UPDATE.test(l))).length;
  if (updates >= 2) add('incident', `${updates} status page updates`, 5);
  // "Тип: Инцидент   Приоритет: …", "Issue Type: Incident": a tracker's ticket that says what it is.
  if (lines.some((l) => TICKET_OF_INCIDENT.test(l))) add('incident', 'a ticket typed incident', 4);
  // A numbered procedure with commands, or explicit step markers.
  // "1) Проверить поды: kubectl -n mail get pods": a step's command after its colon counts too.
  const commandLines = lines.filter((l) => looksLikeCommand(l) || (/:\s/.test(l) && looksLikeCommand(l.replace(/^\s*\d{1,2}[.)]\s+/, '').replace(/^.*?:\s+(?=\S)/, '')))).length;
  const fences = (text.match(/^\s*```/gmu) ?? []).length / 2;
  // "① 큐 길이를 확인합니다": circled numbers number steps as "1." does.
  const ordered = lines.filter((l) => /^\s*(?:#{1,6}\s*)?(?:\d{1,2}[.)]\s+|[①-⑳]\s*)\S/u.test(l)).length;
  if (ordered >= 2 && (fences >= 1 || commandLines >= 2 || /`[^`]{4,}`/.test(text))) add('runbook', 'numbered steps with commands', 3);
  // "Если упал воркер …" (its title or its first line) over its numbered steps: a situation and what to do in it.
  const opening = lines.find((l) => l.trim());
  if (ordered >= 2 && [title, opening ?? ''].some((t) => SITUATION_TITLE.test(t.replace(/^\s*#{1,6}\s*/, '')))) add('runbook', 'a situation over its steps', 2);
  // "Clear the CDN cache for a release", «Перевыпустить сертификат»: an operation named over its numbered steps with commands.
  else if (ordered >= 2 && (fences >= 1 || commandLines >= 2 || /`[^`]{4,}`/.test(text)) && [title, opening ?? ''].some((t) => TASK_TITLE.test(t.replace(/^\s*#{1,6}\s*/, '')))) add('runbook', 'a task over its steps', 2);
  // «Если в логах `SMTP 421` — снизить скорость: `kubectl … RATE=20`», "If the pod is stuck, run `kubectl delete pod …`":
  // lines that each give a condition and the command for it.
  const conditioned = lines.filter((l) => CONDITION_LINE.test(l) && inlineCommandsIn(l).length > 0).length;
  if (ordered < 2 && conditioned >= 2) {
    add('runbook', `${conditioned} conditions with their commands`, 3);
    if ([title, opening ?? ''].some((t) => SITUATION_TITLE.test(t.replace(/^\s*#{1,6}\s*/, '')))) add('runbook', 'a situation over its conditions', 2);
  }
  // Bulleted steps that each hold a command: "* Check `tail /var/log/…/current`".
  const bulletCommands = lines.filter((l) => /^\s*[-*+]\s/.test(l) && inlineCommandsIn(l).length > 0).length;
  if (ordered < 2 && bulletCommands >= 2) add('runbook', `${bulletCommands} bulleted commands`, 3);
  if (ordered < 2 && fences >= 2 && commandLines >= 1) add('runbook', 'command blocks', 2);
  if (lines.some((l) => /^\s*(?:>\s*)?(?:\*{1,2}|_)?(?:⚠️|warning|caution|danger|внимание|осторожно|주의|경고)(?![\p{L}])/iu.test(l))) add('runbook', 'a warning', 1);
  // "| Symptom | Likely cause | Fix |" over its rows: what to do in each situation.
  const troubleshooting = lines.findIndex((l, i) => /^\s*\|/.test(l) && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] ?? '') && troubleshootingHeader(l.trim().replace(/^\||\|$/g, '').split('|')) !== undefined);
  if (troubleshooting >= 0 && lines.slice(troubleshooting + 2, troubleshooting + 4).filter((l) => /^\s*\|/.test(l)).length >= 2) add('runbook', 'a troubleshooting table', 5);
  // "| Step | Command | Expected result |" over rows of commands: a procedure written as a table.
  const stepTable = lines.findIndex((l, i) => /^\s*\|/.test(l) && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] ?? '') && ((cells) => cells.some((c) => ACTION_COLUMN.test(c)) && cells.some((c) => COMMAND_COLUMN.test(c)))(l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim())));
  if (stepTable >= 0 && lines.slice(stepTable + 2, stepTable + 4).filter((l) => /^\s*\|/.test(l)).length >= 2) add('runbook', 'a table of steps and commands', 5);
  // An on-call FAQ: "Q: One partition is behind. What now?" over "A: Restart its pod: `kubectl …`".
  const answeredWithCommands = faqPairs(lines).filter((qa) => inlineCommandsIn(qa.answer).length > 0).length;
  if (answeredWithCommands >= 2) add('runbook', `${answeredWithCommands} questions answered with commands`, 5);
  const markers = lines.filter((l) => /^\s*(?:#+\s*)?(?:\*\*)?(?:(?:шаг|step|단계)\s*\d+|\d+\s*단계)/iu.test(l)).length;
  if (markers >= 2) add('runbook', `${markers} step markers`, 3);
  if (/chosen option\s*:|выбранный вариант\s*:|선택(?:한)? (?:옵션|대안)\s*:/iu.test(text)) add('adr', '"Chosen option:"', 3);
  if (countMatches(/^\s*[-*]\s*(?:good|bad|neutral), because/gimu, text) >= 2) add('adr', '"Good/Bad, because" bullets', 2);
  const yStatement = ['in the context of', 'facing', 'we decided for', 'neglected', 'to achieve', 'accepting that'].filter((w) => text.toLowerCase().includes(w)).length;
  if (yStatement >= 4) add('adr', 'a Y-statement', 8);
  if (/(?<![\p{L}])(?:we (?:will|decided to|chose|have decided)|мы решили|решили (?:перейти|использовать|оставить)|выбираем|берём вариант|берем вариант|결정했다|채택한다)/iu.test(text)) add('adr', 'a decision sentence', 1);
  return found;
}

/**
 * Scores a candidate for each kind. Returns the scores and what made them, so `--explain` and
 * the run report can say why a candidate got its kind.
 */
const scored = new WeakMap<CandidateEvidence, Record<DocumentKind, { score: number; substance: number; why: string[] }>>();

export function scoreKinds(evidence: CandidateEvidence): Record<DocumentKind, { score: number; substance: number; why: string[] }> {
  let known = scored.get(evidence);
  if (!known) scored.set(evidence, (known = computeScores(evidence)));
  return known;
}

function computeScores(evidence: CandidateEvidence): Record<DocumentKind, { score: number; substance: number; why: string[] }> {
  const result = Object.fromEntries(KINDS.map((k) => [k, { score: 0, substance: 0, why: [] as string[] }])) as Record<DocumentKind, { score: number; substance: number; why: string[] }>;
  const seen = new Set<Slot>();
  for (const part of evidence.parts) {
    if (!part.slot || seen.has(part.slot) || NON_DOCUMENT_SLOTS.has(part.slot)) continue;
    seen.add(part.slot);
    const weights = SLOT_WEIGHT.get(part.slot) ?? {};
    for (const kind of KINDS) {
      const weight = weights[kind] ?? 0;
      if (weight <= 0) continue;
      result[kind].score += weight;
      result[kind].why.push(part.slot);
      if (SUBSTANCE[kind].includes(part.slot)) result[kind].substance++;
    }
  }
  const shaped = shapes(evidence.text, evidence.title);
  for (const kind of KINDS) {
    result[kind].score += shaped[kind].score;
    result[kind].why.push(...shaped[kind].names);
    if (shaped[kind].score > 0) result[kind].substance++;
  }
  return result;
}

/**
 * Classifies a candidate. A kind needs the threshold and some substance (a runbook without
 * steps or symptoms is a contact sheet; an "incident" with only a date is a mention).
 */
/**
 * A template nobody filled in: most of its lines are the template's own instructions and
 * placeholders (`placeholderLine`).
 */
const TABLE_RULE = /^\s*\|?\s*:?-{2,}/;

function blankTemplate(text: string, title: string): boolean {
  const all = text.split('\n');
  // What a filled-in note would have written: not headings, table rules or a table's header row.
  const lines = all.filter((l, i) => l.trim() && !/^\s*(?:#|```|~~~)/.test(l) && !TABLE_RULE.test(l) && !TABLE_RULE.test(all[i + 1] ?? ''));
  // Under a template's own title, the lines telling its user what to write are its instructions too
  // (elsewhere "Describe the pod" is a step), and half of them is enough.
  const own = templateTitle(title);
  // Sections that only ask their question ("What is the issue that we're seeing …?") were not answered.
  const placeholders = lines.filter((l) => placeholderLine(l) || /\?\s*$/.test(l) || (own && instructionLine(l))).length;
  return placeholders >= 3 && placeholders >= (own ? 0.4 : 0.6) * lines.length;
}

export function classify(evidence: CandidateEvidence): Classification {
  if (blankTemplate(evidence.text, evidence.title)) return { kind: 'none', score: 0, reason: 'a blank template: its sections hold only the template\'s instructions and placeholders' };
  const named = titleKind(evidence.title);
  if (named) return { kind: named, score: 100, reason: `the title names it a ${named}` };
  const scores = scoreKinds(evidence);
  const cues = Object.fromEntries(KINDS.map((k) => [k, cueScore(k, evidence.title, evidence.text)])) as Record<DocumentKind, number>;
  const ranked = KINDS.map((kind) => ({ kind, ...scores[kind], cues: cues[kind] }))
    // Cue words break ties between kinds the structure scores alike.
    .sort((a, b) => b.score - a.score || b.cues - a.cues);
  const [best, second] = ranked;
  // A decision weighed in a record's shape about nothing technical (a residents' meeting on where
  // to hold a party) is no architecture decision; one that calls itself a record or has a status is.
  if (best!.kind === 'adr' && best!.score >= CLASSIFY_THRESHOLD && !aboutSystems(evidence)) {
    return { kind: 'none', score: best!.score, reason: 'a decision about nothing technical: no system, service or product is named' };
  }
  if (best!.score >= CLASSIFY_THRESHOLD && best!.substance >= 1) {
    return { kind: best!.kind, score: best!.score, reason: `${best!.kind} structure ${best!.score} (${best!.why.join(', ')}; next: ${second!.kind} ${second!.score})` };
  }
  // No structure to speak of: a note of prose is judged by its words, with a higher bar.
  const byCues = [...ranked].sort((a, b) => b.cues - a.cues)[0]!;
  if (best!.score < 2 && byCues.cues >= 3 * CLASSIFY_THRESHOLD) {
    return { kind: byCues.kind, score: byCues.cues, reason: `no template; ${byCues.kind} cue words scored ${byCues.cues}` };
  }
  return { kind: 'none', score: best!.score, reason: `no kind reached the threshold (${best!.kind} ${best!.score} < ${CLASSIFY_THRESHOLD}; cue words: ${KINDS.map((k) => `${k} ${cues[k]}`).join(', ')})` };
}

/** Does the candidate hold a document of a kind with enough to stand on its own (≥ 2 slots of substance)? */
export function standsAlone(evidence: CandidateEvidence): Classification | undefined {
  const result = classify(evidence);
  if (result.kind === 'none') return undefined;
  if (titleKind(evidence.title)) return result;
  const scores = scoreKinds(evidence)[result.kind];
  return scores.substance >= 2 ? result : undefined;
}

// ── Speech ──

/** What people say when they tell of an outage, by class; a transcript needs several classes. */
const SPOKEN_CUES: Array<{ name: string; pattern: RegExp }> = [
  {
    name: 'failure',
    pattern:
      /(?<![\p{L}])(?:упал[аиио]?|лег(?:ла|ло|ли)?|лёг|встал[аио]?|сломал\p{L}*|отвалил\p{L}*|недоступ\p{L}*|не работал\p{L}*|начал\p{L}* (?:отставать|тормозить|падать|сыпать)|отставани\p{L}*|лаг\p{L}* (?:пош[её]л|рос|вырос)|ошибк\p{L}*|таймаут\p{L}*|дропнул\p{L}*|удалил\p{L}* (?:базу|таблиц\p{L}*|данные|прод)|сн[её]с\p{L}* (?:базу|прод)|потерял\p{L}* данные|перестал\p{L}* (?:работать|резолвиться|отвечать|открываться|грузиться|обрабатывать\p{L}*)|завис\p{L}*|went down|was down|went offline|broke|crash\p{L}*|outage|errors?|timed? ?out|timing out|fail(?:ing|ed|ures?)|failover loop|flapping|stopped working|(?:nobody|no one) could|couldn'?t (?:log ?in|connect|load|reach|pay|check ?out)|unreachable|five hundreds?|dropped (?:the|our)|deleted (?:the|our)|5\d\d(?:s|-е|-ки)?)(?![\p{L}])|장애|느려|에러|오류|실패|타임아웃|먹통|멈췄|멈춰|다운됐|접속\s?(?:안|불가)|안\s?(?:돼|됐|되|나가|나갔)|못\s?받|끊[겼긴기]/iu,
  },
  { name: 'recovery', pattern: /(?<![\p{L}])(?:почини\p{L}*|откатил\p{L}*|откатили|восстанов\p{L}*|подняли|перезапустил\p{L}*|рассосал\p{L}*|заработал\p{L}*|вернули|fixed|rolled back|reverted|restarted|restored|recovered|(?:was|were|is|are) back|back (?:up|online|to normal)|working again|fully operational|mitigated|stabili[sz]ed|caught up|поднял(?:ось|ся|ась|ись)|стабилизировал\p{L}*)(?![\p{L}])|복구|재시작|롤백|정상화|다시 돌렸/iu },
  { name: 'cause', pattern: /(?<![\p{L}])(?:причин\p{L}*|из-за|оказалось|выяснил\p{L}*|root cause|the cause|caused by|because|due to|turned out|misconfigur\p{L}*|found that|after (?:yesterday'?s|the|a|our) (?:change|deploy\p{L}*|release|update|migration))(?![\p{L}])|원인|때문에/iu },
  { name: 'detection', pattern: /(?<![\p{L}])(?:алерт\p{L}*|мониторинг\p{L}*|заметил\p{L}*|alert\p{L}*|paged|pinged|noticed|first saw|we saw)(?![\p{L}])|알람|알림|경보|호출|제보/iu },
  { name: 'clock times', pattern: /(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])[^]*?(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])|\d{1,2}\s*시(?!간)[^]*?\d{1,2}\s*시(?!간)/u },
  { name: 'lessons', pattern: /(?<![\p{L}])(?:урок\p{L}*|вывод\p{L}*|lessons? learned|постмортем\p{L}*|postmortem)(?![\p{L}])/iu },
];

/** Incident words, when not negated ("ни одного инцидента", "no incidents"). */
const INCIDENT_WORD = /(?<![\p{L}])(?:(ни одного|никаких|без|не было|no|zero|without)\s+)?(?:инцидент\p{L}*|авари\p{L}*|сбо[йяе]\p{L}*|incidents?|outages?)(?![\p{L}])/giu;

/** A voice note tells of an incident when it names several of: failure, recovery, cause, detection, times. */
export function classifySpeech(text: string): Classification {
  const found = SPOKEN_CUES.filter((c) => c.pattern.test(text)).map((c) => c.name);
  const incidentWord = [...text.matchAll(INCIDENT_WORD)].some((m) => !m[1]);
  if (incidentWord) found.push('incident words');
  const score = found.length;
  if (score >= 3 && (found.includes('failure') || incidentWord)) return { kind: 'incident', score, reason: `spoken incident cues: ${found.join(', ')}` };
  return { kind: 'none', score, reason: `a voice note without an incident told in it (${found.join(', ') || 'no incident cues'}; 3 classes needed)` };
}

// ── A procedure told aloud ──

/** What a speaker says to explain how to do something: "this is how you …", «как разбираться, когда …». */
export const HOW_TO_SAID = /(?<![\p{L}])(?:(?:this is |here'?s )?how (?:you|to|we) (?:deal with|handle|fix|recover|clean|restart|get|do)|what you do is|what to do (?:when|if)|как (?:разбираться|чинить|починить|лечить|действовать|быть)|что делать,? (?:если|когда)|вот как)(?![\p{L}])|(?:대응|처리|해결)?하는 방법|어떻게 하냐면/iu;

/** Words that order the work: "first", "then", «сначала», «потом», "먼저". */
const SEQUENCE = /(?<![\p{L}])(?:first(?: thing)?|then|after that|next|finally|сначала|потом|после этого|затем|дальше|в конце)(?![\p{L}])|먼저|그다음|그 다음|마지막으로/giu;

/** A warning said aloud: "don't restart it", «ни в коем случае», «не трогать». */
export const WARNED_ALOUD = /(?<![\p{L}])(?:don'?t|do not|never|не (?:трогать|трогай|удаляй|удалять|перезапускай|перезапускать|перезагружай|чисти)|ни в коем случае|нельзя)(?![\p{L}])|하지 마(?:세요)?/iu;

/** A transcript tells a procedure when it says so, or orders its work and names commands or an alert. */
export function toldProcedure(text: string): { cues: string[] } | undefined {
  const sequence = new Set([...text.matchAll(SEQUENCE)].map((m) => m[0].toLowerCase())).size;
  const cues = [
    HOW_TO_SAID.test(text) && 'how-to',
    sequence >= 2 && 'sequence',
    spokenCommands(text).length > 0 && 'commands',
    /(?<![\p{L}])(?:alert\p{L}* (?:fires|goes off)|алерт\p{L}*|горит)(?![\p{L}])|알림이? (?:오면|울리면)/iu.test(text) && 'alert',
    WARNED_ALOUD.test(text) && 'warning',
  ].filter((c): c is string => Boolean(c));
  // Saying it is how to do something and naming the commands is enough ("…하는 방법 말씀드릴게요 … kubectl …").
  return (cues.includes('how-to') && (cues.length >= 3 || cues.includes('commands'))) || (cues.includes('sequence') && cues.includes('commands') && cues.length >= 3) ? { cues } : undefined;
}

// ── A decision told aloud ──

/** The options said with their number or as compared: «было три варианта», "we had three options", "we compared", «выбирали между», "선택지가 세 개". */
export const OPTIONS_ALOUD = /(?<![\p{L}])(?:(?:два|три|четыре|пять|несколько|пару)\s+(?:основных\s+|реальных\s+)?вариант\p{L}*|(?:two|three|four|five|a few|several|a couple of)\s+(?:main\s+|real\s+)?(?:options|alternatives|choices|candidates)|(?:we\s+)?(?:compared|were choosing between|were deciding between|chose between)|выбирали между|сравнивали|сравнили)(?![\p{L}])|(?:선택지|후보|대안|옵션)(?:가|는|은|이)?\s*(?:두|세|네|다섯|몇)\s*(?:개|가지)/iu;
/** The decision said: «в итоге решили», "so we decided to go with", "…로 가기로 했습니다". */
export const DECIDED_ALOUD = /(?<![\p{L}])(?:решили|договорились|остановились на|(?:we\s+)?(?:decided(?: to)?|agreed (?:to|on)|settled on|went with|(?:are|'re) going with|(?:will|'ll) go with))(?![\p{L}])|(?:결정했|결정하였|하기로 했|하기로 결정|(?:으로|로) 가기로|(?:으로|로) 정했)/iu;
/** What the choice costs, said: «минус в том что», "the downside is", "단점은". */
export const DOWNSIDE_ALOUD = /(?<![\p{L}])(?:минус(?:ы)?(?: в том,? что)?|из минусов|недостат\p{L}*|(?:the |one )?downsides?(?: is)?|the (?:catch|drawback|trade-?off) is)(?![\p{L}])|단점(?:은|이라면)?/iu;
const REASON_ALOUD = /(?<![\p{L}])(?:because|since|потому что|так как|из-за)(?![\p{L}])|때문에|(?:어서|아서|해서)\s/iu;

/** The reason a transcript was read as a decision told aloud: its extractor is chosen by it. */
export const DECISION_TOLD = 'a decision told aloud';

/** What a technical choice is about: a system's parts, or a product's Latin name in a Russian or Korean memo. */
const TECHNICAL_ALOUD = /(?<![\p{L}])(?:services?|databases?|db|servers?|clusters?|queues?|brokers?|api|deploy\p{L}*|infra\p{L}*|storage|cache|backend|frontend|library|framework|vendor|self-hosted|migrat\p{L}*|feature flags?|search|indexing|monitoring|metrics|logging|nodes?|сервис\p{L}*|мониторинг\p{L}*|метрик\p{L}*|поиск\p{L}*|баз\p{L}* данных|сервер\p{L}*|кластер\p{L}*|очеред\p{L}*|брокер\p{L}*|хранилищ\p{L}*|хранени\p{L}*|кеш\p{L}*|кэш\p{L}*|миграц\p{L}*|деплой\p{L}*|бэкенд\p{L}*|фреймворк\p{L}*|библиотек\p{L}*|логов|логи)(?![\p{L}])|서버|서비스|데이터베이스|디비|클러스터|브로커|수집기|캐시|배포|마이그레이션|로그/iu;
const LATIN_NAME = /(?<![\p{L}])[A-Za-z][A-Za-z0-9.+-]{2,}(?![\p{L}])/u;

/** Whether a decision names what it is about: a system's parts, a product's Latin name in Cyrillic or Hangul text, or that it is a record. */
export function aboutSystems(evidence: CandidateEvidence): boolean {
  const text = `${evidence.title}\n${evidence.text}`;
  if (TECHNICAL_ALOUD.test(text) || /(?<![\p{L}])(?:ADR|architecture|decision record|архитектур\p{L}*|아키텍처)/iu.test(text) || evidence.parts.some((p) => p.slot === 'status' || p.slot === 'adrNumber' || p.slot === 'supersedes')) return true;
  return /[\p{Script=Cyrillic}\p{Script=Hangul}]/u.test(text) ? LATIN_NAME.test(text) : /(?<![\p{L}])[A-Z][a-z]+[A-Z]\w*|[a-z]+[-_.][a-z]+|\b[A-Z]{2,}\b/u.test(text);
}

/**
 * A transcript tells a decision when it says one was made and among which options, and why or at
 * what cost, about something technical («решили поехать на дачу, было два варианта» is no record).
 */
export function toldDecision(text: string): { cues: string[] } | undefined {
  const technical = TECHNICAL_ALOUD.test(text) || (/[\p{Script=Cyrillic}\p{Script=Hangul}]/u.test(text) && LATIN_NAME.test(text));
  if (!technical) return undefined;
  const cues = [
    OPTIONS_ALOUD.test(text) && 'options',
    DECIDED_ALOUD.test(text) && 'decided',
    REASON_ALOUD.test(text) && 'reasons',
    DOWNSIDE_ALOUD.test(text) && 'downside',
  ].filter((c): c is string => Boolean(c));
  return cues.includes('options') && cues.includes('decided') && cues.length >= 3 ? { cues } : undefined;
}

// ── Chat ──

/** Declarations, states and analyses that only a real incident channel has. */
const CHAT_INCIDENT_CUES: Array<{ name: string; pattern: RegExp }> = [
  { name: 'declared', pattern: /(?<![\p{L}])(?:declar\p{L}* (?:an? )?incident|incident \S+ declared|объявля\p{L}* инцидент|заводим инцидент|I'?m IC|я IC|я ИК|taking IC|장애 선언)(?![\p{L}])|(?<![\w-])#(?:inc|incident|sev\d?)[-_][\w-]+/iu },
  { name: 'severity', pattern: /(?<![\p{L}\d])sev-?[1-4](?![\d])/iu },
  { name: 'state', pattern: new RegExp(String.raw`(?<![\p{L}])(?:mitigated|resolved|status changed|статус resolved|восстановлено|починили|${SAID_OVER})(?![\p{L}])`, 'iu') },
  { name: 'failure', pattern: /(?<![\p{L}])(?:5\d\ds?|error rate|errors?|ошибк\p{L}*|не создаются|не работает|down|OOMKilled|CrashLoop\p{L}*|timeouts?|timed out|latency|p9[59]|fail(?:ing|ed|s|ures?)|AccessDenied|outage|(?:empty|no|wrong|stale) results|broken|упал\p{L}*|падает|лежит|лёг|легл[аои]|не работал\p{L}*|не отвечает|недоступ\p{L}*|таймаут\p{L}*|ошибок|не проход\p{L}*|не прошл\p{L}*|пуст\p{L}* (?:выдач\p{L}*|ответ\p{L}*|страниц\p{L}*)|ничего не наход\p{L}*|429|408|401|403|(?:отвечает|отвечают|returns?|returning|answers?|responds? with)\s+[45]\d\d)(?![\p{L}])/iu },
  { name: 'analysis', pattern: /(?<![\p{L}])(?:root cause|причина|trigger|impact|влияние|postmortem notes|notes for the postmortem|action items?|follow-?ups?|todo|итог|итого|summary|на будущее|for next time)\s*[:—–]/iu },
  // Someone finds why: "turns out …", "the token expired last night", «оказалось», «сертификат истёк».
  { name: 'cause', pattern: /(?<![\p{L}])(?:turned out|turns out|caused by|(?:нашёл|нашел|нашла|нашли|found it)\s*[:：—–]|(?:token|cert\p{L}*|key|password|secret|licen[cs]e|domain|credentials?) (?:has |had )?expired|expired (?:last night|yesterday|overnight|today|this morning)|причина в том,? что|the cause (?:is|was) that|оказалось|истёк\p{L}*|истек(?:ла|ло|ли)|протух\p{L}*)(?![\p{L}])|만료/iu },
  // Someone says they undid a change as it happens ("reverting now", «откатываю на 3.13»); a restart
  // is no cue, people restart laptops.
  { name: 'fix', pattern: /(?<![\p{L}])(?:revert(?:ed|ing)?|rolled back|rolling back|failed over|failing over|switched (?:over |back )?to|killed the|(?:raised|increased|bumped|поднял\p{L}*|увеличил\p{L}*) \S+(?: \S+)? (?:to|до) \d|(?:сделал\p{L}* )?reload(?:ed)?(?: nginx)?|re-?ran (?:the|it)|cleaned up|freed (?:up )?(?:space|disk)|почистил\p{L}*|перезапустил\p{L}* (?:джоб\p{L}*|задач\p{L}*)|откатил\p{L}*|откатываю|откатим|переключил\p{L}*|переключаю)(?![\p{L}])|롤백(?:했|합니다|중)|전환(?:했|합니다|완료)/iu },
  // Korean sticks particles to its words (원인을, 영향은), so its cues have no end boundary.
  { name: 'failure (ko)', pattern: /장애|오류|에러|지연|느려|타임아웃|응답\s?없|접속\s?불가|실패|(?:넘게|이상)\s?걸리|먹통/u },
  { name: 'state (ko)', pattern: new RegExp(SAID_OVER_KO, 'u') },
  { name: 'analysis (ko)', pattern: /원인|영향|후속\s?조치|재발\s?방지/u },
];

const CHAT_DECISION_CUES: Array<{ name: string; pattern: RegExp }> = [
  // Options are also weighed by voting for one and ruling others out: "I'm for X", «SQS не рассматриваем».
  { name: 'options', pattern: /(?<![\p{L}])(?:options?|alternatives?|вариант\p{L}*|альтернатив\p{L}*|pros|cons|плюсы|минусы|I'?m for|I vote for|rule[sd]? out|instead of|rather than|я за|голосую за|не рассматриваем|не берём|не берем|отпадает|вместо)(?![\p{L}])/iu },
  { name: 'decided', pattern: /(?<![\p{L}])(?:decided|decision|let'?s go with|we'?ll go with|going with|agreed|решили|решение|выбираем|договорились|берём|берем)(?![\p{L}])/iu },
  { name: 'adr', pattern: /(?<![\p{L}\p{N}_])(?:ADR[-\s]?\d*|architecture decision)(?![\p{L}])/iu },
  // A choice asked between two named things: "Redis или Memcached?", "SQS or Kafka?", "Kafka 아니면 RabbitMQ?".
  { name: 'choice asked', pattern: /(?<![\p{L}])[\p{Lu}][\p{L}\d.+-]*(?:\s[\p{L}\d.+-]+)?\s+(?:или|or|vs\.?|아니면)\s+[\p{Lu}][\p{L}\d.+-]*(?:\s[\p{L}\d.+-]+)?\s*\?/u },
  // Korean glues its endings on (결정하겠습니다, 후보는): no word boundaries.
  { name: 'options (ko)', pattern: /후보|선택지|대안|옵션|장단점|제외(?:했|하|해)|비교(?:했|해)/u },
  { name: 'decided (ko)', pattern: /결정(?:하겠습니다|했습니다|합니다|하죠|할게요|됐|되었)|결론(?:은|을|내)|(?:으로|로)\s?(?:가죠|갑시다|가겠습니다|하죠|합시다|정했)|채택/u },
  { name: 'because (ko)', pattern: /때문에|때문이|(?:해서|어서|아서|라서)\s|너무 많이|부담/u },
  // A reason is given with a connective, or by weighing what an option costs ("overkill", «тяжеловата»).
  { name: 'because', pattern: /(?<![\p{L}])(?:because|since|потому что|так как|поскольку|overkill|too (?:heavy|expensive|complex|slow)|избыточн\p{L}*|тяжеловат\p{L}*|слишком (?:дорог\p{L}*|сложн\p{L}*|тяж[её]л\p{L}*))(?![\p{L}])/iu },
];

/**
 * A how-to answered in chat: someone asks how to fix or do something, someone answers with numbered
 * steps. The steps are what make it a runbook; the question, a command or an alert say what of.
 */
const CHAT_HOW_TO = /(?<![\p{L}])(?:how (?:do (?:I|we|you)|to|can (?:I|we))|what (?:do (?:I|we)|to) do|как (?:мне |нам )?\p{L}+|что делать|runbook|ранбук|playbook)(?![\p{L}])|어떻게|런북|방법/iu;
const CHAT_ALERT = /(?<![\p{L}])(?:alert\p{L}*|алерт\p{L}*|firing|горит|paged)(?![\p{L}])|알림|경보/iu;

function chatSteps(lines: string[]): number {
  return lines.filter((line) => /^\s*\d{1,2}[.)]\s+\S/.test(line)).length;
}

/** A day of chat is an incident channel, a decision thread, a how-to or none of these (scheduling, small talk). */
/** A chat about a staging or test environment that never mentions production or its users. */
const NOT_PRODUCTION = /(?<![\p{L}])(?:staging|test env\p{L}*|dev env\p{L}*|sandbox|стейджинг\p{L}*|стенд\p{L}*|тестов\p{L}* (?:сред\p{L}*|окружени\p{L}*))(?![\p{L}])|스테이징|개발 서버/giu;
const PRODUCTION = /(?<![\p{L}])(?:prod|production|customers?|users?|everyone|everybody|прод\p{L}*|продакшн\p{L}*|клиент\p{L}*|пользовател\p{L}*|у всех)(?![\p{L}])|운영|고객|사용자/iu;

const REHEARSAL = /(?<![\p{L}])(?:game ?day|(?:failover|dr|disaster recovery|fire) drill|chaos (?:test|experiment|day)|учени[яйею]|учебн\p{L}* (?:переключени\p{L}*|авари\p{L}*))(?![\p{L}])|모의 훈련|장애 훈련/iu;

export function classifyChat(text: string): Classification {
  // A broken staging deploy reverted is work, not an incident; nor is a failover rehearsed on purpose.
  // The environment the chat is about, said more than in passing ("a key that only exists in staging").
  if ((text.match(NOT_PRODUCTION)?.length ?? 0) >= 2 && !PRODUCTION.test(text)) return { kind: 'none', score: 0, reason: 'a chat about a staging or test environment, not production' };
  if (REHEARSAL.test(text)) return { kind: 'none', score: 0, reason: 'a chat about a drill or game day, an outage made on purpose' };
  const incident = CHAT_INCIDENT_CUES.filter((c) => c.pattern.test(text)).map((c) => c.name);
  const decision = CHAT_DECISION_CUES.filter((c) => c.pattern.test(text)).map((c) => c.name);
  if (incident.length >= 3) return { kind: 'incident', score: incident.length, reason: `chat incident cues: ${incident.join(', ')}` };
  if (decision.length >= 3 && (decision.includes('decided') || decision.includes('decided (ko)'))) return { kind: 'adr', score: decision.length, reason: `chat decision cues: ${decision.join(', ')}` };
  const lines = text.split('\n');
  const steps = chatSteps(lines);
  const howTo = [CHAT_HOW_TO.test(text) && 'how-to', lines.some((line) => looksLikeCommand(line.replace(/^\s*\d{1,2}[.)]\s+/, '').replace(/^.*?:\s+(?=\S)/, ''))) && 'command', CHAT_ALERT.test(text) && 'alert'].filter((c): c is string => Boolean(c));
  if (steps >= 3 && howTo.length >= 2) return { kind: 'runbook', score: howTo.length + 1, reason: `chat how-to: ${steps} steps, ${howTo.join(', ')}` };
  return { kind: 'none', score: Math.max(incident.length, decision.length), reason: `a chat without an incident, a decision or steps (${[...incident, ...decision].join(', ') || 'no cues'})` };
}
