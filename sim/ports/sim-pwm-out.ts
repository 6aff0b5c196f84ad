// Simulated PWM output: remembers the duty the firmware wrote, for the motor model to read.

import type { PwmOut } from '../../hal/pwm-out';

/** A PWM output whose duty the physics step reads. Writes take effect at once and never call back. */
export class SimPwmOut implements PwmOut {
  readonly frequencyHz: number;
  /** Number of writes so far (for tests that check the firmware does not write every tick needlessly). */
  writeCount = 0;
  /**
   * Set by the simulated world: brings the physics up to the current time before the firmware's
   * access takes effect, so the order of same-time timers cannot make the firmware see a stale
   * world or apply an output early. Never calls back into the firmware.
   */
  syncWorld: (() => void) | null = null;
  private duty = 0;

  constructor(frequencyHz: number) {
    this.frequencyHz = frequencyHz;
  }

  write(duty: number): void {
    if (this.syncWorld !== null) this.syncWorld();
    this.duty = duty;
    this.writeCount++;
  }

  read(): number {
    return this.duty;
  }
}
