// Preloaded with `node --import`: at exit, writes every module URL the process loaded to the file
// named by FIELDNOTES_RECORD_LOADS (one per line). Tests use it to see what a command pulls in.
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';

const loaded = new Set();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => writeFileSync(process.env.FIELDNOTES_RECORD_LOADS, [...loaded].join('\n')));
