// The controller's cached map lookup (mapDuty) gives exactly feedForwardDuty's value, for any rising map and any order of speeds.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { feedForwardDuty, makeControllerState, mapDuty } from '../../firmware/core/speed-controller';

/** A map as the configuration accepts it: 2-8 points, speeds rising strictly, duties not falling. */
const risingMap = fc
  .array(fc.record({ speedStepKph: fc.double({ min: 0.01, max: 5, noNaN: true }), dutyStep: fc.double({ min: 0, max: 0.2, noNaN: true }) }), { minLength: 2, maxLength: 8 })
  .map((steps) => {
    let speedKph = 0;
    let duty = 0;
    return steps.map((step, index) => {
      if (index > 0) {
        speedKph += step.speedStepKph;
        duty += step.dutyStep;
      }
      return { speedKph: speedKph, duty: duty };
    });
  });

describe('controller: the map lookup that remembers its segment', () => {
  it('equals feedForwardDuty exactly over a sequence of speeds (ramps, jumps, below and above the map; property)', () => {
    fc.assert(
      fc.property(risingMap, fc.array(fc.double({ min: -1, max: 40, noNaN: true }), { minLength: 1, maxLength: 40 }), (map, speeds) => {
        const state = makeControllerState();
        speeds.forEach((speedKph) => {
          assert.equal(mapDuty(state, map, speedKph), feedForwardDuty(map, speedKph));
          // A ramp: small steps after each speed stay mostly in the remembered segment.
          assert.equal(mapDuty(state, map, speedKph + 0.01), feedForwardDuty(map, speedKph + 0.01));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('at a segment\'s exact points: the upper point belongs to the lower segment, as feedForwardDuty has it', () => {
    // Duties chosen so that the two ways to a point differ in the last bit: 0.1 + 1 x (0.444 - 0.1) is not 0.444.
    const map = [
      { speedKph: 0, duty: 0.1 },
      { speedKph: 2, duty: 0.444 },
      { speedKph: 4, duty: 0.6 },
    ];
    const state = makeControllerState();
    [3, 2, 4, 0, 1, 2, 4.5, 2].forEach((speedKph) => assert.equal(mapDuty(state, map, speedKph), feedForwardDuty(map, speedKph), 'at ' + speedKph));
  });
});
