// Closed-loop belt speed: feed-forward from a duty map with ramp lead, plus PI correction scheduled by pulse rate.

import { HARD_CAPS, type TreadmillConfig } from '../config';
import { pulseIntervalMs } from './speed-estimator';

/**
 * What the controller reads from the speed estimator once per tick (a `SpeedEstimate` fits).
 * A "measurement" is one period: the belt travel of one or more pulses over the time they span.
 */
export interface SpeedMeasurement {
  /** Estimated belt speed, km/h, positive. */
  speedKph: number;
  /** Measurements since the belt started moving; 0 means its speed is not known yet. */
  measurementCount: number;
  /** Whether this tick brought a new measurement. */
  measuredNow: boolean;
  /** Time the latest measurement spans, ms. */
  measurementSpanMs: number;
  /** Time from the newest pulse to now, ms; -1 before any pulse. */
  pulseAgeMs: number;
  /** Whether this tick's newest pulse starts a span without ending a measurement. */
  spanRestarted: boolean;
}

/** Controller memory, updated in place each tick (nothing is allocated per tick). */
export interface ControllerState {
  /** Integral term, already in duty units (-maxDuty..maxDuty). */
  integralDuty: number;
  /** Duty produced on the last step, 0..1. */
  duty: number;
  /** Setpoint of the last step, km/h (gives the ramp rate). */
  lastSetpointKph: number;
  /** Time driven since the last pulse while no measurement exists, ms. */
  unmeasuredMs: number;
  /** Setpoint integrated since the newest pulse, km/h x ms (the setpoint's share of the span). */
  spanSetpointKphMs: number;
  /** Part of the current span during which the setpoint stood still, ms. */
  spanSteadyMs: number;
  /** Integral error already applied in this span by the overdue-pulse rule, km/h x s. */
  spanProvisionalKphS: number;
  /** Whether the span accumulators started at a pulse (false after a reset). */
  spanValid: boolean;
  /**
   * Share (0..1) of the load allowance still withheld since the start: 1 after a reset (0 with no
   * allowance configured), lowered by overdue-pulse evidence, handed to the integral at the first
   * measurement from the slowest running speed up (then 0 until the next reset).
   */
  unprovenShare: number;
  /** `unprovenShare` and `integralDuty` at the newest pulse (what evidence in this span may give back). */
  spanStartShare: number;
  spanStartIntegralDuty: number;
  /** Duty the overdue-pulse evidence gave back to a below-map integral in this span. */
  spanRestoredDuty: number;
  /**
   * Before the first measurement, once the whole map is applied: setpoint travel since then or
   * since the newest pulse, km/h x ms, and the integral at that moment (for `HEAVY_WALKER_SHARE`).
   */
  unmeasuredSetpointKphMs: number;
  unmeasuredStartIntegralDuty: number;
  /** Before the first measurement: how long the whole map has been applied, ms. */
  mapWholeMs: number;
  /** Fastest rise of the setpoint since the reset, km/h/s (the start ramp's rate, see `CATCH_UP_LEADS`). */
  riseKphPerS: number;
  /** Time the start's catch-up lead still applies, ms (see `CATCH_UP_LEADS`). */
  catchUpMs: number;
  /**
   * The feed-forward duty last computed and the setpoint it was for: at a steady setpoint the
   * map's interpolation is not repeated every tick (on the interpreter it costs a loop over the
   * map). Depends on the settings' map only, so a reset keeps it.
   */
  feedForwardSpeedKph: number;
  feedForwardDuty: number;
  /** The map segment (index of its upper point) the last lookup fell in (see `mapDuty`). */
  mapSegment: number;
  /** Nothing has changed since the last reset (`resetController`): a zero setpoint need not reset again. */
  cleared: boolean;
}

/** Fixed settings of the controller, derived once from the configuration by `controllerSettingsFor`. */
export interface ControllerSettings {
  /** Points (km/h, duty) sorted by speed; the duty that holds each speed with a typical load. */
  dutyMap: { speedKph: number; duty: number }[];
  /** Duty per km/h of error, for measurements at most `fullGainSpanMs` old. */
  proportionalGain: number;
  /** Duty per km/h x s of error, while measurements come often; the overdue-pulse rule's pace. */
  integralGain: number;
  /** The same for a measurement's exact error: `FINE_INTEGRAL_FACTOR` times it with a fine encoder. */
  measuredIntegralGain: number;
  maxDuty: number;
  /** Belt travel per encoder pulse, m. */
  metersPerPulse: number;
  /** Slowest running speed, km/h: the ramp lead never aims below it. */
  minSpeedKph: number;
  /** How far ahead of a ramping setpoint the feed-forward aims, s (about the drive's lag). */
  rampLeadS: number;
  /**
   * How far a belt may trail a rising setpoint without proving a load, s: `rampLeadS` plus the
   * loop's own lag (`loopLagMs`).
   */
  trailingLagS: number;
  /** Measurement span up to which the proportional gain applies in full, ms (`FULL_GAIN_SPAN_MS`). */
  fullGainSpanMs: number;
  /** Whether the encoder is fine (`FINE_PULSE_INTERVAL_MS`): it earns the steady share. */
  fineEncoder: boolean;
  /**
   * Duty per km/h that the duty map says removes a speed error (its average slope). One
   * measurement may add at most a share of it to the integral (`INTEGRAL_STEP_FRACTION` and
   * the like), which bounds the integral when pulses are sparse.
   */
  integralStepDutyPerKph: number;
  /** Part of the duty map that holds the walker's weight, duty (see `TreadmillConfig.loadAllowanceDuty`). */
  loadAllowanceDuty: number;
}

/**
 * Measurement span up to which the proportional gain applies in full, ms: a fine encoder's span
 * over two 20 ms ticks, the period the gains were tuned at. Not scaled with the control period:
 * a longer tick makes every span at least a tick long and answers each footfall a tick (plus the
 * board's tick time) later, and the full gain on 100 ms spans raised the footfall ripple
 * (0.301 km/h on the H-bridge at 8 km/h) and, on 200 ms spans of a one-pulse-per-foot sensor,
 * pulled an MC-2100 near its dead band on a ramp down (1.7 km/h below 2 km/h, measured). At the
 * 50-250 ms periods the boards run, spans up to `SLOW_PROPORTIONAL_SPAN_MS` thus get the slow
 * share (a fine encoder at a steady setpoint excepted: `STEADY_FULL_GAIN_SPAN_MS`), and the
 * integral's exact per-measurement correction does the rest.
 */
