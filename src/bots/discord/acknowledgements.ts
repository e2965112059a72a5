import { DiscordAPIError, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';

/** An interaction's initial responses, and what each leaves it as once Discord has taken it. */
const INITIAL_RESPONSES = {
  reply: 'replied',
  showModal: 'replied',
  update: 'replied',
  deferReply: 'deferred',
  deferUpdate: 'deferred',
} as const;

const isAlreadyAcknowledged = (err: unknown): boolean =>
  err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged;

/**
 * Makes an initial response whose answer was lost count as delivered. When Discord takes the response but the answer
 * is lost on the way back (a 502, a reset connection), discord.js sends it again and Discord refuses the second with
 * 40060 "already acknowledged": the user already sees the first. The interaction is then marked replied or deferred
 * as if the answer had come back, so a deferred command goes on to edit its reply and nobody is apologised to for a
 * reply that was shown. The adapter sends one initial response per interaction, so 40060 on it can only mean this.
 *
 * Installed once per interaction, before it is routed, so no command has to remember it. The wrapped method then
 * resolves to nothing; no command reads what an initial response resolves to.
 */
export function keepLostAcknowledgements(i: RepliableInteraction, onKept: (method: keyof typeof INITIAL_RESPONSES) => void): void {
  const methods = i as unknown as Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined>;
  for (const [name, state] of Object.entries(INITIAL_RESPONSES) as Array<[keyof typeof INITIAL_RESPONSES, 'replied' | 'deferred']>) {
    const send = methods[name];
    if (typeof send !== 'function') continue;
    methods[name] = async (...args) => {
      try {
        return await send.apply(i, args);
      } catch (err) {
        if (!isAlreadyAcknowledged(err)) throw err;
        i[state] = true;
        onKept(name);
        return undefined;
      }
    };
  }
}
