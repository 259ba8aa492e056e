// src/scenario/list-yaml.ts: the scenario files below a folder, in a stable
// order, symlinks followed; every odd entry (a loop, a folder twice, a link to
// nothing, a folder or a pipe named like a file) is a problem naming its path.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listYaml } from '../src/scenario/list-yaml';
import { shownPath } from '../src/scenario/problems';

function tree(root: string, files: string[]): string {
  for (const f of files) {
    mkdirSync(join(root, f.endsWith('/') ? f : join(f, '..')), { recursive: true });
    if (!f.endsWith('/')) writeFileSync(join(root, f), 'x: 1\n');
  }
  return root;
}
const problem = (path: string, message: string) => ({ file: shownPath(path), line: 0, column: 0, at: '', message });

test('a folder is walked for *.yaml and *.yml, in name order; other files are left out', ({}, testInfo) => {
  const root = tree(testInfo.outputPath('s'), [
    'b.yaml',
    'a.yml',
    'c.txt',
    'sub/z.yaml',
    'sub/deeper/y.yaml',
    'B.yaml',
    'yaml',
    'x.yaml.bak',
  ]);
  const { files, problems } = listYaml(root);
  expect(files).toEqual(['a.yml', 'b.yaml', 'B.yaml', 'sub/deeper/y.yaml', 'sub/z.yaml'].map((f) => join(root, f)));
  expect(problems).toEqual([]);
});

test('a file is listed as it is, whatever its name; a path that is not there is a problem named as asked', ({}, testInfo) => {
  const root = tree(testInfo.outputPath('s'), ['notes.txt']);
  expect(listYaml(join(root, 'notes.txt'))).toEqual({ files: [join(root, 'notes.txt')], problems: [] });
  expect(listYaml(join(root, 'gone'), 'CONFORMANCE_SCENARIOS')).toEqual({
    files: [],
    problems: [{ file: 'CONFORMANCE_SCENARIOS', line: 0, column: 0, at: '', message: 'no such file or folder' }],
  });
  expect(listYaml(join(root, 'gone')).problems).toEqual([problem(join(root, 'gone'), 'no such file or folder')]);
  expect(listYaml(join(root, 'notes.txt', 'below')).problems).toEqual([
    problem(join(root, 'notes.txt', 'below'), 'cannot read (ENOTDIR)'),
  ]);
});

test('symlinks are followed; a loop, a folder reached twice and a link to nothing are problems', ({}, testInfo) => {
  const root = tree(testInfo.outputPath('s'), ['shared/a.yaml', 'main/b.yaml']);
  symlinkSync(join(root, 'shared'), join(root, 'main', 'linked'));
  symlinkSync(join(root, 'shared'), join(root, 'main', 'linked-again'));
  symlinkSync(join(root, 'main'), join(root, 'main', 'zz-loop'));
  symlinkSync(join(root, 'nowhere.yaml'), join(root, 'main', 'dangling.yaml'));
  symlinkSync(join(root, 'nowhere'), join(root, 'main', 'dangling-folder'));
  symlinkSync(join(root, 'main', 'self.yaml'), join(root, 'main', 'self.yaml'));
  const main = join(root, 'main');
  const { files, problems } = listYaml(main);
  expect(files).toEqual([join(main, 'b.yaml'), join(main, 'linked', 'a.yaml')]);
  expect(problems).toEqual([
    problem(join(main, 'dangling.yaml'), 'a symlink to nothing: point it at the scenario file, or remove it'),
    problem(
      join(main, 'linked-again'),
      `the same folder as ${shownPath(join(main, 'linked'))} (through a symlink): its scenarios would count twice; remove one link`,
    ),
    problem(join(main, 'self.yaml'), 'symlink loop: following this link leads back to it; fix or remove the link'),
    problem(join(main, 'zz-loop'), `symlink loop: this leads back to ${shownPath(main)}; remove the link`),
  ]);
});

test('a folder named like a scenario file, or a pipe, is a problem; a pipe not named like one is left alone', ({}, testInfo) => {
  const root = tree(testInfo.outputPath('s'), ['mounted.yaml/', 'ok.yaml']);
  execFileSync('mkfifo', [join(root, 'pipe.yaml'), join(root, 'pipe')]);
  const { files, problems } = listYaml(root);
  expect(files).toEqual([join(root, 'ok.yaml')]);
  expect(problems).toEqual([
    problem(join(root, 'mounted.yaml'), 'is a folder, not a scenario file: replace it with the file, or rename it'),
    problem(join(root, 'pipe.yaml'), 'is not a regular file (a pipe, socket or device?)'),
  ]);
  expect(listYaml(join(root, 'pipe')).problems).toEqual([
    problem(join(root, 'pipe'), 'is neither a file nor a folder'),
  ]);
});
