// Shared helpers for the persistence tests: boot the real firmware on a simulated treadmill with given flash.

import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { bootTreadmill, type Treadmill } from '../../firmware/index';
import { waitForBeltStill } from '../closed-loop/harness';
import { SimScheduler } from '../../sim/sim-scheduler';
import { SimStorage } from '../../sim/ports/sim-storage';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill } from '../../sim/sim-treadmill';

export interface PersistenceRig {
  scheduler: SimScheduler;
  sim: SimTreadmill;
  firmware: Treadmill;
}

/** Boot on a fresh simulated treadmill that keeps `storage` (a power cycle with that flash). */
export function bootWith(storage: SimStorage, overrides?: object): PersistenceRig {
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { walkerMode: 'off' }), storage);
  const firmware = bootTreadmill(sim.hal, overrides === undefined ? {} : overrides);
  waitForBeltStill(scheduler, firmware);
  return { scheduler, sim, firmware };
}

/** The firmware is in safe idle for `durationMs`: idle, no fault, duty 0, motor disabled. */
export function assertSafeIdle(rig: PersistenceRig, durationMs: number): void {
  const endMs = rig.scheduler.nowMs() + durationMs;
  do {
    const status = rig.firmware.status();
    assert.equal(status.state, 'idle', 'state at ' + rig.scheduler.nowMs() + ' ms');
    assert.equal(status.fault, null);
    assert.equal(rig.sim.motorDuty(), 0);
    assert.equal(rig.sim.motorEnabled(), false);
    rig.scheduler.advance(100);
  } while (rig.scheduler.nowMs() < endMs);
}

/** Warning lines of the log. */
export function warnings(rig: PersistenceRig): string[] {
  return rig.sim.log.lines.filter(function (line) {
    return line.indexOf(' warn ') >= 0;
  });
}

/** Run one session: optional direction change, start, walk `runMs`, then end it with `end`. */
export function runSession(rig: PersistenceRig, direction: 'forward' | 'backward', speedKph: number, runMs: number, end: 'stop' | 'key' | 'slowDownThenStop'): void {
  const firmware = rig.firmware;
  if (firmware.status().direction !== direction) {
    assert.ok(firmware.command({ name: 'setDirection', source: 'local', direction: direction }).accepted);
    rig.scheduler.advance(3000);
    assert.equal(firmware.status().direction, direction);
  }
  rig.sim.setWalker(direction, 70);
  assert.ok(firmware.command({ name: 'start', source: 'local' }).accepted);
  // The countdown ends at the first tick after it runs out: up to a control period later.
  rig.scheduler.advance(firmware.status().countdownRemainingMs + DEFAULT_CONFIG.controlPeriodMs);
  assert.equal(firmware.status().state, 'running');
  assert.ok(firmware.command({ name: 'setSpeed', source: 'local', speedKph: speedKph }).accepted);
  rig.scheduler.advance(runMs);
  if (end === 'key') {
    rig.sim.pullKey();
    rig.scheduler.advance(6000);
    rig.sim.insertKey();
    rig.scheduler.advance(200);
    assert.ok(firmware.command({ name: 'clearFault', source: 'local' }).accepted);
  } else {
    if (end === 'slowDownThenStop') {
      assert.ok(firmware.command({ name: 'slowDown', source: 'local' }).accepted);
      rig.scheduler.advance(3000);
    }
    assert.ok(firmware.command({ name: 'stop', source: 'local' }).accepted);
    rig.scheduler.advance(15000);
  }
  rig.sim.setWalker('off', 70);
  assert.equal(firmware.status().state, 'idle');
  rig.scheduler.advance(2500);
}
