import { createEngine } from './engine.js';
import { readKnowledgeFolder } from './knowledge-files.js';
import { join } from 'node:path';
import { KnowledgeError, parseKnowledge, type KnowledgeBase } from './knowledge-parse.js';
import { MESSAGES } from './messages.js';
import type { Core, Logger } from './types.js';

export interface CoreOptions {
  knowledgeDir: string;
  logger: Logger;
  /** The clock answers are dated against ("as of", "my newest source is old"); injectable for tests and `--now`. */
  now?: () => Date;
}

/** Loads and validates the knowledge folder (throws KnowledgeError naming each file and line at fault), then builds the index. */
export async function loadKnowledge(dir: string): Promise<KnowledgeBase> {
  const files = await readKnowledgeFolder(dir);
  try {
    return parseKnowledge(files);
  } catch (err) {
    if (err instanceof KnowledgeError) throw new KnowledgeError(err.problems.map((p) => ({ ...p, file: join(dir, p.file) })));
    throw err;
  }
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const started = performance.now();
  const kb = await loadKnowledge(options.knowledgeDir);
  return createCoreFromKnowledge(kb, options, started);
}

export function createCoreFromKnowledge(kb: KnowledgeBase, options: Omit<CoreOptions, 'knowledgeDir'>, started = performance.now()): Core {
  const engine = createEngine(kb);
  const clock = options.now ?? (() => new Date());
  options.logger.info('knowledge_loaded', {
    sources: kb.sources.size,
    facts: kb.facts.length,
    passages: engine.passages.length,
    ms: Math.round(performance.now() - started),
  });
  const sources = [...kb.sources.values()]
    .sort((a, b) => b.published.localeCompare(a.published))
    .map(({ id, title, publisher, published, url }) => ({ id, title, publisher, published, url }));
  return {
    ask: (question, opts = {}) => engine.ask(question, { ...opts, now: opts.now ?? clock() }),
    sources: () => sources,
    about: (language) => MESSAGES[language].about,
    examples: (language) => engine.examples(language),
  };
}
