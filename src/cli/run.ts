// `conformance run [--profile FILE] [--output DIR] [--deviations FILE] [--json] [-- playwright args]`:
// checks the scenarios, the profile and the output folder (exit 2 on any),
// runs Playwright with the conformance config in its own process group (started
// while the pre-flight runs, held before its first scenario until it passed), and
// exits from the report: 0 when every applicable scenario of the run passed,
// 1 when one failed or errored, 130/143 when a signal stopped it. With --json,
// stdout is report.json alone and all the run says goes to stderr.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readJournal } from '../engine/journal';
import { preflight } from '../engine/preflight';
import { checkProfile, profileWarnings } from '../profile/profile-file';
import { renderConsole } from '../report/render-console';
import { readSigningKey } from '../report/signature';
import { writeReports } from '../report/write-reports';
import { loadDeviations } from '../scenario/deviations';
import { readHandoff, writeHandoff } from '../scenario/catalogue-cache';
import type { Catalogue } from '../scenario/load';
import { formatProblem, ScenarioFileError, type Problem } from '../scenario/problems';
import { concurrencyFrom } from '../playwright/lookahead';
import { workersFrom } from '../playwright/workers';
import { collectGarbage } from '../support/gc';
import { packageRoot } from '../support/paths';
import { UsageError, type Parsed } from './args';
import { exitFromReport } from './exit-code';
import { fallbackReport } from './fallback-report';
import { lintPaths } from './lint';
import { resolveProfile } from './profile-source';
import { claimOutput, type ClaimedOutput } from './output';
import { runPlaywright, signalExitCode } from './playwright-process';

