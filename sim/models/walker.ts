// The person on the belt: weight on the deck, footfall pulses, or pushing a free belt.

import type { Belt } from './belt';
import type { SeededRandom } from '../random';
import { GRAVITY_MPS2, KPH_PER_MPS } from './units';

/**
 * What the walker does: `off` nobody on the belt; `forward`/`backward` walk in that direction at
 * whatever speed the belt runs; `push` drives a free (unpowered) belt at the push speed.
 */
export type WalkerMode = 'off' | 'forward' | 'backward' | 'push';

/** Tuning of the walker model. Defaults in `DEFAULT_WALKER_OPTIONS`. */
export interface WalkerOptions {
  /** Peak heel-strike braking force as a fraction of body weight (default 0.2). */
  brakingPeakFraction: number;
  /** Part of each step, from heel strike, that brakes the belt (default 0.12). */
  brakingPhase: number;
  /** Where push-off starts and how long it lasts, parts of a step (defaults 0.35 and 0.25). */
  pushOffStartPhase: number;
  pushOffPhase: number;
  /** Belt speed at which footfall forces reach full strength, m/s (default 1.2). */
  fullStrideSpeedMps: number;
  /** Relative spread of each step's strength and duration (defaults 0.1 and 0.03). */
  strengthSpread: number;
  cadenceSpread: number;
  /** In push mode: how hard the walker corrects a speed error, N per m/s (default 300). */
  pushGainNPerMps: number;
  /** In push mode: the most force the walker can put on the belt, fraction of weight (default 0.4). */
  pushMaxFraction: number;
  /** In push mode: how much the push rises and falls with each step (default 0.4). */
  pushRipple: number;
}

/** Defaults of the walker model; see each field of `WalkerOptions`. */
export const DEFAULT_WALKER_OPTIONS: WalkerOptions = {
  brakingPeakFraction: 0.2,
  brakingPhase: 0.12,
  pushOffStartPhase: 0.35,
  pushOffPhase: 0.25,
  fullStrideSpeedMps: 1.2,
  strengthSpread: 0.1,
  cadenceSpread: 0.03,
  pushGainNPerMps: 300,
  pushMaxFraction: 0.4,
  pushRipple: 0.4,
};

/**
 * The walker's feet on the belt. A walker stands still in the room, so over a whole step the
 * feet put no net force on the belt: each heel strike brakes it and each push-off pushes it on
 * (sized so the two cancel). What loads the drive on average is the deck friction under the
 * walker's weight (see `Belt.frictionN`). A walker whose belt stands or runs the other way just
 * stands. In push mode the walker drives the belt toward the push speed, pushing in step.
 */
export class Walker {
  readonly options: WalkerOptions;
  mode: WalkerMode;
  massKg: number;
  /** Footfalls per second (both feet counted). */
  footfallHz: number;
  /** Push mode target, signed like the belt speed, m/s. */
  pushSpeedMps: number;
  /** Where in the current step the walker is, 0..1 from heel strike. */
  phase: number;
  private readonly random: SeededRandom;
  private stepStrength = 1;
  private stepRate = 1;
  private readonly pushOffPeakRatio: number;

  constructor(random: SeededRandom, mode: WalkerMode, massKg: number, footfallHz: number, pushSpeedKph: number, options?: Partial<WalkerOptions>) {
    this.options = Object.assign({}, DEFAULT_WALKER_OPTIONS, options);
    this.random = random;
    this.mode = mode;
    this.massKg = massKg;
    this.footfallHz = footfallHz;
    this.pushSpeedMps = pushSpeedKph / KPH_PER_MPS;
    this.phase = random.next();
    // Half-sine pulses: equal impulses when peak x duration match.
    this.pushOffPeakRatio = this.options.brakingPhase / this.options.pushOffPhase;
  }

  /** Mass standing on the deck, kg (0 when nobody is on the belt). */
  loadKg(): number {
    return this.mode === 'off' ? 0 : this.massKg;
  }

  /** Advance by `dtMs` and return the force of the walker's feet on `belt`, N, positive forward. */
  forceN(belt: Belt, dtMs: number): number {
    if (this.mode === 'off') return 0;
    this.advancePhase(dtMs);
    const options = this.options;
    const speedMps = belt.speedMps;
    const weightN = this.massKg * GRAVITY_MPS2;
    if (this.mode === 'push') {
      const targetMps = this.pushSpeedMps;
      if (targetMps === 0) return 0;
      const sign = targetMps > 0 ? 1 : -1;
      // A walker feels the belt's resistance and adds a correction for the speed error.
      let pushN = sign * belt.resistanceN(this.loadKg(), targetMps) + options.pushGainNPerMps * (targetMps - speedMps);
      const maxN = options.pushMaxFraction * weightN;
      if (pushN > maxN) pushN = maxN;
      if (pushN < -maxN) pushN = -maxN;
      return pushN * (1 + options.pushRipple * Math.sin(2 * Math.PI * this.phase));
    }
    const direction = this.mode === 'forward' ? 1 : -1;
    const alongMps = speedMps * direction;
    if (alongMps <= 0.05) return 0;
    const strideFraction = alongMps >= options.fullStrideSpeedMps ? 1 : alongMps / options.fullStrideSpeedMps;
    const peakN = options.brakingPeakFraction * weightN * strideFraction * this.stepStrength;
    const phase = this.phase;
    if (phase < options.brakingPhase) {
      return -direction * peakN * Math.sin((Math.PI * phase) / options.brakingPhase);
    }
    const pushOffPhase = phase - options.pushOffStartPhase;
    if (pushOffPhase >= 0 && pushOffPhase < options.pushOffPhase) {
      return direction * peakN * this.pushOffPeakRatio * Math.sin((Math.PI * pushOffPhase) / options.pushOffPhase);
    }
    return 0;
  }

  private advancePhase(dtMs: number): void {
    this.phase += (this.footfallHz * this.stepRate * dtMs) / 1000;
    if (this.phase >= 1) {
      this.phase -= 1;
      if (this.phase >= 1) this.phase = 0;
      // Each new step is a little stronger or weaker, quicker or slower, as people are.
      const options = this.options;
      this.stepStrength = 1 + options.strengthSpread * this.random.normal();
      if (this.stepStrength < 0) this.stepStrength = 0;
      this.stepRate = 1 + options.cadenceSpread * this.random.normal();
      if (this.stepRate < 0.5) this.stepRate = 0.5;
    }
  }
}
