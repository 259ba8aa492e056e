// Playwright reporter for stryker/playwright-runner.mjs: one JSON file with every
// test's id ("file › describe › title", the --test-list format), status, duration
// and first error, plus errors outside tests (e.g. a test file that fails to load).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

class StrykerResultsReporter {
  constructor(options = {}) {
    this.outputFile = options.outputFile;
    this.tests = [];
    this.errors = [];
  }
  printsToStdio() {
    return true; // keeps Playwright from adding its default terminal reporter
  }
  onBegin(config, suite) {
    this.rootDir = config.rootDir;
    this.listed = suite.allTests().map((test) => ({ id: this.idOf(test), line: test.location.line }));
  }
  idOf(test) {
    const file = path.relative(this.rootDir, test.location.file).split(path.sep).join('/');
    return [file, ...test.titlePath().slice(3)].join(' › '); // titlePath: ['', project, file, ...describes, title]
  }
  onTestEnd(test, result) {
    const titles = test.titlePath().slice(3);
    const error = result.errors[0] ?? result.error;
    this.tests.push({
      id: this.idOf(test),
      name: titles.join(' › '),
      file: test.location.file,
      line: test.location.line,
      column: test.location.column,
      status: result.status,
      expectedStatus: test.expectedStatus,
      duration: result.duration,
      error: error ? (error.message ?? error.value ?? String(error)) : undefined,
    });
  }
  onError(error) {
    this.errors.push(error.message ?? error.value ?? String(error));
  }
  onEnd(result) {
    fs.writeFileSync(
      this.outputFile,
      JSON.stringify({ status: result.status, listed: this.listed, tests: this.tests, errors: this.errors }),
    );
  }
}
module.exports = StrykerResultsReporter;
