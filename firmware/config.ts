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
  /**
   * The motor drive, as the board profile (device) or the simulator (host) declares it: it picks
   * the drive's defaults (DRIVE_DEFAULTS) beneath any explicit setting.
   */
  drive: 'mc2100' | 'hbridge';
  /**
   * Control tick period, ms (10 Hz by default; 5-250). The interpreter pays every statement of the
   * tick each period, so a slow board runs a longer one (hal/espruino/boards/board-timing.ts).
   */
  controlPeriodMs: number;
  /** Speed the belt starts at after the countdown, in either direction, km/h. */
  startSpeedKph: number;
  /** Length of the start countdown, ms. */
  countdownMs: number;
  /** Lowest speed a running belt may be set to, km/h. */
  minSpeedKph: number;
  /** Step of the speed up/down buttons, km/h (an mph user steps 0.1 mph instead: firmware/core/units.ts). */
  speedStepKph: number;
  /** Units the user sees speeds in; inside, every speed is km/h. Stored settings override it. */
  units: 'kph' | 'mph';
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
  /**
   * Feed-forward map: duty that holds each speed with a typical walker (about 70 kg) on the belt,
   * points sorted by speed (km/h, duty). The closed loop corrects the rest; the closer the map,
   * the sooner a sparse belt sensor settles.
   */
  dutyMap: { speedKph: number; duty: number }[];
  /**
   * PI correction gains: duty per km/h of error, and duty per (km/h x s). The proportional gain
   * applies in full to measurements spanning up to 40 ms, to at least half with a fine encoder at
   * a steady setpoint, and less to older, sparser ones; the integral gain is doubled with a fine
   * encoder, and its step per measurement capped when pulses are sparse
   * (firmware/core/speed-controller.ts).
   */
  proportionalGain: number;
  integralGain: number;
  /**
   * While the setpoint ramps, the feed-forward aims this far ahead of it, s: about the drive's
   * lag (an MC-2100 board ramps its own reference over about 0.8 s, a DC motor on an H-bridge
   * lags about 0.25 s). 0 turns the lead off. It does not grow with the control period: adding the
   * loop's own lag (half a period plus the tick time) raised the overshoot after ramps to
   * 0.22-0.26 km/h at 200-250 ms periods, over the 0.2 target (measured); the load evidence,
   * which must not mistake that lag for a walker, does count it (speed-controller.ts `loopLagMs`).
   */
  rampLeadS: number;
  /**
   * Part of the duty map that holds the walker's weight rather than the belt's speed, duty: on a
   * drive whose speed follows its duty (a DC motor on an H-bridge) an empty belt runs about
   * 1.9 km/h faster on the map than a loaded one. Until the belt's speed is measured after a
   * start, and while a stop takes the setpoint below the slowest running speed, the controller
   * withholds it (scaled down below minSpeedKph) and gives it back only as overdue pulses prove
   * the belt slower than the setpoint (firmware/core/speed-controller.ts). 0 turns this off.
   */
  loadAllowanceDuty: number;
  /** Hardware watchdog timeout, ms. */
  watchdogTimeoutMs: number;
  /** The user's body weight for the energy estimate, kg (firmware/core/session-metrics.ts). */
  userWeightKg: number;
  /**
   * Factor on the energy of walking backward over forward at the same speed and grade (studies
   * report 17-40 % more; ../shared/domain.md). 1 turns it off.
   */
  backwardEnergyMultiplier: number;
  /** Fault detection windows and margins (../shared/domain.md, fault catalogue). */
  faults: FaultLimits;
  /** The incline lift: sensor calibration, control and runaway detection. */
  incline: InclineSettings;
  /**
   * Target speeds of the quick-speed keys `quick1`..`quick3`, km/h, in key order (the machine
   * file's `quickSpeedsKph`; at most QUICK_SPEED_KEYS, each minSpeedKph..the forward hard cap).
   * A press applies it in the current direction, capped to that direction's cap (full edition:
   * firmware/extra-keys.ts). Empty: the keys do nothing but say so.
   */
  quickSpeedsKph: number[];
}

/** How many quick-speed keys a console may have (`quick1`..`quick3`). */
export const QUICK_SPEED_KEYS = 3;

/**
 * The incline lift (firmware/core/incline-*.ts). The caps per direction are `forward.maxInclinePct`
 * and `backward.maxInclinePct`; these are the sensor's calibration and the control's windows.
 */
