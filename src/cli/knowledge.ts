import { KnowledgeError, loadKnowledge } from '../core/index.js';
import { parseArgs } from './args.js';

const USAGE = 'usage: npm run knowledge -- check [--knowledge DIR]';

/** `check` validates every knowledge file and exits 1 listing each problem as file:line: what is wrong. */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), []);
  const [command] = args.rest;
  if (command === 'check') {
    try {
      const kb = await loadKnowledge(args.knowledgeDir);
      process.stdout.write(`knowledge OK: ${kb.sources.size} sources, ${kb.facts.length} facts, ${kb.topics.size} topics, ${kb.gazetteer.length} gazetteer entries\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof KnowledgeError)) throw err;
      process.stderr.write(`${err.problems.length} problem(s) in ${args.knowledgeDir}:\n${err.message}\n`);
      return 1;
    }
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`knowledge: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
