// The HTTP layer over real loopback sockets: requests go out exactly as
// written, redirects are never followed, and a hostile server cannot stall or
// flood the run.
import { test, expect } from '@playwright/test';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer as createTcpServer } from 'node:net';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { HttpClient, TransportError } from '../src/engine/http';
import { ProfileError } from '../src/profile/profile-error';
import { tlsFile } from '../reference/tls-files';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

async function serve(
  handler: Handler,
  server: Server = createServer(),
  scheme = 'http',
): Promise<{ url: string; close: () => Promise<void> }> {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

const echo: Handler = (req, body, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ method: req.method, headers: req.headers, body }));
};

test('TRACE, PATCH and bodies without Content-Type go out exactly as written', async () => {
  const server = await serve(echo);
  const http = new HttpClient({ timeoutMs: 2000 });
  try {
    const trace = JSON.parse((await http.send({ method: 'TRACE', url: `${server.url}/x`, headers: {} })).body);
    expect(trace.method).toBe('TRACE');
    const patch = JSON.parse(
      (
        await http.send({
          method: 'PATCH',
          url: `${server.url}/x`,
          headers: { accept: 'application/json' },
          body: '{"a":1}',
        })
      ).body,
    );
    expect(patch).toMatchObject({ method: 'PATCH', body: '{"a":1}' });
    expect(patch.headers['content-type']).toBeUndefined();
    expect(patch.headers.accept).toBe('application/json');
  } finally {
    await http.close();
    await server.close();
  }
});

test('redirects are returned, never followed', async () => {
  let hits = 0;
  const server = await serve((req, _b, res) => {
    hits++;
    res.writeHead(301, { location: '/elsewhere' }).end();
  });
  const http = new HttpClient({ timeoutMs: 2000 });
  try {
    const res = await http.send({ method: 'GET', url: `${server.url}/start`, headers: {} });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/elsewhere');
    expect(hits).toBe(1);
  } finally {
    await http.close();
    await server.close();
  }
});

test('a body over the size cap is a target fault with a clear message', async () => {
  const server = await serve((_req, _b, res) => res.end('x'.repeat(64 * 1024)));
  const http = new HttpClient({ timeoutMs: 300, maxBodyBytes: 1024 });
  try {
    const huge = await http.send({ method: 'GET', url: `${server.url}/huge`, headers: {} }).catch((e) => e);
    expect(huge).toBeInstanceOf(TransportError);
    expect(huge).toMatchObject({ targetFault: true });
    expect(huge.message).toContain('exceeds the size cap');
  } finally {
    await http.close();
    await server.close();
  }
});

test('each timeout says which limit it hit: headers, a stalled body, or the overall cap', async () => {
  // T is well above undici's timer resolution (about half a second), so headers and idle limits fire before 2T.
  const T = 2500;
  const timers = new Set<NodeJS.Timeout>();
  const server = await serve((req, _b, res) => {
    if (req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('the first and only chunk');
    } else if (req.url === '/drip') {
      // A byte every 400 ms: never idle for T, never done either.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('x'), 400);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    }
    // /hang: headers never come
  });
  const http = new HttpClient({ timeoutMs: T });
  const timed = async (path: string) => {
    const started = Date.now();
    const error = await http.send({ method: 'GET', url: `${server.url}${path}`, headers: {} }).catch((e) => e);
    return { error, ms: Date.now() - started };
  };
  try {
    const [hang, stall, drip] = await Promise.all([timed('/hang'), timed('/stall'), timed('/drip')]);
    for (const r of [hang, stall, drip]) expect(r.error).toMatchObject({ name: 'TransportError', targetFault: true });
    expect(hang.error.message).toMatch(/: no response headers within 2500 ms$/);
    expect(hang.ms).toBeLessThan(2 * T);
    expect(stall.error.message).toMatch(
      /: the response body stalled: no data for 2500 ms \(status 200 came after \d+ ms\)$/,
    );
    expect(stall.ms).toBeLessThan(2 * T);
    expect(drip.error.message).toMatch(
      /: the whole response took longer than the overall cap of 5000 ms \(status 200 came after \d+ ms; the body kept trickling in\)$/,
    );
    expect(drip.ms).toBeGreaterThanOrEqual(2 * T - 50);
  } finally {
    for (const t of timers) clearInterval(t);
    await http.close();
    await server.close();
  }
});

test('a gzip, deflate or br body is decoded, its Content-Encoding header kept', async () => {
  const json = JSON.stringify({ data: { id: 1, name: 'é'.repeat(2000) } });
  const codings: Record<string, (b: Buffer) => Buffer> = {
    gzip: gzipSync,
    deflate: deflateSync,
    'raw-deflate': deflateRawSync,
    br: brotliCompressSync,
    'br-over-gzip': (b) => brotliCompressSync(gzipSync(b)),
  };
  const headerOf = (name: string) => ({ 'raw-deflate': 'deflate', 'br-over-gzip': 'gzip, br' })[name] ?? name;
  const server = await serve((req, _b, res) => {
    const name = req.url!.slice(1);
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': headerOf(name) });
    res.end(codings[name](Buffer.from(json)));
  });
  const http = new HttpClient({ timeoutMs: 2000 });
  try {
    for (const name of Object.keys(codings)) {
      const res = await http.send({ method: 'GET', url: `${server.url}/${name}`, headers: {} });
      expect(res.body, name).toBe(json);
      expect(res.headers['content-encoding'], name).toBe(headerOf(name));
    }
  } finally {
    await http.close();
    await server.close();
  }
});

test('a compressed body that inflates past the size cap, or is not what it claims, is a target fault', async () => {
  const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024)); // 8 MiB of zeros in about 8 KiB
  const server = await serve((req, _b, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(req.url === '/bomb' ? bomb : 'not gzip at all');
  });
  const http = new HttpClient({ timeoutMs: 2000, maxBodyBytes: 1024 * 1024 });
  try {
    expect(bomb.length).toBeLessThan(64 * 1024);
    const inflated = await http.send({ method: 'GET', url: `${server.url}/bomb`, headers: {} }).catch((e) => e);
    expect(inflated).toBeInstanceOf(TransportError);
    expect(inflated).toMatchObject({ targetFault: true });
    expect(inflated.message).toContain('exceeds the size cap (over 1048576 bytes once decoded from gzip)');
    const garbled = await http.send({ method: 'GET', url: `${server.url}/garbled`, headers: {} }).catch((e) => e);
    expect(garbled).toMatchObject({ name: 'TransportError', targetFault: true });
    expect(garbled.message).toContain(
      'the response body is not valid gzip (Z_DATA_ERROR), as its Content-Encoding says it is',
    );
  } finally {
    await http.close();
    await server.close();
  }
});

