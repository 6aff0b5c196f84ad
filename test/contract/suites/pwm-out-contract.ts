// Contract suite for PwmOut, shared by every implementation.

import { strict as assert } from 'assert';
import * as fc from 'fast-check';
import type { PwmOut } from '../../../hal/pwm-out';

/** A fresh PwmOut at a given frequency plus what the hardware (or the model) receives. */
export interface PwmOutFixture {
  port: PwmOut;
  /** The duty the output produces now, 0..1. */
  observedDuty(): number;
  /** The frequency the output runs at while the duty is above 0, Hz. */
  observedFrequencyHz(): number;
}

/** Run the PwmOut contract against `makeFixture(frequencyHz)`. */
export function describePwmOutContract(target: string, makeFixture: (frequencyHz: number) => PwmOutFixture): void {
  describe('PwmOut contract: ' + target, () => {
    it('reports the frequency it was made with', () => {
      assert.equal(makeFixture(20).port.frequencyHz, 20);
      assert.equal(makeFixture(5000).port.frequencyHz, 5000);
    });

    it('reads 0 before the first write', () => {
      assert.equal(makeFixture(20).port.read(), 0);
    });

    it('applies a duty at its frequency before write returns', () => {
      const fixture = makeFixture(20);
      fixture.port.write(0.35);
      assert.equal(fixture.port.read(), 0.35);
      assert.equal(fixture.observedDuty(), 0.35);
      assert.equal(fixture.observedFrequencyHz(), 20);
    });

    it('duty 0 stops the drive', () => {
      const fixture = makeFixture(20);
      fixture.port.write(0.6);
      fixture.port.write(0);
      assert.equal(fixture.port.read(), 0);
      assert.equal(fixture.observedDuty(), 0);
    });

    it('duty 1 drives fully', () => {
      const fixture = makeFixture(1000);
      fixture.port.write(1);
      assert.equal(fixture.observedDuty(), 1);
    });

    it('follows any sequence of duties in 0..1: the last one wins', () => {
      fc.assert(
        fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), (duties) => {
          const fixture = makeFixture(20);
          duties.forEach((duty) => {
            fixture.port.write(duty);
            assert.equal(fixture.port.read(), duty);
            assert.equal(fixture.observedDuty(), duty > 0 ? duty : 0);
          });
        }),
        { numRuns: 50 },
      );
    });
  });
}
