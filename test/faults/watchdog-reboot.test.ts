// Control loop stuck (watchdog) and power loss: reset within the watchdog timeout, boot into safe idle, report, never resume.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import { bootTreadmill, type Treadmill } from '../../firmware/index';
import { SESSION_MARKER } from '../../firmware/treadmill';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill } from '../../sim/sim-treadmill';
import { timingConfig, timingSimOptions } from '../closed-loop/board-timings';
import { advance, describeAtBoardTimings, assertMotorCut, makeFaultRig, selectDirection, setSpeed, startAndRun, stepOn, variant, type FaultRig } from './fault-rig';

const RESET_LOG = 'ended by power loss or reset';

function runningAt(rig: FaultRig, direction: Direction, speedKph: number): void {
  if (direction === 'backward') selectDirection(rig, 'backward');
  startAndRun(rig);
  stepOn(rig, direction);
  advance(rig, 2000);
  setSpeed(rig, speedKph);
  advance(rig, 12000);
  assert.equal(rig.firmware.status().state, 'running');
}

/** Watch a freshly booted firmware for `durationMs`: idle, outputs safe, nothing resumes. */
function assertStaysIdle(scheduler: SimScheduler, sim: SimTreadmill, firmware: Treadmill, durationMs: number, tickMs: number): void {
  const endMs = scheduler.nowMs() + durationMs;
  while (scheduler.nowMs() < endMs) {
    scheduler.advance(tickMs);
    const status = firmware.status();
    assert.equal(status.state, 'idle', 'at ' + scheduler.nowMs() + ' ms');
    assert.equal(status.fault, null);
    assert.equal(sim.motorDuty(), 0);
    assert.equal(sim.motorEnabled(), false);
    assert.equal(status.targetSpeedKph, 0);
  }
}

