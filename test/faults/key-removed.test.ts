// Safety key removed: motor and incline cut in the key edge's own event, latched, never restarted by reinsertion.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import { timingSimOptions } from '../closed-loop/board-timings';
import {
  DIRECTIONS,
  DRIVE_ENCODER_MATRIX,
  advance,
  nextTick,
  describeAtBoardTimings,
  assertMotorCut,
  faultTransitions,
  label,
  local,
  makeFaultRig,
  runUntilFault,
  selectDirection,
  setSpeed,
  startAndRun,
  stepOn,
  variant,
  type FaultRig,
} from './fault-rig';

/** What the outputs were right after the firmware handled a key edge (a watch made after the firmware's runs after it). */
interface EdgeSnapshot {
  active: boolean;
  timeMs: number;
  duty: number;
  motorEnabled: boolean;
  state: string;
}

function recordKeyEdges(rig: FaultRig): EdgeSnapshot[] {
  const snapshots: EdgeSnapshot[] = [];
  rig.sim.keyInput.watch((edge) => {
    snapshots.push({ active: edge.active, timeMs: edge.timeMs, duty: rig.sim.motorDuty(), motorEnabled: rig.sim.motorEnabled(), state: rig.firmware.status().state });
  });
  return snapshots;
}

function runningAt(rig: FaultRig, direction: Direction, speedKph: number): void {
  if (direction === 'backward') selectDirection(rig, 'backward');
  startAndRun(rig);
  stepOn(rig, direction);
  advance(rig, 2000);
  setSpeed(rig, speedKph);
  advance(rig, 10000);
}

describeAtBoardTimings('faults: safety key removed', (board) => {
  describe('window: the same event as the key edge (0 ms), before any control tick', () => {
    DRIVE_ENCODER_MATRIX.forEach((machine) => {
      DIRECTIONS.forEach((direction) => {
        const v = variant({ board, drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter });
        it(direction + ' at ' + (direction === 'forward' ? 6 : 3) + ' km/h, ' + label(v), () => {
          const rig = makeFaultRig(v);
          runningAt(rig, direction, direction === 'forward' ? 6 : 3);
          const edges = recordKeyEdges(rig);
          // Pull between two ticks, so only the edge's own event can cut the motor in time.
          advance(rig, rig.config.controlPeriodMs / 2);
          rig.sim.pullKey();
          advance(rig, 1);
          assert.equal(edges.length, 1);
          assert.equal(edges[0].active, false);
          assert.equal(edges[0].duty, 0, 'duty at the key edge');
          assert.equal(edges[0].motorEnabled, false, 'motor enable at the key edge');
          assert.equal(edges[0].state, 'fault');
          assert.equal(rig.firmware.status().fault, 'keyRemoved');
          assertMotorCut(rig, 'key removed');
          // The pins carry the cut once the event's writes are out: at most the board's tick time
          // later, if the edge waited behind a running tick.
          advance(rig, (timingSimOptions(board).outputDelayMs as number) - 1);
          assert.equal(rig.sim.motorSpeed.line.applied(), 0, 'duty 0 at the motor within the tick time');
          assert.equal(rig.sim.motorEnable.line.applied(), false, 'motor disabled within the tick time');
        });
      });
    });

    it('during the countdown: no start ever happens', () => {
      const rig = makeFaultRig(variant({ board }));
      local(rig, 'start');
      advance(rig, 1500);
      rig.sim.pullKey();
      advance(rig, 5000);
      assert.equal(rig.firmware.status().state, 'fault');
      assert.equal(rig.firmware.status().fault, 'keyRemoved');
      assertMotorCut(rig, 'key removed in countdown');
    });

    it('in free-belt mode', () => {
      const rig = makeFaultRig(variant({ board }));
      local(rig, 'freeBelt');
      rig.sim.setWalker('push', 70);
      advance(rig, 3000);
      rig.sim.pullKey();
      nextTick(rig);
      assert.equal(rig.firmware.status().fault, 'keyRemoved');
      assertMotorCut(rig, 'key removed in free belt');
    });
  });

  describe('latched: reinsertion never restarts; only a local clear at standstill with the key in', () => {
    it('reinsert, remote clear, clear while coasting, clear at rest, then an explicit local start', () => {
      const rig = makeFaultRig(variant({ board }));
      runningAt(rig, 'forward', 8);
      rig.sim.pullKey();
      advance(rig, 300);
      rig.sim.insertKey();
      advance(rig, 100);
      assert.equal(rig.firmware.status().state, 'fault', 'reinsertion must not clear the latch');
      assert.equal(rig.firmware.status().fault, 'keyRemoved');
      // Belt still coasting: a local clear is refused.
      const whileMoving = rig.firmware.command({ name: 'clearFault', source: 'local' });
      assert.equal(whileMoving.accepted, false);
      assert.match(whileMoving.message, /stands still/);
      for (let elapsedMs = 0; elapsedMs < 15000; elapsedMs += rig.config.controlPeriodMs) {
        nextTick(rig);
        assert.equal(rig.firmware.status().state, 'fault');
        assert.equal(rig.sim.motorDuty(), 0);
        assert.equal(rig.sim.motorEnabled(), false);
      }
      assert.ok(Math.abs(rig.sim.beltSpeedKph()) < 0.01, 'belt at rest');
      const remote = rig.firmware.command({ name: 'clearFault', source: 'remote' });
      assert.equal(remote.accepted, false);
      assert.match(remote.message, /at the machine/);
      const remoteStart = rig.firmware.command({ name: 'start', source: 'remote' });
      assert.equal(remoteStart.accepted, false);
      assert.equal(rig.firmware.status().state, 'fault');
      local(rig, 'clearFault');
      assert.equal(rig.firmware.status().state, 'idle');
      advance(rig, 10000);
      assert.equal(rig.firmware.status().state, 'idle');
      assertMotorCut(rig, 'idle after clearing');
      startAndRun(rig);
      assert.equal(rig.firmware.status().targetSpeedKph, rig.config.startSpeedKph, 'restarts at the start speed, not the old 8 km/h');
    });

    it('clearing without the key is refused', () => {
      const rig = makeFaultRig(variant({ board }));
      runningAt(rig, 'forward', 3);
      rig.sim.pullKey();
      advance(rig, 10000);
      const result = rig.firmware.command({ name: 'clearFault', source: 'local' });
      assert.equal(result.accepted, false);
      assert.match(result.message, /insert the safety key/);
      assert.equal(faultTransitions(rig), 1);
    });
  });

  describe('no false trip', () => {
    it('key pulled and reinserted while idle: no fault, start refused without it, works with it', () => {
      const rig = makeFaultRig(variant({ board }));
      rig.sim.pullKey();
      advance(rig, 2000);
      assert.equal(rig.firmware.status().state, 'idle');
      assert.equal(rig.firmware.status().fault, null);
      const refused = rig.firmware.command({ name: 'start', source: 'local' });
      assert.equal(refused.accepted, false);
      assert.match(refused.message, /safety key/);
      rig.sim.insertKey();
      advance(rig, 500);
      startAndRun(rig);
      assert.equal(runUntilFault(rig, 10000), null);
    });
  });
});
