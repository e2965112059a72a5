import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/index.js';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export interface HealthServerOptions {
  /** METRICS_PORT; 0 takes a free port (tests), read back from `start()`. */
  port: number;
  /** The interface to listen on; by default every one, so a scraper on another machine reaches it. */
  host?: string;
  metrics: Metrics;
  readiness: Readiness;
  logger?: Logger;
}

export interface HealthServer {
  /** Listens; resolves with the port in use once requests are accepted. */
  start(): Promise<{ port: number }>;
  /** Stops listening and drops idle keep-alive connections, so a stop is not held up by a scraper. */
  stop(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body)}\n`);
};

/**
 * A small HTTP server for operators: GET /healthz (the process is alive), /readyz (200 when every required part
 * is ready, else 503 naming what is not) and /metrics (Prometheus text format).
 */
export function createHealthServer(options: HealthServerOptions): HealthServer {
  const { metrics, readiness, logger } = options;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!['/healthz', '/readyz', '/metrics'].includes(path)) return json(res, 404, { error: `no such endpoint: ${path}` });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return json(res, 405, { error: `${req.method} is not allowed; use GET` });
    }
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const status = await readiness.status();
      return json(res, status.ready ? 200 : 503, status);
    }
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      logger?.error('health_server_failed', { path: req.url, error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  return {
    start: () =>
      new Promise((resolve, reject) => {
        const failed = (err: NodeJS.ErrnoException) =>
          reject(new Error(`metrics server could not listen on port ${options.port}: ${err.code ?? err.message}`, { cause: err }));
        server.once('error', failed);
        server.listen(options.port, options.host, () => {
          server.off('error', failed);
          const { port } = server.address() as AddressInfo;
          logger?.info('health_server_listening', { port });
          resolve({ port });
        });
      }),
    stop: () =>
      new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