export const FULL_GAIN_SPAN_MS = 40;
/**
 * A fine encoder (a pulse at least this often at the slowest running speed, ms: from about 72
 * pulses per metre) at a steady setpoint gets at least half the proportional gain, and a share
 * growing with the span beyond half `STEADY_FULL_GAIN_SPAN_MS`, whole from it. Why: at a steady
 * setpoint an error is a disturbance, mostly a walker stepping on or off; a direct drive's belt
 * then moves 1.9 km/h within about its 0.47 s time constant, and a loop that reads it only every
 * 200 ms, and answers a tick time later, must correct harder per tick to keep the excursion
 * within 1 km/h (with the slow share: 1.05-1.17 km/h at 200 ms, and overspeed trips at 0.8 km/h;
 * measured). A span of many pulses is the belt's mean over the whole tick, so it is not stale;
 * averaging over a longer span also takes more of the footfalls out of the reading (a 100 ms span
 * keeps 95 % of a 1.8 Hz swing, a 250 ms one 70 %), which is why the share may grow with it: the
 * whole gain on 100 ms spans raised the footfall ripple above its target (0.301 km/h), half of it
 * did not (0.286). Not while the setpoint ramps: there the error is mostly the drive's lag, which
 * the lead covers, and a stronger correction drove an MC-2100 into its dead band on a ramp down.
 */
export const FINE_PULSE_INTERVAL_MS = 50;
export const STEADY_FULL_GAIN_SPAN_MS = 200;
/**
 * A fine encoder's gain on a measurement's exact error is this many times the configured integral
 * gain (the overdue-pulse rule keeps the configured pace: a fine encoder's late pulse is more
 * often noise). Why: its measurements
 * are fresh means over a tick, and the proportional term alone, at a 100-200 ms tick with the
 * outputs a tick time late, let a direct drive's belt stray more than 1 km/h when a walker
 * stepped on or off (1.0-1.07 km/h at 100 ms, measured; the MC-2100's own tachometer loop holds
 * its speed under load, and it does not mind). Not for a sparse encoder: there the overdue-pulse
 * rule integrates the time since the last pulse, and with a noisy sensor (spurious edges read as
 * a fast belt, then a long gap) twice the gain wound the integral up until a 4 km/h belt swung to
 * 5.3-5.5 km/h at some periods of 175-250 ms (measured); and at twice the gain a one-pulse-per-foot
 * step from 10 to 0.8 km/h settled late.
 */
export const FINE_INTEGRAL_FACTOR = 2;
/**
 * Spans at and below this get at least `SLOW_PROPORTIONAL_FRACTION` of the proportional gain;
 * longer ones a share falling as 1/span, ms. Why: a one-pulse-per-foot sensor at walking pace
 * measures every 0.3-1.4 s, and a correction sized for fresh readings would overshoot on such
 * old, averaged ones; while the span covers part of a footfall the proportional term would only
 * echo the footfall ripple, so it stays small there too.
 */
const SLOW_PROPORTIONAL_SPAN_MS = 300;
const SLOW_PROPORTIONAL_FRACTION = 0.25;
/** Before the first measurement after a start, the integral acts only once the belt is proven slower than this share of the setpoint. */
const STALLED_FRACTION = 0.5;
/**
 * Share of the duty map's slope one measurement may add to the integral (40 % of dead-beat):
 * with spans shorter than the drive's lag the belt has not finished answering the last step
 * when the next measurement comes, and a bigger share would overshoot.
 */
export const INTEGRAL_STEP_FRACTION = 0.4;
/**
 * Spans this long (one pulse per foot below about 0.9 km/h) outlast the slowest drive's lag (an
 * MC-2100 ramps its reference over about 0.8 s), so each measurement shows a settled belt and may
 * correct more of the error, ms.
 */
export const LONG_SPAN_MS = 1200;
export const LONG_SPAN_STEP_FRACTION = 0.6;
/**
 * A measurement this far above the setpoint, km/h, is corrected with `OVERSPEED_STEP_FRACTION`
 * (full dead-beat): a belt running away from its walker is worse than one lagging.
 */
const OVERSPEED_CORRECTION_KPH = 0.4;
const OVERSPEED_STEP_FRACTION = 1;
/** How far feed-forward plus integral may sit above maxDuty, duty (see the anti-windup rule). */
export const WINDUP_HEADROOM_DUTY = 0.05;
/**
 * Evidence that the belt is slower than the setpoint: the setpoint's travel since the newest
 * pulse (or since the start, before any) beyond one pulse of belt travel, which the belt has not
 * covered. Past `LOAD_EVIDENCE_DEAD_PULSES` pulses of it, withheld load duty (and an integral
 * below the map) comes back in proportion, wholly after `LOAD_EVIDENCE_FULL_PULSES` more.
 * Why a dead zone: a belt that merely lags a ramp by a few centimetres, or a footfall that delays
 * a pulse, proves no load. Why proportional: a belt under a walker breaks away part way, and its
 * next pulse stops the give-back there. With one pulse per foot at 0.8 km/h the evidence starts
 * 0.07 s after the pulse was due and is whole 0.7 s later.
 */
export const LOAD_EVIDENCE_DEAD_PULSES = 0.05;
export const LOAD_EVIDENCE_FULL_PULSES = 0.5;
/**
 * Once a start has given back part of the allowance, the rest follows over this many pulses of
 * setpoint travel whatever the pulses do (0.7 s with one pulse per foot at 0.8 km/h): only a belt
 * held back by a load falls behind the unloaded feed-forward, and the first pulse of a belt just
 * breaking away must not leave it half driven until its next pulse is overdue.
 */
