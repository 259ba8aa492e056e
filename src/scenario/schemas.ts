// Every JSON Schema in schemas/ in one ajv instance, each compiled once per
// process: scenario files, error bodies, success bodies and report.json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { ajv as ajvModule } from '../support/lazy-modules';
import { schemasDir } from '../support/paths';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (ajv) return ajv;
  // verbose: errors carry the offending data and schema, so messages can say what came.
  ajv = new (ajvModule().Ajv)({ allErrors: true, strict: false, verbose: true });
  for (const name of readdirSync(schemasDir())
    .filter((f) => f.endsWith('.schema.json'))
    .sort()) {
    ajv.addSchema(JSON.parse(readFileSync(join(schemasDir(), name), 'utf8')));
  }
  return ajv;
}

/** Names usable as `schema: <name>` in a scenario: the files of schemas/ without `.schema.json`. */
function schemaNames(): string[] {
  instance();
  return readdirSync(schemasDir())
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => f.slice(0, -'.schema.json'.length));
}

/** A validator for a schema name (`error-v3`) or an inline schema object. */
export function validatorFor(schema: string | object): ValidateFunction {
  const key = typeof schema === 'string' ? schema : JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) {
    const a = instance();
    if (typeof schema === 'string') {
      fn = a.getSchema(`${schema}.schema.json`);
      if (!fn) throw new Error(`unknown schema "${schema}" (known: ${schemaNames().join(', ')})`);
    } else {
      fn = a.compile(schema);
    }
    compiled.set(key, fn);
  }
  return fn;
}

export type { ErrorObject };
