import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Actor } from '../core/index.js';

/**
 * One moderator request, allowed or refused, in one vocabulary whatever the platform: `action` is one of
 * add-source, add-fact, list, show, retract, gaps; `outcome` accepted or refused, with the refusal's `reason` id.
 */
export interface AuditEntry {
  at: string;
  actor: Actor;
  action: string;
  outcome: 'accepted' | 'refused';
  reason?: string;
  /** The update an accepted change wrote, or the one shown. */
  update?: string;
  /** The knowledge service's own words on a rejected change. */
  detail?: string;
}

/** Appends every moderator request to a JSONL file (data/audit.jsonl): who tried what, and what came of it. */
export function createAuditLog(path: string, now: () => Date = () => new Date()) {
  return {
    record(entry: Omit<AuditEntry, 'at'>): void {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `${JSON.stringify({ at: now().toISOString(), ...entry })}\n`);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
