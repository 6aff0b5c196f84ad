// Detects the catalogue's faults from one tick's measurements, each with its own time window.

import type { PulseReading } from '../../hal/pulse-counter';
import type { FaultLimits } from '../config';
import type { FaultCode } from '../fault-code';

/** Timers and counters the monitor keeps between ticks; -1 means "not running". */
export interface FaultMonitorState {
  /** When the motor last started driving (duty at or above drivingDuty), or -1. */
  drivingSinceMs: number;
  /** When the belt last showed progress (a new pulse) while driven, or when driving began. */
  lastProgressMs: number;
  /** Belt travel the setpoint promised since the last pulse while driving, m. */
  expectedTravelM: number;
  /** Pulse count at the previous tick, -1 before the first tick. */
  lastCount: number;
  /** Pulses seen since driving started (the start allowance applies until the second). */
  pulsesSinceDriving: number;
  overspeedSinceMs: number;
  /** Speed the overspeed check compares with: follows rises at once, falls with the belt. */
  referenceKph: number;
  /**
   * The moment the reference stands for, ms, or -1 after a reset: the last tick at which the
   * setpoint held it, or the middle of the span of the measurement that last lowered it.
   */
  referenceDecayedMs: number;
  /** Speed of the newest pulse interval the overspeed check judged, km/h (the next one's trend baseline). */
  evidenceKph: number;
  /** Middle of that interval, ms, or -1 after a reset (no baseline yet). */
  evidenceMs: number;
  stallSinceMs: number;
  /** Pulses counted at the previous tick, judged against the direction sensor at this one. */
  directionPendingPulses: number;
  /** Pulses in a row the direction sensor reported against the direction output. */
  againstPulses: number;
  /**
   * The belt encoder's early-pulse limit for the pulses before the next tick, ms (0: none; see
   * `PulseCounter.watchEarlyPulses`): the interval of a belt at `earlyLineKph`. A pulse shorter
   * than that is judged at once by `earlyPulseOverspeed`.
   */
  earlyPulseMinIntervalMs: number;
  /** The overspeed line of the last driven tick raised by the setpoint's rise over it, km/h: what a pulse between ticks is judged against. */
  earlyLineKph: number;
  /** The setpoint at the previous driven tick, km/h (0 after a reset): its rise widens the early-pulse limit. */
  lastSetpointKph: number;
}

/** One tick's measurements for the monitor, filled in place by the control loop. */
export interface FaultMonitorInputs {
  /** HAL clock time of the tick, ms. */
  nowMs: number;
  /** Time since the previous tick, ms (bounded by the control loop). */
  dtMs: number;
  /** Whether the safety state lets the motor be driven (running, stopping). */
  motorDriven: boolean;
  /** Duty the controller applied on the previous tick, 0..1. */
  duty: number;
  /** Configured duty ceiling, 0..1. */
  maxDuty: number;
  /** The ramped setpoint the controller follows, km/h. */
  setpointKph: number;
  /** Belt speed from the encoder, km/h, positive in either direction. */
  measuredSpeedKph: number;
  /** The direction's configured speed cap, km/h: above it (plus margin) trips at once. */
  speedCapKph: number;
  /** Accepted encoder pulses since boot (only grows). */
  pulseCount: number;
  /**
   * The belt encoder's reading, the control loop's own object that the port fills in place every
   * tick (so the loop sets this once, not per tick): the overspeed check takes the newest pulse
   * interval from its `lastPulseMs` and `previousPulseMs`.
   */
  pulses: PulseReading;
  /** Belt travel per encoder pulse, m; sets the encoder-loss window. */
  metersPerPulse: number;
  /** Lowest running speed, km/h. */
  minSpeedKph: number;
  /** The input queue lost edges (device FIFO overflow). */
  edgesLost: boolean;
  /** null without a direction sensor; otherwise whether the sensor says the belt moves backward. */
  sensedBackward: boolean | null;
  /** Whether the direction output is set to backward. */
  commandedBackward: boolean;
}

export function makeFaultMonitorState(): FaultMonitorState {
  return {
    drivingSinceMs: -1,
    lastProgressMs: -1,
    expectedTravelM: 0,
    lastCount: -1,
    pulsesSinceDriving: 0,
    overspeedSinceMs: -1,
    referenceKph: 0,
    referenceDecayedMs: -1,
    evidenceKph: 0,
    evidenceMs: -1,
    stallSinceMs: -1,
    directionPendingPulses: 0,
    againstPulses: 0,
    earlyPulseMinIntervalMs: 0,
    earlyLineKph: 0,
    lastSetpointKph: 0,
  };
}

