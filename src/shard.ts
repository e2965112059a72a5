// One Discord shard: the process discord.js's ShardingManager starts for each shard when DISCORD_SHARDS is set
// (through scripts/run.mjs, so it is compiled or from source like npm start). It runs the bot as npm start does, with
// the settings its manager passed down: Discord alone, on the shared store and knowledge.
import { loadShardConfig } from './config.js';
import { configOrExit, main } from './main.js';
import { forwardingOps } from './ops/index.js';

// The manager gone (its IPC channel closed) leaves nobody to stop this shard: stop as on SIGTERM.
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
// What this shard measures is sent to its manager, which serves /metrics for all of them.
const toManager = (message: unknown) => process.connected && process.send?.(message);
await main(configOrExit(loadShardConfig), { ops: forwardingOps(toManager) });
