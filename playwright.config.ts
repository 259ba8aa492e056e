// The conformance run: one Playwright test per scenario, against the target
// named by the profile in the environment (or the bundled reference target).
// `conformance run` drives this config; `npx playwright test` works as well.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { catalogueOnce } from './src/playwright/catalogue-once';
import { concurrencyFrom } from './src/playwright/lookahead';
import { workersFrom } from './src/playwright/workers';
import { isTargetProfile, NOT_A_PROFILE_NOTE } from './src/profile/is-target-profile';
import { holdUntilGo } from './src/playwright/start-gate';

// Under `conformance run`, the runner waits here for the pre-flight to pass (src/playwright/start-gate.ts).
holdUntilGo();

// Plain `npx playwright test`: a ./.env profile counts as for `conformance run`, and another tool's ./.env
// (no TARGET_* variable) is passed over as it is there, with a note. Said once, by the runner of a plain run:
// `conformance run` has said it already, and workers inherit the CONFORMANCE_RUN_ID set just below.
if (!process.env.TARGET_BASE_URL && existsSync('.env')) {
  if (isTargetProfile('.env')) loadDotenv({ path: '.env', quiet: true });
  else if (!process.env.CONFORMANCE_RUN_ID) process.stderr.write(`note: ${NOT_A_PROFILE_NOTE}\n`);
}
// One id for the whole run, shared by every worker: names created on the store start with it.
process.env.CONFORMANCE_RUN_ID ||= `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const output = resolve(process.env.CONFORMANCE_OUTPUT ?? 'conformance-report');
const ours = './reporters/conformance-reporter.ts';

/**
 * A scenario that fails need not cost a worker restart (Playwright restarts a worker after every failed
 * test): the test records the outcome and the conformance reporter, first in line, makes the result a
 * failure before any other reporter, the exit code or --last-failed see it. Only when the command line
 * replaces the reporters without ours do failed scenarios throw in the worker as plain failures.
 */
const reporterArg = process.argv.find((a, i) => a.startsWith('--reporter=') || process.argv[i - 1] === '--reporter');
const oursFirst = !reporterArg || /^(--reporter=)?[^,]*conformance-reporter/.test(reporterArg);
// Decided once, in the runner (the only process that sees the command line); workers load this file again
// and inherit the decision.
process.env.CONFORMANCE_DEFER_FAILURES ??= oursFirst ? '1' : '0';
const sharded = process.argv.some((a) => a.startsWith('--shard'));
// A bad value stops the run here, with its message, rather than in every worker.
concurrencyFrom(process.env);

/** The catalogue's scenarios, or none when its files have a problem: the spec files report that, where it belongs. */
function scenariosOrNone() {
  try {
    return catalogueOnce().scenarios;
  } catch {
    return [];
  }
}

export default defineConfig({
  testDir: './specs',
  fullyParallel: true,
  // One worker, or two when shared-limit stores would keep one waiting (src/playwright/workers.ts); requests
  // in flight come from CONFORMANCE_CONCURRENCY (measured: scripts/bench-peers.ts, docs/performance.md).
  workers: workersFrom(process.env, scenariosOrNone()),
  retries: 0,
  timeout: 90_000,
  forbidOnly: !!process.env.CI,
  globalSetup: './src/playwright/global-setup.ts',
  outputDir: resolve(output, 'test-results'),
  reporter: [
    // `conformance run` keeps the terminal to progress and its one-line-per-failure summary; Playwright's own
    // terminal reporter (details of every failure) is for `npx playwright test` and `-- --reporter=list`.
    [ours, { outputDir: output, progress: !!process.env.CONFORMANCE_OUTPUT_SHOWN }],
    ...(process.env.CONFORMANCE_OUTPUT_SHOWN ? [] : [[process.env.CI ? 'dot' : 'list'] as [string]]),
    // Each shard also leaves a blob report; `conformance merge` joins them into one report.
    ...(sharded
      ? [
          ['blob', { outputDir: resolve(process.env.CONFORMANCE_BLOB_DIR ?? 'blob-report') }] as [
            'blob',
            { outputDir: string },
          ],
        ]
      : []),
  ],
  use: { trace: 'off' },
});
