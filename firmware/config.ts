// Tunable limits and gains with shipped defaults, and the hard caps no configuration may exceed.

/** Limits for one belt direction. */
export interface DirectionLimits {
  /** Highest target speed the user may set, km/h. */
  maxSpeedKph: number;
  /** Setpoint ramp when speeding up, km/h per second. */
  accelKphPerS: number;
  /** Setpoint ramp when slowing down, km/h per second. */
  decelKphPerS: number;
  /** Highest incline allowed in this direction, percent. */
  maxInclinePct: number;
}

/** Everything the firmware can be tuned with; see DEFAULT_CONFIG for the shipped values. */
export interface TreadmillConfig {
  /** Control tick period, ms (50 Hz by default). */
  controlPeriodMs: number;
  /** Speed the belt starts at after the countdown, in either direction, km/h. */
  startSpeedKph: number;
  /** Length of the start countdown, ms. */
  countdownMs: number;
  /** Lowest speed a running belt may be set to, km/h. */
  minSpeedKph: number;
  /** Step of the speed up/down buttons, km/h. */
  speedStepKph: number;
  forward: DirectionLimits;
  backward: DirectionLimits;
  /** The belt must measure standstill this long before the direction output may switch, ms. */
  directionDwellMs: number;
  /** Belt travel per encoder pulse, metres. */
  metersPerPulse: number;
  /** Encoder pulses closer than this are glitches, ms. */
  encoderGlitchFilterMs: number;
  /** Highest duty the motor drive may receive (MC-2100: 0.85). */
  maxDuty: number;
  /** Feed-forward map: duty needed for each speed, points sorted by speed (km/h, duty). */
  dutyMap: { speedKph: number; duty: number }[];
  /** PI correction gains: duty per km/h of error, and duty per (km/h x s). */
  proportionalGain: number;
  integralGain: number;
  /** Hardware watchdog timeout, ms. */
  watchdogTimeoutMs: number;
  /** Fault detection windows and margins (../shared/domain.md, fault catalogue). */
  faults: FaultLimits;
}

/** Detection thresholds; each has a time window so walking load does not trip it. */
export interface FaultLimits {
  /** Duty at or above which the motor counts as driving the belt (MC-2100 dead band ~0.10). */
  drivingDuty: number;
  /** Extra time allowed for the first pulse after the drive starts from standstill, ms. */
  encoderStartAllowanceMs: number;
  /** Measured speed above the setpoint by more than this (plus overspeedFraction) is overspeed, km/h. */
  overspeedMarginKph: number;
  /** Relative part of the overspeed margin, fraction of the setpoint. */
  overspeedFraction: number;
  /** How fast the overspeed reference may fall behind a falling setpoint, km/h per second. */
  overspeedReferenceDecayKphPerS: number;
  /** Overspeed must last this long to trip, ms; above the direction's cap it trips at once. */
  overspeedWindowMs: number;
  /** Duty near its ceiling with speed below stallSpeedFraction of the setpoint for this long, ms. */
  stallWindowMs: number;
  stallSpeedFraction: number;
  /** A direction sensor disagreeing with the direction output for this long trips, ms. */
  wrongDirectionWindowMs: number;
}

/** Caps that no configuration, stored setting or remote command can raise. */
export const HARD_CAPS = {
  forwardMaxSpeedKph: 20,
  backwardMaxSpeedKph: 6.4,
  forwardMaxInclinePct: 15,
  backwardMaxInclinePct: 10,
  maxDuty: 0.95,
  maxAccelKphPerS: 3,
};

/** The shipped defaults (../shared/domain.md, "Defaults retrotread ships"). */
export const DEFAULT_CONFIG: TreadmillConfig = {
  controlPeriodMs: 20,
  startSpeedKph: 0.8,
  countdownMs: 3000,
  minSpeedKph: 0.8,
  speedStepKph: 0.1,
  forward: { maxSpeedKph: 16, accelKphPerS: 1, decelKphPerS: 1.5, maxInclinePct: 15 },
  backward: { maxSpeedKph: 4, accelKphPerS: 0.3, decelKphPerS: 0.6, maxInclinePct: 10 },
  directionDwellMs: 2000,
  metersPerPulse: 0.3048,
  encoderGlitchFilterMs: 2,
  maxDuty: 0.85,
  dutyMap: [
    { speedKph: 0, duty: 0 },
    { speedKph: 0.8, duty: 0.12 },
    { speedKph: 16, duty: 0.85 },
  ],
  proportionalGain: 0.02,
  integralGain: 0.03,
  watchdogTimeoutMs: 1000,
  faults: {
    drivingDuty: 0.1,
    encoderStartAllowanceMs: 2000,
    overspeedMarginKph: 0.8,
    overspeedFraction: 0.1,
    overspeedReferenceDecayKphPerS: 0.5,
    overspeedWindowMs: 300,
    stallWindowMs: 3000,
    stallSpeedFraction: 0.5,
    wrongDirectionWindowMs: 500,
  },
};
