// Bad input fails safe: whatever is wrong with the scenario folder, the
// options or the profile, the built CLI exits 2 with a message naming the
// file (and line) and the fix, never 1 with a stack trace, and never echoes a
// secret while saying so.
import { test, expect } from '@playwright/test';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReference } from '../reference/server';
import { runCli, writeProfile, type CliResult } from './fixtures/run-cli';

const VALID = `id: 404-sample
title: A sample scenario
code: 404
doc: status-codes.md, row 404
level: must
requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]
request:
  method: GET
  path: /v3/catalog/products/0
expect:
  status: 404
`;

/** A catalogue folder holding one valid scenario, so only what a test adds can be wrong. */
function catalogue(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '404-sample.yaml'), VALID);
  return dir;
}

/** `lint` and `run` over the catalogue in `dir`: both must refuse it the same way. */
async function lintAndRun(dir: string, out: string): Promise<CliResult[]> {
  const env = { CONFORMANCE_SCENARIOS: dir };
  return [await runCli(['lint'], { env }), await runCli(['run', '--output', out], { env })];
}

function expectRefused(r: CliResult, ...messages: RegExp[]): void {
  expect(r.code, r.stderr).toBe(2);
  for (const m of messages) expect(r.stderr).toMatch(m);
  expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
}

