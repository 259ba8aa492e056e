// The GitHub Actions kit (docs/ci.md) as a workflow runs it: the very script
// action.yml and the example workflows call, with the variables a runner sets
// (GITHUB_ACTIONS, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP), against
// real reference targets on loopback; and the YAML of the action and the
// workflows checked against the repository, so the docs cannot drift.
import { test, expect } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ConformanceReport } from '../src/report/model';
import { formatProfile } from '../src/profile/profile-file';
import { loadCatalogue } from '../src/scenario/load';
import { packageRoot, scenariosDir } from '../src/support/paths';
import { startReference } from '../reference/server';
import { writeProfile } from './fixtures/run-cli';

const root = packageRoot();
const SCRIPT = 'scripts/ci/run-conformance.sh';
const scriptText = readFileSync(join(root, SCRIPT), 'utf8');
const CATALOGUE_SIZE = loadCatalogue(scenariosDir()).scenarios.length;

/** The variables the script reads: a developer's own must not leak into a test. */
const INPUTS = /^(TARGET_|GITHUB_|RUNNER_|CONFORMANCE_(MODE|PROFILE|ENV_FILE|REFERENCE|OUTPUT|SHARD|BLOB_DIR|ARGS)$)/;

interface Job {
  /** The job's workspace: the working directory, as GITHUB_WORKSPACE. */
  ws: string;
  summary: string;
  outputs: string;
  runnerTemp: string;
}

/** A fresh job: a workspace, the runner's temp folder, and the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY name. */
function newJob(name: string): Job {
  const dir = test.info().outputPath(name);
  const job = {
    ws: join(dir, 'workspace'),
    summary: join(dir, 'step-summary.md'),
    outputs: join(dir, 'github-output.txt'),
    runnerTemp: join(dir, 'runner-temp'),
  };
  mkdirSync(job.ws, { recursive: true });
  mkdirSync(job.runnerTemp);
  writeFileSync(job.summary, '## An earlier step\n\n');
  writeFileSync(job.outputs, '');
  return job;
}

interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the script as a runner's `run:` step does; `onStdout` sees the output as it comes (to send signals). */
function runScript(
  job: Job,
  env: Record<string, string>,
  args: string[] = [],
  onStdout?: (soFar: string, pid: number) => void,
): Promise<ScriptResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !INPUTS.test(k)));
  const child = spawn('bash', [join(root, SCRIPT), ...args], {
    cwd: job.ws,
    env: {
      ...base,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: job.ws,
      GITHUB_OUTPUT: job.outputs,
      GITHUB_STEP_SUMMARY: job.summary,
      RUNNER_TEMP: job.runnerTemp,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own group: a test that times out takes Playwright and its workers with it
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    onStdout?.(stdout, child.pid!);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 100_000);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? 128 + (signal === 'SIGKILL' ? 9 : 1), stdout, stderr });
    });
  });
}

