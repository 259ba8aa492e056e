// Runs Playwright in its own process group, so the whole tree (runner and
// workers) can be stopped together. SIGINT or SIGTERM to this process asks
// Playwright to stop (it interrupts the running tests; each worker gives its
// running clean-ups a bounded grace, then the reporter writes a report marked
// interrupted); a second signal, or the grace running out, kills the tree at once.
import { spawn, type StdioOptions } from 'node:child_process';

/** Past the workers' clean-up grace (10 s), how long Playwright may take to write its report before it is killed. */
const STOP_DEADLINE_MS = 20_000;

export interface PlaywrightExit {
  code: number;
  /** The signal that stopped the run, when one did. */
  signal?: NodeJS.Signals;
}

export interface PlaywrightOutput {
  /** `run --json`: stdout carries the report alone, so what Playwright prints there goes to this process's stderr. */
  stdoutToStderr?: boolean;
}

export function runPlaywright(
  args: string[],
  env: NodeJS.ProcessEnv,
  output: PlaywrightOutput = {},
): Promise<PlaywrightExit> {
  const cli = require.resolve('@playwright/test/cli');
  return new Promise((done, fail) => {
    // fd 2 as the child's stdout: it writes to our stderr itself, nothing passes through this process.
    const stdio: StdioOptions = output.stdoutToStderr ? ['inherit', 2, 'inherit'] : 'inherit';
    const child = spawn(process.execPath, ['--', cli, ...args], { stdio, env, detached: true });
    let received: NodeJS.Signals | undefined;
    let deadline: NodeJS.Timeout | undefined;
    const killTree = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const onSignal = (signal: NodeJS.Signals) => {
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
    };
    // If this process dies for any other reason, the run must not go on without it.
    const onExit = () => killTree('SIGKILL');
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', onExit);
    const settle = () => {
      clearTimeout(deadline);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('exit', onExit);
    };
    child.on('error', (e) => {
      settle();
      fail(e);
    });
    child.on('exit', (code, signal) => {
      settle();
      done({ code: code ?? (signal ? 128 + 9 : 1), ...(received ? { signal: received } : {}) });
    });
  });
}

/** The exit code a shell gives a process ended by this signal (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1;
}
