/**
 * One worker of the SourcePool (pool.ts): turns inbox files into rendered sources, one at a time.
 * It loads as plain Node TypeScript (type stripping), so nothing here may need a compiler.
 */
import { parentPort } from 'node:worker_threads';
import { renderInThread, type SourceTask } from './source.ts';

parentPort!.on('message', async (task: SourceTask) => {
  try {
    parentPort!.postMessage({ rendered: await renderInThread(task) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
