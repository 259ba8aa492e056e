// src/scenario/load.ts: a catalogue folder → its scenarios and hash; a folder
// without scenario files, a broken families.yaml and a matrix expansion that
// fills in an invalid request are problems, never a half-loaded catalogue.
import { test, expect } from '@playwright/test';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueHash, loadCatalogue, loadScenarioFile, scenarioFrom } from '../src/scenario/load';
import { loadFamilies } from '../src/scenario/families-file';
import { formatProblem, ScenarioFileError, shownPath } from '../src/scenario/problems';
import { scenariosDir } from '../src/support/paths';

const scenario = (id: string, method = 'GET') => `id: ${id}
title: A sample scenario
code: 404
doc: status-codes.md, row 404
level: must
requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]
request: { method: ${method}, path: /x }
expect: { status: 404 }
`;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof ScenarioFileError) return e.problems.map(formatProblem);
    throw e;
  }
  return [];
}

function folder(root: string, files: Record<string, string>): string {
  mkdirSync(root, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

test('a folder without scenario files is one problem naming it', ({}, testInfo) => {
  const empty = folder(testInfo.outputPath('empty'), {});
  expect(problemsOf(() => loadCatalogue(empty))).toEqual([
    `${shownPath(empty)}: no scenario files (*.yaml) found here`,
  ]);
  const notes = folder(testInfo.outputPath('notes'), { 'README.md': '# x' });
  expect(problemsOf(() => loadCatalogue(notes))).toEqual([
    `${shownPath(notes)}: no scenario files (*.yaml) found here`,
  ]);
  expect(catalogueHash(notes)).toBeUndefined();
});

test('families.yaml is part of the catalogue and its hash, not a scenario; a broken one is reported', ({}, testInfo) => {
  const root = folder(testInfo.outputPath('ok'), { '4xx/404-a.yaml': scenario('404-a') });
  copyFileSync(join(scenariosDir(), 'families.yaml'), join(root, 'families.yaml'));
  const catalogue = loadCatalogue(root);
  expect(catalogue.scenarios.map((s) => s.id)).toEqual(['404-a']);
  expect(catalogue.hash).toBe(catalogueHash(root));
  expect(catalogue.root).toBe(root);

  const broken = folder(testInfo.outputPath('broken'), {
    'families.yaml': 'products: { createBdy: {} }\n',
    '4xx/404-a.yaml': scenario('404-a'),
    '4xx/404-b.yaml': scenario('404-a'), // a duplicate id: not reached, the scenarios are not loaded
  });
  const problems = problemsOf(() => loadCatalogue(broken));
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) expect(p).toMatch(/families\.yaml:\d+:\d+: /);
  expect(problems.join('\n')).toContain('createBdy');
});

test('a file that fails is reported with the others; the catalogue hash of a folder with a problem is undefined', ({}, testInfo) => {
  const root = folder(testInfo.outputPath('mixed'), {
    '4xx/404-a.yaml': scenario('404-a'),
    '4xx/404-b.yaml': scenario('404-b', 'get'),
  });
  copyFileSync(join(scenariosDir(), 'families.yaml'), join(root, 'families.yaml'));
  expect(problemsOf(() => loadCatalogue(root))).toEqual([
    expect.stringMatching(/404-b\.yaml:7:20: request\.method: "get" does not match/),
  ]);
  expect(catalogueHash(root)).toEqual(expect.any(String)); // the hash reads files; it does not parse them
  writeFileSync(join(root, '4xx', 'dangling.yaml.tmp'), '');
  mkdirSync(join(root, '4xx', 'folder.yaml'));
  expect(catalogueHash(root)).toBeUndefined();
});

/** The top of a matrix file 404-m.yaml, up to its axes. */
const MATRIX_HEAD = `id: 404-m
title: A sample matrix
code: 404
doc: status-codes.md, row 404
level: must
requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]`;

test('a matrix expansion whose filled-in request is invalid is named by its combination', ({}, testInfo) => {
  const root = folder(testInfo.outputPath('matrix'), {
    '404-m.yaml': `${MATRIX_HEAD}
each:
  op:
    ok: { method: GET }
    bad: { method: get }
request: { method: "\${op.method}", path: /x }
expect: { status: 404 }
`,
  });
  copyFileSync(join(scenariosDir(), 'families.yaml'), join(root, 'families.yaml'));
  expect(problemsOf(() => loadScenarioFile(join(root, '404-m.yaml'), root))).toEqual([
    expect.stringMatching(/404-m\.yaml:11:\d+: request\.method: \[bad\] "get" does not match/),
  ]);
});

test("a scenario's line is its id's line in the file; one built in code (no file) is at line 1", ({}, testInfo) => {
  const root = folder(testInfo.outputPath('c'), { '4xx/404-x.yaml': `# a comment first\n\n${scenario('404-x')}` });
  const [loaded] = loadScenarioFile(join(root, '4xx/404-x.yaml'), root, loadFamilies(scenariosDir()).table);
  expect(loaded).toMatchObject({ id: '404-x', line: 3, file: '4xx/404-x.yaml' });
  expect(loaded.checks.map((c) => c.kind)).toContain('status');
  const built = scenarioFrom({ ...loaded, id: '404-y' }, 'built', '/built');
  expect(built).toMatchObject({ id: '404-y', line: 1, file: 'built', absFile: '/built' });
  expect(built.checks.length).toBeGreaterThan(0);
});

test('the catalogue hash separates names from contents: moving bytes between them changes it', ({}, testInfo) => {
  // Without a separator, "a.json" + ".jsonX" and "a.json.json" + "X" would hash alike.
  let n = 0;
  const schemas = (files: Record<string, string>) => folder(testInfo.outputPath(`schemas-${++n}`), files);
  const one = schemas({ 'a.json': '.jsonX' });
  const other = schemas({ 'a.json.json': 'X' });
  expect(catalogueHash(scenariosDir(), { schemasDir: one })).not.toBe(
    catalogueHash(scenariosDir(), { schemasDir: other }),
  );
  // Nor may one file's contents run into the next file's name.
  const two = schemas({ 'b.json': 'X', 'c.json': 'Y' });
  const joined = schemas({ 'b.json': 'Xschemas/c.json\0Y' });
  expect(catalogueHash(scenariosDir(), { schemasDir: two })).not.toBe(
    catalogueHash(scenariosDir(), { schemasDir: joined }),
  );
  // Only *.json files of the schema folder count; the suite version is the given one, else the package's.
  const withNotes = schemas({ 'd.json': '{}', 'notes.txt': 'x' });
  expect(catalogueHash(scenariosDir(), { schemasDir: withNotes })).toBe(
    catalogueHash(scenariosDir(), { schemasDir: schemas({ 'd.json': '{}' }) }),
  );
});

test('a matrix: a template one combination cannot fill is reported by that combination alone; the others still lint', ({}, testInfo) => {
  const root = folder(testInfo.outputPath('matrix'), {
    '404-m.yaml': `${MATRIX_HEAD}
each:
  op:
    get: { q: a=1 }
    del: {}
request: { method: GET, path: "/x?\${op.q}&\${nope}&\${nope}" }
expect: { status: 404 }
`,
  });
  copyFileSync(join(scenariosDir(), 'families.yaml'), join(root, 'families.yaml'));
  // [del]: its missing value once, not again as "never captured" at the same place; [get]: ${nope}, once.
  expect(problemsOf(() => loadScenarioFile(join(root, '404-m.yaml'), root))).toEqual([
    expect.stringMatching(/404-m\.yaml:11:31: request\.path: \[del\] \$\{op\.q\} has no value in this expansion/),
    expect.stringMatching(
      /404-m\.yaml:11:31: request\.path: \[get\] \$\{nope\} is never captured; captured here: nothing$/,
    ),
  ]);
});
