// src/playwright/start-gate.ts: the runner Playwright starts under `conformance run` holds before its first
// scenario until the command says go on fd 3, and ends (exit 2) when the command closes the pipe without it.
// Real processes and a real pipe: the gate is dist's build of it, as the CLI's runner would meet it.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { packageRoot } from '../src/support/paths';

const gate = join(packageRoot(), 'dist', 'src', 'playwright', 'start-gate.js');
const script = `require(${JSON.stringify(gate)}).holdUntilGo();
console.log('past the gate; the variable is ' + (process.env.CONFORMANCE_START_GATE_FD ?? 'gone'));`;

function behindGate(withPipe: boolean) {
  const env = { ...process.env, ...(withPipe ? { CONFORMANCE_START_GATE_FD: '3' } : {}) };
  const child = spawn(process.execPath, ['-e', script], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', ...(withPipe ? (['pipe'] as const) : [])],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const ended = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stdout, stderr })),
  );
  return { pipe: child.stdio[3] as Writable | undefined, ended, said: () => stdout };
}

test('held until the command says go; the variable is gone for the workers', async () => {
  const runner = behindGate(true);
  await new Promise((r) => setTimeout(r, 300));
  expect(runner.said()).toBe('');
  runner.pipe!.end('go\n');
  const { code, stdout } = await runner.ended;
  expect(code).toBe(0);
  expect(stdout).toBe('past the gate; the variable is gone\n');
});

test('a pipe closed without go ends the runner with exit 2 and one line', async () => {
  for (const said of ['', 'no\n', 'go']) {
    const runner = behindGate(true);
    runner.pipe!.end(said);
    const { code, stdout, stderr } = await runner.ended;
    expect(code, JSON.stringify(said)).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('conformance: the command that started this run ended before it said go; nothing was run.\n');
  }
});

test('without the variable (plain `npx playwright test`, each worker) there is no gate', async () => {
  const { code, stdout } = await behindGate(false).ended;
  expect(code).toBe(0);
  expect(stdout).toBe('past the gate; the variable is gone\n');
});
