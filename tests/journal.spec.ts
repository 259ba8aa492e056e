// src/engine/journal.ts: the created-objects journal, written line by line by
// every worker and read back after the run (report leftovers, `conformance sweep`).
import { test, expect } from '@playwright/test';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { journalFile, readJournal, type JournalEntry } from '../src/engine/journal';

const at = '2024-01-01T00:00:00.000Z';

test('each entry is one JSON line, appended to what is there', ({}, testInfo) => {
  const file = testInfo.outputPath('journal.jsonl');
  const journal = journalFile(file);
  journal.write({ t: 'started', run: 'r1', scenario: '201-a', at });
  journal.write({ t: 'ended', run: 'r1', scenario: '201-a', status: 'passed', at });
  expect(readFileSync(file, 'utf8')).toBe(
    `{"t":"started","run":"r1","scenario":"201-a","at":"${at}"}\n` +
      `{"t":"ended","run":"r1","scenario":"201-a","status":"passed","at":"${at}"}\n`,
  );
  journalFile(file).write({ t: 'started', run: 'r2', scenario: '404-b', at });
  expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4);
});

test('leftovers are the objects created and not deleted, in the order they were created', ({}, testInfo) => {
  const file = testInfo.outputPath('journal.jsonl');
  const journal = journalFile(file);
  const created = (run: string, path: string, store: 'main' | 'fault' = 'main'): JournalEntry => ({
    t: 'created',
    run,
    scenario: `s-${path}`,
    store,
    path,
    at,
  });
  journal.write(created('r1', '/v3/catalog/products/1'));
  journal.write(created('r1', '/v3/catalog/products/2'));
  journal.write(created('r2', '/v3/catalog/products/1', 'fault'));
  journal.write(created('r1', '/v3/catalog/products/3'));
  journal.write({ t: 'deleted', run: 'r1', store: 'main', path: '/v3/catalog/products/1', at });
  // The same path on another store is another object: still there.
  const summary = readJournal(file);
  expect(summary.leftovers).toEqual([
    { run: 'r1', scenario: 's-/v3/catalog/products/2', store: 'main', path: '/v3/catalog/products/2', at },
    { run: 'r2', scenario: 's-/v3/catalog/products/1', store: 'fault', path: '/v3/catalog/products/1', at },
    { run: 'r1', scenario: 's-/v3/catalog/products/3', store: 'main', path: '/v3/catalog/products/3', at },
  ]);
  expect(summary.leftovers[0]).not.toHaveProperty('t');
  expect(summary.runs).toEqual(['r1', 'r2']);
});

test('how each scenario ended, with its reason when it has one; a started one that never ended is only started', ({}, testInfo) => {
  const file = testInfo.outputPath('journal.jsonl');
  const journal = journalFile(file);
  journal.write({ t: 'started', run: 'r1', scenario: 'a', at });
  journal.write({ t: 'started', run: 'r1', scenario: 'b', at });
  journal.write({ t: 'started', run: 'r1', scenario: 'c', at });
  journal.write({ t: 'ended', run: 'r1', scenario: 'a', status: 'passed', at });
  journal.write({ t: 'ended', run: 'r1', scenario: 'b', status: 'failed', reason: 'expected 404, got 200', at });
  journal.write({ t: 'ended', run: 'r1', scenario: 'd', status: 'errored', reason: '', at });
  const { ended, started, leftovers, runs } = readJournal(file);
  expect([...started]).toEqual(['a', 'b', 'c']);
  expect([...ended]).toEqual([
    ['a', { status: 'passed' }],
    ['b', { status: 'failed', reason: 'expected 404, got 200' }],
    ['d', { status: 'errored' }],
  ]);
  expect(ended.get('a')).not.toHaveProperty('reason');
  expect(leftovers).toEqual([]);
  expect(runs).toEqual(['r1']);
});

test('an absent journal is empty; a torn or foreign line is skipped; an unreadable one is an error', ({}, testInfo) => {
  const empty = readJournal(testInfo.outputPath('none.jsonl'));
  expect(empty.runs).toEqual([]);
  expect(empty.leftovers).toEqual([]);
  expect(empty.ended.size).toBe(0);
  expect(empty.started.size).toBe(0);

  const file = testInfo.outputPath('journal.jsonl');
  journalFile(file).write({ t: 'started', run: 'r1', scenario: 'a', at });
  appendFileSync(file, '\n   \n42\nnull\n"text"\n{"t":7,"run":"rX"}\n{"run":"rY"}\n');
  journalFile(file).write({ t: 'started', run: 'r2', scenario: 'b', at });
  appendFileSync(file, '{"t":"started","run":"r3","scen'); // killed mid-write
  const summary = readJournal(file);
  expect(summary.runs).toEqual(['r1', 'r2']);
  expect([...summary.started]).toEqual(['a', 'b']);

  const folder = testInfo.outputPath('a-folder');
  mkdirSync(folder);
  expect(() => readJournal(folder)).toThrow(/EISDIR/);
});
