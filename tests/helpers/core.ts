import { createCore, type Core } from '../../src/core/index.js';
import { silentLogger } from '../../src/log.js';

/** The day the answers in tests are dated against, so "as of" and staleness never depend on the real date. */
export const TEST_NOW = new Date('2026-11-24T12:00:00Z');

let shared: Promise<Core> | undefined;

/** The bundled knowledge, loaded once per test file. */
export function bundledCore(): Promise<Core> {
  shared ??= createCore({ knowledgeDir: 'knowledge', logger: silentLogger, now: () => TEST_NOW });
  return shared;
}
