import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createKnowledgeService, isAnswerLanguage, KnowledgeError, UPDATES_FILE, type Answer, type AskOptions } from '../core/index.js';
import { openStore } from '../store/index.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../log.js';
import { renderForTerminal } from '../bots/terminal/render.js';

const USAGE = `usage: npm run ask -- [--json] [--now DATE] [--lang en|ru|ky|tg] [--knowledge DIR] [--data DIR] "QUESTION"
       npm run --silent ask -- --json --batch FILE   (one question a line; one JSON answer a line)
The stored updates come from DATABASE_URL, or the SQLite file under --data (DATA_DIR).`;

/** A mistake in how the command was called: the message, then the usage, on stderr, and exit 2. */
class UsageError extends Error {}

interface AskArgs {
  json: boolean;
  batch: string | null;
  question: string;
  knowledgeDir: string;
  /** Where the SQLite store is, when no DATABASE_URL is set; undefined: the files alone. */
  dataDir: string | undefined;
  options: AskOptions;
}

/** Strict: an unknown or misspelt option is refused, never taken as a flag or a word of the question. */
function readArgs(argv: string[], config: Pick<Config, 'knowledgeDir'> & Partial<Pick<Config, 'dataDir'>>): AskArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        batch: { type: 'string' },
        now: { type: 'string' },
        lang: { type: 'string' },
        knowledge: { type: 'string' },
        data: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const question = positionals.join(' ').trim();
  if (values.batch === undefined && !question) throw new UsageError('a question, or --batch FILE, is needed');
  if (values.batch !== undefined && question) throw new UsageError(`either a question or --batch FILE, not both (got "${question}")`);
  const options: AskOptions = {};
  if (values.now !== undefined) {
    const now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now: not a date: ${values.now} (use YYYY-MM-DD or an ISO 8601 time)`);
    options.now = now;
  }
  if (values.lang !== undefined) {
    if (!isAnswerLanguage(values.lang)) throw new UsageError(`--lang must be en, ru, ky or tg (got ${values.lang})`);
    options.language = values.lang;
  }
  return {
    json: values.json ?? false,
    batch: values.batch ?? null,
    question,
    knowledgeDir: values.knowledge ?? config.knowledgeDir,
    dataDir: values.data ?? config.dataDir,
    options,
  };
}

/** The reader went away (`| head`): nothing more can be delivered, and that is no failure of ours. */
class ReaderGone extends Error {}

/**
 * Resolves once the text is handed to the operating system. A pipe to a slow reader takes writes asynchronously:
 * a process that exits before they settle loses them, so every answer is awaited before the next one.
 */
function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (err) => {
      if (!err) resolve();
      else reject((err as NodeJS.ErrnoException).code === 'EPIPE' ? new ReaderGone() : err);
    });
  });
}

/** The `ask` command (shared/ANSWER_CONTRACT.md): returns the exit code; answers on `stdout`, everything else on `stderr`. */
export async function runAsk(
  argv: string[],
  /** With `dataDir` or `databaseUrl`, the stored updates are answered from too; without, the files alone. */
  config: Pick<Config, 'knowledgeDir'> & Partial<Pick<Config, 'dataDir' | 'databaseUrl' | 'userHashSalt'>>,
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  let args: AskArgs;
  try {
    args = readArgs(argv, config);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    await write(io.stderr, `${err.message}\n${USAGE}\n`);
    return 2;
  }
  const { json, batch, options } = args;
  const show = (a: Answer) => (json ? JSON.stringify(a) : renderForTerminal(a)) + '\n';
  // A bad batch file is reported before the knowledge is loaded.
  const questions = batch === null ? [args.question] : (await readFile(batch, 'utf8')).split(/\r?\n/).filter((l) => l.trim());
  const logger = createLogger({ level: 'warn' });
  const store =
    args.dataDir || config.databaseUrl
      ? await openStore({
          databaseUrl: config.databaseUrl ?? undefined,
          dataDir: args.dataDir,
          userHashSalt: config.userHashSalt,
          importFrom: join(args.knowledgeDir, UPDATES_FILE),
        })
      : null;
  try {
    const knowledge = await createKnowledgeService({
      knowledgeDir: args.knowledgeDir,
      logger,
      ...(options.now ? { now: () => options.now! } : {}),
      ...(store ? { updates: store.updates } : {}),
      ...(store && args.dataDir ? { snapshot: { dir: args.dataDir, store: `${store.dialect} ${store.location}` } } : {}),
    });
    try {
      for (const [i, q] of questions.entries()) await write(io.stdout, (i > 0 && !json ? '\n' : '') + show(knowledge.core.ask(q, options)));
    } finally {
      knowledge.close();
    }
  } catch (err) {
    if (err instanceof ReaderGone) return 0;
    throw err;
  } finally {
    await store?.close();
  }
  return 0;
}

function failure(err: unknown): string {
  if (err instanceof ConfigError) return `Configuration error: ${err.message}`;
  if (err instanceof KnowledgeError) return `The knowledge files have errors:\n${err.message}`;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT' && e.path) return `ask failed: no such file: ${e.path}`;
  return `ask failed: ${e instanceof Error ? e.message : String(e)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // A reader that leaves early (`| head`) must not turn into an unhandled error event.
  process.stdout.on('error', () => {});
  // The exit code is set, not forced: the process ends once everything written has reached stdout.
  process.exitCode = await Promise.resolve()
    .then(() => runAsk(process.argv.slice(2), loadConfig(), process))
    .catch((err: unknown) => {
      process.stderr.write(`${failure(err)}\n`);
      return 1;
    });
}
