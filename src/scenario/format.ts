// The scenario file format, written once: the JSON Schema that files are
// validated against (schemas/scenario.schema.json, generated from here by
// `npm run gen:schemas`) and the TypeScript types of src/scenario/types.ts both
// come from these definitions, so the two cannot drift apart.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { FAMILY_NAMES } from '../contract/families';
import { AUTH_MODES, STORE_NAMES } from '../contract/stores';
import { TABLE } from '../contract/table';

/** An `enum` keyword (one clear error message), typed as the union of its values. */
function Enum<const T extends readonly (string | number)[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({ enum: [...values], ...(description ? { description } : {}) });
}

/** An object of any keys whose values all match `value` (emitted as `additionalProperties`). */
function Dict<V extends TSchema>(value: V, options: Record<string, unknown> = {}) {
  return Type.Unsafe<Record<string, Static<V>>>({ type: 'object', ...options, additionalProperties: value });
}

const closed = { additionalProperties: false } as const;
const Code = Type.Integer({ minimum: 100, maximum: 599 });

export const RequestSchema = Type.Object(
  {
    store: Type.Optional(Enum(STORE_NAMES, 'Which store of the profile the request goes to.')),
    auth: Type.Optional(
      Enum(
        AUTH_MODES,
        "token: the store's full token; readonly: TARGET_READONLY_TOKEN; invalid: a token no store issued; basic: the legacy user and password; none: no credentials.",
      ),
    ),
    method: Type.String({ pattern: '^([A-Z]+|\\$\\{[^}]+\\})$', description: 'A method in capitals, or a template.' }),
    path: Type.String({
      pattern: '^(/|\\$\\{)',
      description: 'Relative to the store root: starts with / or a template.',
    }),
    query: Type.Optional(Dict(Type.Union([Type.String(), Type.Number(), Type.Boolean()]))),
    headers: Type.Optional(
      Dict(Type.Union([Type.String(), Type.Null()]), {
        description: 'Header values; null removes a default header (Accept, Content-Type).',
      }),
    ),
    json: Type.Optional(
      Type.Unknown({
        description: 'A JSON body; Content-Type: application/json is added unless headers say otherwise.',
      }),
    ),
    body: Type.Optional(
      Type.String({ description: 'A raw body sent exactly as written, with no Content-Type added.' }),
    ),
  },
  { ...closed, not: { required: ['json', 'body'] } },
);

const Repeat = Type.Object(
  {
    times: Type.Union([Type.Integer(), Type.String()], {
      description: 'A count, or a template such as `${env.TARGET_CATEGORY_LIMIT}+1`.',
    }),
    until: Code,
  },
  {
    ...closed,
    description: 'Send the request up to `times` times, stopping at the first response with status `until`.',
  },
);

const Source = Type.Unsafe<{ body: string } | { header: string } | { status: true }>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    body: {
      description: 'JSON Pointer into the response body, e.g. /data/id (or a template that gives one).',
      type: 'string',
      pattern: '^(/.*|\\$\\{[^}]+\\})?$',
    },
    header: { description: 'Response header name (any case).', type: 'string' },
    status: { const: true },
  },
});

