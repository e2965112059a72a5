import { readFile } from 'node:fs/promises';
import { createCore, KnowledgeError, type Answer } from '../core/index.js';
import { createLogger } from '../log.js';
import { renderForTerminal } from '../bots/terminal/render.js';
import { parseArgs } from './args.js';

const USAGE =
  'usage: npm run ask -- [--json] [--now DATE] [--lang en|ru] [--knowledge DIR] "QUESTION"\n       npm run --silent ask -- --json --batch FILE';

/** The contract's fields, in the contract's order, then the fields this project adds. */
const toJson = (a: Answer): string => JSON.stringify(a);

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2), ['batch']);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const json = args.flags.has('json');
  const batch = args.values.get('batch');
  if (!batch && args.rest.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const logger = createLogger({ level: 'warn' });
  const core = await createCore({ knowledgeDir: args.knowledgeDir, logger, now: args.now ? () => args.now! : undefined });
  const opts = { ...(args.language ? { language: args.language } : {}) };
  if (batch) {
    const questions = (await readFile(batch, 'utf8')).split(/\r?\n/).filter((l) => l.trim());
    const out = questions.map((q) => (json ? toJson(core.ask(q, opts)) : `${renderForTerminal(core.ask(q, opts))}\n`));
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  }
  const answer = core.ask(args.rest.join(' '), opts);
  process.stdout.write((json ? toJson(answer) : renderForTerminal(answer)) + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(
      err instanceof KnowledgeError ? `The knowledge files have errors:\n${err.message}\n` : `ask failed: ${(err as Error).message}\n`,
    );
    process.exit(1);
  },
);
