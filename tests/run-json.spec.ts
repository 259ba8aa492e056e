// `conformance run --json` for scripts: stdout is report.json and nothing
// else (valid against its schema), everything the run says goes to stderr, and
// the exit code is the one the run has without --json.
import { test, expect } from '@playwright/test';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../src/report/model';
import { packageRoot } from '../src/support/paths';
import { startReference } from '../reference/server';
import { runCli, writeProfile } from './fixtures/run-cli';

const root = packageRoot();
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };

/** The report on stdout: exactly the bytes of the report.json written, and valid. */
function reportOnStdout(stdout: string, out: string): ConformanceReport {
  expect(stdout).toBe(readFileSync(join(out, 'report.json'), 'utf8'));
  const report = JSON.parse(stdout) as ConformanceReport;
  expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return report;
}

test('stdout is report.json alone, valid, with the suite version every rendering states; the rest is on stderr', async ({}, testInfo) => {
  const out = testInfo.outputPath('out');
  const r = await runCli(['run', '--json', '--output', out, '--', '--grep', '@404']);
  expect(r.code, r.stderr).toBe(0);
  const report = reportOnStdout(r.stdout, out);
  expect(report).toMatchObject({ verdict: 'partial', completeness: { selection: ['--grep @404'] } });
  expect(report.totals.passed).toBeGreaterThan(5);
  // What the run says without --json (its own lines, and the Playwright child's) is all on stderr.
  expect(r.stderr).toContain('Target: no profile given');
  expect(r.stderr).toMatch(/^Running \d+ scenarios on \d+ worker\(s\)$/m);
  expect(r.stderr).toMatch(/^4xx\s+\d+\s+0\s+0\s+0\s+\d+\s+PARTIAL$/m);
  expect(r.stderr).toContain(`Report: ${join(out, 'index.html')}`);

  // The version `conformance --version` prints is the one every rendering of the report states.
  expect(report.provenance.suite).toEqual({ name: pkg.name, version: pkg.version });
  const file = (name: string) => readFileSync(join(out, name), 'utf8');
  expect(file('junit.xml')).toContain(`<property name="suite.version" value="${pkg.version}"/>`);
  expect(file('summary.md')).toContain(`Suite ${pkg.name} \`${pkg.version}\``);
  expect(file('index.html')).toContain(`<code>${pkg.version}</code>`);
});

test('a failing run exits 1 with --json as without it, and its report is still the whole of stdout', async ({}, testInfo) => {
  const ref = await startReference({ mutations: ['create-200'] });
  try {
    const profile = testInfo.outputPath('target.env');
    writeProfile(profile, ref.profile);
    const run = (name: string, json: string[]) =>
      runCli(['run', ...json, '--profile', profile, '--output', testInfo.outputPath(name), '--', '--grep', '@201']);
    const [plain, json] = [await run('plain', []), await run('json', ['--json'])];
    expect(plain.code, plain.stderr).toBe(1);
    expect(json.code, json.stderr).toBe(plain.code);
    const report = reportOnStdout(json.stdout, testInfo.outputPath('json'));
    expect(report.verdict).toBe('fail');
    expect(report.scenarios.find((s) => s.id === '201-create-product')).toMatchObject({ status: 'failed' });
    expect(json.stderr).toMatch(/FAILED\s+201-create-product \(must\): status 200, expected 201/);
    expect(plain.stdout).toMatch(/FAILED\s+201-create-product/);
  } finally {
    await ref.close();
  }
});

test('--json with -- --list, which writes no report, is a usage error; a refused run prints no report', async ({}, testInfo) => {
  const list = await runCli(['run', '--json', '--', '--list']);
  expect(list.code).toBe(2);
  expect(list.stdout).toBe('');
  expect(list.stderr).toContain(
    'conformance: --json prints the report of a run, but -- --list runs nothing and writes no report: drop one of them',
  );
  expect(list.stderr).toContain('Run `conformance run --help` for its options.');

  const missing = await runCli(['run', '--json', '--profile', testInfo.outputPath('nope.env')]);
  expect(missing.code).toBe(2);
  expect(missing.stdout).toBe('');
  expect(missing.stderr).toContain('cannot read the target profile');
});
