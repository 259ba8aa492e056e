// src/report/build.ts: scenario results → the report model. The order of the
// scenarios, the sums per class and per code, completeness and the verdict rules
// (fail before partial before warn before notApplicable before pass).
import { test, expect } from '@playwright/test';
import { scenarioResult } from './fixtures/scenario-result';
import { buildReport, summarize } from '../src/report/build';
import { certificationOf } from '../src/report/certification';
import { REPORT_FORMAT_VERSION, type CreatedObject, type Provenance, type ScenarioResult } from '../src/report/model';

const provenance: Provenance = {
  suite: { name: 'status-code-conformance', version: '0.1.0' },
  scenarioSetHash: 'hash',
  scenarioCount: 1,
  targetBaseUrl: 'http://127.0.0.1:1',
  targetKind: 'reference',
  startedAt: '2024-01-01T00:00:00.000Z',
  finishedAt: '2024-01-01T00:00:01.000Z',
  node: 'v20',
  playwright: '1',
  capabilities: [],
};

const result = scenarioResult;

const zero = { total: 0, passed: 0, failed: 0, knownDeviation: 0, notApplicable: 0, errored: 0, notRun: 0 };

test('scenarios are in table order, then by id; a code the table lacks goes last', () => {
  const report = buildReport(
    [
      result('418-teapot', 418, 'passed'),
      result('404-b', 404, 'passed'),
      result('200-z', 200, 'passed'),
      result('404-a', 404, 'passed'),
      result('201-a', 201, 'passed'),
    ],
    provenance,
  );
  expect(report.scenarios.map((s) => s.id)).toEqual(['200-z', '201-a', '404-a', '404-b', '418-teapot']);
});

test('the input list is left as it was', () => {
  const list = [result('404-a', 404, 'passed'), result('200-a', 200, 'passed')];
  buildReport(list, provenance);
  expect(list.map((s) => s.id)).toEqual(['404-a', '200-a']);
});

test('every class and every table row has a summary, empty ones too', () => {
  const report = buildReport([result('404-a', 404, 'failed', 'should'), result('200-a', 200, 'notRun')], provenance);
  expect(Object.keys(report.classes)).toEqual(['2xx', '3xx', '4xx', '5xx']);
  expect(report.classes['3xx']).toEqual({ ...zero, verdict: 'notApplicable' });
  expect(report.classes['4xx']).toEqual({ ...zero, total: 1, failed: 1, verdict: 'warn' });
  expect(report.classes['2xx']).toEqual({ ...zero, total: 1, notRun: 1, verdict: 'partial' });
  expect(Object.keys(report.codes)).toHaveLength(22);
  expect(report.codes['404']).toEqual({
    code: 404,
    class: '4xx',
    definition: 'Not Found',
    ...zero,
    total: 1,
    failed: 1,
    verdict: 'warn',
  });
  expect(report.codes['200']).toMatchObject({ code: 200, class: '2xx', definition: 'OK', notRun: 1 });
  expect(report.codes['201']).toEqual({
    code: 201,
    class: '2xx',
    definition: 'Created',
    ...zero,
    verdict: 'notApplicable',
  });
});

test('a whole run that finished is complete; its report carries the format, the provenance and its certification', () => {
  const scenarios = [result('200-a', 200, 'passed')];
  const report = buildReport(scenarios, provenance);
  expect(report.formatVersion).toBe(REPORT_FORMAT_VERSION);
  expect(report.provenance).toBe(provenance);
  expect(report.completeness).toEqual({ complete: true, notRun: [], selection: [] });
  expect(report.completeness).not.toHaveProperty('interrupted');
  expect(report.certification).toEqual(certificationOf(scenarios, report.completeness));
  expect(report.certification.valid).toBe(true);
  expect(report.leftovers).toEqual([]);
  expect(report.verdict).toBe('pass');
  expect(report.totals).toEqual({ ...zero, total: 1, passed: 1 });
  expect(report.totals).not.toHaveProperty('verdict');
});

