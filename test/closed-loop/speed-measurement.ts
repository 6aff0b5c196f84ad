// Measures closed-loop belt speed figures (MAE, footfall ripple, overshoot, settle time) on the simulator.

import type { Direction } from '../../firmware/command';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimDriveKind, type SimTreadmillOptions } from '../../sim/sim-treadmill';
import { timingConfig, timingSimOptions, type TimedBoardName } from './board-timings';
import { makeRig, startBelt, type Rig } from './harness';

/**
 * How the figures are defined (the targets, made precise):
 *
 * - Every figure uses the TRUE belt speed (`sim.beltSpeedKph()`, signed by the selected
 *   direction), sampled every physics step (5 ms), never the firmware's estimate.
 * - Footfall cycles run from heel strike to heel strike of the simulated walker (its phase);
 *   with nobody on the belt, windows of one nominal footfall period stand in for them.
 * - Mean absolute error (MAE): the mean, over the whole footfall cycles of the steady window,
 *   of |cycle-mean true speed - target|. Averaging over whole cycles takes the footfall ripple
 *   out; the ripple is judged on its own. The steady window starts `SETTLE_ALLOWANCE_MS` after
 *   the setpoint ramp ends and lasts `STEADY_WINDOW_MS`.
 * - Footfall ripple: the largest |true speed - target| in the steady window (instantaneous).
 * - Stride-averaged speed: the mean true speed over one nominal footfall period centred on
 *   the sample (a moving average, so it has no lag).
 * - Overshoot: after the setpoint ramp ends, the largest excursion of the stride-averaged speed
 *   beyond the target in the direction of the step (above it after a step up, below it after a
 *   step down), 0 if none.
 * - Settle time: from the end of the ramp to the last moment the stride-averaged speed is more
 *   than `SETTLE_TOLERANCE_KPH` from the target; 0 if never, -1 if still outside at the end.
 * - A step starts from standstill (the start command, then a setSpeed to the target as soon as
 *   the belt runs) or from a speed held for the settle allowance plus a steady window.
 */
export const SETTLE_TOLERANCE_KPH = 0.1;
/** Time after the ramp ends that the belt may take to settle, ms (the 2 s). */
export const SETTLE_ALLOWANCE_MS = 2000;
/** Length of the steady window in which MAE and ripple are measured, ms. */
export const STEADY_WINDOW_MS = 8000;

/** The targets. */
export const TARGETS = {
  maeKph: 0.05,
  rippleKph: 0.3,
  overshootKph: 0.2,
  settleMs: 2000,
};

/** One closed-loop case: a treadmill build, a direction, and a step from `fromKph` to `toKph`. */
export interface SpeedCase {
  drive: SimDriveKind;
  pulsesPerMeter: number;
  direction: Direction;
  /** Speed before the measured step, km/h; 0 means the step is the start from standstill. */
  fromKph: number;
  /** Target after the step, km/h. */
  toKph: number;
  seed: number;
  /** Nobody on the belt (default: a 70 kg walker walking in `direction`). */
  unloaded?: boolean;
  /** The belt's reflected mass, kg (default: the simulator's reference treadmill). */
  beltMassKg?: number;
  /** Where the belt stands at power-up, as a share of one pulse past a sensor mark (default 0). */
  startMarkFraction?: number;
  /**
   * Run at this board's control period and tick time (outputs reach the motor a tick time
   * late); default: the firmware's default period, outputs at once.
   */
  board?: TimedBoardName;
}

/** Figures of one case. */
export interface SpeedFigures {
  maeKph: number;
  /** Mean of the cycle means minus the target, km/h (the sign of any residual error). */
  meanErrorKph: number;
  rippleKph: number;
  overshootKph: number;
  /** Overshoot of the instantaneous true speed (footfall ripple included), for information. */
  instantOvershootKph: number;
  /** -1 when the belt never settled in the window. */
  settleMs: number;
  /** Mean duty in the steady window, 0..1. */
  meanDuty: number;
  /** The firmware's state at the end (should stay 'running') and its fault, if any. */
  finalState: string;
  fault: string | null;
}

