// @ts-check
// Mutation testing with StrykerJS (`npm run mutate`; not part of npm test or CI).
// Stryker has no Playwright Test runner of its own: stryker/playwright-runner.mjs
// is a small local one. It runs `playwright test -c tests/playwright.mutation.config.ts`
// once for the dry run, recording which tests reach which mutant ("perTest"
// coverage), then once per mutant with only those tests (--test-list). Stryker's
// plain `command` runner would run every spec for every mutant: hours, not minutes.
// Results: the clear-text table on the terminal, reports/mutation/mutation.html.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions & { playwright?: { configFile?: string, args?: string[] } }} */
const config = {
  mutate: ['src/engine/**/*.ts', 'src/scenario/**/*.ts', 'src/report/build.ts', 'src/playwright/collect.ts'],
  plugins: ['./stryker/playwright-runner.mjs'],
  testRunner: 'playwright',
  playwright: { configFile: 'tests/playwright.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  // No type checker: a mutant that does not type-check is still run (and almost always killed).
  checkers: [],
  // One Playwright process at a time; raise with --concurrency on a machine with cores to spare.
  concurrency: 1,
  // Added to each mutant's expected test time: room for Playwright's start-up on a busy machine, so a slow
  // start is never taken for a mutant that hangs (a hanging test fails at the config's 20 s test timeout).
  timeoutMS: 30_000,
  ignorePatterns: ['dist', 'test-results', 'conformance-report', 'playwright-report', 'blob-report', 'reports'],
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Results are kept and reused for mutants whose code and covering tests did not change, so a run after an
  // edit tests what the edit touched; `--force` tests everything again.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
export default config;
