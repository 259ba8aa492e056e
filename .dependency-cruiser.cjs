// The layers of the suite, lowest first. Data flows one way: scenario →
// request → verdict → report; a layer imports only from the layers below it.
//   support    (src/support)   paths, text, files: no project imports
//   contract   (src/contract)  the documented table, the stores and profile variables
//   profile    (src/profile)   reading and checking target profiles
//   scenario   (src/scenario)  the scenario format: load, lint, templates, checks
//   engine     (src/engine)    run one scenario: HTTP, judge, outcome
//   report     (src/report)    the report model and its renderers
//   playwright (src/playwright, reporters, specs)  the Playwright adapter
//   cli        (src/cli, src/cli.ts)
// The reference target and the second test target stand apart from the engine.
/** @type {import('dependency-cruiser').IConfiguration} */
const layer = (name, from, allowed) => ({
  name: `layer-${name}`,
  comment: `${name} may import only from: ${allowed.join(', ') || 'nothing in the project'}`,
  severity: 'error',
  from: { path: from },
  to: {
    path: '^(src|reference|reporters|specs)/',
    pathNot: ['^src/support/', ...allowed.map((a) => `^${a}`), from],
  },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no import cycles anywhere', from: {}, to: { circular: true } },
    layer('support', '^src/support/', []),
    layer('contract', '^src/contract/', []),
    layer('profile', '^src/profile/', ['src/contract/']),
    layer('scenario', '^src/scenario/', ['src/contract/']),
    layer('engine', '^src/engine/', ['src/contract/', 'src/profile/', 'src/scenario/']),
    layer('report', '^src/report/', ['src/contract/', 'src/engine/', 'src/scenario/']),
    layer('playwright', '^(src/playwright/|reporters/|specs/)', [
      'src/contract/',
      'src/profile/',
      'src/scenario/',
      'src/engine/',
      'src/report/',
      'src/playwright/',
      'reporters/',
      'reference/server',
    ]),
    layer('reference', '^reference/', ['reference/', 'src/contract/']),
    {
      name: 'second-target-independent',
      comment: 'the second test target is written from the contract alone: it imports nothing of the suite',
      severity: 'error',
      from: { path: '^tests/fixtures/second-target/' },
      to: { path: '^(src|reference|reporters|specs)/' },
    },
    {
      name: 'typebox-at-build-time-only',
      comment:
        'the scenario format (TypeBox, a dev dependency) is imported for its types only; the JSON Schema file is what runs',
      severity: 'error',
      from: { path: '^(src|reference|reporters|specs)/', pathNot: '^src/scenario/format\\.ts$' },
      to: { path: '^src/scenario/format\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-dev-deps-at-run-time',
      comment: 'what the CLI and the runner load needs only production dependencies',
      severity: 'error',
      from: { path: '^(src|reference|reporters|specs)/', pathNot: '^src/scenario/format\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