/** Readable name of a case for test titles and the bench table. */
export function caseName(speedCase: SpeedCase): string {
  const step = (speedCase.fromKph > 0 ? speedCase.fromKph : 0) + '->' + speedCase.toKph;
  return (
    speedCase.drive + ' ' + speedCase.pulsesPerMeter + '/m ' + speedCase.direction + ' ' + step + ' km/h' + (speedCase.unloaded ? ' unloaded' : '') +
    (speedCase.beltMassKg !== undefined ? ' ' + speedCase.beltMassKg + ' kg belt' : '') +
    (speedCase.startMarkFraction ? ', belt ' + speedCase.startMarkFraction + ' pulse past a mark' : '') +
    (speedCase.board !== undefined ? ' [' + speedCase.board + ']' : '')
  );
}

/** Sampled true speed and duty with a footfall cycle index, one sample per physics step. */
interface Trace {
  timeMs: number[];
  speedKph: number[];
  duty: number[];
  cycle: number[];
}

function nominalCycleMs(rig: Rig): number {
  return 1000 / rig.sim.options.footfallHz;
}

/** Boot, select the direction if needed, start; returns the rig with the countdown under way. */
export function startRig(speedCase: SpeedCase, configOverrides?: object): Rig {
  const overrides = Object.assign({ metersPerPulse: 1 / speedCase.pulsesPerMeter }, timingConfig(speedCase.board), configOverrides);
  const walkerMode = speedCase.unloaded ? 'off' : speedCase.direction;
  const simOptions: Partial<SimTreadmillOptions> = { drive: speedCase.drive, pulsesPerMeter: speedCase.pulsesPerMeter, walkerMode, seed: speedCase.seed, beltMassKg: speedCase.beltMassKg, beltStartPositionM: (speedCase.startMarkFraction || 0) / speedCase.pulsesPerMeter };
  const rig = makeRig(Object.assign(simOptions, timingSimOptions(speedCase.board)), overrides);
  if (speedCase.direction === 'backward') {
    rig.scheduler.advance(100);
    const result = rig.firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
    if (!result.accepted) throw new Error('setDirection refused: ' + result.message);
    rig.scheduler.advance(DEFAULT_CONFIG.directionDwellMs + 200);
    if (rig.firmware.status().direction !== 'backward') throw new Error('direction did not switch: ' + rig.firmware.status().reason);
  }
  startBelt(rig);
  return rig;
}

/** Set the target with a local setSpeed (nothing if it is already the target). */
export function setSpeed(rig: Rig, speedKph: number): void {
  if (Math.abs(rig.firmware.status().targetSpeedKph - speedKph) < 1e-9) return;
  const result = rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph });
  if (!result.accepted) throw new Error('setSpeed ' + speedKph + ' refused: ' + result.message);
}

/** Run `rig` for `durationMs`, or until `stopWhen` holds after a step, sampling into `trace`. */
function runSampling(rig: Rig, trace: Trace, durationMs: number, stopWhen: (() => boolean) | null): void {
  const scheduler = rig.scheduler;
  const stepMs = rig.sim.options.physicsStepMs;
  const walker = rig.sim.walker;
  const endMs = scheduler.nowMs() + durationMs;
  const cycleMs = nominalCycleMs(rig);
  let lastPhase = walker.phase;
  let cycleIndex = trace.cycle.length > 0 ? trace.cycle[trace.cycle.length - 1] : 0;
  while (scheduler.nowMs() < endMs) {
    scheduler.advance(stepMs);
    const nowMs = scheduler.nowMs();
    if (walker.mode === 'off') {
      cycleIndex = Math.floor(nowMs / cycleMs);
    } else {
      if (walker.phase < lastPhase) cycleIndex++;
      lastPhase = walker.phase;
    }
    const sign = rig.firmware.status().direction === 'backward' ? -1 : 1;
    trace.timeMs.push(nowMs);
    trace.speedKph.push(sign * rig.sim.beltSpeedKph());
    trace.duty.push(rig.sim.motorDuty());
    trace.cycle.push(cycleIndex);
    if (stopWhen !== null && stopWhen()) return;
  }
}

/** Mean speed of each footfall cycle that lies wholly within samples [from, to). */
function cycleMeans(trace: Trace, from: number, to: number): number[] {
  const means: number[] = [];
  let index = from;
  // Skip the partial cycle at the start.
  while (index < to && trace.cycle[index] === trace.cycle[from]) index++;
  while (index < to) {
    const cycle = trace.cycle[index];
    let sum = 0;
    let end = index;
    while (end < to && trace.cycle[end] === cycle) {
      sum += trace.speedKph[end];
      end++;
    }
    if (end >= to) break; // partial cycle at the end
    means.push(sum / (end - index));
    index = end;
  }
  return means;
}

