// `conformance merge BLOB_DIR [--output DIR]`: joins the blob reports of a
// sharded run into one report. Its exit code comes from the merged report,
// and a merge that misses a shard (not the whole catalogue) exits 1.
import { join, resolve } from 'node:path';
import { packageRoot } from '../support/paths';
import { UsageError, type Parsed } from './args';
import { readSigningKey } from '../report/signature';
import { exitFromReport } from './exit-code';
import { claimOutput } from './output';
import { runPlaywright, signalExitCode } from './playwright-process';

export async function mergeCommand(args: Parsed): Promise<number> {
  if (args.positionals.length !== 1) throw new UsageError('merge takes one folder of blob reports');
  const signKey = args.options['sign-key'] ? resolve(args.options['sign-key']) : undefined;
  if (signKey) readSigningKey(signKey); // a bad key is bad input (exit 2), before anything runs
  const out = claimOutput(resolve(args.options.output ?? 'conformance-report'), `merge${Date.now().toString(36)}`);
  try {
    const reporter = join(packageRoot(), 'reporters', 'conformance-reporter.ts');
    const exit = await runPlaywright(['merge-reports', '--reporter', reporter, resolve(args.positionals[0])], {
      ...process.env,
      CONFORMANCE_OUTPUT: out.work,
      CONFORMANCE_OUTPUT_SHOWN: out.dir,
      ...(signKey ? { CONFORMANCE_SIGN_KEY: signKey } : {}),
    });
    if (exit.signal) return signalExitCode(exit.signal);
    out.commit();
    return exitFromReport(join(out.dir, 'report.json'), exit.code, {
      requireComplete: true,
      strict: args.flags.has('strict'),
    });
  } finally {
    out.release();
  }
}
