import { join } from 'node:path';
import { readKnowledgeFolder } from './files.js';
import { KnowledgeError, parseKnowledge, type KnowledgeBase } from './parse.js';

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
