// The belt and rollers: inertia, deck friction under the walker, viscous loss, and jamming.

import { GRAVITY_MPS2 } from './units';

/** Tuning of the belt model. Defaults in `DEFAULT_BELT_OPTIONS`. */
export interface BeltOptions {
  /**
   * Belt, rollers, motor rotor and flywheel, all reflected to belt motion, kg (default 75; the
   * flywheel dominates because the motor turns a few times faster than the roller). How 75 comes
   * about for a typical 2-3 hp DC treadmill motor: a cast flywheel-pulley of about 2.5 kg and
   * 13 cm (0.0053 kg m^2) plus the armature (about 0.0014 kg m^2) make 0.0067 kg m^2; the motor
   * turns about 2.5 times per turn of a 5 cm roller, so one metre per second of belt is 100 rad/s
   * of motor and the motor reflects 0.0067 x 100^2 = 67 kg; the two rollers and the belt add about
   * 8 kg. A treadmill with a light flywheel (1.5 kg of 11 cm) reflects about 45 kg and swings more
   * under each footfall; `npm run bench` prints that case too.
   */
  effectiveMassKg: number;
  /** Friction with nobody on the belt (belt tension, bearings, brushes), N (default 15). */
  baseFrictionN: number;
  /** Deck friction per newton of the walker's weight (a waxed deck, default 0.12). */
  deckFrictionCoefficient: number;
  /** Speed-proportional loss (air, belt flexing), N per m/s (default 2). */
  viscousNPerMps: number;
  /** Friction of a jammed belt, N: far more than any drive can give (default 4000). */
  jamFrictionN: number;
}

/** Defaults of the belt model; see each field of `BeltOptions`. */
export const DEFAULT_BELT_OPTIONS: BeltOptions = {
  effectiveMassKg: 75,
  baseFrictionN: 15,
  deckFrictionCoefficient: 0.12,
  viscousNPerMps: 2,
  jamFrictionN: 4000,
};

/**
 * The belt as one moving mass. Forces from the drive and the walker push it; Coulomb friction
 * (which holds it still until the push exceeds it) and viscous loss slow it. Positive speed is
 * forward: the top of the belt moves toward the rear and the walker walks forward.
 *
 * Integrated with explicit Euler for the speed and the trapezoid rule for the position; the
 * world calls `update` once per physics step.
 */
export class Belt {
  readonly options: BeltOptions;
  /** Signed belt speed, m/s. */
  speedMps = 0;
  /** Signed belt position, m (what a roller angle sensor sees). */
  positionM = 0;
  /** Total travel in either direction, m; only grows. */
  distanceM = 0;
  /** Fault: something blocks the belt; friction rises to `jamFrictionN`. */
  jammed = false;

  constructor(options?: Partial<BeltOptions>) {
    this.options = Object.assign({}, DEFAULT_BELT_OPTIONS, options);
  }

  /** Coulomb friction with `loadKg` standing on the deck, N (a magnitude). */
  frictionN(loadKg: number): number {
    const options = this.options;
    if (this.jammed) return options.jamFrictionN;
    return options.baseFrictionN + options.deckFrictionCoefficient * loadKg * GRAVITY_MPS2;
  }

  /** Force needed to keep the belt moving steadily at `speedMps` with `loadKg` on it, N (a magnitude). */
  resistanceN(loadKg: number, speedMps: number): number {
    return this.frictionN(loadKg) + this.options.viscousNPerMps * (speedMps < 0 ? -speedMps : speedMps);
  }

  /**
   * Advance by `dtMs` under `appliedForceN` (drive plus walker, N, positive forward) with
   * `loadKg` standing on the deck.
   */
  update(appliedForceN: number, loadKg: number, dtMs: number): void {
    const options = this.options;
    const dtS = dtMs / 1000;
    const massKg = options.effectiveMassKg;
    const frictionN = this.frictionN(loadKg);
    const pushN = appliedForceN < 0 ? -appliedForceN : appliedForceN;
    const startSpeedMps = this.speedMps;
    let speedMps = startSpeedMps;
    if (speedMps === 0) {
      // Standing still: static friction holds until the push exceeds it.
      if (pushN > frictionN) {
        speedMps = ((appliedForceN > 0 ? pushN - frictionN : frictionN - pushN) / massKg) * dtS;
      }
    } else {
      const sign = speedMps > 0 ? 1 : -1;
      speedMps += ((appliedForceN - sign * frictionN - options.viscousNPerMps * speedMps) / massKg) * dtS;
      // Friction can stop the belt but never reverse it: crossing zero means it stuck, unless
      // the push alone is strong enough to turn it round.
      if (speedMps * sign <= 0 && (pushN <= frictionN || appliedForceN * sign > 0)) speedMps = 0;
    }
    this.speedMps = speedMps;
    const stepM = ((startSpeedMps + speedMps) / 2) * dtS;
    this.positionM += stepM;
    this.distanceM += stepM < 0 ? -stepM : stepM;
  }
}
