// PulseCounter on an Espruino pin: counts debounced edges from a reed or hall switch.

import type { EarlyPulseLimit, PulseCounter, PulseCounterOptions, PulseReading } from '../pulse-counter';
import { pinModeForPull } from './pin-mode-for-pull';
import type { PullMode } from './pin-mode-for-pull';

/** How a pulse input is wired, plus the counter's options; comes from the board profile. */
export interface PulseCounterWiring extends PulseCounterOptions {
  /** True when a pulse pulls the pin low (a switch to ground with a pull-up). */
  activeLow: boolean;
  pull: PullMode;
  /** Espruino's debounce for the watch, ms (0: off; a reed switch wants about 1). */
  debounceMs: number;
}

/**
 * Counts pulses with one repeating `setWatch` on the edge where the input becomes active, so the
 * firmware pays nothing per pulse. Each accepted pulse records its interrupt timestamp
 * (`event.time` in seconds, kept as ms): the speed estimate uses edge times, not the time the
 * callback happened to run.
 *
 * A pulse closer than `glitchFilterMs` to the previous accepted one is counted in
 * `rejectedCount` and otherwise ignored (motor noise on a long sensor cable).
 *
 * Lost edges: every watched edge takes a slot in Espruino's small input queue; when the queue
 * fills, the interpreter raises the `FIFO_FULL` error flag and edges are gone. The counter then
 * sets `overflowed` for good, and the firmware treats that as an encoder fault. The flag is
 * global (any watched pin can fill the queue), which is the safe reading: the count can no longer
 * be trusted.
 *
 * Sustained rates above roughly 1-3 kHz are not realistic for watches; a belt sensor gives a few
 * pulses per second.
 */
export class EspruinoPulseCounter implements PulseCounter {
  /** The counter's values: its own object, or the one `keepCurrent` was given (written in place). */
  private live: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
  private readonly glitchFilterMs: number;
  private earlyLimit: EarlyPulseLimit | null = null;
  private onEarlyPulse: ((pulseMs: number, intervalMs: number) => void) | null = null;

  constructor(pin: EspruinoPin, wiring: PulseCounterWiring) {
    this.glitchFilterMs = wiring.glitchFilterMs;
    pinMode(pin, pinModeForPull(wiring.pull));
    const id = setWatch((event: EspruinoWatchEvent) => this.onPulse(event.time * 1000), pin, {
      repeat: true,
      edge: wiring.activeLow ? 'falling' : 'rising',
      debounce: wiring.debounceMs,
    });
    if (!id) throw new Error('EspruinoPulseCounter: cannot watch pin ' + String(pin));
    E.on('errorFlag', (flags: string[]) => {
      if (flags.indexOf('FIFO_FULL') >= 0) this.live.overflowed = true;
    });
  }

  read(into: PulseReading): void {
    const live = this.live;
    into.count = live.count;
    into.lastPulseMs = live.lastPulseMs;
    into.previousPulseMs = live.previousPulseMs;
    into.rejectedCount = live.rejectedCount;
    into.overflowed = live.overflowed;
  }

  keepCurrent(reading: PulseReading): void {
    this.read(reading);
    this.live = reading;
  }

  watchEarlyPulses(limit: EarlyPulseLimit, onEarlyPulse: (pulseMs: number, intervalMs: number) => void): void {
    this.earlyLimit = limit;
    this.onEarlyPulse = onEarlyPulse;
  }

  private onPulse(timeMs: number): void {
    const live = this.live;
    const lastPulseMs = live.lastPulseMs;
    if (lastPulseMs >= 0 && timeMs - lastPulseMs < this.glitchFilterMs) {
      live.rejectedCount++;
      return;
    }
    live.count++;
    live.previousPulseMs = lastPulseMs;
    live.lastPulseMs = timeMs;
    // In the watch's own event, like the safety key's: an early pulse reaches the firmware now.
    const limit = this.earlyLimit;
    if (limit !== null && lastPulseMs >= 0 && timeMs - lastPulseMs < limit.earlyPulseMinIntervalMs) (this.onEarlyPulse as (pulseMs: number, intervalMs: number) => void)(timeMs, timeMs - lastPulseMs);
  }
}
