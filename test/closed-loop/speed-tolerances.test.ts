// Closed-loop speed targets of issue 3 (MAE, footfall ripple, overshoot, settle time) on the simulator, table-driven.

import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { boardsUnderTest, timingLabel } from './board-timings';
import { speedTargetCases } from './speed-cases';
import { assessCase, caseName, measureCase, TARGETS, type SpeedCase, type SpeedFigures } from './speed-measurement';

/*
 * Every case runs the real firmware with the default configuration (only metersPerPulse set to
 * match the encoder, and the board's control period) against the simulator with a 70 kg walker at
 * 1.8 footfalls per second, once per board timing (hal/espruino/boards/board-timing.ts): the
 * firmware ticks at the board's period and its outputs reach the motor the board's tick time late.
 * speed-measurement.ts defines each figure. On this reference treadmill every case must meet
 * every target outright: MAE, ripple, overshoot and settle time, one pulse per foot included.
 * `assessCase` also knows two physical limits for other machines, which the bench uses:
 *
 * - Footfall ripple: where the belt swings more than the target even with the motor held at a
 *   constant duty (a light flywheel), the closed loop may raise that open-loop ripple at most
 *   `RIPPLE_ALLOWANCE` times.
 * - Reach: where a target lies above the drive's open-loop speed at maxDuty (a board without
 *   headroom above its rated speed), the controller must give maxDuty and get within
 *   `REACH_TOLERANCE_KPH` of that reach, with no fault.
 */

function describeFigures(figures: SpeedFigures): string {
  return (
    'MAE ' + figures.maeKph.toFixed(3) + ' (mean error ' + figures.meanErrorKph.toFixed(3) + '), ripple ' + figures.rippleKph.toFixed(3) +
    ', overshoot ' + figures.overshootKph.toFixed(3) + ', settle ' + figures.settleMs + ' ms, mean duty ' + figures.meanDuty.toFixed(3)
  );
}

boardsUnderTest().forEach((board) => {
  describe('closed-loop speed targets at ' + timingLabel(board) + ' (walking load, default configuration)', () => {
    speedTargetCases().forEach((plainCase) => {
      const speedCase: SpeedCase = Object.assign({}, plainCase, { board });
      it(caseName(speedCase), () => {
        const figures = measureCase(speedCase);
        const assessment = assessCase(speedCase, figures, DEFAULT_CONFIG.maxDuty);
        const limits =
          (assessment.reachKph !== null ? 'beyond the reach of ' + assessment.reachKph.toFixed(3) + ' km/h; ' : '') +
          (assessment.physicalRippleKph !== null ? 'physical ripple ' + assessment.physicalRippleKph.toFixed(3) : '');
        assert.ok(isFinite(figures.maeKph) && isFinite(figures.rippleKph), 'figures measured: ' + describeFigures(figures));
        assert.deepEqual(assessment.failures, [], describeFigures(figures) + ' (' + limits + ')');
        // On the reference treadmill every target is within the drive's reach and the ripple target
        // holds outright, with no physical fallback.
        assert.equal(assessment.reachKph, null, 'beyond reach');
        assert.ok(figures.rippleKph <= TARGETS.rippleKph, 'ripple ' + figures.rippleKph.toFixed(3) + ' km/h');
      });
    });
  });

  describe('closed-loop speed targets from standstill at ' + timingLabel(board) + ', with the belt elsewhere between two sensor marks', () => {
    // The firmware cannot know how far the next mark is when a start begins; with one pulse per
    // foot that decides when the first pulses (and the first measurement) come.
    const START_MARK_FRACTIONS = [0.25, 0.5, 0.75];
    speedTargetCases()
      .filter((speedCase) => speedCase.fromKph === 0)
      .forEach((speedCase) => {
        START_MARK_FRACTIONS.forEach((startMarkFraction) => {
          const shifted: SpeedCase = Object.assign({}, speedCase, { startMarkFraction, board });
          it(caseName(shifted), () => {
            const figures = measureCase(shifted);
            const assessment = assessCase(shifted, figures, DEFAULT_CONFIG.maxDuty);
            assert.deepEqual(assessment.failures, [], describeFigures(figures));
            assert.equal(assessment.reachKph, null, 'beyond reach');
          });
        });
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
    // Either the hunting trips the overspeed check (a latched fault refuses the next speed), or
    // the belt gets through and the assessment flags it: it never passes.
    let figures: ReturnType<typeof measureCase> | null = null;
    try {
      figures = measureCase(speedCase, { proportionalGain: 1 });
    } catch (error) {
      assert.match(String(error), /refused: fault latched/);
    }
    if (figures !== null) assert.ok(assessCase(speedCase, figures, DEFAULT_CONFIG.maxDuty).failures.length > 0, describeFigures(figures));
  });
});
