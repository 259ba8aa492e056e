// `conformance run` starts Playwright while its pre-flight is still out on the
// network (against a distant target, several round trips), so that loading
// Playwright, the config and the spec files costs the run no time of its own.
// The runner holds here, before it lists or runs a scenario, until the command
// says go on a pipe it handed down; a failed pre-flight ends the runner here,
// before Playwright has printed a line.
import { closeSync, readSync } from 'node:fs';

/** Names the runner's file descriptor of the pipe; set by the command, for the runner only. */
export const START_GATE_VARIABLE = 'CONFORMANCE_START_GATE_FD';
export const GO = 'go\n';

/** Blocks until the command says go; ends the process (exit 2) when the command closes the pipe without it. */
export function holdUntilGo(env: NodeJS.ProcessEnv = process.env): void {
  if (!env[START_GATE_VARIABLE]) return;
  const fd = Number(env[START_GATE_VARIABLE]);
  // Each worker loads the config again; the variable must not make it wait too.
  delete env[START_GATE_VARIABLE];
  let said = '';
  try {
    // Node gives a child's extra stdio pipe a blocking end: each read waits for the command.
    const chunk = Buffer.alloc(64);
    for (let n; (n = readSync(fd, chunk)) > 0;) said += chunk.toString('utf8', 0, n);
    closeSync(fd);
  } catch {
    // A pipe that cannot be read says no more than a closed one.
  }
  if (said === GO) return;
  process.stderr.write('conformance: the command that started this run ended before it said go; nothing was run.\n');
  process.exit(2);
}
