import { availableParallelism } from 'node:os';
import { getCompileCacheDir } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { RenderedSource, SourceTask } from './source.ts';

/** Memory a single input may use before its worker is stopped and the input reported as failed. */
const WORKER_HEAP_MB = 2048;

interface Job {
  task: SourceTask;
  resolve: (rendered: RenderedSource) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The job it is on: one at a time, so a crash is blamed on the right file. */
  job?: Job;
}

/**
 * Decoding, parsing, extraction and serialization of inputs on every core. Each input is
 * independent of the others, so workers take them in any order; the caller awaits them in inbox
 * order, which keeps slugs and writes deterministic. A worker that dies (out of memory on a
 * hostile file, say) fails only the input it was on, and is replaced.
 */
export class SourcePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly heapMb: number;
  private closed = false;
  /** Why the pool has no workers left, once that happens. */
  private failure = '';

  constructor(size = availableParallelism(), heapMb = WORKER_HEAP_MB) {
    this.heapMb = heapMb;
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  run(task: SourceTask): Promise<RenderedSource> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the worker pool is closed'));
      if (this.slots.length === 0) return reject(new Error(this.failure));
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the ingest was stopped'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./pool-worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.heapMb }, workerData: { compileCache: getCompileCacheDir() } });
    const slot: Slot = { worker };
    worker.on('message', (message: { rendered?: RenderedSource; error?: string }) => {
      const job = slot.job!;
      slot.job = undefined;
      if (message.error !== undefined) job.reject(new Error(message.error));
      else job.resolve(message.rendered!);
      this.dispatch();
    });
    const died = (reason: string) => {
      if (this.closed || !this.slots.includes(slot)) return;
      const index = this.slots.indexOf(slot);
      if (slot.job) {
        slot.job.reject(new Error(`processing stopped: ${reason}`));
        this.slots[index] = this.spawn();
      } else {
        // Died with nothing to do (it could not start): replacing it would only loop.
        this.slots.splice(index, 1);
        this.failure = `no worker could start: ${reason}`;
        if (this.slots.length === 0) for (const job of this.queue.splice(0)) job.reject(new Error(this.failure));
      }
      this.dispatch();
    };
    worker.on('error', (error) => died(error.message));
    worker.on('exit', (code) => died(`its worker exited with code ${code}`));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      slot.job = this.queue.shift()!;
      const { file, sourceId, transcript } = slot.job.task;
      slot.worker.postMessage({ file, sourceId, transcript } satisfies SourceTask);
    }
  }
}
