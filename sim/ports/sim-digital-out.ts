// Simulated digital output: remembers the level the firmware wrote, and hands it to the models (after the board's output delay, if any).

import type { DigitalOut } from '../../hal/digital-out';
import { OutputDelay, type OutputDelayOptions } from './output-delay';

/**
 * A digital output whose level the physics step reads (`applied`). Writes never call back.
 * Without a delay a write reaches the physics at once; with one (`OutputDelayOptions`) it reaches
 * it `delayMs` later. `read` always returns what was last written.
 */
export class SimDigitalOut implements DigitalOut {
  /** Number of writes so far. */
  writeCount = 0;
  /**
   * Set by the simulated world: brings the physics up to the current time before the firmware's
   * access (or a delayed write) takes effect, so the order of same-time timers cannot make the
   * firmware see a stale world or apply an output early. Never calls back into the firmware.
   */
  syncWorld: (() => void) | null = null;
  private level = false;
  private appliedLevel = false;
  private readonly delay: OutputDelay<boolean> | null;

  constructor(delay?: OutputDelayOptions) {
    this.delay = delay === undefined ? null : new OutputDelay<boolean>(delay, (active: boolean) => this.applyLevel(active));
  }

  write(active: boolean): void {
    if (this.syncWorld !== null) this.syncWorld();
    this.level = active;
    this.writeCount++;
    if (this.delay === null) this.appliedLevel = active;
    else this.delay.write(active);
  }

  read(): boolean {
    return this.level;
  }

  /** The level the physics sees now: the last write whose delay has passed. */
  applied(): boolean {
    return this.appliedLevel;
  }

  /** A board reset: the pin takes `active` at once, and writes still on their way are dropped. */
  reset(active: boolean): void {
    if (this.syncWorld !== null) this.syncWorld();
    if (this.delay !== null) this.delay.clear();
    this.level = active;
    this.appliedLevel = active;
  }

  private applyLevel(active: boolean): void {
    if (this.syncWorld !== null) this.syncWorld();
    this.appliedLevel = active;
  }
}
