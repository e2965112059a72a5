import type { Engine } from './engine.js';
// A cycle, but only through function bodies: each module is fully loaded before either function runs.
import { createKnowledgeService } from './knowledge-service.js';
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

/** The core as adapters see it: the bundled knowledge plus every moderator update in knowledge/updates.jsonl. */
export async function createCore(options: CoreOptions): Promise<Core> {
  return (await createKnowledgeService(options)).core;
}

/** A Core over a live engine: sources are listed as they are now, so an added source shows at once. */
export function coreOver(live: () => { engine: Engine; kb: KnowledgeBase }, options: Omit<CoreOptions, 'knowledgeDir'>): Core {
  const clock = options.now ?? (() => new Date());
  return {
    ask: (question, opts = {}) => live().engine.ask(question, { ...opts, now: opts.now ?? clock() }),
    sources: () =>
      [...live().kb.sources.values()]
        .sort((a, b) => b.published.localeCompare(a.published))
        .map(({ id, title, publisher, published, url }) => ({ id, title, publisher, published, url })),
    about: (language) => MESSAGES[language].about,
    examples: (language) => live().engine.examples(language),
  };
}