export const START_RELEASE_PULSES = 0.25;
/**
 * Below the slowest running speed the allowance shrinks linearly, to nothing at this share of
 * that speed: the map's segment from standstill is steeper than an empty direct drive's line
 * (which starts at the duty the belt's own friction needs), so withholding in plain proportion
 * would leave an empty belt standing through the first part of the start ramp.
 */
export const LOAD_SCALE_ORIGIN = 0.15;
/**
 * Before the first measurement, with the whole map applied and still no pulse, the same evidence
 * (counted afresh from when the map was whole, or from the newest pulse) adds up to this share of
 * the allowance above the map: a walker about half again as heavy as the map's (100 kg on a
 * direct drive needs about 0.03 more duty) must get the belt moving within the encoder-loss
 * window. Replaces the slower `STALLED_FRACTION` rule when an allowance is configured.
 */
export const HEAVY_WALKER_SHARE = 0.5;
/**
 * The evidence for `HEAVY_WALKER_SHARE` counts only at a steady setpoint, once the whole map has
 * been applied this long, ms: about the mechanical time constant of a direct drive's belt (0.47 s
 * with the reference treadmill's 75 kg reflected mass), the only drives given an allowance; a
 * fine encoder would otherwise prove a belt "held back" before it could have moved. Longer costs
 * heavy walkers their margin: with one pulse per foot at 0.8 km/h, 1.5 s let a 110 kg walker's
 * start outlast the encoder-loss window at three of seven belt positions (measured).
 */
export const HEAVY_SETTLE_MS = 500;
/**
 * Once the belt has given a pulse since the start, the `HEAVY_WALKER_SHARE` give-back is at most
 * this many times the dead-beat correction of the deficit the overdue pulse proves (the setpoint
 * less one pulse over the time since it). Why: a walker of about 90 kg moves the belt at 0.3-0.7
 * km/h on the map, and the whole share (more than such a walker needs) pushed it to 1.2 km/h
 * at a 0.8 km/h start; with the cap it peaks at about 1.0 (measured at seven belt positions, one
 * pulse per foot). Above 1, because that deficit is the least the belt lags, not the most: at 1
 * a 110 kg walker's crawl outlasted the encoder-loss window at one belt position of seven. A
 * belt still short of its first pulse may be standing under a walker too heavy for the map, and
 * gets the whole share.
 */
export const HEAVY_MOVING_DEADBEAT = 1.5;
/**
 * A start proven loaded by a missing pulse had its belt held below breakaway through the start
 * ramp, so the belt begins its ramp only then, from standstill, with the setpoint already at or
 * near the target. For this many `rampLeadS` after that proof the feed-forward aims ahead as the
 * start ramp's own lead did (its rate times `rampLeadS`; where a ramp still runs, only what that
 * lead lacks), so the belt catches up in about the time the drive takes to answer a ramp instead
 * of creeping up on the target (measured on the H-bridge with one pulse per foot: a 0.8 km/h
 * start settles in 1.7 s after the ramp instead of 2.3 s). The start ramp's rate keeps it as
 * gentle as the direction asks (backward ramps at a third of forward's rate).
 */
export const CATCH_UP_LEADS = 2;

/**
 * Share of the control period a board's tick may take before it writes its outputs (the tick's
 * share of the CPU the boards are held to: hal/espruino/boards/board-timing.ts).
 */
export const TICK_SHARE = 0.25;

/**
 * How long the loop itself lags the setpoint at `controlPeriodMs`, ms: the drive holds each
 * tick's command for a period (half a period behind a ramping setpoint on average), and gets it a
 * tick time (`TICK_SHARE` of a period) after the tick began. Negligible at 20 ms; at 250 ms,
 * 0.19 s, half the drive's own lag again, and without it a fine encoder on an empty H-bridge belt
 * proved a load that was not there (its backward start ran the belt to 1.7 km/h and tripped
 * overspeed, measured). Counting a whole period instead made sparse starts settle 0.1 s late.
 * Pure.
 */
export function loopLagMs(controlPeriodMs: number): number {
  return controlPeriodMs * (0.5 + TICK_SHARE);
}

/** Controller settings from the configuration. Called once when the firmware is built. */
export function controllerSettingsFor(config: TreadmillConfig): ControllerSettings {
  const map = config.dutyMap;
  const first = map[0];
  const last = map[map.length - 1];
  const spanKph = last.speedKph - first.speedKph;
  const averageSlope = spanKph > 0 ? (last.duty - first.duty) / spanKph : 0;
  const fineEncoder = pulseIntervalMs(config.metersPerPulse, config.minSpeedKph) <= FINE_PULSE_INTERVAL_MS;
  return {
    dutyMap: map,
    proportionalGain: config.proportionalGain,
    integralGain: config.integralGain,
    measuredIntegralGain: fineEncoder ? FINE_INTEGRAL_FACTOR * config.integralGain : config.integralGain,
    maxDuty: config.maxDuty,
    metersPerPulse: config.metersPerPulse,
    minSpeedKph: config.minSpeedKph,
    rampLeadS: config.rampLeadS,
    trailingLagS: config.rampLeadS + loopLagMs(config.controlPeriodMs) / 1000,
    fullGainSpanMs: FULL_GAIN_SPAN_MS,
    fineEncoder,
    integralStepDutyPerKph: averageSlope,
    loadAllowanceDuty: config.loadAllowanceDuty,
  };
}

export function makeControllerState(): ControllerState {
  const state: ControllerState = {
    integralDuty: 0,
    duty: 0,
    lastSetpointKph: 0,
    unmeasuredMs: 0,
    spanSetpointKphMs: 0,
    spanSteadyMs: 0,
    spanProvisionalKphS: 0,
    spanValid: false,
    unprovenShare: 1,
    spanStartShare: 1,
    spanStartIntegralDuty: 0,
    spanRestoredDuty: 0,
    unmeasuredSetpointKphMs: 0,
    unmeasuredStartIntegralDuty: 0,
    mapWholeMs: 0,
    riseKphPerS: 0,
    catchUpMs: 0,
    feedForwardSpeedKph: -1,
    mapSegment: 1,
    feedForwardDuty: 0,
    cleared: true,
  };
  return state;
}

