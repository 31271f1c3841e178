import { slugify } from './slug.ts';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { DocumentCollection } from '../schemas/index.ts';
import { ResultCache } from '../llm/cache.ts';
import type { ChatCall, ModelClient } from '../llm/client.ts';
import { llmConfigFromEnv, type LlmConfig } from '../llm/config.ts';
import { AUDIO_EXTENSIONS, hashBytes, listInbox, MAX_NOTE_BYTES, readInboxFile, sourceSlug, type InboxFile } from './read.ts';
import { planInputs, readInput, unsupportedFormat, type ReaderInput } from './readers/index.ts';
import { StatCache, type RunKey } from './stat-cache.ts';
import { SourcePool } from './pool.ts';
import type { RenderedSource } from './source.ts';
import { ContentWriter } from './write/content.ts';
import { removeLeftoverTempFiles } from './write/files.ts';
import { Journal, loadManifest, MANIFEST_PATH, readJournal, saveManifest, type Manifest } from './write/manifest.ts';

// The stages that transcribe, parse, extract, redact and serialize (and the model SDK) are
// imported where they are first needed, not here: an unchanged inbox is checked and skipped
// without loading them, which was most of the start-up time of `npm run ingest`.

/**
 * Bump when the pipeline's output for the same input changes, so that a re-run regenerates
 * every file instead of skipping inputs whose bytes did not change.
 */
export const PIPELINE_VERSION = '16';

export interface IngestOptions {
  inboxDir: string;
  contentDir: string;
  /** Model settings; `undefined` reads them from the environment, `false` turns models off. */
  llm?: LlmConfig | false;
  /** Reprocess every input even when unchanged. */
  force?: boolean;
  /** Where model answers are cached (default `content/.fieldnotes/cache`, committed with the content). */
  cacheDir?: string;
  /**
   * A dry run that writes nothing: the model calls this run would make and that are not cached
   * yet are put in this list instead of being sent (`ingest --batch` sends them as one batch).
   */
  collectCalls?: ChatCall[];
  /**
   * Worker threads for offline processing; by default one per core when there are enough inputs
   * to repay starting them. 0 processes everything in this thread.
   */
  workers?: number;
  onProgress?: (event: { done: number; total: number; file: string }) => void;
}

export type FileOutcome =
  | { file: string; status: 'unchanged' }
  | { file: string; status: 'published'; sourceId: string; documents: string[] }
  | { file: string; status: 'unpublished'; reason: string }
  | { file: string; status: 'failed'; error: string };

export interface IngestReport {
  files: FileOutcome[];
  written: Record<'sources' | DocumentCollection, number>;
  removed: string[];
  /** Generated files a person edited: left as they are. */
  keptEdited: string[];
  warnings: Array<{ file: string; message: string }>;
  redactions: Array<{ file: string; line: number; type: string; rule?: string }>;
  /** What the models did: off (and why), or usage and cost. */
  models: string;
  /** The model calls' totals, when models were on. */
  usage?: { requests: number; promptTokens: number; completionTokens: number; cacheHits: number; audioSeconds: number; cost?: number };
}

/**
 * Assigns ids so that every machine derives the same id from the same inbox. `slugs` names the
 * inputs whose key says little (a Slack channel folder, a Mattermost `export.jsonl#channel`).
 */
export function assignSourceIds(relPaths: string[], slugs: Map<string, string> = new Map()): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const relPath of relPaths) {
    let id = slugs.get(relPath) ?? sourceSlug(relPath);
    if (taken.has(id)) id = `${id}-${hashBytes(relPath).slice(7, 13)}`;
    taken.add(id);
    ids.set(relPath, id);
  }
  return ids;
}

function documentSlug(title: string): string {
  return slugify(title, { separator: '-' }).slice(0, 80).replace(/-+$/, '') || 'untitled';
}

/**
 * Below this many bytes to process, starting workers costs more than it saves: each worker loads
 * and warms up the pipeline again. The cost is fixed and the gain grows with the bytes, whatever
 * the notes' size. Measured on 2 cores: copies of the seeds, 2.3 MB (200 notes) 7.2 s in one
 * thread against 7.5 s with workers, 3.4 MB (300) 10.5 s against 8.9 s; small generated notes,
 * 2.8 MB (1,000) 8.0 s against 7.0 s.
 */
