import { watch } from 'node:fs';
import type { Logger } from '../types.js';

/** How long the files must be quiet before a reload: an editor's save is often several writes. */
const SETTLE_MS = 200;

/**
 * Calls `onEdit` once the knowledge files under `dir` have been changed by hand and have settled. The updates
 * log is skipped: the service writes it itself, and has applied each record already.
 */
export function watchKnowledgeFiles(dir: string, options: { skip: string; logger: Logger; onEdit: () => void }): { close(): void } {
  let timer: NodeJS.Timeout | null = null;
  const watcher = watch(dir, { recursive: true }, (_, name) => {
    if (!name || String(name).endsWith(options.skip)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(options.onEdit, SETTLE_MS);
  });
  watcher.on('error', (err) => options.logger.error('knowledge_watch_failed', { error: String(err) }));
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
