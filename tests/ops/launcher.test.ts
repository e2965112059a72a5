import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

/**
 * scripts/run.mjs, the launcher behind npm start / ask / knowledge, on a throw-away project with the real
 * scripts and compiler settings: compiled JavaScript when it matches the sources, the sources otherwise.
 */

const entry = (version: string) => `import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const me = fileURLToPath(import.meta.url);
const kind: string = me.endsWith('.ts') ? 'source' : 'compiled';
const beside = readFileSync(new URL('./beside.txt', import.meta.url), 'utf8');
process.stdout.write(\`${version} \${kind} \${beside} \${process.argv.slice(2).join(' ')} argv1-is-entry=\${process.argv[1] === me}\\n\`);
process.exitCode = Number(process.argv[2] ?? 0);
`;

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'launcher-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  for (const f of ['scripts', 'tsconfig.json', 'tsconfig.build.json', 'package.json']) cpSync(f, join(root, f), { recursive: true });
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'entry.ts'), entry('one'));
  writeFileSync(join(root, 'src', 'beside.txt'), 'read-at-run-time');
  return root;
}

function node(root: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: root, encoding: 'utf8' }, (err, stdout, stderr) =>
      done({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

const build = async (root: string) => expect((await node(root, 'scripts/build.mjs')).code).toBe(0);

describe('the launcher (scripts/run.mjs)', { timeout: 120_000 }, () => {
  it('runs the compiled entry once built, in its own process, with its arguments, exit code and the files beside it', async () => {
    const root = project();
    await build(root);
    const run = await node(root, 'scripts/run.mjs', 'entry', '3', '--json', 'How long is the border?');
    expect(run).toEqual({
      code: 3,
      stdout: 'one compiled read-at-run-time 3 --json How long is the border? argv1-is-entry=true\n',
      stderr: '',
    });
  });

  it('runs the edited source, never the stale build, after a file under src/ changes', async () => {
    const root = project();
    await build(root);
    // Same size, and an mtime older than the build: what a checkout of an older version can leave.
    writeFileSync(join(root, 'src', 'entry.ts'), entry('two'));
    utimesSync(join(root, 'src', 'entry.ts'), new Date('2001-01-01'), new Date('2001-01-01'));
    const run = await node(root, 'scripts/run.mjs', 'entry', '0');
    expect(run.stdout).toBe('two source read-at-run-time 0 argv1-is-entry=true\n');
    // The note about running from source is for a person at a terminal; a caller reading stderr gets nothing.
    expect(run.stderr).toBe('');
  });

  it('runs the source when nothing has been built yet, and refuses an entry outside src/', async () => {
    const root = project();
    expect((await node(root, 'scripts/run.mjs', 'entry', '0')).stdout).toBe('one source read-at-run-time 0 argv1-is-entry=true\n');
    const bad = await node(root, 'scripts/run.mjs', '../etc/passwd');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: node scripts/run.mjs ENTRY');
  });
});
