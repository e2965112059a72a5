import { createKnowledgeService } from './knowledge/service.js';
import type { Core, CoreOptions } from './types.js';

/** The core as adapters see it: the bundled knowledge plus every moderator update in knowledge/updates.jsonl. */
export async function createCore(options: CoreOptions): Promise<Core> {
  return (await createKnowledgeService(options)).core;
}