test('TLS is verified: an unknown CA is refused with the fix named; the test CA is trusted', async () => {
  const tls = (f: 'server.pem' | 'server-key.pem') => readFileSync(tlsFile(f));
  const server = await serve(echo, createHttpsServer({ key: tls('server-key.pem'), cert: tls('server.pem') }), 'https');
  const url = server.url;
  const strict = new HttpClient({ timeoutMs: 2000 });
  const trusting = new HttpClient({ timeoutMs: 2000, caFile: tlsFile('ca.pem') });
  try {
    const refused = await strict.send({ method: 'GET', url, headers: {} }).catch((e) => e);
    expect(refused).toBeInstanceOf(TransportError);
    expect(refused).toMatchObject({ targetFault: false });
    expect(refused.message).toContain('TARGET_TLS_CA_FILE');
    expect((await trusting.send({ method: 'GET', url, headers: {} })).status).toBe(200);
  } finally {
    await strict.close();
    await trusting.close();
    await server.close();
  }
});

test('a refused connection says to check the target and its base URL', async () => {
  const server = await serve(echo);
  const url = server.url;
  await server.close();
  const http = new HttpClient({ timeoutMs: 1000 });
  try {
    const err = await http.send({ method: 'GET', url, headers: {} }).catch((e) => e);
    expect(err).toMatchObject({ targetFault: false });
    expect(err.message).toContain('cannot connect (ECONNREFUSED)');
  } finally {
    await http.close();
  }
});

