// The duty-calibration routine's pure core: open-loop duty steps, settled speed measurement, a monotone map.

import type { TreadmillConfig } from '../config';
import { speedCapKph } from './speed-targets';

/** One point of a duty map: the duty that holds a belt speed (same shape as TreadmillConfig.dutyMap). */
export interface CalibrationPoint {
  speedKph: number;
  duty: number;
}

/** How the routine steps and measures; `dutyCalibrationSettingsFor` in the control loop fills it. */
export interface DutyCalibrationSettings {
  /** First duty of the series, 0..1 (0.05 by default: below every drive's dead band or just above it). */
  firstDuty: number;
  /** Duty added per step, 0..1 (0.05). */
  dutyStep: number;
  /** Last duty the series may use: the configured maxDuty, 0..1. */
  maxDuty: number;
  /** The forward speed cap, km/h: no step whose predicted speed is above it is run. */
  speedCapKph: number;
  /** Time each step settles before it is measured, ms (4000: five time constants of an MC-2100's ramp). */
  settleMs: number;
  /** A measurement spans at least this long, ms (3000)... */
  measureMinMs: number;
  /** ...and at least this many pulse periods (8). */
  measurePulses: number;
  /** A measurement not done after this long (the belt stopped) ends the step as not moving, ms. */
  measureTimeoutMs: number;
  /**
   * After a step that left the belt standing, the duty rests at 0 this long before the next step,
   * ms (100): the next step is a fresh start from standstill, with the encoder-loss check's full
   * start window, instead of inheriting the travel the standing steps were expected to make.
   */
  restMs: number;
  /** Belt travel per encoder pulse, m. */
  metersPerPulse: number;
  /**
   * Travel the encoder-loss check allows at the setpoint before the first pulse after a start, m:
   * a step that has not moved the belt is given up well before the check would trip on it.
   */
  encoderLossTravelM: number;
  /**
   * ...and the time it allows at least, ms (`faults.encoderLossMinWindowMs`): with a fine encoder
   * the travel is a few centimetres, which an MC-2100 in its soft start takes longer than one
   * 100 ms control tick to cover even at a duty that moves the belt.
   */
  encoderLossMinWindowMs: number;
  /** The configured duty map (speed to duty), used to predict a step's speed before anything is measured. */
  configMap: CalibrationPoint[];
}

/**
 * The routine's settings for `config`: duty 0.05, 0.10, ... up to maxDuty, never past the forward
 * cap; 4 s to settle, then at least 3 s and 8 pulse periods of measurement. Called once per run.
 */
export function dutyCalibrationSettingsFor(config: TreadmillConfig): DutyCalibrationSettings {
  const faults = config.faults;
  return {
    firstDuty: 0.05,
    dutyStep: 0.05,
    maxDuty: config.maxDuty,
    speedCapKph: speedCapKph(config, 'forward'),
    settleMs: 4000,
    measureMinMs: 3000,
    measurePulses: 8,
    measureTimeoutMs: 40000,
    restMs: 100,
    metersPerPulse: config.metersPerPulse,
    encoderLossTravelM: (faults.encoderLossPulses + faults.encoderStartAllowancePulses) * config.metersPerPulse,
    encoderLossMinWindowMs: faults.encoderLossMinWindowMs,
    configMap: config.dutyMap,
  };
}

export type DutyCalibrationPhase = 'settling' | 'measuring' | 'resting' | 'done';

/** The routine's progress, updated in place once per control tick. */
export interface DutyCalibrationState {
  phase: DutyCalibrationPhase;
  /** Index of the current step in the series. */
  stepIndex: number;
  /** Duty the current step applies, 0..1. */
  duty: number;
  /** When the current step began, ms. */
  stepStartMs: number;
  /** Pulse count when the step began. */
  stepStartCount: number;
  /** Pulse count and pulse time when the measurement window opened (-1: waiting for its first pulse). */
  measureStartCount: number;
  measureStartPulseMs: number;
  /** The speed the current step is expected to run at, km/h: the fault monitor's reference. */
  referenceKph: number;
  /** Highest duty that left the belt standing (its dead band), or 0 when every step moved it. */
  deadBandDuty: number;
  /** Measured points (duty rising), moving steps only, before monotonicity is enforced. */
  measured: CalibrationPoint[];
  /** Why the series ended, for the log. */
  endReason: string;
}

