// Validates configuration overrides (from a scenario, storage or a board) against the defaults' shape and the hard caps.

import { DEFAULT_CONFIG, DRIVE_DEFAULTS, HARD_CAPS, QUICK_SPEED_KEYS, type TreadmillConfig } from './config';

/** A copy of `value` made from plain JSON-like data (objects, arrays, numbers, strings, booleans). */
function cloneData(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Merge `override` into `base` in place, checking every key and type; throws naming the path. */
function mergeChecked(base: { [key: string]: unknown }, override: { [key: string]: unknown }, path: string): void {
  Object.keys(override).forEach((key) => {
    const where = path === '' ? key : path + '.' + key;
    if (!(key in base)) throw new Error('config: unknown setting "' + where + '"');
    const expected = kindOf(base[key]);
    const actual = kindOf(override[key]);
    if (expected !== actual) throw new Error('config: "' + where + '" must be a ' + expected + ', got ' + actual);
    if (expected === 'number' && !isFinite(override[key] as number)) throw new Error('config: "' + where + '" must be a finite number');
    if (expected === 'object') {
      mergeChecked(base[key] as { [key: string]: unknown }, override[key] as { [key: string]: unknown }, where);
    } else {
      base[key] = cloneData(override[key]);
    }
  });
}

function requireRange(name: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) throw new Error('config: "' + name + '" must be within ' + min + '..' + max + ', got ' + value);
}