export interface InclineSettings {
  /** Pulse sensor: pulses per percent of grade. */
  pulsesPerPct: number;
  /** Potentiometer: reading at 0 % and at `analogSpanPct`, fractions of the reference. */
  analogAtZero: number;
  analogAtSpan: number;
  /** Potentiometer: grade at which `analogAtSpan` was read, percent (the lift's full travel). */
  analogSpanPct: number;
  /** Potentiometer: low-pass time constant of the reading, ms (noise versus lag). */
  analogFilterMs: number;
  /** Potentiometer: how far the filtered reading may stray from the truth, percent (noise, lag). */
  analogUncertaintyPct: number;
  /** Step of the incline up/down buttons, percent. */
  stepPct: number;
  /** The lift starts moving only when the position is off the setpoint by more than this, percent. */
  deadbandPct: number;
  /** The lift overruns about this far after its output goes off, percent: it stops that much early. */
  overrunPct: number;
  /** The setpoint moves toward the target at most this fast, percent per second. */
  ratePctPerS: number;
  /** Both outputs stay off at least this long before the lift starts again (reversal dead time), ms. */
  deadTimeMs: number;
  /** Homing ends (position 0) when driving down shows no position change for this long, ms. */
  homingStallMs: number;
  /** Homing that has not ended after this long is a fault, ms. */
  homingTimeoutMs: number;
  /** After the outputs go off the lift may coast this long before a move counts as uncommanded, ms. */
  coastMs: number;
  /**
   * Movement with both outputs off (after coasting) beyond this is runaway, percent. Below
   * `deadbandPct`, so the control never masks a drift by correcting it first.
   */
  uncommandedPct: number;
  /** Driving with less than `stuckProgressPct` of movement for this long is a stuck lift, ms. */
  stuckWindowMs: number;
  /** Movement that proves a driven lift alive within `stuckWindowMs`, percent. */
  stuckProgressPct: number;
  /** A homed position beyond 0 or the forward cap by more than this is past an end stop, percent. */
  endStopMarginPct: number;
}

/**
 * Detection thresholds of the fault catalogue (../shared/domain.md); each has a window so walking
 * load, footfalls and sparse encoder pulses do not trip it. firmware/core/fault-monitor.ts applies them.
 */
