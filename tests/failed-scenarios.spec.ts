// A scenario that fails is a failed Playwright test, whichever reporters run,
// and it costs no worker restart when the conformance reporter is in the
// list: the worker records the outcome and the reporter, first in line, fails
// the test, with the scenario file and line of the check that failed.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReference } from '../reference/server';
import { packageRoot } from '../src/support/paths';
import { runCli, writeProfile } from './fixtures/run-cli';

test('through the CLI: failed tests in Playwright reporters, pointing at the YAML line; one worker throughout', async ({}, testInfo) => {
  const ref = await startReference({ mutations: ['put-202'] });
  try {
    const profile = testInfo.outputPath('target.env');
    writeProfile(profile, ref.profile);
    const json = testInfo.outputPath('playwright.json');
    const out = testInfo.outputPath('out');
    const args = [
      'run',
      '--profile',
      profile,
      '--output',
      out,
      '--',
      '--grep',
      '200-put',
      '--reporter=list,json',
      '--workers=1',
    ];
    const r = await runCli(args, { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: json } });
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/7 failed/);
    expect(r.stdout).toContain('expect.status (line');
    expect(r.stdout).toMatch(/> +\d+ \|   status: 200/); // the YAML code frame of the check
    expect(r.stdout).not.toContain('conformance }, testInfo'); // no code frame of the adapter
    // One worker for all seven failures (Playwright starts a new worker after every test that failed in one).
    expect(workerIndexes(json)).toEqual(new Set([0]));
  } finally {
    await ref.close();
  }
});

test('plain `playwright test` with only its own reporter: the scenarios still fail, in the worker', async ({}, testInfo) => {
  const ref = await startReference({ mutations: ['put-202'] });
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, ...ref.profile, CONFORMANCE_OUTPUT: testInfo.outputPath('out') };
    const cli = require.resolve('@playwright/test/cli');
    const json = testInfo.outputPath('playwright.json');
    env.PLAYWRIGHT_JSON_OUTPUT_NAME = json;
    const config = join(packageRoot(), 'playwright.config.ts');
    const args = ['--', cli, 'test', '-c', config, '--grep', '200-put', '--reporter=line,json', '--workers=1'];
    const child = spawn(process.execPath, args, { cwd: packageRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code, out).toBe(1);
    expect(out).toMatch(/7 failed/);
    expect(out).toContain('status 202, expected 200');
    // Without the conformance reporter the test itself throws, and each failure costs a new worker.
    expect(workerIndexes(json).size).toBe(7);
  } finally {
    await ref.close();
  }
});

/** The worker indexes of every test result in Playwright's JSON report. */
function workerIndexes(file: string): Set<number> {
  type Suite = { suites?: Suite[]; specs?: { tests: { results: { workerIndex: number }[] }[] }[] };
  const walk = (s: Suite): number[] => [
    ...(s.specs ?? []).flatMap((sp) => sp.tests.flatMap((t) => t.results.map((r) => r.workerIndex))),
    ...(s.suites ?? []).flatMap(walk),
  ];
  return new Set(walk(JSON.parse(readFileSync(file, 'utf8')) as Suite));
}
