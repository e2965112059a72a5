// usage: node scripts/run.mjs ENTRY [ARG ...]     (ENTRY: a module under src/ without its extension, e.g. cli/ask)
//
// Runs the compiled ENTRY from dist/ when dist/ was built from the sources as they are now, and otherwise the
// TypeScript source through tsx, so an edit under src/ is never served by stale JavaScript. The entry is
// imported into this very process, not spawned: signals reach it and its exit code is the process's own.
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIST, builtFingerprint, sourceFingerprint } from './source-fingerprint.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry || !/^[\w/-]+$/.test(entry)) {
  process.stderr.write('usage: node scripts/run.mjs ENTRY [ARG ...]   (ENTRY under src/, no extension, e.g. cli/ask)\n');
  process.exit(2);
}

let file;
if (builtFingerprint(root) === sourceFingerprint(root)) {
  file = join(root, DIST, `${entry}.js`);
} else {
  // Compiling takes several seconds and two starts could race to write dist/: running the source costs about a
  // second instead, until the next `npm run build` (or install) makes the compiled start fast again.
  // Told to a person at a terminal only: a caller reading stderr (a batch, a pipe) gets the answers and nothing else.
  if (process.stderr.isTTY)
    process.stderr.write('src/ changed since the last build: running from source (npm run build makes the start fast again).\n');
  const { register } = await import('tsx/esm/api');
  register();
  file = join(root, 'src', `${entry}.ts`);
}
// The entry sees the command line it would see if node had been started on it directly.
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
