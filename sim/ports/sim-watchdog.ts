// Simulated hardware watchdog: when the firmware stops kicking it, a registered handler "resets" the board.

import type { TimerHandle } from '../../hal/scheduler';
import type { Watchdog } from '../../hal/watchdog';
import type { SimScheduler } from '../sim-scheduler';

/**
 * A watchdog on simulated time. `enable` arms it; if `timeoutMs` passes without a `kick`, it
 * fires once, calls every `onExpire` handler (the composition root registers one to simulate the
 * reset) from a scheduler event, and disarms itself, as the reset it stands for would.
 *
 * Kicks allocate nothing: one deadline check is pending at a time and re-arms itself.
 */
export class SimWatchdog implements Watchdog {
  /** Kicks received so far. */
  kickCount = 0;
  /** Times the watchdog has fired. */
  expiredCount = 0;
  private readonly scheduler: SimScheduler;
  private armed = false;
  private timeoutMs = 0;
  private lastKickMs = 0;
  private pendingCheck: TimerHandle | null = null;
  private readonly handlers: ((nowMs: number) => void)[] = [];
  private readonly check: (nowMs: number) => void;

  constructor(scheduler: SimScheduler) {
    this.scheduler = scheduler;
    this.check = (nowMs: number) => {
      this.onCheck(nowMs);
    };
  }

  enable(timeoutMs: number): void {
    this.timeoutMs = timeoutMs;
    this.lastKickMs = this.scheduler.nowMs();
    this.armed = true;
    // A new timeout replaces the old deadline, earlier or later.
    if (this.pendingCheck !== null) this.pendingCheck.cancel();
    this.pendingCheck = null;
    this.schedule();
  }

  kick(): void {
    this.kickCount++;
    this.lastKickMs = this.scheduler.nowMs();
  }

  /** Register what a reset does (called with the time it fired). */
  onExpire(handler: (nowMs: number) => void): void {
    this.handlers.push(handler);
  }

  /** `true` between `enable` and expiry (or `disarm`). */
  isArmed(): boolean {
    return this.armed;
  }

  /** Stop watching, as a board reset does before the new firmware enables it again. */
  disarm(): void {
    this.armed = false;
    if (this.pendingCheck !== null) this.pendingCheck.cancel();
    this.pendingCheck = null;
  }

  private schedule(): void {
    if (this.pendingCheck !== null) return;
    this.pendingCheck = this.scheduler.at(this.lastKickMs + this.timeoutMs, this.check);
  }

  private onCheck(nowMs: number): void {
    this.pendingCheck = null;
    if (!this.armed) return;
    if (nowMs - this.lastKickMs < this.timeoutMs) {
      this.schedule();
      return;
    }
    this.armed = false;
    this.expiredCount++;
    const errors = this.scheduler.errors;
    this.handlers.forEach(function (handler) {
      try {
        handler(nowMs);
      } catch (error) {
        errors.push(error);
      }
    });
  }
}
