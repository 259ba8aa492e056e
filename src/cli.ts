#!/usr/bin/env -S node --
// `node --`: Node 20 reads a `--env-file` anywhere on its command line as its own option.
// The `conformance` command. Exit codes CI can read: 0 conforms, 1 a scenario
// failed, 2 bad usage, an unreadable profile, invalid scenario files or a
// build older than its sources.
import { UsageError, parseArgs } from './cli/args';
import { COMMANDS, isCommand, type CommandName, type CommandOptions } from './cli/commands';
import { HELP, OVERVIEW, usageReminder } from './cli/help';
import { lintCommand } from './cli/lint';
import { mergeCommand } from './cli/merge';
import { OutputError } from './cli/output';
import { referenceCommand } from './cli/reference';
import { runCommand } from './cli/run';
import { staleBuildRefusal } from './cli/stale-build';
import { sweepCommand } from './cli/sweep';
import { verifyCommand } from './cli/verify';
import { ProfileError } from './profile/profile-file';
import { KeyError } from './report/signature';
import { packageRoot, suiteName, suiteVersion } from './support/paths';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const own = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (own.includes('--version') || own.includes('-v')) {
    process.stdout.write(`${suiteName()} ${suiteVersion()}\n`);
    return 0;
  }
  if (command === 'help') return help(rest.find((a) => !a.startsWith('-')));
  if (own.includes('--help') || own.includes('-h')) return help(isCommand(command) ? command : undefined);
  if (!isCommand(command))
    throw new UsageError(command === undefined ? 'a command is needed' : `unknown command "${command}"`);
  const spec: CommandOptions = COMMANDS[command];
  const parse = () => parseArgs(rest, spec.valued, spec);
  switch (command) {
    case 'run':
      return runCommand(parse());
    case 'merge':
      return mergeCommand(parse());
    case 'verify':
      return verifyCommand(parse());
    case 'sweep':
      return sweepCommand(parse());
    case 'reference':
      return referenceCommand(parse());
    case 'lint':
      return lintCommand(parse().positionals);
  }
}

/** The overview, or one command's help; `help nosuch` is a usage error like `nosuch` is. */
function help(command: string | undefined): number {
  if (command !== undefined && !isCommand(command)) throw new UsageError(`unknown command "${command}"`);
  process.stdout.write(`${command ? HELP[command] : OVERVIEW}\n`);
  return 0;
}

const argv = process.argv.slice(2);
const command = isCommand(argv[0]) ? (argv[0] as CommandName) : undefined;
// Whoever runs the command from a checkout gets the code that is there, not an older build of it.
const stale = staleBuildRefusal(packageRoot(), process.env);
if (stale) {
  process.stderr.write(`conformance: ${stale}\n`);
  process.exitCode = 2;
} else
  main(argv).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      if (e instanceof UsageError)
        process.stderr.write(`conformance: ${e.message}\n\n${command ? usageReminder(command) : OVERVIEW}\n`);
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
