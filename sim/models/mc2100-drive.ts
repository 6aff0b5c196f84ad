// An MC-2100-like treadmill motor board: 20 Hz PWM speed input, its own rough tachometer loop.

import type { BeltDrive } from './belt-drive';
import { KPH_PER_MPS } from './units';

/** Tuning of the MC-2100 model. Defaults in `DEFAULT_MC2100_OPTIONS`. */
export interface Mc2100Options {
  /** Duty below which the board does not drive at all (default 0.10). */
  deadbandDuty: number;
  /** Duty at which the board commands its top speed; more saturates (default 0.85). */
  fullScaleDuty: number;
  /**
   * Speed the board aims for at `fullScaleDuty`, km/h (default 17). The reference treadmill is
   * rated 16 km/h: a console's top-speed calibration stops short of the board's full scale, so the
   * rating holds when the board's proportional loop droops under a runner (0.43 km/h at 16 km/h
   * under 70 kg). A board aiming at exactly its rated speed could never reach it loaded.
   */
  fullScaleSpeedKph: number;
  /**
   * Bow of the duty-to-speed curve: 0 is a straight line; 0.15 puts mid-range speeds up to about
   * 7 % above it, so a linear feed-forward map needs the closed loop's correction (default 0.15).
   */
  curvature: number;
  /** Time constant of the board's soft-start ramp toward the commanded speed, ms (default 800). */
  timeConstantMs: number;
  /**
   * Gain of the board's proportional tachometer loop, N per m/s of speed error (default 900).
   * Its finite value is what makes the speed droop under load.
   */
  loopGainNPerMps: number;
  /** Most force the motor can put on the belt, N (default 450, about a 2 hp motor). */
  maxForceN: number;
  /** Most braking force the board's loop can make (it has no real brake), N (default 60). */
  maxBrakeForceN: number;
  /** Speed a runaway board heads for regardless of duty, km/h (default 22, above every cap). */
  runawaySpeedKph: number;
}

/** Defaults of the MC-2100 model; see each field of `Mc2100Options`. */
export const DEFAULT_MC2100_OPTIONS: Mc2100Options = {
  deadbandDuty: 0.1,
  fullScaleDuty: 0.85,
  fullScaleSpeedKph: 17,
  curvature: 0.15,
  timeConstantMs: 800,
  loopGainNPerMps: 900,
  maxForceN: 450,
  maxBrakeForceN: 60,
  runawaySpeedKph: 22,
};

/**
 * The MC-2100 board and its motor, reflected to the belt. Its speed input is a 20 Hz PWM read as
 * an average duty. Above the dead band the board ramps an internal speed reference toward a
 * speed roughly proportional to (duty - dead band) and closes a proportional loop on its
 * tachometer, so the belt settles a little below that speed under load. Disabled (relay open) it
 * gives no force and the belt coasts. The direction relay swaps the motor leads.
 */
export class Mc2100Drive implements BeltDrive {
  readonly options: Mc2100Options;
  runaway = false;
  directionStuck = false;
  relayBackward = false;
  /** The board's internal speed reference, m/s in the motor's own direction. */
  referenceMps = 0;

  constructor(options?: Partial<Mc2100Options>) {
    this.options = Object.assign({}, DEFAULT_MC2100_OPTIONS, options);
  }

  /** The speed the board aims for at `duty` with no load, km/h (0 in the dead band). */
  commandedSpeedKph(duty: number): number {
    const options = this.options;
    if (!(duty >= options.deadbandDuty)) return 0;
    let fraction = (duty - options.deadbandDuty) / (options.fullScaleDuty - options.deadbandDuty);
    if (fraction > 1) fraction = 1;
    return options.fullScaleSpeedKph * fraction * (1 + options.curvature * (1 - fraction));
  }

  update(duty: number, enabled: boolean, backward: boolean, beltSpeedMps: number, dtMs: number): number {
    if (!this.directionStuck) this.relayBackward = backward;
    if (!enabled) {
      this.referenceMps = 0;
      return 0;
    }
    const options = this.options;
    const commandMps = this.runaway ? options.runawaySpeedKph / KPH_PER_MPS : this.commandedSpeedKph(duty) / KPH_PER_MPS;
    if (commandMps <= 0) {
      // In the dead band the board stops driving and forgets its ramp, as after a restart.
      this.referenceMps = 0;
      return 0;
    }
    let rampFraction = dtMs / options.timeConstantMs;
    if (rampFraction > 1) rampFraction = 1;
    this.referenceMps += (commandMps - this.referenceMps) * rampFraction;
    const sign = this.relayBackward ? -1 : 1;
    let forceN = options.loopGainNPerMps * (this.referenceMps - sign * beltSpeedMps);
    if (forceN > options.maxForceN) forceN = options.maxForceN;
    if (forceN < -options.maxBrakeForceN) forceN = -options.maxBrakeForceN;
    return sign * forceN;
  }
}
