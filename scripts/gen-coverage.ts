// Writes the catalogue's coverage (rows × resource families, scenarios per
// cell) into README.md between its coverage markers (`npm run gen:coverage`),
// from the catalogue itself. A test fails while the README differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { ScenarioResult } from '../src/report/model';
import { markdownMatrix } from '../src/report/render-markdown';
import { loadCatalogue } from '../src/scenario/load';
import { packageRoot, scenariosDirDefault } from '../src/support/paths';

export const README = join(packageRoot(), 'README.md');
const START = '<!-- coverage:start (npm run gen:coverage) -->';
const END = '<!-- coverage:end -->';

/** The README with its coverage section as the bundled catalogue gives it, formatted as the project formats Markdown. */
export async function readmeWithCoverage(readme: string): Promise<string> {
  return format(withSection(readme), { ...(await resolveConfig(README)), filepath: README });
}

function withSection(readme: string): string {
  const catalogue = loadCatalogue(scenariosDirDefault());
  const scenarios = catalogue.scenarios.map((s) => ({ code: s.code, resource: s.resource })) as ScenarioResult[];
  const table = markdownMatrix({ scenarios }, false).join('\n').trim();
  const section = `${START}\n\n${catalogue.scenarios.length} scenarios. Scenarios per row and family:\n\n${table}\n\n${END}`;
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  if (i < 0 || j < 0) throw new Error(`README.md has no coverage markers (${START} … ${END})`);
  return readme.slice(0, i) + section + readme.slice(j + END.length);
}

if (require.main === module) {
  void readmeWithCoverage(readFileSync(README, 'utf8')).then((text) => {
    writeFileSync(README, text);
    process.stdout.write(`wrote the coverage section of ${README}\n`);
  });
}
