// The option parser on its own: aliases, empty values (an unset shell
// variable) and repeats are usage errors that say what to do.
import { test, expect } from '@playwright/test';
import { parseArgs, UsageError } from '../src/cli/args';

const RUN = ['profile', 'output', 'deviations'] as const;
const ALIASES = { aliases: { 'env-file': 'profile' } };

test('--profile is the option; --env-file is its alias, stored under the primary name', () => {
  expect(parseArgs(['--profile', 'a.env'], RUN, ALIASES).options).toEqual({ profile: 'a.env' });
  expect(parseArgs(['--env-file=a.env', '--output', 'out'], RUN, ALIASES).options).toEqual({
    profile: 'a.env',
    output: 'out',
  });
  expect(() => parseArgs(['--env', 'x'], RUN, ALIASES)).toThrow(
    'unknown option --env (options: --profile or --env-file, --output, --deviations)',
  );
  expect(() => parseArgs(['--profile', 'a.env', '--env-file', 'b.env'], RUN, ALIASES)).toThrow(
    '--env-file is given twice (also as --profile): give it once',
  );
});

test('an empty value is a usage error that points at an unset shell variable', () => {
  for (const argv of [
    ['--env-file', ''],
    ['--env-file='],
    ['--output='],
    ['--deviations='],
    ['--profile='],
    ['--output', ' '],
  ]) {
    const name = argv[0].replace(/=.*/, '');
    let error: unknown;
    try {
      parseArgs(argv, RUN, ALIASES);
    } catch (e) {
      error = e;
    }
    expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      `${name} has an empty value: give it one; if it came from a shell variable, that variable is unset or empty`,
    );
  }
  expect(() => parseArgs(['--output'], RUN)).toThrow('--output needs a value');
});