export async function runCommand(args: Parsed): Promise<number> {
  if (args.positionals.length)
    throw new UsageError(`unexpected argument "${args.positionals[0]}" (Playwright arguments go after --)`);
  if (args.flags.has('json') && args.rest.includes('--list'))
    throw new UsageError(
      '--json prints the report of a run, but -- --list runs nothing and writes no report: drop one of them',
    );

  try {
    concurrencyFrom(process.env);
    workersFrom(process.env, []);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const lint = lintPaths([]);
  if (!lint.catalogue) {
    for (const p of lint.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`\nThe scenario files have ${lint.problems.length} problem(s); nothing was run.\n`);
    return 2;
  }
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  // Parsed once for the whole run: the Playwright runner and its workers read this instead of the YAML.
  const cache = join(tmpdir(), `conformance-catalogue-${runId}.json`);
  const handed = writeHandoff(cache, lint.catalogue);
  const catalogue = new HeldCatalogue(lint.catalogue, handed ? cache : undefined);
  lint.catalogue = undefined;
  try {
    return await runChecked(args, catalogue, runId, {
      ...process.env,
      ...(handed ? { CONFORMANCE_CATALOGUE_CACHE: cache } : {}),
    });
  } finally {
    rmSync(cache, { force: true });
  }
}

async function runChecked(
  args: Parsed,
  catalogue: HeldCatalogue,
  runId: string,
  base: NodeJS.ProcessEnv,
): Promise<number> {
  const env: NodeJS.ProcessEnv = {
    ...base,
    CONFORMANCE_RUN_ID: runId,
    // A 2 MB young generation (V8's default is 16 MB) keeps Playwright's runner and each worker 20–30 MB smaller
    // at no measured cost: a scenario's garbage is small and short-lived. The user's own NODE_OPTIONS come
    // after it, and win.
    NODE_OPTIONS: `--max-semi-space-size=2 ${base.NODE_OPTIONS ?? ''}`.trim(),
  };
  const json = args.flags.has('json');
  // What a run says on stdout; with --json, stdout is the report's alone.
  const say = (text: string) => (json ? process.stderr : process.stdout).write(text);
  delete env.CONFORMANCE_DEVIATIONS;
  delete env.CONFORMANCE_DEFER_FAILURES; // decided by the config from the reporters in use
  const deviations = args.options.deviations;
  if (deviations) {
    const problems = deviationProblems(resolve(deviations), catalogue.get());
    if (problems.length) {
      for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stderr.write(`\nThe known-deviation file has ${problems.length} problem(s); nothing was run.\n`);
      return 2;
    }
    env.CONFORMANCE_DEVIATIONS = resolve(deviations);
  }
  const profile = resolveProfile(args.options.profile);
  for (const k of Object.keys(env)) if (k.startsWith('TARGET_')) delete env[k];
  if (profile) {
    checkProfile(profile.values, profile.source);
    for (const w of profileWarnings(profile.values, profile.source))
      process.stderr.write(`conformance: warning: ${w}\n`);
    Object.assign(env, profile.values);
    say(`Target: profile ${profile.source}\n`);
  } else {
    say('Target: no profile given (--profile, TARGET_BASE_URL or ./.env); starting the bundled reference target\n');
  }

  delete env.CONFORMANCE_SIGN_KEY;
  const signKey = args.options['sign-key'] ? readSigningKey(resolve(args.options['sign-key'])) : undefined;
  if (signKey) env.CONFORMANCE_SIGN_KEY = resolve(args.options['sign-key']);

  const config = join(packageRoot(), 'playwright.config.ts');
  const playwrightArgs = ['test', '-c', config, ...withOurReporter(args.rest)];
  // Listing runs nothing and writes no report: Playwright's own exit code is the answer.
  if (args.rest.includes('--list')) return (await runPlaywright(playwrightArgs, env)).code;

  const out = claimOutput(resolve(args.options.output ?? 'conformance-report'), runId);
  try {
    Object.assign(env, {
      CONFORMANCE_OUTPUT: out.work,
      CONFORMANCE_OUTPUT_SHOWN: out.dir,
      CONFORMANCE_JOURNAL: out.journal,
    });
    const startedAt = new Date();
    const idle = () => {
      const journal = readJournal(out.journal);
      return [...journal.started].every((id) => journal.ended.has(id));
    };
    catalogue.release();
    // Playwright starts first (spawned within runPlaywright's call) and runs no scenario before the pre-flight,
    // begun just after, has passed: the runner loads while the pre-flight is out on the network.
    const abandon = new AbortController();
    const unreachable = Promise.resolve().then(() =>
      profile
        ? preflight(profile.values, Number(process.env.CONFORMANCE_PREFLIGHT_TIMEOUT_MS) || 2500, abandon.signal)
        : [],
    );
    const startWhen = unreachable.then((problems) => {
      if (!problems.length) warnAboutPrevious(out);
      return !problems.length;
    });
    const exit = await runPlaywright(playwrightArgs, env, { stdoutToStderr: json, idle, startWhen });
    // Ended before it started (a signal, or a runner that died on its own): the pre-flight's answer is moot.
    if (!exit.started) abandon.abort();
    const problems = await unreachable;
    if (!exit.started && exit.signal) {
      process.stderr.write(`conformance: ${exit.signal} before the first scenario; nothing was run.\n`);
      return signalExitCode(exit.signal);
    }
    if (problems.length) {
      for (const p of problems) process.stderr.write(`conformance: ${p.message}\n`);
      process.stderr.write('The target cannot be reached as the profile describes it; nothing was run.\n');
      return 2;
    }
    const reportFile = join(out.work, 'report.json');
    if (!existsSync(reportFile)) {
      // Killed before its reporter ran: the run still gets a report, from the journal.
      const why = exit.signal
        ? `stopped by ${exit.signal} before Playwright wrote its report`
        : `Playwright ended (exit ${exit.code}) without writing its report`;
      const report = fallbackReport({
        catalogue: catalogue.get(),
        journal: readJournal(out.journal),
        profile: profile?.values,
        startedAt,
        why,
        selection: args.rest.length ? [args.rest.join(' ')] : [],
      });
      await writeReports(out.work, report, signKey);
      say(renderConsole(report, out.dir));
    }
    out.commit();
    // The very bytes of the report.json written (the fallback's too); none when there is none (exit 2 says why).
    const written = join(out.dir, 'report.json');
    if (json && existsSync(written)) process.stdout.write(readFileSync(written));
    if (exit.signal) return signalExitCode(exit.signal);
    return exitFromReport(written, exit.code, {
      requireComplete: false,
      strict: args.flags.has('strict'),
    });
  } finally {
    out.release();
  }
}

/**
 * The parsed catalogue, held by this process only while it needs it. During the run Playwright's processes
 * hold it; a copy here as well would only add to the run's memory. A report written without Playwright
 * reads it back from the run's handoff file: what ran, even if the scenario files changed meanwhile.
 */
class HeldCatalogue {
  private value: Catalogue | undefined;
  private readonly root: string;
  private readonly hash: string;

  constructor(
    catalogue: Catalogue,
    private readonly handoff: string | undefined,
  ) {
    this.value = catalogue;
    this.root = catalogue.root;
    this.hash = catalogue.hash;
  }

  get(): Catalogue {
    this.value ??= this.handoff ? readHandoff(this.handoff, this.root, this.hash) : undefined;
    if (!this.value) throw new Error(`the run's catalogue hand-off (${this.handoff}) can no longer be read`);
    return this.value;
  }

  release(): void {
    if (!this.handoff) return; // nothing to read it back from
    this.value = undefined;
    collectGarbage();
  }
}

/** An earlier run in this folder that left objects behind: say so, with the command that removes them. */
function warnAboutPrevious(out: ClaimedOutput): void {
  const left = out.previous?.leftovers ?? [];
  if (!left.length) return;
  const runs = [...new Set(left.map((l) => l.run))].join(',');
  process.stderr.write(
    `conformance: warning: the previous run in ${out.dir} (run ${runs}) left ${left.length} object(s) on its target; ` +
      `remove them with: conformance sweep --profile <its profile> --run-id ${runs}\n`,
  );
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

/**
 * A `--reporter` on the command line replaces the config's reporters: keep ours in the list, and first, since it
 * turns a failed scenario into a failed test before any other reporter sees the result.
 */
function withOurReporter(rest: string[]): string[] {
  const ours = join(packageRoot(), 'reporters', 'conformance-reporter.ts');
  return rest.flatMap((arg, i) => {
    if (arg.startsWith('--reporter=')) return [`--reporter=${ours},${arg.slice('--reporter='.length)}`];
    if (arg === '--reporter' && rest[i + 1] !== undefined) return [arg];
    if (rest[i - 1] === '--reporter') return [`${ours},${arg}`];
    return [arg];
  });
}
