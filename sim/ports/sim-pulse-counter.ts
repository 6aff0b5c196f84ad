// Simulated pulse counter: counts the pulses a sensor model emits, with the device's glitch filter.

import type { PulseCounter, PulseCounterOptions, PulseReading } from '../../hal/pulse-counter';
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

  constructor(options: PulseCounterOptions) {
    this.glitchFilterMs = options.glitchFilterMs;
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
    this.previousPulseMs = this.lastPulseMs;
    this.lastPulseMs = timeMs;
  }

  markOverflow(): void {
    this.overflowed = true;
  }
}