export interface FaultLimits {
  /** Duty at or above which the motor counts as driving the belt (MC-2100 dead band ~0.10). */
  drivingDuty: number;
  /** Encoder loss: no pulse while the setpoint promises this many pulses of travel (2.5). */
  encoderLossPulses: number;
  /** Encoder loss: and never sooner than this after the last pulse, ms (1.5 s). */
  encoderLossMinWindowMs: number;
  /** Extra travel allowed before the first pulse after the drive starts from standstill, pulses. */
  encoderStartAllowancePulses: number;
  /** Measured speed above the reference by more than this (plus overspeedFraction) is overspeed, km/h. */
  overspeedMarginKph: number;
  /** Relative part of the overspeed margin, fraction of the reference (and of the cap). */
  overspeedFraction: number;
  /** Slowest rate the overspeed reference falls behind a falling setpoint, km/h per second. */
  overspeedReferenceDecayKphPerS: number;
  /**
   * Overspeed must last this long to trip, ms, when it is barely over the margin; the wait shrinks
   * with the excess (see overspeedImmediateExcessKph). Above the direction's cap (plus margin) it
   * trips at once.
   */
  overspeedWindowMs: number;
  /** Excess over the reference plus margin at which overspeed trips at once, km/h: the window shrinks linearly to none there. */
  overspeedImmediateExcessKph: number;
  /**
   * Pulse evidence: the newest pulse interval's speed, carried forward by its trend, above the
   * reference plus margin by this much trips overspeed at once, km/h. Smaller than the graded
   * window's immediate excess because the newest interval does not lag the belt as a tick's
   * average does (see fault-monitor.ts).
   */
  overspeedEvidenceExcessKph: number;
  /** Stall: duty at or above this fraction of maxDuty... */
  stallDutyFraction: number;
  /** ...with measured speed below this fraction of the setpoint... */
  stallSpeedFraction: number;
  /** ...for this long, ms. */
  stallWindowMs: number;
  /** Wrong direction: belt travel in a row sensed against the direction output while driven, m (at least one pulse). */
  wrongDirectionTravelM: number;
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
  drive: 'mc2100',
  controlPeriodMs: 100,
  startSpeedKph: 0.8,
  countdownMs: 3000,
  minSpeedKph: 0.8,
  speedStepKph: 0.1,
  units: 'kph',
  forward: { maxSpeedKph: 16, accelKphPerS: 1, decelKphPerS: 1.5, maxInclinePct: 15 },
  backward: { maxSpeedKph: 4, accelKphPerS: 0.3, decelKphPerS: 0.6, maxInclinePct: 10 },
  directionDwellMs: 2000,
  metersPerPulse: 0.3048,
  encoderGlitchFilterMs: 2,
  maxDuty: 0.85,
  dutyMap: [
    { speedKph: 0, duty: 0 },
    { speedKph: 0.8, duty: 0.146 },
    { speedKph: 2, duty: 0.194 },
    { speedKph: 4, duty: 0.274 },
    { speedKph: 8, duty: 0.444 },
    { speedKph: 12, duty: 0.625 },
    { speedKph: 16, duty: 0.822 },
  ],
  proportionalGain: 0.08,
  integralGain: 0.05,
  rampLeadS: 0.4,
  loadAllowanceDuty: 0,
  watchdogTimeoutMs: 1000,
  userWeightKg: 70,
  backwardEnergyMultiplier: 1.3,
  faults: {
    drivingDuty: 0.1,
    encoderLossPulses: 2.5,
    encoderLossMinWindowMs: 1500,
    encoderStartAllowancePulses: 1,
    overspeedMarginKph: 0.8,
    overspeedFraction: 0.1,
    overspeedReferenceDecayKphPerS: 0.5,
    overspeedWindowMs: 300,
    overspeedImmediateExcessKph: 1,
    overspeedEvidenceExcessKph: 0.2,
    stallDutyFraction: 0.95,
    stallSpeedFraction: 0.5,
    stallWindowMs: 3000,
    wrongDirectionTravelM: 0.1,
  },
  incline: {
    pulsesPerPct: 10,
    analogAtZero: 0.1,
    analogAtSpan: 0.9,
    analogSpanPct: 15,
    analogFilterMs: 100,
    analogUncertaintyPct: 0.05,
    stepPct: 0.5,
    deadbandPct: 0.25,
    overrunPct: 0.05,
    ratePctPerS: 1,
    deadTimeMs: 500,
    homingStallMs: 1500,
    homingTimeoutMs: 40000,
    coastMs: 400,
    uncommandedPct: 0.2,
    stuckWindowMs: 2000,
    stuckProgressPct: 0.1,
    endStopMarginPct: 0.5,
  },
  quickSpeedsKph: [],
};

/**
 * Defaults that differ by drive, applied over DEFAULT_CONFIG and beneath explicit overrides.
 * The duty maps (DEFAULT_CONFIG's is the MC-2100's) are the simulator's reference drives with a
 * 70 kg walker, measured as the mean steady duty at each speed with a fine encoder (the
 * MC-2100's on a board with headroom above its 16 km/h rating, see sim/models/mc2100-drive.ts).
 * Why the H-bridge's proportional gain is lower: its motor's back-EMF already damps the belt, and
 * 0.08 acting on readings 20-30 ms old answered each heel strike late, raising the footfall ripple
 * above the belt's own at a constant duty (0.312 against 0.275 km/h at 8 km/h, measured).
 * Why the load allowance only on the H-bridge: a bare DC motor's speed follows its duty, so an
 * empty belt given the duty a loaded belt needs to break free runs away (2.8 km/h for a 0.8 km/h
 * start, measured in the simulator with one pulse per foot). The MC-2100 closes its own loop on
 * its tachometer and an empty belt runs only about 0.2 km/h fast, so it keeps the quicker start.
 */
export const DRIVE_DEFAULTS: { [drive: string]: object } = {
  mc2100: {},
  hbridge: {
    dutyMap: [
      { speedKph: 0, duty: 0 },
      { speedKph: 0.8, duty: 0.139 },
      { speedKph: 2, duty: 0.195 },
      { speedKph: 4, duty: 0.289 },
      { speedKph: 8, duty: 0.476 },
      { speedKph: 12, duty: 0.664 },
      { speedKph: 16, duty: 0.85 },
    ],
    loadAllowanceDuty: 0.088,
    proportionalGain: 0.04,
  },
};