/** Check the merged configuration's ranges; throws an Error naming the first bad setting. */
export function checkConfig(config: TreadmillConfig): void {
  // Up to 250 ms: a slow board's interpreter needs a long period to keep the tick's share of its
  // CPU small, and the belt (time constant about 0.5 s) is still sampled a few times per time constant.
  requireRange('controlPeriodMs', config.controlPeriodMs, 5, 250);
  requireRange('startSpeedKph', config.startSpeedKph, 0.3, 3);
  requireRange('countdownMs', config.countdownMs, 0, 10000);
  requireRange('minSpeedKph', config.minSpeedKph, 0.3, config.startSpeedKph);
  requireRange('speedStepKph', config.speedStepKph, 0.05, 2);
  if (config.units !== 'kph' && config.units !== 'mph') throw new Error('config: "units" must be "kph" or "mph", got ' + String(config.units));
  requireRange('forward.maxSpeedKph', config.forward.maxSpeedKph, config.startSpeedKph, HARD_CAPS.forwardMaxSpeedKph);
  requireRange('backward.maxSpeedKph', config.backward.maxSpeedKph, config.startSpeedKph, HARD_CAPS.backwardMaxSpeedKph);
  requireRange('forward.maxInclinePct', config.forward.maxInclinePct, 0, HARD_CAPS.forwardMaxInclinePct);
  requireRange('backward.maxInclinePct', config.backward.maxInclinePct, 0, HARD_CAPS.backwardMaxInclinePct);
  requireRange('forward.accelKphPerS', config.forward.accelKphPerS, 0.05, HARD_CAPS.maxAccelKphPerS);
  requireRange('forward.decelKphPerS', config.forward.decelKphPerS, 0.05, HARD_CAPS.maxAccelKphPerS);
  requireRange('backward.accelKphPerS', config.backward.accelKphPerS, 0.05, HARD_CAPS.maxAccelKphPerS);
  requireRange('backward.decelKphPerS', config.backward.decelKphPerS, 0.05, HARD_CAPS.maxAccelKphPerS);
  requireRange('directionDwellMs', config.directionDwellMs, 2000, 60000);
  requireRange('metersPerPulse', config.metersPerPulse, 0.0005, 2);
  requireRange('encoderGlitchFilterMs', config.encoderGlitchFilterMs, 0, 50);
  requireRange('maxDuty', config.maxDuty, 0.05, HARD_CAPS.maxDuty);
  requireRange('proportionalGain', config.proportionalGain, 0, 1);
  requireRange('integralGain', config.integralGain, 0, 1);
  // At least two control periods: a healthy loop must be able to kick it in time.
  requireRange('watchdogTimeoutMs', config.watchdogTimeoutMs, Math.max(200, 2 * config.controlPeriodMs), 10000);
  // Session metrics: a plausible user's weight; the multiplier from 1 (none) to 2, well above the studies' 1.4.
  requireRange('userWeightKg', config.userWeightKg, 20, 250);
  requireRange('backwardEnergyMultiplier', config.backwardEnergyMultiplier, 1, 2);
  requireRange('loadAllowanceDuty', config.loadAllowanceDuty, 0, Math.min(0.2, config.maxDuty));
  // Fault limits: a configuration may tune a window, never switch a detection off.
  const faults = config.faults;
  requireRange('faults.drivingDuty', faults.drivingDuty, 0.02, 0.3);
  requireRange('faults.encoderLossPulses', faults.encoderLossPulses, 1.5, 5);
  requireRange('faults.encoderLossMinWindowMs', faults.encoderLossMinWindowMs, 500, 3000);
  requireRange('faults.encoderStartAllowancePulses', faults.encoderStartAllowancePulses, 0, 3);
  requireRange('faults.overspeedMarginKph', faults.overspeedMarginKph, 0.2, 2);
  requireRange('faults.overspeedFraction', faults.overspeedFraction, 0, 0.3);
  requireRange('faults.overspeedReferenceDecayKphPerS', faults.overspeedReferenceDecayKphPerS, 0.1, 5);
  requireRange('faults.overspeedWindowMs', faults.overspeedWindowMs, 50, 1000);
  requireRange('faults.overspeedImmediateExcessKph', faults.overspeedImmediateExcessKph, 0.2, 5);
  requireRange('faults.overspeedEvidenceExcessKph', faults.overspeedEvidenceExcessKph, 0.1, 2);
  requireRange('faults.stallDutyFraction', faults.stallDutyFraction, 0.5, 1);
  requireRange('faults.stallSpeedFraction', faults.stallSpeedFraction, 0.1, 0.9);
  requireRange('faults.stallWindowMs', faults.stallWindowMs, 500, 10000);
  requireRange('faults.wrongDirectionTravelM', faults.wrongDirectionTravelM, 0.02, 1);
  // Incline: calibration must give a usable scale; detection windows may be tuned, never switched off.
  const incline = config.incline;
  requireRange('incline.pulsesPerPct', incline.pulsesPerPct, 1, 1000);
  requireRange('incline.analogAtZero', incline.analogAtZero, 0, 1);
  requireRange('incline.analogAtSpan', incline.analogAtSpan, 0, 1);
  if (!(Math.abs(incline.analogAtSpan - incline.analogAtZero) >= 0.05)) throw new Error('config: "incline.analogAtSpan" must differ from "incline.analogAtZero" by at least 0.05');
  requireRange('incline.analogSpanPct', incline.analogSpanPct, 1, 30);
  requireRange('incline.analogFilterMs', incline.analogFilterMs, 0, 1000);
  requireRange('incline.analogUncertaintyPct', incline.analogUncertaintyPct, 0, 1);
  requireRange('incline.stepPct', incline.stepPct, 0.1, 5);
  requireRange('incline.deadbandPct', incline.deadbandPct, 0.05, 2);
  requireRange('incline.overrunPct', incline.overrunPct, 0, 1);
  requireRange('incline.ratePctPerS', incline.ratePctPerS, 0.1, 5);
  requireRange('incline.deadTimeMs', incline.deadTimeMs, 100, 5000);
  requireRange('incline.homingStallMs', incline.homingStallMs, 300, 10000);
  requireRange('incline.homingTimeoutMs', incline.homingTimeoutMs, 5000, 120000);
  requireRange('incline.coastMs', incline.coastMs, 0, 2000);
  requireRange('incline.uncommandedPct', incline.uncommandedPct, 0.05, 2);
  requireRange('incline.stuckWindowMs', incline.stuckWindowMs, 500, 10000);
  requireRange('incline.stuckProgressPct', incline.stuckProgressPct, 0.01, 1);
  requireRange('incline.endStopMarginPct', incline.endStopMarginPct, 0.1, 2);
  if (!(incline.uncommandedPct < incline.deadbandPct)) throw new Error('config: "incline.uncommandedPct" must be below "incline.deadbandPct" (else the control would correct a drift before it is seen)');
  if (!(incline.stuckProgressPct < incline.uncommandedPct)) throw new Error('config: "incline.stuckProgressPct" must be below "incline.uncommandedPct"');
  // Quick speeds within the hard cap, not the configured one: a user who lowers a cap in the
  // settings must not see the boot drop that setting; a press caps the speed to its direction's cap.
  if (config.quickSpeedsKph.length > QUICK_SPEED_KEYS) throw new Error('config: "quickSpeedsKph" holds at most ' + QUICK_SPEED_KEYS + ' speeds (one per quick key), got ' + config.quickSpeedsKph.length);
  config.quickSpeedsKph.forEach((speedKph, index) => {
    if (typeof speedKph !== 'number') throw new Error('config: "quickSpeedsKph[' + index + ']" must be a number, got ' + kindOf(speedKph));
    requireRange('quickSpeedsKph[' + index + ']', speedKph, config.minSpeedKph, HARD_CAPS.forwardMaxSpeedKph);
  });
  if (config.dutyMap.length < 2) throw new Error('config: "dutyMap" needs at least 2 points');
  config.dutyMap.forEach((point, index) => {
    if (typeof point !== 'object' || point === null || typeof point.speedKph !== 'number' || typeof point.duty !== 'number') {
      throw new Error('config: "dutyMap[' + index + ']" must be {speedKph, duty} numbers');
    }
    requireRange('dutyMap[' + index + '].duty', point.duty, 0, config.maxDuty);
    if (index > 0) {
      const previous = config.dutyMap[index - 1];
      if (!(point.speedKph > previous.speedKph) || point.duty < previous.duty) {
        throw new Error('config: "dutyMap" must rise monotonically in speed and duty (point ' + index + ')');
      }
    }
  });
}

