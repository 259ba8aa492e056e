// The suite's own tests (npm test): engine units, the catalogue against the
// reference target and its mutants, the CLI end to end, and the HTML report in
// a real Chromium. A stale build (dist/ older than its sources) is rebuilt first.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../src/support/browser';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  globalSetup: './build-first.ts',
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: '../test-results/junit.xml' }]] : 'list',
  outputDir: '../test-results/artifacts',
  use: {
    launchOptions: chromiumLaunchOptions(),
  },
});
