import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface Child {
  /** Every whole line printed so far. */
  lines: string[];
  /** The first line (already printed or still to come) that matches, or a rejection after `timeoutMs`. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  send(line: string): void;
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the exit code (null when killed by a signal) once stdout is fully read. */
  exited: Promise<number | null>;
  process: ChildProcessWithoutNullStreams;
}

/**
 * Starts a fixture under node itself with tsx as a loader, not the tsx wrapper: a SIGKILL then reaches the writer.
 * `shell` wraps the command (a `ulimit` before it); stderr is kept for the failure message.
 */
export function startFixture(script: string, args: string[], env: Record<string, string> = {}, shell?: string): Child {
  const command = [process.execPath, '--import', 'tsx', script, ...args];
  const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = shell
    ? spawn('bash', ['-c', `${shell} && exec ${quoted}`], { env: { ...process.env, ...env } })
    : spawn(command[0]!, command.slice(1), { env: { ...process.env, ...env } });
  const lines: string[] = [];
  const waiters = new Set<{ match: (l: string) => boolean; resolve: (l: string) => void }>();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const reader = createInterface({ input: child.stdout });
  reader.on('line', (line) => {
    lines.push(line);
    for (const w of waiters) {
      if (!w.match(line)) continue;
      waiters.delete(w);
      w.resolve(line);
    }
  });
  const exited = Promise.all([once(reader, 'close'), once(child, 'exit')]).then(() => child.exitCode);
  return {
    lines,
    process: child,
    waitFor(match, timeoutMs = 30_000) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (l: string) => (clearTimeout(timer), resolve(l)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `${script}: no matching line within ${timeoutMs} ms; printed:\n${lines.slice(-10).join('\n')}\nstderr:\n${stderr.slice(-2000)}`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    send: (line) => void child.stdin.write(`${line}\n`),
    kill: (signal = 'SIGTERM') => void child.kill(signal),
    exited,
  };
}
