// junit.xml for CI dashboards: one <testsuite> per status-code class, one
// <testcase> per scenario. Target text goes through xmlText/xmlAttr, which also
// replace characters XML 1.0 cannot carry at all (a parser would reject the file).
import { CODE_CLASSES, type ConformanceReport, type ScenarioResult, type SourceRef } from './model';
import { sourcePath } from './source';
import { CLASS_HEADINGS } from '../contract/table';

// Everything outside XML 1.0's Char production, including lone surrogates (the u flag matches them singly).
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Illegal characters become a visible `\uXXXX` so a reader still sees something was there. */
function legal(s: string): string {
  return s.replace(ILLEGAL_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function xmlText(s: string): string {
  return legal(s).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Attribute values: also quotes, and whitespace as references so attribute normalisation keeps it. */
export function xmlAttr(s: string): string {
  return legal(s).replace(/[&<>"'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function oneLine(s: string, max = 300): string {
  const flat = s.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const secs = (ms: number): string => (ms / 1000).toFixed(3);

/** The readable body of <failure>/<error>: what was expected, each failed check, leftovers, the requests made. */
export function failureText(s: ScenarioResult, source?: SourceRef): string {
  const file = sourcePath(source, s.file);
  const run = s.run;
  const lines: string[] = [];
  if (run)
    lines.push(`Expected status ${run.expected.status}, actual ${run.actual ? run.actual.status : 'no response'}`);
  lines.push(`${s.level.toUpperCase()}-level · cites ${s.doc} · ${file}`);
  if (s.reason) lines.push(`Reason: ${s.reason}`);
  (run?.checks ?? [])
    .filter((c) => c.outcome !== 'passed')
    .forEach((c, i) => {
      const at = c.instancePath !== undefined ? ` at ${c.instancePath || '(root)'}` : '';
      const outcome = c.outcome === 'failed' ? 'failed' : 'not run';
      lines.push(
        '',
        `${i + 1}. ${c.at} (${file}:${c.line}) ${outcome} [${c.step || 'not reached'}]${at}: ${c.message}`,
      );
      if (c.expected !== undefined) lines.push(`   expected: ${c.expected}`);
      if (c.actual !== undefined) lines.push(`   actual:   ${c.actual}`);
    });
  if (run?.leftovers?.length)
    lines.push('', 'May be left behind on the store:', ...run.leftovers.map((l) => `  - ${l}`));
  if (run?.transcript.length) {
    lines.push('', 'Requests (bodies in report.json / index.html):');
    for (const x of run.transcript) {
      const got = x.response
        ? `${x.response.status} (${Math.round(x.response.durationMs)} ms)`
        : `no response: ${x.error ?? 'unknown error'}`;
      lines.push(`  ${x.step}: ${x.request.method} ${x.request.url} -> ${got}`);
    }
    if (run.omittedExchanges) lines.push(`  (${run.omittedExchanges} exchanges omitted)`);
  }
  return lines.join('\n');
}

function testcase(s: ScenarioResult, source: SourceRef | undefined): string {
  const file = sourcePath(source, s.file);
  const open = `    <testcase classname="${xmlAttr(`${s.class}.${s.code}`)}" name="${xmlAttr(`${s.id} — ${s.title}`)}" time="${secs(s.durationMs)}" file="${xmlAttr(file)}"`;
  const reason = oneLine(s.reason ?? s.status);
  // JUnit knows pass, failure, error and skipped: the conformance status (a known deviation, not applicable,
  // not run are all <skipped>; a stale deviation entry is a pass) travels as a property of its own.
  const props = [`      <property name="conformance.status" value="${s.status}"/>`];
  if (s.deviation)
    props.push(`      <property name="conformance.deviation" value="${s.deviation.stale ? 'stale' : 'listed'}"/>`);
  const body = (inner: string[]) =>
    `${open}>\n      <properties>\n  ${props.join('\n  ')}\n      </properties>\n${inner.map((l) => `${l}\n`).join('')}    </testcase>`;
  switch (s.status) {
    case 'passed':
      return s.deviation?.stale
        ? body([
            `      <system-out>${xmlText(`passes although the known-deviation file lists it (as answering ${s.deviation.status}): remove its entry`)}</system-out>`,
          ])
        : body([]);
    case 'notApplicable': {
      const msg = /^not applicable/i.test(reason) ? reason : `not applicable: ${reason}`;
      return body([`      <skipped message="${xmlAttr(msg)}"/>`]);
    }
    case 'failed': {
      const type = s.run?.checks.find((c) => c.outcome === 'failed')?.kind ?? 'failure';
      return body([
        `      <failure message="${xmlAttr(reason)}" type="${xmlAttr(type)}">${xmlText(failureText(s, source))}</failure>`,
      ]);
    }
    case 'errored':
      return body([
        `      <error message="${xmlAttr(reason)}" type="errored">${xmlText(failureText(s, source))}</error>`,
      ]);
    case 'knownDeviation': {
      // Not a pass and, by the known-deviation file, not a failure: JUnit's nearest is skipped, with the reason.
      const msg = /^known deviation/i.test(reason) ? reason : `known deviation: ${reason}`;
      return body([`      <skipped message="${xmlAttr(msg)}"/>`]);
    }
    case 'notRun': {
      const msg = /^not run/i.test(reason) ? reason : `not run: ${reason}`;
      return body([`      <skipped message="${xmlAttr(msg)}"/>`]);
    }
  }
}

function properties(r: ConformanceReport): string {
  const p = r.provenance;
  const props: [string, string][] = [
    ['suite.name', p.suite.name],
    ['suite.version', p.suite.version],
    ['report.formatVersion', String(r.formatVersion)],
    ['verdict', r.verdict],
    ['complete', String(r.completeness.complete)],
    ...(r.completeness.complete ? [] : ([['notRun', String(r.completeness.notRun.length)]] as [string, string][])),
    ...(r.completeness.interrupted ? ([['interrupted', r.completeness.interrupted]] as [string, string][]) : []),
    ...(r.leftovers.length ? ([['leftovers', String(r.leftovers.length)]] as [string, string][]) : []),
    ['scenarioSetHash', p.scenarioSetHash],
    ['scenarioCount', String(p.scenarioCount)],
    ['targetBaseUrl', p.targetBaseUrl],
    ['targetKind', p.targetKind],
    ['startedAt', p.startedAt],
    ['finishedAt', p.finishedAt],
    ['node', p.node],
    ['playwright', p.playwright],
    ['capabilities', p.capabilities.join(',')],
  ];
  if (p.deviations)
    props.push(['deviations', `${p.deviations.file} (sha256 ${p.deviations.sha256}, ${p.deviations.entries} entries)`]);
  if (p.shard) props.push(['shard', `${p.shard.current}/${p.shard.total}`]);
  return `    <properties>\n${props.map(([k, v]) => `      <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>`).join('\n')}\n    </properties>`;
}

function tally(list: ScenarioResult[]): { total: number; failed: number; errored: number; skipped: number } {
  const c = { total: list.length, failed: 0, errored: 0, skipped: 0 };
  for (const s of list) {
    if (s.status === 'failed' || s.status === 'errored') c[s.status]++;
    else if (s.status !== 'passed') c.skipped++;
  }
  return c;
}

export function renderJunit(report: ConformanceReport): string {
  const props = properties(report);
  const suites = CODE_CLASSES.map((cls) => {
    const list = report.scenarios.filter((s) => s.class === cls);
    // Counted from the testcases themselves, so the XML is consistent even if the summary were not.
    const c = tally(list);
    const time = list.reduce((a, s) => a + s.durationMs, 0);
    return (
      `  <testsuite name="${cls} ${CLASS_HEADINGS[cls]}" tests="${list.length}" failures="${c.failed}" errors="${c.errored}" skipped="${c.skipped}" time="${secs(time)}" timestamp="${xmlAttr(report.provenance.startedAt)}">\n` +
      `${props}\n${list.map((s) => testcase(s, report.provenance.source)).join('\n')}${list.length ? '\n' : ''}  </testsuite>`
    );
  });
  const t = tally(report.scenarios);
  const total = report.scenarios.reduce((a, s) => a + s.durationMs, 0);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${xmlAttr(`status-code conformance: ${report.provenance.targetBaseUrl} (${report.verdict})`)}" tests="${t.total}" failures="${t.failed}" errors="${t.errored}" skipped="${t.skipped}" time="${secs(total)}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}
