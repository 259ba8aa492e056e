// summary.md, sized for a GitHub Actions job summary ($GITHUB_STEP_SUMMARY):
// verdicts, the failed and errored scenarios with one-line reasons, provenance.
// Never transcripts, and a capped list, so it stays short on any target.
// Target text is rendered inert: no HTML, no links, no table breakage.
import { CODE_CLASSES, type ConformanceReport, type ScenarioResult, type SourceRef, type Verdict } from './model';
import { sourcePath } from './source';
import { CLASS_HEADINGS } from '../contract/table';
import { conformanceMatrix } from './matrix';

/** Most rows listed; the rest are counted and left to the HTML report. */
export const MARKDOWN_MAX_LISTED = 50;

const VERDICT: Record<Verdict, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  partial: '◌ partial (not every scenario ran)',
  notApplicable: '➖ not applicable',
};

function flatten(s: string, max: number): string {
  // Line breaks would end a table row; control, bidi-override and non-characters
  // have no business in a summary (bidi controls could make a reason read backwards).
  const flat = s
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Plain text in a table cell or line: HTML as entities, Markdown punctuation backslash-escaped. */
export function mdText(s: string, max = 200): string {
  return flatten(s, max)
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_[\]|~#!()]/g, (c) => `\\${c}`);
}

/**
 * An inline code span that survives any backticks: a fence longer than any run inside.
 * For suite-controlled values (ids, hashes, versions); target text goes through mdText.
 */
export function mdCode(s: string, max = 200): string {
  const flat = flatten(s, max).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const n = (x: number): string => x.toLocaleString('en-US');

const STATUS: Record<string, string> = {
  failed: '❌ failed',
  errored: '⚠️ errored',
  knownDeviation: '🔶 known deviation',
};

function problems(r: ConformanceReport): string[] {
  const bad = r.scenarios.filter(
    (s) => s.status === 'failed' || s.status === 'errored' || s.status === 'knownDeviation',
  );
  if (!bad.length) return [];
  // Failures before known deviations, must-level first: those decide the verdict.
  const rank = (s: ScenarioResult) => (s.status === 'knownDeviation' ? 2 : 0) + (s.level === 'must' ? 0 : 1);
  bad.sort((a, b) => rank(a) - rank(b) || a.code - b.code);
  const out = [
    `### Scenarios that did not pass (${n(bad.length)})`,
    '',
    '| Status | Code | Level | Scenario | Reason | Where |',
    '| --- | --- | --- | --- | --- | --- |',
    ...bad
      .slice(0, MARKDOWN_MAX_LISTED)
      .map(
        (s) =>
          `| ${STATUS[s.status]} | ${s.code} | ${s.level} | ${mdCode(s.id, 80)} ${mdText(s.title, 100)} | ${mdText(s.reason ?? '', 200)} | ${mdText(where(s, r.provenance.source), 160)} |`,
      ),
  ];
  if (bad.length > MARKDOWN_MAX_LISTED)
    out.push('', `…and ${n(bad.length - MARKDOWN_MAX_LISTED)} more: see index.html or junit.xml.`);
  out.push('');
  return out;
}

/** The scenario file and the line of the first check that did not pass (its `id` when none did). */
function where(s: ScenarioResult, source: SourceRef | undefined): string {
  const check = s.run?.checks.find((c) => c.outcome === 'failed') ?? s.run?.checks.find((c) => c.outcome !== 'passed');
  return `${sourcePath(source, s.file)}${check?.line ? `:${check.line}` : ''}`;
}

/** Known-deviation entries whose scenario now passes: the file should lose them. */
function stale(r: ConformanceReport): string[] {
  const list = r.scenarios.filter((s) => s.deviation?.stale);
  if (!list.length) return [];
  return [
    `### Known-deviation entries that no longer apply (${n(list.length)})`,
    '',
    'These scenarios pass although the known-deviation file lists them: remove their entries.',
    '',
    ...list
      .slice(0, MARKDOWN_MAX_LISTED)
      .map(
        (s) =>
          `- ${mdCode(s.id, 80)} (listed as answering ${s.deviation!.status}): ${mdText(s.deviation!.reason, 200)}`,
      ),
    ...(list.length > MARKDOWN_MAX_LISTED ? [`- …and ${n(list.length - MARKDOWN_MAX_LISTED)} more`] : []),
    '',
  ];
}

const MARK: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌', partial: '◌', notApplicable: '➖' };

/** The conformance matrix in compact form: a mark and passed/total per cell, rows without scenarios left out. */
export function markdownMatrix(r: Pick<ConformanceReport, 'scenarios'>, withCounts = true): string[] {
  const m = conformanceMatrix(r);
  if (m.columns.length < 2) return [];
  const lines = [
    `| Code | ${m.columns.map((c) => (c === 'store' ? 'store-level' : c)).join(' | ')} |`,
    `| ---: |${m.columns.map(() => ' :---: |').join('')}`,
  ];
  for (const row of m.rows) {
    if (!Object.keys(row.cells).length) continue;
    const cells = m.columns.map((c) => {
      const cell = row.cells[c];
      if (!cell) return '';
      return withCounts ? `${MARK[cell.verdict]} ${cell.passed}/${cell.total}` : `${cell.total}`;
    });
    lines.push(`| ${row.code} | ${cells.join(' | ')} |`);
  }
  return [...lines, ''];
}

/** What the run may claim: the rows it certifies, the ones it could not and what would make them apply. */
function certification(r: ConformanceReport): string[] {
  const c = r.certification;
  if (!c.valid) return [`**Certifies nothing:** ${mdText((c.because ?? []).join('; '), 400)}.`, ''];
  const rows = (pred: (s: string) => boolean) => c.rows.filter((x) => pred(x.standing));
  const certified = rows((s) => s === 'certified' || s === 'partly');
  const lines = [
    `**Certifies ${n(certified.length)} of ${n(c.rows.length)} rows:** ${certified.map((x) => x.code).join(', ') || 'none'}.`,
  ];
  const not = rows((s) => s !== 'certified');
  for (const x of not) {
    const how = x.enableWith?.length ? `; would apply with ${x.enableWith.map((v) => mdCode(v)).join(', ')}` : '';
    lines.push(`- ${x.code}: ${x.standing === 'partly' ? 'certified in part' : x.standing}${how}`);
  }
  return [...lines, ''];
}

export function renderMarkdown(report: ConformanceReport): string {
  const r = report;
  const p = r.provenance;
  const t = r.totals;
  const lines = [
    `## Status-code conformance: ${VERDICT[r.verdict]}`,
    '',
    `Target ${mdText(p.targetBaseUrl)} (${p.targetKind}) · **${n(t.total)}** scenarios: ${n(t.passed)} passed · ${n(t.failed)} failed${t.knownDeviation ? ` · ${n(t.knownDeviation)} known deviations` : ''} · ${n(t.notApplicable)} not applicable · ${n(t.errored)} errored${t.notRun ? ` · ${n(t.notRun)} not run` : ''}`,
    '',
  ];
  const c = r.completeness;
  if (!c.complete) {
    const why = [c.interrupted ? `interrupted: ${c.interrupted}` : '', ...c.selection].filter(Boolean).join('; ');
    lines.push(
      `> **Not a complete run:** ${n(c.notRun.length)} of the catalogue's scenarios did not run${why ? ` (${mdText(why)})` : ''}. This report certifies nothing.`,
      '',
    );
  }
  lines.push(...certification(r));
  const matrix = markdownMatrix(r);
  if (matrix.length)
    lines.push('<details><summary>Conformance matrix (rows × families)</summary>', '', ...matrix, '</details>', '');
  if (r.leftovers.length) {
    const runs = [...new Set(r.leftovers.map((l) => l.run))].join(',');
    lines.push(
      `> **Left on the target:** ${n(r.leftovers.length)} object(s) this run created could not be deleted; ${mdCode(`conformance sweep --run-id ${runs}`)} removes them.`,
      '',
    );
  }
  if (p.shard)
    lines.push(
      `> **Partial run:** shard ${p.shard.current} of ${p.shard.total}; this covers only part of the scenario set.`,
      '',
    );
  if (p.deviations) {
    lines.push(
      `> **Known deviations applied:** ${mdText(p.deviations.file)} (${n(p.deviations.entries)} entries, sha256 ${mdCode(p.deviations.sha256)}): failures it lists are reported as known deviations and do not fail the run.`,
      '',
    );
  }
  const known = p.deviations ? ' Known |' : '';
  lines.push(
    `| Class | Scenarios | Passed | Failed |${known} N/A | Errored | Verdict |`,
    `| --- | ---: | ---: | ---: |${known ? ' ---: |' : ''} ---: | ---: | --- |`,
  );
  for (const cls of CODE_CLASSES) {
    const c = r.classes[cls];
    const k = p.deviations ? ` ${n(c.knownDeviation)} |` : '';
    lines.push(
      `| ${cls} ${CLASS_HEADINGS[cls]} | ${n(c.total)} | ${n(c.passed)} | ${n(c.failed)} |${k} ${n(c.notApplicable)} | ${n(c.errored)} | ${VERDICT[c.verdict]} |`,
    );
  }
  lines.push('', ...problems(r), ...stale(r));
  lines.push(
    '<sub>',
    '',
    `Suite ${mdText(p.suite.name)} ${mdCode(p.suite.version)} · scenario set ${mdCode(p.scenarioSetHash)} (${n(p.scenarioCount)} scenarios)  `,
    `Run ${mdText(p.startedAt)} → ${mdText(p.finishedAt)} · Node ${mdCode(p.node)} · Playwright ${mdCode(p.playwright)}  `,
    `Capabilities: ${p.capabilities.length ? p.capabilities.map((c) => mdText(c, 80)).join(', ') : 'none'}`,
    '',
    '</sub>',
    '',
  );
  return lines.join('\n');
}
