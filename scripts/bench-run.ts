// Benchmark of a conformance run (not a test): how long the whole catalogue
// takes against the reference target, through the engine alone (sequential and
// concurrent) and through the full CLI (Playwright start-up, workers, reports).
// Usage: npm run bench:run [-- repeats]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunContext, runScenario } from '../src/engine/run';
import { packageRoot, scenariosDir } from '../src/support/paths';
import { loadCatalogue } from '../src/scenario/load';
import type { Scenario } from '../src/scenario/types';
import { startReference } from '../reference/server';

const repeats = Number(process.argv[2]) || 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function engineRun(scenarios: Scenario[], concurrency: number): Promise<number> {
  const ref = await startReference();
  const ctx = createRunContext(ref.profile, `bench${Date.now().toString(36)}`);
  const started = performance.now();
  const queue = [...scenarios];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const v = await runScenario(s, ctx);
        if (v.status !== 'passed') throw new Error(`${s.id}: ${v.reason}`);
      }
    }),
  );
  const ms = performance.now() - started;
  await ctx.http.close();
  await ref.close();
  return ms;
}

function cliRun(): number {
  const out = mkdtempSync(join(tmpdir(), 'bench-run-'));
  const started = performance.now();
  const res = spawnSync(
    process.execPath,
    ['--', join(packageRoot(), 'dist', 'src', 'cli.js'), 'run', '--output', out],
    { stdio: 'ignore' },
  );
  const ms = performance.now() - started;
  rmSync(out, { recursive: true, force: true });
  if (res.status !== 0) throw new Error(`conformance run exited ${res.status}`);
  return ms;
}

async function main(): Promise<void> {
  const { scenarios } = loadCatalogue(scenariosDir());
  // The shared-limit stores need their scenarios in order; the rest may overlap.
  const rows: Array<[string, number[]]> = [
    ['engine, one at a time', []],
    ['engine, 4 at a time (main store only)', []],
    ['conformance run (CLI, default workers)', []],
  ];
  for (let i = 0; i < repeats; i++) {
    rows[0][1].push(await engineRun(scenarios, 1));
    rows[1][1].push(
      await engineRun(
        scenarios.filter((s) => !s.request.store || s.request.store === 'main'),
        4,
      ),
    );
    rows[2][1].push(cliRun());
  }
  console.log(`${scenarios.length} scenarios, ${repeats} runs each (median, min, max in ms)`);
  for (const [name, xs] of rows)
    console.log(
      `${name.padEnd(36)} ${median(xs).toFixed(0).padStart(7)} ${Math.min(...xs)
        .toFixed(0)
        .padStart(7)} ${Math.max(...xs)
        .toFixed(0)
        .padStart(7)}`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
