// Mutation testing (StrykerJS, `npm run mutate`, see stryker.config.mjs): only the
// specs that import src/ directly and need neither a browser nor the built CLI
// (dist/ is not mutated: the CLI specs would test unmutated code, and slowly).
// reference.spec.ts is left out too: its dozen whole-catalogue runs (2-4 s each)
// reach most of the engine, and every mutant they do not kill would run them all,
// which turns a run of about an hour into most of a day.
//
// Run by stryker/playwright-runner.mjs, which sets the STRYKER_PW_* variables read
// below; `npx playwright test -c tests/playwright.mutation.config.ts` works on its own.
import '../stryker/pw-coverage-hook.cjs';
import { defineConfig, type ReporterDescription } from '@playwright/test';

const specs = [
  'applicability.spec.ts',
  'catalogue-cache.spec.ts',
  'catalogue-coverage.spec.ts',
  'catalogue.spec.ts',
  'checks.spec.ts',
  'collect.spec.ts',
  'content-encoding.spec.ts',
  'deviations.spec.ts',
  'engine-run.spec.ts',
  'engine.spec.ts',
  'expand.spec.ts',
  'families-file.spec.ts',
  'http-client.spec.ts',
  'journal.spec.ts',
  'json.spec.ts',
  'judge.spec.ts',
  'list-yaml.spec.ts',
  'outcome.spec.ts',
  'pacing.spec.ts',
  'preflight.spec.ts',
  'problems.spec.ts',
  'redact.spec.ts',
  'report-build.spec.ts',
  'request.spec.ts',
  'scenario-files.spec.ts',
  'schemas.spec.ts',
  'scenario-lint.spec.ts',
  'scenario-load.spec.ts',
  'secret-forms.spec.ts',
  'sweep.spec.ts',
  'template.spec.ts',
  'transcript.spec.ts',
  'yaml-file.spec.ts',
];

// No catalogue cache: every mutant's code is in the same instrumented files, so an entry the dry run wrote would
// be served to each mutant run, and a mutant in the parser would never run (workers inherit this).
process.env.CONFORMANCE_CACHE_DIR = 'off';

const strykerResults = process.env.STRYKER_PW_RESULTS;
const reporter: ReporterDescription[] = strykerResults
  ? [['../stryker/pw-stryker-reporter.cjs', { outputFile: strykerResults }]]
  : [['dot']];

export default defineConfig({
  testDir: '.',
  testMatch: specs,
  // Stryker's dry run: one project per spec file, so each file gets a fresh worker
  // and what loading it executes (module-level code) is charged to that file's tests.
  projects: process.env.STRYKER_PW_PROJECT_PER_FILE ? specs.map((f) => ({ name: f, testMatch: f })) : undefined,
  // The slowest test takes about 5 s; a mutant that hangs a test fails it after 20 s.
  timeout: 20_000,
  fullyParallel: true,
  workers: 1,
  retries: 0,
  // A mutant is killed by the first failing test: do not run the rest (the dry run runs all).
  maxFailures: Number(process.env.STRYKER_PW_MAX_FAILURES ?? 0),
  reporter,
  outputDir: process.env.STRYKER_PW_OUTPUT_DIR ?? '../test-results/mutation',
});
