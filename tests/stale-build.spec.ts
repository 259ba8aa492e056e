// The command refuses to run a build older than its sources (a checkout
// edited or pulled since `npm run build`), names a changed file and the fix,
// and never refuses an installed package. Each test works on a copy of the
// package in its own folder, so the build the other tests run stays untouched.
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../src/support/paths';

const root = packageRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  scripts: Record<string, string>;
};

/** package.json, dist/ and the sources tsc builds it from, with the real node_modules beside them. */
function copyPackage(dir: string): string {
  for (const part of ['package.json', 'dist', 'src', 'reference', 'scripts'])
    cpSync(join(root, part), join(dir, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Sets the mtime of every file under `dir` (a file alone, too). */
function setMtime(path: string, when: Date): void {
  if (statSync(path).isDirectory()) for (const e of readdirSync(path)) setMtime(join(path, e), when);
  else utimesSync(path, when, when);
}

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

async function node(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Exit> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
      cwd: dir,
      env: { ...process.env, CONFORMANCE_ALLOW_STALE_BUILD: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
const cli = (dir: string, env?: NodeJS.ProcessEnv) => node(dir, ['dist/src/cli.js', '--version'], env);

test('a source changed since the build stamp: exit 2 naming it and `npm run build`; the override and a build clear it', async ({}, testInfo) => {
  const dir = copyPackage(testInfo.outputPath('package'));
  for (const part of ['src', 'reference', 'scripts']) setMtime(join(dir, part), ago(7200));
  setMtime(join(dir, 'dist', '.build-stamp'), ago(3600));
  expect(await cli(dir)).toEqual({ code: 0, stdout: `${pkg.name} ${pkg.version}\n`, stderr: '' });

  setMtime(join(dir, 'src', 'cli', 'run.ts'), ago(60)); // edited after the build
  const stale = await cli(dir);
  expect(stale.code).toBe(2);
  expect(stale.stdout).toBe('');
  expect(stale.stderr).toBe(
    'conformance: the build in dist/ is older than its sources (changed: src/cli/run.ts); run `npm run build`' +
      ' (CONFORMANCE_ALLOW_STALE_BUILD=1 runs the old build anyway)\n',
  );
  // Every folder of sources tsc builds into dist/ counts; the last edited is named, the rest counted.
  setMtime(join(dir, 'scripts', 'build-stamp.ts'), ago(50));
  setMtime(join(dir, 'reference', 'server.ts'), ago(40));
  expect((await cli(dir)).stderr).toContain('(changed: reference/server.ts and 2 more)');

  expect((await cli(dir, { CONFORMANCE_ALLOW_STALE_BUILD: '1' })).code).toBe(0);

  // `npm run build` ends by writing the stamp: the same step, run in the copy, makes it current again.
  expect(pkg.scripts.build).toMatch(/&& node dist\/scripts\/build-stamp\.js$/);
  expect((await node(dir, ['dist/scripts/build-stamp.js'])).code).toBe(0);
  expect(await cli(dir)).toMatchObject({ code: 0, stderr: '' });
});

test('an installed package is never stale: without its sources, or with every file of one date', async ({}, testInfo) => {
  // npm packs every file with one fixed date, and may leave the sources out.
  const dir = copyPackage(testInfo.outputPath('package'));
  rmSync(join(dir, 'dist', '.build-stamp'));
  for (const part of ['dist', 'src', 'reference', 'scripts', 'package.json'])
    setMtime(join(dir, part), new Date('1985-10-26T08:15:00Z'));
  expect(await cli(dir)).toMatchObject({ code: 0, stderr: '' });

  setMtime(join(dir, 'src', 'cli', 'run.ts'), ago(60));
  expect((await cli(dir)).code).toBe(2); // without a stamp, the newest compiled file is the build's time

  for (const part of ['src', 'reference', 'scripts']) rmSync(join(dir, part), { recursive: true });
  expect(existsSync(join(dir, 'dist', '.build-stamp'))).toBe(false);
  expect(await cli(dir)).toMatchObject({ code: 0, stdout: `${pkg.name} ${pkg.version}\n`, stderr: '' });
});
