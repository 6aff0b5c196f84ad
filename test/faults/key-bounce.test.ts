// Key contact bounce: a bouncing removal cuts at the first edge and latches once; a bouncing reinsertion restarts nothing.

import assert from 'node:assert/strict';
import {
  DIRECTIONS,
  advance,
  nextTick,
  describeAtBoardTimings,
  assertMotorCut,
  faultTransitions,
  local,
  makeFaultRig,
  selectDirection,
  setSpeed,
  startAndRun,
  stepOn,
  variant,
  type FaultRig,
} from './fault-rig';

/** Record, after the firmware's own handler, the outputs at every key edge. */
function recordEdges(rig: FaultRig): { active: boolean; duty: number; enabled: boolean }[] {
  const edges: { active: boolean; duty: number; enabled: boolean }[] = [];
  rig.sim.keyInput.watch((edge) => {
    edges.push({ active: edge.active, duty: rig.sim.motorDuty(), enabled: rig.sim.motorEnabled() });
  });
  return edges;
}

describeAtBoardTimings('faults: safety key contact bounce', (board) => {
  [1, 2, 3, 4].forEach((seed) => {
    DIRECTIONS.forEach((direction) => {
      it('removal bounce while running ' + direction + ' (seed ' + seed + '): cut at the first edge, latched once; reinsertion bounce restarts nothing', () => {
        const rig = makeFaultRig(variant({ board, seed }));
        if (direction === 'backward') selectDirection(rig, 'backward');
        startAndRun(rig);
        stepOn(rig, direction);
        advance(rig, 2000);
        setSpeed(rig, 2);
        advance(rig, 8000);
        rig.sim.injectFault('keyBounce');
        const edges = recordEdges(rig);
        rig.sim.pullKey();
        advance(rig, 50);
        assert.ok(edges.length >= 3, 'the contact bounced (' + edges.length + ' edges)');
        assert.equal(edges[0].active, false);
        assert.equal(edges[0].duty, 0, 'duty at the first edge');
        assert.equal(edges[0].enabled, false, 'motor enable at the first edge');
        edges.forEach((edge, index) => {
          assert.equal(edge.duty, 0, 'duty at edge ' + index);
          assert.equal(edge.enabled, false, 'enable at edge ' + index);
        });
        assert.equal(faultTransitions(rig), 1, 'latched exactly once');
        assert.equal(rig.firmware.status().fault, 'keyRemoved');

        // Wait for the belt to stop, then reinsert with bounce: nothing may move.
        advance(rig, 10000);
        const beforeInsert = edges.length;
        rig.sim.insertKey();
        for (let elapsedMs = 0; elapsedMs < 10000; elapsedMs += rig.config.controlPeriodMs) {
          nextTick(rig);
          assert.equal(rig.firmware.status().state, 'fault');
          assertMotorCut(rig, 'after reinsertion');
        }
        assert.ok(edges.length - beforeInsert >= 3, 'the reinsertion bounced');
        assert.equal(rig.firmware.status().keyPresent, true);
        assert.equal(faultTransitions(rig), 1, 'still latched once');
        assert.ok(Math.abs(rig.sim.beltSpeedKph()) < 0.01);
      });
    });
  });

  it('bouncing reinsertion in idle after a clear: stays idle; a local start then works normally', () => {
    const rig = makeFaultRig(variant({ board, seed: 9 }));
    rig.sim.injectFault('keyBounce');
    startAndRun(rig);
    advance(rig, 5000);
    rig.sim.pullKey();
    advance(rig, 8000);
    rig.sim.insertKey();
    advance(rig, 100);
    local(rig, 'clearFault');
    // Pull and reinsert in idle, both bouncing.
    rig.sim.pullKey();
    advance(rig, 500);
    rig.sim.insertKey();
    for (let elapsedMs = 0; elapsedMs < 8000; elapsedMs += rig.config.controlPeriodMs) {
      nextTick(rig);
      assert.equal(rig.firmware.status().state, 'idle');
      assertMotorCut(rig, 'idle with a bouncing key');
    }
    assert.equal(rig.firmware.status().fault, null, 'a bounce in idle latches nothing');
    startAndRun(rig);
    advance(rig, 5000);
    assert.equal(rig.firmware.status().state, 'running');
    assert.ok(rig.sim.beltSpeedKph() > 0.5);
  });

  it('no false trip: a bouncy key left in place through a whole session never trips', () => {
    const rig = makeFaultRig(variant({ board, seed: 2 }));
    rig.sim.injectFault('keyBounce');
    startAndRun(rig);
    stepOn(rig, 'forward');
    for (let elapsedMs = 0; elapsedMs < 60000; elapsedMs += rig.config.controlPeriodMs) {
      nextTick(rig);
      assert.equal(rig.firmware.status().fault, null);
    }
    assert.equal(rig.sim.keyInput.edgeCount, 0);
  });
});
