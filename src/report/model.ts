// The report model: the one source every output (report.json, HTML, JUnit,
// Markdown, console summary) is rendered from. Public and versioned; the JSON
// Schema in schemas/report.schema.json describes it and a test pins the two.
import type { FamilyName } from '../contract/families';
import type { CodeClass } from '../contract/table';
import type { DeviationNote, ScenarioStatus } from '../engine/outcome';
import type { CreatedObject } from '../engine/journal';
import type { RunResult } from '../engine/result';

export const REPORT_FORMAT_VERSION = 2;

export { CODE_CLASSES, type CodeClass } from '../contract/table';
/**
 * knownDeviation: failed against the table exactly as a known-deviation file
 * says the target does (same status); reported, never hidden, and not failing CI.
 */
export type { DeviationNote, ScenarioStatus };
export type { CheckResult, Exchange, RunResult } from '../engine/result';
export type { CreatedObject };
export const SCENARIO_STATUSES: readonly ScenarioStatus[] = [
  'passed',
  'failed',
  'knownDeviation',
  'notApplicable',
  'errored',
  'notRun',
];

/**
 * pass: every applicable scenario passed.
 * warn: only `should`-level scenarios failed, or scenarios deviate as a known-deviation file says.
 * fail: a `must`-level scenario failed or errored.
 * partial: nothing failed, but not every scenario ran (selected away, or the run was interrupted): never a pass.
 * notApplicable: nothing applicable (the profile lacks what every scenario needs).
 */
export type Verdict = 'pass' | 'warn' | 'fail' | 'partial' | 'notApplicable';

export type RequirementLevel = 'must' | 'should';

export interface Counts {
  total: number;
  passed: number;
  failed: number;
  knownDeviation: number;
  notApplicable: number;
  errored: number;
  notRun: number;
}

export interface ClassSummary extends Counts {
  verdict: Verdict;
}

export interface CodeSummary extends Counts {
  code: number;
  class: CodeClass;
  /** The table's definition, e.g. `Not Found`. */
  definition: string;
  verdict: Verdict;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** The documented row (status code) this scenario checks. */
  code: number;
  class: CodeClass;
  level: RequirementLevel;
  /** The table row or RFC 9110 section it cites. */
  doc: string;
  /** Scenario file, relative to the scenario root. */
  file: string;
  /** The resource family it checks; absent for store-level rows (429, 509, an unknown path). */
  resource?: FamilyName;
  /** What it does to the family (list, get, post, put, delete, …), when its file names it. */
  operation?: string;
  status: ScenarioStatus;
  /** One line, present unless passed. */
  reason?: string;
  durationMs: number;
  /** The known-deviation entry for this scenario; `stale` when the scenario passed after all. */
  deviation?: DeviationNote;
  /** Not applicable: the profile variables it lacks, i.e. what would make it apply. */
  missing?: string[];
  /** What the engine did and saw: every check, the transcript. Absent when the scenario did not run. */
  run?: RunResult;
}

export interface Provenance {
  suite: { name: string; version: string };
  /** sha256 over the scenario files (path and content), so a reviewer can tell which catalogue ran. */
  scenarioSetHash: string;
  scenarioCount: number;
  /** TARGET_BASE_URL with any userinfo removed. */
  targetBaseUrl: string;
  /** `reference` when the suite started its own reference target. */
  targetKind: 'reference' | 'profile';
  startedAt: string;
  finishedAt: string;
  node: string;
  playwright: string;
  /** Profile variables present (names only, never values). */
  capabilities: string[];
  /** The known-deviation file the run applied, if any. */
  deviations?: { file: string; sha256: string; entries: number };
  /** Playwright shard, when the run was sharded and not merged. */
  shard?: { current: number; total: number };
  /** Where the scenario files are in the repository the run was made from (src/report/source.ts). */
  source?: SourceRef;
}

export interface SourceRef {
  /** The scenario folder, relative to the repository root, with `/`. */
  root: string;
  /** The folder on the web at the commit that ran (GitHub Actions); a file's line is `${url}/${file}#L${line}`. */
  url?: string;
}

/** certified: every scenario passed; partly: some passed, the rest did not apply to this profile. */
export type RowStanding = 'certified' | 'partly' | 'failed' | 'deviates' | 'notApplicable' | 'notRun';

export interface RowCertification {
  code: number;
  standing: RowStanding;
  /** Not applicable: the profile variables that would make its scenarios apply. */
  enableWith?: string[];
}

export interface Certification {
  /** The run can certify rows at all: complete, the bundled catalogue, nothing errored. */
  valid: boolean;
  /** Why it cannot, when it cannot. */
  because?: string[];
  rows: RowCertification[];
}

export interface Signature {
  algorithm: 'Ed25519';
  /** sha256 of the public key (SPKI, DER), hex: which key signed. */
  keyId: string;
  /** base64 signature over the canonical JSON of the report without its signature. */
  value: string;
}

/** Whether the whole catalogue ran, and if not, what was left out and why. */
export interface Completeness {
  complete: boolean;
  /** Catalogue ids that did not run: selected away or cut short. */
  notRun: string[];
  /** What narrowed the run (Playwright arguments, a shard); empty for a whole-catalogue run. */
  selection: string[];
  /** Why the run ended early, when it did (a signal, a global timeout, a crash). */
  interrupted?: string;
}

export interface ConformanceReport {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  provenance: Provenance;
  verdict: Verdict;
  completeness: Completeness;
  /** What the run may claim: which rows it certifies, which it could not, and why. */
  certification: Certification;
  /** Objects the run created that are still on the target, from its journal (`conformance sweep` removes them). */
  leftovers: CreatedObject[];
  totals: Counts;
  classes: Record<CodeClass, ClassSummary>;
  /** Keyed by status code as a string ("404"). */
  codes: Record<string, CodeSummary>;
  scenarios: ScenarioResult[];
  /** Ed25519 signature of the rest of the report, when the run was given --sign-key. */
  signature?: Signature;
}
