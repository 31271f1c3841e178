import OpenAI from 'openai';
import { estimateCost, type LlmConfig } from './config.ts';

/** One OpenAI (or compatible) client for a run, with a concurrency limit and usage totals. */
export class ModelClient {
  readonly openai: OpenAI;
  readonly usage = { requests: 0, promptTokens: 0, completionTokens: 0, audioSeconds: 0 };
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  readonly config: LlmConfig;

  constructor(config: LlmConfig) {
    this.config = config;
    // The SDK retries 429 and 5xx with exponential backoff, up to maxRetries, within the timeout.
    this.openai = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, maxRetries: config.maxRetries, timeout: config.timeoutMs });
  }

  /** Runs a call when fewer than `concurrency` are in flight. */
  async limit<T>(call: () => Promise<T>): Promise<T> {
    if (this.running >= this.config.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      this.usage.requests++;
      return await call();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  addUsage(usage: { prompt_tokens?: number; completion_tokens?: number } | undefined): void {
    this.usage.promptTokens += usage?.prompt_tokens ?? 0;
    this.usage.completionTokens += usage?.completion_tokens ?? 0;
  }

  /** "3 requests, 1 234 tokens in, 210 out, about $0.0003" for the run report. */
  summary(): string {
    const { requests, promptTokens, completionTokens, audioSeconds } = this.usage;
    const cost = estimateCost(this.config.extractModel, promptTokens, completionTokens);
    return `${requests} model requests, ${promptTokens} tokens in, ${completionTokens} out${audioSeconds ? `, ${Math.round(audioSeconds)} s of audio` : ''}${cost !== undefined ? `, about $${cost.toFixed(4)}` : ''}`;
  }
}
