// src/playwright/workers.ts: how many Playwright workers a run uses.
import { test, expect } from '@playwright/test';
import { workersFrom } from '../src/playwright/workers';
import type { StoreName } from '../src/contract/stores';
import type { Scenario } from '../src/scenario/types';

const on = (store?: StoreName) => ({ request: { method: 'GET', path: '/x', ...(store ? { store } : {}) } }) as Scenario;

test('one worker, or two when a shared-limit store would keep one waiting', () => {
  expect(workersFrom({}, [])).toBe(1);
  expect(workersFrom({}, [on(), on('main'), on('http'), on('maintenance'), on('fault')])).toBe(1);
  for (const store of ['rateLimited', 'legacy', 'planLimited', 'categoryLimited'] as const)
    expect(workersFrom({}, [on(), on(store)]), store).toBe(2);
  expect(workersFrom({ CONFORMANCE_WORKERS: '  ' }, [on('legacy')])).toBe(2);
});

test('CONFORMANCE_WORKERS decides when set: a whole number from 1 to 64', () => {
  expect(workersFrom({ CONFORMANCE_WORKERS: '3' }, [])).toBe(3);
  expect(workersFrom({ CONFORMANCE_WORKERS: ' 1 ' }, [on('rateLimited')])).toBe(1);
  expect(workersFrom({ CONFORMANCE_WORKERS: '64' }, [])).toBe(64);
  for (const bad of ['0', '65', '1.5', 'two', '-1'])
    expect(() => workersFrom({ CONFORMANCE_WORKERS: bad }, []), bad).toThrow(
      `CONFORMANCE_WORKERS must be a whole number from 1 to 64 (Playwright worker processes), not "${bad}"`,
    );
});