export function makeFaultMonitorInputs(): FaultMonitorInputs {
  return {
    nowMs: 0,
    dtMs: 0,
    motorDriven: false,
    duty: 0,
    maxDuty: 1,
    setpointKph: 0,
    measuredSpeedKph: 0,
    speedCapKph: 0,
    pulseCount: 0,
    pulses: { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false },
    metersPerPulse: 1,
    minSpeedKph: 0.8,
    edgesLost: false,
    sensedBackward: null,
    commandedBackward: false,
  };
}

/**
 * Encoder-loss window at a steady setpoint, ms: max(2.5 expected pulse intervals, 1.5 s)
 * (../shared/domain.md), with the setpoint taken as at least the minimum running speed. With one
 * pulse per foot this is 3.43 s at 0.8 km/h and 1.5 s from 2 km/h up. For tests and displays;
 * `detectFault` applies the same rule as travel, so it also holds while the setpoint ramps.
 */
export function encoderLossWindowMs(metersPerPulse: number, setpointKph: number, minSpeedKph: number, limits: FaultLimits): number {
  const speedMps = Math.max(setpointKph, minSpeedKph) / 3.6;
  return Math.max(limits.encoderLossMinWindowMs, ((limits.encoderLossPulses * metersPerPulse) / speedMps) * 1000);
}

/**
 * Pulses after driving starts that end the encoder start allowance. The second, not the first:
 * a first pulse only shows the belt crossed a mark, perhaps creeping a millimetre at breakaway
 * under a heavy walker, and the drive's lag in bringing the belt up to speed is still ahead.
 * With the second the belt has moved a whole pulse, and the catalogue's window applies from then.
 */
const START_ALLOWANCE_UNTIL_PULSES = 2;


/**
 * A state without drive: every window starts afresh. Repeated at every tick without drive (only
 * constants; nothing else changes these while the motor is not driven): a flag to do it once
 * would cost the driven tick a write.
 */
function resetUndriven(state: FaultMonitorState): void {
  state.earlyPulseMinIntervalMs = 0;
  state.earlyLineKph = 0;
  state.lastSetpointKph = 0;
  state.drivingSinceMs = -1;
  state.pulsesSinceDriving = 0;
  state.expectedTravelM = 0;
  state.overspeedSinceMs = -1;
  state.referenceKph = 0;
  state.referenceDecayedMs = -1;
  state.evidenceMs = -1;
  state.stallSinceMs = -1;
  state.directionPendingPulses = 0;
  state.againstPulses = 0;
}

/**
 * Check every fault once per control tick (called by the control loop in every state but fault).
 * Returns the first fault found, in catalogue priority, or null. Updates `state` in place and
 * allocates nothing.
 * Why windows: walking load, footfalls and sparse encoder pulses make single readings noisy;
 * users of other controllers complain of false trips as much as of missed ones.
 *
 * The four windowed checks are written out in one function, each in its own section below: on
 * the interpreter every call costs about as much as a few statements, and this runs every tick.
 */
