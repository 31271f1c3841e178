#!/usr/bin/env node
/**
 * `npm run eval`: how well extraction (offline, or with `--llm` through a model) does on the development corpus (../shared/corpus):
 * a table per input, the totals per set, and the targets of the extraction issue.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { llmConfigFromEnv } from '../llm/config.ts';
import { formatEval } from '../eval/report.ts';
import { runEval } from '../eval/run.ts';

const HELP = `Usage: npm run eval -- [options]

Ingests ../shared/corpus (notes/ and public/) into a temporary folder, offline unless --llm, and scores the
result against each input's expected answer: documents found with the right kind, extra
documents, key facts in the typed fields, citations covering their evidence, timeline,
follow-up and option items, step counts and commands, links, redaction and noise.

Options:
  --only TEXT     only inputs whose file name contains TEXT
  --explain       list what was missed under each input
  --json          print the whole result as JSON
  --corpus DIR    the corpus folder (default: ../shared/corpus)
  --keep          keep the temporary folder and print its path
  --llm           through the configured model instead of offline: OPENAI_API_KEY, and
                  OPENAI_BASE_URL for any OpenAI-compatible server (vLLM, Ollama, LocalAI);
                  prints also requests, tokens, cache hits, the estimated cost, and per field
                  whether the rules or the model gave the published value
  --cache DIR     with --llm: where the model's answers are kept between runs
                  (default: node_modules/.cache/fieldnotes-eval)
  -h, --help      show this help
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      explain: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      corpus: { type: 'string' },
      keep: { type: 'boolean', default: false },
      llm: { type: 'boolean', default: false },
      cache: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const llm = values.llm ? llmConfigFromEnv() : undefined;
  if (values.llm && !llm) {
    process.stderr.write('eval: --llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local server such as vLLM, Ollama or LocalAI)\n');
    return 2;
  }
  const cacheDir = llm ? path.resolve(values.cache ?? 'node_modules/.cache/fieldnotes-eval') : undefined;
  const result = await runEval({ corpusDir: values.corpus, only: values.only, keep: values.keep, llm, cacheDir });
  if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write(formatEval(result, values.explain) + '\n');
  if (values.keep) process.stderr.write(`eval: kept ${result.workDir}\n`);
  return result.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
