// Turns the scenarios of one code class into Playwright tests, one test each,
// tagged by class, code and level (`--grep @4xx`, `--grep @404`). The test
// body only runs the engine and hands its verdict to the reporter.
import { test } from '@playwright/test';
import { missingVariables } from '../engine/applicability';
import { runScenario } from '../engine/run';
import type { CodeClass } from '../report/model';
import type { Scenario, StoreName } from '../scenario/types';
import { renderTranscript } from '../report/render-transcript';
import { deviationFor } from '../scenario/deviations';
import { classOf } from '../table';
import { terminalSafe } from '../text';
import { ANNOTATION, ATTACHMENT, type ResultAttachment, type ScenarioMeta } from './attachment';
import { catalogueOnce, deviationsOnce, runContext, runFacts } from './worker-context';

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
  const meta: ScenarioMeta = { id: s.id, title: s.title, code: s.code, level: s.level, doc: s.doc, file: s.file };
  const tag = [`@${classOf(s.code)}`, `@${s.code}`, `@${s.level}`];
  test(
    `${s.id}: ${s.title}`,
    { tag, annotation: [{ type: ANNOTATION, description: JSON.stringify(meta) }] },
    async ({}, testInfo) => {
      const ctx = runContext();
      const missing = missingVariables(s, ctx.profile);
      const attach = (body: ResultAttachment) =>
        testInfo.attach(ATTACHMENT, { body: JSON.stringify(body), contentType: 'application/json' });
      if (missing.length) {
        await attach({ facts: runFacts(), missing });
        test.skip(true, `not applicable: the profile has no ${missing.join(', ')}`);
        return;
      }
      const verdict = await runScenario(s, ctx);
      const deviation = deviationFor(verdict, deviationsOnce()?.byScenario.get(s.id));
      const known = deviation !== undefined && !deviation.stale;
      await attach({ facts: runFacts(), verdict, ...(deviation ? { deviation } : {}) });
      await testInfo.attach('transcript', { body: renderTranscript(verdict), contentType: 'text/plain' });
      if (known) testInfo.annotations.push({ type: 'known deviation', description: deviation.reason });
      if (verdict.status !== 'passed' && !known) {
        const lines = verdict.failures.map((f) => `  - [${f.step}] ${f.message}`);
        const message = [
          `${verdict.status}: ${verdict.reason}`,
          ...lines,
          ...(verdict.leftovers ?? []).map((l) => `  left behind: ${l}`),
        ].join('\n');
        throw new Error(terminalSafe(message, { keepNewlines: true }));
      }
    },
  );
}
