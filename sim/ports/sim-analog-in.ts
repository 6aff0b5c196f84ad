// Simulated analog input: a value the physics step keeps current (the incline potentiometer).

import type { AnalogIn } from '../../hal/analog-in';

/** An analog input whose value a model sets each physics step; `read` just returns it. */
export class SimAnalogIn implements AnalogIn {
  /** Fraction 0..1 of the reference voltage. */
  value: number;
  /**
   * Set by the simulated world: brings the physics up to the current time before the firmware's
   * access takes effect, so the order of same-time timers cannot make the firmware see a stale
   * world or apply an output early. Never calls back into the firmware.
   */
  syncWorld: (() => void) | null = null;

  constructor(initialValue: number) {
    this.value = initialValue;
  }

  read(): number {
    if (this.syncWorld !== null) this.syncWorld();
    return this.value;
  }
}