/** Speed the map gives for `duty`, km/h (the map's inverse, linear between points, flat beyond its ends). Pure. */
export function mapSpeedKph(map: CalibrationPoint[], duty: number): number {
  if (map.length === 0) return 0;
  if (duty <= map[0].duty) return map[0].speedKph;
  for (let index = 1; index < map.length; index++) {
    const upper = map[index];
    if (duty <= upper.duty) {
      const lower = map[index - 1];
      const span = upper.duty - lower.duty;
      return span > 0 ? lower.speedKph + ((duty - lower.duty) / span) * (upper.speedKph - lower.speedKph) : upper.speedKph;
    }
  }
  return map[map.length - 1].speedKph;
}

/**
 * The speed a step at `duty` is expected to reach, km/h. With two measured points, the line
 * through the last two (a bowed MC-2100 curve bends below it, so this errs high and cannot
 * false-trip overspeed); with one, the line from the dead band (or the origin) through it;
 * with none, the configured map's speed at that duty. Pure.
 */
export function predictSpeedKph(state: DutyCalibrationState, settings: DutyCalibrationSettings, duty: number): number {
  const measured = state.measured;
  const count = measured.length;
  if (count === 0) return mapSpeedKph(settings.configMap, duty);
  const upper = measured[count - 1];
  const lowerDuty = count >= 2 ? measured[count - 2].duty : state.deadBandDuty;
  const lowerSpeedKph = count >= 2 ? measured[count - 2].speedKph : 0;
  const span = upper.duty - lowerDuty;
  if (!(span > 0)) return upper.speedKph;
  const slope = (upper.speedKph - lowerSpeedKph) / span;
  return upper.speedKph + slope * (duty - upper.duty);
}

function dutyOfStep(settings: DutyCalibrationSettings, stepIndex: number): number {
  // Computed from the index, rounded, so the series reads 0.05, 0.1, 0.15... without drift.
  return Math.round((settings.firstDuty + stepIndex * settings.dutyStep) * 1e6) / 1e6;
}

function beginStep(state: DutyCalibrationState, settings: DutyCalibrationSettings, stepIndex: number, nowMs: number, pulseCount: number): void {
  state.phase = 'settling';
  state.stepIndex = stepIndex;
  state.duty = dutyOfStep(settings, stepIndex);
  state.stepStartMs = nowMs;
  state.stepStartCount = pulseCount;
  state.measureStartCount = -1;
  state.measureStartPulseMs = -1;
  state.referenceKph = predictSpeedKph(state, settings, state.duty);
}

function finish(state: DutyCalibrationState, reason: string): void {
  state.phase = 'done';
  state.endReason = reason;
  // The stop ramps from here: the belt's last measured speed, not a prediction.
  const count = state.measured.length;
  state.referenceKph = count > 0 ? state.measured[count - 1].speedKph : 0;
}

/** Go to the next step, or end the series when it would pass maxDuty or the speed cap. */
function nextStep(state: DutyCalibrationState, settings: DutyCalibrationSettings, nowMs: number, pulseCount: number): void {
  const nextIndex = state.stepIndex + 1;
  const duty = dutyOfStep(settings, nextIndex);
  if (duty > settings.maxDuty + 1e-9) {
    finish(state, 'reached the highest duty ' + settings.maxDuty);
    return;
  }
  if (predictSpeedKph(state, settings, duty) > settings.speedCapKph) {
    finish(state, 'the next step would pass the speed cap of ' + settings.speedCapKph + ' km/h');
    return;
  }
  beginStep(state, settings, nextIndex, nowMs, pulseCount);
}

/** A new routine at its first step. Called once, when the countdown of a calibration ends. */
export function makeDutyCalibration(settings: DutyCalibrationSettings, nowMs: number, pulseCount: number): DutyCalibrationState {
  const state: DutyCalibrationState = {
    phase: 'settling',
    stepIndex: 0,
    duty: 0,
    stepStartMs: nowMs,
    stepStartCount: pulseCount,
    measureStartCount: -1,
    measureStartPulseMs: -1,
    referenceKph: 0,
    deadBandDuty: 0,
    measured: [],
    endReason: '',
  };
  beginStep(state, settings, 0, nowMs, pulseCount);
  return state;
}

