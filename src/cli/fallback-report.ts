// When Playwright ends without writing its report (killed by a second
// signal, a crash), the run still gets one: built from the catalogue and the
// journal, it says how each scenario that finished ended, calls the rest not
// run, marks the run interrupted and lists what is left on the target.
import { classOf } from '../contract/table';
import type { ScenarioStatus } from '../engine/outcome';
import type { JournalSummary } from '../engine/journal';
import { publicUrl, type Profile } from '../profile/profile';
import { sourceOf } from '../report/source';
import { buildReport } from '../report/build';
import type { ConformanceReport, ScenarioResult } from '../report/model';
import { metaOfScenario } from '../playwright/completeness';
import type { Catalogue } from '../scenario/load';
import { suiteVersion } from '../support/paths';

const STATUSES: readonly string[] = ['passed', 'failed', 'knownDeviation', 'notApplicable', 'errored', 'notRun'];

export interface FallbackFacts {
  catalogue: Catalogue;
  journal: JournalSummary;
  profile: Profile | undefined;
  startedAt: Date;
  why: string;
  selection: string[];
}

export function fallbackReport(f: FallbackFacts): ConformanceReport {
  const source = sourceOf(f.catalogue.root, process.env);
  const results: ScenarioResult[] = f.catalogue.scenarios.map((s) => {
    const meta = { ...metaOfScenario(s), class: classOf(s.code) };
    const ended = f.journal.ended.get(s.id);
    if (ended && STATUSES.includes(ended.status)) {
      const status = ended.status as ScenarioStatus;
      return { ...meta, status, ...(ended.reason ? { reason: ended.reason } : {}), durationMs: 0 };
    }
    const reason = f.journal.started.has(s.id)
      ? 'not run: interrupted while it ran'
      : 'not run: the run ended before it got to this scenario';
    return { ...meta, status: 'notRun', reason, durationMs: 0 };
  });
  return buildReport(
    results,
    {
      suite: { name: 'status-code-conformance', version: suiteVersion() },
      scenarioSetHash: f.catalogue.hash,
      scenarioCount: f.catalogue.scenarios.length,
      targetBaseUrl: f.profile ? publicUrl(f.profile.TARGET_BASE_URL) : '(the bundled reference target)',
      targetKind: f.profile ? 'profile' : 'reference',
      startedAt: f.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      node: process.version,
      playwright: (require('@playwright/test/package.json') as { version: string }).version,
      capabilities: Object.keys(f.profile ?? {}).sort(),
      ...(source ? { source } : {}),
    },
    { selection: f.selection, interrupted: f.why, leftovers: f.journal.leftovers },
  );
}
