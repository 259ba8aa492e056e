// Loaded by tests/playwright.mutation.config.ts in Playwright's main process and
// in every worker. Only active under the Stryker Playwright runner
// (stryker/playwright-runner.mjs), which sets the variables below.
//
// - STRYKER_PW_COVERAGE_DIR: record which mutants each test reaches. Stryker's
//   instrumented code files a hit under __stryker__.currentTestId; here that is a
//   getter returning the running test's id (the same "file › title" line the runner
//   later passes to `playwright test --test-list`), or undefined outside a test
//   (module load time = static coverage). Each process writes its counts at exit,
//   with the spec files whose tests it ran (one per worker in the dry run, where
//   the config gives every spec file its own project, hence its own worker).
// - STRYKER_PW_HIT_LIMIT: Stryker's infinite-loop guard for the active mutant.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.STRYKER_PW_COVERAGE_DIR;
const hitLimit = process.env.STRYKER_PW_HIT_LIMIT;
const ns = (globalThis.__stryker__ ??= {});

if (hitLimit && ns.hitLimit === undefined) {
  ns.hitCount = 0;
  ns.hitLimit = Number(hitLimit);
}

if (dir && !ns.__playwrightHook) {
  ns.__playwrightHook = true;
  const { test } = require('@playwright/test');
  const ids = new WeakMap();
  const files = new Set(); // the spec files whose tests ran in this process
  const idOf = (info) => {
    let id = ids.get(info);
    if (id === undefined) {
      const file = path.relative(info.config.rootDir, info.file).split(path.sep).join('/');
      files.add(file);
      id = [file, ...info.titlePath.slice(1)].join(' › ');
      ids.set(info, id);
    }
    return id;
  };
  Object.defineProperty(ns, 'currentTestId', {
    configurable: true,
    get() {
      let info;
      try {
        info = test.info();
      } catch {
        return undefined; // not inside a test: module load, config, reporter
      }
      return idOf(info);
    },
  });
  process.on('exit', () => {
    if (!ns.mutantCoverage) return;
    // A worker whose tests reached no mutant still loaded its spec file (and so the src
    // modules it imports): name the file from the module cache.
    const testDir = path.join(__dirname, '..', 'tests');
    if (files.size === 0) {
      for (const f of Object.keys(require.cache))
        if (f.endsWith('.spec.ts')) files.add(path.relative(testDir, f).split(path.sep).join('/'));
    }
    const record = {
      worker: process.env.TEST_WORKER_INDEX !== undefined,
      files: [...files],
      coverage: ns.mutantCoverage,
    };
    fs.writeFileSync(path.join(dir, `coverage-${process.pid}.json`), JSON.stringify(record));
  });
}
