// Contract suite for Scheduler, shared by every implementation.

import { strict as assert } from 'assert';
import type { Clock } from '../../../hal/clock';
import type { Scheduler } from '../../../hal/scheduler';

/** A scheduler, the clock whose time it passes to callbacks, and a way to run time forward. */
export interface SchedulerFixture {
  scheduler: Scheduler;
  clock: Clock;
  advanceMs(durationMs: number): void;
  /** Errors thrown by callbacks so far, as the implementation reports them. */
  callbackErrors(): unknown[];
}

const TIME_TOLERANCE_MS = 1e-6;

function near(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) < TIME_TOLERANCE_MS * Math.max(1, Math.abs(expected));
}

/** Run the Scheduler contract against `makeFixture`. */
export function describeSchedulerContract(target: string, makeFixture: () => SchedulerFixture): void {
  describe('Scheduler contract: ' + target, () => {
    it('every(period) runs first one period from now, then each period, passing the clock time', () => {
      const fixture = makeFixture();
      const startMs = fixture.clock.nowMs();
      const times: number[] = [];
      fixture.scheduler.every(20, (nowMs) => {
        times.push(nowMs);
        assert.ok(near(nowMs, fixture.clock.nowMs()), 'callback time differs from the clock');
      });
      fixture.advanceMs(19);
      assert.equal(times.length, 0);
      fixture.advanceMs(81);
      assert.equal(times.length, 5);
      times.forEach((timeMs, index) => assert.ok(near(timeMs, startMs + 20 * (index + 1)), 'call ' + index + ' at ' + timeMs));
    });

    it('after(delay) runs once, at the delay', () => {
      const fixture = makeFixture();
      const startMs = fixture.clock.nowMs();
      const times: number[] = [];
      fixture.scheduler.after(150, (nowMs) => times.push(nowMs));
      fixture.advanceMs(149);
      assert.equal(times.length, 0);
      fixture.advanceMs(1000);
      assert.equal(times.length, 1);
      assert.ok(near(times[0], startMs + 150));
    });

    it('never calls back from inside every or after', () => {
      const fixture = makeFixture();
      let calls = 0;
      fixture.scheduler.after(0, () => calls++);
      fixture.scheduler.every(1, () => calls++);
      assert.equal(calls, 0);
      fixture.advanceMs(1);
      assert.ok(calls >= 2);
    });

    it('runs callbacks due at the same time in the order they were scheduled', () => {
      const fixture = makeFixture();
      const order: string[] = [];
      fixture.scheduler.after(50, () => order.push('a'));
      fixture.scheduler.after(50, () => order.push('b'));
      fixture.scheduler.after(50, () => order.push('c'));
      fixture.advanceMs(50);
      assert.deepEqual(order, ['a', 'b', 'c']);
    });

    it('cancel stops an interval and a pending timeout; cancelling again, or after it ran, is harmless', () => {
      const fixture = makeFixture();
      let ticks = 0;
      let fired = 0;
      const interval = fixture.scheduler.every(10, () => ticks++);
      const timeout = fixture.scheduler.after(25, () => fired++);
      const ranTimeout = fixture.scheduler.after(5, () => fired++);
      fixture.advanceMs(20);
      interval.cancel();
      timeout.cancel();
      interval.cancel();
      timeout.cancel();
      ranTimeout.cancel();
      fixture.advanceMs(100);
      assert.equal(ticks, 2);
      assert.equal(fired, 1);
    });

    it('a callback that throws does not stop its interval, and the error is reported', () => {
      const fixture = makeFixture();
      let calls = 0;
      fixture.scheduler.every(10, () => {
        calls++;
        throw new Error('tick failed ' + calls);
      });
      fixture.advanceMs(50);
      assert.equal(calls, 5);
      assert.equal(fixture.callbackErrors().length, 5);
    });
  });
}
