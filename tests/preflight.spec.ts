// src/engine/preflight.ts: one request per distinct origin of the profile, an
// authenticated read on the main store, each problem said once with the profile
// variables to fix. Against the reference target (HTTPS with its own CA) and
// small servers on loopback sockets.
import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preflight } from '../src/engine/preflight';
import { startReference } from '../reference/server';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const close = (server: Server) => new Promise((r) => server.close(r));

/** An origin where nothing listens. */
async function deadOrigin(): Promise<string> {
  const { server, origin } = await listen(() => {});
  await close(server);
  return origin;
}

test('a reachable target that takes the main token has no problem; a refused token is named', async () => {
  const ref = await startReference();
  try {
    expect(await preflight(ref.profile, 5000)).toEqual([]);
    expect(await preflight({ ...ref.profile, TARGET_AUTH_TOKEN: 'not-the-token' }, 5000)).toEqual([
      {
        variables: ['TARGET_AUTH_TOKEN'],
        message:
          'TARGET_AUTH_TOKEN was refused (401) by the store at TARGET_BASE_URL: set it to a token of that store with full scopes',
      },
    ]);
  } finally {
    await ref.close();
  }
});

test('a certificate the profile does not trust names TARGET_TLS_CA_FILE with every store on that origin; TARGET_TLS_INSECURE skips it', async () => {
  const ref = await startReference();
  try {
    const { TARGET_TLS_CA_FILE: _ca, ...untrusted } = ref.profile;
    const problems = await preflight(untrusted, 5000);
    const httpsStores = [
      'TARGET_BASE_URL',
      'TARGET_MAINTENANCE_BASE_URL',
      'TARGET_PLAN_LIMITED_BASE_URL',
      'TARGET_CATEGORY_LIMITED_BASE_URL',
      'TARGET_RATE_LIMITED_BASE_URL',
      'TARGET_FAULT_BASE_URL',
      'TARGET_LEGACY_BASE_URL',
    ];
    expect(problems).toHaveLength(1); // the plain-http front door only redirects: it answers
    expect(problems[0].variables).toEqual([...httpsStores, 'TARGET_TLS_CA_FILE']);
    const origin = new URL(ref.profile.TARGET_BASE_URL).origin;
    expect(problems[0].message).toMatch(
      new RegExp(
        `^${httpsStores.join(', ')}: GET ${origin}: TLS verification failed \\(\\w+\\); set TARGET_TLS_CA_FILE`,
      ),
    );
    for (const insecure of ['1', 'true', 'YES'])
      expect(await preflight({ ...untrusted, TARGET_TLS_INSECURE: insecure }, 5000), insecure).toEqual([]);
    expect(await preflight({ ...untrusted, TARGET_TLS_INSECURE: 'no' }, 5000)).toHaveLength(1);
    expect(await preflight({ ...untrusted, TARGET_TLS_INSECURE: 'true-ish' }, 5000)).toHaveLength(1);
    expect(await preflight({ ...untrusted, TARGET_TLS_INSECURE: 'untrue' }, 5000)).toHaveLength(1);
  } finally {
    await ref.close();
  }
});

test('one request per origin: an authenticated read on the main store, a plain GET of the others; any answer passes', async () => {
  const seen: string[] = [];
  const main = await listen((req, res) => {
    seen.push(`main ${req.method} ${req.url} token=${req.headers['x-auth-token']} accept=${req.headers.accept}`);
    res.writeHead(500).end();
  });
  const other = await listen((req, res) => {
    seen.push(`other ${req.method} ${req.url} token=${req.headers['x-auth-token']} accept=${req.headers.accept}`);
    res.writeHead(401).end();
  });
  try {
    const problems = await preflight(
      {
        TARGET_BASE_URL: `${main.origin}/stores/m//`,
        TARGET_AUTH_TOKEN: 'tok',
        TARGET_MAINTENANCE_BASE_URL: `${main.origin}/stores/maint`,
        TARGET_FAULT_BASE_URL: `${other.origin}/stores/f`,
        TARGET_FAULT_TOKEN: 'fault-tok',
        TARGET_LEGACY_BASE_URL: `${other.origin}/legacy/api/v2`,
      },
      5000,
    );
    expect(problems).toEqual([]);
    expect(seen.sort()).toEqual([
      'main GET /stores/m/v3/catalog/products?limit=1 token=tok accept=application/json',
      'other GET /stores/f token=undefined accept=application/json',
    ]);

    // Without a main token the main origin gets a plain GET, and its 401 is no problem either.
    seen.length = 0;
    expect(await preflight({ TARGET_BASE_URL: `${other.origin}/stores/s` }, 5000)).toEqual([]);
    expect(seen).toEqual(['other GET /stores/s token=undefined accept=application/json']);
    // A 401 from the main store's authenticated read is the token's problem, on the main origin only.
    seen.length = 0;
    const refused = await preflight({ TARGET_BASE_URL: `${other.origin}/s`, TARGET_AUTH_TOKEN: 'bad' }, 5000);
    expect(refused.map((p) => p.variables)).toEqual([['TARGET_AUTH_TOKEN']]);
    expect(seen).toEqual(['other GET /s/v3/catalog/products?limit=1 token=bad accept=application/json']);
  } finally {
    await close(main.server);
    await close(other.server);
  }
});