test('scenarios that did not run, or an interruption, make the run incomplete and a passing verdict partial', () => {
  const notRun = buildReport(
    [result('200-a', 200, 'passed'), result('404-b', 404, 'notRun'), result('201-c', 201, 'notRun')],
    provenance,
    { selection: ['--grep', 'x'] },
  );
  expect(notRun.completeness).toEqual({ complete: false, notRun: ['201-c', '404-b'], selection: ['--grep', 'x'] });
  expect(notRun.verdict).toBe('partial');
  expect(notRun.certification.valid).toBe(false);

  const leftovers: CreatedObject[] = [
    { run: 'r1', scenario: '201-a', store: 'main', path: '/v3/catalog/products/17', at: '2024-01-01T00:00:00Z' },
  ];
  const interrupted = buildReport([result('200-a', 200, 'passed')], provenance, { interrupted: 'SIGINT', leftovers });
  expect(interrupted.completeness).toEqual({ complete: false, notRun: [], selection: [], interrupted: 'SIGINT' });
  expect(interrupted.verdict).toBe('partial');
  expect(interrupted.leftovers).toBe(leftovers);
  // Only passes and warnings become partial: a failure stays a failure.
  const warned = buildReport([result('406-a', 406, 'failed', 'should')], provenance, { interrupted: 'SIGTERM' });
  expect(warned.verdict).toBe('partial');
  const failed = buildReport([result('404-a', 404, 'failed')], provenance, { interrupted: 'SIGTERM' });
  expect(failed.verdict).toBe('fail');
  // A whole run's verdict is its own summary's when complete.
  expect(buildReport([result('406-a', 406, 'failed', 'should')], provenance).verdict).toBe('warn');
});

test('summarize counts each status and decides the verdict: fail, partial, warn, not applicable, pass', () => {
  const all = [
    result('a', 200, 'passed'),
    result('b', 200, 'failed', 'should'),
    result('c', 200, 'knownDeviation'),
    result('d', 200, 'notApplicable'),
    result('e', 200, 'errored', 'should'),
    result('f', 200, 'notRun'),
    result('g', 200, 'passed'),
  ];
  expect(summarize(all)).toEqual({
    total: 7,
    passed: 2,
    failed: 1,
    knownDeviation: 1,
    notApplicable: 1,
    errored: 1,
    notRun: 1,
    verdict: 'partial',
  });
  const v = (...list: ScenarioResult[]) => summarize(list).verdict;
  // fail: a must that failed or errored, whatever else there is.
  expect(v(result('a', 200, 'failed'), result('b', 200, 'notRun'))).toBe('fail');
  expect(v(result('a', 200, 'errored'), result('b', 200, 'passed'))).toBe('fail');
  // partial: something did not run, and no must went wrong.
  expect(v(result('a', 200, 'errored', 'should'), result('b', 200, 'notRun'))).toBe('partial');
  expect(v(result('a', 200, 'passed'), result('b', 200, 'notRun'))).toBe('partial');
  // warn: a should that failed or errored, or a known deviation.
  expect(v(result('a', 200, 'failed', 'should'))).toBe('warn');
  expect(v(result('a', 200, 'errored', 'should'), result('b', 200, 'passed'))).toBe('warn');
  expect(v(result('a', 200, 'knownDeviation'), result('b', 200, 'passed'))).toBe('warn');
  // notApplicable: nothing applied (nothing at all, too); pass: the rest.
  expect(v()).toBe('notApplicable');
  expect(v(result('a', 200, 'notApplicable'), result('b', 200, 'notApplicable'))).toBe('notApplicable');
  expect(v(result('a', 200, 'notApplicable'), result('b', 200, 'passed'))).toBe('pass');
  expect(v(result('a', 200, 'passed', 'should'))).toBe('pass');
});
