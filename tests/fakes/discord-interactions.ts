import { CODES, discordError, invalidFormBody, type DiscordError } from './discord-errors.js';

/**
 * The life of each interaction the fake dispatched, as Discord enforces it: one initial response, within 3 seconds of
 * the event; then the token serves follow-ups and edits for 15 minutes
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction).
 */

export const INITIAL_RESPONSE_MS = 3_000;
export const TOKEN_LIFETIME_MS = 15 * 60_000;

/** Which responses each interaction type takes: a modal cannot answer a modal, only autocomplete takes choices. */
const RESPONSES_FOR: Record<number, ReadonlySet<number>> = {
  1: new Set([1]),
  2: new Set([4, 5, 9, 10, 12]),
  3: new Set([4, 5, 6, 7, 9, 10, 12]),
  4: new Set([8]),
  5: new Set([4, 5, 6, 7, 10, 12]),
};

interface Tracked {
  id: string;
  type: number;
  dispatchedAt: number;
  acknowledged: boolean;
  /** Whether @original names a message: after a reply or a deferral, until it is deleted. */
  original: boolean;
}

const CALLBACK = /^\/interactions\/(\d+)\/([^/]+)\/callback$/;
const WEBHOOK = /^\/webhooks\/\d+\/([^/]+)(?:\/messages\/(@original|\d+))?$/;

const unknownInteraction = () => discordError(404, CODES.unknownInteraction, 'Unknown interaction');

export interface InteractionWindow {
  /** Notes an INTERACTION_CREATE the fake sent, at the clock's current time. */
  dispatched(d: Record<string, unknown>): void;
  /** The refusal this request earns from its interaction's state, or null; it changes nothing. */
  check(method: string, path: string, body: unknown): DiscordError | null;
  /** Records what an accepted request did: the first response acknowledges; a reply or deferral makes @original. */
  accepted(method: string, path: string, body: unknown): void;
}

export function createInteractionWindow(now: () => number): InteractionWindow {
  const byToken = new Map<string, Tracked>();
  return {
    dispatched(d) {
      if (typeof d.token !== 'string' || typeof d.id !== 'string') return;
      byToken.set(d.token, { id: d.id, type: Number(d.type), dispatchedAt: now(), acknowledged: false, original: false });
    },
    check(method, path, body) {
      let m: RegExpExecArray | null;
      if (method === 'POST' && (m = CALLBACK.exec(path))) {
        const t = byToken.get(m[2]!);
        if (!t || t.id !== m[1]) return unknownInteraction();
        if (t.acknowledged) return discordError(400, CODES.alreadyAcknowledged, 'Interaction has already been acknowledged.');
        if (now() - t.dispatchedAt > INITIAL_RESPONSE_MS) return unknownInteraction();
        const type = (body as { type?: unknown } | null)?.type;
        if (typeof type === 'number' && !RESPONSES_FOR[t.type]?.has(type))
          return invalidFormBody([
            {
              path: ['type'],
              code: 'INTERACTION_CALLBACK_TYPE_INVALID',
              message: 'Interaction callback type is invalid for this interaction',
            },
          ]);
        return null;
      }
      if ((m = WEBHOOK.exec(path))) {
        const t = byToken.get(m[1]!);
        if (!t || now() - t.dispatchedAt > TOKEN_LIFETIME_MS) return discordError(401, CODES.invalidWebhookToken, 'Invalid Webhook Token');
        // Follow-ups and edits build on the initial response: before it there is no webhook message to add to.
        if (!t.acknowledged) return discordError(404, CODES.unknownWebhook, 'Unknown Webhook');
        if (m[2] === '@original' && !t.original) return discordError(404, CODES.unknownMessage, 'Unknown Message');
      }
      return null;
    },
    accepted(method, path, body) {
      let m: RegExpExecArray | null;
      if (method === 'POST' && (m = CALLBACK.exec(path))) {
        const t = byToken.get(m[2]!);
        if (!t) return;
        t.acknowledged = true;
        t.original = [4, 5, 6, 7].includes(Number((body as { type?: unknown } | null)?.type));
      } else if (method === 'DELETE' && (m = WEBHOOK.exec(path)) && m[2] === '@original') {
        const t = byToken.get(m[1]!);
        if (t) t.original = false;
      }
    },
  };
}
