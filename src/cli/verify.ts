// `conformance verify REPORT [--public-key FILE]`: a reviewer's check of a
// vendor's report.json, or of an output folder (its report.json and that its
// index.html embeds the same report). Exit 0 genuine and complete, 1 with
// every reason listed, 2 when the input cannot be read at all.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ConformanceReport } from '../report/model';
import { readPublicKey } from '../report/signature';
import { verifyReport } from '../report/verify';
import { loadCatalogueCached } from '../scenario/catalogue-cache';
import { scenariosDir } from '../support/paths';
import { UsageError, type Parsed } from './args';

export function verifyCommand(args: Parsed): number {
  if (args.positionals.length !== 1) throw new UsageError('verify takes one report.json or output folder');
  const target = resolve(args.positionals[0]);
  const folder = existsSync(target) && statSync(target).isDirectory();
  const file = folder ? join(target, 'report.json') : target;
  let report: ConformanceReport;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
  } catch (e) {
    process.stderr.write(`conformance verify: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const publicKey = args.options['public-key'] ? readPublicKey(resolve(args.options['public-key'])) : undefined;
  let html: string | undefined;
  if (folder) {
    try {
      html = readFileSync(join(target, 'index.html'), 'utf8');
    } catch {
      html = '';
    }
  }
  const catalogue = loadCatalogueCached(scenariosDir());
  const reasons = verifyReport({
    report,
    catalogue: { hash: catalogue.hash, ids: catalogue.scenarios.map((s) => s.id) },
    ...(html !== undefined ? { html } : {}),
    ...(publicKey ? { publicKey } : {}),
  });
  if (reasons.length) {
    process.stdout.write(`NOT VERIFIED: ${file}\n${reasons.map((r) => `  - ${r}\n`).join('')}`);
    return 1;
  }
  const signed = report.signature
    ? publicKey
      ? '; signature checked'
      : '; signed, but no --public-key given: signature not checked'
    : '; not signed';
  process.stdout.write(
    `VERIFIED: ${file}: ${report.verdict.toUpperCase()}, complete, scenario set ${report.provenance.scenarioSetHash}${signed}\n`,
  );
  return 0;
}