const Captures = (description: string) =>
  Dict(Source, { description, propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' } });

const Status = Type.Union(
  [Code, Type.Array(Code, { minItems: 1 }), Enum(['1xx', '2xx', '3xx', '4xx', '5xx'] as const)],
  { description: 'A status, a list of statuses, or a class such as 2xx.' },
);

const HeaderExpect = Type.Object(
  {
    present: Type.Optional(
      Type.Array(Type.String(), { description: 'Headers that must be sent (names in any case).' }),
    ),
    absent: Type.Optional(Type.Array(Type.String(), { description: 'Headers that must not be sent.' })),
    match: Type.Optional(
      Dict(Type.String(), { description: 'Header → regular expression its value must match (case-insensitive).' }),
    ),
    notMatch: Type.Optional(
      Dict(Type.String(), { description: 'Header → regular expression its value must not match.' }),
    ),
  },
  closed,
);

const BodyChecks = Type.Object(
  {
    schema: Type.Optional(
      Type.Union([Type.String(), Type.Object({})], {
        description: 'A schema name from schemas/ (error-v3, error-v2, …) or an inline JSON Schema.',
      }),
    ),
    statusMatches: Type.Optional(
      Type.Boolean({ description: "The body's `status` (each item's, for V2 arrays) equals the HTTP status." }),
    ),
    alsoAccept: Type.Optional(
      Type.Union(
        [
          Type.Array(Enum(['empty', 'text'] as const)),
          Type.String({ pattern: '^\\$\\{[^}]+\\}$', description: 'A matrix variable that gives the list.' }),
        ],
        { description: 'Other bodies accepted instead of JSON: empty, or text (text/plain).' },
      ),
    ),
    notMatch: Type.Optional(Type.String({ description: 'Regular expression the raw body must not match.' })),
    equals: Type.Optional(
      Dict(Type.Unknown(), { description: 'JSON Pointer → template value the body must hold there.' }),
    ),
  },
  closed,
);

const BodyExpect = Type.Union([Type.Literal('empty', { description: 'No body at all.' }), BodyChecks]);

const LocationParts = Type.Object(
  {
    scheme: Type.Optional(Type.String({ description: 'The scheme the Location must use, e.g. https.' })),
    hostOf: Type.Optional(
      Type.String({
        description:
          'A URL whose host the Location must name; its port too when the URL names one (else the default port of the Location’s scheme).',
      }),
    ),
    path: Type.Optional(Type.String({ description: 'The path the Location must resolve to, e.g. `${request.path}`.' })),
    query: Type.Optional(
      Type.String({ description: 'The query (without `?`) the Location must carry, e.g. `${request.query}`.' }),
    ),
  },
  { ...closed, minProperties: 1 },
);

const LocationExpect = Type.Union([
  Type.String({ description: 'The URL the Location header must resolve to (absolute or a path, RFC 9110 §10.2.2).' }),
  LocationParts,
]);

const expectProperties = {
  headers: Type.Optional(HeaderExpect),
  body: Type.Optional(BodyExpect),
  location: Type.Optional(LocationExpect),
};

const MainExpect = Type.Object({ status: Code, ...expectProperties }, closed);
export const StepExpectSchema = Type.Object({ status: Type.Optional(Status), ...expectProperties }, closed);

const RequestStep = Type.Object({
  name: Type.Optional(Type.String()),
  request: RequestSchema,
  expect: Type.Optional(StepExpectSchema),
  capture: Type.Optional(Captures("Values taken from this step's (last) response.")),
  collect: Type.Optional(Captures('Values gathered from every 2xx response of a repeated request.')),
  repeat: Type.Optional(Repeat),
  forEach: Type.Optional(Type.String({ description: 'Run the step once per collected value, as `${item}`.' })),
});

const WaitStep = Type.Object({
  name: Type.Optional(Type.String()),
  wait: Type.Object(
    {
      ms: Type.Union([Type.Integer({ minimum: 0 }), Type.String()]),
      max: Type.Optional(
        Type.Integer({ minimum: 0, description: 'Upper bound in ms, so a hostile target cannot stall the run.' }),
      ),
    },
    closed,
  ),
});

export const FRAGMENTS = ['parent', 'create', 'delete', 'deleteParent'] as const;

const UseStep = Type.Object({
  use: Enum(
    FRAGMENTS,
    "In a file expanded over `each.family`: the family's own steps. parent: create the parent a nested family needs (capturing ${parentId}); create: create one object (and its parent), capturing ${id}; delete: delete it; deleteParent: delete its parent (nothing for a family without one).",
  ),
});

/** One object schema with either `request` or `wait`: a typo then gets one clear message, not one per branch. */
const StepDefinition = {
  type: 'object',
  additionalProperties: false,
  properties: { ...RequestStep.properties, ...WaitStep.properties },
  oneOf: [{ required: ['request'] }, { required: ['wait'] }],
};
/** Set-up and clean-up steps may also name a family's own steps (`use`). */
const SetupStepDefinition = {
  type: 'object',
  additionalProperties: false,
  properties: { ...RequestStep.properties, ...WaitStep.properties, ...UseStep.properties },
  oneOf: [{ required: ['request'] }, { required: ['wait'] }, { required: ['use'] }],
};
/** Verify steps share one step definition, set-up and clean-up another, referenced from each list. */
const Step = Type.Unsafe<Static<typeof RequestStep> | Static<typeof WaitStep>>({ $ref: '#/definitions/step' });
const SetupStep = Type.Unsafe<Static<typeof RequestStep> | Static<typeof WaitStep> | Static<typeof UseStep>>({
  $ref: '#/definitions/setupStep',
});

const Steps = (description?: string) => Type.Array(Step, description ? { description } : {});
const SetupSteps = (description?: string) => Type.Array(SetupStep, description ? { description } : {});

const AxisValue = Type.String({ pattern: '^[a-z][a-zA-Z0-9]*$' });
/** One axis of a matrix: value names, or value name → the variables `${axis.var}` it brings. */
const Axis = Type.Union([Type.Array(AxisValue, { minItems: 1 }), Dict(Dict(Type.Unknown()), { minProperties: 1 })]);

const Each = Type.Object(
  {
    family: Type.Optional(
      Type.Array(Enum(FAMILY_NAMES), {
        minItems: 1,
        uniqueItems: true,
        description: 'The resource families to expand over; each brings `${family.*}` (collection, item, bodies, …).',
      }),
    ),
  },
  {
    description:
      'A matrix: one scenario per combination of the axes, id `<id>.<family>.<value>…`, with `${family.*}` and `${<axis>.*}` filled in.',
    additionalProperties: Axis,
    propertyNames: { pattern: '^[a-z][a-zA-Z]*$' },
    minProperties: 1,
  },
);

export const ScenarioSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    id: Type.String({
      description:
        'Stable id, `<code>-<slug>`; the file is named `<id>.yaml`. Never renamed: reports and known-deviation files refer to it.',
      pattern: '^[1-5][0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$',
    }),
    title: Type.String({ minLength: 5 }),
    code: Enum(
      TABLE.map((r) => r.code),
      'The documented row (status code) of the table this scenario checks.',
    ),
    doc: Type.String({
      description: 'What it cites: the row of status-codes.md, TARGET-CONTRACT.md, or an RFC 9110 section.',
      pattern: '(status-codes\\.md|TARGET-CONTRACT\\.md|RFC 9110)',
    }),
    level: Enum(['must', 'should'] as const),
    requires: Type.Array(Type.String({ pattern: '^TARGET_[A-Z0-9_]+$' }), {
      description: 'Target profile variables the scenario needs; when one is absent the scenario is not applicable.',
      uniqueItems: true,
    }),
    resource: Type.Optional(
      Enum(FAMILY_NAMES, 'The resource family this scenario checks (a matrix sets it from `each.family`).'),
    ),
    operation: Type.Optional(
      Type.String({ description: 'What it does to the family: list, get, post, put, delete, … (a matrix sets it).' }),
    ),
    each: Type.Optional(Each),
    ids: Type.Optional(
      Dict(Type.String({ pattern: '^[1-5][0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$' }), {
        description:
          'Expansion (`products.post`) → the id it keeps from before the file was a matrix: ids are never renamed.',
      }),
    ),
    setup: Type.Optional(SetupSteps()),
    request: RequestSchema,
    repeat: Type.Optional(Repeat),
    collect: Type.Optional(
      Captures('Values gathered from every 2xx response of a repeated request, e.g. ids to delete in clean-up.'),
    ),
    capture: Type.Optional(
      Captures("Values taken from the main request's (last) response, for verify and clean-up steps."),
    ),
    expect: MainExpect,
    verify: Type.Optional(Steps('Steps after the main request whose expectations count towards the verdict.')),
    cleanup: Type.Optional(
      SetupSteps(
        'Steps that always run, also when the scenario failed; failures are reported as leftovers, never as the verdict.',
      ),
    ),
  },
  {
    ...closed,
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'scenario.schema.json',
    title: 'Conformance scenario',
    description:
      'One request against a target and the documented status it must get. Editors: add `# yaml-language-server: $schema=<path to this file>` at the top of a scenario file.',
    definitions: { step: StepDefinition, setupStep: SetupStepDefinition },
  },
);

