// What the compiled code in dist/ was built from, cheap enough to check at every start (a stat per file, no reads).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The folder the compiler writes to and the file that records what it compiled. */
export const DIST = 'dist';
export const STAMP = join(DIST, '.build-stamp.json');

/** Everything whose change changes the output: the sources and the compiler settings. */
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

function* walk(root, path) {
  const info = statSync(path);
  // Path, size and mtime of every file and folder: an edit, an added or a deleted file, or a checkout of an
  // older version (whose mtime may be older than the build) all change the fingerprint.
  yield `${relative(root, path)}\0${info.size}\0${info.mtimeMs}`;
  if (info.isDirectory()) for (const name of readdirSync(path).sort()) yield* walk(root, join(path, name));
}

/** A hash of the build inputs under root as they are now. */
export function sourceFingerprint(root) {
  const hash = createHash('sha256');
  for (const input of INPUTS) for (const line of walk(root, join(root, input))) hash.update(`${line}\n`);
  return hash.digest('hex');
}

/** The fingerprint the last successful build recorded, or null when there is none. */
export function builtFingerprint(root) {
  try {
    return JSON.parse(readFileSync(join(root, STAMP), 'utf8')).fingerprint ?? null;
  } catch {
    return null;
  }
}
