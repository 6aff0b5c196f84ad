// Session metrics of the real firmware on the simulated treadmill: distance split by direction against the true belt, and energy only while running.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { DISPLAY_PERIOD_MS } from '../../firmware/treadmill';
import { makeRig, type Rig } from '../closed-loop/harness';

const TICK_MS = DEFAULT_CONFIG.controlPeriodMs;

/** Advance tick by tick until `done` or `maxMs` passes, calling `onTick` after each tick. */
function runUntil(rig: Rig, maxMs: number, done: () => boolean, onTick: () => void): void {
  const endMs = rig.scheduler.nowMs() + maxMs;
  while (!done() && rig.scheduler.nowMs() < endMs) {
    rig.scheduler.advance(TICK_MS);
    onTick();
  }
}

function command(rig: Rig, name: 'start' | 'stop' | 'setSpeed' | 'setDirection', speedKph?: number, direction?: Direction): void {
  const result = rig.firmware.command({ name, source: 'local', speedKph, direction });
  assert.ok(result.accepted, name + ' refused: ' + result.message);
}

describe('session metrics on the simulated treadmill', () => {
  [
    { drive: 'mc2100' as const, pulsesPerMeter: 3.28, seed: 3 },
    { drive: 'hbridge' as const, pulsesPerMeter: 100, seed: 11 },
  ].forEach((build) => {
    it(build.drive + ', ' + build.pulsesPerMeter + ' pulses/m: forward then backward in one session, split within 1 % of the true belt, energy only while running', () => {
      const rig = makeRig({ drive: build.drive, pulsesPerMeter: build.pulsesPerMeter, seed: build.seed, walkerMode: 'forward' }, { metersPerPulse: 1 / build.pulsesPerMeter });
      const status = rig.firmware.status();
      const metrics = status.metrics;
      let lastEnergyKcal = 0;
      let lastElapsedMs = 0;
      let growthWhileStill = 0;
      let runningUpdates = 0;
      let runningUpdatesWithGrowth = 0;
      let wasStill = true;
      const elapsedByDirectionMs = { forward: 0, backward: 0 };
      const onTick = () => {
        elapsedByDirectionMs[status.direction] += metrics.elapsedMs - lastElapsedMs;
        const grew = metrics.energyKcal > lastEnergyKcal;
        assert.ok(metrics.energyKcal >= lastEnergyKcal || status.state === 'running', 'energy never falls within a session');
        // The figures follow at a display's rate (DISPLAY_PERIOD_MS): the update that shows the
        // last moments of a stop comes with the state change, so only a tick that was still before
        // and after may show no growth at all.
        const still = status.state === 'idle' || status.state === 'countdown' || status.state === 'fault';
        if (still && wasStill && (grew || metrics.elapsedMs !== lastElapsedMs)) growthWhileStill++;
        wasStill = still;
        if (status.state === 'running' && metrics.elapsedMs !== lastElapsedMs) {
          runningUpdates++;
          if (grew) runningUpdatesWithGrowth++;
        }
        lastEnergyKcal = metrics.energyKcal;
        lastElapsedMs = metrics.elapsedMs;
      };

      runUntil(rig, 2000, () => false, onTick);
      command(rig, 'start');
      runUntil(rig, 5000, () => status.state === 'running', onTick);
      command(rig, 'setSpeed', 4);
      runUntil(rig, 90000, () => false, onTick);
      command(rig, 'setDirection', undefined, 'backward');
      runUntil(rig, 30000, () => status.state === 'idle' && status.direction === 'backward', onTick);
      assert.equal(status.direction, 'backward');
      const forwardTruthM = rig.sim.beltDistanceM();
      rig.sim.setWalker('backward', 70);
      command(rig, 'start');
      runUntil(rig, 5000, () => status.state === 'running', onTick);
      command(rig, 'setSpeed', 2);
      runUntil(rig, 90000, () => false, onTick);
      command(rig, 'stop');
      runUntil(rig, 30000, () => status.state === 'idle', onTick);
      assert.equal(status.state, 'idle');
      runUntil(rig, 5000, () => false, onTick);
      const backwardTruthM = rig.sim.beltDistanceM() - forwardTruthM;

      assert.ok(forwardTruthM > 90 && backwardTruthM > 45, 'the belt ran: ' + forwardTruthM + ' m, ' + backwardTruthM + ' m');
      assert.ok(Math.abs(metrics.distanceForwardM - forwardTruthM) <= 0.01 * forwardTruthM, 'forward ' + metrics.distanceForwardM + ' m, truth ' + forwardTruthM + ' m');
      assert.ok(Math.abs(metrics.distanceBackwardM - backwardTruthM) <= 0.01 * backwardTruthM, 'backward ' + metrics.distanceBackwardM + ' m, truth ' + backwardTruthM + ' m');
      assert.equal(growthWhileStill, 0, 'energy and time stand still in idle and countdown');
      // Over 160 s of running, one update every DISPLAY_PERIOD_MS.
      const expectedUpdates = 160000 / DISPLAY_PERIOD_MS;
      assert.ok(runningUpdatesWithGrowth === runningUpdates && runningUpdates > expectedUpdates, 'energy grows at every update while running (' + runningUpdatesWithGrowth + ' of ' + runningUpdates + ')');
      assert.equal(metrics.active, false);

      // Session time: two runs of about 92 s each, plus the stops; not the idle time between.
      const elapsedS = metrics.elapsedMs / 1000;
      assert.ok(elapsedS > 180 && elapsedS < 200, 'elapsed ' + elapsedS + ' s');
      // Energy against the ACSM walking equation on the true distances (flat; 70 kg; backward x 1.3).
      const expectedOxygen = 0.1 * forwardTruthM + (3.5 * elapsedByDirectionMs.forward) / 60000 + 1.3 * (0.1 * backwardTruthM + (3.5 * elapsedByDirectionMs.backward) / 60000);
      const expectedKcal = (expectedOxygen * 70 * 5) / 1000;
      assert.ok(Math.abs(metrics.energyKcal - expectedKcal) <= 0.03 * expectedKcal, 'energy ' + metrics.energyKcal + ' kcal, expected about ' + expectedKcal);
      assert.ok(metrics.averageMet > 1.5 && metrics.averageMet < 3, 'average MET ' + metrics.averageMet);
    });
  });
});
