/**
 * The development corpus (`../shared/corpus/`): inputs with hand-written expected answers in the
 * `fieldnotes-corpus-expected/1` format (described in the corpus's README). Read in place; the
 * corpus is never copied into this repository, since some of it is other projects' documents.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Groups of alternatives: every group needs one of its alternatives as a substring. */
export type Groups = string[][];

export type ExpectedKind = 'incident' | 'adr' | 'runbook';

export interface ExpectedFact {
  id: string;
  /** A field of the kind's schema (`consequences.positive` for a nested one), or several acceptable ones. */
  field: string | string[];
  equals?: unknown;
  all?: Groups;
  minItems?: number;
  emptyOrAbsent?: boolean;
  /** Verbatim input text, each on one line, that the field's citation should cover. */
  evidence: string[];
}

export interface ExpectedDocument {
  kind: ExpectedKind;
  title: { all: Groups };
  facts: ExpectedFact[];
  timeline?: { items: Array<{ at: string; date?: string; all: Groups }> };
  followUps?: { items: Array<{ all: Groups; owner?: string; due?: string; ticket?: string; status?: 'open' | 'done' }> };
  options?: { items: Array<{ name: Groups; chosen: boolean; reason?: Groups }> };
  steps?: { count?: number; commands?: string[] };
  links?: Array<{ to: string; relation: 'supersedes' | 'mentions' }>;
}

export interface ExpectedInput {
  $format: 'fieldnotes-corpus-expected/1';
  input: string;
  language: string;
  form: string;
  publish: boolean;
  documents: ExpectedDocument[];
  redaction?: { mustNotAppear: string[]; mustSurvive: string[] };
  noise?: { mustDrop: string[] };
  traps?: string[];
}

export interface CorpusCase {
  /** `notes` or `public`: the two halves are reported apart. */
  set: string;
  /** The input's file name, as it is put into the inbox. */
  file: string;
  inputPath: string;
  expected: ExpectedInput;
}

/** Where the corpus is in a checkout: `shared/` beside the repository. */
export const DEFAULT_CORPUS = path.resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/corpus');

/** Every input of the corpus with its expected answer, notes first, each set sorted by name. */
export function loadCorpus(corpusDir: string = DEFAULT_CORPUS): CorpusCase[] {
  if (!existsSync(corpusDir)) throw new Error(`${corpusDir}: no corpus there (the eval reads ../shared/corpus beside the repository)`);
  const cases: CorpusCase[] = [];
  for (const set of ['notes', 'public']) {
    const dir = path.join(corpusDir, set);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.expected.json')).sort()) {
      const file = path.join(dir, name);
      let expected: ExpectedInput;
      try {
        expected = JSON.parse(readFileSync(file, 'utf8')) as ExpectedInput;
      } catch (error) {
        throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
      }
      if (expected.$format !== 'fieldnotes-corpus-expected/1') throw new Error(`${file}: unknown format ${String(expected.$format)}`);
      const inputPath = path.join(dir, expected.input);
      if (!existsSync(inputPath)) throw new Error(`${file}: its input ${expected.input} is missing`);
      cases.push({ set, file: expected.input, inputPath, expected });
    }
  }
  return cases;
}
