// The reference target: a faithful, conforming implementation of the target
// contract (shared/TARGET-CONTRACT.md), started in-process by the suite. With
// `mutations` it becomes one of the deliberately broken variants of mutants.ts.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mutationsFrom, type Mutations } from './mutants';
import { tlsFile } from './tls-files';
import { serve, type App } from './pipeline';
import { createStores, newSecrets, profileOf, type Secrets } from './stores';

export interface ReferenceOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** HTTPS port, 0 = ephemeral (default). */
  port?: number;
  /** Plain-http port answering 301, 0 = ephemeral (default). */
  httpPort?: number;
  /** Names from reference/mutants.ts; an unknown name throws. */
  mutations?: string[];
  /** Chosen credentials instead of random ones (a test that needs a `/` in a password, say). */
  secrets?: Partial<Secrets>;
  /** Delay every response by this many ms, as a distant target would (benchmarks); default 0. */
  latencyMs?: number;
}

export interface RunningReference {
  /** Every TARGET_* variable of the contract. */
  profile: Record<string, string>;
  /** Closes both listeners and any timers; idempotent. */
  close(): Promise<void>;
}

export async function startReference(opts: ReferenceOptions = {}): Promise<RunningReference> {
  const m = mutationsFrom(opts.mutations ?? []);
  const host = opts.host ?? '127.0.0.1';
  const secrets = { ...newSecrets(), ...opts.secrets };
  const timers = new Set<NodeJS.Timeout>();
  const app: App = {
    m,
    stores: createStores(secrets, m.has('rate-limit-never-resets')),
    later(task, ms) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        task();
      }, ms);
      timers.add(timer);
    },
  };

  const latency = opts.latencyMs ?? 0;
  const delay = (answer: () => void) => (latency > 0 ? app.later(answer, latency) : answer());
  const https = createHttpsServer(
    { key: readFileSync(tlsFile('server-key.pem')), cert: readFileSync(tlsFile('server.pem')) },
    (req, res) => delay(() => serve(app, req, res)),
  );
  const httpsPort = await listen(https, opts.port ?? 0, host);
  const httpsOrigin = `https://${hostForUrl(host)}:${httpsPort}`;
  const http = createHttpServer((req, res) => delay(() => redirectToHttps(req, res, httpsOrigin, m)));
  let httpPort: number;
  try {
    httpPort = await listen(http, opts.httpPort ?? 0, host);
  } catch (err) {
    await shut(https);
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    profile: profileOf(secrets, httpsOrigin, `http://${hostForUrl(host)}:${httpPort}`, tlsFile('ca.pem')),
    close() {
      closing ??= (async () => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        await Promise.all([shut(https), shut(http)]);
      })();
      return closing;
    },
  };
}

/** The plain-http listener: everything moves to https, same path and query (301). */
function redirectToHttps(req: IncomingMessage, res: ServerResponse, httpsOrigin: string, m: Mutations): void {
  let target = '/';
  try {
    const url = new URL(req.url ?? '/', 'http://reference.invalid');
    target = url.pathname + (m.has('redirect-drops-query') ? '' : url.search);
  } catch {
    // An unparseable target still moves to the https root.
  }
  const origin = m.has('redirect-to-http') ? httpsOrigin.replace(/^https:/, 'http:') : httpsOrigin;
  res.writeHead(m.has('http-redirect-302') ? 302 : 301, { Location: origin + target, 'Content-Length': '0' }).end();
  req.resume(); // discard any body so the connection can be reused
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

// Keep-alive connections would hold the process open: close them all.
function shut(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
