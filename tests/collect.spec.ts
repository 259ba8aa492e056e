// src/playwright/collect.ts: one Playwright test result → one scenario result of
// the report, from the test's annotations and its result alone. The TestCase and
// TestResult here carry only what collect reads (annotations, status, duration,
// error), as a reporter receives them.
import { test, expect } from '@playwright/test';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import {
  META_ANNOTATION,
  RESULT_ANNOTATION,
  type RunFacts,
  type ScenarioMeta,
  type ScenarioRecord,
} from '../src/playwright/annotations';
import { collectResult, provenanceOf, readRecord } from '../src/playwright/collect';
import type { RunResult } from '../src/engine/result';

const meta: ScenarioMeta = {
  id: 'products-get-404',
  title: 'an unknown product is 404',
  code: 404,
  level: 'must',
  doc: 'table row 404',
  file: 'products/get-404.yaml',
  resource: 'products',
  operation: 'get',
};

const facts: RunFacts = {
  runId: 'r1',
  targetBaseUrl: 'http://127.0.0.1:1/api',
  targetKind: 'reference',
  capabilities: ['TARGET_BASE_URL'],
  scenarioSetHash: 'abc',
  scenarioCount: 3,
  suiteVersion: '0.1.0',
  node: 'v20.0.0',
};

const run: RunResult = {
  status: 'failed',
  reason: 'expected 404, got 200',
  expected: { status: 404 },
  actual: { status: 200 },
  checks: [],
  transcript: [],
  durationMs: 12,
} as RunResult;

function testCase(
  annotations: TestCase['annotations'] = [{ type: META_ANNOTATION, description: JSON.stringify(meta) }],
) {
  return { annotations } as TestCase;
}

function testResult(
  status: TestResult['status'],
  record?: ScenarioRecord | string,
  more: Partial<TestResult> = {},
): TestResult {
  const annotations =
    record === undefined
      ? []
      : [{ type: RESULT_ANNOTATION, description: typeof record === 'string' ? record : JSON.stringify(record) }];
  return { status, duration: 1234.4, annotations, ...more } as TestResult;
}

const base = {
  ...meta,
  class: '4xx' as const,
  durationMs: 1234,
};

test('a test without the scenario annotation (or with an empty one) is not a scenario', () => {
  expect(collectResult(testCase([]), testResult('passed'))).toBeUndefined();
  expect(collectResult(testCase([{ type: 'skip', description: 'x' }]), testResult('passed'))).toBeUndefined();
  expect(collectResult(testCase([{ type: META_ANNOTATION, description: '' }]), testResult('passed'))).toBeUndefined();
});

test('a recorded, finished test reports the outcome decided in the worker, with the run and its duration', () => {
  const record: ScenarioRecord = { facts, outcome: { status: 'failed', reason: 'expected 404, got 200' }, run };
  expect(collectResult(testCase(), testResult('failed', record))).toEqual({
    facts,
    result: { ...base, status: 'failed', reason: 'expected 404, got 200', durationMs: 12, run },
  });
});

test('a recorded outcome carries its deviation and missing variables only when it has them', () => {
  const deviation = { status: 200, reason: 'known', stale: true };
  const withAll: ScenarioRecord = {
    facts,
    outcome: { status: 'notApplicable', reason: 'needs X', deviation, missing: ['TARGET_X'] },
  };
  expect(collectResult(testCase(), testResult('passed', withAll))?.result).toEqual({
    ...base,
    status: 'notApplicable',
    reason: 'needs X',
    deviation,
    missing: ['TARGET_X'],
  });
  // A passed outcome and no run: no reason, no deviation, no missing, no run; the test's own duration.
  const bare = collectResult(testCase(), testResult('passed', { facts, outcome: { status: 'passed' } }))?.result;
  expect(bare).toEqual({ ...base, status: 'passed' });
  expect(bare).not.toHaveProperty('reason');
  expect(bare).not.toHaveProperty('deviation');
  expect(bare).not.toHaveProperty('missing');
  expect(bare).not.toHaveProperty('run');
});

test('a test that timed out after recording has no trustworthy outcome: errored, naming the time', () => {
  const record: ScenarioRecord = { facts, outcome: { status: 'passed' }, run };
  expect(collectResult(testCase(), testResult('timedOut', record))).toEqual({
    facts,
    result: { ...base, status: 'errored', reason: 'timed out after 1234 ms' },
  });
  expect(collectResult(testCase(), testResult('timedOut'))).toEqual({
    facts: undefined,
    result: { ...base, status: 'errored', reason: 'timed out after 1234 ms' },
  });
});

