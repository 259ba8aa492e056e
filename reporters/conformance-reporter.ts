// Playwright reporter: collects each scenario test's result annotation and
// writes the conformance report (report.json, index.html, junit.xml,
// summary.md) plus a per-class summary on the terminal. It reads only what
// Playwright hands every reporter (and the run's journal, when there is one),
// so it works the same on a direct run and on `playwright merge-reports` of
// sharded blob reports. Every scenario of the catalogue ends up in the report:
// the ones the run did not select or never got to are `notRun`.
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJournal } from '../src/engine/journal';
import { collectResult, provenanceOf, readRecord, type Collected } from '../src/playwright/collect';
import { failFromOutcome } from '../src/playwright/failure';
import { interruptionOf, metaOf, missingShards, selectionOf, withNotRun } from '../src/playwright/completeness';
import { catalogueOnce } from '../src/playwright/catalogue-once';
import { planLookahead } from '../src/playwright/lookahead';
import type { ScenarioMeta } from '../src/playwright/annotations';
import { profileFrom, publicUrl } from '../src/profile/profile';
import { buildReport } from '../src/report/build';
import { githubAnnotation } from '../src/report/render-github';
import { sourceOf } from '../src/report/source';
import { scenariosDir, suiteVersion } from '../src/support/paths';
import { renderConsole } from '../src/report/render-console';
import { readSigningKey } from '../src/report/signature';
import { writeReports } from '../src/report/write-reports';

export interface ConformanceReporterOptions {
  /** Output folder; default CONFORMANCE_OUTPUT or ./conformance-report. */
  outputDir?: string;
  /** Print the per-class summary (default true). */
  summary?: boolean;
  /** Print how many scenarios are done as the run goes (when no Playwright terminal reporter does). */
  progress?: boolean;
}

/** The installed catalogue, to name what the run left out; a merge on a machine without one still reports. */
function catalogueOrNothing() {
  try {
    return catalogueOnce();
  } catch {
    return undefined;
  }
}

export default class ConformanceReporter implements Reporter {
  private readonly outputDir: string;
  private readonly results = new Map<string, Collected>();
  private selected: ScenarioMeta[] = [];
  private done = 0;
  private lastShown = 0;
  private config?: FullConfig;
  private startedAt = new Date();

  constructor(private readonly options: ConformanceReporterOptions = {}) {
    this.outputDir = resolve(options.outputDir ?? process.env.CONFORMANCE_OUTPUT ?? 'conformance-report');
  }

  printsToStdio(): boolean {
    return this.options.summary !== false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.startedAt = new Date();
    this.selected = suite.allTests().flatMap((t) => metaOf(t) ?? []);
    // Before any worker starts: which tests they will run, so each can run scenarios ahead of their tests.
    if (!process.argv.includes('merge-reports') && !process.argv.includes('--list')) planLookahead(suite);
    if (this.options.progress && !process.argv.includes('--list')) {
      process.stdout.write(`Running ${this.selected.length} scenarios on ${config.workers} worker(s)\n`);
    }
  }

  /** A counter: rewritten in place on a terminal, a line per tenth of the run in a log. */
  private showProgress(): void {
    this.done++;
    const total = this.selected.length;
    if (process.stdout.isTTY) {
      process.stdout.write(`\r  ${this.done}/${total}${this.done === total ? '\n' : ''}`);
    } else if (this.done === total || this.done - this.lastShown >= Math.max(1, Math.ceil(total / 10))) {
      this.lastShown = this.done;
      process.stdout.write(`  ${this.done}/${total}\n`);
    }
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    // First in line: a scenario that failed makes its test fail before other reporters see it.
    const meta = metaOf(test);
    failFromOutcome(result, readRecord(result), meta ? join(scenariosDir(), meta.file) : undefined);
    // Retries report again; the last attempt is the result.
    const collected = collectResult(test, result);
    if (collected) this.results.set(collected.result.id, collected);
    if (this.options.progress) this.showProgress();
  }

  /** In GitHub Actions, failures are annotated on their scenario files, unless Playwright's github reporter does. */
  private annotatesForGithub(): boolean {
    if (process.env.GITHUB_ACTIONS !== 'true') return false;
    return !(this.config?.reporter ?? []).some(([name]) => name === 'github');
  }

  async onEnd(result: FullResult): Promise<void> {
    // `--list` runs nothing: a report would only overwrite the last real one with an empty one.
    if (process.argv.includes('--list')) return;
    const collected = [...this.results.values()];
    const selection = selectionOf(this.config, process.argv, process.env);
    // A merge (no shard of its own) of shard results: name the shards that never came.
    const lacking = this.config?.shard ? undefined : missingShards(collected.map((c) => c.facts?.shard));
    if (lacking) selection.push(lacking);
    const journal = process.env.CONFORMANCE_JOURNAL;
    const catalogue = catalogueOrNothing();
    const profile = profileFrom(process.env);
    const report = buildReport(
      withNotRun(
        collected.map((c) => c.result),
        this.selected,
        catalogue,
        selection,
      ),
      provenanceOf(
        collected,
        {
          startedAt: this.startedAt,
          finishedAt: new Date(this.startedAt.getTime() + result.duration),
          playwright: this.config?.version ?? 'unknown',
          shard: this.config?.shard ?? undefined,
          source: sourceOf(scenariosDir(), process.env),
        },
        {
          targetBaseUrl: publicUrl(profile.TARGET_BASE_URL),
          targetKind: process.env.CONFORMANCE_TARGET_KIND === 'reference' ? 'reference' : 'profile',
          capabilities: Object.keys(profile).sort(),
          scenarioSetHash: catalogue?.hash ?? '',
          scenarioCount: catalogue?.scenarios.length ?? collected.length,
          suiteVersion: suiteVersion(),
          node: process.version,
        },
      ),
      {
        selection,
        interrupted: interruptionOf(result),
        leftovers: journal && existsSync(journal) ? readJournal(journal).leftovers : [],
      },
    );
    const key = process.env.CONFORMANCE_SIGN_KEY;
    await writeReports(this.outputDir, report, key ? readSigningKey(key) : undefined);
    // `conformance run` writes into a fresh folder and swaps it in: name the folder the user will open.
    const shown = process.env.CONFORMANCE_OUTPUT_SHOWN ?? this.outputDir;
    if (this.options.summary !== false) process.stdout.write(renderConsole(report, shown));
    if (this.annotatesForGithub()) {
      for (const s of report.scenarios) {
        const line = githubAnnotation(s, report.provenance.source);
        if (line) process.stdout.write(`${line}\n`);
      }
    }
  }
}
