// index.html: one self-contained, offline file. The summary, table and
// provenance are rendered here (escaped) so they paint before any script runs;
// the scenario list is built in the browser from the embedded JSON, lazily.
// A strict CSP (hashes of the one inline script and style) means even a
// rendering bug cannot make target text run as script.
import { createHash } from 'node:crypto';
import {
  CODE_CLASSES,
  SCENARIO_STATUSES,
  type ConformanceReport,
  type Counts,
  type ScenarioStatus,
  type Verdict,
} from './model';
import { reportClient } from './html-client';
import { conformanceMatrix } from './matrix';
import { REPORT_CSS } from './html-style';
import { CLASS_HEADINGS, rowOf } from '../contract/table';

const VERDICT_LABEL: Record<Verdict, string> = {
  pass: 'Pass',
  warn: 'Warn',
  fail: 'Fail',
  partial: 'Partial',
  notApplicable: 'Not applicable',
};
const VERDICT_MEANING: Record<Verdict, string> = {
  pass: 'every applicable scenario passed',
  warn: 'only should-level scenarios failed, or scenarios deviate as the known-deviation file says',
  fail: 'a must-level scenario failed or errored',
  partial: 'nothing failed, but not every scenario of the catalogue ran: no certification',
  notApplicable: 'nothing was applicable to this target profile',
};
const STATUSES = SCENARIO_STATUSES;
const STATUS_LABEL: Record<ScenarioStatus, string> = {
  passed: 'Passed',
  failed: 'Failed',
  knownDeviation: 'Known deviation',
  notApplicable: 'Not applicable',
  errored: 'Errored',
  notRun: 'Not run',
};

/** Escapes for both text and (quoted) attribute positions. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is inert inside <script type="application/json">: no `</script`, `<!--`, or JS line terminators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

// Everything from the report goes through h()/n(), numbers and enums included:
// a malformed report.json must not be able to inject markup either.
const h = (x: unknown): string => escapeHtml(String(x));
const n = (x: number): string => h(Number(x).toLocaleString('en-US'));
const verdictLabel = (v: Verdict): string => VERDICT_LABEL[v] ?? h(v);

function verdictBadge(v: Verdict): string {
  return `<span class="badge v-${h(v)}">${verdictLabel(v)}</span>`;
}

/** Proportions as SVG attributes: CSP forbids style attributes, not geometry. */
function bar(c: Counts): string {
  if (!c.total) return '<svg class="bar" aria-hidden="true"></svg>';
  let x = 0;
  const rects = STATUSES.map((s) => {
    const w = (c[s] / c.total) * 100;
    const r = w > 0 ? `<rect class="${s}" x="${x.toFixed(3)}%" width="${w.toFixed(3)}%" height="100%"/>` : '';
    x += w;
    return r;
  }).join('');
  return `<svg class="bar" aria-hidden="true">${rects}</svg>`;
}

function countCells(c: Counts): string {
  const cell = (v: number, k: string) => `<td class="num n-${k}${v ? '' : ' zero'}">${n(v)}</td>`;
  return cell(c.total, 'total') + STATUSES.map((s) => cell(c[s], s)).join('');
}

function summaryTable(r: ConformanceReport): string {
  const codes = Object.values(r.codes).sort((a, b) => a.code - b.code);
  const bodies = CODE_CLASSES.map((cls) => {
    const c = r.classes[cls];
    const head =
      `<tr class="class-row" data-testid="class-${cls}"><th scope="rowgroup"><button type="button" class="link" data-filter="class:${cls}" title="Show the ${cls} scenarios">${cls}</button></th>` +
      `<td>${CLASS_HEADINGS[cls]}</td>${countCells(c)}<td>${bar(c)}</td><td>${verdictBadge(c.verdict)}</td></tr>`;
    const rows = codes
      .filter((x) => x.class === cls)
      .map((x) => {
        const code = h(x.code);
        const dep = rowOf(x.code)?.deprecated ? '<span class="dep">deprecated</span>' : '';
        return (
          `<tr class="code-row" data-testid="code-${code}"><th scope="row"><button type="button" class="link" data-filter="code:${code}" title="Show the ${code} scenarios">${code}</button></th>` +
          `<td>${escapeHtml(x.definition)}${dep}</td>${countCells(x)}<td>${bar(x)}</td><td>${verdictBadge(x.verdict)}</td></tr>`
        );
      })
      .join('\n');
    return `<tbody>\n${head}\n${rows}\n</tbody>`;
  }).join('\n');
  return `<div class="tblwrap"><table class="summary">
<caption>Verdict per status-code class and per documented code. Select a class or code to list its scenarios.</caption>
<thead><tr><th scope="col">Code</th><th scope="col">Definition</th><th scope="col" class="num">Scenarios</th><th scope="col" class="num">Passed</th><th scope="col" class="num">Failed</th><th scope="col" class="num">Known deviation</th><th scope="col" class="num">Not applicable</th><th scope="col" class="num">Errored</th><th scope="col" class="num">Not run</th><th scope="col"><span class="sr">Share</span></th><th scope="col">Verdict</th></tr></thead>
${bodies}
</table></div>`;
}

