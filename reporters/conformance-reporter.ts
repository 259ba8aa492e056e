// Playwright reporter: collects each scenario test's result attachment and
// writes the conformance report (report.json, index.html, junit.xml,
// summary.md) plus a per-class summary on the terminal. It reads only what
// Playwright hands every reporter, so it works the same on a direct run and on
// `playwright merge-reports` of sharded blob reports.
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { resolve } from 'node:path';
import { collectResult, provenanceOf, type Collected } from '../src/playwright/collect';
import { buildReport } from '../src/report/build';
import { renderConsole } from '../src/report/render-console';
import { writeReports } from '../src/report/write-reports';

export interface ConformanceReporterOptions {
  /** Output folder; default CONFORMANCE_OUTPUT or ./conformance-report. */
  outputDir?: string;
  /** Print the per-class summary (default true). */
  summary?: boolean;
}

export default class ConformanceReporter implements Reporter {
  private readonly outputDir: string;
  private readonly results = new Map<string, Collected>();
  private config?: FullConfig;
  private startedAt = new Date();

  constructor(private readonly options: ConformanceReporterOptions = {}) {
    this.outputDir = resolve(options.outputDir ?? process.env.CONFORMANCE_OUTPUT ?? 'conformance-report');
  }

  printsToStdio(): boolean {
    return this.options.summary !== false;
  }

  onBegin(config: FullConfig, _suite: Suite): void {
    this.config = config;
    this.startedAt = new Date();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // Retries report again; the last attempt is the result.
    const collected = collectResult(test, result);
    if (collected) this.results.set(collected.result.id, collected);
  }

  async onEnd(result: FullResult): Promise<void> {
    // `--list` runs nothing: a report would only overwrite the last real one with an empty one.
    if (process.argv.includes('--list')) return;
    const collected = [...this.results.values()];
    const report = buildReport(
      collected.map((c) => c.result),
      provenanceOf(collected, {
        startedAt: this.startedAt,
        finishedAt: new Date(this.startedAt.getTime() + result.duration),
        playwright: this.config?.version ?? 'unknown',
        shard: this.config?.shard ?? undefined,
      }),
    );
    await writeReports(this.outputDir, report);
    if (this.options.summary !== false) process.stdout.write(renderConsole(report, this.outputDir));
  }
}
