// Writes schemas/scenario.schema.json from src/scenario/format.ts, the one
// definition of the scenario format (`npm run gen:schemas`). A test fails
// while the committed file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioJsonSchema } from '../src/scenario/format';
import { schemasDir } from '../src/support/paths';

export const SCENARIO_SCHEMA_FILE = join(schemasDir(), 'scenario.schema.json');

if (require.main === module) {
  writeFileSync(SCENARIO_SCHEMA_FILE, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  process.stdout.write(`wrote ${SCENARIO_SCHEMA_FILE}\n`);
}