const STANDING: Record<string, string> = {
  certified: 'certified',
  partly: 'certified in part',
  failed: 'failed',
  deviates: 'deviates (known)',
  notApplicable: 'not applicable',
  notRun: 'not run',
};

/** What the run may claim, first thing a reviewer reads. */
function certification(r: ConformanceReport): string {
  const c = r.certification;
  const row = (x: (typeof c.rows)[number]) =>
    `<li class="cert-${h(x.standing)}"><b>${h(x.code)}</b> ${h(STANDING[x.standing] ?? x.standing)}${
      x.enableWith?.length
        ? ` · would apply with ${x.enableWith.map((v) => `<code>${escapeHtml(v)}</code>`).join(', ')}`
        : ''
    }</li>`;
  const certified = c.rows.filter((x) => x.standing === 'certified' || x.standing === 'partly');
  const head = c.valid
    ? `<p>This run certifies <b>${n(certified.length)}</b> of the table's ${n(c.rows.length)} rows.</p>`
    : `<p><b>This run certifies nothing:</b> ${(c.because ?? []).map((b) => escapeHtml(b)).join('; ')}.</p>`;
  return `<section class="panel" aria-labelledby="h-cert" data-testid="certification">
<h2 id="h-cert">Certification</h2>
${head}
<ul class="cert">${c.rows.map(row).join('')}</ul>
</section>`;
}

const SHORT: Record<Verdict, string> = {
  pass: 'pass',
  warn: 'warn',
  fail: 'fail',
  partial: 'partial',
  notApplicable: 'n/a',
};

