// Tests of the belt and walker models: friction, stiction, jamming, footfalls, pushing a free belt.

import assert from 'node:assert/strict';
import { Belt } from '../../sim/models/belt';
import { GRAVITY_MPS2 } from '../../sim/models/units';
import { Walker } from '../../sim/models/walker';
import { SeededRandom } from '../../sim/random';

function coastDownMs(loadKg: number, startMps: number): number {
  const belt = new Belt();
  belt.speedMps = startMps;
  let timeMs = 0;
  while (belt.speedMps > 0 && timeMs < 60000) {
    belt.update(0, loadKg, 5);
    timeMs += 5;
  }
  return timeMs;
}

describe('Belt', () => {
  it('holds still until the push exceeds static friction', () => {
    const belt = new Belt();
    const frictionN = belt.frictionN(70);
    belt.update(frictionN * 0.99, 70, 5);
    belt.update(-frictionN * 0.99, 70, 5);
    assert.equal(belt.speedMps, 0);
    belt.update(frictionN * 1.5, 70, 5);
    assert.ok(belt.speedMps > 0);
  });

  it('has deck friction that grows with the walker weight', () => {
    const belt = new Belt();
    const emptyN = belt.frictionN(0);
    const loadedN = belt.frictionN(100);
    assert.ok(Math.abs(loadedN - emptyN - belt.options.deckFrictionCoefficient * 100 * GRAVITY_MPS2) < 1e-9);
    const emptyCoastMs = coastDownMs(0, 3);
    const loadedCoastMs = coastDownMs(70, 3);
    assert.ok(loadedCoastMs < emptyCoastMs / 3, 'coast ' + loadedCoastMs + ' ms loaded vs ' + emptyCoastMs + ' ms empty');
  });

  it('friction stops the belt but never reverses it', () => {
    const belt = new Belt();
    // Slower than one 5 ms step of friction can take away, so this step crosses zero.
    belt.speedMps = -0.5 * ((belt.frictionN(70) / belt.options.effectiveMassKg) * 0.005);
    belt.update(0, 70, 5);
    assert.equal(belt.speedMps, 0);
    for (let step = 0; step < 100; step++) belt.update(0, 70, 5);
    assert.equal(belt.speedMps, 0);
  });

  it('a strong push turns it round', () => {
    const belt = new Belt();
    belt.speedMps = 0.001;
    belt.update(-1000, 0, 5);
    assert.ok(belt.speedMps < 0, String(belt.speedMps));
  });

  it('integrates position and always-growing distance', () => {
    const belt = new Belt();
    belt.speedMps = 2;
    belt.update(belt.resistanceN(0, 2), 0, 1000);
    assert.ok(Math.abs(belt.positionM - 2) < 1e-9 && Math.abs(belt.distanceM - 2) < 1e-9);
    belt.speedMps = -1;
    belt.update(-belt.resistanceN(0, 1), 0, 1000);
    assert.ok(Math.abs(belt.positionM - 1) < 1e-9, 'position ' + belt.positionM);
    assert.ok(Math.abs(belt.distanceM - 3) < 1e-9, 'distance ' + belt.distanceM);
  });

  it('a jammed belt stops within a few steps even under full drive force', () => {
    const belt = new Belt();
    belt.speedMps = 4;
    belt.jammed = true;
    for (let step = 0; step < 20; step++) belt.update(450, 70, 5);
    assert.equal(belt.speedMps, 0);
    belt.jammed = false;
    belt.update(450, 70, 5);
    assert.ok(belt.speedMps > 0, 'cleared jam moves again');
  });
});

