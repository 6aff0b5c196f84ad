// Energy cost of walking and running on a treadmill: the ACSM metabolic equations, a backward multiplier, and how far to trust them.

import type { Direction } from '../command';

/**
 * How much an estimate can be trusted:
 * - validated: the speed lies where the chosen ACSM equation was validated (walking from about
 *   50 m/min, 3 km/h), or the equation is the running one;
 * - belowValidatedRange: slower than 50 m/min, where the walking equation was never validated
 *   (it still gives a number, but slow walking costs relatively more than it predicts).
 */
export type EstimateQuality = 'validated' | 'belowValidatedRange';

/** Which ACSM equation an estimate used. */
export type EnergyEquation = 'walking' | 'running';

/** Oxygen uptake at rest, ml/kg/min: 1 MET. */
export const RESTING_VO2_ML_PER_KG_MIN = 3.5;

/** Energy per litre of oxygen, kcal (the ACSM's rounded 5 kcal/l). */
export const KCAL_PER_LITRE_OXYGEN = 5;

/** Slowest speed the walking equation was validated for, m/min (about 3 km/h, 1.9 mph). */
export const WALKING_VALIDATED_FROM_M_PER_MIN = 50;

/**
 * Speed from which the running equation applies, m/min: 4 mph (107.3 m/min, 6.44 km/h). Why: the
 * ACSM walking equation is validated up to about 3.7 mph and the running one above 5 mph; in
 * between the gait decides, and the firmware cannot see the gait. 4 mph is the usual rule of
 * thumb for where people on a treadmill start to jog. The backward hard cap (6.4 km/h) lies
 * below it, so backward walking always uses the walking equation. Crossing this speed makes the
 * estimate jump (at 4 mph on the flat the running equation gives about 1.75 times the walking
 * one), as the ACSM equations themselves do.
 */
export const RUNNING_EQUATION_FROM_M_PER_MIN = 107.3;

/** Default extra cost of backward over forward walking at the same speed and grade, factor (studies: 1.17-1.4). */
export const DEFAULT_BACKWARD_ENERGY_MULTIPLIER = 1.3;

/** An estimate of the current energy rate, filled in place by `estimateEnergyRate`. */
export interface EnergyRate {
  /** Gross oxygen uptake, ml/kg/min (rest included, backward multiplier applied). */
  vo2MlPerKgMin: number;
  /** Metabolic equivalents: vo2 / 3.5. */
  met: number;
  /** Energy expenditure, kcal/min. */
  kcalPerMin: number;
  equation: EnergyEquation;
  quality: EstimateQuality;
}

/** Belt speed in m/min from km/h (the unit the ACSM equations use). */
export function speedMPerMinFromKph(speedKph: number): number {
  return (speedKph * 1000) / 60;
}

/** Grade as a fraction from percent, never negative: the equations' grade term does not cover downhill. */
export function gradeFractionFromPct(inclinePct: number): number {
  return inclinePct > 0 ? inclinePct / 100 : 0;
}

/** ACSM walking: VO2 = 0.1 v + 1.8 v grade + 3.5, ml/kg/min, with v in m/min and grade a fraction. */
export function walkingVo2MlPerKgMin(speedMPerMin: number, gradeFraction: number): number {
  return 0.1 * speedMPerMin + 1.8 * speedMPerMin * gradeFraction + RESTING_VO2_ML_PER_KG_MIN;
}

/** ACSM running: VO2 = 0.2 v + 0.9 v grade + 3.5, ml/kg/min, with v in m/min and grade a fraction. */
export function runningVo2MlPerKgMin(speedMPerMin: number, gradeFraction: number): number {
  return 0.2 * speedMPerMin + 0.9 * speedMPerMin * gradeFraction + RESTING_VO2_ML_PER_KG_MIN;
}

/** The equation for a speed: running from RUNNING_EQUATION_FROM_M_PER_MIN (4 mph), walking below. */
export function equationForSpeed(speedMPerMin: number): EnergyEquation {
  return speedMPerMin >= RUNNING_EQUATION_FROM_M_PER_MIN ? 'running' : 'walking';
}