/** Codes down, families across: a reviewer sees at once which row fails on which family; a cell lists its scenarios. */
function matrix(r: ConformanceReport): string {
  const m = conformanceMatrix(r);
  if (m.columns.length < 2) return '';
  const head = m.columns.map((c) => `<th scope="col">${h(c === 'store' ? 'store-level' : c)}</th>`).join('');
  const rows = m.rows
    .map((row) => {
      const cells = m.columns
        .map((c) => {
          const cell = row.cells[c];
          if (!cell) return '<td class="none"><span class="sr">no scenario</span></td>';
          const label = `${row.code} on ${c}: ${SHORT[cell.verdict] ?? cell.verdict}, ${cell.passed} of ${cell.total} passed`;
          return `<td><button type="button" class="cell v-${h(cell.verdict)}" data-filter="cell:${h(row.code)}:${h(c)}" title="${escapeHtml(label)}" aria-label="${escapeHtml(label)}">${n(cell.passed)}/${n(cell.total)}</button></td>`;
        })
        .join('');
      return `<tr data-testid="matrix-${h(row.code)}"><th scope="row">${h(row.code)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<section class="panel" aria-labelledby="h-matrix">
<h2 id="h-matrix">Conformance matrix</h2>
<p class="muted">Rows of the table down, resource families across: passed of the scenarios in each cell, coloured by its verdict. Select a cell to list its scenarios.</p>
<div class="tblwrap"><table class="matrix" data-testid="matrix"><thead><tr><th scope="col">Code</th>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

function duration(startedAt: string, finishedAt: string): string {
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  return ` (${s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`})`;
}

function provenance(r: ConformanceReport): string {
  const p = r.provenance;
  const row = (k: string, v: string) => `<dt>${k}</dt><dd>${v}</dd>`;
  const caps = p.capabilities.length
    ? p.capabilities.map((c) => `<span class="chip">${escapeHtml(c)}</span>`).join('')
    : '<span class="muted">none (only scenarios that need no profile variables could apply)</span>';
  return `<dl class="prov">
${row('Suite', `${escapeHtml(p.suite.name)} <code>${escapeHtml(p.suite.version)}</code>`)}
${row('Report format', `version ${h(r.formatVersion)}`)}
${row('Scenario set', `<code>${escapeHtml(p.scenarioSetHash)}</code> · ${n(p.scenarioCount)} scenarios`)}
${row('Target', `<code>${escapeHtml(p.targetBaseUrl)}</code> · ${p.targetKind === 'reference' ? 'the suite’s own reference target' : 'vendor target profile'}`)}
${row('Started', `<time>${escapeHtml(p.startedAt)}</time>`)}
${row('Finished', `<time>${escapeHtml(p.finishedAt)}</time>${duration(p.startedAt, p.finishedAt)}`)}
${row('Runtime', `Node <code>${escapeHtml(p.node)}</code> · Playwright <code>${escapeHtml(p.playwright)}</code>`)}
${row('Capabilities', caps)}
${p.deviations ? row('Known deviations', `<code>${escapeHtml(p.deviations.file)}</code> · ${n(p.deviations.entries)} entries · sha256 <code>${escapeHtml(p.deviations.sha256)}</code>`) : ''}
${p.shard ? row('Shard', `${h(p.shard.current)} of ${h(p.shard.total)}`) : ''}
</dl>`;
}

function filters(r: ConformanceReport): string {
  const codeOpts = Object.values(r.codes)
    .sort((a, b) => a.code - b.code)
    .map((c) => `<option value="${h(c.code)}" data-class="${h(c.class)}">${h(c.code)} ${h(c.definition)}</option>`)
    .join('');
  const classOpts = CODE_CLASSES.map((c) => `<option value="${c}">${c} ${CLASS_HEADINGS[c]}</option>`).join('');
  const statusOpts = STATUSES.map((s) => `<option value="${s}">${STATUS_LABEL[s]}</option>`).join('');
  const familyOpts = conformanceMatrix(r)
    .columns.map((c) => `<option value="${h(c)}">${h(c === 'store' ? 'store-level' : c)}</option>`)
    .join('');
  return `<div class="toolbar" role="search">
<label>Class<select id="filter-class" data-testid="filter-class"><option value="">All classes</option>${classOpts}</select></label>
<label>Code<select id="filter-code" data-testid="filter-code"><option value="">All codes</option>${codeOpts}</select></label>
<label>Status<select id="filter-status" data-testid="filter-status"><option value="">All statuses</option><option value="problems">Failed or errored</option>${statusOpts}</select></label>
<label>Family<select id="filter-family" data-testid="filter-family"><option value="">All families</option>${familyOpts}</select></label>
<label>Level<select id="filter-level" data-testid="filter-level"><option value="">Must and should</option><option value="must">Must</option><option value="should">Should</option></select></label>
<label>Search id, title, reason<input type="search" id="search" data-testid="search" placeholder="Press / to search" autocomplete="off"></label>
<button type="button" class="btn" id="reset-filters">Reset</button>
<p class="count" aria-live="polite"><b id="shown-count" data-testid="shown-count">0</b> of ${n(r.scenarios.length)} scenarios shown</p>
</div>`;
}

// A small status-coloured favicon, as a data: URL so nothing is fetched.
function favicon(v: Verdict): string {
  const colour =
    { pass: '#1a7f37', warn: '#bf8700', fail: '#c5221f', partial: '#bf8700', notApplicable: '#6e7781' }[v] ?? '#6e7781';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="${colour}"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

export function renderHtml(report: ConformanceReport): string {
  const script = `(${reportClient.toString()})();`;
  const style = REPORT_CSS;
  // The inline code is ours, but a careless edit must not be able to end its element early.
  if (/<\/script|<!--/i.test(script) || /<\/style/i.test(style))
    throw new Error('inline report script/style contains a closing tag');
  const csp = `default-src 'none'; script-src ${sha256(script)}; style-src ${sha256(style)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const r = report;
  const t = r.totals;
  const shard = r.provenance.shard
    ? `<p class="notice"><b>Partial run:</b> shard ${h(r.provenance.shard.current)} of ${h(r.provenance.shard.total)}. This report covers only part of the scenario set.</p>`
    : '';
  const c = r.completeness;
  const partial = c.complete
    ? ''
    : `<p class="notice" data-testid="completeness"><b>Not a complete run:</b> ${n(c.notRun.length)} of the catalogue's scenarios did not run${
        c.interrupted ? ` (interrupted: ${escapeHtml(c.interrupted)})` : ''
      }${c.selection.length ? `; narrowed by ${c.selection.map((x) => `<code>${escapeHtml(x)}</code>`).join(' ')}` : ''}. This report certifies nothing.</p>`;
  const leftovers = r.leftovers.length
    ? `<section class="panel" data-testid="leftovers"><h2>Left on the target</h2><p>${n(r.leftovers.length)} object(s) this run created could not be deleted; <code>conformance sweep --run-id ${escapeHtml([...new Set(r.leftovers.map((l) => l.run))].join(','))}</code> removes them.</p><ul class="left">${r.leftovers
        .map((l) => `<li><code>${escapeHtml(l.store)} ${escapeHtml(l.path)}</code> (${escapeHtml(l.scenario)})</li>`)
        .join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${verdictLabel(r.verdict)}: status-code conformance of ${escapeHtml(r.provenance.targetBaseUrl)}</title>
<link rel="icon" href="${favicon(r.verdict)}">
<style>${style}</style>
</head>
<body>
<header class="top"><div class="wrap">
<div class="verdict-big" data-testid="verdict">${verdictBadge(r.verdict)}</div>
<div class="grow">
<h1>Status-code conformance report</h1>
<p class="sub"><code>${escapeHtml(r.provenance.targetBaseUrl)}</code> · finished <time>${escapeHtml(r.provenance.finishedAt)}</time> · suite ${escapeHtml(r.provenance.suite.version)}</p>
<p class="totals" data-testid="totals"><b>${n(t.total)}</b> scenarios: <b>${n(t.passed)}</b> passed · <b>${n(t.failed)}</b> failed${t.knownDeviation ? ` · <b>${n(t.knownDeviation)}</b> known deviations` : ''} · <b>${n(t.notApplicable)}</b> not applicable · <b>${n(t.errored)}</b> errored${t.notRun ? ` · <b>${n(t.notRun)}</b> not run` : ''}${
    t.failed + t.errored
      ? ` · <button type="button" class="link" data-filter="status:problems">show failed and errored</button>`
      : ''
  }</p>
</div>
</div></header>
<main class="wrap">
${partial}
${shard}
${certification(r)}
${leftovers}
<section class="panel" aria-labelledby="h-summary">
<h2 id="h-summary">Verdict: ${verdictLabel(r.verdict)} <span class="muted">— ${VERDICT_MEANING[r.verdict] ?? ''}</span></h2>
${summaryTable(r)}
<div class="legend"><span><span class="badge v-pass">Pass</span> ${VERDICT_MEANING.pass}</span><span><span class="badge v-warn">Warn</span> ${VERDICT_MEANING.warn}</span><span><span class="badge v-fail">Fail</span> ${VERDICT_MEANING.fail}</span><span><span class="badge v-partial">Partial</span> ${VERDICT_MEANING.partial}</span><span><span class="badge v-notApplicable">Not applicable</span> ${VERDICT_MEANING.notApplicable}</span></div>
</section>
${matrix(r)}
<section class="panel" aria-labelledby="h-prov">
<h2 id="h-prov">Provenance</h2>
${provenance(r)}
</section>
<section class="panel" id="scenarios" aria-labelledby="h-scn">
<h2 id="h-scn">Scenarios</h2>
${filters(r)}
<p id="list-status" class="empty">Loading scenarios…</p>
<noscript><p class="empty">The scenario list needs JavaScript. The summary above and report.json hold every result.</p></noscript>
<button type="button" class="btn" id="earlier" hidden>Show earlier</button>
<div id="scenario-list"></div>
<button type="button" class="btn" id="more" hidden>Show more</button>
</section>
</main>
<script type="application/json" id="report-data">${jsonForScript(r)}</script>
<script>${script}</script>
</body>
</html>
`;
}