/** Feed-forward duty for a speed: linear interpolation in the map, flat beyond its ends. */
export function feedForwardDuty(dutyMap: { speedKph: number; duty: number }[], speedKph: number): number {
  if (dutyMap.length === 0) return 0;
  if (speedKph <= dutyMap[0].speedKph) return dutyMap[0].duty;
  for (let index = 1; index < dutyMap.length; index++) {
    const upper = dutyMap[index];
    if (speedKph <= upper.speedKph) {
      const lower = dutyMap[index - 1];
      const span = upper.speedKph - lower.speedKph;
      const fraction = span > 0 ? (speedKph - lower.speedKph) / span : 1;
      return lower.duty + fraction * (upper.duty - lower.duty);
    }
  }
  return dutyMap[dutyMap.length - 1].duty;
}

/**
 * `feedForwardDuty` of the settings' map, the same value, trying first the segment the last
 * lookup fell in: a ramp stays in one segment for many ticks, and on the interpreter each pass of
 * `feedForwardDuty`'s search costs about as much as a few statements. The map rises strictly in
 * speed (the configuration and the calibration record refuse any other), so a speed above a
 * segment's lower point and at most its upper one is in that segment and no earlier one.
 */
export function mapDuty(state: ControllerState, dutyMap: { speedKph: number; duty: number }[], speedKph: number): number {
  const segment = state.mapSegment;
  if (segment < dutyMap.length) {
    const lower = dutyMap[segment - 1];
    const upper = dutyMap[segment];
    if (speedKph > lower.speedKph && speedKph <= upper.speedKph) return lower.duty + ((speedKph - lower.speedKph) / (upper.speedKph - lower.speedKph)) * (upper.duty - lower.duty);
  }
  // Elsewhere: remember the segment the speed is in (none below the first point or above the last).
  for (let index = 1; index < dutyMap.length; index++) {
    if (speedKph <= dutyMap[index].speedKph) {
      if (speedKph > dutyMap[index - 1].speedKph) state.mapSegment = index;
      break;
    }
  }
  return feedForwardDuty(dutyMap, speedKph);
}

/**
 * Share of the proportional gain for a measurement spanning `spanMs`: 1 up to `fullGainSpanMs`,
 * then falling as the square of the ratio, but never below the slow share (see
 * `SLOW_PROPORTIONAL_SPAN_MS`). Pure.
 */
export function proportionalShare(spanMs: number, fullGainSpanMs: number): number {
  // Up to the full-gain span the whole gain (the slow share is at most a quarter).
  if (spanMs <= fullGainSpanMs) return 1;
  const fast = (fullGainSpanMs / spanMs) * (fullGainSpanMs / spanMs);
  const slow = spanMs <= SLOW_PROPORTIONAL_SPAN_MS ? SLOW_PROPORTIONAL_FRACTION : (SLOW_PROPORTIONAL_FRACTION * SLOW_PROPORTIONAL_SPAN_MS) / spanMs;
  return fast > slow ? fast : slow;
}

/**
 * Integral gain for a measurement spanning `spanMs`, duty per km/h x s: `gain` (the settings'
 * `integralGain`, or `measuredIntegralGain` for a measurement's exact error), but one measurement
 * never adds more than `stepFraction` x `integralStepDutyPerKph` per km/h of error. Pure.
 */
export function integralGainFor(spanMs: number, settings: ControllerSettings, stepFraction: number, gain: number): number {
  const perMeasurement = (settings.integralStepDutyPerKph * stepFraction * 1000) / (spanMs > 1 ? spanMs : 1);
  return perMeasurement < gain ? perMeasurement : gain;
}

/**
 * Integral gain that removes a measurement's whole error in one step, duty per km/h x s: the duty
 * map's slope over the span. For a belt a sparse encoder measures running away from its setpoint
 * (`OVERSPEED_CORRECTION_KPH`): capped at the configured gain, a direct drive's belt that a
 * walker stepped off at 8 km/h, read by one pulse per foot, tripped overspeed at some periods of
 * 75-250 ms before the integral caught up (measured). Not for a fine encoder: its spans are a
 * tick long, shorter than the drive's answer, and dead-beat on each of them over-corrected a belt
 * at 0.8 km/h until it never settled (it has twice the integral gain instead). Pure.
 */
export function deadBeatGainFor(spanMs: number, settings: ControllerSettings): number {
  return (settings.integralStepDutyPerKph * OVERSPEED_STEP_FRACTION * 1000) / (spanMs > 1 ? spanMs : 1);
}

/**
 * Whether a start on a load-sensitive drive (one with a load allowance) has yet to show its belt
 * moving: no pulse since the start. The control loop holds the setpoint ramp at the start speed
 * until then. Why: a bare DC motor's belt under a heavy walker stands on the withheld duty, and
 * then on the map until the heavy-walker evidence gives it more; a start straight to 4 km/h (a
 * program's first segment), or a faster target set while it stood, ran the setpoint away from it,
 * and the encoder-loss window, counted in setpoint travel, ran out before the belt reached its
 * first mark (measured with one pulse per foot: 100 kg tripped 3.1 s into a ramp to 4 km/h, 110 kg
 * 1.5 s into one to 3 km/h). At the start speed the belt gets going as on every 0.8 km/h start. A
 * drive without an allowance follows its duty under any walker and is not held. Pure.
 */
export function awaitingBeltMovement(state: ControllerState, settings: ControllerSettings): boolean {
  return settings.loadAllowanceDuty > 0 && !state.spanValid;
}

/** Forget the integral (on stop, fault, or any state where the motor is not driven). */
export function resetController(state: ControllerState): void {
  state.integralDuty = 0;
  state.duty = 0;
  state.lastSetpointKph = 0;
  state.unmeasuredMs = 0;
  state.spanSetpointKphMs = 0;
  state.spanSteadyMs = 0;
  state.spanProvisionalKphS = 0;
  state.spanValid = false;
  state.unprovenShare = 1;
  state.spanStartShare = 1;
  state.spanStartIntegralDuty = 0;
  state.spanRestoredDuty = 0;
  state.unmeasuredSetpointKphMs = 0;
  state.unmeasuredStartIntegralDuty = 0;
  state.mapWholeMs = 0;
  state.riseKphPerS = 0;
  state.catchUpMs = 0;
  state.cleared = true;
}

