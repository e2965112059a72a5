import { Events, type Client } from 'discord.js';
import type { Logger } from '../../core/index.js';

/** Which gateway connections (by shard id) are down; `report` hears only changes: false when one is lost, true when all are back. */
export function createConnectionState(report: (connected: boolean) => void): { lost(shard: number): void; back(shard: number): void } {
  const down = new Set<number>();
  let last = true;
  const tell = () => {
    if ((down.size === 0) === last) return;
    last = down.size === 0;
    report(last);
  };
  return {
    lost: (shard) => (down.add(shard), tell()),
    back: (shard) => (down.delete(shard), tell()),
  };
}

/**
 * Follows the gateway connections of a client (one per shard it holds): lost when one closes for good or is
 * reconnecting, back once it is ready or resumed again. While `closing()` says so, a closed connection is no news.
 */
export function followConnection(
  client: Client,
  { logger, report, closing }: { logger: Logger; report: (connected: boolean) => void; closing: () => boolean },
): void {
  const state = createConnectionState(report);
  client.on(Events.ShardReconnecting, (shard) => {
    if (closing()) return;
    logger.warn('gateway_reconnecting', { platform: 'discord', shard });
    state.lost(shard);
  });
  // A close Discord means for good (a bad token, an invalid shard): discord.js will not reconnect by itself.
  client.on(Events.ShardDisconnect, ({ code }, shard) => {
    if (closing()) return;
    logger.error('gateway_disconnected', { platform: 'discord', shard, code });
    state.lost(shard);
  });
  client.on(Events.ShardReady, state.back);
  client.on(Events.ShardResume, state.back);
}
