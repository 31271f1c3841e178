/** What a redaction rule reports: a span of the text that must not be published, and why. */
export interface Finding {
  /** Offsets into the whole text, end exclusive. */
  start: number;
  end: number;
  /** Shown in the text as `[REDACTED:type]` and on the source page. */
  type: string;
  /** How much the rule knows, for overlaps: a token shape says more than a key word or a phone pattern. */
  rank: FindingRank;
  /** Which rule fired, as the source page names it: `secretlint:github`, `named value`, `prose`. */
  rule: string;
  /** Found as another occurrence of a value a rule found elsewhere; a rule that fires here names it better. */
  echo?: boolean;
}

/**
 * Higher wins where two findings overlap; the union of both is redacted either way. (An object,
 * not an enum: the pool's workers load this file with Node's type stripping.)
 */
export const FindingRank = { personal: 1, prose: 2, credential: 3, shape: 4 } as const;
export type FindingRank = (typeof FindingRank)[keyof typeof FindingRank];

/** The finding for `value` found at `index` of the text. */
export function spanOf(index: number, value: string, type: string, rank: FindingRank, rule: string): Finding {
  return { start: index, end: index + value.length, type, rank, rule };
}