/**
 * The defaults with `overrides` applied, validated. `machine` (optional) is the description of the
 * machine the build or the simulator knows (belt distance, incline scale, caps, duty map): it goes
 * over the drive's defaults and beneath `overrides`. Throws an Error with a message naming the
 * setting and the problem; nothing is half-applied because a fresh copy is built each time.
 */
export function resolveConfig(overrides: object, machine?: object): TreadmillConfig {
  const config = cloneData(DEFAULT_CONFIG) as TreadmillConfig;
  if (kindOf(overrides) !== 'object') throw new Error('config: overrides must be an object, got ' + kindOf(overrides));
  const drive = (overrides as { drive?: unknown }).drive;
  if (drive !== undefined) {
    if (drive !== 'mc2100' && drive !== 'hbridge') throw new Error('config: "drive" must be "mc2100" or "hbridge", got ' + JSON.stringify(drive));
    // The drive's own defaults first, then the explicit overrides over them.
    mergeChecked(config as unknown as { [key: string]: unknown }, DRIVE_DEFAULTS[drive] as { [key: string]: unknown }, '');
  }
  if (machine !== undefined) {
    if (kindOf(machine) !== 'object') throw new Error('config: the machine description must be an object, got ' + kindOf(machine));
    mergeChecked(config as unknown as { [key: string]: unknown }, machine as { [key: string]: unknown }, '');
  }
  mergeChecked(config as unknown as { [key: string]: unknown }, overrides as { [key: string]: unknown }, '');
  checkConfig(config);
  return config;
}
