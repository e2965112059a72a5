import { SnowflakeUtil, type Client } from 'discord.js';
import type { KnowledgeService, Logger } from '../../core/index.js';
import { announcement, reloadRefused } from '../../moderation/index.js';
import { renderDiscordText } from './render.js';

/**
 * Every accepted update, and every refused hand edit of the knowledge files, posted to the announcement channel.
 * Returns what stops it.
 */
export function startAnnouncements(
  client: Client,
  deps: { knowledge: Pick<KnowledgeService, 'onUpdate' | 'onReload'>; channelId: string | null; logger: Logger },
): () => void {
  const { channelId } = deps;
  if (!channelId) return () => {};
  // The nonce, made once per announcement, is what a retry after a lost response sends again: Discord then returns
  // the message it posted instead of posting a second one.
  const post = (text: string) =>
    void client.rest
      .post(`/channels/${channelId}/messages`, {
        body: {
          ...renderDiscordText(text),
          allowed_mentions: { parse: [] },
          nonce: SnowflakeUtil.generate().toString(),
          enforce_nonce: true,
        },
      })
      .catch((err: unknown) =>
        deps.logger.warn('discord_announce_failed', { platform: 'discord', error: err instanceof Error ? err.name : 'unknown' }),
      );
  const off = deps.knowledge.onUpdate((record) => post(announcement(record)));
  const offReload = deps.knowledge.onReload((result) => {
    if (!result.ok) post(reloadRefused(result.problems));
  });
  return () => {
    off();
    offReload();
  };
}
