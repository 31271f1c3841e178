import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { z } from 'astro/zod';
import type { ResultCache } from './cache.ts';
import { estimateCost, type LlmConfig } from './config.ts';

/** A structured-output chat call, with the cache entry its answer lives under. */
export interface ChatCall {
  /** Cache folder: `structure`, `article`. */
  kind: string;
  /** Hash of everything that determines the answer (model, prompt version, prompts). */
  key: string;
  body: ChatCompletionCreateParamsNonStreaming;
}

/**
 * Thrown instead of sending a call while a batch is being collected (`ingest --batch`): the
 * call is queued for the Batch API and the caller keeps its offline result for now.
 */
export class DeferredCall extends Error {
  constructor() {
    super('deferred to a batch');
  }
}

/**
 * The answer of a structured-output completion, checked: a refusal, a cut-off answer, JSON that
 * does not parse or does not fit the schema is an error, never a value.
 */
export function answerOf<T>(completion: ChatCompletion, schema: z.ZodType<T>): T {
  const choice = completion.choices[0];
  if (!choice) throw new Error('the model returned no answer');
  if (choice.message.refusal) throw new Error(`the model refused: ${choice.message.refusal}`);
  if (choice.finish_reason === 'length') throw new Error('the answer was cut off at the token limit');
  let json: unknown;
  try {
    json = JSON.parse(choice.message.content ?? '');
  } catch {
    throw new Error('the answer is not valid JSON');
  }
  const checked = schema.safeParse(json);
  if (!checked.success) throw new Error(`the answer does not fit its schema: ${checked.error.issues[0]?.path.join('.')}: ${checked.error.issues[0]?.message}`);
  return checked.data;
}

/** One OpenAI (or compatible) client for a run, with a concurrency limit and usage totals. */
export class ModelClient {
  readonly openai: OpenAI;
  readonly usage = { requests: 0, promptTokens: 0, completionTokens: 0, audioSeconds: 0, cacheHits: 0 };
  /** While set, calls not in the cache are queued here for a batch instead of being sent. */
  deferred?: ChatCall[];
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

  /**
   * A structured answer: from the cache when this exact call was answered before (a re-run, or a
   * batch's results), else from the model, then cached. Throws when the call fails or the answer
   * does not fit the schema; the caller keeps its offline result.
   */
  async structured<T>(cache: ResultCache, call: ChatCall, schema: z.ZodType<T>): Promise<{ answer: T; cached: boolean }> {
    const known = await cache.get<unknown>(call.kind, call.key);
    if (known !== undefined) {
      const checked = schema.safeParse(known);
      if (checked.success) {
        this.usage.cacheHits++;
        return { answer: checked.data, cached: true };
      }
    }
    if (this.deferred) {
      this.deferred.push(call);
      throw new DeferredCall();
    }
    const completion = await this.limit(() => this.openai.chat.completions.create(call.body));
    this.addUsage(completion.usage);
    const answer = answerOf(completion, schema);
    await cache.set(call.kind, call.key, answer);
    return { answer, cached: false };
  }

  addUsage(usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): void {
    this.usage.promptTokens += usage?.prompt_tokens ?? 0;
    this.usage.completionTokens += usage?.completion_tokens ?? 0;
  }

  /** Estimated USD of the tokens used so far, when the model's price is known. */
  cost(): number | undefined {
    return estimateCost(this.config.extractModel, this.usage.promptTokens, this.usage.completionTokens);
  }

  /** "3 requests, 1 234 tokens in, 210 out, about $0.0003" for the run report. */
  summary(): string {
    const { requests, promptTokens, completionTokens, audioSeconds, cacheHits } = this.usage;
    const cost = this.cost();
    return `${requests} model requests, ${promptTokens} tokens in, ${completionTokens} out${cacheHits ? `, ${cacheHits} answers from the cache` : ''}${audioSeconds ? `, ${Math.round(audioSeconds)} s of audio` : ''}${cost !== undefined ? `, about $${cost.toFixed(4)}` : ''}`;
  }
}
