import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A knowledge file as read from disk: its path relative to the knowledge folder, and its text. */
export interface RawFile {
  path: string;
  text: string;
}

/**
 * The one place the core reads files: every file under the knowledge folder, sorted by path
 * so the index is built in the same order on every machine.
 */
export async function readKnowledgeFolder(dir: string): Promise<RawFile[]> {
  const out: RawFile[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (/\.(md|json|jsonl)$/.test(entry.name)) out.push({ path: relative(dir, p), text: await readFile(p, 'utf8') });
    }
  };
  await walk(dir);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