/** GITHUB_OUTPUT's `name=value` lines; a later line wins, as on a runner. */
function outputsOf(job: Job): Record<string, string> {
  const lines = readFileSync(job.outputs, 'utf8').split('\n').filter(Boolean);
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ConformanceReport;
const ranIn = (r: ConformanceReport) => r.scenarios.filter((s) => s.status !== 'notRun').length;

/** What the step wrote after the earlier step's part of the job summary. */
function appendedSummary(job: Job): string {
  const text = readFileSync(job.summary, 'utf8');
  expect(text.startsWith('## An earlier step\n\n'), 'appended, never overwritten').toBe(true);
  return text.slice('## An earlier step\n\n'.length);
}

/** Serves a reference target (with mutations) while `body` runs. */
async function withReference<T>(
  mutations: string[],
  body: (profile: Record<string, string>) => Promise<T>,
): Promise<T> {
  const ref = await startReference({ mutations });
  try {
    return await body(ref.profile);
  } finally {
    await ref.close();
  }
}

test('a conforming target: lint, the whole catalogue, exit 0, the summary appended and the outputs written', async () => {
  await withReference([], async (profile) => {
    const job = newJob('pass');
    writeProfile(join(job.ws, 'ci', 'staging.env'), profile);
    const r = await runScript(job, { CONFORMANCE_ENV_FILE: 'ci/staging.env' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/scenario file\(s\) OK\ncatalogue .*scenario set sha256 [0-9a-f]{64}/); // linted first
    expect(r.stderr).toContain('conformance-ci: verdict PASS, exit code 0, report in conformance-report');
    const out = join(job.ws, 'conformance-report');
    expect(outputsOf(job)).toEqual({ verdict: 'PASS', 'exit-code': '0', 'report-dir': out });
    const report = readReport(out);
    expect(report).toMatchObject({ verdict: 'pass', completeness: { complete: true } });
    expect(report.totals).toMatchObject({ total: CATALOGUE_SIZE, passed: CATALOGUE_SIZE });
    expect(appendedSummary(job)).toBe(readFileSync(join(out, 'summary.md'), 'utf8'));
  });
});

test('a mutant from a secret profile: exit 1, verdict FAIL, the secret in no output and its file removed', async () => {
  await withReference(['create-200'], async (profile) => {
    const job = newJob('fail');
    // The workspace is a checkout of this repository, as in the example workflow: annotations name the YAML.
    const r = await runScript(job, {
      CONFORMANCE_PROFILE: formatProfile(profile),
      CONFORMANCE_ARGS: '-- --grep @2xx',
      GITHUB_WORKSPACE: root,
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^::error file=scenarios\/2xx\/[\w-]+\.yaml,line=\d+,title=201 201-create-product::/m);
    expect(outputsOf(job)).toMatchObject({ verdict: 'FAIL', 'exit-code': '1' });
    expect(r.stdout).toMatch(/FAILED\s+201-create-product \(must\): status 200, expected 201/);
    const summary = appendedSummary(job);
    expect(summary).toContain('201-create-product');
    expect(summary).toMatch(/fail/i);
    expect(
      readReport(join(job.ws, 'conformance-report')).scenarios.find((s) => s.id === '201-create-product'),
    ).toMatchObject({ status: 'failed' });
    const secrets = Object.entries(profile).filter(([k]) => /_(TOKEN|PASSWORD)$/.test(k));
    expect(secrets.length).toBeGreaterThan(3);
    const seen = [r.stdout, r.stderr, summary, readFileSync(job.outputs, 'utf8')].join('\n');
    for (const [name, value] of secrets) expect(seen.includes(value), `${name}'s value is shown`).toBe(false);
    expect(readdirSync(job.runnerTemp), 'the profile file is removed').toEqual([]);
  });
});

test('two shards in two jobs, then a merge job: the merged report has every scenario; a missing shard fails the merge', async () => {
  await withReference([], async (profile) => {
    const collected = newJob('merge');
    const blobs = join(collected.ws, 'all-blob-reports');
    mkdirSync(blobs);
    for (const shard of ['1/2', '2/2']) {
      const job = newJob(`shard-${shard[0]}`);
      const r = await runScript(job, { CONFORMANCE_PROFILE: formatProfile(profile), CONFORMANCE_SHARD: shard });
      expect(r.code, r.stderr).toBe(0);
      const outputs = outputsOf(job);
      expect(outputs).toMatchObject({ verdict: 'PARTIAL', 'exit-code': '0', 'blob-dir': join(job.ws, 'blob-report') });
      expect(readReport(outputs['report-dir']).completeness).toMatchObject({ selection: [`--shard=${shard}`] });
      expect(appendedSummary(job), 'only the merge publishes a summary').toBe('');
      // What upload-artifact and download-artifact (merge-multiple) do between the jobs.
      for (const f of readdirSync(outputs['blob-dir'])) copyFileSync(join(outputs['blob-dir'], f), join(blobs, f));
    }
    expect(readdirSync(blobs)).toHaveLength(2);

    const m = await runScript(collected, { CONFORMANCE_BLOB_DIR: 'all-blob-reports' }, ['merge']);
    expect(m.code, m.stderr).toBe(0);
    const out = join(collected.ws, 'conformance-report');
    expect(outputsOf(collected)).toEqual({ verdict: 'PASS', 'exit-code': '0', 'report-dir': out });
    const merged = readReport(out);
    expect(merged.completeness.complete).toBe(true);
    expect(ranIn(merged)).toBe(CATALOGUE_SIZE);
    expect(merged.totals.passed).toBe(CATALOGUE_SIZE);
    expect(appendedSummary(collected)).toBe(readFileSync(join(out, 'summary.md'), 'utf8'));

    // One shard's blob alone: the merge is not the whole catalogue, so the step fails.
    const lost = newJob('merge-one');
    mkdirSync(join(lost.ws, 'blobs'));
    const first = readdirSync(blobs).filter((f) => f.endsWith('.zip'))[0];
    copyFileSync(join(blobs, first), join(lost.ws, 'blobs', first));
    const one = await runScript(lost, { CONFORMANCE_BLOB_DIR: 'blobs' }, ['merge']);
    expect(one.code, one.stderr).toBe(1);
    expect(one.stderr).toMatch(/merged 1 of 2 shards; missing \d\/2/);
    expect(outputsOf(lost)).toMatchObject({ verdict: 'PARTIAL', 'exit-code': '1' });
  });
});

test('bad input exits 2 with a clear message, verdict ERROR, and never shows the secret', async () => {
  const secret = 'ci-kit-secret-7d1f0c9a2b';
  const cases: { what: string; env: Record<string, string>; message: RegExp; dotEnv?: string }[] = [
    {
      what: 'a malformed line',
      env: { CONFORMANCE_PROFILE: `TARGET_BASE_URL=https://127.0.0.1:9/stores/x\nTARGET_AUTH_TOKEN: ${secret}\n` },
      message:
        /conformance-profile\.\w+:2: expected NAME=value; write TARGET_AUTH_TOKEN=… \(the line is not shown: it may hold a secret\)[\s\S]*CONFORMANCE_PROFILE's content in a temporary file/,
    },
    {
      what: 'credentials in a URL',
      env: { CONFORMANCE_PROFILE: `TARGET_BASE_URL=https://user:${secret}@127.0.0.1:9/stores/x\n` },
      message: /TARGET_BASE_URL holds credentials \(user:password@\)/,
    },
    {
      what: 'a profile file that is not there',
      env: { CONFORMANCE_ENV_FILE: 'ci/missing.env' },
      message: /cannot read the target profile ci\/missing\.env: ENOENT/,
    },
    {
      what: 'no target at all (an empty secret, as a pull request from a fork gets)',
      env: { CONFORMANCE_PROFILE: '' },
      message: /no target: set CONFORMANCE_PROFILE .*as for a pull request from a fork.*CONFORMANCE_REFERENCE=1/,
    },
    {
      what: "another tool's ./.env (no TARGET_* variable) and nothing else",
      env: {},
      dotEnv: `DATABASE_URL=postgres://app:${secret}@localhost/app\n`,
      message: /no target: set CONFORMANCE_PROFILE/,
    },
    {
      what: 'both a profile and a profile file',
      env: { CONFORMANCE_PROFILE: `TARGET_AUTH_TOKEN=${secret}`, CONFORMANCE_ENV_FILE: 'x.env' },
      message: /give CONFORMANCE_PROFILE \(the profile's content\) or CONFORMANCE_ENV_FILE \(its path\), not both/,
    },
    {
      what: 'a shard past the count',
      env: { CONFORMANCE_REFERENCE: '1', CONFORMANCE_SHARD: '3/2' },
      message: /CONFORMANCE_SHARD=3\/2: write N\/M with 1 <= N <= M/,
    },
  ];
  for (const c of cases) {
    const job = newJob(c.what.replace(/\W+/g, '-'));
    if (c.dotEnv) writeFileSync(join(job.ws, '.env'), c.dotEnv);
    const r = await runScript(job, c.env);
    expect(r.code, `${c.what}: ${r.stderr}`).toBe(2);
    expect(r.stderr, c.what).toMatch(c.message);
    expect(outputsOf(job), c.what).toEqual({ verdict: 'ERROR', 'exit-code': '2' });
    const summary = appendedSummary(job);
    expect(summary, c.what).toBe('');
    for (const text of [r.stdout, r.stderr, summary, readFileSync(job.outputs, 'utf8')])
      expect(text.includes(secret), `${c.what}: the secret is shown`).toBe(false);
    expect(readdirSync(job.runnerTemp), c.what).toEqual([]);
    expect(existsSync(join(job.ws, 'conformance-report')), c.what).toBe(false);
  }
});

test('a cancelled job: SIGTERM to the script alone reaches the run, which exits 143 with its interrupted report published', async () => {
  await withReference([], async (profile) => {
    const job = newJob('cancelled');
    let sent = false;
    const r = await runScript(job, { CONFORMANCE_PROFILE: formatProfile(profile) }, [], (soFar, pid) => {
      // Once scenarios are running (a progress line), as a runner cancelling the job does: to the script alone.
      if (!sent && /^ +\d+\/\d+$/m.test(soFar)) {
        sent = true;
        process.kill(pid, 'SIGTERM');
      }
    });
    expect(sent, r.stdout).toBe(true);
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toContain('conformance: SIGTERM: stopping the run');
    const report = readReport(join(job.ws, 'conformance-report'));
    expect(report.completeness.interrupted).toBeTruthy();
    expect(report.verdict).not.toBe('pass');
    expect(outputsOf(job)).toMatchObject({ 'exit-code': '143', verdict: report.verdict.toUpperCase() });
    expect(appendedSummary(job)).toBe(readFileSync(join(job.ws, 'conformance-report', 'summary.md'), 'utf8'));
    expect(readdirSync(job.runnerTemp), 'the profile file is removed').toEqual([]);
  });
});

// ---- The YAML of the action and the example workflows, against the repository ----

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}
interface Workflow {
  jobs: Record<string, { needs?: string | string[]; steps: Step[] }>;
}

const readYaml = <T>(file: string): T => parse(readFileSync(join(root, file), 'utf8')) as T;
const action = readYaml<Action>('action.yml');
const WORKFLOWS = readdirSync(join(root, 'docs', 'ci'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => `docs/ci/${f}`);

const npmScripts = Object.keys(
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);
/** The CLI's commands, from its own usage text (dist/ is built before the tests run). */
const CLI_COMMANDS = [
  ...spawnSync(process.execPath, ['--', join(root, 'dist', 'src', 'cli.js'), 'help'], {
    encoding: 'utf8',
  }).stdout.matchAll(/^ {2}conformance (\w+)/gm),
].map((m) => m[1]);
/** The script's modes: the labels of its `case "$mode"`. */
const scriptModes = [...scriptText.matchAll(/^ {2}(\w+)\)/gm)].map((m) => m[1]);
/** The variables the script reads. */
const readsVariable = (name: string) => new RegExp(`\\$\\{?${name}\\b`).test(scriptText);
/** Outputs the script writes to GITHUB_OUTPUT. */
const scriptOutputs = new Set([...scriptText.matchAll(/set_output ([\w-]+) /g)].map((m) => m[1]));

/** Each command of a `run:` text that names a repository file, npm script or CLI command exists; the rest are listed. */
function unknownCommands(run: string, where: string): string[] {
  const problems: string[] = [];
  const text = run.replace(/\$\{\{[^}]*\}\}/g, 'X');
  const syntax = spawnSync('bash', ['-n'], { input: text, encoding: 'utf8' });
  if (syntax.status !== 0) problems.push(`${where}: not valid bash: ${syntax.stderr}`);
  for (const command of text
    .split(/\n|&&|;/)
    .map((c) => c.trim())
    .filter(Boolean)) {
    const words = command.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ''));
    const [first, second, third] = words;
    const script = first.replace(/^\$GITHUB_ACTION_PATH\//, '');
    if (first === 'npm' && second === 'ci') continue;
    if (first === 'npm' && (second === 'test' || (second === 'run' && npmScripts.includes(third)))) continue;
    if (first === 'npx' && second === 'conformance' && CLI_COMMANDS.includes(third)) continue;
    if (first === 'echo') continue;
    if (script === SCRIPT) {
      if (!(statSync(join(root, script)).mode & 0o111)) problems.push(`${where}: ${script} is not executable`);
      if (second !== undefined && !scriptModes.includes(second))
        problems.push(`${where}: ${script} has no mode ${second}`);
      continue;
    }
    problems.push(`${where}: "${command}" is neither the script, an npm script nor a conformance command`);
  }
  return problems;
}

test('action.yml: a composite action whose steps call the script and npm ci, with inputs and outputs the script knows', () => {
  expect(action.runs.using).toBe('composite');
  const problems: string[] = [];
  const used = JSON.stringify(action.runs.steps);
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.run === undefined) continue;
    expect(step.shell, `step ${i}`).toBe('bash');
    problems.push(...unknownCommands(step.run, `action.yml step ${step.name ?? i}`));
    for (const name of Object.keys(step.env ?? {}))
      if (!readsVariable(name)) problems.push(`action.yml sets ${name}, which ${SCRIPT} does not read`);
  }
  expect(problems).toEqual([]);
  // The check does see a command that is not there.
  const wrong = 'scripts/ci/missing.sh run\nnpm run no-such-script\nnpx conformance frobnicate';
  expect(unknownCommands(wrong, 'sample')).toHaveLength(3);
  expect(unknownCommands(`${SCRIPT} deploy`, 'sample')).toEqual([`sample: ${SCRIPT} has no mode deploy`]);
  const scriptStep = action.runs.steps.find((s) => s.run?.includes(SCRIPT))!;
  expect(scriptStep.id).toBe('conformance');
  // Inputs reach the script through env (never spliced into the script text), and every one is used.
  expect(scriptStep.run).not.toMatch(/\$\{\{/);
  for (const input of Object.keys(action.inputs)) expect(used, `input ${input} is unused`).toContain(`inputs.${input}`);
  for (const [name, output] of Object.entries(action.outputs)) {
    expect(output.value).toBe(`\${{ steps.conformance.outputs.${name} }}`);
    expect(scriptOutputs, `output ${name}`).toContain(name);
  }
  // docs/ci.md documents every input and output.
  const doc = readFileSync(join(root, 'docs', 'ci.md'), 'utf8');
  for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)])
    expect(doc, `docs/ci.md names ${name}`).toContain(`\`${name}\``);
});

