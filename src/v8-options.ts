/**
 * The node options `npm start` tunes V8 with (see the README's "Answer latency and V8's threads"): the processes the
 * bot starts (Discord shards) run with them too, and the benchmark reports them with its figures.
 */
const V8_OPTIONS = ['--v8-pool-size', '--max-semi-space-size'];

/** Those of a process's node options (`process.execArgv`) that tune V8 as above; a test runner's others are left out. */
export const v8Options = (execArgv: readonly string[]): string[] => execArgv.filter((a) => V8_OPTIONS.some((o) => a.startsWith(o)));