/** A scenario file as written: it may be a matrix (`each`) and name a family's steps (`use`). */
export type ScenarioFileDoc = Static<typeof ScenarioSchema>;
export type UseStepSpec = Static<typeof UseStep>;
export type EachSpec = Static<typeof Each>;
/** One scenario, after expansion: no matrix, no `use` steps. */
export type ScenarioDoc = Omit<ScenarioFileDoc, 'each' | 'ids' | 'setup' | 'cleanup'> & {
  setup?: Step[];
  cleanup?: Step[];
};
export type RequestSpec = Static<typeof RequestSchema>;
export type ExpectSpec = Static<typeof StepExpectSchema>;
export type MainExpectSpec = Static<typeof MainExpect>;
export type StatusExpect = Static<typeof Status>;
export type HeaderExpectSpec = Static<typeof HeaderExpect>;
export type BodyExpectSpec = Static<typeof BodyExpect>;
export type LocationExpectSpec = Static<typeof LocationExpect>;
export type Step = Static<typeof Step>;
export type RequestStepSpec = Static<typeof RequestStep>;
export type RepeatSpec = Static<typeof Repeat>;
export type SourceSpec = Static<typeof Source>;

const FamilyData = Type.Object(
  {
    createBody: Type.Unknown({ description: 'A valid create body; names carry `${run.prefix}${scenario.id}`.' }),
    updateBody: Type.Unknown({ description: 'A PUT body that changes a field of an object the scenario created.' }),
    incompleteBody: Type.Unknown({ description: 'A create body missing a required field (400).' }),
    unique: Type.Optional(Type.String({ description: 'The field whose value must be unique (409).' })),
  },
  closed,
);

/** scenarios/families.yaml: the bodies each family is created and changed with, for matrix scenarios. */
export const FamiliesSchema = Type.Object(
  Object.fromEntries(FAMILY_NAMES.map((f) => [f, FamilyData])) as Record<
    (typeof FAMILY_NAMES)[number],
    typeof FamilyData
  >,
  {
    ...closed,
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'families.schema.json',
    title: 'Resource family data of a catalogue',
    required: [...FAMILY_NAMES],
  },
);
export type FamiliesDoc = Static<typeof FamiliesSchema>;
export type FamilyDataSpec = Static<typeof FamilyData>;

export function familiesJsonSchema(): TSchema {
  return JSON.parse(JSON.stringify(FamiliesSchema)) as TSchema;
}

/** The JSON Schema as the file in schemas/ holds it. */
export function scenarioJsonSchema(): TSchema {
  return JSON.parse(JSON.stringify(ScenarioSchema)) as TSchema;
}