test('the example workflows: every run step is the script, an npm script or a conformance command; action inputs and outputs exist', () => {
  expect(WORKFLOWS).toEqual(['docs/ci/github-actions-single.yml', 'docs/ci/github-actions.yml']);
  const problems: string[] = [];
  const seen = { script: 0, merge: 0, shard: 0, action: 0, junit: 0 };
  for (const file of WORKFLOWS) {
    const workflow = readYaml<Workflow>(file);
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      for (const need of [job.needs ?? []].flat())
        if (!workflow.jobs[need]) problems.push(`${file} ${jobName}: needs ${need}, which is no job`);
      const ids = new Set(job.steps.map((s) => s.id).filter(Boolean));
      for (const [i, step] of job.steps.entries()) {
        const where = `${file} ${jobName} step ${step.name ?? i}`;
        if (step.run !== undefined) {
          problems.push(...unknownCommands(step.run, where));
          if (step.run.includes(SCRIPT)) seen.script++;
          if (step.run.includes(`${SCRIPT} merge`)) seen.merge++;
        }
        for (const name of Object.keys(step.env ?? {})) {
          if (name.startsWith('CONFORMANCE_') && !readsVariable(name))
            problems.push(`${where}: sets ${name}, which ${SCRIPT} does not read`);
          if (name === 'CONFORMANCE_SHARD') seen.shard++;
        }
        if (step.uses === './') {
          seen.action++;
          for (const input of Object.keys(step.with ?? {}))
            if (!action.inputs[input]) problems.push(`${where}: action.yml has no input ${input}`);
        }
        if (step.uses?.startsWith('mikepenz/action-junit-report@')) {
          seen.junit++;
          if (!String(step.with?.report_paths).endsWith('/junit.xml')) problems.push(`${where}: not the junit.xml`);
        }
        // `steps.<id>.outputs.<name>`: a step of this job, and for the action one of its outputs.
        for (const m of JSON.stringify(step).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          if (!ids.has(m[1])) problems.push(`${where}: no step ${m[1]} in job ${jobName}`);
          else if (!action.outputs[m[2]]) problems.push(`${where}: action.yml has no output ${m[2]}`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
  // Each promised piece is there: the script, shards, their merge, the action, the JUnit check.
  expect(seen).toEqual({ script: 3, merge: 1, shard: 1, action: 1, junit: 2 });
});
