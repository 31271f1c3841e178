import type { APIRoute } from 'astro';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Files that ingest copies into a folder of content/ (voice memos, original documents), served
 * as static files under the same name: one route per folder, `src/pages/<folder>/[file].ts`.
 */
export function contentFileRoute(folder: string, types: Record<string, string>) {
  const dir = path.resolve('content', folder);
  const getStaticPaths = async () => (await readdir(dir).catch(() => [] as string[])).filter((file) => !file.startsWith('.')).map((file) => ({ params: { file } }));
  const GET: APIRoute = async ({ params }) => {
    const file = path.basename(params.file!);
    const bytes = await readFile(path.join(dir, file));
    return new Response(new Uint8Array(bytes), { headers: { 'content-type': types[path.extname(file).toLowerCase()] ?? 'application/octet-stream' } });
  };
  return { getStaticPaths, GET };
}
