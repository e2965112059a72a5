import { createKnowledgeService } from './knowledge/service.js';
import type { KnowledgeServiceOptions } from './knowledge/service.js';
import type { Core } from './types.js';

/** The core as adapters see it: the knowledge files plus every moderator update in `updates`, when given. */
export async function createCore(options: KnowledgeServiceOptions): Promise<Core> {
  return (await createKnowledgeService(options)).core;
}
