// src/engine/outcome.ts: a run's final status; an interrupted run is not run,
// whatever it had got to, and only failed and errored outcomes are problems.
import { test, expect } from '@playwright/test';
import { isProblem, outcomeOf, type ScenarioStatus } from '../src/engine/outcome';
import type { RunResult } from '../src/engine/result';

const run = (over: Partial<RunResult>): RunResult => ({
  status: 'errored',
  reason: 'interrupted before it finished: not judged',
  expected: { status: 201 },
  checks: [],
  transcript: [],
  durationMs: 1,
  ...over,
});

test('an interrupted run is not run, not errored, even when a deviation is listed', () => {
  const listed = { scenario: '201-x', status: 200, reason: 'production answers 200' };
  const expected = { status: 'notRun', reason: 'not run: interrupted while it ran' };
  expect(outcomeOf(run({ interrupted: true }), undefined)).toEqual(expected);
  expect(outcomeOf(run({ interrupted: true, status: 'failed', actual: { status: 200 } }), listed)).toEqual(expected);
  expect(outcomeOf(run({}), undefined)).toEqual({
    status: 'errored',
    reason: 'interrupted before it finished: not judged',
  });
  expect(outcomeOf(run({ status: 'passed', reason: undefined }), undefined)).toEqual({ status: 'passed' });
});

test('only failed and errored outcomes are problems', () => {
  const all: ScenarioStatus[] = ['passed', 'failed', 'knownDeviation', 'notApplicable', 'errored', 'notRun'];
  expect(all.filter((status) => isProblem({ status }))).toEqual(['failed', 'errored']);
});

test('a listed scenario that got no response at all is failed, not a known deviation', () => {
  const listed = { scenario: '201-x', status: 200, reason: 'production answers 200' };
  const noAnswer = run({ status: 'failed', reason: 'no valid response: timed out' });
  expect(outcomeOf(noAnswer, listed)).toEqual({ status: 'failed', reason: 'no valid response: timed out' });
});
