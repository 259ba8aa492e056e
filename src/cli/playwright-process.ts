// Runs Playwright in its own process group, so the whole tree (runner and
// workers) can be stopped together. SIGINT or SIGTERM to this process asks
// Playwright to stop (it interrupts the running tests; each worker gives its
// running clean-ups a bounded grace, then the reporter writes a report marked
// interrupted); a second signal, or the grace running out, kills the tree at once.
// Playwright can hang on a stop that lands while its workers are starting;
// when no scenario is running, there is nothing to wait for, and after a short
// while the tree is killed (the run's report then comes from its journal).
// Given a start condition, the runner holds before its first scenario until the
// condition says go (src/playwright/start-gate.ts); a no, or a signal before
// then, kills it at once: nothing ran, nothing needs a grace.
import { spawn, type StdioOptions } from 'node:child_process';
import type { Writable } from 'node:stream';
import { GO, START_GATE_VARIABLE } from '../playwright/start-gate';

/** Past the workers' clean-up grace (10 s), how long Playwright may take to write its report before it is killed. */
const STOP_DEADLINE_MS = 20_000;
/** With no scenario running, how long Playwright gets to stop by itself. */
const IDLE_STOP_MS = 2_000;

export interface PlaywrightExit {
  code: number;
  /** The signal that stopped the run, when one did. */
  signal?: NodeJS.Signals;
  /** False when it ended while holding for the start condition: no scenario ran. */
  started: boolean;
}

export interface PlaywrightOutput {
  /** `run --json`: stdout carries the report alone, so what Playwright prints there goes to this process's stderr. */
  stdoutToStderr?: boolean;
  /** Whether no scenario is running on the target (from the run's journal): a stop then has nothing to clean. */
  idle?: () => boolean;
  /** Playwright starts at once but runs no scenario until this is true; false ends it unstarted. */
  startWhen?: Promise<boolean>;
}

export async function runPlaywright(
  args: string[],
  env: NodeJS.ProcessEnv,
  output: PlaywrightOutput = {},
): Promise<PlaywrightExit> {
  // The gate is a pipe the runner reads as fd 3, which is POSIX's (the tests run on Linux). Elsewhere Playwright
  // starts once the condition is true, as before the gate.
  if (output.startWhen && process.platform === 'win32') {
    if (!(await output.startWhen)) return { code: 2, started: false };
    return runPlaywright(args, env, { ...output, startWhen: undefined });
  }
  const cli = require.resolve('@playwright/test/cli');
  return new Promise((done, fail) => {
    // fd 2 as the child's stdout: it writes to our stderr itself, nothing passes through this process.
    const stdio: StdioOptions = ['inherit', output.stdoutToStderr ? 2 : 'inherit', 'inherit'];
    if (output.startWhen) stdio.push('pipe');
    const child = spawn(process.execPath, ['--', cli, ...args], {
      stdio,
      env: output.startWhen ? { ...env, [START_GATE_VARIABLE]: '3' } : env,
      detached: true,
    });
    let started = !output.startWhen;
    let ended = false;
    let received: NodeJS.Signals | undefined;
    let deadline: NodeJS.Timeout | undefined;
    let idleWatch: NodeJS.Timeout | undefined;
    const killTree = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (!started) {
        received ??= signal;
        killTree('SIGKILL');
        return;
      }
      if (received) {
        process.stderr.write(`\nconformance: ${signal} again: stopping at once; the journal keeps what was created.\n`);
        killTree('SIGKILL');
        return;
      }
      received = signal;
      process.stderr.write(
        `\nconformance: ${signal}: stopping the run; running clean-ups get up to 10 s (send it again to stop at once).\n`,
      );
      // Playwright stops gracefully on SIGINT only; its workers ignore both and wait for the runner.
      killTree('SIGINT');
      deadline = setTimeout(() => killTree('SIGKILL'), STOP_DEADLINE_MS);
      const stoppedAt = Date.now();
      idleWatch = setInterval(() => {
        if (Date.now() - stoppedAt >= IDLE_STOP_MS && output.idle?.()) killTree('SIGKILL');
      }, 250);
    };
    // If this process dies for any other reason, the run must not go on without it.
    const onExit = () => killTree('SIGKILL');
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', onExit);
    const settle = () => {
      clearTimeout(deadline);
      clearInterval(idleWatch);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', onExit);
    };
    child.on('error', (e) => {
      settle();
      fail(e);
    });
    child.on('exit', (code, signal) => {
      ended = true;
      settle();
      done({ code: code ?? (signal ? 128 + 9 : 1), ...(received ? { signal: received } : {}), started });
    });
    if (output.startWhen) {
      const gate = child.stdio[3] as Writable;
      gate.on('error', () => undefined); // the runner is gone; its exit says why
      output.startWhen.then(
        (go) => {
          if (ended) return;
          if (go && !received) {
            started = true;
            gate.end(GO);
          } else killTree('SIGKILL');
        },
        () => killTree('SIGKILL'),
      );
    }
  });
}

/** The exit code a shell gives a process ended by this signal (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1;
}
