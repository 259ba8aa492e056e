// Scenario files with mistakes: every problem names file, line and key, and
// says what to do. The loader never half-accepts a file.
import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchema } from '../src/scenario/format';
import { packageRoot, scenariosDir, schemasDir } from '../src/support/paths';
import { loadDeviations } from '../src/scenario/deviations';
import { loadCatalogue, loadScenarioFile } from '../src/scenario/load';
import { formatProblem, ScenarioFileError } from '../src/scenario/problems';

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

function problemsOf(dir: string, name: string, text: string): string[] {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    loadScenarioFile(file, dir);
    return [];
  } catch (e) {
    if (!(e instanceof ScenarioFileError)) throw e;
    return e.problems.map(formatProblem);
  }
}

test('a valid file loads', ({}, testInfo) => {
  expect(problemsOf(testInfo.outputPath(), '404-sample.yaml', VALID)).toEqual([]);
});

test('a misspelt key is pinned to its line and a correction is offered', ({}, testInfo) => {
  const problems = problemsOf(testInfo.outputPath(), '404-sample.yaml', VALID.replace('  method: GET', '  methd: GET'));
  expect(problems).toContainEqual(
    expect.stringMatching(/404-sample\.yaml:8:3: request\.methd: unknown key "methd"; did you mean "method"\?/),
  );
});

test('a wrong value says what is allowed and what was found', ({}, testInfo) => {
  const problems = problemsOf(testInfo.outputPath(), '404-sample.yaml', VALID.replace('level: must', 'level: may'));
  expect(problems).toEqual([expect.stringMatching(/:5:8: level: must be one of "must", "should" \(found "may"\)/)]);
});

test('YAML syntax errors carry their line', ({}, testInfo) => {
  const problems = problemsOf(
    testInfo.outputPath(),
    '404-sample.yaml',
    VALID.replace('expect:\n', 'expect:\n status: [\n'),
  );
  expect(problems[0]).toMatch(/404-sample\.yaml:\d+:\d+: YAML syntax/);
});

test('semantic checks: file name, code prefix, requires, templates, regular expressions', ({}, testInfo) => {
  const text = VALID.replace('requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]', 'requires: [TARGET_BASE_URL]')
    .replace('/v3/catalog/products/0', '/v3/catalog/products/${productId}')
    .replace('  status: 404\n', "  status: 404\n  headers: { match: { Allow: '(' } }\n");
  const problems = problemsOf(testInfo.outputPath(), 'other-name.yaml', text);
  expect(problems.join('\n')).toContain('the file must be named 404-sample.yaml');
  expect(problems.join('\n')).toMatch(
    /:7:1: request: a request to store "main" needs TARGET_AUTH_TOKEN: add to requires/,
  );
  expect(problems.join('\n')).toMatch(/:9:9: request\.path: \$\{productId\} is never captured/);
  expect(problems.join('\n')).toMatch(/:12:\d+: expect\.headers\.match\.Allow: not a valid regular expression/);
});

test('an unknown schema name lists the known ones', ({}, testInfo) => {
  const problems = problemsOf(
    testInfo.outputPath(),
    '404-sample.yaml',
    VALID.replace('  status: 404\n', '  status: 404\n  body: { schema: error-v9 }\n'),
  );
  expect(problems[0]).toMatch(/expect\.body\.schema: unknown schema "error-v9" \(known: .*error-v3/);
});

test('a catalogue reports every problem of every file, and duplicate ids', ({}, testInfo) => {
  const dir = testInfo.outputPath('catalogue');
  problemsOf(join(dir, 'a'), '404-sample.yaml', VALID);
  problemsOf(join(dir, 'b'), '404-sample.yaml', VALID);
  problemsOf(dir, '200-broken.yaml', 'id: 200-broken\n');
  let error: ScenarioFileError | undefined;
  try {
    loadCatalogue(dir);
  } catch (e) {
    error = e as ScenarioFileError;
  }
  expect(error).toBeInstanceOf(ScenarioFileError);
  const text = error!.message;
  expect(text).toContain('200-broken.yaml:1:1: missing required key "title"');
  expect(text).toMatch(/b\/404-sample\.yaml:1:1: id: id "404-sample" is already used by a\/404-sample\.yaml/);
});

test.describe('known-deviation files', () => {
  const catalogue = () => loadCatalogue(scenariosDir());

  test('the bundled production file matches the catalogue', () => {
    const set = loadDeviations(join(packageRoot(), 'deviations', 'bigcommerce-production.yaml'), catalogue());
    expect([...set.byScenario.keys()].sort()).toEqual([
      '201-create-category',
      '201-create-product',
      '400-missing-required-data',
      '409-delete-category-with-product',
    ]);
    expect(set.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('unknown scenarios, non-deviations, duplicates and bad keys are pinned to their lines', ({}, testInfo) => {
    const file = testInfo.outputPath('deviations.yaml');
    writeFileSync(
      file,
      [
        'deviations:',
        '  - scenario: 201-create-prodcut',
        '    status: 200',
        '    reason: a misspelt scenario id',
        '  - scenario: 404-product-missing',
        '    status: 404',
        '    reason: the status the scenario expects anyway',
        '  - scenario: 404-product-missing',
        '    status: 200',
        '    reason: listed a second time',
        '',
      ].join('\n'),
    );
    let error: ScenarioFileError | undefined;
    try {
      loadDeviations(file, catalogue());
    } catch (e) {
      error = e as ScenarioFileError;
    }
    const text = error?.problems.map(formatProblem).join('\n') ?? '';
    expect(text).toMatch(
      /deviations\.yaml:2:15: deviations\[0\]\.scenario: no scenario "201-create-prodcut" in the catalogue; did you mean "201-create-product"\?/,
    );
    expect(text).toMatch(
      /deviations\.yaml:6:13: deviations\[1\]\.status: 404 is what 404-product-missing expects: that is no deviation/,
    );
    expect(text).toMatch(/deviations\.yaml:8:15: deviations\[2\]\.scenario: "404-product-missing" is listed twice/);
    writeFileSync(
      file,
      'deviations:\n  - scenario: 201-create-product\n    staus: 200\n    reason: a misspelt key here\n',
    );
    expect(() => loadDeviations(file, catalogue())).toThrow(
      /deviations\.yaml:3:5: deviations\[0\]\.staus: unknown key "staus"; did you mean "status"\?/,
    );
  });
});

test('schemas/scenario.schema.json is what src/scenario/format.ts generates (npm run gen:schemas)', () => {
  const committed = JSON.parse(readFileSync(join(schemasDir(), 'scenario.schema.json'), 'utf8'));
  expect(committed).toEqual(scenarioJsonSchema());
});
