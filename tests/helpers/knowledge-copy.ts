import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away copy of the bundled knowledge, so a test can write updates without touching the repository's. */
export function copyKnowledge(): { dir: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'knowledge-'));
  const dir = join(root, 'knowledge');
  cpSync('knowledge', dir, { recursive: true });
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