/**
 * Stride-averaged speed at each sample from `from` on: the mean true speed over `windowSamples`
 * samples centred on it. Samples whose window runs past either end of the trace get NaN.
 */
function strideAveraged(trace: Trace, from: number, windowSamples: number): number[] {
  const half = Math.floor(windowSamples / 2);
  const total = trace.speedKph.length;
  const averaged: number[] = [];
  let sum = 0;
  let summedFrom = -1;
  for (let index = from; index < total; index++) {
    const start = index - half;
    const end = start + windowSamples;
    if (start < 0 || end > total) {
      averaged.push(NaN);
      continue;
    }
    if (summedFrom !== start - 1) {
      sum = 0;
      for (let fill = start; fill < end; fill++) sum += trace.speedKph[fill];
    } else {
      sum += trace.speedKph[end - 1] - trace.speedKph[start - 1];
    }
    summedFrom = start;
    averaged.push(sum / windowSamples);
  }
  return averaged;
}

/**
 * Run one case and measure it (see the definitions at the top of this file). `configOverrides`
 * go to the firmware on top of the encoder's metres per pulse.
 */
export function measureCase(speedCase: SpeedCase, configOverrides?: object): SpeedFigures {
  const rig = startRig(speedCase, configOverrides);
  const firmware = rig.firmware;
  const trace: Trace = { timeMs: [], speedKph: [], duty: [], cycle: [] };
  runSampling(rig, trace, 10000, () => firmware.status().state === 'running');
  const first = speedCase.fromKph > 0 ? speedCase.fromKph : speedCase.toKph;
  setSpeed(rig, first);
  if (speedCase.fromKph > 0) {
    runSampling(rig, trace, 60000, () => firmware.status().setpointKph === first);
    runSampling(rig, trace, SETTLE_ALLOWANCE_MS + STEADY_WINDOW_MS, null);
    setSpeed(rig, speedCase.toKph);
  }
  const target = speedCase.toKph;
  runSampling(rig, trace, 60000, () => firmware.status().setpointKph === target);
  const rampEndIndex = trace.timeMs.length;
  const rampEndMs = rig.scheduler.nowMs();
  runSampling(rig, trace, SETTLE_ALLOWANCE_MS + STEADY_WINDOW_MS, null);
  const total = trace.timeMs.length;
  let steadyFrom = rampEndIndex;
  while (steadyFrom < total && trace.timeMs[steadyFrom] < rampEndMs + SETTLE_ALLOWANCE_MS) steadyFrom++;

  const stepUp = speedCase.toKph > speedCase.fromKph;
  const windowSamples = Math.round(nominalCycleMs(rig) / rig.sim.options.physicsStepMs);
  const averaged = strideAveraged(trace, rampEndIndex, windowSamples);
  let overshoot = 0;
  let instantOvershoot = 0;
  let settleMs = 0;
  let lastAveraged = NaN;
  for (let index = rampEndIndex; index < total; index++) {
    const instantBeyond = stepUp ? trace.speedKph[index] - target : target - trace.speedKph[index];
    if (instantBeyond > instantOvershoot) instantOvershoot = instantBeyond;
    const mean = averaged[index - rampEndIndex];
    if (mean !== mean) continue;
    lastAveraged = mean;
    const beyond = stepUp ? mean - target : target - mean;
    if (beyond > overshoot) overshoot = beyond;
    if (Math.abs(mean - target) > SETTLE_TOLERANCE_KPH) settleMs = trace.timeMs[index] - rampEndMs;
  }
  if (!(Math.abs(lastAveraged - target) <= SETTLE_TOLERANCE_KPH)) settleMs = -1;

  const steadyMeans = cycleMeans(trace, steadyFrom, total);
  let absoluteSum = 0;
  let signedSum = 0;
  steadyMeans.forEach((mean) => {
    absoluteSum += Math.abs(mean - target);
    signedSum += mean - target;
  });
  let ripple = 0;
  let dutySum = 0;
  for (let index = steadyFrom; index < total; index++) {
    const deviation = Math.abs(trace.speedKph[index] - target);
    if (deviation > ripple) ripple = deviation;
    dutySum += trace.duty[index];
  }
  const status = firmware.status();
  return {
    maeKph: steadyMeans.length > 0 ? absoluteSum / steadyMeans.length : Infinity,
    meanErrorKph: steadyMeans.length > 0 ? signedSum / steadyMeans.length : Infinity,
    rippleKph: ripple,
    overshootKph: overshoot,
    instantOvershootKph: instantOvershoot,
    settleMs,
    meanDuty: dutySum / Math.max(1, total - steadyFrom),
    finalState: status.state,
    fault: status.fault,
  };
}

