// A StrykerJS test runner for Playwright Test (Stryker has none of its own).
//
// Every run (dry run or mutant) is one `playwright test` process with the
// mutation config; the active mutant goes to the workers through the
// __STRYKER_ACTIVE_MUTANT__ variable that Stryker's instrumented code reads.
//
// With coverageAnalysis "perTest" the dry run records, per Playwright test, the
// mutants it reaches (stryker/pw-coverage-hook.cjs), so Stryker can skip
// mutants no test reaches (NoCoverage) and run each other mutant against only
// the tests that reach it, selected with `playwright test --test-list`.
// Test ids are Playwright's test-list lines: "file › describe › title".
//
// Options (stryker config, all optional):
//   playwright: { configFile: 'tests/playwright.mutation.config.ts', args: [] }
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commonTokens, declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';
import { DryRunStatus, MutantRunStatus, TestStatus } from '@stryker-mutator/api/test-runner';
import { INSTRUMENTER_CONSTANTS } from '@stryker-mutator/api/core';

const require = createRequire(import.meta.url);
const HIT_LIMIT_MESSAGE = 'Stryker: Hit count limit reached';

class PlaywrightTestRunner {
  static inject = [commonTokens.logger, commonTokens.options];

  constructor(log, options) {
    this.log = log;
    this.settings = { configFile: 'tests/playwright.mutation.config.ts', args: [], ...(options.playwright ?? {}) };
    this.child = undefined;
  }

  capabilities() {
    return { reloadEnvironment: true }; // every run is a fresh Playwright process
  }

  async init() {
    this.cli = require.resolve('@playwright/test/cli', { paths: [process.cwd()] });
    this.workDir = mkdtempSync(join(tmpdir(), 'stryker-pw-'));
  }

