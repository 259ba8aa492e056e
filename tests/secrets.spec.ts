// Secrets never leave the engine, end to end: against a target that echoes
// every credential back (header values and names, JSON error bodies, a failed
// scenario; as sent, percent-encoded, JSON-escaped with \/, in base64), no
// token, password or Basic credential may appear in any form in any file the
// run leaves in its output folder, nor in what the CLI prints.
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

/** The forms an echoed secret may take, each as the proxy sends it. */
const ENCODINGS: Record<string, (v: string) => string> = {
  raw: (v) => v,
  percent: encodeURIComponent,
  'json \\/': (v) => JSON.stringify(v).slice(1, -1).replace(/\//g, '\\/'),
  base64: (v) => Buffer.from(v).toString('base64'),
  'header name': (v) => encodeURIComponent(v).toLowerCase(),
};

/** Every form a leak may take in a file: each encoding, lower-cased too, and as stored inside a JSON string. */
function leakForms(value: string): string[] {
  const cased = Object.values(ENCODINGS).flatMap((encode) => [encode(value), encode(value).toLowerCase()]);
  return [...new Set([...cased, ...cased.map((f) => JSON.stringify(f).slice(1, -1))])];
}

/** "where: NAME" for every secret found in the text, in any of its forms. */
function leaksIn(where: string, content: Buffer | string, secrets: Map<string, string>): string[] {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  const hits: string[] = [];
  for (const [name, value] of secrets)
    if (leakForms(value).some((f) => buf.includes(f))) hits.push(`${where}: ${name}`);
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

  await test.step('a secret holds a / and capitals, so escaping and lower-cased header names are put to the test', async () => {
    expect(run.profile.TARGET_LEGACY_PASSWORD).toMatch(/\/.*[A-Z]|[A-Z].*\//);
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
    const responses: { headers: Record<string, string>; body?: string }[] = report.scenarios.flatMap((s: any) =>
      (s.run?.transcript ?? []).map((x: any) => x.response).filter(Boolean),
    );
    const masked = (test: (r: (typeof responses)[number]) => boolean) => responses.filter(test).length;
    expect(masked((r) => r.headers['x-echo-token']?.includes('[REDACTED]'))).toBeGreaterThan(20);
    expect(masked((r) => r.headers['x-echo-encoded']?.includes('[REDACTED]'))).toBeGreaterThan(20);
    expect(masked((r) => Object.keys(r.headers).some((name) => name.includes('[REDACTED]')))).toBeGreaterThan(20);
    for (const field of ['echoEncoded', 'echoEscaped', 'echoBase64']) {
      const pattern = new RegExp(`"${field}":\\["[^"]*\\[REDACTED\\]`);
      expect(
        masked((r) => pattern.test(r.body ?? '')),
        field,
      ).toBeGreaterThan(5);
    }
  });

  await test.step('the scan finds a secret that did leak, in every form', async () => {
    // Each secret planted, in one form per copy, into report.json where a mask was: every one must be found.
    const original = readFileSync(join(run.out, 'report.json'), 'utf8');
    for (const [form, encode] of Object.entries(ENCODINGS)) {
      let text = original;
      for (const value of secrets.values()) text = text.replace('[REDACTED]', encode(value));
      const planted = testInfo.outputPath('planted', form.replace(/\W+/g, '-'));
      mkdirSync(planted, { recursive: true });
      writeFileSync(join(planted, 'report.json'), text);
      expect(scanTree(planted, secrets).hits.sort(), form).toEqual(
        [...secrets.keys()].map((k) => `report.json: ${k}`).sort(),
      );
    }
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
  const r = await runCli(['run', '--profile', file, '--output', out, '--', '--grep', '404-product-missing']);
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).toContain('TARGET_BASE_URL holds credentials (user:password@)');
  expect(r.stderr).toContain('TARGET_FAULT_BASE_URL holds credentials');
  expect(r.stderr).toMatch(/TARGET_AUTH_TOKEN.*TARGET_LEGACY_USER/);
  const printed = r.stdout + r.stderr;
  for (const s of [user, password, encodeURIComponent(password)]) expect(printed, s).not.toContain(s);
  expect(existsSync(out)).toBe(false);
});
