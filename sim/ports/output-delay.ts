// Carries what the firmware writes to an output to the physics a fixed time later, in order (a board writes its outputs when its tick ends).

import type { Clock } from '../../hal/clock';
import type { Scheduler } from '../../hal/scheduler';

/** Where a delayed output gets its time: the world's scheduler and the delay, ms. */
export interface OutputDelayOptions {
  scheduler: Scheduler & Clock;
  /** Time from a write to the physics seeing it, ms; 0 applies at once. */
  delayMs: number;
}

/**
 * A FIFO of written values, each applied `delayMs` after its write. Why: on a board the control
 * tick takes `tickMs` of interpreter time and writes its outputs near its end, so the motor
 * answers a tick that began at t only from about t + tickMs. Deterministic: each write schedules
 * one callback on the world's scheduler (ties resolve in write order), and a value applies only
 * once its own due time has come, so a `reset` that drops the queue leaves no stray callback able
 * to apply a later write early. The value read back by the firmware is never delayed.
 */
export class OutputDelay<T> {
  private readonly scheduler: Scheduler & Clock;
  private readonly delayMs: number;
  private readonly apply: (value: T) => void;
  private readonly values: T[] = [];
  private readonly dueMs: number[] = [];
  private readonly onDue: (nowMs: number) => void;

  /** `apply` brings the world up to now and sets the value the physics reads. */
  constructor(options: OutputDelayOptions, apply: (value: T) => void) {
    this.scheduler = options.scheduler;
    this.delayMs = options.delayMs > 0 ? options.delayMs : 0;
    this.apply = apply;
    // One callback for the output's life: no closure per write.
    this.onDue = (nowMs: number) => this.applyDue(nowMs);
  }

  /** A write now: applied at once without a delay, else queued. */
  write(value: T): void {
    if (this.delayMs === 0) {
      this.apply(value);
      return;
    }
    this.values.push(value);
    this.dueMs.push(this.scheduler.nowMs() + this.delayMs);
    this.scheduler.after(this.delayMs, this.onDue);
  }

  /** Forget every write not yet applied (a board reset: the pending tick never finishes). */
  clear(): void {
    this.values.length = 0;
    this.dueMs.length = 0;
  }

  /** Writes waiting to reach the physics. */
  pendingCount(): number {
    return this.values.length;
  }

  private applyDue(nowMs: number): void {
    while (this.dueMs.length > 0 && this.dueMs[0] <= nowMs) {
      this.dueMs.shift();
      this.apply(this.values.shift() as T);
    }
  }
}
