// The layers of .dependency-cruiser.cjs hold for the whole code base, and the
// rules do catch a lower layer importing a higher one and an import cycle.
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../src/support/paths';

const CONFIG = join(packageRoot(), '.dependency-cruiser.cjs');
const DEPCRUISE = join(packageRoot(), 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

async function cruise(cwd: string, paths: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [DEPCRUISE, '--config', CONFIG, ...paths], { cwd });
    return { code: 0, output: plain(stdout) };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, output: plain(err.stdout + err.stderr) };
  }
}

test('no import crosses a layer upwards and there are no cycles', async () => {
  const { code, output } = await cruise(packageRoot(), ['src', 'reporters', 'specs', 'reference', 'scripts', 'tests']);
  expect(output).toContain('no dependency violations found');
  expect(code).toBe(0);
});

test('the rules catch an upward import, a cycle and a second target that leans on the suite', async ({}, testInfo) => {
  const root = testInfo.outputPath('tree');
  const file = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  file('src/engine/run.ts', "import { render } from '../report/render';\nexport const run = () => render();\n");
  file('src/report/render.ts', "import { run } from '../engine/run';\nexport const render = (): unknown => run;\n");
  file(
    'tests/fixtures/second-target/index.ts',
    "import { run } from '../../../src/engine/run';\nexport const x = run;\n",
  );
  copyFileSync(join(packageRoot(), 'tsconfig.json'), join(root, 'tsconfig.json'));
  const { code, output } = await cruise(root, ['src', 'tests']);
  expect(code).not.toBe(0);
  expect(output).toContain('layer-engine: src/engine/run.ts → src/report/render.ts');
  expect(output).toContain('no-circular');
  expect(output).toContain('second-target-independent');
});
