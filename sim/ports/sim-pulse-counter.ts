// Simulated pulse counter: counts the pulses a sensor model emits, with the device's glitch filter.

import type { EarlyPulseLimit, PulseCounter, PulseCounterOptions, PulseReading } from '../../hal/pulse-counter';
import type { Scheduler } from '../../hal/scheduler';
import type { PulseSink } from '../models/signal-sinks';

/**
 * A pulse counter fed by a sensor model. Like the device port, a pulse closer than
 * `glitchFilterMs` to the previous accepted pulse is rejected and counted in `rejectedCount`.
 * `read` is a cheap copy into the caller's object and never calls back.
 */
export class SimPulseCounter implements PulseCounter, PulseSink {
  readonly glitchFilterMs: number;
  /**
   * Set by the simulated world: brings the physics up to the current time before the firmware's
   * access takes effect, so the order of same-time timers cannot make the firmware see a stale
   * world or apply an output early. Never calls back into the firmware.
   */
  syncWorld: (() => void) | null = null;
  private count = 0;
  private lastPulseMs = -1;
  private previousPulseMs = -1;
  private rejectedCount = 0;
  private overflowed = false;
  private readonly scheduler: Scheduler | null;
  private earlyLimit: EarlyPulseLimit | null = null;
  private onEarlyPulse: ((pulseMs: number, intervalMs: number) => void) | null = null;

  /** `scheduler`: where an early pulse's callback is queued (without one, `watchEarlyPulses` is refused). */
  constructor(options: PulseCounterOptions, scheduler?: Scheduler) {
    this.glitchFilterMs = options.glitchFilterMs;
    this.scheduler = scheduler === undefined ? null : scheduler;
  }

  watchEarlyPulses(limit: EarlyPulseLimit, onEarlyPulse: (pulseMs: number, intervalMs: number) => void): void {
    if (this.scheduler === null) throw new Error('SimPulseCounter: early pulses need a scheduler');
    this.earlyLimit = limit;
    this.onEarlyPulse = onEarlyPulse;
  }

  read(into: PulseReading): void {
    if (this.syncWorld !== null) this.syncWorld();
    into.count = this.count;
    into.lastPulseMs = this.lastPulseMs;
    into.previousPulseMs = this.previousPulseMs;
    into.rejectedCount = this.rejectedCount;
    into.overflowed = this.overflowed;
  }

  pulse(timeMs: number): void {
    if (this.lastPulseMs >= 0 && timeMs - this.lastPulseMs < this.glitchFilterMs) {
      this.rejectedCount++;
      return;
    }
    this.count++;
    const intervalMs = this.lastPulseMs >= 0 ? timeMs - this.lastPulseMs : -1;
    this.previousPulseMs = this.lastPulseMs;
    this.lastPulseMs = timeMs;
    // The physics finds pulses while it integrates, which a firmware read may set off: the callback
    // is queued as the pulse's own event (now, on the scheduler), never made from within `read`.
    const limit = this.earlyLimit;
    if (limit !== null && intervalMs >= 0 && intervalMs < limit.earlyPulseMinIntervalMs) {
      const onEarlyPulse = this.onEarlyPulse as (pulseMs: number, intervalMs: number) => void;
      (this.scheduler as Scheduler).after(0, () => onEarlyPulse(timeMs, intervalMs));
    }
  }

  markOverflow(): void {
    this.overflowed = true;
  }
}
