// src/engine/transcript.ts: what was sent and what came back, redacted and
// bounded: bodies capped at 16 KiB (a cut response says so), long repeats kept
// at both ends with the rest counted.
import { test, expect } from '@playwright/test';
import { Redactor } from '../src/engine/redact';
import { Transcript } from '../src/engine/transcript';

const MAX = 16 * 1024;
const req = (body?: string) => ({
  method: 'POST',
  url: 'https://h.test/s?token=sekret',
  headers: { 'x-auth-token': 'sekret' },
  body,
});

test('requests and responses are redacted; bodies past 16 KiB are cut, and a cut response says so', () => {
  const t = new Transcript(new Redactor(['sekret']));
  const small = t.request('setup: make', req('{"a":"sekret"}'));
  expect(small).toEqual({
    step: 'setup: make',
    request: {
      method: 'POST',
      url: 'https://h.test/s?token=[REDACTED]',
      headers: { 'x-auth-token': '[REDACTED]' },
      body: '{"a":"[REDACTED]"}',
    },
  });
  expect(t.request('x', req()).request).not.toHaveProperty('body');
  expect(t.request('x', req('y'.repeat(MAX + 5))).request.body).toBe('y'.repeat(MAX));

  t.response(small, { status: 201, headers: { echo: 'sekret' }, body: 'z'.repeat(MAX), durationMs: 12 });
  expect(small.response).toEqual({
    status: 201,
    headers: { echo: '[REDACTED]' },
    body: 'z'.repeat(MAX),
    durationMs: 12,
  });
  const big = t.request('x', req());
  t.response(big, { status: 200, headers: {}, body: 'z'.repeat(MAX + 1), durationMs: 1 });
  expect(big.response).toEqual({ status: 200, headers: {}, body: 'z'.repeat(MAX), truncated: true, durationMs: 1 });

  const failed = t.request('x', req());
  t.error(failed, new Error('GET https://h.test: sekret refused'));
  expect(failed.error).toBe('GET https://h.test: [REDACTED] refused');
  t.error(failed, 'plain sekret');
  expect(failed.error).toBe('plain [REDACTED]');
});

test('a step of up to six exchanges is kept whole; a longer one keeps three at each end and counts the rest', () => {
  const t = new Transcript(new Redactor([]));
  const make = (n: number, step: string) => Array.from({ length: n }, (_, i) => t.request(`${step} ${i}`, req()));
  t.add(make(6, 'a'));
  expect(t.exchanges.map((e) => e.step)).toEqual(['a 0', 'a 1', 'a 2', 'a 3', 'a 4', 'a 5']);
  expect(t.omitted).toBe(0);
  t.add(make(7, 'b'));
  expect(t.exchanges.slice(6).map((e) => e.step)).toEqual(['b 0', 'b 1', 'b 2', 'b 4', 'b 5', 'b 6']);
  expect(t.omitted).toBe(1);
  t.add(make(10, 'c'));
  expect(t.omitted).toBe(5);
  expect(t.exchanges).toHaveLength(18);
});
