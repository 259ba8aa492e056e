// Peer benchmark (not a test): this suite's CLI (`conformance run`) beside
// @stepci/runner 2.0.7 on the same generated catalogue of N stateless
// scenarios, a quarter each of: GET the product list → 200 + v3-list schema;
// GET a missing product → 404 + error-v3 schema; POST text/plain → 415 +
// error-v3 schema; GET with Accept: application/xml → 406 (status only, as the
// contract says).
//
// Fair how: both runners get the same target (started in this process, never
// measured), the same requests (headers, auth token and bodies built by one
// function) and the same checks (status, and the body against the very files
// of schemas/, as Step CI components with $refs between files inlined).
// Step CI verifies TLS as the suite does (rejectUnauthorized: true, the
// target's CA through NODE_EXTRA_CA_CERTS; its default is not to verify), runs
// through `run()` of @stepci/runner (its CLI sends telemetry) at its default
// concurrency (every test at once) unless --stepci-concurrency says otherwise;
// the suite at its defaults (a worker per core). Each run is checked before
// its numbers count: exit code and pass or fail count must be what the target
// calls for, N of N.
// Left unequal, as each runner is: Step CI opens a new TLS connection per
// request (an Agent per request, no session reuse) and compiles the schema of
// every step anew; the suite starts Playwright and its workers and writes four
// reports and a journal, where Step CI keeps its results in memory.
//
// Measured per run, over the child's whole process tree: wall time; CPU, user
// + sys of every descendant, from `times` of a `sh -c` wrapper (a process's
// children's times include their own waited-for children); peak RSS, the sum
// over the tree polled from /proc every 25 ms (shared pages count once per
// process, so a tree of several Node processes weighs more than its PSS), with
// each process's RSS at that peak, by role (command, runner, worker).
//
// Series: peers (suite vs Step CI per N), latency (target answering after
// 50 ms; 16 in flight: one worker × 16, two workers × 8; throughput over the
// wall, over Playwright's run, and over the scenario phase from the journal), failing (suite against a
// server that answers 200 {} to everything vs a passing run), unreachable
// (the bundled catalogue against a closed port: the pre-flight must end it).
// latency and failing use the smallest N.
// Usage: npm run bench:peers [-- --n 1000,5000 --runs 3 --series peers,latency,failing,unreachable
//        --stepci-concurrency K]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startReference, type RunningReference } from '../reference/server';
import { UsageError, parseArgs } from '../src/cli/args';
import { formatProfile } from '../src/profile/profile-file';
import type { ConformanceReport } from '../src/report/model';
import { packageRoot, schemasDir } from '../src/support/paths';

const STEPCI_VERSION = '2.0.7';
const STEPCI_DIR = join(tmpdir(), `conformance-bench-stepci-${STEPCI_VERSION}`);
const STEPCI_RUNNER = join(STEPCI_DIR, 'bench-runner.cjs');
const CLI = join(packageRoot(), 'dist', 'src', 'cli.js');
const SERIES = ['peers', 'latency', 'failing', 'unreachable'] as const;
type SeriesName = (typeof SERIES)[number];
const MB = 1024 * 1024;

// ---------------------------------------------------------------- options

interface Options {
  ns: number[];
  runs: number;
  series: Set<SeriesName>;
  stepciConcurrency?: number;
}

