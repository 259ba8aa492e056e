// Secrets never leave the engine, end to end: against a target that echoes
// every credential back (a header, JSON error bodies, a failed scenario), no
// token, password or Basic credential may appear in any file the run leaves
// in its output folder, nor in what the CLI prints.
import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FAILED_SCENARIO, runAgainstHostileProxy } from './fixtures/hostile-proxy';
import { runCli } from './fixtures/run-cli';

/** Computed here, not with the engine's secretsOf: the test must not share the code it checks. */
function secretsOfProfile(p: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(p)) if (/_(TOKEN|PASSWORD)$/.test(k) && v) out.set(k, v);
  out.set('Basic credentials', Buffer.from(`${p.TARGET_LEGACY_USER}:${p.TARGET_LEGACY_PASSWORD}`).toString('base64'));
  return out;
}

/** "where: NAME" for every secret found in the text, raw or URL-encoded (base64 has + / =). */
function leaksIn(where: string, content: Buffer | string, secrets: Map<string, string>): string[] {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  const hits: string[] = [];
  for (const [name, value] of secrets) {
    if ([value, encodeURIComponent(value)].some((v) => buf.includes(v))) hits.push(`${where}: ${name}`);
  }
  return hits;
}

/** Every file under dir, whatever its kind, with the secrets found in it. */
function scanTree(dir: string, secrets: Map<string, string>): { files: string[]; hits: string[] } {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  return {
    files: files.map((f) => relative(dir, f)),
    hits: files.flatMap((f) => leaksIn(relative(dir, f), readFileSync(f), secrets)),
  };
}

test('no secret reaches the report files, test results or CLI output, even when the target echoes them', async ({}, testInfo) => {
  const run = await runAgainstHostileProxy(testInfo.outputPath());
  const secrets = secretsOfProfile(run.profile);
  // Every variable of the contract that holds a secret, so none is left out of the check.
  expect([...secrets.keys()].sort()).toEqual([
    'Basic credentials',
    'TARGET_AUTH_TOKEN',
    'TARGET_CATEGORY_LIMITED_TOKEN',
    'TARGET_FAULT_TOKEN',
    'TARGET_LEGACY_PASSWORD',
    'TARGET_MAINTENANCE_TOKEN',
    'TARGET_PLAN_LIMITED_TOKEN',
    'TARGET_RATE_LIMITED_TOKEN',
    'TARGET_READONLY_TOKEN',
  ]);

  await test.step('the run failed only through the hostile answer and wrote its report', async () => {
    expect(run.code, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(1);
    const report = JSON.parse(readFileSync(join(run.out, 'report.json'), 'utf8'));
    const failed = report.scenarios
      .filter((s: { status: string }) => s.status === 'failed' || s.status === 'errored')
      .map((s: { id: string }) => s.id);
    expect(failed).toEqual([FAILED_SCENARIO]);
  });

  await test.step('every secret travelled to the target', async () => {
    for (const [name, value] of secrets) expect(run.seen.tokens.has(value), `${name} was never sent`).toBe(true);
  });

  await test.step('no secret in any file of the output folder', async () => {
    const { files, hits } = scanTree(run.out, secrets);
    expect(files).toEqual(expect.arrayContaining(['report.json', 'index.html', 'junit.xml', 'summary.md']));
    expect(files.some((f) => f.startsWith('test-results'))).toBe(true);
    await testInfo.attach('scanned-files', { body: files.join('\n'), contentType: 'text/plain' });
    expect.soft(hits).toEqual([]);
  });

  await test.step('no secret in the CLI output', async () => {
    expect(run.stdout).toContain(FAILED_SCENARIO);
    expect.soft([...leaksIn('stdout', run.stdout, secrets), ...leaksIn('stderr', run.stderr, secrets)]).toEqual([]);
  });

  await test.step('the echoes reached the report masked', async () => {
    // The 401 scenarios' made-up tokens are no secrets and stay as sent.
    const report = JSON.parse(readFileSync(join(run.out, 'report.json'), 'utf8'));
    const echoes: string[] = report.scenarios.flatMap((s: any) =>
      (s.run?.transcript ?? []).map((x: any) => x.response?.headers?.['x-echo-token']).filter(Boolean),
    );
    expect(echoes.filter((e) => e.includes('[REDACTED]')).length).toBeGreaterThan(20);
  });

  await test.step('the scan finds a secret that did leak', async () => {
    // Each secret planted into a copy of report.json where a mask was: every one must be found.
    let text = readFileSync(join(run.out, 'report.json'), 'utf8');
    for (const value of secrets.values()) text = text.replace('[REDACTED]', value);
    const planted = testInfo.outputPath('planted');
    mkdirSync(planted, { recursive: true });
    writeFileSync(join(planted, 'report.json'), text);
    expect(scanTree(planted, secrets).hits.sort()).toEqual([...secrets.keys()].map((k) => `report.json: ${k}`).sort());
  });
});

test('credentials in a base URL are refused before anything runs, and neither user nor password is printed', async ({}, testInfo) => {
  const user = 'url-user-5150';
  const password = 'url-pass/7781';
  const file = testInfo.outputPath('creds.env');
  writeFileSync(
    file,
    `TARGET_BASE_URL=https://${user}:${encodeURIComponent(password)}@127.0.0.1:1/stores/x\n` +
      `TARGET_FAULT_BASE_URL=http://${user}@127.0.0.1:1/stores/f\n`,
  );
  const out = testInfo.outputPath('out');
  const r = await runCli(['run', '--env-file', file, '--output', out, '--', '--grep', '404-product-missing']);
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).toContain('TARGET_BASE_URL holds credentials (user:password@)');
  expect(r.stderr).toContain('TARGET_FAULT_BASE_URL holds credentials');
  expect(r.stderr).toMatch(/TARGET_AUTH_TOKEN.*TARGET_LEGACY_USER/);
  const printed = r.stdout + r.stderr;
  for (const s of [user, password, encodeURIComponent(password)]) expect(printed, s).not.toContain(s);
  expect(existsSync(out)).toBe(false);
});
