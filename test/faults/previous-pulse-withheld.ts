// A belt encoder port that never reports the previous pulse: the firmware then has no newest pulse interval, as before it was part of the HAL.

import type { PulseCounter, PulseReading } from '../../hal/pulse-counter';
import type { TreadmillHal } from '../../hal/treadmill-hal';

/**
 * Wraps `counter`: every reading is the counter's, except `previousPulseMs`, always -1, and it has
 * no early-pulse watch (`watchEarlyPulses` is not passed on), so the firmware judges pulses only
 * by the tick's period measurement. Why: the
 * runaway measurement and its tests compare the overspeed check with and without its pulse
 * evidence on the same simulated belt; this is exactly what the firmware saw before the reading
 * carried the previous pulse, so "before" is measured, not quoted.
 */
export class PreviousPulseWithheld implements PulseCounter {
  private readonly counter: PulseCounter;

  constructor(counter: PulseCounter) {
    this.counter = counter;
  }

  read(into: PulseReading): void {
    this.counter.read(into);
    into.previousPulseMs = -1;
  }
}

/** For `makeFaultRig`'s `adaptHal`: the belt encoder without its previous pulse. */
export function withholdPreviousPulse(hal: TreadmillHal): void {
  hal.beltEncoder = new PreviousPulseWithheld(hal.beltEncoder);
}
