import { ButtonStyle, ComponentType } from 'discord.js';
import type { DiscordMessage } from './render.js';

/** An answer with 👍 and 👎 under it, when votes are recorded (keys given); as it was otherwise. */
export function withVoteButtons(message: DiscordMessage, keys: { up: string; down: string } | null): DiscordMessage {
  if (!keys) return message;
  const button = (label: string, custom_id: string) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label,
    custom_id,
  });
  return {
    ...message,
    components: [
      ...message.components,
      { type: ComponentType.ActionRow, components: [button('👍', keys.up), button('👎', keys.down)] },
    ] as DiscordMessage['components'],
  };
}
