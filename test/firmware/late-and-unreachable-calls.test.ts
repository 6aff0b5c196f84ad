// Calls today's firmware never makes, made anyway: a tick delivered after a halt, and the training host asked what no program asks. Each guard must hold on its own.

import assert from 'node:assert/strict';
import { bootTreadmillWith, CORE_FEATURES } from '../../firmware/core-edition';
import { resolveConfig } from '../../firmware/config-overrides';
import { FULL_FEATURES } from '../../firmware/index';
import type { CommandResult } from '../../firmware/command';
import { Training, type TrainingHost } from '../../firmware/training';
import { Treadmill } from '../../firmware/treadmill';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';
import { waitForBeltStill } from '../closed-loop/harness';

describe('calls the firmware never makes today', () => {
  it('a tick delivered after halt (a timer already queued when it was cancelled) writes nothing and does not kick the watchdog', () => {
    const scheduler = new SimScheduler();
    const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS));
    // Keep every periodic callback the firmware registers at boot, to call each after halt has cancelled it.
    const periodic: Array<(nowMs: number) => void> = [];
    const every = sim.hal.scheduler.every.bind(sim.hal.scheduler);
    sim.hal.scheduler.every = (periodMs: number, onDue: (nowMs: number) => void) => {
      periodic.push(onDue);
      return every(periodMs, onDue);
    };
    const firmware = bootTreadmillWith(sim.hal, { drive: sim.options.drive }, CORE_FEATURES);
    assert.ok(periodic.length > 0, 'the firmware registers its tick at boot');
    waitForBeltStill(scheduler, firmware);
    assert.ok(firmware.command({ name: 'start', source: 'local' }).accepted);
    scheduler.advance(6000);
    assert.equal(firmware.status().state, 'running');
    firmware.halt();
    const speedWrites = sim.motorSpeed.line.writeCount;
    const kicks = sim.watchdog.kickCount;
    const dutyBefore = sim.hal.motor.speed.read();
    periodic.forEach((onDue) => onDue(scheduler.nowMs() + 1000));
    assert.equal(sim.motorSpeed.line.writeCount, speedWrites, 'a halted firmware wrote the motor');
    assert.equal(sim.watchdog.kickCount, kicks, 'a halted firmware kicked the watchdog');
    assert.equal(sim.hal.motor.speed.read(), dutyBefore);
  });

  describe('the training host', () => {
    function rigWithHost(hasIncline: boolean): { scheduler: SimScheduler; firmware: Treadmill; host: TrainingHost } {
      const scheduler = new SimScheduler();
      const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { hasIncline }));
      let host: TrainingHost | null = null;
      const firmware = new Treadmill(sim.hal, resolveConfig({ drive: sim.options.drive }), {
        makeInclineDriver: FULL_FEATURES.makeInclineDriver,
        makeTraining: (config, storage, log, given) => {
          host = given;
          return new Training(config, storage, log, given);
        },
        startDisplay: null,
        makeConsoleCommands: null,
      });
      firmware.boot();
      waitForBeltStill(scheduler, firmware);
      assert.ok(host !== null, 'the firmware hands the training features a host');
      return { scheduler, firmware, host };
    }

    it('takes a speed target only while the belt runs: not in idle, the countdown or the stop', () => {
      const rig = rigWithHost(false);
      rig.host.setTargetSpeedKph(9);
      assert.equal(rig.firmware.status().targetSpeedKph, 0, 'idle');
      assert.ok(rig.firmware.command({ name: 'start', source: 'local' }).accepted);
      rig.scheduler.advance(500);
      assert.equal(rig.firmware.status().state, 'countdown');
      rig.host.setTargetSpeedKph(9);
      assert.equal(rig.firmware.status().targetSpeedKph, 0, 'countdown');
      rig.scheduler.advance(5000);
      assert.equal(rig.firmware.status().state, 'running');
      rig.host.setTargetSpeedKph(6);
      assert.equal(rig.firmware.status().targetSpeedKph, 6, 'running: taken');
      assert.ok(rig.firmware.command({ name: 'stop', source: 'local' }).accepted);
      assert.equal(rig.firmware.status().state, 'stopping');
      const kept = rig.firmware.status().targetSpeedKph;
      rig.host.setTargetSpeedKph(9);
      assert.equal(rig.firmware.status().targetSpeedKph, kept, 'stopping: the target stays what it was');
    });

    it('refuses an incline target on a machine without incline, and says why', () => {
      const rig = rigWithHost(false);
      const result: CommandResult = { accepted: true, message: '' };
      rig.host.setTargetInclinePct(4, result);
      assert.equal(result.accepted, false);
      assert.equal(result.message, 'this machine has no incline');
      assert.equal(rig.firmware.status().targetInclinePct, 0);
    });
  });
});
