// Closed-loop speed targets of issue 3 (MAE, footfall ripple, overshoot, settle time) on the simulator, table-driven.

import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { speedTargetCases } from './speed-cases';
import { assessCase, caseName, measureCase, TARGETS, type SpeedFigures } from './speed-measurement';

/*
 * Every case runs the real firmware with the default configuration (only metersPerPulse set to
 * match the encoder) against the simulator with a 70 kg walker at 1.8 footfalls per second.
 * speed-measurement.ts defines each figure. Where physics, not the controller, sets the limit,
 * the test measures that limit on the same simulated treadmill and asserts against it instead:
 *
 * - Footfall ripple: on the reference treadmill (75 kg reflected belt mass) every case is within
 *   the 0.3 km/h target. The fallback (where the belt swings more than the target even with the
 *   motor held at a constant duty, the closed loop may raise that open-loop ripple at most
 *   `RIPPLE_ALLOWANCE` times) applies only to lighter machines, which the bench prints.
 * - Settle time after a large step to 0.8 km/h, and after a start on the H-bridge, with one pulse
 *   per foot: information-limited (`isSparseLargeStep`, `isSparseBridgeStart`, explained at
 *   `SPARSE_STEP_SETTLE_LIMIT_MS` and `SPARSE_BRIDGE_START_SETTLE_LIMIT_MS`); those bounds are
 *   asserted.
 * - Reach: where a target lies above the drive's open-loop speed at maxDuty (no case of the
 *   reference treadmill does; a board without headroom above its rated speed would), the test
 *   asserts that the controller gives maxDuty and gets within `REACH_TOLERANCE_KPH` of that
 *   reach, with no fault.
 */

function describeFigures(figures: SpeedFigures): string {
  return (
    'MAE ' + figures.maeKph.toFixed(3) + ' (mean error ' + figures.meanErrorKph.toFixed(3) + '), ripple ' + figures.rippleKph.toFixed(3) +
    ', overshoot ' + figures.overshootKph.toFixed(3) + ', settle ' + figures.settleMs + ' ms, mean duty ' + figures.meanDuty.toFixed(3)
  );
}

describe('closed-loop speed targets (walking load, default configuration)', () => {
  speedTargetCases().forEach((speedCase) => {
    it(caseName(speedCase), () => {
      const figures = measureCase(speedCase);
      const assessment = assessCase(speedCase, figures, DEFAULT_CONFIG.maxDuty);
      const limits =
        (assessment.reachKph !== null ? 'beyond the reach of ' + assessment.reachKph.toFixed(3) + ' km/h; ' : '') +
        (assessment.physicalRippleKph !== null ? 'physical ripple ' + assessment.physicalRippleKph.toFixed(3) + '; ' : '') +
        'settle limit ' + assessment.settleLimitMs + ' ms';
      assert.ok(isFinite(figures.maeKph) && isFinite(figures.rippleKph), 'figures measured: ' + describeFigures(figures));
      assert.deepEqual(assessment.failures, [], describeFigures(figures) + ' (' + limits + ')');
      // On the reference treadmill the ripple target holds outright, with no physical fallback,
      // wherever the target is within the drive's reach (beyond it the belt runs below the target).
      if (assessment.reachKph === null) assert.ok(figures.rippleKph <= TARGETS.rippleKph, 'ripple ' + figures.rippleKph.toFixed(3) + ' km/h');
    });
  });
});

describe('the speed assessment itself', () => {
  it('fails a controller that has no feedback and a feed-forward map 10 % low', () => {
    const lowMap = DEFAULT_CONFIG.dutyMap.map((point) => ({ speedKph: point.speedKph, duty: point.duty * 0.9 }));
    const speedCase = { drive: 'mc2100' as const, pulsesPerMeter: 100, direction: 'forward' as const, fromKph: 0, toKph: 4, seed: 3 };
    const figures = measureCase(speedCase, { proportionalGain: 0, integralGain: 0, dutyMap: lowMap });
    const assessment = assessCase(speedCase, figures, DEFAULT_CONFIG.maxDuty);
    assert.ok(figures.meanErrorKph < -0.3, 'the belt runs slow: ' + describeFigures(figures));
    assert.ok(assessment.failures.indexOf('MAE') >= 0, 'MAE flagged: ' + assessment.failures.join(', '));
  });

  it('fails a controller whose proportional gain makes the belt hunt', () => {
    const speedCase = { drive: 'mc2100' as const, pulsesPerMeter: 100, direction: 'forward' as const, fromKph: 2, toKph: 4, seed: 3 };
    const figures = measureCase(speedCase, { proportionalGain: 1 });
    const assessment = assessCase(speedCase, figures, DEFAULT_CONFIG.maxDuty);
    assert.ok(assessment.failures.length > 0, describeFigures(figures));
  });
});
