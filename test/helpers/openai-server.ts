import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenAI-compatible server on 127.0.0.1 for tests: the real `openai` SDK talks to it.
 * Each test scripts the answers; every request is recorded.
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
      const value = filename !== undefined ? { filename, type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1], size: content.length } : content.toString();
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
    close: async () => {},
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
