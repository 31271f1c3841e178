import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zodResponseFormat } from 'openai/helpers/zod';
import { modelSchema } from '../../src/pipeline/extract/llm.ts';

/**
 * A small OpenAI-compatible server on 127.0.0.1 for tests: the real `openai` SDK talks to it.
 * Each test scripts the answers; every request is recorded. Chat completions, transcriptions,
 * and the Batch API's files and batches (a batch's lines are answered by `onChat`, when the
 * batch is first looked at after `holdBatches` is false).
 */
export interface RecordedRequest {
  path: string;
  /** Chat: the parsed JSON body. Transcription: the multipart fields (file → its name and size). */
  body: Record<string, unknown>;
}

export type Reply = { status: number; json?: unknown; text?: string; headers?: Record<string, string> };

export interface MockOpenAI {
  baseURL: string;
  requests: RecordedRequest[];
  onChat: (body: Record<string, unknown>, index: number) => Reply;
  onTranscription: (fields: Record<string, unknown>, index: number) => Reply;
  /** While true, every batch stays `in_progress`. */
  holdBatches: boolean;
  /** Uploaded files by id: their name, purpose and text. */
  files: Map<string, { filename: string; purpose: string; text: string }>;
  close: () => Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Minimal multipart/form-data reading: text fields as strings, the file as {filename, type, size}. */
function multipart(body: Buffer, contentType: string): Record<string, unknown> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = Buffer.from(`--${boundary?.[1] ?? boundary?.[2]}`);
  const fields: Record<string, unknown> = {};
  let start = body.indexOf(marker);
  while (start !== -1) {
    const next = body.indexOf(marker, start + marker.length);
    if (next === -1) break;
    const part = body.subarray(start + marker.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString();
    const content = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
      // A batch's JSONL is text a test reads; audio stays its name and size.
      const text = filename?.endsWith('.jsonl') ? { text: content.toString() } : {};
      const value = filename !== undefined ? { filename, type, size: content.length, ...text } : content.toString();
      fields[name] = name in fields ? [fields[name], value].flat() : value;
    }
    start = next;
  }
  return fields;
}

