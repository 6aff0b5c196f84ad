// Contract suite for Clock, shared by every implementation.

import { strict as assert } from 'assert';
import * as fc from 'fast-check';
import type { Clock } from '../../../hal/clock';

/** A clock plus a way to let time pass. */
export interface ClockFixture {
  clock: Clock;
  advanceMs(durationMs: number): void;
}

const TIME_TOLERANCE_MS = 1e-6;

/** Run the Clock contract against `makeFixture`. */
export function describeClockContract(target: string, makeFixture: () => ClockFixture): void {
  describe('Clock contract: ' + target, () => {
    it('does not move while no time passes', () => {
      const fixture = makeFixture();
      const first = fixture.clock.nowMs();
      assert.equal(fixture.clock.nowMs(), first);
    });

    it('advances by exactly the time that passed, in milliseconds, never backwards', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 20 }), (stepsMs) => {
          const fixture = makeFixture();
          let previousMs = fixture.clock.nowMs();
          stepsMs.forEach((stepMs) => {
            fixture.advanceMs(stepMs);
            const nowMs = fixture.clock.nowMs();
            assert.ok(nowMs >= previousMs, 'clock went backwards');
            assert.ok(Math.abs(nowMs - previousMs - stepMs) < TIME_TOLERANCE_MS * Math.max(1, nowMs), 'step ' + stepMs + ' moved ' + (nowMs - previousMs));
            previousMs = nowMs;
          });
        }),
        { numRuns: 30 },
      );
    });
  });
}
