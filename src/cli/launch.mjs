/**
 * `node src/cli/launch.mjs NAME [args]` runs src/cli/NAME.ts (the npm scripts use it) with Node's
 * compile cache on: each start then reads the modules back type-stripped and compiled instead of
 * stripping them again, and Node's type stripper (about 50 ms to load) is not loaded at all when
 * nothing changed. It is JavaScript so that it needs no stripping itself.
 */
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

enableCompileCache(fileURLToPath(new URL('../../node_modules/.cache/node-compile-cache', import.meta.url)));
const [name] = process.argv.splice(2, 1);
if (!name || !/^[a-z-]+$/.test(name)) {
  process.stderr.write('usage: node src/cli/launch.mjs NAME [args]  (runs src/cli/NAME.ts)\n');
  process.exit(2);
}
await import(new URL(`./${name}.ts`, import.meta.url).href);
