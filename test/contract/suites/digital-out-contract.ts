// Contract suite for DigitalOut, shared by every implementation (device and simulator).

import { strict as assert } from 'assert';
import * as fc from 'fast-check';
import type { DigitalOut } from '../../../hal/digital-out';

/** A fresh DigitalOut plus a way to see what the hardware (or the model) now receives. */
export interface DigitalOutFixture {
  port: DigitalOut;
  /** What the pin does now, in the function's terms: true when the function is active. */
  observedActive(): boolean;
}

/** Run the DigitalOut contract against `makeFixture` (called once per check, inside the test). */
export function describeDigitalOutContract(target: string, makeFixture: () => DigitalOutFixture): void {
  describe('DigitalOut contract: ' + target, () => {
    it('reads false before the first write', () => {
      assert.equal(makeFixture().port.read(), false);
    });

    it('write(true) takes effect before it returns, and reads back', () => {
      const fixture = makeFixture();
      fixture.port.write(true);
      assert.equal(fixture.observedActive(), true);
      assert.equal(fixture.port.read(), true);
    });

    it('write(false) after write(true) turns the function off at once', () => {
      const fixture = makeFixture();
      fixture.port.write(true);
      fixture.port.write(false);
      assert.equal(fixture.observedActive(), false);
      assert.equal(fixture.port.read(), false);
    });

    it('follows any sequence of writes: the last one wins, read and hardware agree', () => {
      fc.assert(
        fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), (levels) => {
          const fixture = makeFixture();
          levels.forEach((level) => {
            fixture.port.write(level);
            assert.equal(fixture.observedActive(), level);
            assert.equal(fixture.port.read(), level);
          });
        }),
        { numRuns: 50 },
      );
    });
  });
}
