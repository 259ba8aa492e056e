// src/scenario/deviations.ts: an entry naming a scenario the catalogue does
// not have, and nothing near it, says so without a suggestion.
import { test, expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { loadDeviations } from '../src/scenario/deviations';
import { loadCatalogue } from '../src/scenario/load';
import { formatProblem, ScenarioFileError } from '../src/scenario/problems';
import { scenariosDir } from '../src/support/paths';

test('an unknown scenario with no near id is named without a suggestion', ({}, testInfo) => {
  const file = testInfo.outputPath('deviations.yaml');
  writeFileSync(
    file,
    'deviations:\n  - scenario: 599-nothing-like-it-at-all\n    status: 200\n    reason: no such scenario\n',
  );
  let problems: string[] = [];
  try {
    loadDeviations(file, loadCatalogue(scenariosDir()));
  } catch (e) {
    problems = (e as ScenarioFileError).problems.map(formatProblem);
  }
  expect(problems).toEqual([
    expect.stringMatching(
      /deviations\.yaml:2:15: deviations\[0\]\.scenario: no scenario "599-nothing-like-it-at-all" in the catalogue$/,
    ),
  ]);
});
