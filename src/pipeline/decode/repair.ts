export interface Repaired {
  text: string;
  repairs: string[];
  confidence: number;
  changedLines: number[];
}

/** Mojibake repair. For now the identity: clean text passes through untouched. */
export function repairMojibake(text: string): Repaired {
  return { text, repairs: [], confidence: 1, changedLines: [] };
}
