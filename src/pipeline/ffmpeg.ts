import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * ffmpeg for voice memos: the system's when it is on PATH (it is kept up to date with the
 * machine's codecs), else the static build that `@ffmpeg-installer/ffmpeg` ships inside npm, so a
 * fresh `npm install` on a machine without ffmpeg still splits and transcodes audio.
 * FIELDNOTES_FFMPEG names a binary explicitly.
 */
const execFileAsync = promisify(execFile);

let resolved: string | undefined;

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function bundled(): string | undefined {
  try {
    const installer = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string };
    return installer.path;
  } catch {
    // no build for this platform, or the optional package was not installed
    return undefined;
  }
}

/** The ffmpeg binary to run, or an error that says how to get one. */
export function ffmpegPath(): string {
  resolved ??= process.env.FIELDNOTES_FFMPEG || onPath(process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg') || bundled();
  if (!resolved) {
    throw new Error('ffmpeg is needed to split or transcode this audio: none is on PATH and @ffmpeg-installer/ffmpeg has no build for this platform; install ffmpeg or set FIELDNOTES_FFMPEG');
  }
  return resolved;
}

/** Runs ffmpeg with `args`; rejects with its stderr on failure. */
export async function ffmpeg(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(ffmpegPath(), ['-hide_banner', ...args], { maxBuffer: 64 * 1024 * 1024 });
}

function parseClock(clock: string): number {
  const [h, m, s] = clock.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/**
 * An audio file's duration in seconds, from ffmpeg alone (the npm build has no ffprobe): the
 * container's header when it states one, else the time reached by decoding it to nowhere, which
 * streamed recordings (WebM from a browser) need.
 */
export async function audioDuration(file: string): Promise<number> {
  // Without an output ffmpeg prints the input's header and exits 1: that is expected here.
  const header = await ffmpeg(['-i', file]).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
  const stated = /Duration:\s*(\d+:\d{2}:\d{2}(?:\.\d+)?)/.exec(header.stderr);
  if (stated && parseClock(stated[1]!) > 0) return parseClock(stated[1]!);
  const decoded = await ffmpeg(['-i', file, '-vn', '-f', 'null', '-']).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
  const times = [...decoded.stderr.matchAll(/time=(\d+:\d{2}:\d{2}(?:\.\d+)?)/g)];
  const seconds = times.length ? parseClock(times.at(-1)![1]!) : 0;
  if (!(seconds > 0)) throw new Error('ffmpeg could not read the audio duration');
  return seconds;
}