function parseOptions(argv: string[]): Options {
  const { options, positionals } = parseArgs(argv, ['n', 'runs', 'series', 'stepci-concurrency']);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const whole = (v: string, name: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes whole numbers from 1, not "${v}"`);
    return n;
  };
  const series = (options.series ?? SERIES.join(',')).split(',').map((s) => s.trim());
  const unknown = series.filter((s) => !(SERIES as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`unknown series ${unknown.join(', ')} (known: ${SERIES.join(', ')})`);
  return {
    ns: (options.n ?? '1000,5000').split(',').map((v) => whole(v, 'n')),
    runs: whole(options.runs ?? '3', 'runs'),
    series: new Set(series as SeriesName[]),
    stepciConcurrency: options['stepci-concurrency']
      ? whole(options['stepci-concurrency'], 'stepci-concurrency')
      : undefined,
  };
}

// ---------------------------------------------------------------- the catalogue, in both formats

/** One generated scenario: what is sent and what must come back, shared by both runners. */
interface Probe {
  id: string;
  title: string;
  code: number;
  doc: string;
  method: 'GET' | 'POST';
  path: string;
  /** Besides the defaults every suite request has (Accept: application/json, X-Auth-Token); lower-case. */
  headers: Record<string, string>;
  body?: string;
  /** A schema of schemas/ the body must match (none: status only). */
  schema?: string;
}

const KINDS: Array<(n: string) => Omit<Probe, 'id'> & { slug: string }> = [
  (n) => ({
    slug: 'list',
    title: `Bench ${n}: GET of the product list answers 200 with a list`,
    code: 200,
    doc: 'status-codes.md, 2xx Success, row 200 OK; TARGET-CONTRACT.md edition 2, row 200 ("GET of the collection")',
    method: 'GET',
    path: '/v3/catalog/products',
    headers: {},
    schema: 'v3-list',
  }),
  (n) => ({
    slug: 'missing',
    title: `Bench ${n}: GET of a product that does not exist answers 404 with an error body`,
    code: 404,
    doc: 'status-codes.md, 4xx Client Error, row 404 Not Found; TARGET-CONTRACT.md row 404 ("GET … of an id that does not exist")',
    method: 'GET',
    // Far above any id the reference hands out, and one per scenario.
    path: `/v3/catalog/products/${900_000_000 + Number(n)}`,
    headers: {},
    schema: 'error-v3',
  }),
  (n) => ({
    slug: 'text-plain',
    title: `Bench ${n}: POST of a product as text/plain answers 415 with an error body`,
    code: 415,
    doc: 'status-codes.md, 4xx Client Error, row 415 Unsupported Media Type; TARGET-CONTRACT.md row 415 ("Content-Type text/plain … on POST")',
    method: 'POST',
    path: '/v3/catalog/products',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ name: `bench-${n}`, type: 'physical', weight: 1, price: 10 }),
    schema: 'error-v3',
  }),
  (n) => ({
    slug: 'accept-xml',
    title: `Bench ${n}: GET of the product list accepting only XML answers 406`,
    code: 406,
    doc: 'status-codes.md, 4xx Client Error, row 406 Not Acceptable; TARGET-CONTRACT.md row 406 (only the status is checked)',
    method: 'GET',
    path: '/v3/catalog/products',
    headers: { accept: 'application/xml' },
  }),
];

/** N probes, the four kinds in turn. */
function probes(n: number): Probe[] {
  const width = String(n).length;
  return Array.from({ length: n }, (_, i) => {
    const num = String(i + 1).padStart(width, '0');
    const { slug, ...probe } = KINDS[i % KINDS.length](num);
    return { ...probe, id: `${probe.code}-bench-${slug}-${num}` };
  });
}

/** One scenario file per probe, in 2xx/ and 4xx/ as the bundled catalogue is laid out. */
function writeCatalogue(dir: string, list: Probe[]): void {
  for (const p of list) {
    const folder = join(dir, `${String(p.code)[0]}xx`);
    mkdirSync(folder, { recursive: true });
    const doc = {
      id: p.id,
      title: p.title,
      code: p.code,
      doc: p.doc,
      level: 'must',
      resource: 'products',
      requires: ['TARGET_BASE_URL', 'TARGET_AUTH_TOKEN'],
      request: {
        method: p.method,
        path: p.path,
        ...(Object.keys(p.headers).length ? { headers: p.headers } : {}),
        ...(p.body !== undefined ? { body: p.body } : {}),
      },
      expect: { status: p.code, ...(p.schema ? { body: { schema: p.schema } } : {}) },
    };
    writeFileSync(join(folder, `${p.id}.yaml`), stringify(doc));
  }
}

/** `conformance lint` must accept the catalogue before anything is timed. */
function lintCatalogue(dir: string, n: number): void {
  const res = spawnSync(process.execPath, ['--', CLI, 'lint'], {
    env: { ...process.env, CONFORMANCE_SCENARIOS: dir },
    encoding: 'utf8',
  });
  if (res.status !== 0 || !res.stdout.includes(`${n} scenario file(s) OK`))
    throw new Error(`the generated catalogue does not lint (exit ${res.status}):\n${res.stdout}${res.stderr}`);
}

/** The headers the suite puts on the wire for a probe (src/engine/request.ts): defaults, token, the probe's own. */
function wireHeaders(p: Probe, token: string): Record<string, string> {
  return { accept: 'application/json', 'x-auth-token': token, ...p.headers };
}

/**
 * A schema file of schemas/ as Step CI can use it: `$ref`s to other files inlined (its ajv knows only the workflow's
 * components), without `$id` (a file inlined twice would bring its id twice, which ajv refuses).
 */
function inlinedSchema(name: string, seen: string[] = []): Record<string, unknown> {
  if (seen.includes(name)) throw new Error(`circular $ref: ${[...seen, name].join(' → ')}`);
  const {
    $id: _id,
    $schema: _draft,
    ...schema
  } = JSON.parse(readFileSync(join(schemasDir(), `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const ref = (v as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.endsWith('.schema.json'))
      return inlinedSchema(ref.slice(0, -'.schema.json'.length), [...seen, name]);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return walk(schema) as Record<string, unknown>;
}

/** The same probes as a Step CI workflow: one test of one step each; schemas once, under components. */
function stepciWorkflow(list: Probe[], target: Target): object {
  const names = [...new Set(list.flatMap((p) => (p.schema ? [p.schema] : [])))];
  const tests = Object.fromEntries(
    list.map((p) => [
      p.id,
      {
        name: p.title,
        steps: [
          {
            name: p.id,
            http: {
              url: p.path,
              method: p.method,
              headers: wireHeaders(p, target.token),
              ...(p.body !== undefined ? { body: p.body } : {}),
              check: { status: p.code, ...(p.schema ? { schema: { $ref: `#/components/schemas/${p.schema}` } } : {}) },
            },
          },
        ],
      },
    ]),
  );
  return {
    version: '1.1',
    name: `conformance bench, ${list.length} scenarios`,
    // rejectUnauthorized: Step CI's default (false) would skip the certificate check the suite makes.
    config: { http: { baseURL: target.baseUrl, rejectUnauthorized: true } },
    components: { schemas: Object.fromEntries(names.map((n) => [n, inlinedSchema(n)])) },
    tests,
  };
}

// ---------------------------------------------------------------- Step CI, installed beside the suite

/** @stepci/runner in its own temp folder (never a dependency of the suite), and a runner script beside it. */
function ensureStepci(): void {
  const pkg = join(STEPCI_DIR, 'node_modules', '@stepci', 'runner', 'package.json');
  const installed = existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  if (installed !== STEPCI_VERSION) {
    process.stderr.write(`installing @stepci/runner@${STEPCI_VERSION} into ${STEPCI_DIR}\n`);
    const npm = spawnSync('npm', ['install', '--prefix', STEPCI_DIR, `@stepci/runner@${STEPCI_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (npm.status !== 0) throw new Error(`npm install of @stepci/runner@${STEPCI_VERSION} failed`);
  }
  // run() of the library, not the CLI (telemetry); one JSON line of counts, and the first failure to explain one.
  writeFileSync(
    STEPCI_RUNNER,
    `// Written by scripts/bench-peers.ts of the conformance suite: runs one Step CI workflow (JSON).
'use strict';
const { readFileSync } = require('node:fs');
const { run } = require('@stepci/runner');
const [file, concurrency] = process.argv.slice(2);
run(JSON.parse(readFileSync(file, 'utf8')), concurrency ? { concurrency: Number(concurrency) } : {}).then(
  ({ result }) => {
    const steps = result.tests.flatMap((t) => t.steps);
    const bad = steps.find((s) => !s.passed);
    console.log(JSON.stringify({
      total: result.tests.length,
      passed: result.tests.filter((t) => t.passed).length,
      durationMs: result.duration,
      errored: steps.filter((s) => s.errored).length,
      firstFailure: bad && {
        test: bad.testId,
        error: bad.errorMessage,
        failedChecks: Object.entries(bad.checks || {}).filter(([, c]) => c.passed === false).map(([k]) => k),
      },
    }));
  },
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
`,
  );
}

// ---------------------------------------------------------------- measuring a process tree

interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
  /** Peak proportional set size of the tree: shared pages split between the processes that share them. */
  peakPss: number;
  /** Each process's RSS at the peak of the tree's, by role: where the memory is. */
  atPeak: string;
  code: number;
  output: string;
}

const PAGE_SIZE = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' })) || 4096;
  } catch {
    return 4096;
  }
})();

/**
 * RSS of `root` and all its descendants. Only pids from `root` up are read: a descendant is started after its
 * ancestor, so (pid wrap-around aside) it has a higher pid, and the poll stays cheap beside the targets.
 */
function treeMemory(root: number): { rss: number; pss: number; parts: Array<{ role: string; rss: number }> } {
  const stats = new Map<number, { ppid: number; rss: number }>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid < root) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After "(comm)": state ppid … with rss the 24th field overall, the 22nd after the comm.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(pid, { ppid: Number(fields[1]), rss: Number(fields[21]) * PAGE_SIZE });
    } catch {
      // Ended between the listing and the read.
    }
  }
  let rss = 0;
  let pss = 0;
  const parts: Array<{ role: string; rss: number }> = [];
  const tree = new Set([root]);
  // Sorted by pid, a parent comes before its children: one pass finds the whole tree.
  for (const [pid, s] of [...stats].sort((a, b) => a[0] - b[0])) {
    if (pid !== root && !tree.has(s.ppid)) continue;
    tree.add(pid);
    rss += s.rss;
    pss += pssOf(pid);
    if (pid !== root) parts.push({ role: roleOf(pid), rss: s.rss }); // the root is the measuring shell
  }
  return { rss, pss, parts };
}

/** What a process of a run is, from its command line: the command, Playwright's runner or worker, Step CI. */
function roleOf(pid: number): string {
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // Ended meanwhile.
  }
  if (cmdline.includes('workerProcessEntry')) return 'worker';
  if (cmdline.includes('@playwright/test/cli')) return 'runner';
  if (cmdline.includes(CLI)) return 'command';
  return cmdline.split('\0')[0].split('/').pop() || 'process';
}

/** Pss from /proc/PID/smaps_rollup, in bytes (0 once the process is gone). */
function pssOf(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Runs `argv` under `sh -c`, whose `times` gives the CPU of the whole tree once every descendant was waited for. */
function measure(argv: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('sh', ['-c', '"$@" 3>&-; rc=$?; times >&3; exit $rc', 'sh', ...argv], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let times = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (times += d.toString()));
    let peakRss = 0;
    let peakPss = 0;
    let atPeak = '';
    const poll = setInterval(() => {
      const m = treeMemory(child.pid!);
      if (m.rss > peakRss) atPeak = m.parts.map((p) => `${p.role} ${mb(p.rss)}`).join(' + ');
      peakRss = Math.max(peakRss, m.rss);
      peakPss = Math.max(peakPss, m.pss);
    }, 25);
    child.on('error', (e) => (clearInterval(poll), reject(e)));
    child.on('close', (code) => {
      clearInterval(poll);
      const wallMs = performance.now() - started;
      // Second line of `times`: user and system time of the shell's children, e.g. "0m12.340000s 0m1.200000s".
      const children = times.trim().split('\n')[1] ?? '';
      const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      if (secs.length !== 2) return reject(new Error(`cannot read the CPU times from "${times}"`));
      resolve({ wallMs, cpuMs: (secs[0] + secs[1]) * 1000, peakRss, peakPss, atPeak, code: code ?? -1, output });
    });
  });
}

/** The environment of a measured process: no TARGET_ or CONFORMANCE_ settings and no proxy of the caller's. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(TARGET_|CONFORMANCE_)|^(https?|all|no)_proxy$/i.test(k)) delete env[k];
  return { ...env, ...extra };
}

// ---------------------------------------------------------------- targets

interface Target {
  name: string;
  baseUrl: string;
  token: string;
  /** The profile file handed to the suite. */
  profileFile: string;
  caFile?: string;
}

function targetFrom(name: string, profile: Record<string, string>, work: string): Target {
  const profileFile = join(work, `${name}.env`);
  writeFileSync(profileFile, formatProfile(profile, `bench-peers target: ${name}`));
  return {
    name,
    baseUrl: profile.TARGET_BASE_URL,
    token: profile.TARGET_AUTH_TOKEN,
    profileFile,
    caFile: profile.TARGET_TLS_CA_FILE,
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function shut(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Answers every request `200 {}`: each generated scenario fails, yet the pre-flight's authenticated read passes. */
async function startAllFailing(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' }).end('{}');
  });
  const port = await listen(server);
  return { origin: `http://127.0.0.1:${port}`, close: () => shut(server) };
}

/** A port that was just free: bound, then closed, so nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await shut(server);
  return port;
}

/** The only two variables the generated scenarios need, for the targets that are not the reference. */
const plainProfile = (origin: string) => ({ TARGET_BASE_URL: `${origin}/stores/main`, TARGET_AUTH_TOKEN: 'bench' });

// ---------------------------------------------------------------- one run of each runner

type Expect = 'pass' | 'fail';

/** First `started` to last `ended` entry of a run's journal, in ms (NaN without one). */
function journalSpan(file: string): number {
  if (!existsSync(file)) return NaN;
  const times = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"t":"started"') || l.includes('"t":"ended"'))
    .map((l) => Date.parse((JSON.parse(l) as { at: string }).at));
  return times.length ? Math.max(...times) - Math.min(...times) : NaN;
}

interface Run extends Measured {
  passed: number;
  failed: number;
  /** The runner's own account of its run, without process start-up: Playwright's run, or Step CI's run(). */
  inRunMs: number;
  /** The suite only: first scenario started to last scenario ended, from the run's journal (no start-up at all). */
  scenarioPhaseMs?: number;
}

class Bench {
  private readonly catalogues = new Map<number, { dir: string; probes: Probe[] }>();
  private readonly workflows = new Map<string, string>();
  private counter = 0;

  constructor(
    private readonly work: string,
    private readonly opts: Options,
  ) {}

  /** The catalogue of N scenarios, written and linted once. */
  catalogue(n: number): { dir: string; probes: Probe[] } {
    let c = this.catalogues.get(n);
    if (!c) {
      c = { dir: join(this.work, `catalogue-${n}`), probes: probes(n) };
      writeCatalogue(c.dir, c.probes);
      lintCatalogue(c.dir, n);
      this.catalogues.set(n, c);
    }
    return c;
  }

  /** `conformance run` on the catalogue of N; its report must say N passed (pass) or N failed (fail). */
  async suite(n: number, target: Target, expect: Expect, extra: Record<string, string> = {}): Promise<Run> {
    const out = join(this.work, `out-${++this.counter}`);
    const m = await measure(
      [process.execPath, '--', CLI, 'run', '--profile', target.profileFile, '--output', out],
      cleanEnv({ CONFORMANCE_SCENARIOS: this.catalogue(n).dir, ...extra }),
    );
    const reportFile = join(out, 'report.json');
    const report = existsSync(reportFile)
      ? (JSON.parse(readFileSync(reportFile, 'utf8')) as ConformanceReport)
      : undefined;
    const scenarioPhaseMs = journalSpan(join(out, 'journal.jsonl'));
    rmSync(out, { recursive: true, force: true });
    const t = report?.totals;
    const p = report?.provenance;
    const inRunMs = p ? Date.parse(p.finishedAt) - Date.parse(p.startedAt) : NaN;
    const run: Run = { ...m, passed: t?.passed ?? 0, failed: t?.failed ?? 0, inRunMs, scenarioPhaseMs };
    const ok =
      t?.total === n &&
      (expect === 'pass' ? m.code === 0 && t.passed === n : m.code === 1 && t.failed === n && t.passed === 0);
    if (!ok)
      throw new Error(
        `suite against ${target.name}, N=${n}: exit ${m.code}, totals ${JSON.stringify(t ?? 'no report')}; expected all ${expect}\n${tail(m.output)}`,
      );
    return run;
  }

  /** The Step CI workflow of N probes against a target, written once per target started. */
  private workflow(n: number, target: Target): string {
    const key = `${n} ${target.baseUrl} ${target.token}`;
    let file = this.workflows.get(key);
    if (!file) {
      file = join(this.work, `stepci-${target.name}-${n}-${++this.counter}.json`);
      writeFileSync(file, JSON.stringify(stepciWorkflow(this.catalogue(n).probes, target)));
      this.workflows.set(key, file);
    }
    return file;
  }

  /** Step CI on the same probes; it must report N passed (pass) or N failed with none errored (fail). */
  async stepci(n: number, target: Target, expect: Expect): Promise<Run> {
    const workflow = this.workflow(n, target);
    const conc = this.opts.stepciConcurrency;
    const m = await measure(
      [process.execPath, STEPCI_RUNNER, workflow, ...(conc ? [String(conc)] : [])],
      cleanEnv(target.caFile ? { NODE_EXTRA_CA_CERTS: target.caFile } : {}),
    );
    const line = m.output.trim().split('\n').pop() ?? '';
    let counts: { total: number; passed: number; errored: number; durationMs: number } | undefined;
    try {
      counts = JSON.parse(line) as typeof counts;
    } catch {
      counts = undefined;
    }
    const ok =
      m.code === 0 &&
      counts?.total === n &&
      (expect === 'pass' ? counts.passed === n : counts.passed === 0 && counts.errored === 0);
    if (!ok)
      throw new Error(
        `Step CI against ${target.name}, N=${n}: exit ${m.code}, expected all ${expect}\n${tail(m.output)}`,
      );
    return { ...m, passed: counts!.passed, failed: n - counts!.passed, inRunMs: counts!.durationMs };
  }
}

const tail = (text: string) => text.trim().split('\n').slice(-15).join('\n');

// ---------------------------------------------------------------- the series

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const lines = (text: string) => text.split('\n').filter((l) => l.trim()).length;

interface Medians {
  wallMs: number;
  cpuMs: number;
  peakRss: number;
  peakPss: number;
  inRunMs: number;
  scenarioPhaseMs: number;
}
const medians = (runs: Array<Measured & { inRunMs?: number; scenarioPhaseMs?: number }>): Medians => ({
  wallMs: median(runs.map((r) => r.wallMs)),
  cpuMs: median(runs.map((r) => r.cpuMs)),
  peakRss: median(runs.map((r) => r.peakRss)),
  peakPss: median(runs.map((r) => r.peakPss)),
  inRunMs: median(runs.map((r) => r.inRunMs ?? NaN)),
  scenarioPhaseMs: median(runs.map((r) => r.scenarioPhaseMs ?? NaN)),
});

function progress(label: string, r: Measured): void {
  process.stderr.write(
    `  ${label.padEnd(40)} wall ${secs(r.wallMs).padStart(8)}  cpu ${secs(r.cpuMs).padStart(8)}  rss ${mb(r.peakRss).padStart(7)}  pss ${mb(r.peakPss).padStart(7)}  exit ${r.code}\n`,
  );
}

async function withReference<T>(latencyMs: number, work: string, body: (t: Target) => Promise<T>): Promise<T> {
  const ref: RunningReference = await startReference({ latencyMs });
  try {
    return await body(targetFrom(latencyMs ? `reference-${latencyMs}ms` : 'reference', ref.profile, work));
  } finally {
    await ref.close();
  }
}

/** Where the memory of the run with the median peak is, process by process. */
function atMedianPeak(runs: Measured[]): string {
  const sorted = [...runs].sort((a, b) => a.peakRss - b.peakRss);
  return sorted[Math.floor(sorted.length / 2)].atPeak;
}

async function peersSeries(bench: Bench, opts: Options, work: string): Promise<void> {
  const rows: string[] = [];
  const breakdown: string[] = [];
  await withReference(0, work, async (target) => {
    for (const n of opts.ns) {
      bench.catalogue(n);
      const suite: Run[] = [];
      const stepci: Run[] = [];
      for (let r = 1; r <= opts.runs; r++) {
        suite.push(await bench.suite(n, target, 'pass'));
        progress(`peers N=${n} run ${r}: suite`, suite.at(-1)!);
        stepci.push(await bench.stepci(n, target, 'pass'));
        progress(`peers N=${n} run ${r}: Step CI`, stepci.at(-1)!);
      }
      const a = medians(suite);
      const b = medians(stepci);
      rows.push(
        `| ${n} | ${secs(a.wallMs)} | ${secs(b.wallMs)} | ${(a.wallMs / b.wallMs).toFixed(2)}× | ${secs(a.cpuMs)} | ${secs(b.cpuMs)} | ${mb(a.peakRss)} (${mb(a.peakPss)}) | ${mb(b.peakRss)} (${mb(b.peakPss)}) |`,
      );
      breakdown.push(`- N=${n}: suite ${atMedianPeak(suite)}; Step CI ${atMedianPeak(stepci)}`);
    }
  });
  console.log(`\n## peers: suite vs Step CI ${STEPCI_VERSION} against the reference (median of ${opts.runs})\n`);
  console.log(
    '| N | suite wall | Step CI wall | ratio | suite CPU | Step CI CPU | suite peak RSS (PSS) | Step CI peak RSS (PSS) |',
  );
  console.log('| --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const row of rows) console.log(row);
  console.log('\nEach process at the peak (RSS; shared pages count in every process that maps them):\n');
  for (const line of breakdown) console.log(line);
}

/** 16 requests in flight in all, spread two ways: one worker holding 16, or two workers holding 8 each. */
const LATENCY_LAYOUTS = [
  { name: '1 worker × 16 in flight', env: { CONFORMANCE_WORKERS: '1', CONFORMANCE_CONCURRENCY: '16' } },
  { name: '2 workers × 8 in flight', env: { CONFORMANCE_WORKERS: '2', CONFORMANCE_CONCURRENCY: '8' } },
];

async function latencySeries(bench: Bench, opts: Options, work: string): Promise<void> {
  const n = Math.min(...opts.ns);
  const latencyMs = 50;
  const target = (0.7 * 16) / (latencyMs / 1000);
  const suite: Run[][] = LATENCY_LAYOUTS.map(() => []);
  const stepci: Run[] = [];
  await withReference(latencyMs, work, async (t) => {
    bench.catalogue(n);
    for (let r = 1; r <= opts.runs; r++) {
      for (const [i, layout] of LATENCY_LAYOUTS.entries()) {
        suite[i].push(await bench.suite(n, t, 'pass', layout.env));
        progress(`latency N=${n} run ${r}: suite (${layout.name})`, suite[i].at(-1)!);
      }
      stepci.push(await bench.stepci(n, t, 'pass'));
      progress(`latency N=${n} run ${r}: Step CI`, stepci.at(-1)!);
    }
  });
  const rate = (ms: number) => n / (ms / 1000);
  const row = (name: string, m: Medians) =>
    console.log(
      `| ${name} | ${secs(m.wallMs)} | ${rate(m.wallMs).toFixed(0)} | ${secs(m.inRunMs)} | ${rate(m.inRunMs).toFixed(0)} | ${Number.isNaN(m.scenarioPhaseMs) ? '–' : `${rate(m.scenarioPhaseMs).toFixed(0)}`} | ${secs(m.cpuMs)} | ${mb(m.peakRss)} (${mb(m.peakPss)}) |`,
    );
  console.log(`\n## latency: N=${n}, every response ${latencyMs} ms late (median of ${opts.runs})\n`);
  console.log(
    '| runner | wall | scenarios/s (wall) | in run | scenarios/s (in run) | scenarios/s (scenario phase) | CPU | peak RSS (PSS) |',
  );
  console.log('| --- | --: | --: | --: | --: | --: | --: | --: |');
  LATENCY_LAYOUTS.forEach((layout, i) => row(`suite, ${layout.name}`, medians(suite[i])));
  row(`Step CI ${STEPCI_VERSION}`, medians(stepci));
  const verdict = (ms: number) => `${rate(ms).toFixed(0)}/s ${rate(ms) >= target ? 'met' : 'NOT met'}`;
  console.log(
    `\nsuite throughput, target ≥ 0.7 × 16 / ${latencyMs / 1000} s = ${target.toFixed(0)}/s; peak RSS ≤ 600 MB:`,
  );
  LATENCY_LAYOUTS.forEach((layout, i) => {
    const m = medians(suite[i]);
    console.log(
      `- ${layout.name}: over the wall time ${verdict(m.wallMs)}; in run (Playwright's run, no process start-up) ${verdict(m.inRunMs)}; over the scenario phase (first scenario started to last ended) ${verdict(m.scenarioPhaseMs)}; peak RSS ${mb(m.peakRss)} ${m.peakRss <= 600 * MB ? 'met' : 'NOT met'} (PSS ${mb(m.peakPss)})`,
    );
  });
}

async function failingSeries(bench: Bench, opts: Options, work: string): Promise<void> {
  const n = Math.min(...opts.ns);
  const server = await startAllFailing();
  const failingTarget = targetFrom('all-failing', plainProfile(server.origin), work);
  const failing: Run[] = [];
  const passing: Run[] = [];
  const stepci: Run[] = [];
  try {
    await withReference(0, work, async (ref) => {
      bench.catalogue(n);
      for (let r = 1; r <= opts.runs; r++) {
        failing.push(await bench.suite(n, failingTarget, 'fail'));
        progress(`failing N=${n} run ${r}: suite, all failing`, failing.at(-1)!);
        passing.push(await bench.suite(n, ref, 'pass'));
        progress(`failing N=${n} run ${r}: suite, passing`, passing.at(-1)!);
        // Not part of the ratio: proof that Step CI's checks do fail.
        stepci.push(await bench.stepci(n, failingTarget, 'fail'));
        progress(`failing N=${n} run ${r}: Step CI, all failing`, stepci.at(-1)!);
      }
    });
  } finally {
    await server.close();
  }
  const f = medians(failing);
  const p = medians(passing);
  const s = medians(stepci);
  const ratio = f.wallMs / p.wallMs;
  console.log(`\n## failing: N=${n}, a target answering 200 {} to everything (median of ${opts.runs})\n`);
  console.log('| run | wall | CPU | peak RSS | exit | console lines | passed / failed |');
  console.log('| --- | --: | --: | --: | --: | --: | --: |');
  const row = (name: string, m: Medians, runs: Run[]) => {
    const last = runs.at(-1)!;
    console.log(
      `| ${name} | ${secs(m.wallMs)} | ${secs(m.cpuMs)} | ${mb(m.peakRss)} | ${[...new Set(runs.map((r) => r.code))].join(', ')} | ${lines(last.output)} | ${last.passed} / ${last.failed} |`,
    );
  };
  row('suite, all failing', f, failing);
  row('suite, passing (reference)', p, passing);
  row(`Step CI ${STEPCI_VERSION}, all failing`, s, stepci);
  console.log(`\nwall failing / passing: ${ratio.toFixed(2)}×, target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
}

async function unreachableSeries(opts: Options, work: string): Promise<void> {
  const port = await closedPort();
  const target = targetFrom('closed-port', plainProfile(`http://127.0.0.1:${port}`), work);
  const runs: Measured[] = [];
  for (let r = 1; r <= opts.runs; r++) {
    const out = join(work, `out-unreachable-${r}`);
    // The bundled catalogue: what a vendor runs when the profile points nowhere.
    const m = await measure(
      [process.execPath, '--', CLI, 'run', '--profile', target.profileFile, '--output', out],
      cleanEnv({}),
    );
    rmSync(out, { recursive: true, force: true });
    if (m.code !== 2) throw new Error(`unreachable target: exit ${m.code}, expected 2\n${tail(m.output)}`);
    runs.push(m);
    progress(`unreachable run ${r}`, m);
  }
  const m = medians(runs);
  console.log(`\n## unreachable: the bundled catalogue against closed port ${port} (median of ${opts.runs})\n`);
  console.log(
    `exit ${[...new Set(runs.map((r) => r.code))].join(', ')} (expected 2), wall ${secs(m.wallMs)} (target < 3 s: ${m.wallMs < 3000 ? 'met' : 'NOT met'}), CPU ${secs(m.cpuMs)}, peak RSS ${mb(m.peakRss)}; it printed:\n`,
  );
  for (const line of runs.at(-1)!.output.trim().split('\n')) console.log(`    ${line}`);
}

// ---------------------------------------------------------------- main

function machine(): void {
  const pw = JSON.parse(
    readFileSync(join(packageRoot(), 'node_modules', '@playwright', 'test', 'package.json'), 'utf8'),
  ) as { version: string };
  console.log(`# Peer benchmark: conformance suite vs @stepci/runner ${STEPCI_VERSION}\n`);
  console.log(`- CPU: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores`);
  console.log(`- memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GB`);
  console.log(`- Node ${process.version}, Playwright ${pw.version}`);
  console.log(
    `- load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  machine();
  ensureStepci();
  const work = mkdtempSync(join(tmpdir(), 'conformance-bench-peers-'));
  try {
    const bench = new Bench(work, opts);
    if (opts.series.has('peers')) await peersSeries(bench, opts, work);
    if (opts.series.has('latency')) await latencySeries(bench, opts, work);
    if (opts.series.has('failing')) await failingSeries(bench, opts, work);
    if (opts.series.has('unreachable')) await unreachableSeries(opts, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof UsageError ? `bench-peers: ${e.message}` : e);
  process.exit(e instanceof UsageError ? 2 : 1);
});
