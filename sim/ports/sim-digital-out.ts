// Simulated digital output: remembers the level the firmware wrote, for the models to read.

import type { DigitalOut } from '../../hal/digital-out';

/** A digital output whose level the physics step reads. Writes take effect at once and never call back. */
export class SimDigitalOut implements DigitalOut {
  /** Number of writes so far. */
  writeCount = 0;
  /**
   * Set by the simulated world: brings the physics up to the current time before the firmware's
   * access takes effect, so the order of same-time timers cannot make the firmware see a stale
   * world or apply an output early. Never calls back into the firmware.
   */
  syncWorld: (() => void) | null = null;
  private level = false;

  write(active: boolean): void {
    if (this.syncWorld !== null) this.syncWorld();
    this.level = active;
    this.writeCount++;
  }

  read(): boolean {
    return this.level;
  }
}