  async dispose() {
    this.killChild();
    if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  async dryRun({ coverageAnalysis }) {
    const perFile = coverageAnalysis === 'perTest';
    const coverageDir = coverageAnalysis === 'off' ? undefined : mkdtempSync(join(this.workDir, 'cov-'));
    // perTest: one project per spec file (STRYKER_PW_PROJECT_PER_FILE), so every file runs in
    // its own fresh worker, and what runs there outside any test (loading the spec and the src
    // modules it imports) is charged to every test of that file rather than being "static"
    // (which would make Stryker run every test for the mutant).
    const run = await this.run({ coverageDir, disableBail: true, projectPerFile: perFile });
    if (run.status !== 'ok') return { status: DryRunStatus.Error, errorMessage: run.message };
    const { results } = run;
    const failed = results.tests.filter((t) => t.status !== 'passed' && t.status !== 'skipped');
    if (results.errors.length || failed.length || run.code !== 0) {
      const why = [...results.errors, ...failed.map((t) => `${t.id}: ${t.error ?? t.status}`)].join('\n');
      return {
        status: DryRunStatus.Error,
        errorMessage: `playwright exited ${run.code}\n${why}\n${run.output.slice(-4000)}`,
      };
    }
    const tests = results.tests.map(toTestResult);
    const dry = { status: DryRunStatus.Complete, tests };
    if (coverageDir) {
      dry.mutantCoverage = readCoverage(coverageDir, perFile, tests, this.log);
      rmSync(coverageDir, { recursive: true, force: true });
    }
    return dry;
  }

  async mutantRun({ activeMutant, testFilter, hitLimit, disableBail }) {
    const run = await this.run({ activeMutant: activeMutant.id, testFilter, hitLimit, disableBail });
    if (run.status !== 'ok') return { status: MutantRunStatus.Error, errorMessage: run.message };
    const { results } = run;
    const all = [...results.errors, ...results.tests.map((t) => t.error ?? '')];
    if (all.some((m) => m.includes(HIT_LIMIT_MESSAGE)))
      return { status: MutantRunStatus.Timeout, reason: 'Hit limit reached' };
    const ran = results.tests.filter((t) => t.status !== 'skipped');
    const failed = ran.filter((t) => t.status !== 'passed');
    if (failed.length) {
      return {
        status: MutantRunStatus.Killed,
        killedBy: failed.map((t) => t.id),
        failureMessage: failed[0].error ?? failed[0].status,
        nrOfTests: ran.length,
      };
    }
    if (results.errors.length || run.code !== 0) {
      // E.g. a test file that no longer loads: the suite fails, no single test does.
      return {
        status: MutantRunStatus.Killed,
        killedBy: [],
        failureMessage: results.errors.join('\n') || `playwright exited ${run.code}`,
        nrOfTests: ran.length,
      };
    }
    return { status: MutantRunStatus.Survived, nrOfTests: ran.length };
  }

  run({ activeMutant, testFilter, hitLimit, coverageDir, disableBail, projectPerFile }) {
    const resultsFile = join(this.workDir, 'results.json');
    rmSync(resultsFile, { force: true });
    const args = [this.cli, 'test', '-c', this.settings.configFile, ...this.settings.args];
    if (testFilter) {
      const list = join(this.workDir, 'test-list.txt');
      writeFileSync(list, testFilter.join('\n') + '\n');
      args.push('--test-list', list);
      // Name the spec files too, so Playwright loads only those (about 2 s less per mutant).
      for (const file of new Set(testFilter.map((id) => id.split(' › ')[0]))) args.push(`(^|/)${escapeRegExp(file)}$`);
    }
    const outputDir = join(this.workDir, 'test-output');
    const env = {
      ...process.env,
      STRYKER_PW_RESULTS: resultsFile,
      STRYKER_PW_OUTPUT_DIR: outputDir,
      STRYKER_PW_MAX_FAILURES: disableBail ? '0' : '1',
    };
    delete env[INSTRUMENTER_CONSTANTS.ACTIVE_MUTANT_ENV_VARIABLE];
    delete env.STRYKER_PW_COVERAGE_DIR;
    delete env.STRYKER_PW_HIT_LIMIT;
    delete env.STRYKER_PW_PROJECT_PER_FILE;
    if (projectPerFile) env.STRYKER_PW_PROJECT_PER_FILE = '1';
    if (activeMutant !== undefined) env[INSTRUMENTER_CONSTANTS.ACTIVE_MUTANT_ENV_VARIABLE] = activeMutant;
    if (coverageDir) env.STRYKER_PW_COVERAGE_DIR = coverageDir;
    if (hitLimit !== undefined) env.STRYKER_PW_HIT_LIMIT = String(hitLimit);

    return new Promise((resolve) => {
      const output = [];
      // Own process group, so a timeout (Stryker kills this runner) or dispose ends the Playwright workers too.
      const child = spawn(process.execPath, args, {
        cwd: process.cwd(),
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.child = child;
      child.stdout.on('data', (c) => output.push(c));
      child.stderr.on('data', (c) => output.push(c));
      child.on('error', (e) => {
        this.child = undefined;
        resolve({ status: 'error', message: String(e) });
      });
      child.on('close', (code) => {
        this.child = undefined;
        rmSync(outputDir, { recursive: true, force: true });
        const text = Buffer.concat(output).toString();
        if (!existsSync(resultsFile))
          return resolve({
            status: 'error',
            message: `playwright exited ${code} without results\n${text.slice(-4000)}`,
          });
        resolve({ status: 'ok', code, output: text, results: JSON.parse(readFileSync(resultsFile, 'utf8')) });
      });
    });
  }

  killChild() {
    if (this.child?.pid) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function toTestResult(t) {
  const base = {
    id: t.id,
    name: t.name,
    timeSpentMs: Math.round(t.duration),
    fileName: t.file,
    startPosition: { line: t.line - 1, column: t.column - 1 },
  };
  if (t.status === 'passed') return { ...base, status: TestStatus.Success };
  if (t.status === 'skipped') return { ...base, status: TestStatus.Skipped };
  return { ...base, status: TestStatus.Failed, failureMessage: t.error ?? t.status };
}

function addCounts(into, counts) {
  for (const [id, n] of Object.entries(counts)) into[id] = (into[id] ?? 0) + n;
}

/**
 * Merges the coverage files of the dry run's processes. perTest: a worker's hits outside any
 * test go to every test of the spec file it ran; hits in Playwright's main process (it loads
 * the spec files to list their tests) only stay static for a mutant no worker reached.
 * Otherwise everything is static (coverageAnalysis "all").
 */
function readCoverage(dir, perTest, tests, log) {
  const merged = { static: {}, perTest: {} };
  const mainStatic = {};
  const testsOfFile = new Map();
  for (const t of tests) {
    const file = t.id.split(' › ')[0];
    if (!testsOfFile.has(file)) testsOfFile.set(file, []);
    testsOfFile.get(file).push(t.id);
  }
  for (const f of readdirSync(dir)) {
    const { worker, files, coverage } = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const outside = coverage.static ?? {};
    if (!perTest) {
      addCounts(merged.static, outside);
      for (const counts of Object.values(coverage.perTest ?? {})) addCounts(merged.static, counts);
      continue;
    }
    for (const [test, counts] of Object.entries(coverage.perTest ?? {}))
      addCounts((merged.perTest[test] ??= {}), counts);
    if (!worker) {
      addCounts(mainStatic, outside);
    } else if (files.length === 1) {
      for (const id of testsOfFile.get(files[0]) ?? []) addCounts((merged.perTest[id] ??= {}), outside);
    } else {
      addCounts(merged.static, outside); // a worker that ran several files (or none): stay safe
    }
  }
  if (perTest) {
    const reached = new Set(Object.values(merged.perTest).flatMap((c) => Object.keys(c)));
    for (const [id, n] of Object.entries(mainStatic))
      if (!reached.has(id)) merged.static[id] = (merged.static[id] ?? 0) + n;
    const known = new Set(tests.map((t) => t.id));
    const unknown = Object.keys(merged.perTest).filter((id) => !known.has(id));
    if (unknown.length)
      log.warn('Coverage recorded under unknown test ids (ignored by Stryker): %s', unknown.join(', '));
  }
  return merged;
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'playwright', PlaywrightTestRunner)];

export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  properties: {
    playwright: {
      type: 'object',
      description: 'Options of the local Playwright test runner (stryker/playwright-runner.mjs).',
      properties: {
        configFile: { type: 'string', description: 'Playwright config for mutation runs.' },
        args: { type: 'array', items: { type: 'string' }, description: 'Extra `playwright test` arguments.' },
      },
      additionalProperties: false,
    },
  },
};
