// The line behind a simulated output: the value last written, and the value the models see (the board's output delay later, if any).

import type { Clock } from '../../hal/clock';
import type { Scheduler } from '../../hal/scheduler';

/** Where a delayed output gets its time: the world's scheduler and the delay, ms. */
export interface OutputDelayOptions {
  scheduler: Scheduler & Clock;
  /** Time from a write to the models seeing it, ms; 0 applies at once. */
  delayMs: number;
}

/**
 * The line behind a simulated output port (`SimDigitalOut`, `SimPwmOut`, as their `line`): `read`
 * returns what was last written; the physics reads `applied`. Without
 * a delay a write reaches the models at once. With one, each write reaches them `delayMs` later,
 * in write order. Why: on a board the control tick takes its tick time of interpreter time and
 * writes its outputs near its end, while the simulator runs the tick in no time at its start; a
 * key edge's own event may wait behind a running tick as long.
 *
 * Deterministic: each write schedules one callback on the world's scheduler (ties resolve in
 * write order, after the timers already due then), made once per output, not per write. A value
 * applies only once its own due time has come, so a `reset` that drops the queue leaves no stray
 * callback able to apply a later write early. Writes never call back into the writer.
 */
export class SimOutputLine<T> {
  /** Number of writes so far (for tests that check the firmware does not write every tick needlessly). */
  writeCount = 0;
  /**
   * Set by the simulated world: brings the physics up to the current time before the firmware's
   * access (or a delayed write) takes effect, so the order of same-time timers cannot make the
   * firmware see a stale world or apply an output early. Never calls back into the firmware.
   */
  syncWorld: (() => void) | null = null;
  private written: T;
  private appliedValue: T;
  private readonly scheduler: (Scheduler & Clock) | null;
  private readonly delayMs: number;
  private readonly pendingValues: T[] = [];
  private readonly pendingDueMs: number[] = [];
  private readonly onDue: (nowMs: number) => void;

  /** `initial`: the power-on level, before any write. */
  constructor(initial: T, delay?: OutputDelayOptions) {
    this.written = initial;
    this.appliedValue = initial;
    this.scheduler = delay !== undefined && delay.delayMs > 0 ? delay.scheduler : null;
    this.delayMs = this.scheduler !== null && delay !== undefined ? delay.delayMs : 0;
    this.onDue = (nowMs: number) => this.applyDue(nowMs);
  }

  write(value: T): void {
    if (this.syncWorld !== null) this.syncWorld();
    this.written = value;
    this.writeCount++;
    if (this.scheduler === null) {
      this.appliedValue = value;
      return;
    }
    this.pendingValues.push(value);
    this.pendingDueMs.push(this.scheduler.nowMs() + this.delayMs);
    this.scheduler.after(this.delayMs, this.onDue);
  }

  read(): T {
    return this.written;
  }

  /** The value the models see now: the last write whose delay has passed. */
  applied(): T {
    return this.appliedValue;
  }

  /** A board reset: the pin takes `value` at once, and writes still on their way are dropped. */
  reset(value: T): void {
    if (this.syncWorld !== null) this.syncWorld();
    this.pendingValues.length = 0;
    this.pendingDueMs.length = 0;
    this.written = value;
    this.appliedValue = value;
  }

  private applyDue(nowMs: number): void {
    while (this.pendingDueMs.length > 0 && this.pendingDueMs[0] <= nowMs) {
      this.pendingDueMs.shift();
      if (this.syncWorld !== null) this.syncWorld();
      this.appliedValue = this.pendingValues.shift() as T;
    }
  }
}
