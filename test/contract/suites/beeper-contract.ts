// Contract suite for Beeper, shared by every implementation.

import { strict as assert } from 'assert';
import type { Beeper } from '../../../hal/beeper';

/** A fresh, silent Beeper plus what it sounds now and a way to run time. */
export interface BeeperFixture {
  beeper: Beeper;
  /** Frequency sounding now, Hz, or 0 when silent. */
  soundingHz(): number;
  advanceMs(durationMs: number): void;
}

/** Run the Beeper contract against `makeFixture`. */
export function describeBeeperContract(target: string, makeFixture: () => BeeperFixture): void {
  describe('Beeper contract: ' + target, () => {
    it('sounds at once and stops by itself after the duration', () => {
      const fixture = makeFixture();
      fixture.beeper.beep(1000, 150);
      assert.equal(fixture.soundingHz(), 1000);
      fixture.advanceMs(149);
      assert.equal(fixture.soundingHz(), 1000);
      fixture.advanceMs(1);
      assert.equal(fixture.soundingHz(), 0);
    });

    it('a new beep replaces the tone still playing, with its own duration', () => {
      const fixture = makeFixture();
      fixture.beeper.beep(1000, 150);
      fixture.advanceMs(100);
      fixture.beeper.beep(2000, 100);
      assert.equal(fixture.soundingHz(), 2000);
      fixture.advanceMs(60);
      assert.equal(fixture.soundingHz(), 2000, 'the first tone must not cut the second short');
      fixture.advanceMs(40);
      assert.equal(fixture.soundingHz(), 0);
    });

    it('silence stops the tone now, and a later beep is not cut by the old end time', () => {
      const fixture = makeFixture();
      fixture.beeper.beep(1500, 100);
      fixture.advanceMs(50);
      fixture.beeper.silence();
      assert.equal(fixture.soundingHz(), 0);
      fixture.advanceMs(10);
      fixture.beeper.beep(1500, 100);
      fixture.advanceMs(60);
      assert.equal(fixture.soundingHz(), 1500);
      fixture.advanceMs(40);
      assert.equal(fixture.soundingHz(), 0);
    });

    it('silence while silent is harmless', () => {
      const fixture = makeFixture();
      fixture.beeper.silence();
      assert.equal(fixture.soundingHz(), 0);
    });
  });
}