const MIN_BYTES_FOR_WORKERS = 2.5 * 1024 * 1024;

async function sourceFile(processed: RenderedSource): Promise<string> {
  const [{ collectionSchemas }, { toYaml }] = await Promise.all([import('../schemas/index.ts'), import('./write/mdx.ts')]);
  const data = collectionSchemas.sources.parse(processed.source);
  const yaml = toYaml(data);
  // The body is the text exactly, so the site's line numbers are the inbox file's.
  return `---\n${yaml}---\n${processed.text}`;
}

/**
 * Ingests the inbox into `content/`: one pass over every file, skipping those unchanged since
 * the last run. One bad file does not stop the others; it is reported with its error.
 */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const { inboxDir, contentDir } = options;
  const report: IngestReport = {
    files: [],
    written: { sources: 0, incidents: 0, adrs: 0, runbooks: 0 },
    removed: [],
    keptEdited: [],
    warnings: [],
    redactions: [],
    models: '',
  };
  const llmConfig = options.llm === false ? undefined : (options.llm ?? llmConfigFromEnv());
  const client = llmConfig ? new (await import('../llm/client.ts')).ModelClient(llmConfig) : undefined;
  if (client && options.collectCalls) client.deferred = options.collectCalls;
  const cache = new ResultCache(options.cacheDir ?? path.join(contentDir, '.fieldnotes', 'cache'));
  report.models = client
    ? `models on (${llmConfig!.extractModel}, ${llmConfig!.transcribeModel}${llmConfig!.baseURL ? ` at ${llmConfig!.baseURL}` : ''})`
    : options.llm === false
      ? 'models off (--no-llm): offline extraction; audio without a transcript beside it is not transcribed'
      : 'models off (no OPENAI_API_KEY): offline extraction; audio without a transcript beside it is not transcribed';
  const listing = await listInbox(inboxDir);
  for (const problem of listing.problems) report.warnings.push({ file: problem.relPath, message: problem.message });
  // Exports and documents that a reader converts (readers/index.ts); the other files are notes and memos.
  const plan = await planInputs(listing.files, inboxDir);
  report.warnings.push(...plan.warnings);
  const readerOf = new Map(plan.readers.map((input) => [input.key, input]));
  const notes = listing.files.filter((f) => !plan.claimed.has(f) && !readerOf.has(f));
  /** Every input in a stable order: note files, converted files, export channels. */
  const inputs = [...notes, ...readerOf.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // A voice memo with a text file of the same name beside it (memo.ogg + memo.txt): the text is its transcript.
  const withoutExtension = (relPath: string) => relPath.replace(/\.[^./]+$/, '');
  const audioByBase = new Map(notes.filter((f) => AUDIO_EXTENSIONS.test(f)).map((f) => [withoutExtension(f), f]));
  const sidecarOf = new Map(notes.filter((f) => /\.(txt|md)$/i.test(f) && audioByBase.has(withoutExtension(f))).map((f) => [audioByBase.get(withoutExtension(f))!, f]));
  const audioOfSidecar = new Map([...sidecarOf].map(([audio, text]) => [text, audio]));
  // A memo with a transcript beside it is part of that transcript's source and takes no id of its own.
  const ids = assignSourceIds(inputs.filter((f) => !sidecarOf.has(f)), new Map(plan.readers.map((input) => [input.key, input.slug])));
  for (const [audio, text] of sidecarOf) ids.set(audio, ids.get(text)!);

  /** The files an input's output depends on: an export's files for its channel, a transcript and its memo. */
  const filesOf = (relPath: string): string[] => {
    const reader = readerOf.get(relPath);
    if (reader) return reader.files;
    const audio = audioOfSidecar.get(relPath);
    return audio ? [relPath, audio] : [relPath];
  };

  const stats = StatCache.open(inboxDir);
  const thisRun: RunKey = { contentDir: path.resolve(contentDir), pipeline: PIPELINE_VERSION, inputs: hashBytes(inputs.join('\n')) };
  const manifestFile = path.join(contentDir, MANIFEST_PATH);
  const unsaved = readJournal(contentDir);
  // Nothing changed since a run that settled every input: the manifest (10 MB for 10,000 inputs)
  // need not be read, nor each input checked against it, which were half of such a run.
  if (!options.force && !options.collectCalls && unsaved.size === 0 && stats.isSettled(thisRun, manifestFile, inboxDir, inputs.flatMap(filesOf))) {
    for (const relPath of inputs) report.files.push({ file: relPath, status: 'unchanged' });
    return finish(report, client);
  }

  const previous = loadManifest(contentDir, PIPELINE_VERSION);
  // The outputs are carried over in place (nothing reads the previous ones apart): copying 40,000
  // keys was a twentieth of an unchanged run of 10,000 inputs.
  const manifest: Manifest = { version: 1, pipeline: PIPELINE_VERSION, inputs: {}, outputs: previous.outputs };
  // A write's temporary file outlives it only when the run was killed, and such a run leaves its
  // journal (recorded before every write): without one, only the manifest's own folder can hold one.
  removeLeftoverTempFiles(unsaved.size > 0 ? contentDir : path.join(contentDir, '.fieldnotes'));
  const journal = new Journal(contentDir);
  const writer = new ContentWriter(contentDir, manifest, journal, unsaved);
  // A killed run's outputs are known from its journal: they are candidates for removal like any other.
  for (const [relPath, hashes] of unsaved) if (!(relPath in manifest.outputs)) manifest.outputs[relPath] = [...hashes].at(-1)!;
  const fresh = options.force || previous.pipeline !== PIPELINE_VERSION;

  /** A file's own hash: remembered by size and mtime on this machine, else read and hashed. */
  const fileHash = (relPath: string): string => {
    const known = stats.knownHash(path.join(inboxDir, relPath), relPath);
    if (known) return known;
    const file = readInboxFile(inboxDir, relPath);
    stats.remember(file);
    return file.hash;
  };
  /**
   * An input's hash; a transcript beside a memo also changes when the memo does. `read` is the
   * file when it was just read anyway, so its bytes are not read and hashed a second time.
   */
  const inputHash = (relPath: string, read?: InboxFile): string => {
    const files = filesOf(relPath);
    // An export channel depends on several files: its hash is theirs together.
    if (readerOf.has(relPath) && (files.length > 1 || files[0] !== relPath)) return hashBytes(files.map(fileHash).join('\n'));
    if (read) stats.remember(read);
    const own = read?.hash ?? fileHash(relPath);
    // A transcript's hash changes with its memo's too.
    return files.length > 1 ? hashBytes(own + fileHash(files[1]!)) : own;
  };

  // Slugs held by inputs we will not reprocess stay theirs.
  const claimedSlugs = new Set<string>();
  const unchanged = new Set<string>();
  const hashes = new Map<string, string>();
  for (const relPath of inputs) {
    const before = previous.inputs[relPath];
    if (!before || fresh || before.sourceId !== ids.get(relPath)) continue;
    let hash: string;
    try {
      hash = inputHash(relPath);
    } catch {
      continue;
    }
    hashes.set(relPath, hash);
    const intact = before.outputs.every((out) => manifest.outputs[out] !== undefined);
    if (hash === before.hash && intact && before.status !== 'failed') {
      unchanged.add(relPath);
      for (const slug of before.documents) claimedSlugs.add(slug);
    }
  }

  // Offline processing of the inputs that changed goes to one worker per core, when there is enough of it.
  const bytesToProcess = (): number => {
    let total = 0;
    for (const relPath of inputs) {
      if (unchanged.has(relPath)) continue;
      for (const file of readerOf.get(relPath)?.files ?? [relPath]) total += statSync(path.join(inboxDir, ...file.split('/')), { throwIfNoEntry: false })?.size ?? 0;
      if (total >= MIN_BYTES_FOR_WORKERS) break;
    }
    return total;
  };
  const workers = options.workers ?? (!client && bytesToProcess() >= MIN_BYTES_FOR_WORKERS ? availableParallelism() : 0);
  const pool = workers > 0 ? new SourcePool(workers) : undefined;

  type Prepared =
    | { kind: 'unchanged' }
    | { kind: 'skip'; hash: string; reason: string; warn: boolean }
    | { kind: 'processed'; hash: string; processed: RenderedSource; audio?: { relPath: string; bytes: Uint8Array }; original?: { relPath: string; bytes: Uint8Array }; warnings: string[] }
    | { kind: 'failed'; error: string };

  /**
   * Everything about one input that does not depend on the others: read, transcribe, decode,
   * extract, ask the model. Runs for several inputs at once (model calls overlap, workers stay busy);
   * slugs and writes then happen one input at a time, in order, so the result is deterministic.
   */
  const prepare = async (relPath: string): Promise<Prepared> => {
    if (unchanged.has(relPath)) return { kind: 'unchanged' };
    const sourceId = ids.get(relPath)!;
    try {
      const reader = readerOf.get(relPath);
      if (reader) return await prepareConverted(reader, sourceId);
      const unsupported = unsupportedFormat(relPath);
      if (unsupported) throw new Error(unsupported);
      let file = readInboxFile(inboxDir, relPath);
      const hash = inputHash(relPath, file);
      let audio: { relPath: string; bytes: Uint8Array } | undefined;
      let segments: Array<{ line: number; start: number; end: number }> = [];
      if (AUDIO_EXTENSIONS.test(relPath)) {
        const sidecar = sidecarOf.get(relPath);
        if (sidecar) return { kind: 'skip', hash, reason: `its transcript ${sidecar} is used instead of transcribing it`, warn: false };
        if (file.bytes.length === 0) throw new Error('the audio file is empty');
        if (!client) return { kind: 'skip', hash, reason: 'audio is not transcribed without OPENAI_API_KEY; put its transcript beside it (same name, .txt or .md)', warn: true };
        const { transcribe, transcriptNote } = await import('./transcribe.ts');
        const { transcript } = await transcribe(file, client, cache);
        const note = transcriptNote(transcript, relPath);
        audio = { relPath, bytes: file.bytes };
        segments = note.segmentLines;
        file = { ...file, bytes: new Uint8Array(Buffer.from(note.text, 'utf8')) };
      } else if (file.bytes.length > MAX_NOTE_BYTES) {
        throw new Error(`the note is ${(file.bytes.length / 1048576).toFixed(1)} MB; notes over ${MAX_NOTE_BYTES / 1048576} MB are not read (split it, or keep logs out of the inbox)`);
      } else if (audioOfSidecar.has(relPath)) {
        const audioPath = audioOfSidecar.get(relPath)!;
        audio = { relPath: audioPath, bytes: readInboxFile(inboxDir, audioPath).bytes };
        const { sidecarSegments } = await import('./transcribe.ts');
        segments = sidecarSegments(new TextDecoder().decode(file.bytes));
      }
      const { processed, warnings } = await extractFrom(file, sourceId, audio !== undefined);
      if (audio) {
        processed.source.audio = { file: `${sourceId}${path.extname(audio.relPath).toLowerCase()}`, original: audio.relPath };
        processed.source.segments = segments;
      }
      return { kind: 'processed', hash, processed, audio, warnings: [...warnings, ...processed.warnings] };
    } catch (error) {
      return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
  };

  /** Offline extraction (in a worker when there is a pool), and with a model its enrichment. */
  const extractFrom = async (file: InboxFile, sourceId: string, transcript: boolean): Promise<{ processed: RenderedSource; warnings: string[] }> => {
    const task = { file, sourceId, transcript };
    const warnings: string[] = [];
    let processed: RenderedSource;
    if (client) {
      // With a model the input waits on the network, not the CPU: it stays in this thread.
      const [{ analyzeSource, renderDocuments }, { structureWithModel }, { writeArticle }] = await Promise.all([import('./source.ts'), import('./extract/structure.ts'), import('./write-article.ts')]);
      const analysis = await analyzeSource(file, sourceId, { transcript: task.transcript });
      const structured = await structureWithModel(analysis, client, cache);
      warnings.push(...structured.warnings);
      // An article is written from the structured document, so only once the model's structure stands.
      if (structured.used) {
        for (const document of structured.documents) {
          if (!document.data.article) continue;
          const written = await writeArticle(document, sourceId, analysis.ctx.parsed.lines, client, cache);
          warnings.push(...written.warnings);
          if (written.body) document.data.article = { ...document.data.article, body: written.body };
        }
      }
      const extracted = { ...analysis.processed, documents: structured.documents };
      processed = renderDocuments(extracted);
    } else {
      processed = pool ? await pool.run(task) : await (await import('./source.ts')).renderInThread(task);
    }
    return { processed, warnings };
  };

  /** A transcript for a voice message inside a chat export: the model's, or the reason there is none. */
  const transcribeVoice = async (file: InboxFile): Promise<{ text: string } | { missing: string }> => {
    if (!client) return { missing: 'no OPENAI_API_KEY; put its transcript beside it (same name, .txt)' };
    // Redacted with the rest of the chat's text, like any transcript.
    const { transcribe } = await import('./transcribe.ts');
    const { transcript } = await transcribe(file, client, cache);
    return { text: transcript.text.replace(/\s+/g, ' ').trim() };
  };

  /** An input a reader converts: its Markdown goes through the same stages as a note's text. */
  const prepareConverted = async (reader: ReaderInput, sourceId: string): Promise<Prepared> => {
    const converted = await readInput(reader, inboxDir, transcribeVoice);
    // A one-file input was just read and hashed by its reader: its hash is not computed again.
    const hash = inputHash(reader.key, converted.original);
    if (Buffer.byteLength(converted.text) > MAX_NOTE_BYTES) throw new Error(`its text is over ${MAX_NOTE_BYTES / 1048576} MB once converted; split it`);
    const text = new Uint8Array(Buffer.from(converted.text, 'utf8'));
    const file: InboxFile = { relPath: reader.key, absPath: path.join(inboxDir, ...reader.files[0]!.split('/')), bytes: text, hash, mtimeMs: 0 };
    const { processed, warnings } = await extractFrom(file, sourceId, false);
    const source = processed.source;
    source.reader = reader.reader;
    if (converted.pages?.length) source.pages = converted.pages;
    let original: { relPath: string; bytes: Uint8Array } | undefined;
    if (converted.original) {
      // The original is published as it is: only when nothing in it (also what the reader left out) looks like a secret.
      const { redact } = await import('./redact/index.ts');
      const found = (source.redactions?.length ?? 0) + (converted.allText ? (await redact(converted.allText)).redactions.length : 0);
      if (found === 0) {
        original = converted.original;
        // An HTML original is kept as text: served as HTML, its scripts would run on the site's own origin.
        const extension = path.extname(original.relPath).toLowerCase();
        source.original = { file: `${sourceId}${extension}${/^\.html?$/.test(extension) ? '.txt' : ''}` };
      } else source.original = { withheld: 'secrets' };
    }
    return { kind: 'processed', hash, processed, original, warnings: [...converted.warnings, ...warnings, ...processed.warnings] };
  };

  // Enough inputs in flight to keep every worker busy while this thread writes.
  const AHEAD = 8 + 4 * workers;
  const started = new Map<number, Promise<Prepared>>();
  const startFrom = (i: number) => {
    for (let k = i; k < Math.min(inputs.length, i + AHEAD); k++) if (!started.has(k)) started.set(k, prepare(inputs[k]!));
  };
  let done = 0;
  try {
    for (let index = 0; index < inputs.length; index++) {
      const relPath = inputs[index]!;
      options.onProgress?.({ done: done++, total: inputs.length, file: relPath });
      startFrom(index);
      const prepared = await started.get(index)!;
      started.delete(index);
      if (options.collectCalls) continue;
      const sourceId = ids.get(relPath)!;
      if (prepared.kind === 'unchanged') {
        manifest.inputs[relPath] = previous.inputs[relPath]!;
        report.files.push({ file: relPath, status: 'unchanged' });
        continue;
      }
      if (prepared.kind === 'skip') {
        if (prepared.warn) report.warnings.push({ file: relPath, message: prepared.reason });
        manifest.inputs[relPath] = { hash: prepared.hash, sourceId, status: 'unpublished', outputs: [], documents: [] };
        report.files.push({ file: relPath, status: 'unpublished', reason: prepared.reason });
        continue;
      }
      try {
        if (prepared.kind === 'failed') throw new Error(prepared.error);
        const { processed, hash, audio, original } = prepared;
        for (const message of prepared.warnings) report.warnings.push({ file: relPath, message });
        for (const r of processed.source.redactions ?? []) report.redactions.push({ file: relPath, ...r });

        if (processed.documents.length === 0 && !processed.forcePublish) {
          const reason = processed.skipped.map((s) => s.reason).join('; ') || 'no document found';
          manifest.inputs[relPath] = { hash, sourceId, status: 'unpublished', outputs: [], documents: [] };
          report.files.push({ file: relPath, status: 'unpublished', reason: `not published: ${reason} (add "publish: true" to its frontmatter to publish it anyway)` });
          continue;
        }

        // Serialize and validate everything before the first write, so a schema error leaves no half-written source.
        const pending: Array<{ path: string; text: string; collection: 'sources' | DocumentCollection }> = [];
        const documents: string[] = [];
        for (const document of processed.documents) {
          const { collection } = document;
          let slug = documentSlug(document.title);
          if (claimedSlugs.has(`${collection}/${slug}`)) slug = `${slug}-${hashBytes(`${sourceId}#${documents.length}`).slice(7, 13)}`;
          claimedSlugs.add(`${collection}/${slug}`);
          documents.push(`${collection}/${slug}`);
          pending.push({ path: `${collection}/${slug}.mdx`, text: document.file, collection });
          processed.source.documents!.push({ collection, slug });
        }
        pending.unshift({ path: `sources/${sourceId}.md`, text: await sourceFile(processed), collection: 'sources' });

        for (const output of pending) {
          const outcome = writer.write(output.path, output.text);
          if (outcome === 'written') report.written[output.collection]++;
          if (outcome === 'kept-edited') report.keptEdited.push(output.path);
        }
        const outputs = pending.map((p) => p.path);
        if (audio && processed.source.audio) {
          const audioPath = `audio/${processed.source.audio.file}`;
          if (writer.write(audioPath, audio.bytes) === 'kept-edited') report.keptEdited.push(audioPath);
          outputs.push(audioPath);
        }
        if (original && processed.source.original && 'file' in processed.source.original) {
          const originalPath = `originals/${processed.source.original.file}`;
          if (writer.write(originalPath, original.bytes) === 'kept-edited') report.keptEdited.push(originalPath);
          outputs.push(originalPath);
        }
        manifest.inputs[relPath] = { hash, sourceId, status: 'published', outputs, documents };
        report.files.push({ file: relPath, status: 'published', sourceId, documents });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.files.push({ file: relPath, status: 'failed', error: message });
        manifest.inputs[relPath] = {
          hash: hashes.get(relPath) ?? '',
          sourceId,
          status: 'failed',
          outputs: previous.inputs[relPath]?.outputs ?? [],
          documents: previous.inputs[relPath]?.documents ?? [],
        };
      }
    }
  } finally {
    await pool?.close();
  }
  report.keptEdited.sort();
  options.onProgress?.({ done, total: inputs.length, file: '' });
  if (options.collectCalls) return report;

  // Files we generated before that no input produces now: removed, unless a person edited them.
  const produced = new Set(Object.values(manifest.inputs).flatMap((input) => input.outputs));
  for (const output of Object.keys(manifest.outputs).filter((relPath) => !produced.has(relPath)).sort()) {
    const outcome = writer.remove(output);
    if (outcome === 'removed') report.removed.push(output);
    if (outcome === 'kept-edited') report.keptEdited.push(output);
  }
  journal.close();
  // A run that changed nothing leaves the manifest as it was (sorting and rewriting it was a fifth
  // of an unchanged run of 10,000 inputs).
  const nothingChanged = unchanged.size === inputs.length && Object.keys(previous.inputs).length === inputs.length && unsaved.size === 0 && report.removed.length === 0 && report.keptEdited.length === 0;
  if (!nothingChanged) saveManifest(contentDir, manifest);
  const settled = report.keptEdited.length === 0 && report.files.every((file) => file.status !== 'failed');
  stats.recordRun(thisRun, settled ? manifestFile : undefined);
  stats.save();
  return finish(report, client);
}

/** The report, with the models' usage and cost when they were on. */
function finish(report: IngestReport, client: ModelClient | undefined): IngestReport {
  if (client) {
    report.models += `; ${client.summary()}`;
    report.usage = { ...client.usage, cost: client.cost() };
  }
  return report;
}
