// Compiles src/ to dist/ and records what it compiled, so the launcher can tell when dist/ is out of date.
// Run by `npm install` / `npm ci` (the prepare script) and by `npm run build`.
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, STAMP, sourceFingerprint } from './source-fingerprint.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  // An install without dev dependencies has no compiler: the launcher then runs the sources through tsx.
  process.stderr.write('build: TypeScript is not installed (dev dependencies omitted); npm start will run from source.\n');
  process.exit(0);
}

// Taken before compiling: a file saved while the compiler runs makes the stamp stale, never falsely fresh.
const fingerprint = sourceFingerprint(root);
// From empty: nothing of a deleted or renamed source lingers, and a failed build leaves no stamp (so no stale start).
rmSync(join(root, DIST), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  process.stderr.write(`build: the TypeScript compiler failed (exit ${result.status ?? result.signal}); dist/ is not up to date.\n`);
  process.exit(1);
}
// The compiler emits only what it compiles: files a module reads beside itself (import.meta.url) are copied as they are.
cpSync(join(root, 'src'), join(root, DIST), { recursive: true, filter: (from) => !from.endsWith('.ts') });
writeFileSync(join(root, STAMP), `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString() })}\n`);
