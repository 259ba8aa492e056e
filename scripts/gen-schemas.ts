// Writes the JSON Schemas of the scenario files (schemas/scenario.schema.json,
// schemas/families.schema.json) from src/scenario/format.ts, the one
// definition of the format (`npm run gen:schemas`). A test fails while the
// committed files differ from what this would write.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { familiesJsonSchema, scenarioJsonSchema } from '../src/scenario/format';
import { schemasDir } from '../src/support/paths';

export const GENERATED = {
  'scenario.schema.json': scenarioJsonSchema,
  'families.schema.json': familiesJsonSchema,
};

if (require.main === module) {
  for (const [name, schema] of Object.entries(GENERATED)) {
    const file = join(schemasDir(), name);
    writeFileSync(file, `${JSON.stringify(schema(), null, 2)}\n`);
    process.stdout.write(`wrote ${file}\n`);
  }
}
