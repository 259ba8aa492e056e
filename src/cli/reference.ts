// `conformance reference --port P --http-port H --env-out FILE`: the reference
// target in the foreground, with a profile for itself written for other tools.
import { startReference } from '../../reference/server';
import { writeFileAtomic } from '../support/fs-atomic';
import { formatProfile } from '../profile/profile-file';
import { portOption, UsageError, type Parsed } from './args';

export async function referenceCommand(args: Parsed): Promise<number> {
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const port = portOption(args.options.port, 'port');
  const httpPort = portOption(args.options['http-port'], 'http-port');
  const ref = await startReference({ port, httpPort });
  const envOut = args.options['env-out'];
  if (envOut) {
    await writeFileAtomic(
      envOut,
      formatProfile(ref.profile, 'Target profile of the conformance reference target (test-only credentials).'),
    );
  }
  process.stdout.write(
    `reference target listening on ${ref.profile.TARGET_BASE_URL} (http: ${ref.profile.TARGET_HTTP_BASE_URL})${envOut ? `; profile written to ${envOut}` : ''}\n`,
  );
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await ref.close();
  return 0;
}
