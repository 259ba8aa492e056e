// src/engine/pacing.ts: how long a 429 (or a response that spent the window)
// makes the next request wait, from which headers, and for how many retries.
import { test, expect } from '@playwright/test';
import type { IncomingResponse } from '../src/engine/http';
import { MAX_PACING_RETRIES, paced, pacingDelay, quotaSpentDelay } from '../src/engine/pacing';

const res = (status: number, headers: Record<string, string> = {}): IncomingResponse => ({
  status,
  headers,
  body: '',
  durationMs: 1,
});

test('a 429 waits the longer of X-Rate-Limit-Time-Reset-Ms and X-Retry-After (or Retry-After), up to 35 s', () => {
  expect(pacingDelay(res(429, { 'x-rate-limit-time-reset-ms': '1500' }))).toBe(1500);
  expect(pacingDelay(res(429, { 'x-retry-after': '2' }))).toBe(2000);
  expect(pacingDelay(res(429, { 'retry-after': '3' }))).toBe(3000);
  expect(pacingDelay(res(429, { 'x-retry-after': '1', 'retry-after': '9' }))).toBe(1000);
  expect(pacingDelay(res(429, { 'x-rate-limit-time-reset-ms': '2500', 'x-retry-after': '2' }))).toBe(2500);
  expect(pacingDelay(res(429, { 'x-rate-limit-time-reset-ms': '500', 'x-retry-after': '2' }))).toBe(2000);
  expect(pacingDelay(res(429, { 'x-rate-limit-time-reset-ms': '0' }))).toBe(0);
  expect(pacingDelay(res(429, { 'x-rate-limit-time-reset-ms': '35000' }))).toBe(35000);
  expect(pacingDelay(res(429, { 'x-rate-limit-time-reset-ms': '35001' }))).toBeUndefined();
  expect(pacingDelay(res(429, { 'x-rate-limit-time-reset-ms': '-1', 'x-retry-after': 'soon' }))).toBeUndefined();
  expect(pacingDelay(res(429, { 'x-rate-limit-time-reset-ms': '-1', 'x-retry-after': '1' }))).toBe(1000);
  expect(pacingDelay(res(429))).toBeUndefined();
  expect(pacingDelay(res(503, { 'retry-after': '1' }))).toBeUndefined();
});

test('a response that spent the window (requests left 0) waits for the reset; a 429 or requests left do not', () => {
  const spent = (headers: Record<string, string>, status = 200) => quotaSpentDelay(res(status, headers));
  expect(spent({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '700' })).toBe(700);
  expect(spent({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '0' })).toBe(0);
  expect(spent({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '35000' })).toBe(35000);
  expect(spent({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '35001' })).toBeUndefined();
  expect(spent({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '-5' })).toBeUndefined();
  expect(spent({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': 'x' })).toBeUndefined();
  expect(spent({ 'x-rate-limit-requests-left': '0' })).toBeUndefined();
  expect(spent({ 'x-rate-limit-requests-left': '1', 'x-rate-limit-time-reset-ms': '700' })).toBeUndefined();
  expect(spent({ 'x-rate-limit-time-reset-ms': '700' })).toBeUndefined();
  expect(spent({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '700' }, 429)).toBeUndefined();
});

test('paced: a 429 is retried twice at most, each after its wait; then it is judged as it is', async () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  const answers = [
    res(429, { 'x-retry-after': '1' }),
    res(429, { 'x-retry-after': '2' }),
    res(429, { 'x-retry-after': '3' }),
  ];
  let n = 0;
  const last = await paced(async () => answers[n++], { checks429: false, sleep });
  expect(MAX_PACING_RETRIES).toBe(2);
  expect(n).toBe(3);
  expect(last).toBe(answers[2]);
  expect(waits).toEqual([1000, 2000]);
});

test('paced: a request about 429 itself is never waited out; a spent window is waited after the answer', async () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  let n = 0;
  const limited = res(429, { 'x-retry-after': '1' });
  expect(await paced(async () => (n++, limited), { checks429: true, sleep })).toBe(limited);
  expect(n).toBe(1);
  const spent = res(201, { 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '300' });
  expect(await paced(async () => spent, { checks429: true, sleep })).toBe(spent);
  expect(waits).toEqual([]);
  expect(await paced(async () => spent, { checks429: false, sleep })).toBe(spent);
  expect(waits).toEqual([300]);
  // A 429 without a usable wait is judged at once.
  n = 0;
  const bare = res(429);
  expect(await paced(async () => (n++, bare), { checks429: false, sleep })).toBe(bare);
  expect(n).toBe(1);
  // After a 429 that was waited out, the next answer's spent window is waited too.
  const seq = [res(429, { 'x-rate-limit-time-reset-ms': '50' }), spent];
  waits.length = 0;
  n = 0;
  expect(await paced(async () => seq[n++], { checks429: false, sleep })).toBe(spent);
  expect(waits).toEqual([50, 300]);
});
