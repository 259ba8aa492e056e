// The last step of `npm run build`: marks dist/ as built from the sources as
// they are now, so the command can tell when they changed since (stale-build.ts).
import { writeBuildStamp } from '../src/cli/stale-build';
import { packageRoot } from '../src/support/paths';

writeBuildStamp(packageRoot());
