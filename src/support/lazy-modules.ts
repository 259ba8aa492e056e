// yaml, ajv and undici, each loaded on its first use. Playwright's runner only
// lists tests from the run's parsed catalogue: it never reads YAML, validates a
// body or sends a request, and neither does the command on a cached lint. Loaded
// up front, the three cost each of those processes start-up time and memory.
import type * as Ajv from 'ajv';
import type * as Undici from 'undici';
import type * as Yaml from 'yaml';

let yamlModule: typeof Yaml | undefined;
let ajvModule: typeof Ajv | undefined;
let undiciModule: typeof Undici | undefined;

export const yaml = (): typeof Yaml => (yamlModule ??= require('yaml') as typeof Yaml);
export const ajv = (): typeof Ajv => (ajvModule ??= require('ajv') as typeof Ajv);
export const undici = (): typeof Undici => (undiciModule ??= require('undici') as typeof Undici);