export function detectFault(state: FaultMonitorState, inputs: FaultMonitorInputs, limits: FaultLimits): FaultCode | null {
  // Fields are read where used rather than copied to locals unless read often: on the interpreter
  // each local a tick declares costs about as much as two field reads.
  const nowMs = inputs.nowMs;
  // The count only grows (the PulseCounter contract); -1 before the first tick.
  const newPulses = state.lastCount >= 0 ? inputs.pulseCount - state.lastCount : 0;
  state.lastCount = inputs.pulseCount;
  // Lost edges: at once (the next tick after the device raises FIFO_FULL); the count can no longer
  // be trusted, and an undercounting encoder reads the belt slower than it is.
  if (inputs.edgesLost) return 'lostEdges';
  // Every check below judges only a belt the motor may drive.
  if (!inputs.motorDriven) {
    // (The encoder check's progress time is left alone: it is read only while the motor drives,
    // and the first driving tick sets it.)
    resetUndriven(state);
    return null;
  }
  // Every check runs every tick, so each keeps its timers current even when an earlier one trips.
  const setpointKph = inputs.setpointKph;
  const measuredKph = inputs.measuredSpeedKph;

  // Encoder loss. Window: the motor drives (duty at or above drivingDuty) and no pulse arrives while
  // the setpoint promises `encoderLossPulses` (2.5) pulses of travel, and at least
  // `encoderLossMinWindowMs` (1.5 s) has passed: at a steady setpoint exactly the catalogue's
  // max(2.5 expected pulse intervals, 1.5 s).
  // Why travel rather than a fixed time: while the setpoint ramps up from standstill the expected
  // interval is long and shrinking, and a window computed from the final speed would either trip a
  // healthy start or, padded with a fixed allowance, let a belt with a cut sensor run for seconds.
  // Until the second pulse after driving starts, `encoderStartAllowancePulses` more travel is allowed:
  // the belt's position between two marks is unknown and the drive lags its own soft start (see
  // `START_ALLOWANCE_UNTIL_PULSES`).
  let lost = false;
  if (!(inputs.duty >= limits.drivingDuty)) {
    state.drivingSinceMs = -1;
    state.pulsesSinceDriving = 0;
    state.expectedTravelM = 0;
  } else {
    if (state.drivingSinceMs < 0) {
      state.drivingSinceMs = nowMs;
      state.lastProgressMs = nowMs;
      state.expectedTravelM = 0;
    }
    if (newPulses > 0) {
      state.lastProgressMs = nowMs;
      state.expectedTravelM = 0;
      state.pulsesSinceDriving++;
    } else {
      // (The setpoint is never below 0: the ramp moves between 0 and a target of at least 0.)
      state.expectedTravelM += (setpointKph * inputs.dtMs) / 3600;
      // Lost once the travel passes the allowed pulses (more until the start allowance ends).
      lost = state.expectedTravelM >= (limits.encoderLossPulses + (state.pulsesSinceDriving >= START_ALLOWANCE_UNTIL_PULSES ? 0 : limits.encoderStartAllowancePulses)) * inputs.metersPerPulse && nowMs - state.lastProgressMs >= limits.encoderLossMinWindowMs;
    }
  }

  // Overspeed / runaway. Windows: above the direction's cap plus margin at once (one tick); above the
  // reference plus margin (`overspeedMarginKph` + `overspeedFraction` of it) for
  // `overspeedWindowMs` (300 ms). Only while the motor may drive: in free-belt mode the walker, not
  // the motor, sets the pace.
  // The reference is the setpoint, except after the setpoint falls: the belt coasts down behind the
  // ramp, which is not a runaway, so the reference may stay above the setpoint, but never above the
  // measured speed. A belt that speeds up again while the setpoint falls (a driver ignoring the
  // duty) therefore trips within the window instead of hiding behind a slowly decaying reference.
  // A belt that does not slow at all is caught as the reference decays at
  // `overspeedReferenceDecayKphPerS`. Why the decay waits for a pulse: between pulses the measured
  // speed is the last period's (a belt that just stopped still reads its last speed for up to a
  // pulse interval), so only fresh evidence may lower the reference below it.
  // Why the decay counts from the last tick the setpoint held the reference, and only up to the
  // middle of the new measurement's span (not to now): a period is the belt's mean speed over its
  // span, so it is judged against the reference of that span. A walker stepping off an H-bridge
  // belt as stop is pressed at 0.8 km/h, one pulse per foot, 250 ms period: the empty belt surges
  // to 1.58 km/h before the next tick cuts its duty, then coasts down at about 1.1 km/h/s (faster
  // than the decay); the next pulse measures a mean of 1.16-1.24 km/h over a span of 0.9-1.3 s,
  // most of it before the decay began. Decayed from the pulse before the stop to now, the
  // reference had reached the setpoint (0.30-0.35 km/h, line 1.13-1.19 km/h) and that mean
  // tripped overspeed; from the last held tick to the span's middle it is 0.54-0.64 km/h (line
  // 1.39-1.51 km/h). The middle leaves out the newest pulse's age (up to a tick), which only
  // decays the reference more. At a steady or rising setpoint nothing changes: the setpoint holds
  // the reference every tick.
  let fast = false;
  // Over the cap plus its margin (the margin at the cap's speed).
  if (measuredKph > inputs.speedCapKph + (limits.overspeedMarginKph + limits.overspeedFraction * inputs.speedCapKph)) fast = true;
  else {
    let referenceKph = state.referenceKph;
    // After a reset the reference is 0, so the setpoint holds it at the first tick and sets its time.
    if (newPulses > 0 && measuredKph > 0) {
      const middleMs = nowMs - (newPulses * inputs.metersPerPulse * 3600) / measuredKph / 2;
      if (middleMs > state.referenceDecayedMs) {
        referenceKph -= (limits.overspeedReferenceDecayKphPerS * (middleMs - state.referenceDecayedMs)) / 1000;
        state.referenceDecayedMs = middleMs;
      }
    }
    // max(setpoint, min(decayed reference, measured)), written out (a call costs on the interpreter).
    if (measuredKph < referenceKph) referenceKph = measuredKph;
    if (setpointKph >= referenceKph) {
      referenceKph = setpointKph;
      state.referenceDecayedMs = nowMs;
    }
    state.referenceKph = referenceKph;
    const lineKph = referenceKph + limits.overspeedMarginKph + limits.overspeedFraction * referenceKph;
    // The line for the pulses before the next tick (`earlyPulseOverspeed`), raised by the
    // setpoint's rise over this tick: a ramp moves the line up about as much before the next tick
    // judges again.
    state.earlyLineKph = lineKph + (setpointKph > state.lastSetpointKph ? setpointKph - state.lastSetpointKph : 0);
    state.lastSetpointKph = setpointKph;
    state.earlyPulseMinIntervalMs = (inputs.metersPerPulse * 3600) / state.earlyLineKph;
    const excessKph = measuredKph - lineKph;
    if (excessKph <= 0) state.overspeedSinceMs = -1;
    else {
      if (state.overspeedSinceMs < 0) state.overspeedSinceMs = nowMs;
      // Graded: the window shrinks as the excess grows, to none at overspeedImmediateExcessKph. A
      // runaway's excess grows every tick, while footfalls and a walker stepping off stay within it.
      const waitMs = excessKph >= limits.overspeedImmediateExcessKph ? 0 : limits.overspeedWindowMs * (1 - excessKph / limits.overspeedImmediateExcessKph);
      fast = nowMs - state.overspeedSinceMs >= waitMs;
    }
    // Pulse evidence: the newest pulse interval, carried forward by its trend, trips at once when
    // it is `overspeedEvidenceExcessKph` (0.2 km/h) over the line. Why: the period above is the
    // mean of every pulse since the previous tick, so at a 200 ms tick it trails the belt by about
    // 100 ms, and with one pulse per foot by the pulse's age besides; a runaway on an H-bridge
    // gains only 0.7-0.8 km/h a tick, so the window above cut it 350-800 ms after its true speed
    // passed the line. The newest interval is the belt a few ms ago on a fine encoder. Its trend
    // (the rise from the previous evidence: the tick's own period when the tick had several
    // pulses, else the previous tick's newest interval) is carried from the interval's middle to
    // now, at most one tick ahead (the next tick brings new pulses), and only upward: the check
    // never waits on a prediction that the belt slows. Measured in normal use on every simulated
    // machine (walking, speed steps, walkers stepping on and off, stops): this reaches at most
    // 0.13 km/h over the line; runaways at the boards' timing, 0.15-0.4 km/h over it at the last
    // tick that can still cut within 300 ms (README, "Runaway detection").
    if (newPulses > 0) {
      const pulses = inputs.pulses;
      const lastPulseMs = pulses.lastPulseMs;
      const intervalMs = lastPulseMs - pulses.previousPulseMs;
      if (pulses.previousPulseMs >= 0 && intervalMs > 0) {
        const latestKph = (inputs.metersPerPulse * 3600) / intervalMs;
        const latestMiddleMs = lastPulseMs - intervalMs / 2;
        let baseKph = state.evidenceKph;
        let baseMs = state.evidenceMs;
        if (newPulses > 1 && measuredKph > 0) {
          baseKph = measuredKph;
          baseMs = lastPulseMs - (newPulses * inputs.metersPerPulse * 3600) / measuredKph / 2;
        }
        let projectedKph = latestKph;
        if (baseMs >= 0 && latestKph > baseKph && latestMiddleMs > baseMs) {
          let aheadMs = nowMs - latestMiddleMs;
          if (aheadMs > inputs.dtMs) aheadMs = inputs.dtMs;
          // Nor beyond the span the trend was measured over: a rise seen over 58 ms and carried
          // 156 ms (a 100 kg walker stepping off an H-bridge belt at 8 km/h, one pulse per foot,
          // 240 ms period) made 9.95 km/h of a belt that peaked at 9.70, a false trip.
          if (aheadMs > latestMiddleMs - baseMs) aheadMs = latestMiddleMs - baseMs;
          projectedKph += ((latestKph - baseKph) * aheadMs) / (latestMiddleMs - baseMs);
        }
        state.evidenceKph = latestKph;
        state.evidenceMs = latestMiddleMs;
        if (projectedKph - lineKph >= limits.overspeedEvidenceExcessKph) fast = true;
      }
    }
  }

  // Stall / overload. Window: the controller asks for at least `stallDutyFraction` (95 %) of the duty
  // ceiling while the belt stays below `stallSpeedFraction` (half) of the setpoint for
  // `stallWindowMs` (3 s). A belt that does not move at all gives no pulses and is caught sooner as
  // encoder loss (the firmware cannot tell a jam from a cut sensor; both cut the motor).
  let stall = false;
  if (inputs.duty >= limits.drivingDuty && inputs.duty >= limits.stallDutyFraction * inputs.maxDuty && measuredKph < limits.stallSpeedFraction * setpointKph) {
    if (state.stallSinceMs < 0) state.stallSinceMs = nowMs;
    stall = nowMs - state.stallSinceMs >= limits.stallWindowMs;
  } else state.stallSinceMs = -1;

  // Wrong direction, only where a direction sensor exists and only while the motor may drive (a
  // walker pushing a free belt backward is free-belt mode working, not a fault). Window: the belt
  // travels `wrongDirectionTravelM` (10 cm) in a row against the direction output, and at least one
  // pulse: one pulse with a reed switch (30 cm), ten with a 100-pulse-per-metre encoder. Judged one
  // tick after the pulses arrive.
  // Why the next tick: the sensor's edge for the latest crossing may reach the firmware just after
  // the count does, and the stale level would read as the old direction right after a legitimate
  // switch. Why travel, not speed: with one pulse per foot a measured speed needs two pulses, and a
  // wrong-way start must be caught as early as the sensor allows.
  // Without a direction sensor (`sensedBackward` null at every tick) the check has nothing to
  // judge, and its counts stay at the 0 they start from.
  let against = false;
  if (inputs.sensedBackward !== null) {
    if (state.directionPendingPulses > 0) {
      if (inputs.sensedBackward !== inputs.commandedBackward) state.againstPulses += state.directionPendingPulses;
      else state.againstPulses = 0;
    }
    state.directionPendingPulses = newPulses;
    // At 0 pulses the travel test fails already: wrongDirectionTravelM is at least 0.02 m (checkConfig).
    against = state.againstPulses * inputs.metersPerPulse >= limits.wrongDirectionTravelM;
  }
  if (lost) return 'encoderLoss';
  if (fast) return 'overspeed';
  if (against) return 'wrongDirection';
  if (stall) return 'stall';
  return null;
}

