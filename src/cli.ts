#!/usr/bin/env -S node --
// `node --`: Node 20 reads a `--env-file` anywhere on its command line as its own option.
// The `conformance` command. Exit codes CI can read: 0 conforms, 1 a scenario
// failed, 2 bad usage, an unreadable profile or invalid scenario files.
import { UsageError, parseArgs } from './cli/args';
import { lintCommand } from './cli/lint';
import { mergeCommand } from './cli/merge';
import { OutputError } from './cli/output';
import { referenceCommand } from './cli/reference';
import { runCommand } from './cli/run';
import { sweepCommand } from './cli/sweep';
import { verifyCommand } from './cli/verify';
import { ProfileError } from './profile/profile-file';
import { KeyError } from './report/signature';

const USAGE = `Usage:
  conformance run [--profile FILE] [--output DIR] [-- playwright args]
      Run every scenario against the target of the profile (FILE, the environment's
      TARGET_* variables, or ./.env); with none, against the bundled reference target.
      Writes DIR/report.json, index.html, junit.xml, summary.md (DIR: conformance-report).
      Also --deviations FILE: a known-deviation file; a failure it lists (same status)
      is reported as a known deviation and does not fail the run.
  conformance merge BLOB_DIR [--output DIR]
      Join the blob reports of a sharded run (-- --shard=1/3 …) into one report.
  conformance sweep [--profile FILE] [--run-id ID[,ID…]] [--dry-run]
      Find and delete what conformance runs left on the target (names with the suite's
      prefix, of those runs or of any run); nothing without the prefix is touched.
  conformance verify REPORT_OR_FOLDER [--public-key FILE]
      Check a report as a reviewer: schema, every count and verdict recomputed from its
      scenarios, the scenario-set hash of this installed suite, completeness, index.html,
      and with --public-key its Ed25519 signature (run --sign-key FILE signs).
  conformance reference [--port P] [--http-port H] [--env-out FILE]
      Serve the reference target in the foreground; write a profile for it to FILE.
  conformance lint [files or folders…]
      Check scenario files (default: the bundled catalogue) without running them.

Exit codes: 0 the verdict is PASS or WARN (WARN is 1 with --strict), 1 FAIL (a must-level
scenario failed or errored) or a merge missing a shard, 2 bad usage, an unreadable profile,
invalid scenario files or an output folder the run cannot own, 130/143 stopped by SIGINT/SIGTERM.`;

/** `--env-file` is kept as another name for `--profile` (but through npx on Node 20, Node takes it for itself). */
const PROFILE_ALIAS = { 'env-file': 'profile' };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (own.includes('--help') || own.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  switch (command) {
    case 'run':
      return runCommand(
        parseArgs(rest, ['profile', 'output', 'deviations', 'sign-key'], { aliases: PROFILE_ALIAS, flags: ['strict'] }),
      );
    case 'merge':
      return mergeCommand(parseArgs(rest, ['output', 'sign-key'], { flags: ['strict'] }));
    case 'verify':
      return verifyCommand(parseArgs(rest, ['public-key']));
    case 'sweep':
      return sweepCommand(parseArgs(rest, ['profile', 'run-id'], { aliases: PROFILE_ALIAS, flags: ['dry-run'] }));
    case 'reference':
      return referenceCommand(parseArgs(rest, ['port', 'http-port', 'env-out']));
    case 'lint':
      return lintCommand(parseArgs(rest, []).positionals);
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case undefined:
      throw new UsageError('a command is needed');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    if (e instanceof UsageError) process.stderr.write(`conformance: ${e.message}\n\n${USAGE}\n`);
    else if (e instanceof ProfileError || e instanceof OutputError || e instanceof KeyError)
      process.stderr.write(`conformance: ${e.message}\n`);
    else {
      process.stderr.write(`conformance: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
      return;
    }
    process.exitCode = 2;
  },
);
