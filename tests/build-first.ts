// Global set-up of the suite's own tests: most of them run the built CLI
// (dist/src/cli.js), which refuses a build older than its sources. Rebuild
// then, so `npx playwright test tests/x.spec.ts` right after an edit tests the
// edit, not the last build (npm test builds first anyway).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { staleBuild } from '../src/cli/stale-build';
import { packageRoot } from '../src/support/paths';

export default function buildFirst(): void {
  const root = packageRoot();
  const stale = staleBuild(root);
  if (existsSync(join(root, 'dist', 'src', 'cli.js')) && !stale) return;
  process.stderr.write(`dist/ is older than ${stale?.changed[0] ?? 'its sources'}: running npm run build first\n`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