/**
 * Whether an encoder pulse between ticks, `intervalMs` after the one before it, shows a runaway:
 * its interval's speed at least `overspeedEvidenceExcessKph` over the last tick's line raised by
 * the setpoint's rise (`earlyLineKph`), the trip point of the pulse evidence in `detectFault`
 * without its projection, judged at the pulse in its own event. Changes nothing: the next tick
 * judges the same pulse again. Why: the tick judges a pulse up to a control period after it
 * arrives, and its cut reaches the motor a tick time later. Why no projection: judged at every
 * pulse (the tick sees only the newest), the trend's projection tripped a walker stepping off an
 * H-bridge belt at 8 km/h (one pulse per foot, 250 ms period); without it, normal use on every
 * simulated machine comes at most 0.10 km/h over the line at the ESP32's and the Pico's timing
 * (0.19 at a 250 ms period). Called only for a pulse shorter than `earlyPulseMinIntervalMs` (the
 * port filters), so only while the belt runs over its line.
 */
export function earlyPulseOverspeed(state: FaultMonitorState, intervalMs: number, metersPerPulse: number, limits: FaultLimits): boolean {
  if (state.earlyPulseMinIntervalMs <= 0 || intervalMs <= 0) return false;
  return (metersPerPulse * 3600) / intervalMs - state.earlyLineKph >= limits.overspeedEvidenceExcessKph;
}