/**
 * Share (0..1) of a below-map duty that the evidence of the current span gives back: none while
 * the setpoint has travelled less than one pulse plus the dead zone since the span began, all of
 * it `LOAD_EVIDENCE_FULL_PULSES` later. Pure.
 */
export function loadEvidenceShare(spanSetpointKphMs: number, metersPerPulse: number): number {
  const shortfallM = spanSetpointKphMs / 3600 - metersPerPulse * (1 + LOAD_EVIDENCE_DEAD_PULSES);
  if (shortfallM <= 0) return 0;
  const share = shortfallM / (metersPerPulse * LOAD_EVIDENCE_FULL_PULSES);
  return share < 1 ? share : 1;
}

/*
 * The parts of a step that run only now and then (before the first measurement, on load
 * evidence, on an overdue pulse, in the catch-up after a start) are functions of their own. Why:
 * the interpreter reads every token of a function's text it passes, executed or not, and a
 * token it only passes costs about a sixth of one it runs; written inline, these parts made the
 * steady step pass over about 500 more tokens it never ran (1,727 tokens in all, 1,224 now).
 * Measured on the Jolt.js: 3.13 M to 3.04 M instructions a running tick.
 */

/**
 * Before the first measurement: the speed the belt is taken to run at, km/h. Speed not known yet:
 * assume the belt follows the setpoint unless the pulse it has not given proves it slower (one
 * pulse of travel in the time waited). Also keeps the time and setpoint travel the heavy-walker
 * evidence counts (`heavyWalkerFloor`).
 */
function unmeasuredFeedbackKph(state: ControllerState, setpointKph: number, measurement: SpeedMeasurement, dtMs: number, ramping: boolean, settings: ControllerSettings): number {
  // While load duty is still withheld, overdue pulses give that back first (applyLoadEvidence);
  // the belt's proven pace counts from when the whole map is applied.
  // With sparse pulses only steady time counts toward that proof: a drive lags a ramp (an
  // MC-2100 stands in its dead band, then ramps its own reference), and with the first mark up
  // to a pulse away a slow backward ramp looked like a stalled belt for seconds; the integral
  // then overshot by 0.2 km/h once the belt moved (measured at 0.8 km/h backward, one pulse per
  // foot, with the belt half a pulse or more from the next mark). Fine pulses measure long before.
  const provingMs = ramping && pulseIntervalMs(settings.metersPerPulse, setpointKph) >= LONG_SPAN_MS ? 0 : dtMs;
  state.unmeasuredMs = measurement.spanRestarted || state.unprovenShare > 0 ? 0 : state.unmeasuredMs + provingMs;
  state.mapWholeMs = state.unprovenShare > 0 ? 0 : state.mapWholeMs + dtMs;
  // Only the travel after the settle time counts, also within the tick that crosses it (a whole
  // 250 ms tick of it would make the evidence a tick early).
  const settledMs = state.mapWholeMs - HEAVY_SETTLE_MS;
  if (measurement.spanRestarted || ramping || settledMs <= 0) {
    state.unmeasuredSetpointKphMs = 0;
    state.unmeasuredStartIntegralDuty = state.integralDuty;
  } else {
    state.unmeasuredSetpointKphMs += setpointKph * (settledMs < dtMs ? settledMs : dtMs);
  }
  const boundKph = (settings.metersPerPulse / (state.unmeasuredMs > 1 ? state.unmeasuredMs : 1)) * 3600;
  return boundKph < setpointKph ? boundKph : setpointKph;
}

/**
 * No pulse since the span began, and evidence that the belt is held back (`evidence` > 0, from
 * `loadEvidenceShare`) or a start proven loaded still being released: give back withheld load duty
 * in proportion to the setpoint travel proven missing (see LOAD_EVIDENCE_DEAD_PULSES), and bring
 * an integral below the map back up.
 */
function applyLoadEvidence(state: ControllerState, evidence: number, setpointKph: number, dtMs: number, measured: boolean, settings: ControllerSettings): void {
  const shareBefore = state.unprovenShare;
  if (!measured && state.unprovenShare > 0 && state.unprovenShare < 1) {
    // A start already proven loaded: the rest follows at a steady pace (START_RELEASE_PULSES).
    const share = state.unprovenShare - (setpointKph * dtMs) / 3600 / (settings.metersPerPulse * START_RELEASE_PULSES);
    state.unprovenShare = share > 0 ? share : 0;
  } else if (evidence > 0) {
    const share = state.spanStartShare * (1 - evidence);
    if (share < state.unprovenShare) state.unprovenShare = share;
    // The first proof of a start, with no pulse since: the belt stood through the ramp (see CATCH_UP_LEADS).
    if (!state.spanValid && shareBefore >= 1 && share < 1) state.catchUpMs = CATCH_UP_LEADS * settings.rampLeadS * 1000;
  }
  // The drive's command moved within this span: its travel says nothing about the steady state.
  if (state.unprovenShare !== shareBefore) state.spanSteadyMs = 0;
  if (evidence > 0) {
    const floorDuty = state.spanStartIntegralDuty * (1 - evidence);
    if (settings.loadAllowanceDuty > 0 && state.spanStartIntegralDuty < 0 && state.integralDuty < floorDuty) {
      state.spanRestoredDuty += floorDuty - state.integralDuty;
      state.integralDuty = floorDuty;
    }
  }
}

/**
 * Before the first measurement on a load-sensitive drive: a belt still standing on the whole map
 * carries a heavier walker (see HEAVY_WALKER_SHARE); the integral is raised to match.
 */
function heavyWalkerFloor(state: ControllerState, setpointKph: number, feedbackKph: number, settings: ControllerSettings): void {
  const heavy = loadEvidenceShare(state.unmeasuredSetpointKphMs, settings.metersPerPulse);
  let heavyDuty = HEAVY_WALKER_SHARE * settings.loadAllowanceDuty * heavy;
  // A belt that has passed a mark since the start moves: no more than the deficit its overdue
  // pulse proves calls for (see HEAVY_MOVING_DEADBEAT).
  const provenDuty = HEAVY_MOVING_DEADBEAT * settings.integralStepDutyPerKph * (setpointKph - feedbackKph);
  if (state.spanValid && heavyDuty > provenDuty) heavyDuty = provenDuty > 0 ? provenDuty : 0;
  const floorDuty = state.unmeasuredStartIntegralDuty + heavyDuty;
  if (heavy > 0 && state.integralDuty < floorDuty) {
    state.spanRestoredDuty += floorDuty - state.integralDuty;
    state.integralDuty = floorDuty;
  }
}

