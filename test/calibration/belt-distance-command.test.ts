// The setBeltDistance command: measured at the machine, stored, applied at the next power-up; bad input changes nothing.

import assert from 'node:assert/strict';
import type { Command } from '../../firmware/command';
import { bootTreadmill } from '../../firmware/index';
import { loadCalibration } from '../../firmware/persistence/calibration-record';
import type { PulseReading } from '../../hal/pulse-counter';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';
import { makeRig, waitForBeltStill, type Rig } from '../closed-loop/harness';

const TRUE_PULSES_PER_METER = 10;
const BELT_LENGTH_M = 2.8;

function send(rig: Rig, command: Partial<Command>) {
  return rig.firmware.command(Object.assign({ name: 'setBeltDistance', source: 'local' }, command) as Command);
}

function pulseCount(rig: Rig): number {
  const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
  rig.sim.hal.beltEncoder.read(reading);
  return reading.count;
}

describe('setBeltDistance command', () => {
  it('stores the measured-belt result, and after a power-up the belt speed reads true within 2 %', () => {
    // The firmware starts with the wrong distance per pulse: 0.15 m where the sensor gives 0.1 m.
    const rig = makeRig({ walkerMode: 'off', pulsesPerMeter: TRUE_PULSES_PER_METER }, { metersPerPulse: 0.15 });
    rig.scheduler.advance(1000);
    assert.equal(rig.firmware.command({ name: 'start', source: 'local' }).accepted, true);
    rig.scheduler.advance(6000);
    assert.equal(rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: 4 }).accepted, true);
    rig.scheduler.advance(8000);
    assert.equal(rig.firmware.status().state, 'running', 'belt running: ' + rig.firmware.status().reason);
    // The user counts ten passes of a chalk mark on a 2.8 m belt, and the pulses meanwhile.
    const startM = rig.sim.beltDistanceM();
    const startPulses = pulseCount(rig);
    for (let stepMs = 0; stepMs < 120000 && rig.sim.beltDistanceM() - startM < 10 * BELT_LENGTH_M; stepMs += 5) rig.scheduler.advance(5);
    assert.ok(rig.sim.beltDistanceM() - startM >= 10 * BELT_LENGTH_M, 'ten belt passes within 2 minutes');
    const pulses = pulseCount(rig) - startPulses;
    assert.equal(rig.firmware.command({ name: 'stop', source: 'local' }).accepted, true);
    rig.scheduler.advance(8000);
    assert.equal(rig.firmware.status().state, 'idle');

    const result = send(rig, { beltDistance: { beltLengthM: BELT_LENGTH_M, revolutions: 10, pulses } });
    assert.equal(result.accepted, true, result.message);
    assert.match(result.message, /next power-up/);
    const stored = loadCalibration(rig.sim.hal.storage, rig.sim.hal.log).metersPerPulse as number;
    assert.ok(Math.abs(stored - 1 / TRUE_PULSES_PER_METER) / (1 / TRUE_PULSES_PER_METER) < 0.02, 'stored ' + stored);

    // Power-up on the same storage: the stored distance now sets the speed reading.
    const scheduler = new SimScheduler();
    const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { walkerMode: 'forward', pulsesPerMeter: TRUE_PULSES_PER_METER }), rig.sim.storage);
    const firmware = bootTreadmill(sim.hal, { drive: 'mc2100' });
    waitForBeltStill(scheduler, firmware);
    scheduler.advance(1000);
    assert.equal(firmware.command({ name: 'start', source: 'local' }).accepted, true);
    scheduler.advance(6000);
    assert.equal(firmware.command({ name: 'setSpeed', source: 'local', speedKph: 3 }).accepted, true);
    scheduler.advance(15000);
    let measuredSum = 0;
    let trueSum = 0;
    for (let tick = 0; tick < 500; tick++) {
      scheduler.advance(20);
      measuredSum += firmware.status().measuredSpeedKph;
      trueSum += sim.beltSpeedKph();
    }
    assert.ok(Math.abs(measuredSum - trueSum) / trueSum < 0.02, 'measured ' + measuredSum / 500 + ' km/h, true ' + trueSum / 500);
  });

  it('computes the roller method', () => {
    const rig = makeRig({}, {});
    const result = send(rig, { beltDistance: { rollerDiameterM: 0.05, pulsesPerRevolution: 2 } });
    assert.equal(result.accepted, true, result.message);
    const stored = loadCalibration(rig.sim.hal.storage, rig.sim.hal.log).metersPerPulse as number;
    assert.ok(Math.abs(stored - (Math.PI * 0.05) / 2) < 1e-9);
  });

  [
    { why: 'from a remote client', command: { source: 'remote' as const, beltDistance: { rollerDiameterM: 0.05, pulsesPerRevolution: 1 } }, message: /at the machine/ },
    { why: 'without measurements', command: {}, message: /needs beltDistance/ },
    { why: 'a roller diameter in millimetres', command: { beltDistance: { rollerDiameterM: 50, pulsesPerRevolution: 1 } }, message: /in metres/ },
    { why: 'zero pulses', command: { beltDistance: { beltLengthM: 2.8, revolutions: 10, pulses: 0 } }, message: /pulses/ },
  ].forEach((row) => {
    it('refuses ' + row.why + ' and stores nothing', () => {
      const rig = makeRig({}, {});
      const result = send(rig, row.command);
      assert.equal(result.accepted, false);
      assert.match(result.message, row.message);
      assert.equal(loadCalibration(rig.sim.hal.storage, rig.sim.hal.log).metersPerPulse, null);
    });
  });

  it('refuses while the belt runs', () => {
    const rig = makeRig({ walkerMode: 'forward' }, {});
    rig.scheduler.advance(1000);
    rig.firmware.command({ name: 'start', source: 'local' });
    rig.scheduler.advance(6000);
    const result = send(rig, { beltDistance: { rollerDiameterM: 0.05, pulsesPerRevolution: 1 } });
    assert.equal(result.accepted, false);
    assert.match(result.message, /belt stopped/);
  });
});
