/**
 * Discord's nonce rule for channel messages (https://discord.com/developers/docs/resources/message#create-message):
 * with `enforce_nonce: true`, a nonce already used in that channel within the past few minutes returns the message it
 * created instead of creating another. That is what makes a create retried after a lost response post once.
 */

/** "The past few minutes": Discord does not say how many; the fake keeps a nonce five minutes. */
export const NONCE_WINDOW_MS = 5 * 60_000;

export interface Nonces {
  /** The message this create already made, when its nonce is enforced and was seen in the channel within the window. */
  seen(channelId: string, body: Record<string, unknown> | null): unknown;
  /** Notes the message a create made, under its nonce when it enforces one. */
  made(channelId: string, body: Record<string, unknown> | null, message: unknown): void;
}

export function createNonces(now: () => number): Nonces {
  const byKey = new Map<string, { at: number; message: unknown }>();
  const keyOf = (channelId: string, body: Record<string, unknown> | null): string | null =>
    body?.enforce_nonce === true && (typeof body.nonce === 'string' || typeof body.nonce === 'number')
      ? `${channelId}:${String(body.nonce)}`
      : null;
  return {
    seen(channelId, body) {
      const key = keyOf(channelId, body);
      const hit = key ? byKey.get(key) : undefined;
      return hit && now() - hit.at <= NONCE_WINDOW_MS ? hit.message : null;
    },
    made(channelId, body, message) {
      const key = keyOf(channelId, body);
      if (key) byKey.set(key, { at: now(), message });
    },
  };
}
