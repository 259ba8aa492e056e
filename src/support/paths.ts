// Where the package's own files live, from source (Playwright's transform) and
// from dist/ alike: the nearest folder above this file that holds package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find package.json above ${__dirname}`);
    dir = up;
  }
  return (root = dir);
}

export const schemasDir = (): string => join(packageRoot(), 'schemas');

/** The catalogue that ships with the suite. */
export const scenariosDirDefault = (): string => join(packageRoot(), 'scenarios');

/** The catalogue to run: the bundled one, or CONFORMANCE_SCENARIOS (a vendor's own scenarios). */
export const scenariosDir = (): string => process.env.CONFORMANCE_SCENARIOS || scenariosDirDefault();

let pkg: { name: string; version: string } | undefined;

const suitePackage = () =>
  (pkg ??= JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string });

/** The suite's name and version, from its package.json. */
export const suiteName = (): string => suitePackage().name;
export const suiteVersion = (): string => suitePackage().version;
