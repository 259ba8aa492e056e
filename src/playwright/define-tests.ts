// Turns the scenarios of one code class into Playwright tests, one test each,
// tagged by class, code and level (`--grep @4xx`, `--grep @404`). The test
// body only fetches the scenario's record (src/playwright/record.ts) and hands
// it to the reporter as an annotation; a failed or errored outcome fails the
// test.
import type { TestDetails } from '@playwright/test';
import { runInThisContext } from 'node:vm';
import { SHARED_LIMIT_STORES } from '../contract/stores';
import { classOf, type CodeClass } from '../contract/table';
import { isProblem } from '../engine/outcome';
import { renderTranscript } from '../report/render-transcript';
import type { Scenario } from '../scenario/types';
import { terminalSafe } from '../support/text';
import { META_ANNOTATION, RESULT_ANNOTATION } from './annotations';
import { metaOfScenario } from './completeness';
import { failureMessage } from './failure';
import { catalogueOnce } from './catalogue-once';
import { test } from './fixtures';

export function defineScenarioTests(cls: CodeClass): void {
  const scenarios = catalogueOnce().scenarios.filter((s) => classOf(s.code) === cls);
  // With a beforeAll hook in a parallel file, Playwright splits the file into one test group per worker
  // instead of one group per test, and a worker clones and hashes the file's suite once per group: the
  // per-test cost stops growing with the catalogue. The hook itself sets up the worker's run context.
  test.beforeAll(async ({ conformance }) => void conformance);
  const groups = new Map<string, Scenario[]>();
  for (const s of scenarios) {
    const store = s.request.store ?? 'main';
    const key = SHARED_LIMIT_STORES.includes(store) ? store : '';
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const [store, list] of groups) {
    if (!store) list.forEach(defineOne);
    else
      test.describe(`store ${store}`, () => {
        test.describe.configure({ mode: 'default' });
        list.forEach(defineOne);
      });
  }
}

type Declare = (title: string, details: TestDetails, body: Parameters<typeof test>[2]) => void;
const declarers = new Map<string, Declare>();

/**
 * Playwright locates a test where `test()` is called from: a call compiled as if it were line `line` of the
 * scenario file puts every reporter's location (list lines, `--reporter=github`, an editor's test explorer)
 * on the YAML instead of on this adapter.
 */
function declareAt(file: string, line: number): Declare {
  const key = `${file}:${line}`;
  let declare = declarers.get(key);
  if (!declare) {
    const lines = line > 1 ? `\n${'\n'.repeat(line - 2)}` : ' ';
    const code = `(function (test) { return (t, d, b) =>${lines}test(t, d, b); })`;
    declare = (runInThisContext(code, { filename: file }) as (t: typeof test) => Declare)(test);
    declarers.set(key, declare);
  }
  return declare;
}

function defineOne(s: Scenario): void {
  const meta = metaOfScenario(s);
  const tag = [`@${classOf(s.code)}`, `@${s.code}`, `@${s.level}`];
  const annotation = [{ type: META_ANNOTATION, description: JSON.stringify(meta) }];
  declareAt(s.absFile, s.line)(`${s.id}: ${s.title}`, { tag, annotation }, async ({ conformance }, testInfo) => {
    const record = await conformance.recordOf(s, testInfo);
    // An annotation, not an attachment: it reaches every reporter and a blob report alike, without the
    // step, the stack capture and the output folder Playwright makes for each attachment.
    testInfo.annotations.push({ type: RESULT_ANNOTATION, description: JSON.stringify(record) });
    const { outcome, run } = record;
    if (outcome.deviation && !outcome.deviation.stale) {
      testInfo.annotations.push({ type: 'known deviation', description: outcome.deviation.reason });
    }
    // Neither passed nor failed (not applicable, a known deviation, cut short by the run's own stop): skipped,
    // so that Playwright's count of passes is the conformance summary's.
    if (outcome.status === 'notApplicable' || outcome.status === 'notRun' || outcome.status === 'knownDeviation') {
      test.skip(true, outcome.reason);
      return;
    }
    if (!isProblem(outcome)) return;
    // Why it failed, readable in Playwright's own report too.
    if (run)
      await testInfo.attach('transcript', {
        body: terminalSafe(renderTranscript(run), { keepNewlines: true }),
        contentType: 'text/plain',
      });
    // With the conformance reporter first in line, it fails the test from the outcome: no worker restart.
    if (process.env.CONFORMANCE_DEFER_FAILURES === '1') return;
    throw new Error(failureMessage(outcome, run));
  });
}