/** Whether an estimate at this speed is within the equations' validated range (see EstimateQuality). */
export function qualityForSpeed(speedMPerMin: number): EstimateQuality {
  return speedMPerMin >= WALKING_VALIDATED_FROM_M_PER_MIN ? 'validated' : 'belowValidatedRange';
}

/**
 * Oxygen cost of moving `distanceM` on the given grade with `equation`, ml/kg, rest excluded
 * (the equations' horizontal and vertical terms, integrated over distance). Why distance rather
 * than speed: the terms are linear in speed, so summing them over the encoder's distance
 * increments gives the exact integral however coarse the pulses are.
 */
export function movementOxygenMlPerKg(equation: EnergyEquation, distanceM: number, gradeFraction: number): number {
  if (equation === 'running') return (0.2 + 0.9 * gradeFraction) * distanceM;
  return (0.1 + 1.8 * gradeFraction) * distanceM;
}

/** Metabolic equivalents of an oxygen uptake in ml/kg/min. */
export function metFromVo2(vo2MlPerKgMin: number): number {
  return vo2MlPerKgMin / RESTING_VO2_ML_PER_KG_MIN;
}

/** Energy expenditure, kcal/min: VO2 (ml/kg/min) x weight (kg) / 1000 x 5 kcal per litre. */
export function kcalPerMinFromVo2(vo2MlPerKgMin: number, weightKg: number): number {
  return ((vo2MlPerKgMin * weightKg) / 1000) * KCAL_PER_LITRE_OXYGEN;
}

/** Energy of an amount of oxygen per kg of body weight, kcal. */
export function kcalFromOxygenMlPerKg(oxygenMlPerKg: number, weightKg: number): number {
  return ((oxygenMlPerKg * weightKg) / 1000) * KCAL_PER_LITRE_OXYGEN;
}

/**
 * Multiplier on the gross oxygen uptake for the belt's direction: `backwardMultiplier` while
 * walking backward on a moving belt, else 1. It applies to the gross uptake because that is what
 * the studies compare (backward costs 17-40 % more than forward at the same speed and grade);
 * standing still costs the same either way.
 */
export function directionMultiplier(direction: Direction, moving: boolean, backwardMultiplier: number): number {
  return direction === 'backward' && moving ? backwardMultiplier : 1;
}

/** A zeroed rate, to be filled by `estimateEnergyRate`. */
export function makeEnergyRate(): EnergyRate {
  return { vo2MlPerKgMin: 0, met: 0, kcalPerMin: 0, equation: 'walking', quality: 'belowValidatedRange' };
}

/**
 * Fill `rate` with the energy rate of walking or running at `speedKph` (km/h, positive) on
 * `inclinePct` (percent grade) in `direction`, for a person of `weightKg`. Pure apart from
 * writing `rate`; allocates nothing, so the control loop may call it every tick.
 */
export function estimateEnergyRate(rate: EnergyRate, speedKph: number, inclinePct: number, direction: Direction, weightKg: number, backwardMultiplier: number): void {
  const speedMPerMin = speedMPerMinFromKph(speedKph > 0 ? speedKph : 0);
  const grade = gradeFractionFromPct(inclinePct);
  const equation = equationForSpeed(speedMPerMin);
  const plainVo2 = equation === 'running' ? runningVo2MlPerKgMin(speedMPerMin, grade) : walkingVo2MlPerKgMin(speedMPerMin, grade);
  const vo2 = plainVo2 * directionMultiplier(direction, speedMPerMin > 0, backwardMultiplier);
  rate.vo2MlPerKgMin = vo2;
  rate.met = metFromVo2(vo2);
  rate.kcalPerMin = kcalPerMinFromVo2(vo2, weightKg);
  rate.equation = equation;
  rate.quality = qualityForSpeed(speedMPerMin);
}
