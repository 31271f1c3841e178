/**
 * One worker of the SourcePool (pool.ts): turns inbox files into rendered sources, one at a time.
 * It loads as plain Node TypeScript (type stripping), so nothing here may need a compiler.
 */
import { enableCompileCache, getCompileCacheDir } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceTask } from './source.ts';

// The main thread's compile cache (src/cli/ingest.ts), when it has one: the pipeline's modules are
// then read back type-stripped and compiled instead of being stripped again in every worker.
const { compileCache } = (workerData ?? {}) as { compileCache?: string };
if (compileCache && !getCompileCacheDir()) enableCompileCache(compileCache);
const { renderInThread } = await import('./source.ts');

parentPort!.on('message', async (task: SourceTask) => {
  try {
    parentPort!.postMessage({ rendered: await renderInThread(task) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