/**
 * Advance the routine by one control tick with the encoder's count and latest pulse time. Sets
 * `state.duty` (open loop) and `state.referenceKph` (the setpoint the fault monitor checks
 * against). A step that gives no pulse within min(settleMs, 80 % of what the encoder-loss check
 * allows at the predicted speed: its travel, and at least its minimum window) is below the dead
 * band; the duty then rests at 0 for `restMs` before the next step. A moving step settles for
 * `settleMs`, then its speed is the travel between the first and last pulse of a window of at
 * least `measurePulses` periods and `measureMinMs`, over the time between them (edge times are
 * exact; no tick quantisation). Allocates only when a point is recorded.
 */
export function stepDutyCalibration(state: DutyCalibrationState, settings: DutyCalibrationSettings, nowMs: number, pulseCount: number, lastPulseMs: number): void {
  if (state.phase === 'done') return;
  const elapsedMs = nowMs - state.stepStartMs;
  if (state.phase === 'resting') {
    if (elapsedMs >= settings.restMs) nextStep(state, settings, nowMs, pulseCount);
    return;
  }
  if (state.phase === 'settling') {
    if (pulseCount === state.stepStartCount) {
      const predictedMps = state.referenceKph / 3.6;
      const allowedMs = predictedMps > 0 ? Math.max(settings.encoderLossMinWindowMs, (settings.encoderLossTravelM * 1000) / predictedMps) : settings.settleMs;
      const noMotionMs = Math.min(settings.settleMs, 0.8 * allowedMs);
      if (elapsedMs >= noMotionMs) {
        // Below the drive's dead band: remembered, so the first moving point's line starts here.
        state.deadBandDuty = state.duty;
        state.referenceKph = 0;
        state.phase = 'resting';
        state.duty = 0;
        state.stepStartMs = nowMs;
      }
      return;
    }
    if (elapsedMs >= settings.settleMs) state.phase = 'measuring';
    return;
  }
  if (state.measureStartCount < 0) {
    // The window opens at a pulse, so it spans whole pulse periods.
    if (pulseCount > state.stepStartCount && lastPulseMs >= state.stepStartMs + settings.settleMs) {
      state.measureStartCount = pulseCount;
      state.measureStartPulseMs = lastPulseMs;
    }
  } else {
    const periods = pulseCount - state.measureStartCount;
    const spanMs = lastPulseMs - state.measureStartPulseMs;
    if (periods >= settings.measurePulses && spanMs >= settings.measureMinMs) {
      // Rounded to 1 m/h: finer than any belt holds, and the stored record stays short.
      const speedKph = Math.round(((periods * settings.metersPerPulse) / (spanMs / 1000)) * 3600) / 1000;
      state.measured.push({ speedKph: speedKph, duty: state.duty });
      state.referenceKph = speedKph;
      nextStep(state, settings, nowMs, pulseCount);
      return;
    }
  }
  if (elapsedMs >= settings.settleMs + settings.measureTimeoutMs) {
    finish(state, 'the belt stopped giving pulses at duty ' + state.duty);
  }
}

/**
 * The duty map to store from measured points: points that do not rise in speed over the last
 * kept one (drive saturation, noise) are dropped, so speed rises strictly and duty never falls;
 * the map starts at standstill with the dead band's duty (0 when every step moved the belt).
 * Returns null when fewer than two moving points remain (nothing worth storing). Pure.
 */
export function buildDutyMap(measured: CalibrationPoint[], deadBandDuty: number): CalibrationPoint[] | null {
  const map: CalibrationPoint[] = [{ speedKph: 0, duty: deadBandDuty }];
  measured.forEach(function (point) {
    const last = map[map.length - 1];
    if (point.duty < deadBandDuty) return;
    if (point.speedKph > last.speedKph && point.duty >= last.duty) map.push({ speedKph: point.speedKph, duty: point.duty });
  });
  return map.length >= 3 ? map : null;
}