describe('Walker', () => {
  function forcesOverOneSecond(walker: Walker, belt: Belt): number[] {
    const forces: number[] = [];
    for (let step = 0; step < 200; step++) forces.push(walker.forceN(belt, 5));
    return forces;
  }

  it('nobody on the belt: no force and no load', () => {
    const walker = new Walker(new SeededRandom(1), 'off', 70, 1.8, 2);
    const belt = new Belt();
    belt.speedMps = 1;
    assert.deepEqual(forcesOverOneSecond(walker, belt), new Array(200).fill(0));
    assert.equal(walker.loadKg(), 0);
  });

  it('walking forward: heel strikes brake a forward belt, push-offs push it, netting near zero', () => {
    const walker = new Walker(new SeededRandom(1), 'forward', 70, 1.8, 2, { strengthSpread: 0, cadenceSpread: 0 });
    walker.phase = 0;
    const belt = new Belt();
    belt.speedMps = 1.5;
    const forces = forcesOverOneSecond(walker, belt);
    const weightN = 70 * GRAVITY_MPS2;
    const mostBrakingN = Math.min.apply(null, forces);
    assert.ok(mostBrakingN < -0.15 * weightN, 'braking pulse ' + mostBrakingN);
    assert.ok(Math.max.apply(null, forces) > 0, 'push-off');
    const stepForces = forces.slice(0, Math.round(1000 / 1.8 / 5));
    const meanN = stepForces.reduce((sum, force) => sum + force, 0) / stepForces.length;
    assert.ok(Math.abs(meanN) < 0.02 * weightN, 'mean over a step ' + meanN);
    assert.equal(walker.loadKg(), 70);
  });

  it('walking backward on a backward belt: the pulses mirror', () => {
    const forwardWalker = new Walker(new SeededRandom(1), 'forward', 70, 1.8, 2, { strengthSpread: 0, cadenceSpread: 0 });
    const backwardWalker = new Walker(new SeededRandom(1), 'backward', 70, 1.8, 2, { strengthSpread: 0, cadenceSpread: 0 });
    const forwardBelt = new Belt();
    const backwardBelt = new Belt();
    forwardBelt.speedMps = 1;
    backwardBelt.speedMps = -1;
    const forward = forcesOverOneSecond(forwardWalker, forwardBelt);
    const backward = forcesOverOneSecond(backwardWalker, backwardBelt);
    assert.ok(forward.some((force) => force !== 0));
    forward.forEach((force, index) => assert.ok(Math.abs(force + backward[index]) < 1e-9, 'step ' + index));
  });

  it('stands (no footfalls) when the belt is still or runs against the walker', () => {
    const walker = new Walker(new SeededRandom(1), 'backward', 70, 1.8, 2);
    const belt = new Belt();
    assert.ok(forcesOverOneSecond(walker, belt).every((force) => force === 0));
    belt.speedMps = 1;
    assert.ok(forcesOverOneSecond(walker, belt).every((force) => force === 0));
  });

  it('footfalls come at the footfall rate', () => {
    const walker = new Walker(new SeededRandom(9), 'forward', 70, 1.8, 2);
    const belt = new Belt();
    belt.speedMps = 1.5;
    let heelStrikes = 0;
    let braking = false;
    for (let step = 0; step < 2000; step++) {
      const nowBraking = walker.forceN(belt, 5) < 0;
      if (nowBraking && !braking) heelStrikes++;
      braking = nowBraking;
    }
    assert.ok(Math.abs(heelStrikes - 18) <= 1, 'heel strikes in 10 s: ' + heelStrikes);
  });

  it('push mode drives a free belt to the push speed in either direction', () => {
    for (const pushKph of [2, -1.5]) {
      const walker = new Walker(new SeededRandom(2), 'push', 70, 1.8, pushKph);
      const belt = new Belt();
      let sumMps = 0;
      for (let step = 0; step < 2000; step++) {
        belt.update(walker.forceN(belt, 5), walker.loadKg(), 5);
        if (step >= 1000) sumMps += belt.speedMps;
      }
      const meanKph = (sumMps / 1000) * 3.6;
      assert.ok(Math.abs(meanKph - pushKph) < 0.15, 'push ' + pushKph + ': mean ' + meanKph);
    }
  });

  it('push mode cannot move a jammed belt', () => {
    const walker = new Walker(new SeededRandom(2), 'push', 70, 1.8, 2);
    const belt = new Belt();
    belt.jammed = true;
    for (let step = 0; step < 400; step++) belt.update(walker.forceN(belt, 5), walker.loadKg(), 5);
    assert.equal(belt.distanceM, 0);
  });
});
