// What the command says about itself, from the built CLI as a user runs it:
// --version, the overview, each command's help (held to the options its
// parser accepts and to the README's settings), and `lint`'s catalogue line.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, optionNames, type CommandName } from '../src/cli/commands';
import { loadCatalogue } from '../src/scenario/load';
import { packageRoot, scenariosDirDefault } from '../src/support/paths';
import { runCli } from './fixtures/run-cli';

const commands = Object.keys(COMMANDS) as CommandName[];
const sorted = (names: Iterable<string>) => [...names].sort();
const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };

/** The lines of a help's section, from its "Title:" line to the next blank line. */
function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${title}`));
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}

/** `--profile`, `--env-file`…: the options a help's "Options:" section lists, one a line. */
const optionsListed = (help: string) =>
  section(help, 'Options:').flatMap((l) => /^ {2}(--[a-z][a-z-]*)/.exec(l)?.[1] ?? []);

/** `CONFORMANCE_WORKERS`…: the variables a help's settings section lists. */
const settingsListed = (help: string) =>
  section(help, 'Settings').flatMap((l) => /^ {2}(CONFORMANCE_[A-Z_]+)/.exec(l)?.[1] ?? []);

test('--version and -v print the name and version of package.json, whatever the command', async () => {
  for (const args of [['--version'], ['-v'], ['run', '--version'], ['lint', '-v']]) {
    const r = await runCli(args);
    expect(r.code, args.join(' ')).toBe(0);
    expect(r.stdout).toBe(`${pkg.name} ${pkg.version}\n`);
  }
});

test("each command's help lists exactly the options its parser accepts, and has every section", async () => {
  for (const command of commands) {
    const help = await runCli([command, '--help']);
    expect(help.code, command).toBe(0);
    expect(help.stderr).toBe('');
    expect((await runCli(['help', command])).stdout, `help ${command}`).toBe(help.stdout);
    expect((await runCli([command, '-h'])).stdout, `${command} -h`).toBe(help.stdout);
    expect(help.stdout).toMatch(new RegExp(`^Usage: conformance ${command}\\b`));
    for (const title of ['Options:', 'Settings', 'Prints:', 'Exit codes:', 'Examples:'])
      expect(help.stdout, `${command}: ${title}`).toContain(`\n${title}`);

    const listed = optionsListed(help.stdout);
    expect(sorted(listed), command).toEqual(sorted(optionNames(command)));
    // What the parser of the running command accepts, as its own usage error states it.
    const refused = await runCli([command, '--no-such-option']);
    expect(refused.code).toBe(2);
    const accepted = /unknown option --no-such-option(?: \(options: (.*)\))?\n/.exec(refused.stderr);
    expect(accepted, refused.stderr).not.toBeNull();
    const names = accepted![1]?.split(/, | or /) ?? [];
    expect(sorted(names), command).toEqual(sorted(listed));
    expect(refused.stderr).toContain(`Run \`conformance ${command} --help\` for its options.`);
  }
});

test('the overview names every command and its help; each help is its own', async () => {
  const overview = await runCli(['--help']);
  expect(overview.code).toBe(0);
  expect((await runCli(['help'])).stdout).toBe(overview.stdout);
  for (const command of commands) expect(overview.stdout).toContain(`\n  conformance ${command}`);
  expect(overview.stdout).toContain('conformance <command> --help');
  expect(overview.stdout).toContain('conformance --version');
  const helps = await Promise.all(commands.map(async (c) => (await runCli([c, '--help'])).stdout));
  expect(new Set([overview.stdout, ...helps]).size).toBe(commands.length + 1);

  // Without a command, or with an unknown one (`help nosuch` too): exit 2, and the overview on stderr.
  for (const args of [[], ['frobnicate'], ['help', 'frobnicate']]) {
    const r = await runCli(args);
    expect(r.code, args.join(' ')).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(overview.stdout.trim());
  }
});

test('the settings the helps name are exactly the ones the README documents', async () => {
  const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('\n## Settings'));
  const documented = [...table.matchAll(/^\| `(CONFORMANCE_[A-Z_]+)`/gm)].map((m) => m[1]);
  expect(documented.length).toBeGreaterThan(5);
  const named = new Set(settingsListed((await runCli(['--help'])).stdout));
  for (const command of commands)
    for (const v of settingsListed((await runCli([command, '--help'])).stdout)) named.add(v);
  expect(sorted(named)).toEqual(sorted(documented));
});

test('lint states the scenario count and the scenario-set hash of the catalogue a run uses', async () => {
  const catalogue = loadCatalogue(scenariosDirDefault());
  const r = await runCli(['lint'], { env: { CONFORMANCE_CACHE_DIR: 'off' } });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain(`${catalogue.scenarios.length} scenario file(s) OK`);
  expect(r.stdout).toMatch(
    new RegExp(`^catalogue .*: ${catalogue.scenarios.length} scenarios, scenario set sha256 ${catalogue.hash}$`, 'm'),
  );
});
