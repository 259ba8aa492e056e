// Runs once in the Playwright runner before any worker starts. With no target
// profile it starts the bundled reference target and hands its profile to the
// workers through the environment (workers inherit it).
import type { FullConfig } from '@playwright/test';
import { startReference } from '../../reference/server';

export default async function globalSetup(_config: FullConfig): Promise<(() => Promise<void>) | void> {
  if (process.env.TARGET_BASE_URL) return;
  const reference = await startReference();
  for (const k of Object.keys(process.env)) if (k.startsWith('TARGET_')) delete process.env[k];
  Object.assign(process.env, reference.profile);
  process.env.CONFORMANCE_TARGET_KIND = 'reference';
  return () => reference.close();
}
