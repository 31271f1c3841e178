import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '..');

// A machine without ffmpeg: PATH holds only Node's folder, so the pipeline must find the npm build.
const SCRIPT = `
import { audioDuration, ffmpeg, ffmpegPath } from './src/pipeline/ffmpeg.ts';
const file = process.argv[1] + '/tone.ogg';
await ffmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3.5', '-c:a', 'libopus', file]);
const webm = process.argv[1] + '/tone.webm';
await ffmpeg(['-v', 'error', '-y', '-i', file, '-c:a', 'libopus', '-f', 'webm', webm]);
console.log(JSON.stringify({ path: ffmpegPath(), ogg: await audioDuration(file), webm: await audioDuration(webm) }));
`;

describe('ffmpeg', () => {
  it('comes from the npm package when none is on PATH, and measures audio without ffprobe', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fieldnotes-ffmpeg-'));
    const { stdout } = await run(process.execPath, ['--input-type=module', '--experimental-strip-types', '--no-warnings', '-e', SCRIPT, dir], {
      cwd: REPO,
      env: { PATH: path.dirname(process.execPath), HOME: process.env.HOME ?? '' },
    });
    const result = JSON.parse(stdout) as { path: string; ogg: number; webm: number };
    expect(result.path).toContain(path.join('node_modules', '@ffmpeg-installer'));
    expect(result.ogg).toBeCloseTo(3.5, 0);
    expect(result.webm).toBeCloseTo(3.5, 0);
  }, 60_000);
});
