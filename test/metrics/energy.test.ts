// Unit tests of the ACSM energy equations, the equation choice by speed, the backward multiplier and the validity flag.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  equationForSpeed,
  estimateEnergyRate,
  gradeFractionFromPct,
  kcalPerMinFromVo2,
  makeEnergyRate,
  metFromVo2,
  movementOxygenMlPerKg,
  qualityForSpeed,
  RESTING_VO2_ML_PER_KG_MIN,
  runningVo2MlPerKgMin,
  speedMPerMinFromKph,
  walkingVo2MlPerKgMin,
} from '../../firmware/core/energy';
import { HARD_CAPS } from '../../firmware/config';

/** 3 mph in km/h (1 mile = 1609.344 m). */
const THREE_MPH_KPH = 4.828032;

function close(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, what + ': expected ' + expected + ' +/- ' + tolerance + ', got ' + actual);
}

describe('ACSM energy equations', () => {
  // Rows worked by hand from the equations in ../shared/domain.md.
  const ROWS = [
    { speedMPerMin: 100, grade: 0, walking: 13.5, running: 23.5 },
    { speedMPerMin: 50, grade: 0.1, walking: 17.5, running: 18 },
    { speedMPerMin: 0, grade: 0.15, walking: 3.5, running: 3.5 },
    { speedMPerMin: 200, grade: 0.05, walking: 41.5, running: 52.5 },
  ];
  ROWS.forEach((row) => {
    it('gives VO2 at ' + row.speedMPerMin + ' m/min, grade ' + row.grade, () => {
      close(walkingVo2MlPerKgMin(row.speedMPerMin, row.grade), row.walking, 1e-9, 'walking');
      close(runningVo2MlPerKgMin(row.speedMPerMin, row.grade), row.running, 1e-9, 'running');
    });
  });

  it('converts units: km/h to m/min, percent to a grade that is never negative, VO2 to MET and kcal', () => {
    close(speedMPerMinFromKph(6), 100, 1e-9, 'm/min');
    close(speedMPerMinFromKph(THREE_MPH_KPH), 80.4672, 1e-6, '3 mph');
    assert.equal(gradeFractionFromPct(12), 0.12);
    assert.equal(gradeFractionFromPct(-3), 0);
    assert.equal(metFromVo2(7), 2);
    // 10 ml/kg/min x 70 kg = 0.7 l/min, x 5 kcal/l = 3.5 kcal/min.
    close(kcalPerMinFromVo2(10, 70), 3.5, 1e-12, 'kcal/min');
  });

  it('reproduces the domain example: 12-3-30 for 70 kg is about 8.3 MET and 300 kcal in 30 minutes', () => {
    const rate = makeEnergyRate();
    estimateEnergyRate(rate, THREE_MPH_KPH, 12, 'forward', 70, 1.3);
    assert.equal(rate.equation, 'walking');
    assert.equal(rate.quality, 'validated');
    close(rate.met, 8.3, 0.05, 'MET');
    close(rate.kcalPerMin * 30, 300, 15, 'kcal in 30 min');
  });

  it('applies the backward multiplier to the gross uptake while the belt moves, and not at standstill', () => {
    const forward = makeEnergyRate();
    const backward = makeEnergyRate();
    estimateEnergyRate(forward, 2, 5, 'forward', 70, 1.3);
    estimateEnergyRate(backward, 2, 5, 'backward', 70, 1.3);
    close(backward.vo2MlPerKgMin / forward.vo2MlPerKgMin, 1.3, 1e-12, 'backward / forward VO2');
    close(backward.kcalPerMin / forward.kcalPerMin, 1.3, 1e-12, 'backward / forward kcal');
    estimateEnergyRate(backward, 2, 5, 'backward', 70, 1.17);
    close(backward.met / forward.met, 1.17, 1e-12, 'a configured multiplier');
    estimateEnergyRate(backward, 0, 5, 'backward', 70, 1.3);
    close(backward.met, 1, 1e-12, 'standing still is 1 MET either way');
  });

  it('flags speeds below the walking equation\'s validated 50 m/min (3 km/h)', () => {
    const rate = makeEnergyRate();
    [0, 0.8, 1.6, 2.9].forEach((speedKph) => {
      estimateEnergyRate(rate, speedKph, 0, 'backward', 70, 1.3);
      assert.equal(rate.quality, 'belowValidatedRange', speedKph + ' km/h');
    });
    [3, 4, 6.4, 12].forEach((speedKph) => {
      estimateEnergyRate(rate, speedKph, 0, 'forward', 70, 1.3);
      assert.equal(rate.quality, 'validated', speedKph + ' km/h');
    });
    assert.equal(qualityForSpeed(49.9), 'belowValidatedRange');
    assert.equal(qualityForSpeed(50), 'validated');
  });

  it('uses the walking equation below 4 mph and the running one from it; backward is always walking', () => {
    assert.equal(equationForSpeed(speedMPerMinFromKph(6.4)), 'walking');
    assert.equal(equationForSpeed(speedMPerMinFromKph(6.5)), 'running');
    const rate = makeEnergyRate();
    estimateEnergyRate(rate, HARD_CAPS.backwardMaxSpeedKph, 0, 'backward', 70, 1.3);
    assert.equal(rate.equation, 'walking');
    estimateEnergyRate(rate, 10, 0, 'forward', 70, 1.3);
    assert.equal(rate.equation, 'running');
    close(rate.vo2MlPerKgMin, runningVo2MlPerKgMin(speedMPerMinFromKph(10), 0), 1e-9, 'running VO2 at 10 km/h');
  });

  it('integrates over distance exactly as the rate over time (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 0.15, noNaN: true }), fc.double({ min: 0.01, max: 60, noNaN: true }), (speedMPerMin, grade, minutes) => {
        const distanceM = speedMPerMin * minutes;
        const equation = equationForSpeed(speedMPerMin);
        const fromDistance = movementOxygenMlPerKg(equation, distanceM, grade) + RESTING_VO2_ML_PER_KG_MIN * minutes;
        const fromRate = (equation === 'running' ? runningVo2MlPerKgMin(speedMPerMin, grade) : walkingVo2MlPerKgMin(speedMPerMin, grade)) * minutes;
        return Math.abs(fromDistance - fromRate) <= 1e-9 * Math.max(1, fromRate);
      }),
    );
  });
});
