import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminalAdapter } from '../../../src/bots/terminal/adapter.js';
import type { Core } from '../../../src/core/index.js';
import { bundledCore, TEST_NOW } from '../../helpers/core.js';

async function chat(core: Core, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  const adapter = createTerminalAdapter({ core, input, output, now: () => TEST_NOW });
  await adapter.start();
  input.end(lines.join('\n') + '\n');
  await adapter.done;
  return text;
}

describe('terminal chat', () => {
  it('answers piped questions line by line with their sources, and ends with the input', async () => {
    const out = await chat(await bundledCore(), ['How long is the border?', '', 'What is the capital of France?']);
    const at = out.indexOf('I have no source on that.');
    expect(at).toBeGreaterThan(0);
    const [first, second] = [out.slice(0, at), out.slice(at)];
    expect(first).toContain('The sources differ on the length of the border');
    expect(first).toContain('[1] Eurasianet · 24 October 2023 · https://bishkekherald.com/');
    expect(first).toContain('“Kyrgyzstan and Tajikistan share almost 1,000 kilometers of border.”');
    expect(second).toContain('I have no source on that.');
  });

  it('lists sources with their dates, and describes itself', async () => {
    const out = await chat(await bundledCore(), ['/sources', '/about', '/help']);
    expect(out).toContain('• Hope and Fear on the Kyrgyz-Tajik Border — The Diplomat, February 2025');
    expect(out).toContain('• Tajik and Kyrgyz border service chiefs meet in Leilek — Asia-Plus, 6 February 2017');
    expect(out).toContain('Every answer quotes its sources word for word');
    expect(out).toContain('/sources (each source with its date)');
  });

  it('apologises for a question that fails and answers the next one', async () => {
    const real = await bundledCore();
    const flaky: Core = {
      ...real,
      ask: (q, o) =>
        q.includes('boom')
          ? (() => {
              throw new Error('index exploded');
            })()
          : real.ask(q, o),
    };
    const out = await chat(flaky, ['boom', 'What is Vorukh?']);
    expect(out).toContain('Sorry, something went wrong with that question.');
    expect(out).not.toContain('index exploded');
    expect(out).toContain('Kyrgyzstan holds that Vorukh is an enclave');
  });

  it('survives a 10,000-character line', async () => {
    const out = await chat(await bundledCore(), ['Vorukh '.repeat(1500), 'How long is the border?']);
    expect(out).toContain('The sources differ on the length of the border');
  });
});
