// Simulated PWM output: remembers the duty the firmware wrote, and hands it to the motor model (after the board's output delay, if any).

import type { PwmOut } from '../../hal/pwm-out';
import { OutputDelay, type OutputDelayOptions } from './output-delay';

/**
 * A PWM output whose duty the physics step reads (`applied`). Writes never call back. Without a
 * delay a write reaches the physics at once; with one (`OutputDelayOptions`) it reaches it
 * `delayMs` later, as on a board whose tick writes its outputs `tickMs` after it began. `read`
 * always returns what was last written.
 */
export class SimPwmOut implements PwmOut {
  readonly frequencyHz: number;
  /** Number of writes so far (for tests that check the firmware does not write every tick needlessly). */
  writeCount = 0;
  /**
   * Set by the simulated world: brings the physics up to the current time before the firmware's
   * access (or a delayed write) takes effect, so the order of same-time timers cannot make the
   * firmware see a stale world or apply an output early. Never calls back into the firmware.
   */
  syncWorld: (() => void) | null = null;
  private duty = 0;
  private appliedDuty = 0;
  private readonly delay: OutputDelay<number> | null;

  constructor(frequencyHz: number, delay?: OutputDelayOptions) {
    this.frequencyHz = frequencyHz;
    this.delay = delay === undefined ? null : new OutputDelay<number>(delay, (duty: number) => this.applyDuty(duty));
  }

  write(duty: number): void {
    if (this.syncWorld !== null) this.syncWorld();
    this.duty = duty;
    this.writeCount++;
    if (this.delay === null) this.appliedDuty = duty;
    else this.delay.write(duty);
  }

  read(): number {
    return this.duty;
  }

  /** The duty the physics sees now: the last write whose delay has passed. */
  applied(): number {
    return this.appliedDuty;
  }

  /** A board reset: the pin takes `duty` at once, and writes still on their way are dropped. */
  reset(duty: number): void {
    if (this.syncWorld !== null) this.syncWorld();
    if (this.delay !== null) this.delay.clear();
    this.duty = duty;
    this.appliedDuty = duty;
  }

  private applyDuty(duty: number): void {
    if (this.syncWorld !== null) this.syncWorld();
    this.appliedDuty = duty;
  }
}
