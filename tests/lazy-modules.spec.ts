// src/support/lazy-modules.ts: Playwright's runner process lists the tests from the run's parsed catalogue and
// never reads YAML, validates a body or sends a request, so it must not load yaml, ajv or undici (their start-up
// time and memory would be paid by every run). An eager import anywhere on the runner's path fails this test.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './fixtures/run-cli';

test("Playwright's runner loads neither yaml nor ajv nor undici", async ({}, testInfo) => {
  const out = testInfo.outputPath('loaded.txt');
  const hook = join(__dirname, 'fixtures', 'report-loaded.cjs');
  // Listing loads what a run's runner loads (the config, every spec file, the reporters) and starts no worker.
  const r = await runCli(['run', '--', '--list'], {
    env: { NODE_OPTIONS: `--require ${hook}`, LOADED_MODULES_OUT: out },
  });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/Total: \d+ tests? in \d+ files?/);
  expect(readFileSync(out, 'utf8')).toBe('runner: none\n');
});
