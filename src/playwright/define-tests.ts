// Turns the scenarios of one code class into Playwright tests, one test each,
// tagged by class, code and level (`--grep @4xx`, `--grep @404`). The test
// body only runs the engine, decides the outcome once and hands both to the
// reporter; a failed or errored outcome fails the test.
import type { StoreName } from '../contract/stores';
import { classOf, type CodeClass } from '../contract/table';
import { missingVariables } from '../engine/applicability';
import { isProblem, outcomeOf } from '../engine/outcome';
import { runScenario } from '../engine/run';
import { renderTranscript } from '../report/render-transcript';
import type { Scenario } from '../scenario/types';
import { terminalSafe } from '../support/text';
import { ANNOTATION, ATTACHMENT, type ResultAttachment } from './attachment';
import { metaOfScenario } from './completeness';
import { failureMessage } from './failure';
import { catalogueOnce, test } from './fixtures';

/** Stores whose limits scenarios exhaust: their scenarios run one after another, never side by side. */
const SHARED_LIMIT_STORES: readonly StoreName[] = ['rateLimited', 'planLimited', 'categoryLimited', 'legacy'];

export function defineScenarioTests(cls: CodeClass): void {
  const scenarios = catalogueOnce().scenarios.filter((s) => classOf(s.code) === cls);
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

function defineOne(s: Scenario): void {
  const meta = metaOfScenario(s);
  const tag = [`@${classOf(s.code)}`, `@${s.code}`, `@${s.level}`];
  const annotation = [{ type: ANNOTATION, description: JSON.stringify(meta) }];
  test(`${s.id}: ${s.title}`, { tag, annotation }, async ({ conformance }, testInfo) => {
    const { ctx, deviations, facts, track } = conformance;
    const attach = (body: ResultAttachment) =>
      testInfo.attach(ATTACHMENT, { body: JSON.stringify(body), contentType: 'application/json' });
    const missing = missingVariables(s, ctx.profile);
    if (missing.length) {
      const reason = `not applicable: the profile has no ${missing.join(', ')}`;
      await attach({ facts, outcome: { status: 'notApplicable', reason, missing } });
      test.skip(true, reason);
      return;
    }
    const note = (entry: { t: 'started' } | { t: 'ended'; status: string; reason?: string }) =>
      ctx.journal?.write({ ...entry, run: ctx.runId, scenario: s.id, at: new Date().toISOString() });
    note({ t: 'started' });
    const run = await track(runScenario(s, ctx));
    const outcome = outcomeOf(run, deviations?.byScenario.get(s.id));
    note({ t: 'ended', status: outcome.status, ...(outcome.reason ? { reason: outcome.reason } : {}) });
    await attach({ facts, outcome, run });
    if (outcome.deviation && !outcome.deviation.stale) {
      testInfo.annotations.push({ type: 'known deviation', description: outcome.deviation.reason });
    }
    if (!isProblem(outcome)) return;
    // Why it failed, readable in Playwright's own report too; passing scenarios carry the JSON result only.
    await testInfo.attach('transcript', {
      body: terminalSafe(renderTranscript(run), { keepNewlines: true }),
      contentType: 'text/plain',
    });
    // With the conformance reporter first in line, it fails the test from the outcome: no worker restart.
    if (process.env.CONFORMANCE_DEFER_FAILURES === '1') return;
    throw new Error(failureMessage(outcome, run));
  });
}
