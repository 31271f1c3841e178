import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { x as untar } from 'tar';

/**
 * Which Chromium the browser tests drive, found once per test run (in vitest's global setup):
 * CHROMIUM_PATH when set, else Debian's (or another system Chromium), else the headless build that
 * `@sparticuz/chromium` carries inside its npm package, unpacked into node_modules/.cache with the
 * NSS libraries it needs, so `npm install && npm test` runs the browser tests on a machine that
 * has no Chromium. Each candidate is started once; the first that starts is used.
 */
export interface ChromiumFound {
  executablePath: string;
  /** Extra environment for the browser process (the bundled build's libraries and fonts). */
  env: Record<string, string>;
  source: string;
}

export type ChromiumLookup = { found: ChromiumFound } | { unavailable: string };

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The command that gives a Debian machine a browser the tests can use. */
export const ENABLE_BROWSER_COMMAND = 'sudo apt-get install -y chromium';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

const REPO = path.resolve(import.meta.dirname, '../..');

/** Unpacks the npm package's brotli files once; a half-written unpack is never used (rename). */
export async function unpackBundled(): Promise<ChromiumFound> {
  const require = createRequire(import.meta.url);
  // The package exports no package.json: walk up from its entry point to its root.
  let root = path.dirname(require.resolve('@sparticuz/chromium'));
  while (!existsSync(path.join(root, 'bin', 'chromium.br')) && path.dirname(root) !== root) root = path.dirname(root);
  const manifest = path.join(root, 'package.json');
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  const bin = path.join(path.dirname(manifest), 'bin');
  const home = path.join(REPO, 'node_modules', '.cache', 'fieldnotes-chromium', version);
  const executablePath = path.join(home, 'chromium');
  if (!existsSync(executablePath)) {
    const staging = `${home}.partial-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    await pipeline(createReadStream(path.join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(path.join(staging, 'chromium'), { mode: 0o755 }));
    for (const archive of ['al2023.tar.br', 'fonts.tar.br']) {
      await pipeline(createReadStream(path.join(bin, archive)), createBrotliDecompress(), untar({ cwd: staging, preserveOwner: false }));
    }
    // The package's fonts.conf names Lambda's folders; this one names the unpacked fonts.
    await writeFile(path.join(staging, 'fonts.conf'), `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>/usr/share/fonts</dir>\n  <dir>${path.join(home, 'fonts')}</dir>\n  <cachedir>${path.join(home, 'fonts-cache')}</cachedir>\n</fontconfig>\n`);
    await rename(staging, home).catch(async (error: NodeJS.ErrnoException) => {
      // Another run unpacked it first: theirs is complete, ours is dropped.
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(executablePath)) throw error;
    });
  }
  const env: Record<string, string> = {
    LD_LIBRARY_PATH: [path.join(home, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
  };
  // A machine with a fontconfig of its own keeps it; a bare one gets the bundled fonts.
  if (!existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_FILE = path.join(home, 'fonts.conf');
  return { executablePath, env, source: `@sparticuz/chromium ${version} (bundled)` };
}

export function launchFound(found: ChromiumFound): Promise<Browser> {
  return chromium.launch({ executablePath: found.executablePath, headless: true, args: LAUNCH_ARGS, env: { ...process.env, ...found.env }, timeout: 60_000 });
}

/** Starts the browser and closes it: a binary that exists but cannot run is not "found". */
async function starts(candidate: ChromiumFound): Promise<string | undefined> {
  try {
    await (await launchFound(candidate)).close();
    return undefined;
  } catch (error) {
    return `${candidate.source} did not start: ${String((error as Error).message).split('\n')[0]}`;
  }
}

export async function findChromium(): Promise<ChromiumLookup> {
  const failures: string[] = [];
  const candidates: Array<() => Promise<ChromiumFound>> = [];
  if (process.env.CHROMIUM_PATH) candidates.push(async () => ({ executablePath: process.env.CHROMIUM_PATH!, env: {}, source: `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` }));
  else {
    for (const file of SYSTEM_CHROMIUMS.filter((f) => existsSync(f))) candidates.push(async () => ({ executablePath: file, env: {}, source: file }));
    candidates.push(unpackBundled);
  }
  for (const candidate of candidates) {
    try {
      const found = await candidate();
      const failure = await starts(found);
      if (!failure) return { found };
      failures.push(failure);
    } catch (error) {
      failures.push(String((error as Error).message).split('\n')[0]!);
    }
  }
  return { unavailable: failures.join('; ') || 'no Chromium was found' };
}
