// Dotenv files beside the suite: a ./.env is the target profile only when it
// names a TARGET_* variable (another tool's ./.env is passed over with a note,
// by `conformance run` and by plain `npx playwright test` alike), and git
// ignores every *.env but a committed example, since profiles hold tokens.
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ConformanceReport } from '../src/report/model';
import { formatProfile } from '../src/profile/profile-file';
import { packageRoot } from '../src/support/paths';
import { startReference } from '../reference/server';
import { runCli } from './fixtures/run-cli';

const NOTE = './.env has no TARGET_* variable; ignored (it is not a target profile)';
const ONE_SCENARIO = ['--grep', '404-product-missing'];
/** Another tool's ./.env; a commented-out TARGET_ line is not a profile either. */
const NOT_A_PROFILE = 'DATABASE_URL=postgres://localhost/app\n# TARGET_BASE_URL=https://example.invalid/stores/x\n';

const readReport = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'conformance-report', 'report.json'), 'utf8')) as ConformanceReport;
const ran = (r: ConformanceReport) => r.scenarios.filter((s) => s.status !== 'notRun').map((s) => [s.id, s.status]);

/** The report of ONE_SCENARIO run against the profile's target: that one scenario, passed, there. */
function expectRunAgainst(report: ConformanceReport, baseUrl: string | undefined): void {
  expect(report.provenance).toMatchObject({ targetKind: 'profile', targetBaseUrl: baseUrl });
  expect(ran(report)).toEqual([['404-product-missing', 'passed']]);
}

/** A folder holding only a ./.env with this text: the working directory of a run. */
function folderWithDotenv(dir: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.env'), text);
  return dir;
}

/** `npx playwright test` with the suite's config, as a user runs it (none of this test runner's variables). */
async function plainPlaywright(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(TARGET_|CONFORMANCE_|TEST_|PW_|PLAYWRIGHT_)/.test(k)) env[k] = v;
  const cli = require.resolve('@playwright/test/cli');
  const config = join(packageRoot(), 'playwright.config.ts');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'test', '-c', config, ...args], {
      cwd,
      env,
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test('conformance run: a ./.env without TARGET_* is passed over with a note; one with TARGET_* is the profile', async ({}, testInfo) => {
  const other = folderWithDotenv(testInfo.outputPath('other'), NOT_A_PROFILE);
  const r = await runCli(['run', '--', ...ONE_SCENARIO], { cwd: other });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain(`conformance: note: ${NOTE}\n`);
  expect(r.stderr.split(NOTE).length - 1).toBe(1); // not again by the Playwright runner it starts
  expect(r.stdout).toContain('Target: no profile given');
  expect(readReport(other).provenance.targetKind).toBe('reference');

  // A line that starts like a profile variable makes it a profile, so a misspelt one is refused, not passed over.
  const typo = folderWithDotenv(testInfo.outputPath('typo'), 'TARGET_BASE_URLL=https://127.0.0.1:1/stores/x\n');
  const refused = await runCli(['run', '--', ...ONE_SCENARIO], { cwd: typo });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('.env:1: unknown variable TARGET_BASE_URLL (did you mean TARGET_BASE_URL?)');

  const ref = await startReference();
  try {
    const mine = folderWithDotenv(testInfo.outputPath('mine'), `# the target\n${formatProfile(ref.profile)}`);
    const used = await runCli(['run', '--', ...ONE_SCENARIO], { cwd: mine });
    expect(used.code, used.stderr).toBe(0);
    expect(used.stdout).toContain('Target: profile .env');
    expect(used.stderr).not.toContain(NOTE);
    expectRunAgainst(readReport(mine), ref.profile.TARGET_BASE_URL);
  } finally {
    await ref.close();
  }
});

test('npx playwright test: the same, and the note is said once, not by every worker', async ({}, testInfo) => {
  const other = folderWithDotenv(testInfo.outputPath('other'), NOT_A_PROFILE);
  const r = await plainPlaywright(other, ['--grep', '404-product-missing|404-order-missing', '--workers=2']);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(r.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toContain('Running 2 tests using 2 workers');
  expect(r.stderr.split(NOTE).length - 1).toBe(1);
  expect(readReport(other).provenance.targetKind).toBe('reference');

  const ref = await startReference();
  try {
    const mine = folderWithDotenv(testInfo.outputPath('mine'), formatProfile(ref.profile));
    const used = await plainPlaywright(mine, ONE_SCENARIO);
    expect(used.code, used.stdout + used.stderr).toBe(0);
    expect(used.stderr).not.toContain(NOTE);
    expectRunAgainst(readReport(mine), ref.profile.TARGET_BASE_URL);
  } finally {
    await ref.close();
  }
});

test('git ignores every target profile (*.env, ./.env too) but a committed example (*.example.env)', async () => {
  const git = (...args: string[]) => promisify(execFile)('git', args, { cwd: packageRoot() });
  /** `git check-ignore` by the patterns alone (--no-index): exit 0 ignored, 1 not. */
  const ignored = (path: string) =>
    git('check-ignore', '--no-index', '-q', path).then(
      () => true,
      (e: { code: number }) => (e.code === 1 ? false : Promise.reject(e)),
    );
  for (const path of ['staging.env', 'reference.env', '.env', 'profiles/vendor.env'])
    expect(await ignored(path), path).toBe(true);
  const tracked = (await git('ls-files', '*.env')).stdout.split('\n').filter(Boolean);
  for (const path of ['staging.example.env', 'profiles/vendor.example.env', ...tracked])
    expect(await ignored(path), path).toBe(false);
});
