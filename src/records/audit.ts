import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Actor } from '../core/index.js';

/** One moderator attempt, allowed or refused. */
export interface AuditEntry {
  at: string;
  actor: Actor;
  operation: string;
  allowed: boolean;
  outcome: string;
}

/** Appends every moderator attempt to a JSONL file (data/audit.jsonl): who tried what, and what came of it. */
export function createAuditLog(path: string, now: () => Date = () => new Date()) {
  return {
    record(entry: Omit<AuditEntry, 'at'>): void {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `${JSON.stringify({ at: now().toISOString(), ...entry })}\n`);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
