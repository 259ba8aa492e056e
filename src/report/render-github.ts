// GitHub Actions workflow commands for scenarios that did not pass: one
// `::error` (a must-level scenario) or `::warning` (should-level) per
// scenario, on the scenario file and the line of the check that failed, so
// the run's annotations open the YAML. Escaped as GitHub's runner expects.
import type { ScenarioResult, SourceRef } from './model';
import { sourcePath } from './source';

const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** The annotation for a scenario that failed or errored; undefined for every other status. */
export function githubAnnotation(s: ScenarioResult, source: SourceRef | undefined): string | undefined {
  if (s.status !== 'failed' && s.status !== 'errored') return undefined;
  const check = s.run?.checks.find((c) => c.outcome === 'failed') ?? s.run?.checks.find((c) => c.outcome !== 'passed');
  const props = [
    // Without a repository path, GitHub could not open the file: the annotation stays on the run.
    ...(source ? [`file=${property(sourcePath(source, s.file))}`, `line=${check?.line || 1}`] : []),
    `title=${property(`${s.code} ${s.id}`)}`,
  ];
  const level = s.level === 'must' || s.status === 'errored' ? 'error' : 'warning';
  const message = [`${s.status}: ${s.reason ?? ''}`, check ? `${check.at}: ${check.message ?? ''}` : '', s.doc]
    .filter(Boolean)
    .join('\n');
  return `::${level} ${props.join(',')}::${data(message)}`;
}
