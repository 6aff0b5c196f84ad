// A control tick that comes late integrates at most 2.5 periods, and one whose clock went back integrates nothing: the ramp never jumps.

import assert from 'node:assert/strict';
import { bootTreadmill, type Treadmill } from '../../firmware/index';
import type { TimerHandle } from '../../hal/scheduler';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';

/** The tick and forward acceleration these tests configure (not the firmware's defaults). */
const TICK_MS = 100;
const ACCEL_KPH_PER_S = 2;
/** README: the longest gap the loop integrates, in control periods. */
const MAX_GAP_PERIODS = 2.5;

/** A firmware whose control tick the test calls itself, at the times it chooses. */
interface ManualTicks {
  scheduler: SimScheduler;
  firmware: Treadmill;
  tickAt(nowMs: number): void;
}

function manualTicks(): ManualTicks {
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { pulsesPerMeter: 100, walkerMode: 'forward' }));
  let tick: ((nowMs: number) => void) | null = null;
  const every = sim.hal.scheduler.every.bind(sim.hal.scheduler);
  sim.hal.scheduler.every = (periodMs: number, onDue: (nowMs: number) => void): TimerHandle => {
    if (tick !== null) return every(periodMs, onDue);
    tick = onDue;
    return { cancel: () => undefined };
  };
  const firmware = bootTreadmill(sim.hal, { drive: sim.options.drive, metersPerPulse: 0.01, controlPeriodMs: TICK_MS, forward: { accelKphPerS: ACCEL_KPH_PER_S } });
  assert.ok(tick !== null, 'the firmware scheduled its tick');
  const onTick: (nowMs: number) => void = tick;
  const rig = {
    scheduler,
    firmware,
    tickAt: (nowMs: number) => {
      // Physics runs up to the tick's time; a tick told an earlier time runs at the world's present.
      if (nowMs > scheduler.nowMs()) scheduler.advance(nowMs - scheduler.nowMs());
      onTick(nowMs);
    },
  };
  // Regular ticks until the firmware has watched the belt stand still since power-up (it takes no start before).
  for (let nowMs = TICK_MS; !firmware.status().beltStill; nowMs += TICK_MS) {
    assert.ok(nowMs < 10000, 'the belt reads still after power-up');
    rig.tickAt(nowMs);
  }
  return rig;
}

/** Start, tick through the countdown and run until the belt moves, then ask for 10 km/h; returns the time of the last tick. */
function runningTowardTen(rig: ManualTicks): number {
  assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
  let nowMs = rig.scheduler.nowMs();
  for (let tick = 0; tick < 80; tick++) {
    nowMs += TICK_MS;
    rig.tickAt(nowMs);
  }
  assert.equal(rig.firmware.status().state, 'running');
  assert.ok(rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: 10 }).accepted);
  for (let tick = 0; tick < 10; tick++) {
    nowMs += TICK_MS;
    rig.tickAt(nowMs);
  }
  return nowMs;
}

describe('late and early control ticks', () => {
  it('a tick 2 s late moves the setpoint by at most 2.5 periods of ramp', () => {
    const rig = manualTicks();
    const lastMs = runningTowardTen(rig);
    const before = rig.firmware.status().setpointKph;
    assert.ok(before > 1 && before < 8, 'mid-ramp: ' + before);
    rig.tickAt(lastMs + 2000);
    const risen = rig.firmware.status().setpointKph - before;
    const capKph = (ACCEL_KPH_PER_S * MAX_GAP_PERIODS * TICK_MS) / 1000;
    assert.ok(Math.abs(risen - capKph) < 1e-9, 'rose ' + risen + ' km/h, at most ' + capKph);
  });

  it('a tick a little late still integrates its whole gap', () => {
    const rig = manualTicks();
    const lastMs = runningTowardTen(rig);
    const before = rig.firmware.status().setpointKph;
    rig.tickAt(lastMs + 2 * TICK_MS);
    const risen = rig.firmware.status().setpointKph - before;
    assert.ok(Math.abs(risen - (ACCEL_KPH_PER_S * 2 * TICK_MS) / 1000) < 1e-9, 'rose ' + risen);
  });

  it('a tick whose time went back integrates nothing, and the next one its own period', () => {
    const rig = manualTicks();
    const lastMs = runningTowardTen(rig);
    const before = rig.firmware.status().setpointKph;
    rig.tickAt(lastMs - 50);
    assert.ok(Math.abs(rig.firmware.status().setpointKph - before) < 1e-9, 'moved ' + (rig.firmware.status().setpointKph - before));
    rig.tickAt(lastMs + 50);
    const risen = rig.firmware.status().setpointKph - before;
    assert.ok(Math.abs(risen - (ACCEL_KPH_PER_S * TICK_MS) / 1000) < 1e-9, 'rose ' + risen);
  });
});
