// `conformance run [--env-file FILE] [--output DIR] [-- playwright args]` (and --deviations FILE):
// checks the scenarios and the profile (exit 2 on either), runs Playwright
// with the conformance config, and exits from the report: 0 when every
// applicable scenario passed, 1 when one failed or errored.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../support/paths';
import { checkProfile, mergeProfile, readProfileFile } from '../profile/profile-file';
import type { ConformanceReport } from '../report/model';
import { loadDeviations } from '../scenario/deviations';
import type { Catalogue } from '../scenario/load';
import { formatProblem, ScenarioFileError, type Problem } from '../scenario/problems';
import { UsageError, type Parsed } from './args';
import { lintPaths } from './lint';

export async function runCommand(args: Parsed): Promise<number> {
  if (args.positionals.length)
    throw new UsageError(`unexpected argument "${args.positionals[0]}" (Playwright arguments go after --)`);
  const output = resolve(args.options.output ?? 'conformance-report');

  const lint = lintPaths([]);
  if (!lint.catalogue) {
    for (const p of lint.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`\nThe scenario files have ${lint.problems.length} problem(s); nothing was run.\n`);
    return 2;
  }

  const env: NodeJS.ProcessEnv = { ...process.env, CONFORMANCE_OUTPUT: output };
  delete env.CONFORMANCE_DEVIATIONS;
  const deviations = args.options.deviations;
  if (deviations) {
    const problems = deviationProblems(resolve(deviations), lint.catalogue);
    if (problems.length) {
      for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stderr.write(`\nThe known-deviation file has ${problems.length} problem(s); nothing was run.\n`);
      return 2;
    }
    env.CONFORMANCE_DEVIATIONS = resolve(deviations);
  }
  const profile = resolveProfile(args.options['env-file']);
  for (const k of Object.keys(env)) if (k.startsWith('TARGET_')) delete env[k];
  if (profile) {
    checkProfile(profile.values, profile.source);
    Object.assign(env, profile.values);
    process.stdout.write(`Target: profile ${profile.source}\n`);
  } else {
    process.stdout.write(
      'Target: no profile given (--env-file, TARGET_BASE_URL or ./.env); starting the bundled reference target\n',
    );
  }

  const playwrightArgs = withOurReporter(args.rest);
  const config = join(packageRoot(), 'playwright.config.ts');
  // Listing runs nothing and writes no report: Playwright's own exit code is the answer.
  if (args.rest.includes('--list')) return playwright(['test', '-c', config, ...playwrightArgs], env);
  const reportFile = join(output, 'report.json');
  rmSync(reportFile, { force: true }); // a stale report must never pass for this run's
  const code = await playwright(['test', '-c', config, ...playwrightArgs], env);
  return exitFromReport(reportFile, code);
}

function deviationProblems(file: string, catalogue: Catalogue): Problem[] {
  try {
    loadDeviations(file, catalogue);
    return [];
  } catch (e) {
    if (e instanceof ScenarioFileError) return e.problems;
    throw e;
  }
}

interface ResolvedProfile {
  values: Record<string, string>;
  source: string;
}

function resolveProfile(envFile: string | undefined): ResolvedProfile | undefined {
  if (envFile) return { values: mergeProfile(readProfileFile(envFile), process.env), source: envFile };
  if (process.env.TARGET_BASE_URL) return { values: mergeProfile({}, process.env), source: 'environment' };
  if (existsSync('.env')) return { values: mergeProfile(readProfileFile('.env'), process.env), source: '.env' };
  return undefined;
}

/** A `--reporter` on the command line replaces the config's reporters; keep ours in the list. */
function withOurReporter(rest: string[]): string[] {
  const ours = join(packageRoot(), 'reporters', 'conformance-reporter.ts');
  return rest.flatMap((arg, i) => {
    if (arg.startsWith('--reporter=')) return [`${arg},${ours}`];
    if (arg === '--reporter' && rest[i + 1] !== undefined) return [arg];
    if (rest[i - 1] === '--reporter') return [`${arg},${ours}`];
    return [arg];
  });
}

export function playwright(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const cli = require.resolve('@playwright/test/cli');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--', cli, ...args], { stdio: 'inherit', env });
    child.on('error', fail);
    child.on('exit', (code, signal) => done(code ?? (signal ? 130 : 1)));
  });
}

/** Exit code from the report itself, not from Playwright (merge-reports exits 0 even on failures). */
export function exitFromReport(reportFile: string, playwrightCode: number): number {
  if (!existsSync(reportFile)) {
    process.stderr.write(
      `\nPlaywright ended (exit ${playwrightCode}) without writing ${reportFile}; see its output above.\n`,
    );
    return 2;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ConformanceReport;
  if (report.totals.total === 0) {
    process.stderr.write(
      `\nNo scenario ran (Playwright exit ${playwrightCode}): check the --grep / --shard arguments given to Playwright, or its output above.\n`,
    );
    return 2;
  }
  if (report.totals.failed + report.totals.errored > 0) return 1;
  if (playwrightCode !== 0) {
    // Every reported scenario passed, yet Playwright did not: some never ran (global timeout, interruption, a crash outside the scenarios).
    process.stderr.write(
      `\nPlaywright exited ${playwrightCode} although every reported scenario passed: the run is incomplete; see its output above.\n`,
    );
    return 1;
  }
  return 0;
}
