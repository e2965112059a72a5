import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHealthServer } from '../../src/ops/health-server.js';
import { instrumentCore } from '../../src/ops/instrument.js';
import { createMetrics, type Metrics } from '../../src/ops/metrics.js';
import { createReadiness, type Readiness } from '../../src/ops/readiness.js';
import { bundledCore, TEST_NOW } from '../helpers/core.js';
import { parsePrometheusText, valueOf } from './prometheus-text.js';

/** The operator's endpoints on a free port, stopped when the test ends. */
async function serve(readiness: Readiness = createReadiness(['knowledge']), metrics: Metrics = createMetrics()) {
  const server = createHealthServer({ port: 0, host: '127.0.0.1', metrics, readiness });
  const { port } = await server.start();
  onTestFinished(() => server.stop());
  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, init);
    return { status: res.status, type: res.headers.get('content-type'), allow: res.headers.get('allow'), body: await res.text() };
  };
  return { server, port, get };
}

describe('the health and metrics server', () => {
  it('answers /healthz with 200 while the bot is still loading', async () => {
    const { get } = await serve();
    expect(await get('/healthz')).toMatchObject({ status: 200, body: '{"status":"ok"}\n' });
    expect((await get('/readyz')).status).toBe(503);
  });

  it('keeps /readyz at 503, naming what is not ready, until knowledge is loaded and every platform is connected', async () => {
    let gatewayUp = false;
    const readiness = createReadiness(['knowledge', 'telegram']);
    readiness.require('discord', () => gatewayUp);
    const { get } = await serve(readiness);
    const readyz = async () => {
      const r = await get('/readyz');
      return [r.status, JSON.parse(r.body).notReady];
    };
    expect(await readyz()).toEqual([503, ['knowledge', 'telegram', 'discord']]);
    readiness.set('knowledge', true);
    expect(await readyz()).toEqual([503, ['telegram', 'discord']]);
    readiness.set('telegram', true);
    expect(await readyz()).toEqual([503, ['discord']]);
    gatewayUp = true;
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ ready: true, parts: { knowledge: true, telegram: true, discord: true }, notReady: [] });
    // A platform that loses its connection takes the replica out of the load balancer again.
    readiness.set('telegram', false);
    expect(await readyz()).toEqual([503, ['telegram']]);
  });

  it('counts a check that throws as not ready, and is not ready with nothing required', async () => {
    const readiness = createReadiness();
    expect((await readiness.status()).ready).toBe(false);
    readiness.require('knowledge', () => true);
    readiness.require('store', () => Promise.reject(new Error('connection refused')));
    expect(await readiness.status()).toEqual({ ready: false, parts: { knowledge: true, store: false }, notReady: ['store'] });
  });

  it('serves /metrics as Prometheus text whose question counters move as questions are answered', async () => {
    const metrics = createMetrics({ platforms: ['telegram'] });
    const core = instrumentCore(await bundledCore(), metrics, 'telegram');
    const { get } = await serve(createReadiness(['knowledge']), metrics);
    const scrape = async () => {
      const r = await get('/metrics');
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^text\/plain; version=0\.0\.4/);
      return parsePrometheusText(r.body);
    };
    const answered = { platform: 'telegram', outcome: 'answered' };
    const noSource = { platform: 'telegram', outcome: 'no_source' };
    const before = await scrape();
    expect([valueOf(before, 'border_bot_questions_total', answered), valueOf(before, 'border_bot_questions_total', noSource)]).toEqual([
      0, 0,
    ]);
    expect(core.ask('How long is the border?', { now: TEST_NOW }).answered).toBe(true);
    expect(core.ask('What is the capital of France?', { now: TEST_NOW }).answered).toBe(false);
    const after = await scrape();
    expect([valueOf(after, 'border_bot_questions_total', answered), valueOf(after, 'border_bot_questions_total', noSource)]).toEqual([
      1, 1,
    ]);
    expect(valueOf(after, 'border_bot_answer_duration_seconds_count', { platform: 'telegram' })).toBe(2);
    expect(valueOf(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    core.ask('What is Vorukh?', { now: TEST_NOW });
    expect(valueOf(await scrape(), 'border_bot_questions_total', answered)).toBe(2);
  });

  it('answers an unknown path with 404 and a POST with 405', async () => {
    const { get } = await serve();
    expect(await get('/nope')).toMatchObject({ status: 404, body: '{"error":"no such endpoint: /nope"}\n' });
    expect(await get('/metrics', { method: 'POST' })).toMatchObject({ status: 405, allow: 'GET, HEAD' });
  });

  it('names the port when it cannot listen, and frees its port when stopped', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => void taken.close());
    const port = (taken.address() as { port: number }).port;
    const server = createHealthServer({ port, host: '127.0.0.1', metrics: createMetrics(), readiness: createReadiness() });
    await expect(server.start()).rejects.toThrow(`metrics server could not listen on port ${port}: EADDRINUSE`);

    const { server: running, port: used, get } = await serve();
    expect((await get('/healthz')).status).toBe(200);
    await running.stop();
    await expect(fetch(`http://127.0.0.1:${used}/healthz`)).rejects.toThrow();
  });
});
