// The HTML report's script. render-html.ts inlines it with
// Function.prototype.toString and pins its sha256 in the page's CSP, so the
// function must be self-contained: no imports at run time, nothing from outside
// its body. Target text is only ever placed with textContent/createElement.
import type { ConformanceReport, ScenarioResult } from './model';

export function reportClient(): void {
  /** Rows appended per step: small enough for a fast first paint, large enough to scroll smoothly. */
  const CHUNK = 120;
  const STATUS_LABEL: Record<string, string> = {
    passed: 'Passed',
    failed: 'Failed',
    knownDeviation: 'Known deviation',
    notApplicable: 'Not applicable',
    errored: 'Errored',
    notRun: 'Not run',
  };
  const OUTCOME_LABEL: Record<string, string> = { passed: 'passed', failed: 'FAILED', notRun: 'not run' };

  const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
  const report = JSON.parse($('report-data').textContent || '{}') as ConformanceReport;

  interface Item {
    s: ScenarioResult;
    /** Lower-cased id, title and reason; built on the first search. */
    hay?: string;
  }
  // Ordered by code, then catalogue order (Array#sort is stable), to match the summary table.
  // Where the scenario files are in the repository the run came from: a path, and a link on GitHub.
  const source = report.provenance.source;
  function sourceLink(file: string, line: number): Node {
    const text = (source ? source.root + '/' : '') + file + (line ? ':' + line : '');
    if (!source || !source.url || !/^https:\/\/[^\s"'<>]+$/.test(source.url)) return el('code', '', text);
    const a = el('a', 'source', text) as HTMLAnchorElement;
    a.href = source.url + '/' + file.split('/').map(encodeURIComponent).join('/') + (line ? '#L' + line : '');
    a.rel = 'noopener noreferrer';
    return a;
  }
  const items: Item[] = report.scenarios.map((s) => ({ s })).sort((a, b) => a.s.code - b.s.code);
  const byId = new Map<string, Item>();
  for (const it of items) byId.set(it.s.id, it);

  const fClass = $<HTMLSelectElement>('filter-class');
  const fCode = $<HTMLSelectElement>('filter-code');
  const fStatus = $<HTMLSelectElement>('filter-status');
  const fLevel = $<HTMLSelectElement>('filter-level');
  const fFamily = $<HTMLSelectElement>('filter-family');
  const fSearch = $<HTMLInputElement>('search');
  const countEl = $('shown-count');
  const list = $('scenario-list');
  const more = $<HTMLButtonElement>('more');
  const earlier = $<HTMLButtonElement>('earlier');

  let shown: Item[] = [];
  // The list shows shown[start, end): a window that grows down as the reader
  // scrolls, and starts mid-list when a deep link points far down.
  let start = 0;
  let end = 0;
  /** The group heading above shown[start]; redundant once earlier rows of that group are added. */
  let startHeading: HTMLElement | null = null;
  let groupCounts = new Map<number, number>();

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function badge(status: string): HTMLElement {
    return el('span', 'badge st-' + status, STATUS_LABEL[status] || status);
  }

  function matches(it: Item, cls: string, code: string, status: string, level: string, q: string): boolean {
    const s = it.s;
    const family = fFamily.value;
    if (family && (s.resource || 'store') !== family) return false;
    if (cls && s.class !== cls) return false;
    if (code && String(s.code) !== code) return false;
    if (status === 'problems') {
      if (s.status !== 'failed' && s.status !== 'errored') return false;
    } else if (status && s.status !== status) return false;
    if (level && s.level !== level) return false;
    if (q) {
      if (it.hay === undefined) it.hay = (s.id + '\n' + s.title + '\n' + (s.reason || '')).toLowerCase();
      if (it.hay.indexOf(q) < 0) return false;
    }
    return true;
  }

  function applyFilters(): void {
    const cls = fClass.value;
    // A code from another class would hide everything: keep the code list to the chosen class.
    for (const opt of Array.from(fCode.options)) {
      opt.hidden = !!cls && !!opt.value && opt.dataset.class !== cls;
    }
    if (cls && fCode.value && fCode.selectedOptions[0]?.dataset.class !== cls) fCode.value = '';
    const code = fCode.value;
    const status = fStatus.value;
    const level = fLevel.value;
    const q = fSearch.value.trim().toLowerCase();
    shown = items.filter((it) => matches(it, cls, code, status, level, q));
    groupCounts = new Map();
    for (const it of shown) groupCounts.set(it.s.code, (groupCounts.get(it.s.code) || 0) + 1);
    countEl.textContent = String(shown.length);
    showFrom(0);
  }

  /** Restarts the window at shown[from]. */
  function showFrom(from: number): void {
    list.replaceChildren();
    start = end = from;
    startHeading = null;
    if (!shown.length) list.append(el('p', 'empty', 'No scenario matches these filters.'));
    renderMore(CHUNK);
  }

  /** Rows shown[from, to), with a code heading at the window's first row and wherever the code changes. */
  function build(from: number, to: number, headingAtFrom: boolean): DocumentFragment {
    const frag = document.createDocumentFragment();
    for (let i = from; i < to; i++) {
      const s = shown[i].s;
      if (i === from ? headingAtFrom : shown[i - 1].s.code !== s.code) {
        const h = groupHeading(s.code);
        if (i === start) startHeading = h;
        frag.append(h);
      }
      frag.append(row(s));
    }
    return frag;
  }

  function renderMore(n: number): void {
    const to = Math.min(shown.length, end + n);
    if (to > end) list.append(build(end, to, end === start || shown[end - 1].s.code !== shown[end].s.code));
    end = to;
    updateButtons();
  }

  function renderEarlier(n: number): void {
    const from = Math.max(0, start - n);
    if (from === start) return;
    const old = start;
    if (startHeading && shown[old - 1].s.code === shown[old].s.code) startHeading.remove();
    start = from;
    list.prepend(build(from, old, true));
    updateButtons();
  }

  function updateButtons(): void {
    const below = shown.length - end;
    more.hidden = below <= 0;
    more.textContent = 'Show ' + Math.min(CHUNK, below) + ' more (' + below + ' not shown yet)';
    earlier.hidden = start <= 0;
    earlier.textContent = 'Show ' + Math.min(CHUNK, start) + ' earlier (' + start + ' above not shown)';
  }

  function groupHeading(code: number): HTMLElement {
    const def = report.codes[String(code)];
    const h = el('div', 'group');
    h.append(el('h3', '', code + ' ' + (def ? def.definition : '')));
    const n = groupCounts.get(code) || 0;
    h.append(
      el('span', 'muted', (def ? def.class + ' · ' : '') + n + (n === 1 ? ' scenario' : ' scenarios') + ' shown'),
    );
    return h;
  }

  function row(s: ScenarioResult): HTMLDetailsElement {
    const d = el('details', 'scn st-' + s.status);
    d.id = 'scenario-' + s.id;
    d.dataset.testid = 'scenario-' + s.id;
    d.dataset.status = s.status;
    const sum = el('summary');
    const t = el('span', 't');
    t.append(el('span', 'title', s.title));
    const line2 = el('span', 'line2');
    line2.append(el('span', 'id', s.id));
    if (s.reason) line2.append(' · ', el('span', 'why', s.reason));
    t.append(line2);
    sum.append(
      badge(s.status),
      el('span', 'code', String(s.code)),
      el('span', 'lvl lvl-' + s.level, s.level.toUpperCase()),
      t,
      el('span', 'dur', Math.round(s.durationMs) + ' ms'),
    );
    d.append(sum);
    return d;
  }

  /** Builds a scenario's details the first time it is opened: 10,000 closed rows stay cheap. */
  function ensureBody(d: HTMLDetailsElement): void {
    if (d.dataset.built) return;
    const it = byId.get(d.id.slice('scenario-'.length));
    if (!it) return;
    d.dataset.built = '1';
    d.append(body(it.s));
  }

  function body(s: ScenarioResult): HTMLElement {
    const b = el('div', 'body');
    const def = report.codes[String(s.code)];
    const facts = el('dl', 'facts');
    const fact = (k: string, v: string | Node): void => {
      const dd = el('dd');
      dd.append(v);
      facts.append(el('dt', '', k), dd);
    };
    fact('Status', STATUS_LABEL[s.status] || s.status);
    fact('Checks', s.code + ' ' + (def ? def.definition : '') + ' (' + s.class + ')');
    fact('Cites', s.doc);
    fact('Level', s.level === 'must' ? 'MUST: a failure fails the class' : 'SHOULD: a failure only warns');
    const firstBad = s.run ? s.run.checks.find((c) => c.outcome !== 'passed') : undefined;
    fact('Scenario file', sourceLink(s.file, firstBad ? firstBad.line : 0));
    fact('Duration', Math.round(s.durationMs) + ' ms');
    if (s.deviation) {
      const note = s.deviation.stale
        ? 'listed as answering ' + s.deviation.status + ', but now conforms: remove it from the file'
        : 'the target answers ' + s.deviation.status + ' here: ' + s.deviation.reason;
      fact('Known deviation', note);
    }
    b.append(facts);

    const run = s.run;
    if (run) {
      const cmp = el('div', 'cmp');
      const box = (label: string, v: string, cls: string): HTMLElement => {
        const x = el('div', cls, label);
        x.append(el('b', '', v));
        return x;
      };
      cmp.append(box('Expected status', String(run.expected.status), ''));
      const ok = !!run.actual && run.actual.status === run.expected.status;
      cmp.append(box('Actual status', run.actual ? String(run.actual.status) : 'no response', ok ? 'ok' : 'bad'));
      b.append(cmp);
    }
    if (s.reason) b.append(el('p', 'reason', s.reason));

    if (run && run.checks.length) {
      const bad = run.checks.filter((c) => c.outcome !== 'passed').length;
      b.append(
        el('h4', '', 'Checks (' + run.checks.length + (bad ? ', ' + bad + ' not passed' : ', all passed') + ')'),
      );
      const tbl = el('table', 'checks');
      const cg = el('colgroup');
      cg.append(el('col', 'k'), el('col', 'p'), el('col', 'p'), el('col'), el('col'), el('col'));
      const head = el('tr');
      for (const h of ['Outcome', 'Key (line)', 'Step', 'Message', 'Expected', 'Actual']) {
        const th = el('th', '', h);
        th.scope = 'col';
        head.append(th);
      }
      const thead = el('thead');
      thead.append(head);
      const tb = el('tbody');
      for (const c of run.checks) {
        const tr = el('tr', 'check-' + c.outcome);
        const path = c.instancePath === undefined ? '' : ' at ' + (c.instancePath || '(root)');
        const at = el('td', 'mono', c.at + ' (');
        at.append(sourceLink(s.file, c.line), ')');
        tr.append(
          el('td', 'outcome', OUTCOME_LABEL[c.outcome] || c.outcome),
          at,
          el('td', '', c.step),
          el('td', '', (c.message ?? '') + path),
          el('td', 'mono', c.expected ?? ''),
          el('td', 'mono', c.actual ?? ''),
        );
        tb.append(tr);
      }
      tbl.append(cg, thead, tb);
      const scroll = el('div', 'tblwrap');
      scroll.append(tbl);
      b.append(scroll);
    }

    if (run && run.leftovers && run.leftovers.length) {
      b.append(el('h4', '', 'May be left behind on the store'));
      const ul = el('ul', 'left');
      for (const l of run.leftovers) ul.append(el('li', '', l));
      b.append(ul);
    }

    if (run && run.transcript.length) {
      const transcript = run.transcript;
      b.append(
        el(
          'h4',
          '',
          'Transcript (' +
            transcript.length +
            (transcript.length === 1 ? ' exchange' : ' exchanges') +
            ', credentials redacted)',
        ),
      );
      transcript.forEach((x, i) => {
        // Repeats keep their first and last few: mark where the omitted ones were.
        if (run.omittedExchanges && i === Math.ceil(transcript.length / 2)) {
          b.append(el('p', 'note', run.omittedExchanges + ' exchanges omitted here'));
        }
        const ex = el('section', 'ex');
        const head = el('div', 'ex-head');
        head.append(el('span', 'ex-step', x.step));
        const line = el('span', 'ex-line');
        line.append(el('span', 'm', x.request.method), ' ', x.request.url);
        head.append(line);
        if (x.response)
          head.append(
            el('span', 'ex-status', '\u2192 ' + x.response.status),
            el('span', 'muted', Math.round(x.response.durationMs) + ' ms'),
          );
        ex.append(head);
        if (x.error) ex.append(el('div', 'ex-error', 'Transport error: ' + x.error));
        const cols = el('div', 'ex-cols');
        cols.append(half('Request', x.request.headers, x.request.body, false));
        if (x.response)
          cols.append(
            half('Response ' + x.response.status, x.response.headers, x.response.body, !!x.response.truncated),
          );
        else cols.append(half('Response', {}, undefined, false, 'no response received'));
        ex.append(cols);
        b.append(ex);
      });
      if (run.omittedExchanges && transcript.length < 2)
        b.append(el('p', 'note', run.omittedExchanges + ' further exchanges omitted'));
    }

    const link = el('a', 'permalink', 'Link to this scenario');
    link.href = '#scenario-' + encodeURIComponent(s.id);
    b.append(link);
    return b;
  }

  /** As src/report/readable-body.ts: a JSON body indented, so that it wraps between values. */
  function readable(text: string): string {
    if (text.length > 500000 || !/^\s*[[{]/.test(text)) return text;
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return text;
    }
  }

  function half(
    title: string,
    headers: Record<string, string>,
    bodyText: string | undefined,
    truncated: boolean,
    none?: string,
  ): HTMLElement {
    const h = el('div');
    h.append(el('h5', '', title));
    if (none) {
      h.append(el('p', 'note', none));
      return h;
    }
    const names = Object.keys(headers);
    h.append(el('pre', 'hdrs', names.length ? names.map((n) => n + ': ' + headers[n]).join('\n') : '(no headers)'));
    if (bodyText) h.append(el('pre', 'bodytext', truncated ? bodyText : readable(bodyText)));
    else h.append(el('p', 'note', 'empty body'));
    if (truncated) h.append(el('p', 'note', 'body truncated in the transcript'));
    return h;
  }

  function resetFilters(): void {
    fClass.value = fCode.value = fStatus.value = fLevel.value = fFamily.value = fSearch.value = '';
  }

  /** #scenario-<id>: show that scenario (clearing filters that hide it), open it and scroll to it. */
  function openFromHash(): void {
    const h = location.hash;
    if (h.indexOf('#scenario-') !== 0) return;
    let id: string;
    try {
      id = decodeURIComponent(h.slice('#scenario-'.length));
    } catch {
      return;
    }
    const it = byId.get(id);
    if (!it) return;
    let idx = shown.indexOf(it);
    if (idx < 0) {
      resetFilters();
      applyFilters();
      idx = shown.indexOf(it);
    }
    // Near the rendered window: extend it. Far away: restart the window just above the scenario.
    if (idx < start || idx >= end + CHUNK) showFrom(Math.max(0, idx - 3));
    else if (idx >= end) renderMore(idx + 1 - end + CHUNK);
    const d = document.getElementById('scenario-' + id) as HTMLDetailsElement | null;
    if (!d) return;
    for (const old of Array.from(list.querySelectorAll('details.target'))) old.classList.remove('target');
    d.classList.add('target');
    ensureBody(d);
    d.open = true;
    d.scrollIntoView({ block: 'start' });
    d.querySelector('summary')?.focus({ preventScroll: true });
  }

  // toggle does not bubble, but a capturing listener on the list still sees it.
  list.addEventListener(
    'toggle',
    (e) => {
      const d = e.target as HTMLDetailsElement;
      if (d.open) ensureBody(d);
    },
    true,
  );
  for (const c of [fClass, fCode, fStatus, fLevel, fFamily]) c.addEventListener('change', applyFilters);
  fSearch.addEventListener('input', applyFilters);
  $('reset-filters').addEventListener('click', () => {
    resetFilters();
    applyFilters();
  });
  more.addEventListener('click', () => renderMore(CHUNK));
  earlier.addEventListener('click', () => renderEarlier(CHUNK));
  // Summary-table shortcuts: a class, a code or "failed or errored" sets the filters and jumps to the list.
  document.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest('button[data-filter]') as HTMLButtonElement | null;
    if (!b) return;
    resetFilters();
    const [kind, value, family] = (b.dataset.filter || '').split(':');
    if (kind === 'class') fClass.value = value;
    if (kind === 'code') fCode.value = value;
    if (kind === 'cell') {
      fCode.value = value;
      fFamily.value = family;
    }
    if (kind === 'status') fStatus.value = value;
    applyFilters();
    $('scenarios').scrollIntoView({ block: 'start' });
  });
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (e.key === '/' && !/^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) {
      e.preventDefault();
      fSearch.focus();
    }
  });
  window.addEventListener('hashchange', openFromHash);
  if ('IntersectionObserver' in window) {
    // Load the next chunk before the reader reaches the end; re-observing re-checks
    // when the button is still in range after a chunk was added.
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((x) => x.isIntersecting) && !more.hidden) {
          renderMore(CHUNK);
          io.unobserve(more);
          io.observe(more);
        }
      },
      { rootMargin: '800px 0px' },
    );
    io.observe(more);
  }

  $('list-status').hidden = true;
  applyFilters();
  openFromHash();
}
