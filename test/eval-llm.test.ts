import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hintEchoModel, startMockOpenAI, type MockOpenAI } from './helpers/openai-server.ts';
import { REPO } from './helpers/project.ts';

/**
 * `npm run eval -- --llm` end to end against the loopback server, through the real SDK: every
 * corpus note goes to the model once, the table and the model's totals are printed, and a second
 * run is answered from the cache. The stand-in model only echoes the offline hints, so the
 * scores must equal the offline eval's: the model path loses nothing on its way.
 */
const run = promisify(execFile);
let mock: MockOpenAI;
beforeAll(async () => {
  mock = await startMockOpenAI();
  mock.onChat = hintEchoModel;
});
afterAll(async () => mock.close());

const evalCli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [path.join(REPO, 'src/cli/eval.ts'), ...args], { cwd: REPO, env: { ...process.env, OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: mock.baseURL, ...env }, maxBuffer: 1 << 24 });

const totalsLine = (stdout: string) => stdout.split('\n').find((line) => line.startsWith('all: documents'));

describe('npm run eval -- --llm', () => {
  it('prints the same table as offline, with requests, tokens, cache hits, cost and the field winners', { timeout: 120_000 }, async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'fieldnotes-eval-cache-'));
    const offline = await evalCli([]);
    mock.requests.length = 0;
    const first = await evalCli(['--llm', '--cache', cache]);
    const inputs = Number(/(\d+) inputs in/.exec(first.stdout)![1]);
    expect(mock.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(inputs);
    expect(first.stdout).toContain(`model gpt-4o-mini at ${mock.baseURL}: ${inputs} requests, ${inputs * 120} tokens in, ${inputs * 40} out, 0 answers from the cache, about $`);
    expect(totalsLine(first.stdout)).toBe(totalsLine(offline.stdout));
    expect(first.stdout).toMatch(/^incident\.rootCause\s+\d+\s+0$/m);
    // The stand-in gives titles only: the rules keep every other field, and in transcripts and chats its verified title leads.
    expect(first.stdout).toMatch(/^incident\.title\s+\d+\s+[1-9]\d*$/m);
    expect(first.stdout).toMatch(/^all fields\s+\d{3,}\s+\d+$/m);

    mock.requests.length = 0;
    const second = await evalCli(['--llm', '--cache', cache]);
    expect(mock.requests).toHaveLength(0);
    expect(second.stdout).toContain(`: 0 requests, 0 tokens in, 0 out, ${inputs} answers from the cache`);
    expect(totalsLine(second.stdout)).toBe(totalsLine(offline.stdout));
  });

  it('without a key it says what to set', async () => {
    const failed = await evalCli(['--llm'], { OPENAI_API_KEY: '' }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('eval: --llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local server') });
  });
});