/** How the belt runs with no speed control at all, the motor held at one duty. */
export interface OpenLoopFigures {
  /** Mean true speed, km/h (positive in the case's direction). */
  meanKph: number;
  /** Largest |speed - mean speed| over `OPEN_LOOP_WINDOW_MS`, km/h. */
  rippleKph: number;
}

/** Open-loop windows are longer than the closed loop's steady window: they bound the physics. */
export const OPEN_LOOP_WINDOW_MS = 30000;

/**
 * The same drive and walker with the motor held at a constant `duty` (no firmware), measured
 * after 15 s. Its ripple is the physical floor that the belt's inertia and the drive's own
 * stiffness set: a controller that reads the belt a few times a second, or drives an MC-2100
 * through the board's own speed loop, cannot do much better. At `maxDuty` its mean speed is the
 * drive's reach with this walker.
 */
export function measureOpenLoop(speedCase: SpeedCase, duty: number): OpenLoopFigures {
  const scheduler = new SimScheduler();
  const options = Object.assign({}, DEFAULT_SIM_OPTIONS, {
    drive: speedCase.drive,
    pulsesPerMeter: speedCase.pulsesPerMeter,
    walkerMode: speedCase.unloaded ? 'off' : speedCase.direction,
    seed: speedCase.seed,
    beltMassKg: speedCase.beltMassKg,
  });
  const sim = createSimTreadmill(scheduler, options);
  sim.motorDirection.write(speedCase.direction === 'backward');
  sim.motorEnable.write(true);
  sim.motorSpeed.write(duty);
  scheduler.advance(15000);
  const samples: number[] = [];
  for (let elapsedMs = 0; elapsedMs < OPEN_LOOP_WINDOW_MS; elapsedMs += options.physicsStepMs) {
    scheduler.advance(options.physicsStepMs);
    samples.push(Math.abs(sim.beltSpeedKph()));
  }
  let sum = 0;
  samples.forEach((speedKph) => {
    sum += speedKph;
  });
  const mean = sum / samples.length;
  let ripple = 0;
  samples.forEach((speedKph) => {
    if (Math.abs(speedKph - mean) > ripple) ripple = Math.abs(speedKph - mean);
  });
  return { meanKph: mean, rippleKph: ripple };
}

/** What happens when the walker steps on or off a belt running steadily at `speedCase.toKph`. */
export interface LoadChangeFigures {
  /** Largest stride-averaged deviation from the target after the change, km/h (signed: - is slower). */
  worstDeviationKph: number;
  /** Time after the change until the stride-averaged speed stays within tolerance, ms (-1: never). */
  recoverMs: number;
  fault: string | null;
}

/**
 * Run at `speedCase.toKph` with the belt loaded as `speedCase.unloaded` says, then step the
 * walker on (when it started unloaded) or off (when it started loaded) and measure.
 */
