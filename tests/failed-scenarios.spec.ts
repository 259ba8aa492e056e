// A scenario that fails is a failed Playwright test, whichever reporters run,
// and it costs no worker restart when the conformance reporter is in the
// list: the worker records the outcome and the reporter, first in line, fails
// the test, with the scenario file and line of the check that failed.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReference } from '../reference/server';
import type { ConformanceReport } from '../src/report/model';
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

test('in GitHub Actions: annotations and JUnit name scenario files that exist, at the line of the failed key', async ({}, testInfo) => {
  const ref = await startReference({ mutations: ['put-202'] });
  try {
    const profile = testInfo.outputPath('target.env');
    writeProfile(profile, ref.profile);
    const out = testInfo.outputPath('out');
    const github = {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: packageRoot(),
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/store-conformance',
      GITHUB_SHA: 'f'.repeat(40),
    };
    const r = await runCli(['run', '--profile', profile, '--output', out, '--', '--grep', '200-put'], {
      env: github,
      cwd: testInfo.outputPath(),
    });
    expect(r.code, r.stdout).toBe(1);
    const annotations = [...r.stdout.matchAll(/^::error file=([^,]+),line=(\d+),title=([^:]+)::(.*)$/gm)];
    expect(annotations).toHaveLength(7);
    for (const [, file, line, , message] of annotations) {
      // The line of the key that asked for the failed check: `status: 200` under `expect:`.
      const text = readFileSync(join(packageRoot(), file), 'utf8').split('\n');
      expect(text[Number(line) - 1], `${file}:${line}`).toMatch(/^\s+status: 200\b/);
      expect(file).toMatch(/^scenarios\/2xx\/[\w-]+\.yaml$/);
      expect(message).toContain('status 202, expected 200');
    }
    // JUnit's file attributes are repository paths too, of files that exist.
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    const files = [...junit.matchAll(/<testcase [^>]*file="([^"]+)"/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) expect(existsSync(join(packageRoot(), f)), f).toBe(true);
    // The report links each file at the commit that ran.
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport;
    expect(report.provenance.source).toEqual({
      root: 'scenarios',
      url: `https://github.com/acme/store-conformance/blob/${'f'.repeat(40)}/scenarios`,
    });
    // Failures leave no per-test folders and no error-context.md: Playwright's note of the run is all it adds.
    const added = readdirSync(out, { recursive: true })
      .map(String)
      .filter((f) => f.includes('test-results'));
    expect(added.sort()).toEqual(['test-results', 'test-results/.last-run.json']);

    // With Playwright's own github reporter chosen, it annotates (on the YAML too) and the suite does not repeat it.
    const again = await runCli(
      [
        'run',
        '--profile',
        profile,
        '--output',
        testInfo.outputPath('out2'),
        '--',
        '--grep',
        '200-put',
        '--reporter=github',
      ],
      { env: github, cwd: testInfo.outputPath() },
    );
    expect(again.code, again.stdout).toBe(1);
    const own = [...again.stdout.matchAll(/^::error file=([^,]+),/gm)].map((m) => m[1]);
    expect(own.length, again.stdout).toBe(7);
    for (const f of own) expect(f).toMatch(/scenarios\/2xx\/[\w-]+\.yaml$/);
  } finally {
    await ref.close();
  }
});
