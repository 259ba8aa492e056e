// The test TLS material the reference target ships under reference/tls/,
// found from the package root so it works from source and from dist/ alike.
import { join } from 'node:path';
import { packageRoot } from '../src/support/paths';

/** Absolute path of a file under reference/tls/. */
export function tlsFile(name: 'ca.pem' | 'server.pem' | 'server-key.pem'): string {
  return join(packageRoot(), 'reference', 'tls', name);
}