test('an origin that cannot be reached names every store variable on it, once', async () => {
  const up = await listen((_req, res) => res.writeHead(200).end('{}'));
  const dead = await deadOrigin();
  try {
    const problems = await preflight(
      {
        TARGET_BASE_URL: `${up.origin}/stores/main`,
        TARGET_AUTH_TOKEN: 'tok',
        TARGET_RATE_LIMITED_BASE_URL: `${dead}/stores/rate`,
        TARGET_FAULT_BASE_URL: `${dead}/stores/fault`,
      },
      5000,
    );
    expect(problems).toEqual([
      {
        variables: ['TARGET_RATE_LIMITED_BASE_URL', 'TARGET_FAULT_BASE_URL'],
        message: `TARGET_RATE_LIMITED_BASE_URL, TARGET_FAULT_BASE_URL: GET ${dead}: cannot connect (ECONNREFUSED); is the target running and the base URL in the profile right?`,
      },
    ]);
  } finally {
    await close(up.server);
  }
});

test('the timeout given is the one each request waits', async () => {
  const silent = await listen(() => {}); // accepts, never answers
  try {
    const started = performance.now();
    const problems = await preflight({ TARGET_FAULT_BASE_URL: `${silent.origin}/f` }, 300);
    expect(performance.now() - started).toBeLessThan(3000);
    // The headers limit (T) or, on a loaded machine, the overall cap (2T): either way the T given.
    expect(problems).toEqual([
      {
        variables: ['TARGET_FAULT_BASE_URL'],
        message: expect.stringMatching(
          `^TARGET_FAULT_BASE_URL: GET ${silent.origin}: no response (headers within 300 ms|within the overall cap of 600 ms)`,
        ),
      },
    ]);
  } finally {
    silent.server.closeAllConnections();
    await close(silent.server);
  }
});

test('the pre-flight closes its connections when it is done', async () => {
  const up = await listen((_req, res) => res.writeHead(200, { connection: 'keep-alive' }).end('{}'));
  try {
    expect(await preflight({ TARGET_BASE_URL: `${up.origin}/s`, TARGET_AUTH_TOKEN: 't' }, 5000)).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    const open = await new Promise<number>((r) => up.server.getConnections((_e, n) => r(n)));
    expect(open).toBe(0);
  } finally {
    up.server.closeAllConnections();
    await close(up.server);
  }
});

test('an abandoned pre-flight ends at once, reports no problem and leaves no connection open', async () => {
  const silent = await listen(() => {}); // accepts, never answers
  try {
    const abandon = new AbortController();
    const started = performance.now();
    const answer = preflight({ TARGET_BASE_URL: `${silent.origin}/s`, TARGET_AUTH_TOKEN: 't' }, 30_000, abandon.signal);
    await expect.poll(() => new Promise<number>((r) => silent.server.getConnections((_e, n) => r(n)))).toBe(1);
    abandon.abort();
    expect(await answer).toEqual([]);
    expect(performance.now() - started).toBeLessThan(3000);
    await expect.poll(() => new Promise<number>((r) => silent.server.getConnections((_e, n) => r(n)))).toBe(0);
  } finally {
    silent.server.closeAllConnections();
    await close(silent.server);
  }
});
