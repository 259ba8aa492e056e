// A full garbage collection on demand, for a process about to wait a long time with little left to hold.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Collects now, so that the heap (and with it the process's resident memory) shrinks before the wait. */
export function collectGarbage(): void {
  // `gc` is exposed to contexts created after the flag is set; the main context keeps no global for it.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
