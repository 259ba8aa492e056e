// `conformance verify` as a reviewer uses it on a vendor's output folder: a
// genuine, complete, signed report passes; every kind of tampering, a partial
// run, another key and an unreadable report are caught, each with its reason.
import { test, expect } from '@playwright/test';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport } from '../src/report/build';
import type { ConformanceReport } from '../src/report/model';
import { writeReports } from '../src/report/write-reports';
import { startReference } from '../reference/server';
import { runCli, writeProfile } from './fixtures/run-cli';

function keyPair(dir: string, name: string): { key: string; pub: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(dir, { recursive: true });
  const key = join(dir, `${name}.pem`);
  const pub = join(dir, `${name}.pub.pem`);
  writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { key, pub };
}

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ConformanceReport;
/** A copy of an output folder with its report.json edited (index.html left as it was, as a forger might). */
function tampered(from: string, to: string, edit: (r: ConformanceReport) => void): string {
  cpSync(from, to, { recursive: true });
  const r = readReport(to);
  edit(r);
  writeFileSync(join(to, 'report.json'), JSON.stringify(r, null, 2));
  return to;
}

test('a genuine signed run verifies; tampering, another key and a partial run do not', async ({}, testInfo) => {
  const keys = keyPair(testInfo.outputPath('keys'), 'vendor');
  const other = keyPair(testInfo.outputPath('keys'), 'other');
  const ref = await startReference({ mutations: ['create-200'] });
  try {
    const profile = testInfo.outputPath('target.env');
    writeProfile(profile, ref.profile);
    const genuine = testInfo.outputPath('genuine');
    const run = await runCli(['run', '--profile', profile, '--output', genuine, '--sign-key', keys.key]);
    expect(run.code, run.stdout).toBe(1); // the mutant fails two 201 scenarios: a genuine FAIL

    const ok = await runCli(['verify', genuine, '--public-key', keys.pub]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('VERIFIED');
    expect(ok.stdout).toContain('signature checked');

    const verify = async (dir: string, key = keys.pub) => {
      const r = await runCli(['verify', dir, '--public-key', key]);
      expect(r.code, r.stdout).toBe(1);
      return r.stdout;
    };
    const failedId = '201-create-product';

    await test.step('a scenario flipped from failed to passed', async () => {
      const out = await verify(
        tampered(genuine, testInfo.outputPath('flip'), (r) => {
          const s = r.scenarios.find((x) => x.id === failedId)!;
          s.status = 'passed';
          delete s.reason;
        }),
      );
      expect(out).toContain(`scenario ${failedId}: status passed, but its run failed`);
      expect(out).toContain('totals does not follow from the scenarios');
      expect(out).toContain('index.html shows a different report');
      expect(out).toContain('it was changed after signing');
    });

    await test.step('a thorough forgery: every derived field and the HTML made consistent, only the signature tells', async () => {
      const dir = tampered(genuine, testInfo.outputPath('forged'), (r) => {
        for (const s of r.scenarios.filter((x) => x.status === 'failed')) {
          s.status = 'passed';
          delete s.reason;
          s.run!.status = 'passed';
          delete s.run!.reason;
          for (const c of s.run!.checks) {
            c.outcome = 'passed';
            delete c.message;
          }
        }
      });
      // Recompute the derived fields as the suite would, and re-render every file from the forged model.
      const forged = readReport(dir);
      const rebuilt = buildReport(forged.scenarios, forged.provenance, {
        selection: forged.completeness.selection,
        leftovers: forged.leftovers,
      });
      await writeReports(dir, { ...rebuilt, ...(forged.signature ? { signature: forged.signature } : {}) });
      const out = await verify(dir);
      expect(out.trim().split('\n')).toEqual([
        expect.stringContaining('NOT VERIFIED'),
        '  - the signature does not match the report: it was changed after signing',
      ]);
    });

    await test.step('a count edited', async () => {
      const out = await verify(tampered(genuine, testInfo.outputPath('count'), (r) => (r.totals.failed = 0)));
      expect(out).toContain('totals does not follow from the scenarios');
    });

    await test.step('the scenario-set hash edited', async () => {
      const out = await verify(
        tampered(genuine, testInfo.outputPath('hash'), (r) => (r.provenance.scenarioSetHash = 'f'.repeat(64))),
      );
      expect(out).toContain("is not this installed suite's");
    });

    await test.step('signed by another key', async () => {
      const out = await verify(genuine, other.pub);
      expect(out).toContain('the report was signed by another key');
    });

    await test.step('a partial run', async () => {
      const partial = testInfo.outputPath('partial');
      const r = await runCli([
        'run',
        '--profile',
        profile,
        '--output',
        partial,
        '--sign-key',
        keys.key,
        '--',
        '--grep',
        '@4xx',
      ]);
      expect(r.code, r.stdout).toBe(0);
      const out = await verify(partial);
      expect(out).toContain('the run is partial (95 scenario(s) not run)');
    });

    await test.step('unreadable input is exit 2', async () => {
      writeFileSync(testInfo.outputPath('garbage.json'), '{ not json');
      expect((await runCli(['verify', testInfo.outputPath('garbage.json')])).code).toBe(2);
      expect((await runCli(['verify', testInfo.outputPath('nope')])).code).toBe(2);
    });
  } finally {
    await ref.close();
  }
});

test('a bad signing key is bad input: exit 2 before anything runs', async ({}, testInfo) => {
  const bad = testInfo.outputPath('bad.pem');
  writeFileSync(bad, 'not a key');
  const r = await runCli(['run', '--sign-key', bad, '--output', testInfo.outputPath('out')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('is not a PEM private key');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const rsa = testInfo.outputPath('rsa.pem');
  writeFileSync(rsa, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const r2 = await runCli(['run', '--sign-key', rsa, '--output', testInfo.outputPath('out')]);
  expect(r2.code).toBe(2);
  expect(r2.stderr).toContain('is a rsa key; reports are signed with Ed25519');
});
