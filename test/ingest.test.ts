import slugify from '@sindresorhus/slugify';
import fc from 'fast-check';
import { readFile, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourcePool } from '../src/pipeline/pool.ts';
import { hashBytes, sourceSlug, type InboxFile } from '../src/pipeline/read.ts';
import { assignSourceIds, ingest } from '../src/pipeline/run.ts';
import { snapshot, tempProject } from './helpers/project.ts';

describe('ingest of the five seeds', () => {
  it('publishes every seed and its documents, and a second run changes nothing', async () => {
    const { inbox, content } = await tempProject();
    const inboxBefore = await snapshot(inbox);
    const first = await ingest({ inboxDir: inbox, contentDir: content });
    expect(first.files.map((f) => f.status)).toEqual(['published', 'published', 'published', 'published', 'published']);
    expect(first.written.sources).toBe(5);
    const sources = await readdir(path.join(content, 'sources'));
    expect(sources.sort()).toEqual(['000_7ab448249b043be4.md', '001_02effc8245830ce7.md', '002_2fbae3e64fae2845.md', '003_a66d0145ec56ad7f.md', '004_cdf916e43205be19.md']);
    const contentAfterFirst = await snapshot(content);

    const second = await ingest({ inboxDir: inbox, contentDir: content });
    expect(second.files.every((f) => f.status === 'unchanged')).toBe(true);
    expect(Object.values(second.written).every((n) => n === 0)).toBe(true);
    expect(await snapshot(content)).toEqual(contentAfterFirst);
    // The inbox is never modified.
    expect(await snapshot(inbox)).toEqual(inboxBefore);
  });

  it('gives byte-identical content in two separate folders (deterministic)', async () => {
    const a = await tempProject();
    const b = await tempProject();
    await ingest({ inboxDir: a.inbox, contentDir: a.content });
    await ingest({ inboxDir: b.inbox, contentDir: b.content });
    expect(await snapshot(a.content)).toEqual(await snapshot(b.content));
  });

  it('the source page text of a repaired seed is clean Russian, with provenance', async () => {
    const { inbox, content } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    const source = await readFile(path.join(content, 'sources', '002_2fbae3e64fae2845.md'), 'utf8');
    expect(source).toContain('🎯 Зачем сохранять логи перед деплоем?');
    expect(source).not.toMatch(/–ó|üéØ/);
    expect(source).toMatch(/repairs:\n\s+- utf-8 read as mac_roman/);
  });
});

