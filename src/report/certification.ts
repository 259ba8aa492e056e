// The certification statement: what a run may claim. Only a complete run of
// the bundled catalogue, with nothing errored, certifies anything; then each
// row of the table is certified (every applicable scenario passed), failed,
// deviating (known deviations), or not certified because nothing of it
// applied, with the profile variables that would make it apply.
import { TABLE } from '../contract/table';
import type { Certification, Completeness, RowCertification, ScenarioResult } from './model';

export function certificationOf(scenarios: readonly ScenarioResult[], completeness: Completeness): Certification {
  const because: string[] = [];
  if (!completeness.complete)
    because.push(`the run is not complete (${completeness.notRun.length} scenario(s) did not run)`);
  const custom = completeness.selection.find((s) => s.startsWith('CONFORMANCE_SCENARIOS='));
  if (custom) because.push(`it ran another catalogue (${custom}), not the bundled one`);
  const errored = scenarios.filter((s) => s.status === 'errored').length;
  if (errored) because.push(`${errored} scenario(s) errored: they could not be judged`);
  const rows = TABLE.map((row): RowCertification => {
    const list = scenarios.filter((s) => s.code === row.code);
    const has = (status: ScenarioResult['status']) => list.some((s) => s.status === status);
    if (has('failed') || has('errored')) return { code: row.code, standing: 'failed' };
    if (has('notRun')) return { code: row.code, standing: 'notRun' };
    if (has('knownDeviation')) return { code: row.code, standing: 'deviates' };
    const enableWith = [...new Set(list.flatMap((s) => s.missing ?? []))].sort();
    const more = enableWith.length ? { enableWith } : {};
    if (has('passed')) return { code: row.code, standing: has('notApplicable') ? 'partly' : 'certified', ...more };
    return { code: row.code, standing: 'notApplicable', ...more };
  });
  return { valid: because.length === 0, ...(because.length ? { because } : {}), rows };
}
