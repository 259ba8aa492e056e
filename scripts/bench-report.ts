// Benchmark (not a test): how the HTML report holds up at 10,000 scenarios.
// Writes a sample report, opens index.html from file:// in Chromium with the
// network blocked, and times open → summary → first rows, then a status filter
// and a search until the shown count updates. Three runs; exits 1 if any
// open + filters took longer than the budget.
//   node dist/scripts/bench-report.js            (BENCH_SCENARIOS=n to change the size)
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../src/support/browser';
import { writeReports } from '../src/report/write-reports';
import { sampleReport } from '../tests/fixtures/sample-report';

const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 10_000);
const BUDGET_MS = 2_000;
const RUNS = 3;
const SEARCH = 'unknown product';

async function shownCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="shown-count"]')?.textContent === String(want),
    n,
    { polling: 'raf' },
  );
}

async function main(): Promise<number> {
  const report = sampleReport({ scenarios: SCENARIOS });
  const dir = await mkdtemp(join(tmpdir(), 'bench-report-'));
  try {
    const w0 = performance.now();
    const paths = await writeReports(dir, report);
    const writeMs = performance.now() - w0;
    console.log(`${SCENARIOS} scenarios, rendered and written in ${writeMs.toFixed(0)} ms`);
    for (const p of paths)
      console.log(`  ${basename(p).padEnd(12)} ${((await stat(p)).size / 1024 / 1024).toFixed(2).padStart(7)} MiB`);

    const failed = report.scenarios.filter((s) => s.status === 'failed');
    const searched = failed.filter((s) =>
      `${s.id}\n${s.title}\n${s.reason ?? ''}`.toLowerCase().includes(SEARCH),
    ).length;
    const url = pathToFileURL(join(dir, 'index.html')).href;
    const browser = await chromium.launch(chromiumLaunchOptions());
    const rows: Record<string, number>[] = [];
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.route('**', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
      for (let run = 1; run <= RUNS; run++) {
        const page = await context.newPage();
        const t0 = performance.now();
        await page.goto(url, { waitUntil: 'commit' });
        await page.getByTestId('class-2xx').waitFor();
        const summary = performance.now() - t0;
        await page.locator('details.scn').first().waitFor();
        const firstRows = performance.now() - t0;
        const fcp = await page.evaluate(
          () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        );
        const t1 = performance.now();
        await page.getByTestId('filter-status').selectOption('failed');
        await shownCount(page, failed.length);
        const status = performance.now() - t1;
        const t2 = performance.now();
        await page.getByTestId('search').fill(SEARCH);
        await shownCount(page, searched);
        const search = performance.now() - t2;
        rows.push({ run, summary, firstRows, fcp, status, search, total: firstRows + status + search });
        await page.close();
      }
    } finally {
      await browser.close();
    }

    const cols = ['run', 'summary', 'firstRows', 'fcp', 'status', 'search', 'total'];
    const head = ['run', 'summary ms', 'first rows ms', 'FCP ms', 'status filter ms', 'search ms', 'open+filters ms'];
    console.log(`\n${head.map((h) => h.padStart(17)).join('')}`);
    for (const r of rows)
      console.log(cols.map((c) => (c === 'run' ? String(r[c]) : r[c].toFixed(0)).padStart(17)).join(''));
    const worst = Math.max(...rows.map((r) => r.total));
    const ok = worst <= BUDGET_MS;
    console.log(`\nworst open+filters: ${worst.toFixed(0)} ms (budget ${BUDGET_MS} ms): ${ok ? 'OK' : 'OVER BUDGET'}`);
    return ok ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
