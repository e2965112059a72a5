import { join } from 'node:path';
import { readKnowledgeFolder, type RawFile } from './files.js';
import { KnowledgeError, parseKnowledge, type KnowledgeBase } from './parse.js';

/** Loads and validates the knowledge folder (throws KnowledgeError naming each file and line at fault). */
export async function loadKnowledge(dir: string): Promise<KnowledgeBase> {
  return (await loadKnowledgeFiles(dir)).kb;
}

/** The same, with the files as read: what a snapshot of the knowledge is checked against. */
export async function loadKnowledgeFiles(dir: string): Promise<{ files: RawFile[]; kb: KnowledgeBase }> {
  const files = await readKnowledgeFolder(dir);
  try {
    return { files, kb: parseKnowledge(files) };
  } catch (err) {
    if (err instanceof KnowledgeError) throw new KnowledgeError(err.problems.map((p) => ({ ...p, file: join(dir, p.file) })));
    throw err;
  }
}
