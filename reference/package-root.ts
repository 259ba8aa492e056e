// Files the reference target ships (TLS material) live beside its sources, but
// the code runs both from reference/*.ts (Playwright's transform) and from
// dist/reference/*.js, so paths are resolved from the package root instead.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Absolute path of a file under reference/tls/. */
export function tlsFile(name: 'ca.pem' | 'server.pem' | 'server-key.pem'): string {
  return join(packageRoot(), 'reference', 'tls', name);
}
