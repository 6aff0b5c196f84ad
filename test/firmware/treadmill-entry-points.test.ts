// The Treadmill's public entry points at their edges: a halted firmware, an edition without an incline driver, homing refused, a command that throws.

import assert from 'node:assert/strict';
import { bootTreadmillWith, CORE_FEATURES } from '../../firmware/core-edition';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';
import { advance, local, makeFaultRig, runSteady, variant } from '../faults/fault-rig';
import { failKeyReadOnce } from './fail-key-read';

describe('Treadmill entry points', () => {
  describe('halted (a hung loop or the end of an instance)', () => {
    it('refuses commands with a message, ignores key edges and ticks, and leaves the outputs as they are', () => {
      const rig = makeFaultRig(variant({}));
      runSteady(rig, 'forward', 3, 3000);
      const dutyBefore = rig.sim.hal.motor.speed.read();
      const writesBefore = rig.sim.motorSpeed.line.writeCount;
      rig.firmware.halt();
      const result = rig.firmware.command({ name: 'stop', source: 'local' });
      assert.deepEqual(result, { accepted: false, message: 'firmware halted' });
      rig.sim.pullKey();
      advance(rig, 2000);
      assert.equal(rig.firmware.status().state, 'running', 'a halted firmware handles no key edge');
      assert.equal(rig.sim.hal.motor.speed.read(), dutyBefore);
      assert.equal(rig.sim.motorSpeed.line.writeCount, writesBefore, 'no tick wrote the motor');
      assert.deepEqual(rig.firmware.homeIncline(), { accepted: false, message: 'this machine has no incline' });
    });
  });

  describe('an edition without the incline driver on a HAL with an incline', () => {
    function coreRig() {
      const scheduler = new SimScheduler();
      const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { hasIncline: true }));
      const firmware = bootTreadmillWith(sim.hal, { drive: sim.options.drive }, CORE_FEATURES);
      return { scheduler, sim, firmware };
    }

    it('says so at boot, keeps the lift off, and answers incline requests that there is none', () => {
      const rig = coreRig();
      assert.ok(rig.sim.log.lines.some((line) => line.indexOf('warn boot: this firmware edition does not drive the incline; its outputs stay off') >= 0), rig.sim.log.lines.join('\n'));
      assert.deepEqual(rig.firmware.homeIncline(), { accepted: false, message: 'this machine has no incline' });
      rig.scheduler.advance(3000);
      assert.equal((rig.sim.inclineUp as { read(): boolean }).read(), false);
      assert.equal((rig.sim.inclineDown as { read(): boolean }).read(), false);
      assert.equal(rig.firmware.status().inclinePct, 0);
      assert.equal(rig.firmware.status().targetInclinePct, 0);
    });

    it('reports no program and no calibration, and refuses setIncline', () => {
      const rig = coreRig();
      assert.deepEqual(rig.firmware.programStatus(), { name: '', phase: 'off', segmentIndex: 0, segmentCount: 0, label: '', segmentRemainingMs: 0, remainingMs: 0, nextLabel: '', nextSpeedKph: 0, nextDirection: null, chosen: '' });
      assert.equal(rig.firmware.calibrationOutcome(), '');
      assert.equal(rig.firmware.calibrating(), false);
      assert.deepEqual(rig.firmware.command({ name: 'setIncline', source: 'local', inclinePct: 3 }), { accepted: false, message: 'this machine has no incline' });
    });
  });

  describe('commands that need a running belt, and the display units', () => {
    it('a speed command in idle is refused: press start first', () => {
      const rig = makeFaultRig(variant({}));
      ['speedUp', 'speedDown', 'slowDown'].forEach((name) => {
        assert.deepEqual(rig.firmware.command({ name, source: 'local' } as never), { accepted: false, message: 'belt not running: press start first' });
      });
      assert.equal(rig.firmware.status().targetSpeedKph, 0);
    });

    it('reports the units the configuration sets', () => {
      assert.equal(makeFaultRig(variant({}), { units: 'mph' }).firmware.displayUnits(), 'mph');
      assert.equal(makeFaultRig(variant({}), { units: 'kph' }).firmware.displayUnits(), 'kph');
    });
  });

  describe('homeIncline', () => {
    it('is refused with the key out, and accepted with it in', () => {
      const rig = makeFaultRig(variant({}));
      advance(rig, 20000);
      rig.sim.pullKey();
      advance(rig, 100);
      assert.deepEqual(rig.firmware.homeIncline(), { accepted: false, message: 'incline held: insert the key, or leave free-belt mode, first' });
      rig.sim.insertKey();
      advance(rig, 100);
      assert.deepEqual(rig.firmware.homeIncline(), { accepted: true, message: 'incline homing' });
      assert.ok(rig.sim.log.lines.some((line) => line.indexOf('incline: homing') >= 0));
    });

    it('is refused in free-belt mode', () => {
      const rig = makeFaultRig(variant({}));
      advance(rig, 20000);
      local(rig, 'freeBelt');
      assert.equal(rig.firmware.homeIncline().accepted, false);
    });
  });

  describe('a command whose handling throws', () => {
    it('is refused, the outputs are made safe and a control error is latched', () => {
      const rig = makeFaultRig(variant({}));
      runSteady(rig, 'forward', 3, 3000);
      failKeyReadOnce(rig);
      const result = rig.firmware.command({ name: 'speedUp', source: 'local' });
      assert.deepEqual(result, { accepted: false, message: 'internal error: outputs made safe' });
      assert.equal(rig.firmware.status().state, 'fault');
      assert.equal(rig.firmware.status().fault, 'controlError');
      assert.equal(rig.sim.hal.motor.speed.read(), 0);
      assert.equal(rig.sim.hal.motor.enable.read(), false);
      assert.ok(rig.sim.log.lines.some((line) => line.indexOf('error control error: Error: key input failed; outputs made safe') >= 0), rig.sim.log.lines.join('\n'));
    });
  });
});