export async function startMockOpenAI(): Promise<MockOpenAI> {
  let chats = 0;
  let transcriptions = 0;
  const mock: MockOpenAI = {
    baseURL: '',
    requests: [],
    onChat: () => ({ status: 500, json: { error: { message: 'no chat reply scripted' } } }),
    onTranscription: () => ({ status: 500, json: { error: { message: 'no transcription reply scripted' } } }),
    holdBatches: false,
    files: new Map(),
    close: async () => {},
  };
  const batches = new Map<string, Record<string, unknown>>();
  const addFile = (filename: string, purpose: string, text: string) => {
    const id = `file-${mock.files.size + 1}`;
    mock.files.set(id, { filename, purpose, text });
    return { id, object: 'file', bytes: Buffer.byteLength(text), created_at: 1_767_000_000, filename, purpose, status: 'processed' };
  };
  /** Answers every line of a batch through `onChat`, into an output file and an error file. */
  const runBatch = (batch: Record<string, unknown>) => {
    const lines = mock.files.get(String(batch.input_file_id))!.text.split('\n').filter((l) => l.trim());
    const output: string[] = [];
    const errors: string[] = [];
    for (const line of lines) {
      const request = JSON.parse(line) as { custom_id: string; body: Record<string, unknown> };
      const reply = mock.onChat(request.body, chats++);
      const result = JSON.stringify({ id: `batch_req_${output.length + errors.length}`, custom_id: request.custom_id, response: { status_code: reply.status, request_id: 'req', body: reply.json ?? reply.text }, error: null });
      (reply.status === 200 ? output : errors).push(result);
    }
    const outputFile = output.length ? addFile('output.jsonl', 'batch_output', output.join('\n') + '\n').id : null;
    const errorFile = errors.length ? addFile('errors.jsonl', 'batch_output', errors.join('\n') + '\n').id : null;
    Object.assign(batch, { status: 'completed', output_file_id: outputFile, error_file_id: errorFile, request_counts: { total: lines.length, completed: output.length, failed: errors.length } });
  };
  const send = (response: ServerResponse, reply: Reply) => {
    response.writeHead(reply.status, { 'content-type': reply.text !== undefined ? 'text/plain' : 'application/json', ...reply.headers });
    response.end(reply.text ?? JSON.stringify(reply.json ?? {}));
  };
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = request.url ?? '';
    if (url.endsWith('/chat/completions')) {
      const json = JSON.parse(body.toString()) as Record<string, unknown>;
      mock.requests.push({ path: url, body: json });
      send(response, mock.onChat(json, chats++));
    } else if (url.endsWith('/audio/transcriptions')) {
      const fields = multipart(body, request.headers['content-type'] ?? '');
      mock.requests.push({ path: url, body: fields });
      send(response, mock.onTranscription(fields, transcriptions++));
    } else if (url.endsWith('/files') && request.method === 'POST') {
      const fields = multipart(body, request.headers['content-type'] ?? '');
      mock.requests.push({ path: url, body: fields });
      const file = fields.file as { filename: string; text?: string };
      send(response, { status: 200, json: addFile(file.filename, String(fields.purpose), file.text ?? '') });
    } else if (/\/files\/[^/]+\/content$/.test(url)) {
      mock.requests.push({ path: url, body: {} });
      const file = mock.files.get(url.split('/').at(-2)!);
      send(response, file ? { status: 200, text: file.text } : { status: 404, json: { error: { message: 'no such file' } } });
    } else if (url.endsWith('/batches') && request.method === 'POST') {
      const json = JSON.parse(body.toString()) as Record<string, unknown>;
      mock.requests.push({ path: url, body: json });
      const batch = { id: `batch_${batches.size + 1}`, object: 'batch', ...json, status: 'validating', created_at: 1_767_000_000, request_counts: { total: 0, completed: 0, failed: 0 } };
      batches.set(batch.id, batch);
      send(response, { status: 200, json: batch });
    } else if (/\/batches\/[^/]+$/.test(url)) {
      mock.requests.push({ path: url, body: {} });
      const batch = batches.get(url.split('/').at(-1)!);
      if (!batch) send(response, { status: 404, json: { error: { message: 'no such batch' } } });
      else {
        if (mock.holdBatches) batch.status = 'in_progress';
        else if (batch.status !== 'completed') runBatch(batch);
        send(response, { status: 200, json: batch });
      }
    } else {
      send(response, { status: 404, json: { error: { message: `no route ${url}` } } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  mock.close = () => new Promise((resolve) => server.close(() => resolve()));
  return mock;
}

/** A chat completion whose message content is `content` (a JSON string, or anything for malformed tests). */
export function chatReply(content: string, usage = { prompt_tokens: 120, completion_tokens: 40 }): Reply {
  return {
    status: 200,
    json: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_767_000_000,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; anyOf?: JsonSchema[]; items?: JsonSchema };

/** What a model answers when a note says nothing of a value: null, an empty list, or an object of those. */
export function blankOf(schema: JsonSchema): unknown {
  if (schema.anyOf) return schema.anyOf.some((s) => s.type === 'null') ? null : blankOf(schema.anyOf[0]!);
  if (schema.type === 'array') return [];
  if (schema.type === 'object' && schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, blankOf(value)]));
  return null;
}

const squash = (text: string) => text.toLowerCase().replace(/\*\*|__|`/g, '').replace(/\s+/g, ' ').trim();

/**
 * A stand-in model for running the whole eval through the loopback server: it reads the request
 * as a model would have to, and answers the structure calls with the offline hints (each
 * document's kind, lines and its title quoted from its line), the article calls with the first
 * line of the note. What it proves is the contract (prompts, schemas, verification, merge,
 * totals), not the quality of any model.
 */
export function hintEchoModel(body: Record<string, unknown>): Reply {
  const format = body.response_format as { json_schema: { name: string; schema: { properties: { documents: { items: { properties: Record<string, JsonSchema> } } } } } };
  const user = (body.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'user').at(-1)!.content;
  const numbered = new Map([...user.matchAll(/^(\d+)\| (.*)$/gm)].map((m) => [Number(m[1]), m[2]!]));
  if (format.json_schema.name === 'article') {
    const first = [...numbered].find(([, text]) => /\p{L}{3}/u.test(text));
    return chatReply(JSON.stringify({ paragraphs: first ? [{ heading: null, text: first[1].replace(/^#+\s*/, ''), lines: [{ fromLine: first[0], toLine: first[0] }] }] : [] }));
  }
  const kinds = format.json_schema.schema.properties.documents.items.properties;
  const documents = [...user.matchAll(/^- (incident|adr|runbook), lines (\d+)–(\d+): (".*")$/gm)].map((m) => {
    const [kind, from, to, title] = [m[1]!, Number(m[2]), Number(m[3]), JSON.parse(m[4]!) as string];
    const fields = (blankOf((kinds[kind]!.anyOf ?? []).find((s) => s.type === 'object')!) ?? {}) as Record<string, unknown>;
    // The title is required: quoted from the line that holds it, else from the document's first line.
    const line = [...numbered].find(([n, text]) => n >= from && n <= to && squash(text).includes(squash(title)));
    const first = [...numbered].find(([n, text]) => n >= from && n <= to && text.trim());
    fields.title = line ? { text: title, quote: title, fromLine: line[0], toLine: line[0] } : { text: title, quote: first?.[1] ?? '', fromLine: first?.[0] ?? from, toLine: first?.[0] ?? from };
    return { kind, fromLine: from, toLine: to, incident: null, adr: null, runbook: null, [kind]: fields };
  });
  return chatReply(JSON.stringify({ documents }));
}

/** A model's claim: a value, the exact words it stands on, and their lines. */
export const claim = (text: string, quote: string, line: number, toLine = line) => ({ text, quote, fromLine: line, toLine });

/** A whole-note answer: the documents the model found, each with its kind's fields (the rest blank). */
export function structureAnswer(...documents: Array<{ kind: 'incident' | 'adr' | 'runbook'; lines: [number, number]; fields: Record<string, unknown> }>): string {
  return JSON.stringify({
    documents: documents.map(({ kind, lines, fields }) => {
      const schema = zodResponseFormat(modelSchema(kind), kind).json_schema.schema as JsonSchema;
      return { kind, fromLine: lines[0], toLine: lines[1], incident: null, adr: null, runbook: null, [kind]: { ...(blankOf(schema) as Record<string, unknown>), ...fields } };
    }),
  });
}
