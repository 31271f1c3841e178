/**
 * LLM and transcription settings, from the environment (documented in the README).
 * Without OPENAI_API_KEY everything runs offline, except audio transcription.
 */
export interface LlmConfig {
  apiKey: string;
  /** Any OpenAI-compatible server: a local Whisper server, Ollama, vLLM. */
  baseURL?: string;
  extractModel: string;
  transcribeModel: string;
  /** ISO-639-1 hint for transcription ("ru"), when the author knows it. */
  language?: string;
  concurrency: number;
  timeoutMs: number;
  maxRetries: number;
  /** Audio files above this are split into overlapping chunks (the API takes 25 MB at most). */
  audioChunkBytes: number;
}

export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig | undefined {
  const apiKey = env.OPENAI_API_KEY?.trim();
  if (!apiKey) return undefined;
  return {
    apiKey,
    baseURL: env.OPENAI_BASE_URL?.trim() || undefined,
    extractModel: env.FIELDNOTES_EXTRACT_MODEL?.trim() || 'gpt-4o-mini',
    transcribeModel: env.FIELDNOTES_TRANSCRIBE_MODEL?.trim() || 'whisper-1',
    language: env.FIELDNOTES_LANGUAGE?.trim() || undefined,
    concurrency: Math.max(1, Number(env.FIELDNOTES_LLM_CONCURRENCY) || 2),
    timeoutMs: Math.max(1000, Number(env.FIELDNOTES_LLM_TIMEOUT_MS) || 120_000),
    maxRetries: Math.max(0, Number(env.FIELDNOTES_LLM_RETRIES ?? 3)),
    audioChunkBytes: Math.max(64 * 1024, Number(env.FIELDNOTES_AUDIO_CHUNK_BYTES) || 24 * 1024 * 1024),
  };
}

/** USD per million tokens (input, output), for the estimate printed after a run. */
const PRICES: Record<string, [number, number]> = {
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4o': [2.5, 10],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1': [2, 8],
};

export function estimateCost(model: string, promptTokens: number, completionTokens: number): number | undefined {
  const price = PRICES[model];
  return price ? (promptTokens * price[0] + completionTokens * price[1]) / 1e6 : undefined;
}
