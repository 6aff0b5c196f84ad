// Contract suite for Watchdog, shared by every implementation.

import { strict as assert } from 'assert';
import type { Watchdog } from '../../../hal/watchdog';

/** A watchdog plus time and a way to see whether it would have reset the board. */
export interface WatchdogFixture {
  watchdog: Watchdog;
  advanceMs(durationMs: number): void;
  /** True once the watchdog has fired (the board would have been reset). */
  expired(): boolean;
}

/** Run the Watchdog contract against `makeFixture`. */
export function describeWatchdogContract(target: string, makeFixture: () => WatchdogFixture): void {
  describe('Watchdog contract: ' + target, () => {
    it('kicks more often than the timeout keep the board alive', () => {
      const fixture = makeFixture();
      fixture.watchdog.enable(1000);
      for (let step = 0; step < 20; step++) {
        fixture.advanceMs(500);
        fixture.watchdog.kick();
      }
      assert.equal(fixture.expired(), false);
    });

    it('fires the timeout after the last kick, not before', () => {
      const fixture = makeFixture();
      fixture.watchdog.enable(1000);
      fixture.advanceMs(300);
      fixture.watchdog.kick();
      fixture.advanceMs(999);
      assert.equal(fixture.expired(), false);
      fixture.advanceMs(1);
      assert.equal(fixture.expired(), true);
    });

    it('does not fire before it is enabled', () => {
      const fixture = makeFixture();
      fixture.advanceMs(60000);
      assert.equal(fixture.expired(), false);
    });
  });
}
