// Contract suite for DigitalIn, shared by every implementation.

import { strict as assert } from 'assert';
import type { DigitalIn, EdgeEvent } from '../../../hal/digital-in';

/** A fresh DigitalIn (initially inactive) plus a way to drive its input and run the event loop. */
export interface DigitalInFixture {
  port: DigitalIn;
  /** Drive the input to its active (true) or inactive level now: one edge if the level changes. */
  drive(active: boolean): void;
  /** Let the event loop run at the current time (queued edge callbacks are delivered). */
  settle(): void;
  advanceMs(durationMs: number): void;
  nowMs(): number;
}

const TIME_TOLERANCE_MS = 1e-6;

/** Run the DigitalIn contract against `makeFixture`. */
export function describeDigitalInContract(target: string, makeFixture: () => DigitalInFixture): void {
  describe('DigitalIn contract: ' + target, () => {
    it('read follows the input level', () => {
      const fixture = makeFixture();
      fixture.settle();
      assert.equal(fixture.port.read(), false);
      fixture.drive(true);
      fixture.settle();
      assert.equal(fixture.port.read(), true);
      fixture.drive(false);
      fixture.settle();
      assert.equal(fixture.port.read(), false);
    });

    it('reports each edge once, with its level and its own time', () => {
      const fixture = makeFixture();
      const edges: EdgeEvent[] = [];
      fixture.port.watch((edge) => edges.push(edge));
      fixture.advanceMs(100);
      const riseMs = fixture.nowMs();
      fixture.drive(true);
      fixture.settle();
      assert.equal(edges.length, 1);
      assert.equal(edges[0].active, true);
      assert.ok(Math.abs(edges[0].timeMs - riseMs) < TIME_TOLERANCE_MS, 'rise at ' + riseMs + ', got ' + edges[0].timeMs);
      fixture.advanceMs(40);
      fixture.drive(false);
      fixture.settle();
      assert.equal(edges.length, 2);
      assert.equal(edges[1].active, false);
      assert.ok(Math.abs(edges[1].timeMs - (riseMs + 40)) < TIME_TOLERANCE_MS);
    });

    it('delivers edges in time order', () => {
      const fixture = makeFixture();
      const edges: EdgeEvent[] = [];
      fixture.port.watch((edge) => edges.push(edge));
      fixture.drive(true);
      fixture.advanceMs(5);
      fixture.drive(false);
      fixture.advanceMs(5);
      fixture.drive(true);
      fixture.settle();
      assert.deepEqual(
        edges.map((edge) => edge.active),
        [true, false, true],
      );
      assert.ok(edges[0].timeMs < edges[1].timeMs && edges[1].timeMs < edges[2].timeMs);
    });

    it('never calls back from inside read or watch', () => {
      const fixture = makeFixture();
      let calls = 0;
      fixture.port.watch(() => calls++);
      fixture.drive(true);
      fixture.port.read();
      fixture.port.watch(() => calls++);
      assert.equal(calls, 0, 'a callback ran inside a port method');
      fixture.settle();
      assert.ok(calls >= 1, 'the edge was never delivered');
    });

    it('calls every watcher for the same edge', () => {
      const fixture = makeFixture();
      const first: boolean[] = [];
      const second: boolean[] = [];
      fixture.port.watch((edge) => first.push(edge.active));
      fixture.port.watch((edge) => second.push(edge.active));
      fixture.drive(true);
      fixture.settle();
      assert.deepEqual(first, [true]);
      assert.deepEqual(second, [true]);
    });

    it('stops calling after cancel, and cancel twice is harmless', () => {
      const fixture = makeFixture();
      const edges: boolean[] = [];
      const handle = fixture.port.watch((edge) => edges.push(edge.active));
      fixture.drive(true);
      fixture.settle();
      handle.cancel();
      handle.cancel();
      fixture.drive(false);
      fixture.settle();
      assert.deepEqual(edges, [true]);
    });
  });
}
