/** What the benches measure with: wall time, and the peak memory of a process tree. */
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Runs a command; returns its wall time, the peak RSS of its process tree and the CPU time it had
 * used by the last sample (both sampled from /proc every 100 ms, so the CPU time is short by up to that).
 */
export async function timed(command: string, args: string[], cwd: string): Promise<{ seconds: number; peakMb: number; cpuS: number }> {
  const start = process.hrtime.bigint();
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let peak = 0;
  let cpu = 0;
  const sample = setInterval(async () => {
    const usage = await treeUsage(child.pid!);
    peak = Math.max(peak, usage.rssKb);
    cpu = Math.max(cpu, usage.cpuS);
  }, 100);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearInterval(sample);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${stderr.slice(-2000)}`);
  return { seconds: seconds(start), peakMb: peak / 1024, cpuS: cpu };
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** RSS in kB and CPU seconds (all threads) of a process and its children (Linux /proc). */
async function treeUsage(pid: number): Promise<{ rssKb: number; cpuS: number }> {
  let rssKb = 0;
  let ticks = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    const status = await readFile(`/proc/${current}/status`, 'utf8').catch(() => '');
    rssKb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    // utime and stime are the 14th and 15th fields; the 2nd, the command name, may hold spaces.
    const stat = (await readFile(`/proc/${current}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? [];
    ticks += Number(stat[11] ?? 0) + Number(stat[12] ?? 0);
    const children = await readFile(`/proc/${current}/task/${current}/children`, 'utf8').catch(() => '');
    stack.push(...children.split(/\s+/).filter(Boolean).map(Number));
  }
  return { rssKb, cpuS: ticks / TICKS_PER_SECOND };
}

export async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    total += entry.isDirectory() ? await dirSize(abs) : (await stat(abs)).size;
  }
  return total;
}

