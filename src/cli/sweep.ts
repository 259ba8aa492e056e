// `conformance sweep [--profile FILE] [--run-id ID[,ID…]] [--dry-run]`: lists
// the objects conformance runs left on the target (names carrying the suite's
// prefix, of the given runs or of every run) and deletes them. Exit 0 when
// nothing prefixed is left; 1 when something is (or, with --dry-run, was found).
import { HttpClient } from '../engine/http';
import { prefixPattern, sweep, type Found } from '../engine/sweep';
import { checkProfile } from '../profile/profile-file';
import { terminalSafe } from '../support/text';
import { UsageError, type Parsed } from './args';
import { resolveProfile } from './profile-source';

export async function sweepCommand(args: Parsed): Promise<number> {
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const profile = resolveProfile(args.options.profile);
  if (!profile)
    throw new UsageError('sweep needs the target profile: --profile FILE (or TARGET_* variables, or ./.env)');
  checkProfile(profile.values, profile.source);
  const runIds = (args.options['run-id'] ?? '').split(',').filter(Boolean);
  const pattern = prefixPattern(runIds);
  const dryRun = args.flags.has('dry-run');
  const p = profile.values;
  const http = new HttpClient({
    caFile: p.TARGET_TLS_CA_FILE,
    insecure: /^(1|true|yes)$/i.test(p.TARGET_TLS_INSECURE ?? ''),
    timeoutMs: Number(process.env.CONFORMANCE_TIMEOUT_MS) || undefined,
  });
  const whose = runIds.length ? `of run ${runIds.join(', ')}` : 'of any conformance run';
  try {
    process.stdout.write(
      `Sweeping ${profile.source} for objects ${whose} (prefix ${pattern.source})${dryRun ? ', listing only' : ''}\n`,
    );
    const result = await sweep(http, p, pattern, { dryRun });
    const line = (verb: string) => (f: Found) =>
      `  ${verb} ${f.store} ${f.path} (${terminalSafe(f.mark).slice(0, 80)})\n`;
    for (const f of dryRun ? result.found : result.deleted)
      process.stdout.write(line(dryRun ? 'found  ' : 'deleted')(f));
    for (const problem of result.problems) {
      process.stderr.write(
        `conformance sweep: ${problem.store}${problem.family ? ` ${problem.family}` : ''}: ${problem.message}\n`,
      );
    }
    if (dryRun) {
      process.stdout.write(`${result.found.length} object(s) found; run again without --dry-run to delete them.\n`);
      return result.found.length || result.problems.length ? 1 : 0;
    }
    // What is left is what a second look still finds, not what the first pass believes it removed.
    const left = await sweep(http, p, pattern, { dryRun: true });
    for (const f of left.found) process.stdout.write(line('LEFT   ')(f));
    process.stdout.write(`${result.deleted.length} object(s) deleted; ${left.found.length} left.\n`);
    return left.found.length || result.problems.length || left.problems.length ? 1 : 0;
  } finally {
    await http.close();
  }
}