describe('nothing is lost', () => {
  it('keeps a generated file that a person edited, and says so', async () => {
    const { inbox, content } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    const file = path.join(content, 'sources', '004_cdf916e43205be19.md');
    const edited = (await readFile(file, 'utf8')) + '\nA note added by hand.\n';
    await writeFile(file, edited);
    // Change the input so the pipeline wants to rewrite that source.
    await writeFile(path.join(inbox, '004_cdf916e43205be19.txt'), (await readFile(path.join(inbox, '004_cdf916e43205be19.txt'), 'utf8')) + '\nP.S.\n');
    const report = await ingest({ inboxDir: inbox, contentDir: content });
    expect(report.keptEdited).toContain('sources/004_cdf916e43205be19.md');
    expect(await readFile(file, 'utf8')).toBe(edited);
  });

  it('does not overwrite a file in content/ that it never wrote', async () => {
    const { inbox, content } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    await rm(path.join(content, '.fieldnotes'), { recursive: true });
    const file = path.join(content, 'sources', '000_7ab448249b043be4.md');
    await writeFile(file, 'hand-made\n');
    const report = await ingest({ inboxDir: inbox, contentDir: content });
    expect(report.keptEdited).toContain('sources/000_7ab448249b043be4.md');
    expect(await readFile(file, 'utf8')).toBe('hand-made\n');
  });

  it('removes the outputs of a deleted inbox file, but not hand-edited ones', async () => {
    const { inbox, content } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    await rm(path.join(inbox, '001_02effc8245830ce7.txt'));
    const report = await ingest({ inboxDir: inbox, contentDir: content });
    expect(report.removed).toContain('sources/001_02effc8245830ce7.md');
    expect(report.removed).toContain('adrs/postgres-as-primary-datastore.mdx');
    await expect(readFile(path.join(content, 'adrs', 'postgres-as-primary-datastore.mdx'))).rejects.toThrow();
  });

  it('leaves no temporary files behind', async () => {
    const { inbox, content } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    const all = [...(await snapshot(content)).keys()];
    expect(all.filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('a re-run with nothing changed', () => {
  const seed = '004_cdf916e43205be19.txt';
  const manifestOf = (content: string) => path.join(content, '.fieldnotes', 'manifest.json');
  /** Runs with another stat cache folder: one that has seen nothing. */
  async function withCacheHome<T>(dir: string, run: () => Promise<T>): Promise<T> {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = dir;
    try {
      return await run();
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  }
  /** A whole second, so that the timestamp survives the round trip through utimes exactly. */
  const STAMP = new Date('2026-01-01T00:00:00Z');
  /** The manifest overwritten with junk of its own size, with the timestamp it had: a run that reads it fails. */
  async function junkManifestInPlace(content: string): Promise<void> {
    const file = manifestOf(content);
    await writeFile(file, 'x'.repeat((await stat(file)).size));
    await utimes(file, STAMP, STAMP);
  }

  it('does not read the manifest after a run that settled every input, and reports what a full check reports', async () => {
    const { inbox, content, root } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    await utimes(manifestOf(content), STAMP, STAMP);
    // This run checks every input (the manifest's timestamp changed) and records the manifest as it found it.
    await ingest({ inboxDir: inbox, contentDir: content });
    // With an empty stat cache the run hashes every file and checks it against the manifest.
    const fullCheck = await withCacheHome(path.join(root, 'other-cache'), () => ingest({ inboxDir: inbox, contentDir: content }));
    await junkManifestInPlace(content);
    const skipped = await ingest({ inboxDir: inbox, contentDir: content });
    expect(skipped).toEqual(fullCheck);
    expect(skipped.files.map((f) => f.status)).toEqual(Array(5).fill('unchanged'));
  });

  it('processes an inbox file edited since', async () => {
    const { inbox, content } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    const file = path.join(inbox, seed);
    await writeFile(file, (await readFile(file, 'utf8')) + '\nP.S. one more line.\n');
    const report = await ingest({ inboxDir: inbox, contentDir: content });
    expect(report.files.find((f) => f.file === seed)).toMatchObject({ status: 'published' });
  });

  it('reads the manifest again once anything else wrote it, and fails with its name when it is broken', async () => {
    const { inbox, content } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    await writeFile(manifestOf(content), '{ not json');
    await expect(ingest({ inboxDir: inbox, contentDir: content })).rejects.toThrow(/manifest\.json: cannot read the manifest/);
  });

  it('sees a file added to or removed from the inbox', async () => {
    const { inbox, content } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    await writeFile(path.join(inbox, 'restart-redis.md'), '# Runbook — Restart Redis\n\n1. Restart it:\n   ```bash\n   systemctl restart redis\n   ```\n');
    const added = await ingest({ inboxDir: inbox, contentDir: content });
    expect(added.files.find((f) => f.file === 'restart-redis.md')).toMatchObject({ status: 'published' });
    await rm(path.join(inbox, 'restart-redis.md'));
    const removed = await ingest({ inboxDir: inbox, contentDir: content });
    expect(removed.removed).toContain('sources/restart-redis.md');
  });

  it('keeps reporting a hand-edited file it left alone, and a failed input, run after run', async () => {
    const { inbox, content } = await tempProject({ 'broken.txt': new Uint8Array(4096).map((_, i) => (i * 7919) % 32) });
    await ingest({ inboxDir: inbox, contentDir: content });
    const output = path.join(content, 'sources', '004_cdf916e43205be19.md');
    await writeFile(output, (await readFile(output, 'utf8')) + '\nA note added by hand.\n');
    await rm(path.join(inbox, seed));
    for (let run = 0; run < 3; run++) {
      const report = await ingest({ inboxDir: inbox, contentDir: content });
      expect(report.keptEdited).toEqual(['sources/004_cdf916e43205be19.md']);
      expect(report.files.find((f) => f.file === 'broken.txt')).toMatchObject({ status: 'failed' });
    }
  });

  it('does everything again with force, whatever the last run left', async () => {
    const { inbox, content } = await tempProject();
    await ingest({ inboxDir: inbox, contentDir: content });
    await ingest({ inboxDir: inbox, contentDir: content });
    const forced = await ingest({ inboxDir: inbox, contentDir: content, force: true });
    expect(forced.files.map((f) => f.status)).toEqual(Array(5).fill('published'));
  });
});

describe('bad input', () => {
  it('names the file and goes on with the others; a binary file fails, the run still publishes the rest', async () => {
    const { inbox, content } = await tempProject({ 'broken.txt': '' });
    await writeFile(path.join(inbox, 'broken.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 32)));
    const report = await ingest({ inboxDir: inbox, contentDir: content });
    const broken = report.files.find((f) => f.file === 'broken.txt');
    expect(broken).toMatchObject({ status: 'failed' });
    expect(broken && 'error' in broken ? broken.error : '').toMatch(/not a text file/);
    expect(report.files.filter((f) => f.status === 'published')).toHaveLength(5);
  });

  it('does not publish a note with no document in it, and says why', async () => {
    const { inbox, content } = await tempProject({ 'chatter.txt': 'Продолжение следует...\n' });
    const report = await ingest({ inboxDir: inbox, contentDir: content });
    const chatter = report.files.find((f) => f.file === 'chatter.txt');
    expect(chatter).toMatchObject({ status: 'unpublished' });
    await expect(readFile(path.join(content, 'sources', 'chatter.md'))).rejects.toThrow();
  });

  it('publishes such a note when its frontmatter says publish: true', async () => {
    const { inbox, content } = await tempProject({ 'kept.md': '---\npublish: true\n---\nJust a thought.\n' });
    const report = await ingest({ inboxDir: inbox, contentDir: content });
    expect(report.files.find((f) => f.file === 'kept.md')).toMatchObject({ status: 'published' });
    expect(await readFile(path.join(content, 'sources', 'kept.md'), 'utf8')).toContain('Just a thought.');
  });

  it('skips a symbolic link that points outside the inbox', async () => {
    const { inbox, content, root } = await tempProject();
    await writeFile(path.join(root, 'secret.txt'), 'Runbook — secret\n1. do it\n');
    await symlink(path.join(root, 'secret.txt'), path.join(inbox, 'link.txt'));
    const report = await ingest({ inboxDir: inbox, contentDir: content });
    expect(report.warnings.find((w) => w.file === 'link.txt')?.message).toMatch(/outside the inbox/);
    expect(report.files.find((f) => f.file === 'link.txt')).toBeUndefined();
  });

  it('reads invalid YAML frontmatter as text, with a warning that names the problem', async () => {
    const { inbox, content } = await tempProject({ 'bad-yaml.md': '---\ntitle: [unclosed\n---\n# Runbook — Restart Redis\n1. Restart:\n   ```bash\n   systemctl restart redis\n   ```\n' });
    const report = await ingest({ inboxDir: inbox, contentDir: content });
    expect(report.warnings.find((w) => w.file === 'bad-yaml.md')?.message).toMatch(/frontmatter is not valid YAML/);
    expect(report.files.find((f) => f.file === 'bad-yaml.md')).toMatchObject({ status: 'published' });
  });
});

describe('source ids', () => {
  it('are slugs of file names; collisions get a stable suffix from the path', () => {
    const ids = assignSourceIds(['a/notes.txt', 'b/notes.md', 'Отчёт о сбое.txt']);
    expect(ids.get('a/notes.txt')).toBe('notes');
    expect(ids.get('b/notes.md')).toMatch(/^notes-[0-9a-f]{6}$/);
    expect(ids.get('Отчёт о сбое.txt')).toBe('otchyot-o-sboe');
    // Deterministic: the same names give the same ids, whatever else is in the inbox.
    expect(assignSourceIds(['a/notes.txt', 'b/notes.md'])).toEqual(new Map([...ids].slice(0, 2)));
  });
});

describe('the worker pool', () => {
  const file = (name: string, text: string): InboxFile => {
    const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
    return { relPath: name, absPath: `/inbox/${name}`, bytes, hash: hashBytes(bytes), mtimeMs: 0 };
  };

  it('fails only the input whose worker died, names it, and goes on with a new worker', async () => {
    // A worker allowed 32 MB of heap dies on a note of 6 MB (decoding it needs several copies).
    const pool = new SourcePool(1, 32);
    try {
      const huge = pool.run({ file: file('huge.md', `# Runbook — restart\n\n${'restart the pod. '.repeat(400_000)}\n`), sourceId: 'huge', transcript: false });
      const next = pool.run({ file: file('next.md', '# Runbook — restart billing\n\n1. Restart:\n   ```bash\n   kubectl rollout restart deploy/billing\n   ```\n'), sourceId: 'next', transcript: false });
      await expect(huge).rejects.toThrow(/processing stopped: .*memory/i);
      const rendered = await next;
      expect(rendered.documents.map((d) => d.collection)).toEqual(['runbooks']);
      expect(rendered.documents[0]!.file).toContain('kubectl rollout restart deploy/billing');
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('source ids', () => {
  it('are the names themselves when a name is a slug already, exactly as slugify would give them', () => {
    const slugged = (name: string) => slugify(name, { separator: '-', preserveCharacters: ['_'] }).slice(0, 80) || 'source';
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/), (name) => sourceSlug(`notes/${name}.md`) === slugged(name)), { numRuns: 2000 });
    for (const name of ['Отчёт о сбое', 'fooBar', 'a__b', '-x-', '000_7ab448249b043be4']) expect(sourceSlug(`${name}.txt`)).toBe(slugged(name));
  });
});