export function measureLoadChange(speedCase: SpeedCase): LoadChangeFigures {
  const rig = startRig(speedCase);
  const firmware = rig.firmware;
  const trace: Trace = { timeMs: [], speedKph: [], duty: [], cycle: [] };
  runSampling(rig, trace, 10000, () => firmware.status().state === 'running');
  setSpeed(rig, speedCase.toKph);
  runSampling(rig, trace, 60000, () => firmware.status().setpointKph === speedCase.toKph || firmware.status().state !== 'running');
  runSampling(rig, trace, SETTLE_ALLOWANCE_MS + STEADY_WINDOW_MS, null);
  const changeIndex = trace.timeMs.length;
  const changeMs = rig.scheduler.nowMs();
  rig.sim.setWalker(speedCase.unloaded ? speedCase.direction : 'off', DEFAULT_SIM_OPTIONS.walkerMassKg);
  runSampling(rig, trace, 10000, null);
  const windowSamples = Math.round(nominalCycleMs(rig) / rig.sim.options.physicsStepMs);
  const averaged = strideAveraged(trace, changeIndex, windowSamples);
  let worst = 0;
  let recoverMs = 0;
  let lastMean = NaN;
  averaged.forEach((mean, offset) => {
    if (mean !== mean) return;
    lastMean = mean;
    const deviation = mean - speedCase.toKph;
    if (Math.abs(deviation) > Math.abs(worst)) worst = deviation;
    if (Math.abs(deviation) > SETTLE_TOLERANCE_KPH) recoverMs = trace.timeMs[changeIndex + offset] - changeMs;
  });
  if (!(Math.abs(lastMean - speedCase.toKph) <= SETTLE_TOLERANCE_KPH)) recoverMs = -1;
  return { worstDeviationKph: worst, recoverMs, fault: firmware.status().fault };
}

/** How much the closed loop may raise the open-loop ripple where that alone exceeds the target. */
export const RIPPLE_ALLOWANCE = 1.25;
/** How close to the drive's reach a target beyond it must get, km/h. */
export const REACH_TOLERANCE_KPH = 0.05;

/** The verdict on one case: which limits applied, and every one it broke. */
export interface Assessment {
  /** The drive's open-loop speed at maxDuty, km/h, when the target lies beyond it; else null. */
  reachKph: number | null;
  /** The open-loop (physical) ripple, km/h, when the closed-loop ripple exceeds the target; else null. */
  physicalRippleKph: number | null;
  /** Why the case falls short; empty when it meets every limit that applies. */
  failures: string[];
}

/**
 * Judge `figures` of `speedCase` against the targets, or against the physical limit
 * measured on the same simulated treadmill where physics sets it (see speed-tolerances.test.ts):
 * - a target beyond the drive's reach at `maxDuty`: the controller must give about maxDuty and
 *   get within `REACH_TOLERANCE_KPH` of the reach;
 * - ripple: the target where the open-loop ripple is within it, else at most
 *   `RIPPLE_ALLOWANCE` times the open-loop ripple;
 * - settle time: the target, for every case (one pulse per foot included).
 */
export function assessCase(speedCase: SpeedCase, figures: SpeedFigures, maxDuty: number): Assessment {
  const failures: string[] = [];
  const assessment: Assessment = { reachKph: null, physicalRippleKph: null, failures };
  if (figures.fault !== null) failures.push('fault ' + figures.fault);
  if (figures.finalState !== 'running') failures.push('state ' + figures.finalState);
  if (!(figures.overshootKph <= TARGETS.overshootKph)) failures.push('overshoot');
  // A target a little beyond the drive's open-loop reach may still be met within the MAE target
  // (the H-bridge at 16 km/h): the reach limit applies only where the MAE target is missed.
  const reach = figures.maeKph <= TARGETS.maeKph ? null : measureOpenLoop(speedCase, maxDuty);
  if (reach !== null && speedCase.toKph > reach.meanKph) {
    assessment.reachKph = reach.meanKph;
    if (!(figures.meanDuty >= 0.98 * maxDuty)) failures.push('duty short of maxDuty below an unreachable target');
    if (!(speedCase.toKph + figures.meanErrorKph >= reach.meanKph - REACH_TOLERANCE_KPH)) failures.push('short of the reach ' + reach.meanKph.toFixed(3));
    return assessment;
  }
  if (!(figures.maeKph <= TARGETS.maeKph)) failures.push('MAE');
  if (!(figures.settleMs >= 0 && figures.settleMs <= TARGETS.settleMs)) failures.push('settle');
  if (!(figures.rippleKph <= TARGETS.rippleKph)) {
    const physical = measureOpenLoop(speedCase, figures.meanDuty).rippleKph;
    assessment.physicalRippleKph = physical;
    if (!(physical > TARGETS.rippleKph)) failures.push('ripple above the target where a constant duty gives ' + physical.toFixed(3));
    else if (!(figures.rippleKph <= RIPPLE_ALLOWANCE * physical)) failures.push('ripple above ' + RIPPLE_ALLOWANCE + ' x physical ' + physical.toFixed(3));
  }
  return assessment;
}

