// The HTML report's one stylesheet. It is inlined in a single <style> element
// whose sha256 goes into the page's Content-Security-Policy, so nothing here may
// depend on style attributes (CSP blocks them): widths come from SVG attributes
// and state from classes.
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #fff; --fg: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #eef1f4;
  --accent: #0b5cad; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  --pass: #1a7f37; --pass-bg: #dcf5e3; --fail: #c5221f; --fail-bg: #fde2e1;
  --warn: #8a5a00; --warn-bg: #fff1c7; --na: #59636e; --na-bg: #e9ecef; --err: #a33c00; --err-bg: #ffe3cc;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1216; --panel: #161b22; --fg: #e6edf3; --muted: #9aa5b1; --line: #30363d; --soft: #1f252d;
    --accent: #6cb6ff; --pass: #5fd47a; --pass-bg: #12361f; --fail: #ff8a84; --fail-bg: #45191a;
    --warn: #f0c55c; --warn-bg: #3a2c07; --na: #a3acb6; --na-bg: #262c34; --err: #ffab70; --err-bg: #3d2210;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--bg); }
body { margin: 0; color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px 48px; }
header.top { background: var(--panel); border-bottom: 1px solid var(--line); margin-bottom: 24px; }
header.top .wrap { padding-top: 20px; padding-bottom: 20px; display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
h1 { font-size: 20px; margin: 0 0 2px; }
h2 { font-size: 16px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 0; }
h4 { font-size: 13px; margin: 16px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.muted { color: var(--muted); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.sub { color: var(--muted); margin: 0; overflow-wrap: anywhere; }
.grow { flex: 1 1 420px; min-width: 0; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
section.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 20px; }
.verdict-big { display: flex; align-items: center; gap: 14px; }
.verdict-big .badge { font-size: 18px; padding: 6px 14px; border-radius: 8px; }
.totals { margin: 6px 0 0; color: var(--muted); }
.totals b { color: var(--fg); }
.notice { border-left: 4px solid var(--warn); background: var(--warn-bg); padding: 8px 12px; border-radius: 4px; margin: 0 0 16px; }
.badge { display: inline-flex; align-items: center; gap: 4px; font-weight: 600; font-size: 12px; line-height: 1; padding: 4px 8px; border-radius: 999px; white-space: nowrap; border: 1px solid transparent; }
.badge::before { font-weight: 700; }
.v-pass, .st-passed > summary .badge, .badge.st-passed { color: var(--pass); background: var(--pass-bg); }
.v-fail, .badge.st-failed { color: var(--fail); background: var(--fail-bg); }
.v-warn { color: var(--warn); background: var(--warn-bg); }
.v-notApplicable, .badge.st-notApplicable { color: var(--na); background: var(--na-bg); }
table.matrix { border-collapse: collapse; font-size: 13px; } table.matrix th, table.matrix td { padding: 2px 4px; text-align: center; }
table.matrix td.none { color: var(--na); } table.matrix button.cell { border: 0; border-radius: 4px; padding: 2px 6px; cursor: pointer; font: inherit; min-width: 44px; }
ul.cert { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; padding: 0; margin: 6px 0 0; }
ul.cert li.cert-certified b, ul.cert li.cert-partly b { color: var(--pass); } ul.cert li.cert-failed b { color: var(--fail); }
ul.cert li.cert-deviates b, ul.cert li.cert-notRun b { color: var(--warn); } ul.cert li.cert-notApplicable b { color: var(--na); }
.v-partial, .badge.st-notRun { color: var(--warn); background: var(--warn-bg); }
.badge.st-errored { color: var(--err); background: var(--err-bg); }
.badge.st-knownDeviation { color: var(--warn); background: var(--warn-bg); }
.v-pass::before, .badge.st-passed::before { content: "\\2713"; }
.v-fail::before, .badge.st-failed::before { content: "\\2717"; }
.v-warn::before { content: "!"; }
.badge.st-errored::before { content: "\\26A0"; }
.badge.st-knownDeviation::before { content: "\\25C6"; }
.v-notApplicable::before, .badge.st-notApplicable::before { content: "\\2013"; }
.v-partial::before, .badge.st-notRun::before { content: "\\25CB"; }
table { border-collapse: collapse; width: 100%; }
.tblwrap { overflow-x: auto; }
table.summary { min-width: 720px; }
caption { text-align: left; color: var(--muted); padding-bottom: 8px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: var(--muted); font-weight: 400; }
tr.class-row th, tr.class-row td { background: var(--soft); font-weight: 600; border-top: 2px solid var(--line); }
tr.code-row th { padding-left: 26px; font-weight: 500; }
.dep { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; margin-left: 6px; }
button { font: inherit; }
button.link { background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; font-weight: inherit; }
button.link:hover { text-decoration: underline; }
svg.bar { display: block; width: 120px; height: 10px; border-radius: 3px; background: var(--soft); }
.bar .passed { fill: var(--pass); } .bar .failed { fill: var(--fail); } .bar .notApplicable { fill: #9aa4ae; } .bar .errored { fill: var(--err); } .bar .knownDeviation { fill: #d4a72c; } .bar .notRun { fill: #c9d1d9; }
dl.prov { display: grid; grid-template-columns: max-content 1fr; gap: 4px 20px; margin: 0; }
dl.prov dt { color: var(--muted); }
dl.prov dd { margin: 0; overflow-wrap: anywhere; }
.chip { display: inline-block; font-family: var(--mono); font-size: 12px; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; margin: 0 4px 4px 0; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin-top: 12px; font-size: 12.5px; color: var(--muted); }
.toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; background: var(--panel); padding: 10px 0 8px; border-bottom: 1px solid var(--line); margin-bottom: 8px; }
.toolbar label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 3px; }
.toolbar select, .toolbar input { font: inherit; color: var(--fg); background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 5px 8px; }
.toolbar input[type=search] { width: 230px; }
.toolbar .count { flex-basis: 100%; margin: 0; color: var(--muted); font-size: 13px; }
.toolbar .count b { color: var(--fg); }
.btn { border: 1px solid var(--line); background: var(--soft); color: var(--fg); border-radius: 6px; padding: 5px 10px; cursor: pointer; }
.btn:hover { border-color: var(--muted); }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.group { display: flex; gap: 10px; align-items: baseline; padding: 14px 4px 6px; border-bottom: 1px solid var(--line); }
.group .muted { font-size: 12px; }
details.scn { border-bottom: 1px solid var(--line); scroll-margin-top: 96px; }
details.scn[open] { background: var(--soft); border-radius: 6px; margin: 6px 0; border: 1px solid var(--line); }
details.scn.target { box-shadow: 0 0 0 2px var(--accent); }
details.scn > summary { list-style: none; cursor: pointer; display: grid; grid-template-columns: 12px 150px 36px 64px minmax(0, 1fr) auto; gap: 10px; align-items: center; padding: 8px 6px; }
details.scn > summary::-webkit-details-marker { display: none; }
details.scn > summary::before { content: "\\25B8"; color: var(--muted); }
details.scn[open] > summary::before { content: "\\25BE"; }
details.scn > summary:hover { background: var(--soft); }
.scn summary .badge { justify-self: start; }
.scn .code { font-family: var(--mono); font-weight: 600; }
.lvl { font-size: 11px; font-weight: 600; letter-spacing: .04em; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 1px 5px; text-align: center; }
.lvl-must { color: var(--fg); }
.scn .t { min-width: 0; }
.scn .title { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 500; }
.scn .line2 { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 12px; color: var(--muted); }
.scn .line2 .id { font-family: var(--mono); }
.scn .line2 .why { color: var(--fg); }
.st-failed .line2 .why { color: var(--fail); } .st-errored .line2 .why { color: var(--err); }
.scn .dur { font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
.body { padding: 4px 16px 16px 30px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 18px; margin: 4px 0 8px; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.cmp { display: flex; gap: 12px; flex-wrap: wrap; margin: 10px 0; }
.cmp div { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; }
.cmp b { font-family: var(--mono); font-size: 16px; margin-left: 6px; }
.cmp .bad b { color: var(--fail); } .cmp .ok b { color: var(--pass); }
.reason { border-left: 4px solid var(--fail); background: var(--panel); padding: 6px 10px; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
.st-errored .reason { border-color: var(--err); } .st-notApplicable .reason { border-color: var(--na); } .st-knownDeviation .reason { border-color: var(--warn); }
table.checks { background: var(--panel); font-size: 13px; table-layout: fixed; min-width: 640px; }
table.checks td, table.checks th { overflow-wrap: anywhere; white-space: pre-wrap; }
table.checks col.k { width: 80px; } table.checks col.p { width: 150px; }
table.checks tr.check-failed td.outcome { color: var(--fail); font-weight: 600; }
table.checks tr.check-notRun td.outcome { color: var(--warn); }
.ex { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
.ex-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; padding: 6px 10px; border-bottom: 1px solid var(--line); }
.ex-step { font-size: 12px; color: var(--muted); }
.ex-line { font-family: var(--mono); font-size: 12.5px; overflow-wrap: anywhere; min-width: 0; flex: 1 1 300px; }
.ex-line .m { font-weight: 700; }
.ex-status { font-family: var(--mono); font-weight: 700; }
.ex-cols { display: grid; grid-template-columns: 1fr 1fr; }
.ex-cols > div { padding: 6px 10px; min-width: 0; }
.ex-cols > div + div { border-left: 1px solid var(--line); }
.ex-cols h5 { margin: 2px 0 4px; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
pre { margin: 0 0 6px; white-space: pre-wrap; overflow-wrap: break-word; max-height: 320px; overflow: auto; background: var(--soft); border-radius: 4px; padding: 6px 8px; }
.ex-error { color: var(--err); padding: 6px 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
.note { font-size: 12px; color: var(--muted); font-style: italic; }
ul.left { margin: 0; padding-left: 20px; } ul.left li { overflow-wrap: anywhere; white-space: pre-wrap; }
.permalink { font-size: 12px; color: var(--accent); }
.empty { padding: 24px; text-align: center; color: var(--muted); }
#more, #earlier { display: block; margin: 14px auto; }
@media (max-width: 760px) {
  .wrap { padding: 0 12px 32px; }
  section.panel { padding: 12px; }
  .toolbar { position: static; }
  .body { padding: 4px 8px 12px; }
  details.scn > summary { grid-template-columns: 12px auto 36px minmax(0, 1fr); }
  details.scn > summary .lvl, details.scn > summary .dur { display: none; }
  .ex-cols { grid-template-columns: 1fr; } .ex-cols > div + div { border-left: 0; border-top: 1px solid var(--line); }
  svg.bar { width: 60px; }
}
@media print { .toolbar, #more, #earlier { display: none; } body { background: #fff; } }
`;
