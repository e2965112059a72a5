import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createKnowledgeService, KnowledgeError, loadKnowledge, UPDATES_FILE, type KnowledgeService } from '../core/index.js';
import { createLogger } from '../log.js';
import { createModeration, DEFAULT_LIST_LIMIT, wordOutcome, type Outcome, type Requester } from '../moderation/index.js';
import { openStore, toJsonLines, type Store } from '../store/index.js';

const USAGE = `usage: npm run knowledge -- COMMAND [--knowledge DIR] [--data DIR]
  check                                     validate every knowledge file and every stored update; exit 1 on an error
  export [--out FILE]                       the stored updates as JSON lines (stdout without --out), for review and backup
  add-source --title T --publisher P --date D [--url U] --text-file F [--id ID]
  add-fact --source ID --topic T --kind K --quote Q --text-en E --text-ru R
           [--id ID] [--value N] [--unit U] [--date D] [--stated-by S] [--party P] [--short-en S --short-ru S]
  list [--limit N]                          recent updates, newest first
  show ID                                   one update
  retract ID --reason R                     stop using a source, a fact, or what an update added
  gaps [--limit N]                          the most asked unanswered questions and the lowest-rated answers
An unknown or misspelt option is an error (exit 2).`;

type Options = NonNullable<ParseArgsConfig['options']>;
const text = { type: 'string' } as const;
const COMMON: Options = { knowledge: text, data: text, help: { type: 'boolean', short: 'h' } };
/** Each command's options, and how many positional words it takes: anything else is a usage error. */
const COMMANDS: Record<string, { options: Options; positionals: number }> = {
  check: { options: {}, positionals: 0 },
  export: { options: { out: text }, positionals: 0 },
  'add-source': { options: { title: text, publisher: text, date: text, url: text, 'text-file': text, id: text }, positionals: 0 },
  'add-fact': {
    options: Object.fromEntries(
      [
        'id',
        'source',
        'topic',
        'kind',
        'quote',
        'text-en',
        'text-ru',
        'value',
        'unit',
        'date',
        'stated-by',
        'party',
        'short-en',
        'short-ru',
      ].map((name) => [name, text]),
    ),
    positionals: 0,
  },
  list: { options: { limit: text }, positionals: 0 },
  show: { options: {}, positionals: 1 },
  retract: { options: { reason: text }, positionals: 1 },
  gaps: { options: { limit: text }, positionals: 0 },
};

/** A mistake in how the command was called: the message and the usage, exit 2. */
class UsageError extends Error {}

