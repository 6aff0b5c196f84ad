// The walking skeleton's safety promises, end to end: key cut in its own event, safe outputs after a throwing tick, watchdog kicked only by healthy ticks, no global timers.

import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { boardsUnderTest, timingConfig, timingLabel, timingSimOptions, type TimedBoardName } from './board-timings';
import { makeRig, startBelt, type Rig } from './harness';

/**
 * A rig with a walker, started and brought to a steady 3 km/h (at `board`'s timing, if given).
 * Its times count from `originMs`: the first whole second after the belt read still at power-up,
 * a control tick at every board's period.
 */
function runningRig(board: TimedBoardName | undefined): Rig & { originMs: number } {
  const rig = makeRig(Object.assign({ walkerMode: 'forward' as const, pulsesPerMeter: 100 }, timingSimOptions(board)), Object.assign({ metersPerPulse: 0.01 }, timingConfig(board)));
  const originMs = Math.ceil(rig.scheduler.nowMs() / 1000) * 1000;
  rig.scheduler.runUntil(originMs);
  rig.scheduler.advance(1000);
  startBelt(rig);
  rig.scheduler.advance(6000);
  assert.equal(rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph: 3 }).accepted, true);
  rig.scheduler.advance(6000);
  assert.equal(rig.firmware.status().state, 'running');
  assert.ok(rig.sim.motorDuty() > 0.1 && rig.sim.motorEnabled());
  return Object.assign(rig, { originMs: originMs });
}

/**
 * The promises at the firmware's default timing, and at each board's: its control period, with
 * the outputs reaching the motor a tick time after they are written. A wait that was one 20 ms
 * tick when these tests were written is one control period (`tickMs`) here.
 */
function describeSkeleton(board: TimedBoardName | undefined): void {
  const tickMs = board === undefined ? DEFAULT_CONFIG.controlPeriodMs : (timingConfig(board).controlPeriodMs as number);
  const outputDelayMs = board === undefined ? 0 : (timingSimOptions(board).outputDelayMs as number);

  describe('skeleton safety, firmware on the simulated treadmill' + (board === undefined ? '' : ' at ' + timingLabel(board)), () => {
    it('boots into safe idle with every output at its safe value', () => {
      const rig = makeRig(timingSimOptions(board), timingConfig(board));
      assert.equal(rig.sim.motorDuty(), 0);
      assert.equal(rig.sim.motorEnabled(), false);
      assert.equal(rig.sim.directionBackward(), false);
      rig.scheduler.advance(5000);
      assert.equal(rig.firmware.status().state, 'idle');
      assert.equal(rig.sim.beltSpeedKph(), 0);
    });

    // Between two ticks, and at a tick's own instant (13000 ms is a tick at every board's period).
    [13005, 13000].forEach((pullAtMs) => {
      it(`cuts duty and disables the motor in the key's own event (pulled at ${pullAtMs} ms, ticks every ${tickMs} ms)`, () => {
        const rig = runningRig(board);
        const atMs = rig.originMs + pullAtMs;
        rig.scheduler.runUntil(atMs - 1);
        assert.ok(rig.sim.motorDuty() > 0.1, 'driving before the pull');
        rig.scheduler.at(atMs, () => rig.sim.pullKey());
        // Run only up to the pull's own instant: no control tick is due after it at this time.
        rig.scheduler.runUntil(atMs);
        assert.equal(rig.sim.motorDuty(), 0, 'duty 0 in the same event');
        assert.equal(rig.sim.motorEnabled(), false, 'motor disabled in the same event');
        const status = rig.firmware.status();
        assert.equal(status.state, 'fault');
        assert.equal(status.fault, 'keyRemoved');
        assert.equal(status.duty, 0);
        // The motor itself gets the cut once the event's writes reach the pins: a tick time later
        // at most, if the edge waited behind a running tick.
        rig.scheduler.runUntil(atMs + outputDelayMs);
        assert.equal(rig.sim.motorSpeed.line.applied(), 0, 'duty 0 at the motor ' + outputDelayMs + ' ms after the pull');
        assert.equal(rig.sim.motorEnable.line.applied(), false, 'motor disabled ' + outputDelayMs + ' ms after the pull');
      });
    });

    it('never restarts when the key goes back in; only a local clear and a new start run the belt', () => {
      const rig = runningRig(board);
      rig.sim.pullKey();
      rig.scheduler.advance(5000);
      rig.sim.insertKey();
      rig.scheduler.advance(10000);
      assert.equal(rig.firmware.status().state, 'fault');
      assert.equal(rig.sim.motorDuty(), 0);
      assert.equal(rig.sim.beltSpeedKph(), 0);
      assert.equal(rig.firmware.command({ name: 'start', source: 'local' }).accepted, false);
      assert.equal(rig.firmware.command({ name: 'clearFault', source: 'local' }).accepted, true);
      rig.scheduler.advance(5000);
      assert.equal(rig.firmware.status().state, 'idle');
      assert.equal(rig.sim.beltSpeedKph(), 0);
    });

    it('a tick that throws leaves every output safe, latches a control error and does not kick the watchdog', () => {
      const rig = runningRig(board);
      const watchdog = rig.sim.watchdog;
      const kicksBefore = watchdog.kickCount;
      rig.scheduler.advance(tickMs);
      assert.ok(watchdog.kickCount > kicksBefore, 'healthy ticks kick');
      const encoder = rig.sim.hal.beltEncoder;
      const realRead = encoder.read;
      encoder.read = () => {
        throw new Error('encoder bus error');
      };
      const kicksAtFailure = watchdog.kickCount;
      // The next tick throws, whenever it comes within one period.
      rig.scheduler.advance(tickMs);
      assert.equal(rig.sim.motorDuty(), 0);
      assert.equal(rig.sim.motorEnabled(), false);
      assert.equal(rig.firmware.status().state, 'fault');
      assert.equal(rig.firmware.status().fault, 'controlError');
      rig.scheduler.advance(2 * tickMs);
      assert.equal(watchdog.kickCount, kicksAtFailure, 'no kick while every tick throws');
      assert.equal(rig.sim.motorDuty(), 0);
      encoder.read = realRead;
      rig.scheduler.advance(tickMs);
      assert.ok(watchdog.kickCount > kicksAtFailure, 'healthy again: kicks resume');
      assert.equal(rig.firmware.status().state, 'fault', 'the control error stays latched');
      assert.equal(rig.sim.motorDuty(), 0);
    });

    it('a loop that keeps failing lets the watchdog expire', () => {
      const rig = runningRig(board);
      const expiredBefore = rig.sim.watchdog.expiredCount;
      rig.sim.hal.beltEncoder.read = () => {
        throw new Error('stuck');
      };
      rig.scheduler.advance(1500);
      assert.equal(rig.sim.watchdog.expiredCount, expiredBefore + 1);
    });

    it('reaches time only through the HAL: no global timer is ever created during a session', () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'setImmediate', 'Date'] });
      try {
        const rig = runningRig(board);
        rig.firmware.command({ name: 'stop', source: 'local' });
        rig.scheduler.advance(10000);
        assert.equal(rig.firmware.status().state, 'idle');
        assert.equal(clock.countTimers(), 0, 'a global timer was scheduled');
        assert.equal(clock.now, 0, 'the global clock was never advanced or needed');
      } finally {
        clock.restore();
      }
    });
  });
}

describeSkeleton(undefined);
boardsUnderTest().forEach(describeSkeleton);