test.describe('the scenario folder', () => {
  test('a YAML alias bomb ("billion laughs") is a problem of its file', async ({}, testInfo) => {
    const dir = catalogue(testInfo.outputPath('scenarios'));
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi'])
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    writeFileSync(join(dir, '404-bomb.yaml'), `${VALID.replace('404-sample', '404-bomb')}${levels.join('\n')}\n`);
    for (const r of await lintAndRun(dir, testInfo.outputPath('out')))
      expectRefused(r, /404-bomb\.yaml:13:\d+: YAML aliases expand to more than 100 nodes/);
  });

  test('a symlink loop is named, a folder loop and a file loop alike', async ({}, testInfo) => {
    const dir = catalogue(testInfo.outputPath('scenarios'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('self.yaml', join(dir, 'self.yaml'));
    for (const r of await lintAndRun(dir, testInfo.outputPath('out')))
      expectRefused(
        r,
        /scenarios\/sub\/up: symlink loop: this leads back to .*scenarios;/,
        /scenarios\/self\.yaml: symlink loop/,
      );
  });

  test('a folder named like a scenario file, or a symlink to one, is named, not read or walked', async ({}, testInfo) => {
    const dir = catalogue(testInfo.outputPath('scenarios'));
    // What a bind mount of a missing file leaves behind: an (empty) folder in the file's place.
    mkdirSync(join(dir, '404-mounted.yaml'));
    mkdirSync(testInfo.outputPath('elsewhere'));
    symlinkSync(testInfo.outputPath('elsewhere'), join(dir, '404-linked.yaml'));
    for (const r of await lintAndRun(dir, testInfo.outputPath('out')))
      expectRefused(
        r,
        /404-mounted\.yaml: is a folder, not a scenario file/,
        /404-linked\.yaml: is a folder, not a scenario file/,
      );
  });

  test('a missing CONFORMANCE_SCENARIOS folder is named with its variable', async ({}, testInfo) => {
    const dir = testInfo.outputPath('no-such-scenarios');
    for (const r of await lintAndRun(dir, testInfo.outputPath('out')))
      expectRefused(r, new RegExp(`^CONFORMANCE_SCENARIOS=${dir}: no such folder`, 'm'));
  });
});

test.describe('options', () => {
  test('an empty option value exits 2 and says a shell variable may be unset, before anything runs', async ({}, testInfo) => {
    const cwd = testInfo.outputPath();
    // Were "" taken for no value, the run would fall back to another target (or write its report into cwd).
    for (const args of [['--env-file', ''], ['--env-file='], ['--output='], ['--deviations=']]) {
      const r = await runCli(['run', ...args, '--', '--grep', '@no-such-tag'], { cwd });
      expectRefused(
        r,
        new RegExp(`^conformance: ${args[0].replace(/=$/, '')} has an empty value: .*shell variable.*unset`, 'm'),
      );
      expect(r.stdout, args.join(' ')).not.toContain('Target:');
    }
  });

  test('a CONFORMANCE_CONCURRENCY or CONFORMANCE_WORKERS that is not 1 to 64 exits 2 naming the variable, before anything runs', async ({}, testInfo) => {
    for (const name of ['CONFORMANCE_CONCURRENCY', 'CONFORMANCE_WORKERS'])
      for (const value of ['0', 'many', '4.5', '65']) {
        const r = await runCli(['run', '--', '--grep', '@no-such-tag'], {
          cwd: testInfo.outputPath(),
          env: { [name]: value },
        });
        expectRefused(r, new RegExp(`^conformance: ${name} must be a whole number from 1 to 64 .*"${value}"`, 'm'));
        expect(r.stdout, value).not.toContain('Target:');
      }
  });
});

test.describe('the profile', () => {
  /** A one-scenario run with this profile text; a refused profile stops it before Playwright starts. */
  const runWith = (file: string, text: string) => {
    writeFileSync(file, text);
    const out = join(file, '..', 'out');
    return runCli(['run', '--profile', file, '--output', out, '--', '--grep', '404-product-missing']);
  };

  test('a malformed line is named by file and line, never quoted: it may hold a secret', async ({}, testInfo) => {
    const file = testInfo.outputPath('bad.env');
    const r = await runWith(
      file,
      'TARGET_BASE_URL=https://127.0.0.1:1/stores/x\nTARGET_AUTH_TOKEN: secret-value-4821\nghp_PastedTokenAlone7731\n',
    );
    expectRefused(
      r,
      /bad\.env:2: expected NAME=value; write TARGET_AUTH_TOKEN=…/,
      /bad\.env:3: expected NAME=value \(/,
    );
    for (const secret of ['secret-value-4821', 'PastedTokenAlone7731'])
      expect(r.stdout + r.stderr, secret).not.toContain(secret);
  });

  test('a base URL with whitespace is refused, naming the variable', async ({}, testInfo) => {
    const r = await runWith(testInfo.outputPath('space.env'), 'TARGET_BASE_URL="https://127.0.0.1:1/stores/ x"\n');
    expectRefused(r, /space\.env: TARGET_BASE_URL contains whitespace/);
  });

  test('a CA file that is not a PEM certificate is refused, naming TARGET_TLS_CA_FILE', async ({}, testInfo) => {
    writeFileSync(testInfo.outputPath('garbage.pem'), 'not a certificate\n');
    const r = await runWith(
      testInfo.outputPath('ca.env'),
      `TARGET_BASE_URL=https://127.0.0.1:1/stores/x\nTARGET_TLS_CA_FILE=${testInfo.outputPath('garbage.pem')}\n`,
    );
    expectRefused(r, /ca\.env: TARGET_TLS_CA_FILE .*garbage\.pem is not a PEM certificate/);
    expect(r.stderr).not.toContain('not a certificate');
  });

  test('a relative TARGET_TLS_CA_FILE is found beside the profile, wherever the run starts', async ({}, testInfo) => {
    const reference = await startReference();
    try {
      const folder = testInfo.outputPath('profiles');
      mkdirSync(folder, { recursive: true });
      copyFileSync(reference.profile.TARGET_TLS_CA_FILE, join(folder, 'test-ca.pem'));
      const file = join(folder, 'target.env');
      writeProfile(file, { ...reference.profile, TARGET_TLS_CA_FILE: 'test-ca.pem' });
      const cwd = testInfo.outputPath('elsewhere');
      mkdirSync(cwd);
      const out = testInfo.outputPath('out');
      const r = await runCli(['run', '--profile', file, '--output', out, '--', '--grep', '404-product-missing'], {
        cwd,
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      const ran = report.scenarios.filter((s: { status: string }) => s.status !== 'notRun');
      expect(ran.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
        ['404-product-missing', 'passed'],
      ]);
    } finally {
      await reference.close();
    }
  });
});

test.describe('the pre-flight: a target that cannot be reached is exit 2 with one message, before any scenario', () => {
  test('a refused connection, a refused certificate and a refused token each name what to fix', async ({}, testInfo) => {
    const ref = await startReference();
    try {
      const profile = (over: Record<string, string>, drop: string[] = []) => {
        const file = testInfo.outputPath(`p${Math.random().toString(36).slice(2)}.env`);
        const values: Record<string, string> = { ...ref.profile, ...over };
        for (const d of drop) delete values[d];
        writeProfile(file, values);
        return file;
      };
      const outputs = testInfo.outputPath('outputs');
      const run = (file: string) =>
        runCli(['run', '--profile', file, '--output', join(outputs, Math.random().toString(36).slice(2))]);

      const startedAt = Date.now();
      const closed = await run(profile({ TARGET_BASE_URL: 'https://127.0.0.1:1/stores/main' }));
      expect(Date.now() - startedAt).toBeLessThan(3_000);
      expect(closed.code).toBe(2);
      expect(closed.stderr).toContain('TARGET_BASE_URL: GET https://127.0.0.1:1: cannot connect (ECONNREFUSED)');
      expect(closed.stderr).toContain('nothing was run');
      // The runner, started while the pre-flight ran, ended before it printed a line or wrote a file.
      expect(closed.stdout).not.toContain('Running');
      const lines = closed.stderr.trim().split('\n');
      expect(lines, closed.stderr).toHaveLength(2);
      expect(lines[1]).toBe('The target cannot be reached as the profile describes it; nothing was run.');

      const untrusted = await run(profile({}, ['TARGET_TLS_CA_FILE']));
      expect(untrusted.code).toBe(2);
      expect(untrusted.stderr).toContain('TLS verification failed');
      expect(untrusted.stderr).toContain('TARGET_TLS_CA_FILE');

      const token = await run(profile({ TARGET_AUTH_TOKEN: 'not-a-token-of-this-store' }));
      expect(token.code).toBe(2);
      expect(token.stderr).toContain('TARGET_AUTH_TOKEN was refused (401)');
      expect(token.stderr).not.toContain('not-a-token-of-this-store');
      // No report, no work folder, no lock left by any of the three.
      expect(readdirSync(outputs)).toEqual([]);
    } finally {
      await ref.close();
    }
  });
});
