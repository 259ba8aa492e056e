// A fixed request window that starts at the first request after the previous
// window ended (so a client that begins exhausting it gets a whole window).
// Monotonic clock: wall-clock jumps must not reset or stretch a window.
import { performance } from 'node:perf_hooks';

export interface WindowState {
  quota: number;
  windowMs: number;
  left: number;
  /** Milliseconds until the current window ends (a full window when none is running). */
  resetMs: number;
}

export class RateWindow {
  private start = Number.NEGATIVE_INFINITY;
  private used = 0;

  /** `neverResets`: once exhausted, stays exhausted (the `rate-limit-never-resets` mutant). */
  constructor(
    readonly quota: number,
    readonly windowMs: number,
    private readonly neverResets = false,
  ) {}

  /** Counts one request; false when the quota of the current window is spent. */
  take(now = performance.now()): boolean {
    if (this.expired(now)) {
      this.start = now;
      this.used = 0;
    }
    if (this.used >= this.quota) return false;
    this.used += 1;
    return true;
  }

  state(now = performance.now()): WindowState {
    const { quota, windowMs } = this;
    if (this.expired(now)) return { quota, windowMs, left: quota, resetMs: windowMs };
    const resetMs = Math.max(0, Math.ceil(this.start + windowMs - now));
    return { quota, windowMs, left: quota - this.used, resetMs };
  }

  private expired(now: number): boolean {
    if (this.neverResets && this.used >= this.quota) return false;
    return now - this.start >= this.windowMs;
  }
}
