// index.html in a real Chromium, opened from file:// with the network blocked:
// it must work offline, under its own CSP, with no console errors, and show
// hostile target text literally without running any of it.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { watchOffline } from './fixtures/offline-page';
import { sampleReport } from './fixtures/sample-report';
import type { ConformanceReport, ScenarioResult } from '../src/report/model';
import { renderHtml } from '../src/report/render-html';
import { writeReports } from '../src/report/write-reports';
import { readableBody } from '../src/report/readable-body';

interface Written {
  dir: string;
  report: ConformanceReport;
}

interface Opened {
  page: Page;
  report: ConformanceReport;
  /** Scenarios in the order the page lists them: by code, then report order. */
  listed: ScenarioResult[];
}

const test = base.extend<
  { open: (which: 'small' | 'hostile' | 'large', hash?: string) => Promise<Opened> },
  { reports: Record<'small' | 'hostile' | 'large', Written> }
>({
  // Written once per worker: rendering 10,000 scenarios is not free.
  reports: [
    async ({}, use) => {
      const root = await mkdtemp(join(tmpdir(), 'report-html-'));
      const make = async (name: string, scenarios: number, hostile = false): Promise<Written> => {
        const report = sampleReport({ scenarios, hostile });
        await writeReports(join(root, name), report);
        return { dir: join(root, name), report };
      };
      await use({
        small: await make('small', 300),
        hostile: await make('hostile', 130, true),
        large: await make('large', 10_000),
      });
      await rm(root, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  // Opens a report with every non-file request aborted, and fails the test on any
  // request, console error, page error or CSP violation it saw.
  open: async ({ context, page, reports }, use) => {
    const watch = await watchOffline(context, page);
    let url = '';
    await use(async (which, hash = '') => {
      const w = reports[which];
      url = pathToFileURL(join(w.dir, 'index.html')).href;
      await page.goto(url + hash);
      await expect(page.getByTestId('class-2xx')).toBeVisible();
      const listed = [...w.report.scenarios].sort((a, b) => a.code - b.code);
      return { page, report: w.report, listed };
    });
    if (url) {
      expect(await watch.cspViolations()).toEqual([]);
      expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    }
    expect(watch.problems).toEqual([]);
    expect(watch.requests.filter((r) => !r.startsWith(url.split('#')[0]))).toEqual([]);
  },
});

const count = async (page: Page) => Number(await page.getByTestId('shown-count').textContent());
const fmt = (n: number) => n.toLocaleString('en-US');

test('the class summary shows each class and code with the right counts and verdicts', async ({ open }) => {
  const { page, report } = await open('small');
  for (const [cls, c] of Object.entries(report.classes)) {
    const row = page.getByTestId(`class-${cls}`);
    await expect(row.locator('td.n-total')).toHaveText(fmt(c.total));
    await expect(row.locator('td.n-passed')).toHaveText(fmt(c.passed));
    await expect(row.locator('td.n-failed')).toHaveText(fmt(c.failed));
    await expect(row.locator('td.n-notApplicable')).toHaveText(fmt(c.notApplicable));
    await expect(row.locator('td.n-errored')).toHaveText(fmt(c.errored));
    await expect(row.locator('td.n-notRun')).toHaveText(fmt(c.notRun));
    await expect(row.locator('.badge')).toHaveText(
      { pass: 'Pass', warn: 'Warn', fail: 'Fail', partial: 'Partial', notApplicable: 'Not applicable' }[c.verdict],
    );
  }
  for (const c of Object.values(report.codes)) {
    const row = page.getByTestId(`code-${c.code}`);
    await expect(row.locator('td.n-failed')).toHaveText(fmt(c.failed));
    await expect(row).toContainText(c.definition);
  }
  await expect(page.getByTestId('totals')).toContainText(
    `${fmt(report.totals.total)} scenarios: ${fmt(report.totals.passed)} passed`,
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Status-code conformance report');
  await expect(page.getByRole('table')).toHaveCount(1);
  expect(await count(page)).toBe(report.scenarios.length);
  // Only the first chunk is in the DOM; the rest is rendered on demand.
  const rows = await page.locator('details.scn').count();
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(report.scenarios.length);
});

test('filters by class, code, status and search change the count and the rows', async ({ open }) => {
  const { page, report } = await open('small');
  const rowCodes = () => page.locator('details.scn .code').allTextContents();

  await page.getByTestId('filter-class').selectOption('4xx');
  expect(await count(page)).toBe(report.classes['4xx'].total);
  expect((await rowCodes()).every((c) => c.startsWith('4'))).toBe(true);

  await page.getByTestId('filter-code').selectOption('404');
  expect(await count(page)).toBe(report.codes['404'].total);
  expect(new Set(await rowCodes())).toEqual(new Set(['404']));

  await page.getByTestId('filter-status').selectOption('failed');
  const failed404 = report.scenarios.filter((s) => s.code === 404 && s.status === 'failed');
  expect(failed404.length).toBeGreaterThan(0);
  expect(await count(page)).toBe(failed404.length);
  await expect(page.locator('details.scn')).toHaveCount(failed404.length);
  expect(
    new Set(await page.locator('details.scn').evaluateAll((ds) => ds.map((d) => (d as HTMLElement).dataset.status))),
  ).toEqual(new Set(['failed']));

  // Another class drops a code that no longer belongs to it.
  await page.getByTestId('filter-class').selectOption('5xx');
  await expect(page.getByTestId('filter-code')).toHaveValue('');
  await page.getByTestId('filter-status').selectOption('notApplicable');
  expect(await count(page)).toBe(report.classes['5xx'].notApplicable);

  await page.getByRole('button', { name: 'Reset' }).click();
  expect(await count(page)).toBe(report.scenarios.length);

  // Known deviations: a status of their own, with the file's reason in the details.
  await page.getByTestId('filter-status').selectOption('knownDeviation');
  expect(report.totals.knownDeviation).toBeGreaterThan(0);
  expect(await count(page)).toBe(report.totals.knownDeviation);
  const deviated = page.locator('details.scn').first();
  await deviated.locator('summary').click();
  await expect(
    deviated.getByText('the target answers 200 here: the 2026 specs declare 200 for this POST'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Reset' }).click();

  await page.getByTestId('filter-status').selectOption('problems');
  expect(await count(page)).toBe(report.totals.failed + report.totals.errored);
  await page.getByTestId('filter-status').selectOption('');

  // Search covers id, title and reason, case-insensitively.
  for (const q of ['404-GET-an-unknown-product-00', 'DELETE an existing', 'TRANSPORT error']) {
    await page.getByTestId('search').fill(q);
    const want = report.scenarios.filter((s) =>
      `${s.id}\n${s.title}\n${s.reason ?? ''}`.toLowerCase().includes(q.toLowerCase()),
    ).length;
    expect(want, q).toBeGreaterThan(0);
    expect(await count(page), q).toBe(want);
  }
  await page.getByTestId('search').fill('no scenario has this text');
  expect(await count(page)).toBe(0);
  await expect(page.getByText('No scenario matches these filters.')).toBeVisible();

  // The summary table's class link filters the list too.
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByTestId('class-3xx').getByRole('button', { name: '3xx' }).click();
  await expect(page.getByTestId('filter-class')).toHaveValue('3xx');
  expect(await count(page)).toBe(report.classes['3xx'].total);
});

test('a failed scenario opens to expected vs actual, every check with its line, and the transcript', async ({
  open,
}) => {
  const { page, listed, report } = await open('small');
  const s = listed.find(
    (x) =>
      x.status === 'failed' &&
      x.run?.actual &&
      x.run.actual.status !== x.run.expected.status &&
      x.run.checks.some((c) => c.instancePath) &&
      x.run.transcript.length,
  )!;
  expect(s).toBeDefined();
  await page.getByTestId('filter-status').selectOption('failed');
  const row = page.getByTestId(`scenario-${s.id}`);
  await row.locator('summary').click();
  await expect(row).toHaveAttribute('open', '');
  const cmp = row.locator('.cmp');
  const run = s.run!;
  await expect(cmp).toContainText(`Expected status${run.expected.status}`);
  await expect(cmp).toContainText(`Actual status${run.actual!.status}`);
  await expect(row.locator('.facts')).toContainText(s.doc);
  await expect(row.locator('.facts')).toContainText('MUST');
  // Every check is listed, passed ones too, each with its YAML key and line.
  const checks = row.locator('table.checks tbody tr');
  await expect(checks).toHaveCount(run.checks.length);
  await expect(row.locator('table.checks tr.check-passed')).toHaveCount(
    run.checks.filter((c) => c.outcome === 'passed').length,
  );
  const schemaFailure = run.checks.find((c) => c.instancePath)!;
  await expect(row.locator('table.checks')).toContainText(schemaFailure.instancePath!);
  await expect(row.locator('table.checks')).toContainText(schemaFailure.message!);
  // Each check's line is a link to the YAML on GitHub at the commit that ran.
  const root = report.provenance.source!;
  const path = `${root.root}/${s.file}`;
  await expect(row.locator('table.checks')).toContainText(`${schemaFailure.at} (${path}:${schemaFailure.line})`);
  await expect(
    row.locator('table.checks a.source', { hasText: `${path}:${schemaFailure.line}` }).first(),
  ).toHaveAttribute('href', `${root.url}/${s.file}#L${schemaFailure.line}`);
  const firstBad = run.checks.find((c) => c.outcome !== 'passed')!;
  await expect(row.locator('.facts a.source')).toHaveText(`${path}:${firstBad.line}`);
  const x = run.transcript.find((e) => e.step === 'request')!;
  await expect(row.locator('.ex-line').filter({ hasText: x.request.url })).toHaveCount(1);
  await expect(row.locator('pre.hdrs').first()).toContainText('x-auth-token: [redacted]');
  // A JSON body is shown indented, one value a line, so that it wraps between values.
  const shownBody = readableBody(x.response!.body!);
  expect(shownBody).toContain('\n  "');
  await expect(row.locator('pre.bodytext').filter({ hasText: shownBody })).not.toHaveCount(0);
  if (run.leftovers) await expect(row.locator('ul.left')).toContainText(run.leftovers[0]);
});

test('a deep link opens its scenario, even past the first chunk and behind filters', async ({ open, reports }) => {
  const far = [...reports.large.report.scenarios].sort((a, b) => a.code - b.code).at(-3)!;
  const { page, listed } = await open('large', `#scenario-${encodeURIComponent(far.id)}`);
  const row = page.getByTestId(`scenario-${far.id}`);
  await expect(row).toHaveAttribute('open', '');
  await expect(row).toBeInViewport();
  await expect(row.locator('.facts')).toContainText(far.doc);
  // The list starts near the target instead of rendering thousands of rows before it…
  expect(await page.locator('details.scn').count()).toBeLessThan(200);
  // …and earlier rows can be added above, under the same code heading.
  const earlier = page.locator('#earlier');
  await expect(earlier).toBeVisible();
  const before = await page.locator('details.scn').count();
  await earlier.click();
  expect(await page.locator('details.scn').count()).toBeGreaterThan(before);
  await expect(page.locator('.group h3', { hasText: `${far.code} ` })).toHaveCount(1);
  await expect(row).toHaveAttribute('open', '');

  // A scenario hidden by the current filters: following its link clears them.
  const other = listed.find((s) => s.status === 'passed' && s.code === 200)!;
  await page.getByTestId('filter-status').selectOption('failed');
  await page.evaluate((id) => (location.hash = `#scenario-${encodeURIComponent(id)}`), other.id);
  await expect(page.getByTestId(`scenario-${other.id}`)).toHaveAttribute('open', '');
  await expect(page.getByTestId('filter-status')).toHaveValue('');

  // The in-page permalink points at the same place.
  await expect(
    page.getByTestId(`scenario-${other.id}`).getByRole('link', { name: 'Link to this scenario' }),
  ).toHaveAttribute('href', `#scenario-${encodeURIComponent(other.id)}`);
});

// Speed is measured by scripts/bench-report.ts (the 2 s target), not here: this
// test pins the behaviour that keeps it fast, a bounded number of rendered rows.
test('10,000 scenarios: only a window of rows is rendered and filters work over all of them', async ({ open }) => {
  const { page, report } = await open('large');
  await expect(page.locator('details.scn').first()).toBeVisible();
  expect(await count(page)).toBe(10_000);
  expect(await page.locator('details.scn').count()).toBeLessThanOrEqual(200);
  await page.getByTestId('filter-status').selectOption('errored');
  await expect(page.getByTestId('shown-count')).toHaveText(String(report.totals.errored));
  await page.getByTestId('search').fill('413');
  await expect(page.getByTestId('shown-count')).toHaveText(
    String(
      report.scenarios.filter((s) => s.status === 'errored' && `${s.id}\n${s.title}\n${s.reason}`.includes('413'))
        .length,
    ),
  );

  // Scrolling to the end of the list renders more rows.
  const before = await page.locator('details.scn').count();
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.locator('#more').scrollIntoViewIfNeeded();
  await expect.poll(() => page.locator('details.scn').count()).toBeGreaterThan(Math.max(before, 120));
});

test('hostile target text is shown literally and never runs', async ({ open }) => {
  const { page, report, listed } = await open('hostile');
  // Open every scenario so all transcripts, failures and leftovers are rendered.
  await page.locator('#more').evaluate((b) => {
    while (!(b as HTMLElement).hidden) (b as HTMLElement).click();
  });
  await page.locator('details.scn').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await expect(page.locator('details.scn .body')).toHaveCount(report.scenarios.length);

  // Nothing from the target became markup.
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  await expect(page.locator('img, iframe, object, embed, frame, link[rel=stylesheet]')).toHaveCount(0);
  expect(await page.locator('script').count()).toBe(2);
  expect(await page.locator('svg').count()).toBe(await page.locator('svg.bar').count());
  expect(
    await page
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')).filter((h) => !h!.startsWith('#scenario-'))),
  ).toEqual([]);

  // It is shown exactly as sent.
  const shown = await page.locator('details.scn').evaluateAll((ds) =>
    ds.map((d) => ({
      id: d.id.slice('scenario-'.length),
      title: d.querySelector('.title')!.textContent,
      reason: d.querySelector('.reason')?.textContent ?? null,
      bodies: Array.from(d.querySelectorAll('pre.bodytext')).map((p) => p.textContent),
      headers: Array.from(d.querySelectorAll('pre.hdrs'))
        .map((p) => p.textContent)
        .join('\n'),
      checks: Array.from(d.querySelectorAll('table.checks td')).map((td) => td.textContent),
      leftovers: Array.from(d.querySelectorAll('ul.left li')).map((li) => li.textContent),
    })),
  );
  expect(shown.map((x) => x.id)).toEqual(listed.map((s) => s.id));
  shown.forEach((x, i) => {
    const s = listed[i];
    expect(x.title).toBe(s.title);
    expect(x.reason).toBe(s.reason ?? null);
    // JSON indented (so that it wraps between values), a cut-short body as it came.
    const bodies = (s.run?.transcript ?? [])
      .flatMap((e) => [
        e.request.body && readableBody(e.request.body),
        e.response?.body && (e.response.truncated ? e.response.body : readableBody(e.response.body)),
      ])
      .filter((b): b is string => !!b);
    expect(x.bodies).toEqual(bodies);
    for (const e of s.run?.transcript ?? [])
      for (const [k, v] of Object.entries(e.response?.headers ?? {})) expect(x.headers).toContain(`${k}: ${v}`);
    for (const c of s.run?.checks ?? []) if (c.message) expect(x.checks.join('\n')).toContain(c.message);
    expect(x.leftovers).toEqual(s.run?.leftovers ?? []);
  });
  await expect(page.getByText('<img src=x onerror="window.__pwned=1">', { exact: true })).toBeVisible();
  expect(await page.title()).toContain('<script>window.__pwned=1</script>');
  await expect(page.getByText('Partial run:')).toBeVisible();
});

test('the page declares a strict CSP whose hashes match its only script and style', async ({}, testInfo) => {
  const dir = testInfo.outputPath('r');
  await writeReports(dir, sampleReport({ scenarios: 30, hostile: true }));
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
  const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  expect(scripts).toHaveLength(1);
  expect(styles).toHaveLength(1);
  expect(csp).toBe(
    `default-src 'none'; script-src ${hash(scripts[0])}; style-src ${hash(styles[0])}; img-src data:; base-uri 'none'; form-action 'none'`,
  );
  // Target text only in the JSON island, where no '<' survives.
  const data = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1];
  expect(data).not.toMatch(/[<>\u2028\u2029]/);
  // No inline event handlers anywhere in the markup.
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
});

test('a malformed report cannot inject markup through numbers or enums either', () => {
  const r = JSON.parse(JSON.stringify(sampleReport({ scenarios: 30 })));
  const evil = '"><img src=x onerror=alert(1)>';
  r.verdict = evil;
  r.classes['2xx'].verdict = evil;
  r.classes['2xx'].failed = evil;
  r.codes['404'].code = evil;
  r.codes['404'].class = evil;
  r.formatVersion = evil;
  r.provenance.shard = { current: evil, total: evil };
  const html = renderHtml(r);
  const outsideData = html.replace(/<script type="application\/json" id="report-data">[\s\S]*?<\/script>/, '');
  expect(outsideData).not.toContain('<img');
  expect(outsideData).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
});

test('screenshot of the report for reviewers', async ({ open }, testInfo) => {
  const { page, listed } = await open('small');
  await page.setViewportSize({ width: 1280, height: 900 });
  const s = listed.find((x) => x.status === 'failed' && x.run?.leftovers)!;
  await page.getByTestId('filter-status').selectOption('problems');
  await page.getByTestId(`scenario-${s.id}`).locator('summary').click();
  await expect(page.getByTestId(`scenario-${s.id}`).locator('.ex').first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  const path = testInfo.outputPath('report.png');
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach('report', { path, contentType: 'image/png' });
});