describeAtBoardTimings('faults: control loop stuck (watchdog) and power loss', (board) => {
  (['forward', 'backward'] as Direction[]).forEach((direction) => {
    it('hang while running ' + direction + ': the watchdog resets the board within its timeout; reboot in safe idle, reported, never resumed', () => {
      const rig = makeFaultRig(variant({ board, drive: direction === 'forward' ? 'mc2100' : 'hbridge' }));
      runningAt(rig, direction, direction === 'forward' ? 5 : 3);
      const sim = rig.sim;
      const timeoutMs = rig.config.watchdogTimeoutMs;
      let expiredAtMs = -1;
      let rebooted: Treadmill | null = null;
      sim.watchdog.onExpire((nowMs) => {
        expiredAtMs = nowMs;
        // The board side of the reset, then the new firmware on the same (still moving) world.
        sim.powerOnReset();
        rebooted = bootTreadmill(sim.hal, Object.assign({ metersPerPulse: rig.config.metersPerPulse }, timingConfig(board)));
      });
      const kicksBefore = sim.watchdog.kickCount;
      const hungAtMs = rig.scheduler.nowMs();
      rig.firmware.halt();
      // A hung loop leaves its outputs as they were: the belt keeps running until the reset.
      advance(rig, timeoutMs - 2 * rig.config.controlPeriodMs);
      assert.equal(expiredAtMs, -1, 'expired early');
      assert.equal(sim.motorEnabled(), true, 'a hang does not itself make the outputs safe');
      assert.equal(sim.watchdog.kickCount, kicksBefore, 'no kicks from a hung loop');
      advance(rig, 2 * rig.config.controlPeriodMs);
      assert.ok(expiredAtMs > 0, 'the watchdog never fired');
      // Window: the watchdog timeout from the last healthy tick (which ran at most one period before the hang).
      assert.ok(expiredAtMs - hungAtMs <= timeoutMs && expiredAtMs - hungAtMs > timeoutMs - rig.config.controlPeriodMs, 'fired ' + (expiredAtMs - hungAtMs) + ' ms after the hang');
      assert.ok(rebooted !== null);
      const firmware = rebooted as Treadmill;
      assertMotorCut(rig, 'right after the reset');
      assert.ok(sim.log.contains(RESET_LOG), 'the boot reports how the last session ended');
      assert.equal(firmware.status().direction, 'forward', 'power-up direction');
      assert.ok(Math.abs(sim.beltSpeedKph()) > 0.5, 'the belt was still moving at the reset');
      assertStaysIdle(rig.scheduler, sim, firmware, 30000, rig.config.controlPeriodMs);
      assert.ok(Math.abs(sim.beltSpeedKph()) < 0.01, 'the belt coasted to a stop');
      assert.equal(sim.watchdog.isArmed(), true, 'the new firmware armed the watchdog again');
      assert.equal(sim.watchdog.expiredCount, 1);
      const remote = firmware.command({ name: 'start', source: 'remote' });
      assert.equal(remote.accepted, false);
      assert.equal(firmware.command({ name: 'start', source: 'local' }).accepted, true, 'a deliberate local start works');
    });
  });

  it('hang, then a power cycle (a new world sharing the flash): safe idle, reported, never resumed', () => {
    const rig = makeFaultRig(variant({ board }));
    runningAt(rig, 'forward', 4);
    assert.notEqual(rig.sim.storage.read(SESSION_MARKER), undefined, 'a running session is marked in flash');
    let expired = false;
    rig.sim.watchdog.onExpire(() => {
      expired = true;
    });
    rig.firmware.halt();
    advance(rig, rig.config.watchdogTimeoutMs);
    assert.ok(expired);
    const scheduler = new SimScheduler();
    const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { walkerMode: 'forward' }, timingSimOptions(board)), rig.sim.storage);
    const firmware = bootTreadmill(sim.hal, timingConfig(board));
    assert.ok(sim.log.contains(RESET_LOG));
    assert.equal(sim.storage.read(SESSION_MARKER), undefined, 'the marker is consumed: one report per reset');
    assertStaysIdle(scheduler, sim, firmware, 30000, rig.config.controlPeriodMs);
  });

  it('power loss mid-session: the new boot is idle with safe outputs, reports it, and waits for a local start', () => {
    const rig = makeFaultRig(variant({ board, drive: 'hbridge', pulsesPerMeter: 100 }));
    runningAt(rig, 'backward', 2.5);
    rig.firmware.halt();
    const scheduler = new SimScheduler();
    const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { drive: 'hbridge', pulsesPerMeter: 100, walkerMode: 'forward' }, timingSimOptions(board)), rig.sim.storage);
    const firmware = bootTreadmill(sim.hal, Object.assign({ metersPerPulse: 0.01 }, timingConfig(board)));
    assertMotorCut({ scheduler, sim, firmware }, 'at boot');
    assert.ok(sim.log.contains(RESET_LOG));
    assertStaysIdle(scheduler, sim, firmware, 20000, rig.config.controlPeriodMs);
    assert.equal(firmware.command({ name: 'start', source: 'local' }).accepted, true);
    scheduler.advance(firmware.status().countdownRemainingMs + 3000);
    assert.equal(firmware.status().state, 'running');
    assert.equal(firmware.status().targetSpeedKph, 0.8, 'a new session at the start speed, not the old 2.5 km/h');
    assert.equal(firmware.status().direction, 'forward', 'a new session in the power-up direction');
  });

  describe('no false trip', () => {
    it('a healthy 3-minute session kicks the watchdog every tick and never lets it expire', () => {
      const rig = makeFaultRig(variant({ board }));
      startAndRun(rig);
      stepOn(rig, 'forward');
      setSpeed(rig, 5);
      const kicksBefore = rig.sim.watchdog.kickCount;
      advance(rig, 180000);
      assert.equal(rig.sim.watchdog.expiredCount, 0);
      // One kick per tick: whole periods in 3 minutes (a period need not divide them).
      assert.equal(rig.sim.watchdog.kickCount - kicksBefore, Math.floor(180000 / rig.config.controlPeriodMs));
    });

    it('a boot after a clean stop does not report a reset', () => {
      const rig = makeFaultRig(variant({ board }));
      startAndRun(rig);
      advance(rig, 5000);
      rig.firmware.command({ name: 'stop', source: 'local' });
      advance(rig, 10000);
      assert.equal(rig.firmware.status().state, 'idle');
      rig.firmware.halt();
      const scheduler = new SimScheduler();
      const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, timingSimOptions(board)), rig.sim.storage);
      bootTreadmill(sim.hal, timingConfig(board));
      assert.equal(sim.log.contains(RESET_LOG), false);
    });
  });
});
