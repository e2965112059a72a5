import { describe, expect, it } from 'vitest';
import { v8Options } from '../src/v8-options.js';

describe('the V8 options a shard inherits', () => {
  it('keeps the pool size and young-generation size npm start gives, and nothing else of the parent process', () => {
    expect(v8Options(['--v8-pool-size=1', '--conditions', 'node', '--max-semi-space-size=32', '--import', 'tsx', '--expose-gc'])).toEqual([
      '--v8-pool-size=1',
      '--max-semi-space-size=32',
    ]);
    expect(v8Options([])).toEqual([]);
  });

  it('are the options npm start runs the bot with', async () => {
    const { readFile } = await import('node:fs/promises');
    const start = (JSON.parse(await readFile('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(v8Options(start.split(/\s+/))).toEqual(['--v8-pool-size=1', '--max-semi-space-size=32']);
  });
});