function read(argv: string[]) {
  const [command = '', ...rest] = argv;
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(command ? `unknown command "${command}"` : 'which command?');
  const { values, positionals } = parseArgs({ args: rest, options: { ...COMMON, ...spec.options }, strict: true, allowPositionals: true });
  if (positionals.length > spec.positionals)
    throw new UsageError(
      `unexpected ${positionals
        .slice(spec.positionals)
        .map((p) => `"${p}"`)
        .join(' ')}`,
    );
  const v = (name: string): string | undefined => values[name] as string | undefined;
  const count = (name: string, fallback: number): number => {
    const raw = v(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} must be a whole number of 1 or more (got "${raw}")`);
    return Number(raw);
  };
  return { command, target: positionals[0], help: values.help === true, v, count };
}

function fact(v: (name: string) => string | undefined): Record<string, unknown> {
  const value = v('value');
  if (value !== undefined && Number.isNaN(Number(value))) throw new UsageError(`--value must be a number (got "${value}")`);
  const optional = (key: string, name: string) => (v(name) ? { [key]: v(name) } : {});
  return {
    ...optional('id', 'id'),
    kind: v('kind') ?? 'figure',
    topic: v('topic'),
    sourceId: v('source'),
    quote: v('quote'),
    text: { en: v('text-en'), ru: v('text-ru') },
    ...(value !== undefined ? { value: Number(value) } : {}),
    ...optional('unit', 'unit'),
    ...optional('date', 'date'),
    ...optional('statedBy', 'stated-by'),
    ...optional('party', 'party'),
    ...(v('short-en') ? { short: { en: v('short-en'), ru: v('short-ru') ?? v('short-en') } } : {}),
  };
}

/** Prints an outcome as the chats word it (a shown update as its JSON): accepted on stdout, exit 0; refused on stderr, exit 1. */
function report(outcome: Outcome): number {
  const worded = wordOutcome(outcome, 'en');
  const out = outcome.status === 'accepted' ? process.stdout : process.stderr;
  out.write(`${outcome.action === 'show' && worded.code ? worded.code : worded.text}\n`);
  return outcome.status === 'accepted' ? 0 : 1;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof read>;
  try {
    args = read(process.argv.slice(2));
  } catch (err) {
    // parseArgs's own errors (ERR_PARSE_ARGS_UNKNOWN_OPTION …) are usage errors too.
    const parseError = err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    if (!(err instanceof UsageError) && !parseError) throw err;
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { command, target, v, count } = args;
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The same settings as the bot, .env included: a DATABASE_URL there must send the CLI's updates to the same store.
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`Configuration error: ${err.message}\n`);
    return 1;
  }
  const knowledgeDir = v('knowledge') ?? config.knowledgeDir;
  const dataDir = v('data') ?? config.dataDir;
  const open = () =>
    openStore({
      databaseUrl: config.databaseUrl ?? undefined,
      dataDir,
      userHashSalt: config.userHashSalt,
      importFrom: join(knowledgeDir, UPDATES_FILE),
      importRecordsFrom: dataDir,
    });
  if (command === 'check') return check(knowledgeDir, open);
  if (command === 'export') {
    const store = await open();
    try {
      const lines = toJsonLines(await store.updates.readAll());
      if (v('out')) await writeFile(v('out')!, lines);
      else process.stdout.write(lines);
      return 0;
    } finally {
      await store.close();
    }
  }
  // Read before the knowledge loads: a usage mistake should not wait for it.
  const input =
    command === 'add-source'
      ? { sourceText: v('text-file') ? await readFile(v('text-file')!, 'utf8') : usage('--text-file is required (the article text)') }
      : command === 'add-fact'
        ? { fact: fact(v) }
        : {};
  if ((command === 'show' || command === 'retract') && !target) usage(`${command} needs an id: npm run knowledge -- ${command} ID`);
  const limit = count('limit', command === 'list' ? 20 : DEFAULT_LIST_LIMIT);
  const store = await open();
  let service: KnowledgeService;
  try {
    service = await createKnowledgeService({ knowledgeDir, logger: createLogger({ level: 'warn' }), updates: store.updates });
  } catch (err) {
    await store.close();
    throw err;
  }
  const moderation = createModeration({ knowledge: service, feedback: store.feedback, audit: store.audit });
  // Whoever can run this command on the machine can edit the knowledge files anyway: a moderator.
  const user = userInfo().username;
  const who: Requester = { actor: { platform: 'cli', userId: user, displayName: user }, moderator: true };
  try {
    switch (command) {
      case 'add-source':
        return report(
          await moderation.addSource(who, {
            value: {
              id: v('id'),
              title: v('title') ?? '',
              publisher: v('publisher') ?? '',
              published: v('date') ?? '',
              url: v('url') ?? null,
              text: input.sourceText!,
            },
          }),
        );
      case 'add-fact':
        return report(await moderation.addFact(who, { value: input.fact! }));
      case 'retract':
        return report(await moderation.retract(who, target!, v('reason') ?? ''));
      case 'list':
        return report(await moderation.list(who, limit));
      case 'show':
        return report(await moderation.show(who, target!));
      default:
        return report(await moderation.gaps(who, limit));
    }
  } finally {
    service.close();
    await store.close();
  }
}

/** The knowledge files, then the stored updates replayed onto them: each one that no longer applies is a problem. */
async function check(knowledgeDir: string, open: () => Promise<Store>): Promise<number> {
  try {
    const kb = await loadKnowledge(knowledgeDir);
    process.stdout.write(
      `knowledge OK: ${kb.sources.size} sources, ${kb.facts.length} facts, ${kb.topics.size} topics, ${kb.gazetteer.length} gazetteer entries\n`,
    );
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    process.stderr.write(`${err.problems.length} problem(s) in ${knowledgeDir}:\n${err.message}\n`);
    return 1;
  }
  const store = await open();
  try {
    const service = await createKnowledgeService({ knowledgeDir, logger: createLogger({ level: 'error' }), updates: store.updates });
    service.close();
    const { problems } = service;
    const total = (await store.updates.readAll()).length;
    if (problems.length) {
      process.stderr.write(
        `${problems.length} of ${total} stored update(s) in ${store.location} no longer apply:\n${problems.map((p) => p.message).join('\n')}\n`,
      );
      return 1;
    }
    process.stdout.write(`stored updates OK: ${total} in ${store.location}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function usage(message: string): never {
  throw new UsageError(message);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(
      err instanceof KnowledgeError ? `The knowledge files have errors:\n${err.message}\n` : `knowledge: ${(err as Error).message}\n`,
    );
    process.exit(1);
  },
);