/**
 * The belt proven slower than `boundKph` (below the setpoint) since its newest pulse: the integral
 * error of this tick, km/h x s, counted toward the span's exact error. With `floorAllowed` (a
 * measured belt at a steady setpoint) and pulses a second or more apart, the integral is also
 * raised at once to what a measurement now would give at least.
 */
function overdueErrorKphS(state: ControllerState, setpointKph: number, boundKph: number, measurement: SpeedMeasurement, dtMs: number, floorAllowed: boolean, stepFraction: number, settings: ControllerSettings): number {
  const errorKphS = (setpointKph - boundKph) * (dtMs / 1000);
  state.spanProvisionalKphS += errorKphS;
  if (floorAllowed && pulseIntervalMs(settings.metersPerPulse, setpointKph) >= LONG_SPAN_MS && state.spanSteadyMs >= measurement.pulseAgeMs - dtMs) {
    // Pulses a second or more apart, at a steady setpoint: the belt's pace since the newest
    // pulse is at most the bound, so a measurement now could show no smaller error, and the
    // integral is at least what such a measurement would give (a heavy walker stepping onto
    // a slow belt would otherwise outlast the encoder-loss window while the integral crept
    // up). The exact measurement replaces this where larger, as with the load evidence. Not
    // for finer pulses: there a late pulse is more often sensor noise, and the next measurement
    // comes soon anyway.
    const floorDuty = state.spanStartIntegralDuty + settings.integralStepDutyPerKph * stepFraction * (setpointKph - boundKph);
    if (state.integralDuty < floorDuty) {
      state.spanRestoredDuty += floorDuty - state.integralDuty;
      state.integralDuty = floorDuty;
    }
  }
  return errorKphS;
}

/** The start's catch-up duty above the lead (see CATCH_UP_LEADS), counting down its time. */
function catchUpDuty(state: ControllerState, setpointKph: number, feedForward: number, lead: number, dtMs: number, settings: ControllerSettings): number {
  let catchUp = mapDuty(state, settings.dutyMap, setpointKph + state.riseKphPerS * settings.rampLeadS) - feedForward - lead;
  if (catchUp < 0) catchUp = 0;
  // The duty holds until the next tick: in the last tick, only the part of it still due (a
  // 250 ms tick would otherwise stretch 0.8 s of catch-up to 1 s, and the belt overshoot).
  if (state.catchUpMs < dtMs) catchUp *= state.catchUpMs / dtMs;
  state.catchUpMs -= dtMs;
  return catchUp;
}

/**
 * One control step, once per control tick while the motor may be driven: returns the duty
 * 0..maxDuty for `setpointKph` given this tick's `measurement`. A zero setpoint gives zero duty
 * (no creep) and resets the controller. Allocates nothing. Works for any control period of
 * 50-250 ms with the outputs reaching the drive up to about 30 % of a period late (a board's tick
 * time), as the closed-loop tests and `npm run bench` show per board.
 *
 * The duty is feed-forward (the map at the setpoint, aimed `rampLeadS` ahead while the setpoint
 * ramps, so a lagging drive keeps up) plus a proportional and an integral correction:
 * - The proportional term uses the latest measurement, with a gain scheduled by the time the
 *   measurement spans (`proportionalShare`): full for spans up to 40 ms, small for one pulse per
 *   foot, whose readings are old and averaged; a fine encoder at a steady setpoint gets at least
 *   half (`STEADY_FULL_GAIN_SPAN_MS`), so a walker stepping on or off is corrected at a long tick.
 * - The integral moves only when a measurement arrives, by the setpoint's travel over that
 *   measurement's span minus the belt's travel (exact however sparse the pulses, and free of
 *   the lag a per-tick integral of a stale reading would add), with a per-measurement step
 *   capped at a share of the duty map's slope (`integralGainFor`). It holds while the setpoint
 *   ramps (the lead covers that), ignores spans that began on a ramp, and waits for the first
 *   measurement after a start, unless an overdue pulse proves the belt far slower than the
 *   setpoint (a stalled start, a walker stepping onto a lightly driven belt). A belt measured
 *   well above the setpoint is corrected at full dead-beat.
 * - Anti-windup: the integral does not grow while feed-forward plus integral sit at a duty limit
 *   in the same direction (up to a small headroom above maxDuty), and is bounded to +-maxDuty.
 * - Unproven load (`loadAllowanceDuty`): the map assumes a walker. On a direct drive an empty
 *   belt runs about 1.9 km/h faster on it, within a quarter second, while one pulse per foot
 *   gives its first reading 1-3 s after a start; the overspeed rule rightly trips on that
 *   reading. So from a start until the belt is measured, the controller withholds the allowance
 *   and gives it back only as overdue pulses prove the belt held back (`loadEvidenceShare`; an
 *   MC-2100 in its dead band and a loaded direct drive below breakaway both stand still, and get
 *   the whole map about 1.2 pulses of setpoint travel after the start); at the first measurement
 *   what is still withheld moves into the integral. The same evidence brings an integral below
 *   the map back up (a walker stepping onto an empty belt that the controller learned to drive
 *   lightly); the next measurement's exact correction replaces that give-back where larger. On a
 *   stop, once the setpoint falls below the slowest running speed, the allowance is withheld
 *   again (less what the integral already holds below the map): a walker stepping off then
 *   cannot speed the empty belt up, and a loaded belt is let go a little sooner.
 */