test('a CA file that cannot be read or is not a PEM certificate is named when the client is made', ({}, testInfo) => {
  const garbage = testInfo.outputPath('garbage.pem');
  writeFileSync(garbage, 'not a certificate');
  const truncated = testInfo.outputPath('truncated.pem');
  writeFileSync(truncated, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  const missing = testInfo.outputPath('missing.pem');
  const cases: [string, string][] = [
    [garbage, `TARGET_TLS_CA_FILE ${garbage} is not a PEM certificate`],
    [truncated, `TARGET_TLS_CA_FILE ${truncated}: certificate 1 of 1 does not parse`],
    [missing, `TARGET_TLS_CA_FILE ${missing} cannot be read (ENOENT)`],
  ];
  for (const [caFile, message] of cases) {
    expect(() => new HttpClient({ caFile }), caFile).toThrow(ProfileError);
    expect(() => new HttpClient({ caFile }), caFile).toThrow(message);
  }
});

test('a repeated header comes back as one value, joined with ", "; names are lower-case', async () => {
  const server = await serve((_req, _b, res) => {
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.setHeader('X-Mixed-Case', 'v');
    res.end('ok');
  });
  const http = new HttpClient({ timeoutMs: 2000 });
  try {
    const res = await http.send({ method: 'GET', url: server.url, headers: {} });
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
    expect(res.headers['x-mixed-case']).toBe('v');
    expect(res.body).toBe('ok');
    expect(res.status).toBe(200);
  } finally {
    await http.close();
    await server.close();
  }
});

test('a connection closed in the middle of the body is a target fault', async () => {
  const server = await serve((_req, _b, res) => {
    res.writeHead(200, { 'content-length': '100' });
    res.write('partial');
    setTimeout(() => res.destroy(), 50);
  });
  const http = new HttpClient({ timeoutMs: 2000 });
  try {
    const err = await http.send({ method: 'GET', url: `${server.url}/x`, headers: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({
      targetFault: true,
      message: `GET ${server.url}: the connection was closed before a complete response`,
    });
  } finally {
    await http.close();
    await server.close();
  }
});

test('a host that does not resolve cannot be connected to; any other failure is named with its code', async () => {
  const http = new HttpClient({ timeoutMs: 2000 });
  try {
    const unknown = await http
      .send({ method: 'GET', url: 'http://no-such-host.invalid/x', headers: {} })
      .catch((e) => e);
    expect(unknown).toMatchObject({ targetFault: false });
    expect(unknown.message).toMatch(
      /^GET http:\/\/no-such-host\.invalid: cannot connect \((ENOTFOUND|EAI_AGAIN)\); is the target running and the base URL in the profile right\?$/,
    );
    const odd = await http.send({ method: 'GET', url: 'ftp://127.0.0.1/x', headers: {} }).catch((e) => e);
    expect(odd).toBeInstanceOf(TransportError);
    expect(odd).toMatchObject({ targetFault: false });
    expect(odd.message).toMatch(/^GET ftp:\/\/127\.0\.0\.1: Invalid URL protocol.* \(UND_ERR_INVALID_ARG\)$/);
  } finally {
    await http.close();
  }
});

test('a response says how long it took; a stalled body says when its status came', async () => {
  const server = await serve((req, _b, res) => {
    if (req.url === '/slow') setTimeout(() => res.end('late'), 150);
    else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('one chunk, then nothing');
    }
  });
  const http = new HttpClient({ timeoutMs: 1000 });
  try {
    const slow = await http.send({ method: 'GET', url: `${server.url}/slow`, headers: {} });
    expect(slow.durationMs).toBeGreaterThanOrEqual(140);
    expect(slow.durationMs).toBeLessThan(1000);
    const started = Date.now();
    const stalled = await http.send({ method: 'GET', url: `${server.url}/stall`, headers: {} }).catch((e) => e);
    const elapsed = Date.now() - started;
    const after = Number(/status 200 came after (\d+) ms/.exec(stalled.message)?.[1]);
    expect(after).toBeGreaterThanOrEqual(0);
    expect(after).toBeLessThan(Math.min(400, elapsed));
  } finally {
    await http.close();
    await server.close();
  }
});

test('a closed client sends nothing more', async () => {
  let requests = 0;
  const server = await serve((_req, _b, res) => {
    requests++;
    res.end('ok');
  });
  const http = new HttpClient({ timeoutMs: 1000 });
  try {
    expect((await http.send({ method: 'GET', url: server.url, headers: {} })).body).toBe('ok');
    await http.close();
    await expect(http.send({ method: 'GET', url: server.url, headers: {} })).rejects.toThrow();
    expect(requests).toBe(1);
  } finally {
    await server.close();
  }
});

test('a connection reset by the target is a target fault', async () => {
  // A raw socket that answers the request with a TCP reset.
  const server = createTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = new HttpClient({ timeoutMs: 2000 });
  try {
    const err = await http.send({ method: 'GET', url: `${url}/x`, headers: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({
      targetFault: true,
      message: `GET ${url}: the connection was closed before a complete response`,
    });
  } finally {
    await http.close();
    await new Promise((r) => server.close(r));
  }
});

test('a target that never completes the connection: the connect limit is the timeout (at most 10 s), named as such', async () => {
  // A listener in a stopped process with its accept queue full: the kernel drops further SYNs.
  const child = spawn(
    process.execPath,
    [
      '-e',
      "const s = require('net').createServer(); s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => console.log('PORT ' + s.address().port));",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const fillers: ReturnType<typeof connect>[] = [];
  const http = new HttpClient({ timeoutMs: 400 });
  try {
    let out = '';
    const port = await new Promise<number>((r) =>
      child.stdout.on('data', (d) => {
        out += String(d);
        const m = /^PORT (\d+)$/m.exec(out);
        if (m) r(Number(m[1]));
      }),
    );
    process.kill(child.pid!, 'SIGSTOP');
    for (let i = 0; i < 4; i++) fillers.push(connect(port, '127.0.0.1').on('error', () => {}));
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const err = await http.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} }).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err).toMatchObject({
      targetFault: false,
      message: `GET http://127.0.0.1:${port}: cannot connect (UND_ERR_CONNECT_TIMEOUT); is the target running and the base URL in the profile right?`,
    });
  } finally {
    await http.close();
    for (const f of fillers) f.destroy();
    child.kill('SIGKILL');
  }
});
