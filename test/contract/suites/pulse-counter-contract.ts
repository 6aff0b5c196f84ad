// Contract suite for PulseCounter, shared by every implementation.

import { strict as assert } from 'assert';
import * as fc from 'fast-check';
import type { PulseCounter, PulseReading } from '../../../hal/pulse-counter';

/** A fresh PulseCounter with a given glitch filter, plus a way to make pulses and run time. */
export interface PulseCounterFixture {
  counter: PulseCounter;
  /** One pulse from the sensor now. */
  pulse(): void;
  /** Let the event loop run at the current time (queued pulse callbacks are delivered). */
  settle(): void;
  advanceMs(durationMs: number): void;
  nowMs(): number;
  /** Make the port lose edges (the device's input queue overflowing); absent where impossible. */
  loseEdges?: () => void;
}

const TIME_TOLERANCE_MS = 1e-6;

function emptyReading(): PulseReading {
  return { count: -7, lastPulseMs: -7, previousPulseMs: -7, rejectedCount: -7, overflowed: true };
}

function pulseAfter(fixture: PulseCounterFixture, gapMs: number): number {
  fixture.advanceMs(gapMs);
  const timeMs = fixture.nowMs();
  fixture.pulse();
  fixture.settle();
  return timeMs;
}

/** Run the PulseCounter contract against `makeFixture(glitchFilterMs)`. */
export function describePulseCounterContract(target: string, makeFixture: (glitchFilterMs: number) => PulseCounterFixture): void {
  describe('PulseCounter contract: ' + target, () => {
    it('starts empty, and read overwrites every field of the caller object', () => {
      const fixture = makeFixture(2);
      const reading = emptyReading();
      fixture.counter.read(reading);
      assert.deepEqual(reading, { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false });
    });

    it('counts pulses and keeps the time of the latest accepted one', () => {
      const fixture = makeFixture(2);
      pulseAfter(fixture, 100);
      pulseAfter(fixture, 250);
      const lastMs = pulseAfter(fixture, 250);
      const reading = emptyReading();
      fixture.counter.read(reading);
      assert.equal(reading.count, 3);
      assert.equal(reading.rejectedCount, 0);
      assert.ok(Math.abs(reading.lastPulseMs - lastMs) < TIME_TOLERANCE_MS, 'expected ' + lastMs + ', got ' + reading.lastPulseMs);
    });

    it('keeps the time of the accepted pulse before the latest: -1 until the second pulse', () => {
      const fixture = makeFixture(2);
      pulseAfter(fixture, 100);
      const reading = emptyReading();
      fixture.counter.read(reading);
      assert.equal(reading.previousPulseMs, -1, 'one pulse has no previous one');
      const secondMs = pulseAfter(fixture, 250);
      const thirdMs = pulseAfter(fixture, 180);
      fixture.counter.read(reading);
      assert.ok(Math.abs(reading.previousPulseMs - secondMs) < TIME_TOLERANCE_MS, 'expected ' + secondMs + ', got ' + reading.previousPulseMs);
      assert.ok(Math.abs(reading.lastPulseMs - thirdMs) < TIME_TOLERANCE_MS);
    });

    it('a rejected glitch moves neither the latest nor the previous pulse time', () => {
      const fixture = makeFixture(5);
      const firstMs = pulseAfter(fixture, 100);
      const secondMs = pulseAfter(fixture, 200);
      pulseAfter(fixture, 3);
      const reading = emptyReading();
      fixture.counter.read(reading);
      assert.equal(reading.rejectedCount, 1);
      assert.ok(Math.abs(reading.previousPulseMs - firstMs) < TIME_TOLERANCE_MS, 'previous: expected ' + firstMs + ', got ' + reading.previousPulseMs);
      assert.ok(Math.abs(reading.lastPulseMs - secondMs) < TIME_TOLERANCE_MS);
    });

    it('rejects a pulse closer than the glitch filter and counts the rejection', () => {
      const fixture = makeFixture(5);
      const acceptedMs = pulseAfter(fixture, 100);
      pulseAfter(fixture, 4);
      const reading = emptyReading();
      fixture.counter.read(reading);
      assert.equal(reading.count, 1);
      assert.equal(reading.rejectedCount, 1);
      assert.ok(Math.abs(reading.lastPulseMs - acceptedMs) < TIME_TOLERANCE_MS);
    });

    it('accepts a pulse exactly the glitch filter after the previous accepted one', () => {
      const fixture = makeFixture(5);
      pulseAfter(fixture, 100);
      pulseAfter(fixture, 5);
      const reading = emptyReading();
      fixture.counter.read(reading);
      assert.equal(reading.count, 2);
      assert.equal(reading.rejectedCount, 0);
    });

    it('measures the filter from the last accepted pulse, not the last rejected one', () => {
      const fixture = makeFixture(10);
      pulseAfter(fixture, 100);
      pulseAfter(fixture, 6);
      pulseAfter(fixture, 6);
      const reading = emptyReading();
      fixture.counter.read(reading);
      assert.equal(reading.count, 2, 'the third pulse is 12 ms after the first accepted one');
      assert.equal(reading.rejectedCount, 1);
    });

    it('accepted plus rejected equals pulses made, and the count never falls (any gaps)', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), (gapsMs) => {
          const fixture = makeFixture(8);
          const reading = emptyReading();
          let previousCount = 0;
          gapsMs.forEach((gapMs) => {
            pulseAfter(fixture, gapMs);
            fixture.counter.read(reading);
            assert.ok(reading.count >= previousCount);
            previousCount = reading.count;
          });
          assert.equal(reading.count + reading.rejectedCount, gapsMs.length);
        }),
        { numRuns: 40 },
      );
    });

    it('reports lost edges as overflowed, for good', function () {
      const probe = makeFixture(2);
      if (!probe.loseEdges) this.skip();
      const fixture = makeFixture(2);
      pulseAfter(fixture, 10);
      (fixture.loseEdges as () => void)();
      fixture.settle();
      const reading = emptyReading();
      fixture.counter.read(reading);
      assert.equal(reading.overflowed, true);
      pulseAfter(fixture, 100);
      fixture.counter.read(reading);
      assert.equal(reading.overflowed, true, 'overflowed must stay set');
      assert.equal(reading.count, 2);
    });

    it('a reading kept current (where the port keeps one) is filled at once and then equals a read after every pulse, glitch and lost edge, without a read; a second one takes over', function () {
      const fixture = makeFixture(5);
      if (!fixture.counter.keepCurrent) this.skip();
      const keepCurrent = (fixture.counter.keepCurrent as NonNullable<PulseCounter['keepCurrent']>).bind(fixture.counter);
      pulseAfter(fixture, 100);
      const kept = emptyReading();
      keepCurrent(kept);
      const read = (): PulseReading => {
        const reading = emptyReading();
        fixture.counter.read(reading);
        return reading;
      };
      assert.deepEqual(kept, read(), 'filled at once');
      assert.equal(kept.count, 1);
      [250, 2, 40, 3, 300].forEach((gapMs) => {
        pulseAfter(fixture, gapMs);
        assert.deepEqual(kept, read(), 'after a pulse ' + gapMs + ' ms later');
      });
      assert.equal(kept.count, 4);
      assert.equal(kept.rejectedCount, 2);
      if (fixture.loseEdges) {
        fixture.loseEdges();
        fixture.settle();
        assert.equal(kept.overflowed, true);
        assert.deepEqual(kept, read(), 'after lost edges');
      }
      const next = emptyReading();
      keepCurrent(next);
      const before = Object.assign({}, kept);
      pulseAfter(fixture, 200);
      assert.deepEqual(kept, before, 'the first reading is no longer written');
      assert.deepEqual(next, read(), 'the second one is');
      assert.equal(next.count, 5);
    });

    it('early pulses (where the port judges them): a pulse shorter than the limit calls back in its own event with its time and interval; a longer one, a limit of 0 and a rejected glitch do not', function () {
      const fixture = makeFixture(5);
      if (!fixture.counter.watchEarlyPulses) this.skip();
      const limit = { earlyPulseMinIntervalMs: 0 };
      const calls: { pulseMs: number; intervalMs: number }[] = [];
      (fixture.counter.watchEarlyPulses as NonNullable<PulseCounter['watchEarlyPulses']>)(limit, (pulseMs, intervalMs) => calls.push({ pulseMs, intervalMs }));
      pulseAfter(fixture, 100);
      pulseAfter(fixture, 40);
      assert.equal(calls.length, 0, 'limit 0: no check');
      limit.earlyPulseMinIntervalMs = 50;
      pulseAfter(fixture, 60);
      assert.equal(calls.length, 0, 'an interval of 60 ms is not shorter than 50 ms');
      pulseAfter(fixture, 50);
      assert.equal(calls.length, 0, 'an interval of exactly the limit is not early');
      // Not from within read: the callback waits for the pulse's own event.
      fixture.advanceMs(30);
      const earlyMs = fixture.nowMs();
      fixture.pulse();
      fixture.counter.read(emptyReading());
      const beforeSettle = calls.length;
      fixture.settle();
      assert.equal(beforeSettle, 0, 'called back before the pulse event ran');
      assert.equal(calls.length, 1);
      assert.ok(Math.abs(calls[0].pulseMs - earlyMs) < TIME_TOLERANCE_MS, 'pulse time ' + calls[0].pulseMs + ', expected ' + earlyMs);
      assert.ok(Math.abs(calls[0].intervalMs - 30) < TIME_TOLERANCE_MS, 'interval ' + calls[0].intervalMs);
      // A glitch (closer than the filter) is rejected, and judged as nothing.
      pulseAfter(fixture, 2);
      assert.equal(calls.length, 1, 'a rejected glitch raised the alarm');
    });
  });
}
