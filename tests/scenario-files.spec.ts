// Scenario files with mistakes: every problem names file, line and key, and
// says what to do. The loader never half-accepts a file.
import { test, expect } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { familiesJsonSchema, scenarioJsonSchema } from '../src/scenario/format';
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

test('the scenario and families schemas are what src/scenario/format.ts generates (npm run gen:schemas)', () => {
  const committed = (name: string) => JSON.parse(readFileSync(join(schemasDir(), name), 'utf8'));
  expect(committed('scenario.schema.json')).toEqual(scenarioJsonSchema());
  expect(committed('families.schema.json')).toEqual(familiesJsonSchema());
});

test.describe('matrix files', () => {
  const MATRIX = `id: 404-sample
title: A sample matrix
code: 404
doc: status-codes.md, row 404
level: must
requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]
each:
  family: [brands, customFields]
  op:
    get: { method: GET }
    delete: { method: DELETE }
ids: { brands.get: 404-sample-kept }
setup:
  - use: create
request: { method: "\${op.method}", path: "\${family.item}" }
expect:
  status: 404
  body: { schema: "\${family.errorSchema}", statusMatches: true }
cleanup:
  - use: delete
  - use: deleteParent
`;
  const load = (dir: string, text: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '404-sample.yaml'), text);
    return loadScenarioFile(join(dir, '404-sample.yaml'), dir);
  };

  test('one scenario per combination, with the family and the op filled in, and a kept id', ({}, testInfo) => {
    const scenarios = load(testInfo.outputPath(), MATRIX);
    expect(scenarios.map((s) => [s.id, s.resource, s.operation])).toEqual([
      ['404-sample-kept', 'brands', 'get'],
      ['404-sample.brands.delete', 'brands', 'delete'],
      ['404-sample.customFields.get', 'customFields', 'get'],
      ['404-sample.customFields.delete', 'customFields', 'delete'],
    ]);
    const fields = scenarios[2];
    expect(fields.request).toEqual({ method: 'GET', path: '/v3/catalog/products/${parentId}/custom-fields/${id}' });
    // `use: create` brings the parent product first, then the field; the clean-up deletes both.
    expect(fields.setup!.map((st) => ('request' in st ? `${st.request.method} ${st.request.path}` : ''))).toEqual([
      'POST /v3/catalog/products',
      'POST /v3/catalog/products/${parentId}/custom-fields',
    ]);
    expect(fields.cleanup!.map((st) => ('request' in st ? `${st.request.method} ${st.request.path}` : ''))).toEqual([
      'DELETE /v3/catalog/products/${parentId}/custom-fields/${id}',
      'DELETE /v3/catalog/products/${parentId}',
    ]);
    expect(fields.expect.body).toEqual({ schema: 'error-v3', statusMatches: true });
    // The bodies carry the run's prefix and the expanded id, for sweep and for uniqueness.
    expect(JSON.stringify(scenarios[0].setup)).toContain('${run.prefix}404-sample-kept');
    expect(scenarios[0].checks.map((c) => [c.at, c.line])).toEqual([
      ['expect.status', 17],
      ['expect.body.schema', 18],
      ['expect.body.statusMatches', 18],
    ]);
  });

  test('a problem names the file, the line and the expansion at fault', ({}, testInfo) => {
    const text = MATRIX.replace('path: "${family.item}"', 'path: "${family.iteem}"').replace(
      'brands.get: 404-sample-kept',
      'brand.get: 404-sample-kept',
    );
    let problems: string[] = [];
    try {
      load(testInfo.outputPath(), text);
    } catch (e) {
      problems = (e as ScenarioFileError).problems.map(formatProblem);
    }
    expect(problems.filter((p) => p.includes('never captured'))).toEqual([]); // reported once, by the expansion
    expect(problems).toContainEqual(
      expect.stringMatching(
        /404-sample\.yaml:15:\d+: request\.path: \[brands\.get\] \$\{family\.iteem\} has no value in this expansion \(known: family\.name, family\.api, family\.collection, family\.item/,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /404-sample\.yaml:12:\d+: ids\["brand\.get"\]: no expansion "brand\.get" \(expansions: brands\.get, brands\.delete/,
      ),
    );
  });

  test('`use` needs a family axis; a family name is checked against the contract', ({}, testInfo) => {
    const noFamily = MATRIX.replace('  family: [brands, customFields]\n', '').replace(
      'ids: { brands.get: 404-sample-kept }\n',
      '',
    );
    expect(() => load(testInfo.outputPath('a'), noFamily)).toThrow(
      /setup\[0\]\.use: \[get\] `use` names a family's steps: the file needs `each: \{ family: \[\.\.\.\] \}`/,
    );
    const unknown = MATRIX.replace('[brands, customFields]', '[brands, widgets]');
    expect(() => load(testInfo.outputPath('b'), unknown)).toThrow(
      /each\.family\[1\]: must be one of .*"customers" \(found "widgets"\)/,
    );
  });
});