export function stepController(state: ControllerState, setpointKph: number, measurement: SpeedMeasurement, dtMs: number, settings: ControllerSettings): number {
  if (setpointKph <= 0) {
    // Already forgotten: nothing to do (the last ticks of every stop come here, and on the
    // interpreter the reset's twenty assignments cost about a call's worth each tick).
    if (!state.cleared) resetController(state);
    return 0;
  }
  state.cleared = false;
  // Nothing to withhold on a drive whose speed does not follow its load (allowance 0).
  if (!(settings.loadAllowanceDuty > 0)) state.unprovenShare = 0;
  let rateKphPerS = dtMs > 0 ? (setpointKph - state.lastSetpointKph) / (dtMs / 1000) : 0;
  const ramping = rateKphPerS !== 0;
  if (ramping) {
    // A jump is not a ramp: lead no further than the fastest ramp any configuration allows.
    if (rateKphPerS > HARD_CAPS.maxAccelKphPerS) rateKphPerS = HARD_CAPS.maxAccelKphPerS;
    if (rateKphPerS < -HARD_CAPS.maxAccelKphPerS) rateKphPerS = -HARD_CAPS.maxAccelKphPerS;
  }
  if (rateKphPerS > state.riseKphPerS) state.riseKphPerS = rateKphPerS;

  let feedForward = state.feedForwardDuty;
  if (setpointKph !== state.feedForwardSpeedKph) {
    feedForward = mapDuty(state, settings.dutyMap, setpointKph);
    state.feedForwardSpeedKph = setpointKph;
    state.feedForwardDuty = feedForward;
  }
  let leadSpeedKph = setpointKph + rateKphPerS * settings.rampLeadS;
  // Never aim below the slowest running speed while running: an MC-2100 under its dead band
  // stops driving and forgets its own ramp, so the belt would sag far below the target.
  // (The floor is the lower of the setpoint and that speed, written without locals: on the
  // interpreter each local a tick declares costs about as much as two field reads.)
  if (leadSpeedKph < setpointKph && leadSpeedKph < settings.minSpeedKph) leadSpeedKph = setpointKph < settings.minSpeedKph ? setpointKph : settings.minSpeedKph;
  const lead = leadSpeedKph === setpointKph ? 0 : mapDuty(state, settings.dutyMap, leadSpeedKph) - feedForward;
  // The load allowance at this speed: whole from the slowest running speed up, shrinking below it
  // (see LOAD_SCALE_ORIGIN).
  const loadScale = leadSpeedKph >= settings.minSpeedKph ? 1 : (leadSpeedKph - LOAD_SCALE_ORIGIN * settings.minSpeedKph) / ((1 - LOAD_SCALE_ORIGIN) * settings.minSpeedKph);
  const allowanceDuty = settings.loadAllowanceDuty * (loadScale > 0 ? loadScale : 0);

  const measured = measurement.measurementCount > 0;
  if (measured && state.unprovenShare > 0 && loadScale >= 1) {
    // Measured, and the allowance is whole at this speed: hand what is still withheld to the
    // integral, so the duty does not jump, and let the measurements correct it from here. (Below
    // the slowest running speed the allowance still changes with speed; a fine encoder measures
    // long before the start ramp gets there.)
    state.integralDuty -= allowanceDuty * state.unprovenShare;
    state.unprovenShare = 0;
    state.spanStartShare = 0;
    state.spanStartIntegralDuty = state.integralDuty;
  }
  let feedbackKph: number;
  let spanMs: number;
  if (measured) {
    feedbackKph = measurement.speedKph;
    spanMs = measurement.measurementSpanMs;
    state.unmeasuredMs = 0;
  } else {
    feedbackKph = unmeasuredFeedbackKph(state, setpointKph, measurement, dtMs, ramping, settings);
    spanMs = pulseIntervalMs(settings.metersPerPulse, setpointKph);
  }
  let share = proportionalShare(spanMs, settings.fullGainSpanMs);
  if (settings.fineEncoder && !ramping) {
    // A fine encoder at a steady setpoint: see STEADY_FULL_GAIN_SPAN_MS.
    const steadyShare = spanMs >= STEADY_FULL_GAIN_SPAN_MS ? 1 : spanMs <= STEADY_FULL_GAIN_SPAN_MS / 2 ? 0.5 : spanMs / STEADY_FULL_GAIN_SPAN_MS;
    if (steadyShare > share) share = steadyShare;
  }
  // A fresh measurement is the belt's mean over its span, during which the previous tick's setpoint
  // was in force. Compared with the new setpoint, a ramp read as an error of one tick's change
  // (0.36 km/h at 240 ms and 1.5 km/h/s) and the term pushed the belt past its ramp: stopping
  // from 8 km/h on an H-bridge at a 240 ms period, it slowed at 1.75 km/h/s against a 1.5 limit.
  const proportional = settings.proportionalGain * share * ((measurement.measuredNow ? state.lastSetpointKph : setpointKph) - feedbackKph);
  state.lastSetpointKph = setpointKph;

  // A belt that trails a rising setpoint by about the drive's lag proves no load (speeding up a
  // heavy flywheel takes force the map does not hold): while the setpoint rises, the span counts
  // it as it stood `trailingLagS` earlier (the drive's lag plus the loop's own). Only spans wholly
  // at a steady setpoint feed the exact integral error below, so this changes the load evidence alone.
  const trailingKph = rateKphPerS > 0 ? setpointKph - rateKphPerS * settings.trailingLagS : setpointKph;
  state.spanSetpointKphMs += (trailingKph > 0 ? trailingKph : 0) * dtMs;
  if (!ramping) state.spanSteadyMs += dtMs;
  if (!measurement.measuredNow && !measurement.spanRestarted) {
    // The belt has not covered one pulse since the span began: give back withheld load duty in
    // proportion to the setpoint travel it has proven missing (see LOAD_EVIDENCE_DEAD_PULSES).
    // Nothing to do without evidence, unless a start proven loaded is still being released.
    const evidence = loadEvidenceShare(state.spanSetpointKphMs, settings.metersPerPulse);
    if (evidence > 0 || (!measured && state.unprovenShare > 0)) applyLoadEvidence(state, evidence, setpointKph, dtMs, measured, settings);
  }
  // The newest pulse came this long before now (within this tick): that part belongs to the next span.
  const afterPulseMs = measurement.pulseAgeMs < 0 ? 0 : measurement.pulseAgeMs < dtMs ? measurement.pulseAgeMs : dtMs;
  let errorKphS = 0;
  let stepFraction = spanMs >= LONG_SPAN_MS ? LONG_SPAN_STEP_FRACTION : INTEGRAL_STEP_FRACTION;
  if (measurement.measuredNow && state.spanValid) {
    // A span that began on a ramp says little about the steady state: the drive's lag during the
    // ramp (unknown, either sign) is in its travel. Only spans wholly at a steady setpoint count.
    // Steady from the span's first pulse on (its age now plus the span; 1 ms for rounding): a
    // command that changed one tick after that pulse would pass a tolerance of a tick, and at a
    // 200 ms tick that is a tenth of a sparse span, whose travel then holds the drive's answer.
    // The error: the setpoint's travel over the span (what it held since the newest pulse taken
    // off) less the belt's; what the overdue-pulse rule below already added for this span is part of it.
    if (state.spanSteadyMs >= spanMs + afterPulseMs - 1) errorKphS = (state.spanSetpointKphMs - setpointKph * afterPulseMs - measurement.speedKph * spanMs) / 1000 - state.spanProvisionalKphS;
    if (measurement.speedKph > setpointKph + OVERSPEED_CORRECTION_KPH) stepFraction = OVERSPEED_STEP_FRACTION;
  } else if (measured) {
    // The newest pulse is overdue: the belt has been slower than one pulse over the time since,
    // so at least that much error is proven (a walker stepping onto a lightly driven belt, a
    // heavy walker at the slowest speed). Act on it now; the next measurement settles the rest.
    const boundKph = (settings.metersPerPulse / (measurement.pulseAgeMs > 1 ? measurement.pulseAgeMs : 1)) * 3600;
    if (boundKph < setpointKph) errorKphS = overdueErrorKphS(state, setpointKph, boundKph, measurement, dtMs, !ramping, stepFraction, settings);
  } else if (settings.loadAllowanceDuty > 0) {
    // A belt still standing on the whole map: a heavier walker (see HEAVY_WALKER_SHARE).
    heavyWalkerFloor(state, setpointKph, feedbackKph, settings);
  } else if (feedbackKph < STALLED_FRACTION * setpointKph) {
    // Before the first measurement after a start, only a belt proven far slower counts: a belt
    // still speeding up from standstill is not a lasting error.
    errorKphS = overdueErrorKphS(state, setpointKph, feedbackKph, measurement, dtMs, false, stepFraction, settings);
  }
  if (measurement.measuredNow || measurement.spanRestarted) {
    state.spanSetpointKphMs = setpointKph * afterPulseMs;
    // A span from a first pulse holds the belt's speeding up from standstill (a backward start
    // crosses a mark at once): never steady, whatever the command did.
    state.spanSteadyMs = ramping || measurement.spanRestarted ? 0 : afterPulseMs;
    state.spanProvisionalKphS = 0;
    state.spanValid = true;
  }

  // Anti-windup on the slow part only, with a little headroom: at the top, footfall ripple makes
  // the proportional term swing both ways, and the integral must be able to hold the output at
  // the limit through the downswings (else the belt runs below a speed the drive can reach).
  // The slow part is worked out only for an error to integrate (most ticks have none).
  let integralStepDuty = 0;
  if (!ramping && errorKphS !== 0) {
    const slowPart = feedForward + lead + state.integralDuty;
    // Not saturated in the error's direction: high for a positive error, low for a negative one.
    if (errorKphS > 0 ? !(slowPart >= settings.maxDuty + WINDUP_HEADROOM_DUTY) : !(slowPart <= 0)) {
      // A sparse encoder's measured overspeed is corrected at full dead-beat (deadBeatGainFor).
      integralStepDuty =
        (stepFraction === OVERSPEED_STEP_FRACTION && !settings.fineEncoder
          ? deadBeatGainFor(spanMs, settings)
          : integralGainFor(spanMs, settings, stepFraction, measurement.measuredNow ? settings.measuredIntegralGain : settings.integralGain)) * errorKphS;
    }
  }
  if (measurement.measuredNow && state.spanRestoredDuty > 0) {
    // Evidence already gave duty back in this span: it was a lower bound of the correction. The
    // exact one replaces it where larger; a measured overspeed takes it back as well.
    const overspeed = measurement.speedKph > setpointKph + OVERSPEED_CORRECTION_KPH;
    integralStepDuty -= state.spanRestoredDuty;
    if (!overspeed && integralStepDuty < 0) integralStepDuty = 0;
  }
  if (integralStepDuty !== 0) {
    state.integralDuty += integralStepDuty;
    const bound = settings.maxDuty;
    if (state.integralDuty > bound) state.integralDuty = bound;
    if (state.integralDuty < -bound) state.integralDuty = -bound;
  }
  if (measurement.measuredNow || measurement.spanRestarted) {
    state.spanStartShare = state.unprovenShare;
    state.spanStartIntegralDuty = state.integralDuty;
    state.spanRestoredDuty = 0;
  }
  // Load not proven: after a start until the evidence or a measurement shows it; and on a stop
  // once the setpoint falls below the slowest running speed (a walker stepping off then would
  // let a direct drive speed the empty belt up; a loaded belt is let go a little sooner, as an
  // MC-2100 lets go in its dead band). An integral already below the map counts against it.
  let withheldDuty = allowanceDuty * state.unprovenShare;
  if (rateKphPerS < 0 && setpointKph < settings.minSpeedKph) {
    const belowMapDuty = state.integralDuty < 0 ? -state.integralDuty : 0;
    const stopWithheld = allowanceDuty - belowMapDuty;
    if (stopWithheld > withheldDuty) withheldDuty = stopWithheld;
  }
  // The start's catch-up while it lasts (CATCH_UP_LEADS).
  let duty = feedForward + lead + (state.catchUpMs > 0 ? catchUpDuty(state, setpointKph, feedForward, lead, dtMs, settings) : 0) + proportional + state.integralDuty - withheldDuty;
  if (duty > settings.maxDuty) duty = settings.maxDuty;
  if (duty < 0) duty = 0;
  state.duty = duty;
  return duty;
}
