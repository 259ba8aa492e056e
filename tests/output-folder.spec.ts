// A run owns its output folder: it never deletes or reports over a user's
// files, never leaves an earlier run's files beside its own, keeps a second
// run off the same folder, and refuses an output it cannot use with exit 2.
import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../src/report/model';
import { runCli } from './fixtures/run-cli';

/** One quick scenario against the bundled reference, so each run takes seconds. */
const QUICK = ['--', '--grep', '406-accept-xml'];
const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ConformanceReport;

test('a folder holding a file the suite did not write is refused, and the file is kept', async ({}, testInfo) => {
  const out = testInfo.outputPath('out');
  mkdirSync(join(out, 'test-results'), { recursive: true });
  writeFileSync(join(out, 'test-results', 'notes.txt'), 'mine');
  const { code, stderr } = await runCli(['run', '--output', out, ...QUICK]);
  expect(code).toBe(2);
  expect(stderr).toContain('holds files this suite did not write (test-results/notes.txt)');
  expect(readFileSync(join(out, 'test-results', 'notes.txt'), 'utf8')).toBe('mine');
  expect(existsSync(join(out, 'report.json'))).toBe(false);
});

test('a second run into the same folder replaces the first whole; its own files only, no empty folders', async ({}, testInfo) => {
  const out = testInfo.outputPath('out');
  expect((await runCli(['run', '--output', out, ...QUICK])).code).toBe(0);
  const first = readReport(out);
  expect((await runCli(['run', '--output', out, ...QUICK])).code).toBe(0);
  const second = readReport(out);
  expect(second.provenance.startedAt).not.toBe(first.provenance.startedAt);
  const files = readdirSync(out, { recursive: true }).map(String).sort();
  expect(files.filter((f) => !f.startsWith('test-results'))).toEqual([
    '.conformance-output.json',
    'index.html',
    'journal.jsonl',
    'junit.xml',
    'report.json',
    'summary.md',
  ]);
  expect(files.filter((f) => f.startsWith('test-results'))).toEqual(['test-results', 'test-results/.last-run.json']);
  // Nothing of the work folder or the lock is left beside it.
  expect(readdirSync(testInfo.outputPath()).sort()).toEqual(['out']);
});

test('a run while another writes the same folder is refused', async ({}, testInfo) => {
  const out = testInfo.outputPath('out');
  const first = runCli(['run', '--output', out, ...QUICK]);
  await expect.poll(() => existsSync(`${out}.lock`), { timeout: 20_000 }).toBe(true);
  const second = await runCli(['run', '--output', out, ...QUICK]);
  expect(second.code).toBe(2);
  expect(second.stderr).toMatch(/another conformance run \(pid \d+\) is writing/);
  expect((await first).code).toBe(0);
});

test('an output that is a file, or cannot be written, is exit 2 at once', async ({}, testInfo) => {
  const file = testInfo.outputPath('a-file');
  writeFileSync(file, 'x');
  const asFile = await runCli(['run', '--output', file, ...QUICK]);
  expect(asFile.code).toBe(2);
  expect(asFile.stderr).toContain('is a file: name a folder');
  const started = Date.now();
  const proc = await runCli(['run', '--output', '/proc/conformance-x', ...QUICK], { timeoutMs: 20_000 });
  expect(proc.code).toBe(2);
  expect(proc.stderr).toContain('--output /proc/conformance-x');
  expect(Date.now() - started).toBeLessThan(15_000);
});
