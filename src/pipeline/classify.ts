/**
 * Classify: decides whether a candidate section is an incident, an ADR, a runbook or none,
 * with a bilingual (English/Russian) lexicon of section names and cue words. Scores are sums
 * of cue weights; a cue in the title counts double; an explicit kind marker in the title
 * ("Postmortem —", "ADR-014 —", "Runbook —") decides on its own.
 */
export type DocumentKind = 'incident' | 'adr' | 'runbook';
export type Classification = { kind: DocumentKind | 'none'; score: number; reason: string };

interface Cue {
  pattern: RegExp;
  weight: number;
}

const cue = (pattern: RegExp, weight: number): Cue => ({ pattern, weight });

/** Cue words; Russian ones are stems so that every case form matches. */
export const LEXICON: Record<DocumentKind, Cue[]> = {
  incident: [
    cue(/\b(post-?mortem|incident report|outage|постмортем)/i, 4),
    cue(/(?:^|[^\p{L}])(инцидент|авари[яи]|сбо[йя]|простой|упал[аио]?)/iu, 2),
    cue(/\bincident\b/i, 2),
    cue(/\b(root cause|impact|downtime|5xx|timeline|follow-?ups?|lessons? learned)\b/i, 2),
    cue(/(?:^|[^\p{L}])(причин[аы]|влияни[ея]|хронологи|таймлайн|урок)/iu, 2),
    cue(/\b(dropp?ed|deleted|data loss|recovered|recovery by|rolled back)\b/i, 1),
    cue(/(?:^|[^\p{L}])(дропнул|удалил|потерян|восстановил)/iu, 1),
  ],
  adr: [
    cue(/\bADR[-\s]?\d+/i, 6),
    cue(/\b(architecture decision|decision record)\b/i, 5),
    cue(/\b(decision|decided|rejected|alternatives?|considered options|consequences?)\b/i, 2),
    cue(/(?:^|[^\p{L}])(решени[ея]|альтернатив|последстви|рассмотренные варианты)/iu, 2),
    cue(/\bstatus:\s*(proposed|accepted|superseded|deprecated)\b/i, 3),
  ],
  runbook: [
    cue(/\b(runbook|playbook|procedure|how to)\b/i, 4),
    cue(/(?:^|[^\p{L}])(ранбук|инструкци|процедур)/iu, 3),
    cue(/\b(symptoms?|actions?|steps?|escalat\w*|verify|verification|rollback|roll back|restart)\b/i, 2),
    cue(/(?:^|[^\p{L}])(симптом|действи|шаг|эскалац|проверк|перезапуст|откат|восстановлени|выполни|запусти)/iu, 2),
    cue(/^```(bash|sh|shell|console)?\s*$/m, 2),
    cue(/^\s*(\$ |sudo |docker(-compose)? |kubectl |systemctl |psql |aws |curl |ssh |git |tail |grep |mkdir |npm |make |\.\/)/m, 2),
    cue(/(?:^|[^\p{L}])(деплой|deploy)/iu, 1),
  ],
};

/** A title that names its kind outright. */
const TITLE_MARKERS: Record<DocumentKind, RegExp> = {
  incident: /^\s*(\p{Extended_Pictographic}\s*)?(post-?mortem|incident( report)?|постмортем|инцидент)\b/iu,
  adr: /^\s*(\p{Extended_Pictographic}\s*)?ADR[-\s]?\d+/iu,
  runbook: /^\s*(\p{Extended_Pictographic}\s*)?(runbook|playbook|ранбук)\b/iu,
};

/** Below this score a candidate is not a document. */
export const CLASSIFY_THRESHOLD = 5;

const globalVersions = new WeakMap<RegExp, RegExp>();

function countMatches(pattern: RegExp, text: string): number {
  let global = globalVersions.get(pattern);
  if (!global) {
    global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
    globalVersions.set(pattern, global);
  }
  global.lastIndex = 0;
  let count = 0;
  // Repetition is weak evidence: three matches count as much as thirty, so stop looking there.
  while (global.exec(text)) if (++count >= 3) break;
  return count;
}

function score(kind: DocumentKind, title: string, body: string): number {
  let total = 0;
  for (const { pattern, weight } of LEXICON[kind]) total += weight * (countMatches(pattern, body) + 2 * Math.min(countMatches(pattern, title), 1));
  return total;
}

/** Scores a candidate (its title and body text) against the lexicon. */
export function classify(title: string, body: string): Classification {
  const kinds = Object.keys(LEXICON) as DocumentKind[];
  // A title that names its kind decides; the other kinds' cues need not be counted.
  const named = kinds.find((kind) => TITLE_MARKERS[kind].test(title));
  if (named) return { kind: named, score: Math.max(score(named, title, body), 100), reason: `title names it a ${named}` };
  const ranked = kinds.map((kind) => [kind, score(kind, title, body)] as const).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best![1] < CLASSIFY_THRESHOLD) {
    return { kind: 'none', score: best![1], reason: `no kind reached the threshold (${best![0]} ${best![1]} < ${CLASSIFY_THRESHOLD})` };
  }
  return {
    kind: best![0],
    score: best![1],
    reason: `${best![0]} cues scored ${best![1]} (next: ${second![0]} ${second![1]})`,
  };
}
