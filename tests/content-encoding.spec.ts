// src/engine/content-encoding.ts: a body is decoded as its Content-Encoding
// says (every coding, last applied first), under the size cap, and a body that
// is not what it claims is said to be so.
import { test, expect } from '@playwright/test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { BadContentEncoding, decodeBody, DecodedTooLarge } from '../src/engine/content-encoding';

const text = Buffer.from('{"data":{"name":"' + 'é'.repeat(500) + '"}}');

test('each coding zlib knows is undone, in any case and with spaces; identity and empty names are skipped', () => {
  expect(decodeBody(gzipSync(text), 'gzip', 1 << 20)).toEqual(text);
  expect(decodeBody(gzipSync(text), 'x-gzip', 1 << 20)).toEqual(text);
  expect(decodeBody(gzipSync(text), ' GZip ', 1 << 20)).toEqual(text);
  expect(decodeBody(deflateSync(text), 'deflate', 1 << 20)).toEqual(text);
  expect(decodeBody(deflateRawSync(text), 'deflate', 1 << 20)).toEqual(text);
  expect(decodeBody(brotliCompressSync(text), 'br', 1 << 20)).toEqual(text);
  expect(decodeBody(gzipSync(text), 'identity, gzip,', 1 << 20)).toEqual(text);
  // Applied gzip first, then br: undone br first, then gzip.
  expect(decodeBody(brotliCompressSync(gzipSync(text)), 'gzip, br', 1 << 20)).toEqual(text);
});

test('no coding, identity, an empty body or a coding zlib does not know leave the bytes as they came', () => {
  const gz = gzipSync(text);
  expect(decodeBody(gz, undefined, 1 << 20)).toBe(gz);
  expect(decodeBody(gz, '', 1 << 20)).toBe(gz);
  expect(decodeBody(text, 'identity', 1 << 20)).toEqual(text);
  // A 204 or a HEAD answer may name a coding and carry no bytes.
  expect(decodeBody(Buffer.alloc(0), 'gzip', 1 << 20)).toEqual(Buffer.alloc(0));
  // zstd is not undone, nor is anything stacked with it.
  expect(decodeBody(gz, 'zstd', 1 << 20)).toBe(gz);
  expect(decodeBody(gz, 'gzip, zstd', 1 << 20)).toBe(gz);
});

test('a body that inflates past the cap is DecodedTooLarge, whichever coding inflated it', () => {
  const zeros = Buffer.alloc(64 * 1024);
  const cases: [string, Buffer][] = [
    ['gzip', gzipSync(zeros)],
    ['deflate', deflateSync(zeros)],
    ['deflate', deflateRawSync(zeros)],
    ['br', brotliCompressSync(zeros)],
  ];
  for (const [coding, body] of cases) {
    let error: unknown;
    try {
      decodeBody(body, coding, 1000);
    } catch (e) {
      error = e;
    }
    expect(error, coding).toBeInstanceOf(DecodedTooLarge);
    expect(error, coding).toMatchObject({
      name: 'DecodedTooLarge',
      message: `over 1000 bytes once decoded from ${coding}`,
    });
  }
  // At the cap exactly, it decodes.
  expect(decodeBody(gzipSync(zeros), 'gzip', zeros.length)).toEqual(zeros);
});

test('a body that is not what its coding says is BadContentEncoding, naming the coding and the cause', () => {
  let error: unknown;
  try {
    decodeBody(Buffer.from('plain text'), 'br', 1 << 20);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BadContentEncoding);
  expect(error).toMatchObject({ name: 'BadContentEncoding' });
  expect((error as Error).message).toMatch(/^not valid br \(\w+\)$/);
  expect(() => decodeBody(Buffer.from('plain text'), 'deflate', 1 << 20)).toThrow(
    /^not valid deflate \(Z_DATA_ERROR\)$/,
  );
  expect(() => decodeBody(Buffer.from('plain text'), 'gzip', 1 << 20)).toThrow('not valid gzip (Z_DATA_ERROR)');
});