test('an interrupted test is not run, recorded or not', () => {
  const expected = { ...base, status: 'notRun', reason: 'not run: the run was interrupted before it finished' };
  const record: ScenarioRecord = { facts, outcome: { status: 'passed' }, run };
  expect(collectResult(testCase(), testResult('interrupted', record))).toEqual({ facts, result: expected });
  expect(collectResult(testCase(), testResult('interrupted'))).toEqual({ facts: undefined, result: expected });
});

test('a skipped test is not applicable, with the reason it was skipped for, or a default one', () => {
  const skipped = testCase([
    { type: META_ANNOTATION, description: JSON.stringify(meta) },
    { type: 'issue', description: 'not this one' },
    { type: 'skip', description: 'needs TARGET_ORDER_ID' },
  ]);
  expect(collectResult(skipped, testResult('skipped'))?.result).toEqual({
    ...base,
    status: 'notApplicable',
    reason: 'needs TARGET_ORDER_ID',
  });
  const plain = testCase([
    { type: META_ANNOTATION, description: JSON.stringify(meta) },
    { type: 'skip', description: '' },
  ]);
  expect(collectResult(plain, testResult('skipped'))?.result).toEqual({
    ...base,
    status: 'notApplicable',
    reason: 'skipped by the run configuration',
  });
  expect(collectResult(testCase(), testResult('skipped'))?.result.reason).toBe('skipped by the run configuration');
});

test('a test that ended without a verdict is errored with the first line of its error, or how it ended', () => {
  const crashed = testResult('failed', undefined, { error: { message: 'boom: the fixture broke\n    at stack' } });
  expect(collectResult(testCase(), crashed)?.result).toEqual({
    ...base,
    status: 'errored',
    reason: 'boom: the fixture broke',
  });
  expect(collectResult(testCase(), testResult('failed'))?.result.reason).toBe('ended failed without a verdict');
  const empty = testResult('failed', undefined, { error: { message: '' } });
  expect(collectResult(testCase(), empty)?.result.reason).toBe('ended failed without a verdict');
});

test('readRecord reads the attempt’s record, and nothing from a missing, empty or broken one', () => {
  const record: ScenarioRecord = { facts, outcome: { status: 'passed' } };
  expect(readRecord(testResult('passed', record))).toEqual(record);
  expect(readRecord(testResult('passed'))).toBeUndefined();
  expect(readRecord(testResult('passed', ''))).toBeUndefined();
  expect(readRecord(testResult('passed', '{not json'))).toBeUndefined();
  // A broken record is as good as none: the test is errored, not judged from garbage.
  expect(collectResult(testCase(), testResult('passed', '{not json'))?.result.status).toBe('errored');
});

test('provenance comes from the first result that carries facts, else from this process', () => {
  const times = {
    startedAt: new Date('2024-01-02T03:04:05Z'),
    finishedAt: new Date('2024-01-02T03:05:06Z'),
    playwright: '1.2.3',
  };
  const here = {
    targetBaseUrl: 'http://here/',
    targetKind: 'profile' as const,
    capabilities: ['A'],
    scenarioSetHash: 'here-hash',
    scenarioCount: 9,
    suiteVersion: '9.9.9',
    node: 'v99',
  };
  const deviations = { file: 'deviations/x.yaml', sha256: 'd', entries: 2 };
  const first = { result: { ...base, status: 'passed' as const } };
  const second = { result: { ...base, status: 'passed' as const }, facts: { ...facts, deviations } };
  const third = { result: { ...base, status: 'passed' as const }, facts: { ...facts, scenarioSetHash: 'later' } };
  expect(provenanceOf([first, second, third], times, here)).toEqual({
    suite: { name: 'status-code-conformance', version: '0.1.0' },
    scenarioSetHash: 'abc',
    scenarioCount: 3,
    targetBaseUrl: 'http://127.0.0.1:1/api',
    targetKind: 'reference',
    startedAt: '2024-01-02T03:04:05.000Z',
    finishedAt: '2024-01-02T03:05:06.000Z',
    node: 'v20.0.0',
    playwright: '1.2.3',
    capabilities: ['TARGET_BASE_URL'],
    deviations,
  });
  const fromHere = provenanceOf([first], { ...times, shard: { current: 2, total: 3 } }, here);
  expect(fromHere).toEqual({
    suite: { name: 'status-code-conformance', version: '9.9.9' },
    scenarioSetHash: 'here-hash',
    scenarioCount: 9,
    targetBaseUrl: 'http://here/',
    targetKind: 'profile',
    startedAt: '2024-01-02T03:04:05.000Z',
    finishedAt: '2024-01-02T03:05:06.000Z',
    node: 'v99',
    playwright: '1.2.3',
    capabilities: ['A'],
    shard: { current: 2, total: 3 },
  });
  expect(fromHere).not.toHaveProperty('deviations');
  expect(provenanceOf([], times, here)).not.toHaveProperty('shard');
});
