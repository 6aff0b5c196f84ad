// Table-style unit tests of the incline controller's decisions, one rule and its boundary at a time, on hand-set position estimates.

import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, type InclineSettings } from '../../firmware/config';
import {
  makeInclineControlInputs,
  makeInclineControllerState,
  startHoming,
  stepInclineController,
  stopInclineController,
  type InclineControlInputs,
  type InclineControllerState,
} from '../../firmware/core/incline-controller';
import { makeInclinePositionEstimate, type InclinePositionEstimate } from '../../firmware/core/incline-position';

/**
 * The test's own settings, none of them the defaults, each a binary fraction so every boundary
 * below is met exactly: a pulse is 0.25 %, the deadband 0.5 %, the overrun 0.25 %, the
 * potentiometer's uncertainty 0.125 %, the rate 2 %/s.
 */
const SETTINGS: InclineSettings = Object.assign({}, DEFAULT_CONFIG.incline, {
  pulsesPerPct: 4,
  analogUncertaintyPct: 0.125,
  deadbandPct: 0.5,
  overrunPct: 0.25,
  ratePctPerS: 2,
  deadTimeMs: 600,
  homingStallMs: 1000,
  homingTimeoutMs: 8000,
});
const PULSE_PCT = 0.25;
const MAX_PCT = 15;

interface PositionFields {
  homed?: boolean;
  positionPct: number;
  upperBoundPct?: number;
  newPulses?: number;
}

/** A position estimate as the position update would leave it (upper bound = position unless given). */
function position(kind: 'pulses' | 'analog', fields: PositionFields): InclinePositionEstimate {
  const estimate = makeInclinePositionEstimate(kind);
  estimate.homed = fields.homed === undefined ? true : fields.homed;
  estimate.positionPct = fields.positionPct;
  estimate.upperBoundPct = fields.upperBoundPct === undefined ? fields.positionPct : fields.upperBoundPct;
  estimate.lowerBoundPct = fields.positionPct;
  estimate.newPulses = fields.newPulses === undefined ? 0 : fields.newPulses;
  return estimate;
}

interface InputFields {
  nowMs: number;
  targetPct: number;
  dtMs?: number;
  allowed?: boolean;
  capPct?: number;
  maxPct?: number;
  lowerLimitActive?: boolean;
  hasLowerLimit?: boolean;
}

function inputs(fields: InputFields): InclineControlInputs {
  const made = makeInclineControlInputs();
  made.nowMs = fields.nowMs;
  made.dtMs = fields.dtMs === undefined ? 100 : fields.dtMs;
  made.allowed = fields.allowed === undefined ? true : fields.allowed;
  made.targetPct = fields.targetPct;
  made.capPct = fields.capPct === undefined ? MAX_PCT : fields.capPct;
  made.maxPct = fields.maxPct === undefined ? MAX_PCT : fields.maxPct;
  made.lowerLimitActive = fields.lowerLimitActive === true;
  made.hasLowerLimit = fields.hasLowerLimit === true;
  return made;
}

/** A controller that has followed its setpoint to `setpointPct` and rests there, its outputs off since `stoppedAtMs`. */
function restingAt(setpointPct: number, stoppedAtMs: number): InclineControllerState {
  const state = makeInclineControllerState();
  state.setpointPct = setpointPct;
  state.stoppedAtMs = stoppedAtMs;
  return state;
}

/** A controller driving `motion` since `sinceMs` toward `setpointPct`. */
function driving(motion: 'up' | 'down', setpointPct: number, sinceMs: number): InclineControllerState {
  const state = makeInclineControllerState();
  state.setpointPct = setpointPct;
  state.motion = motion;
  state.lastMotion = motion;
  state.lastProgressMs = sinceMs;
  state.up = motion === 'up';
  state.down = motion === 'down';
  return state;
}

function outputs(state: InclineControllerState): string {
  return state.up && state.down ? 'both' : state.up ? 'up' : state.down ? 'down' : 'off';
}

function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, what + ': ' + actual + ', expected ' + expected);
}

describe('incline controller rules, one at a time', () => {
  describe('a fresh controller and fresh inputs', () => {
    it('a fresh state is safe: not homing, no failure, outputs off, setpoint 0 %', () => {
      const state = makeInclineControllerState();
      assert.equal(state.homing, false);
      assert.equal(state.homingFailure, 'none');
      assert.equal(state.motion, 'stopped');
      assert.equal(state.lastMotion, 'stopped', 'no output on since boot: coasting pulses have no direction');
      assert.equal(state.setpointPct, 0);
      assert.equal(outputs(state), 'off');
    });

    it('fresh inputs hold the lift: a step with them moves nothing, whatever the position', () => {
      const made = makeInclineControlInputs();
      assert.deepEqual(made, { nowMs: 0, dtMs: 0, allowed: false, targetPct: 0, capPct: 0, maxPct: 0, lowerLimitActive: false, hasLowerLimit: false });
      const state = makeInclineControllerState();
      stepInclineController(state, position('analog', { positionPct: 6 }), made, SETTINGS);
      assert.equal(outputs(state), 'off');
    });

    it('the first move after boot needs no dead time (no output was ever on), at 0 ms and later', () => {
      [0, 250, 100000].forEach((nowMs) => {
        const state = makeInclineControllerState();
        stepInclineController(state, position('analog', { positionPct: 0 }), inputs({ nowMs, targetPct: 5, dtMs: 1000 }), SETTINGS);
        assert.equal(outputs(state), 'up', 'at ' + nowMs + ' ms');
      });
    });
  });

  describe('the setpoint', () => {
    it('moves toward the target by rate x dt, up and down, and stops at the target (2 %/s, 100 ms: 0.2 %)', () => {
      const state = restingAt(4, 0);
      const at = position('analog', { positionPct: 4 });
      stepInclineController(state, at, inputs({ nowMs: 10000, targetPct: 5, dtMs: 100 }), SETTINGS);
      near(state.setpointPct, 4.2, 'one step up');
      stepInclineController(state, at, inputs({ nowMs: 10250, targetPct: 5, dtMs: 250 }), SETTINGS);
      near(state.setpointPct, 4.7, 'a longer tick moves further');
      stepInclineController(state, at, inputs({ nowMs: 10500, targetPct: 5, dtMs: 250 }), SETTINGS);
      near(state.setpointPct, 5, 'ends at the target, not past it');
      stepInclineController(state, at, inputs({ nowMs: 10600, targetPct: 3, dtMs: 100 }), SETTINGS);
      near(state.setpointPct, 4.8, 'one step down');
      stepInclineController(state, at, inputs({ nowMs: 12000, targetPct: 3, dtMs: 1400 }), SETTINGS);
      near(state.setpointPct, 3, 'ends at the target, not below it');
      stepInclineController(state, at, inputs({ nowMs: 12100, targetPct: 3, dtMs: 100 }), SETTINGS);
      near(state.setpointPct, 3, 'stays at the target');
    });

    it('a target below 0 % brings the setpoint to 0 %, never below', () => {
      const state = restingAt(0.1, 0);
      stepInclineController(state, position('analog', { positionPct: 0.1 }), inputs({ nowMs: 10000, targetPct: -3, dtMs: 1000 }), SETTINGS);
      assert.equal(state.setpointPct, 0);
    });

    it('a target above the ceiling (the lower of the cap and the end stop) ramps to the ceiling only', () => {
      [
        { capPct: 10, maxPct: 15, ceilingPct: 10 },
        { capPct: 15, maxPct: 12, ceilingPct: 12 },
      ].forEach((row) => {
        const state = restingAt(row.ceilingPct - 0.1, 0);
        const at = position('analog', { positionPct: row.ceilingPct - 0.1 });
        stepInclineController(state, at, inputs({ nowMs: 10000, targetPct: 20, dtMs: 1000, capPct: row.capPct, maxPct: row.maxPct }), SETTINGS);
        near(state.setpointPct, row.ceilingPct, 'cap ' + row.capPct + ', end stop ' + row.maxPct);
      });
    });

    it('a setpoint above a lowered cap drops to the cap at once, not at the rate', () => {
      [
        { capPct: 10, maxPct: 15 },
        { capPct: 15, maxPct: 10 },
      ].forEach((row) => {
        const state = restingAt(14, 0);
        stepInclineController(state, position('analog', { positionPct: 14 }), inputs({ nowMs: 10000, targetPct: 14, dtMs: 100, capPct: row.capPct, maxPct: row.maxPct }), SETTINGS);
        assert.equal(state.setpointPct, 10, 'cap ' + row.capPct + ', end stop ' + row.maxPct);
      });
    });

    it('a held lift sets its setpoint to where it is (0 % when it reads below), so nothing moves on its own once allowed', () => {
      [
        { positionPct: 6.5, heldPct: 6.5 },
        { positionPct: -0.3, heldPct: 0 },
      ].forEach((row) => {
        const state = restingAt(2, 0);
        stepInclineController(state, position('analog', { positionPct: row.positionPct }), inputs({ nowMs: 10000, targetPct: 2, allowed: false }), SETTINGS);
        assert.equal(state.setpointPct, row.heldPct);
        assert.equal(outputs(state), 'off');
      });
    });
  });

  describe('starting a move (dead time, deadband, ceiling)', () => {
    it('starts only once the outputs have been off for the dead time: not 1 ms before, exactly at it yes', () => {
      (['up', 'down'] as const).forEach((way) => {
        const stoppedAtMs = 5000;
        const setpointPct = way === 'up' ? 8 : 2;
        const at = position('analog', { positionPct: 5 });
        const early = restingAt(setpointPct, stoppedAtMs);
        stepInclineController(early, at, inputs({ nowMs: stoppedAtMs + 599, targetPct: setpointPct }), SETTINGS);
        assert.equal(outputs(early), 'off', way + ' 599 ms after off');
        const onTime = restingAt(setpointPct, stoppedAtMs);
        stepInclineController(onTime, at, inputs({ nowMs: stoppedAtMs + 600, targetPct: setpointPct }), SETTINGS);
        assert.equal(outputs(onTime), way, way + ' 600 ms after off');
      });
    });

    it('starts only when off the setpoint by more than the deadband (0.5 %), either way', () => {
      [
        { positionPct: 5, setpointPct: 5.5, expected: 'off' },
        { positionPct: 5, setpointPct: 5.625, expected: 'up' },
        { positionPct: 5.5, setpointPct: 5, expected: 'off' },
        { positionPct: 5.625, setpointPct: 5, expected: 'down' },
      ].forEach((row) => {
        const state = restingAt(row.setpointPct, 0);
        stepInclineController(state, position('analog', { positionPct: row.positionPct }), inputs({ nowMs: 10000, targetPct: row.setpointPct }), SETTINGS);
        assert.equal(outputs(state), row.expected, row.positionPct + ' % for a setpoint of ' + row.setpointPct + ' %');
      });
    });

    it('drives down a lift above the ceiling even within the deadband of its setpoint; at the ceiling it rests', () => {
      [
        { positionPct: 10.25, upperBoundPct: 10.25, expected: 'down' },
        { positionPct: 10, upperBoundPct: 10.25, expected: 'off' },
      ].forEach((row) => {
        // The setpoint sits at the cap of 10 %; the lift is within the deadband of it.
        const state = restingAt(10, 0);
        stepInclineController(state, position('pulses', { positionPct: row.positionPct, upperBoundPct: row.upperBoundPct }), inputs({ nowMs: 10000, targetPct: 10, capPct: 10 }), SETTINGS);
        assert.equal(outputs(state), row.expected, 'at ' + row.positionPct + ' %');
      });
    });

    it('the ceiling that sends a lift down is the lower of the cap and the end stop', () => {
      [
        { capPct: 10, maxPct: 15 },
        { capPct: 15, maxPct: 10 },
      ].forEach((row) => {
        const state = restingAt(10, 0);
        stepInclineController(state, position('pulses', { positionPct: 10.25 }), inputs({ nowMs: 10000, targetPct: 10, capPct: row.capPct, maxPct: row.maxPct }), SETTINGS);
        assert.equal(outputs(state), 'down', 'cap ' + row.capPct + ', end stop ' + row.maxPct);
      });
    });

    it('does not start down when the highest the lift can be is already at or below the setpoint', () => {
      // Pulses: last pulse went down, so the lift is at most at its edge (upper bound = position).
      // A potentiometer 0.125 % above the setpoint: its upper bound says it may be higher, it goes down.
      const pulses = restingAt(5, 0);
      stepInclineController(pulses, position('pulses', { positionPct: 5.75, upperBoundPct: 5 }), inputs({ nowMs: 10000, targetPct: 5 }), SETTINGS);
      assert.equal(outputs(pulses), 'off', 'upper bound at the setpoint');
      const bound = restingAt(5, 0);
      stepInclineController(bound, position('pulses', { positionPct: 5.75, upperBoundPct: 5.25 }), inputs({ nowMs: 10000, targetPct: 5 }), SETTINGS);
      assert.equal(outputs(bound), 'down', 'upper bound above the setpoint');
    });

    it('does not start up when the highest the lift can be, plus its overrun, already reaches the setpoint', () => {
      [
        { upperBoundPct: 5.75, expected: 'off' },
        { upperBoundPct: 5.5, expected: 'up' },
      ].forEach((row) => {
        const state = restingAt(6, 0);
        stepInclineController(state, position('pulses', { positionPct: 5, upperBoundPct: row.upperBoundPct }), inputs({ nowMs: 10000, targetPct: 6 }), SETTINGS);
        assert.equal(outputs(state), row.expected, 'upper bound ' + row.upperBoundPct + ' %');
      });
    });

    it('does not start up toward the end stop once the highest it can be, plus its overrun, reaches the end stop', () => {
      [
        { upperBoundPct: 11.75, expected: 'off' },
        { upperBoundPct: 11.5, expected: 'up' },
      ].forEach((row) => {
        // The setpoint is above the end stop (the ceiling keeps it at maxPct): the end-stop rule alone stops it.
        const state = restingAt(12, 0);
        stepInclineController(state, position('pulses', { positionPct: 11, upperBoundPct: row.upperBoundPct }), inputs({ nowMs: 10000, targetPct: 12, capPct: 15, maxPct: 12 }), SETTINGS);
        assert.equal(outputs(state), row.expected, 'upper bound ' + row.upperBoundPct + ' % under an end stop of 12 %');
      });
    });

    it('a potentiometer lift within its uncertainty of 0 % never starts down (its own bottom); above it it does', () => {
      // Above the setpoint by more than the deadband but below the uncertainty: only the bottom rule holds it.
      const settings = Object.assign({}, SETTINGS, { analogUncertaintyPct: 1 });
      [
        { positionPct: 1, expected: 'off' },
        { positionPct: 1.125, expected: 'down' },
      ].forEach((row) => {
        const state = restingAt(0, 0);
        stepInclineController(state, position('analog', { positionPct: row.positionPct, upperBoundPct: row.positionPct + 1 }), inputs({ nowMs: 10000, targetPct: 0 }), settings);
        assert.equal(outputs(state), row.expected, 'potentiometer at ' + row.positionPct + ' % with 1 % uncertainty');
      });
      // A pulse lift has no such bottom: it drives down to its setpoint (0.25 % above 0 is a pulse it can resolve).
      const pulses = restingAt(0.25, 0);
      stepInclineController(pulses, position('pulses', { positionPct: 1, upperBoundPct: 1 }), inputs({ nowMs: 10000, targetPct: 0.25 }), settings);
      assert.equal(outputs(pulses), 'down', 'pulse lift at 1 %');
    });

    it('a lift that is not homed never moves', () => {
      const state = restingAt(0, 0);
      stepInclineController(state, position('pulses', { homed: false, positionPct: 0 }), inputs({ nowMs: 10000, targetPct: 8 }), SETTINGS);
      assert.equal(outputs(state), 'off');
      near(state.setpointPct, 0, 'the setpoint waits for homing too');
    });
  });

  describe('a move under way', () => {
    it('up stops once the highest the lift can be plus its overrun reaches the setpoint (exactly at it: stops)', () => {
      [
        { upperBoundPct: 5.75, expected: 'off' },
        { upperBoundPct: 5.5, expected: 'up' },
      ].forEach((row) => {
        const state = driving('up', 6, 9000);
        stepInclineController(state, position('pulses', { positionPct: row.upperBoundPct - PULSE_PCT, upperBoundPct: row.upperBoundPct }), inputs({ nowMs: 10000, targetPct: 6 }), SETTINGS);
        assert.equal(outputs(state), row.expected, 'upper bound ' + row.upperBoundPct + ' %');
      });
    });

    it('up stops at the end stop less the overrun even when the setpoint lies above it', () => {
      [
        { upperBoundPct: 11.75, expected: 'off' },
        { upperBoundPct: 11.5, expected: 'up' },
      ].forEach((row) => {
        const state = driving('up', 12, 9000);
        stepInclineController(state, position('pulses', { positionPct: row.upperBoundPct - PULSE_PCT, upperBoundPct: row.upperBoundPct }), inputs({ nowMs: 10000, targetPct: 12, capPct: 15, maxPct: 12 }), SETTINGS);
        assert.equal(outputs(state), row.expected, 'upper bound ' + row.upperBoundPct + ' % under an end stop of 12 %');
      });
    });

    it('down stops once the highest the lift can be is at the setpoint, not before', () => {
      [
        { upperBoundPct: 4, expected: 'off' },
        { upperBoundPct: 4.25, expected: 'down' },
      ].forEach((row) => {
        const state = driving('down', 4, 9000);
        stepInclineController(state, position('pulses', { positionPct: row.upperBoundPct, upperBoundPct: row.upperBoundPct }), inputs({ nowMs: 10000, targetPct: 4 }), SETTINGS);
        assert.equal(outputs(state), row.expected, 'upper bound ' + row.upperBoundPct + ' %');
        assert.equal(state.homing, false, 'a setpoint a pulse can resolve needs no homing');
      });
    });

    it('a potentiometer lift driving down stops within its uncertainty of 0 %', () => {
      [
        { positionPct: 0.125, expected: 'off' },
        { positionPct: 0.25, expected: 'down' },
      ].forEach((row) => {
        const state = driving('down', 0, 9000);
        stepInclineController(state, position('analog', { positionPct: row.positionPct, upperBoundPct: row.positionPct + 0.125 }), inputs({ nowMs: 10000, targetPct: 0 }), SETTINGS);
        assert.equal(outputs(state), row.expected, 'at ' + row.positionPct + ' %');
      });
    });

    it('a pulse lift driving down to a setpoint below one pulse re-homes (keeps driving down, homing from now)', () => {
      const state = driving('down', 0.5, 1000);
      stepInclineController(state, position('pulses', { positionPct: 0.75, upperBoundPct: 0.75, newPulses: 1 }), inputs({ nowMs: 10000, targetPct: 0, dtMs: 200 }), SETTINGS);
      near(state.setpointPct, 0.1, 'setpoint after 200 ms at 2 %/s');
      assert.equal(outputs(state), 'down');
      assert.equal(state.homing, true, 'below one pulse (0.25 %) the count cannot find 0 %');
      assert.equal(state.homingSinceMs, 10000);
      assert.equal(state.lastProgressMs, 10000, 'the homing stall counts from now, not from when the move began');
      // One pulse exactly is still resolvable: no homing.
      const atPulse = driving('down', 0.25, 1000);
      stepInclineController(atPulse, position('pulses', { positionPct: 0.75, upperBoundPct: 0.75 }), inputs({ nowMs: 10000, targetPct: 0.25, dtMs: 200 }), SETTINGS);
      assert.equal(atPulse.homing, false, 'setpoint of one pulse');
      assert.equal(outputs(atPulse), 'down');
      // A potentiometer never homes.
      const analog = driving('down', 0.5, 1000);
      stepInclineController(analog, position('analog', { positionPct: 0.75, upperBoundPct: 0.875 }), inputs({ nowMs: 10000, targetPct: 0, dtMs: 200 }), SETTINGS);
      assert.equal(analog.homing, false, 'potentiometer');
      assert.equal(outputs(analog), 'down');
      // Already at or below the setpoint: the down move just ends.
      const done = driving('down', 0.5, 1000);
      stepInclineController(done, position('pulses', { positionPct: 0, upperBoundPct: 0 }), inputs({ nowMs: 10000, targetPct: 0, dtMs: 200 }), SETTINGS);
      assert.equal(done.homing, false, 'down already done');
      assert.equal(outputs(done), 'off');
    });

    it('the homing started by a sub-pulse setpoint ends by the stall window counted from its start', () => {
      const state = driving('down', 0.5, 1000);
      const at = position('pulses', { positionPct: 0.75, upperBoundPct: 0.75 });
      stepInclineController(state, at, inputs({ nowMs: 10000, targetPct: 0, dtMs: 200 }), SETTINGS);
      at.newPulses = 0;
      stepInclineController(state, at, inputs({ nowMs: 10999, targetPct: 0, dtMs: 200 }), SETTINGS);
      assert.equal(outputs(state), 'down', 'stall window (1000 ms) not over 999 ms after the homing began');
      assert.equal(state.homing, true);
    });

    it('a reversal asked for while driving passes through off (never straight from one output to the other)', () => {
      const up = driving('up', 5, 9000);
      // Homing asked while the lift drives up: down is wanted, off comes first.
      startHoming(up, 10000);
      stepInclineController(up, position('pulses', { positionPct: 3, upperBoundPct: 3.25, newPulses: 1 }), inputs({ nowMs: 10000, targetPct: 5 }), SETTINGS);
      assert.equal(outputs(up), 'off');
      assert.equal(up.stoppedAtMs, 10000);
      assert.equal(up.lastMotion, 'up', 'coasting pulses still count as up');
    });
  });

  describe('homing', () => {
    it('a potentiometer needs none: homing ends at once and nothing is driven', () => {
      const state = restingAt(0, 0);
      startHoming(state, 10000);
      stepInclineController(state, position('analog', { positionPct: 7 }), inputs({ nowMs: 10000, targetPct: 0 }), SETTINGS);
      assert.equal(state.homing, false);
      assert.equal(outputs(state), 'off');
      assert.equal(state.homingFailure, 'none');
    });

    it('waits out the dead time after a stop, then drives down', () => {
      const state = restingAt(4, 10000);
      startHoming(state, 10000);
      const at = position('pulses', { homed: false, positionPct: 0 });
      stepInclineController(state, at, inputs({ nowMs: 10599, targetPct: 4, hasLowerLimit: true }), SETTINGS);
      assert.equal(outputs(state), 'off', '599 ms after off');
      stepInclineController(state, at, inputs({ nowMs: 10600, targetPct: 4, hasLowerLimit: true }), SETTINGS);
      assert.equal(outputs(state), 'down', '600 ms after off');
      assert.equal(state.homing, true);
    });

    it('ends at an active lower limit switch: 0 %, setpoint 0 % (the ramp back to the target starts from there)', () => {
      const state = driving('down', 6, 9000);
      startHoming(state, 9000);
      const at = position('pulses', { homed: false, positionPct: 3 });
      at.edgeIndex = 12;
      stepInclineController(state, at, inputs({ nowMs: 10000, targetPct: 6, lowerLimitActive: true, hasLowerLimit: true }), SETTINGS);
      assert.equal(state.homing, false);
      assert.equal(at.homed, true);
      assert.equal(at.positionPct, 0);
      assert.equal(state.setpointPct, 0);
      assert.equal(outputs(state), 'off');
      assert.equal(state.homingFailure, 'none');
      // Next step: the setpoint ramps from 0 % at the rate, it does not jump back to the old 6 %.
      stepInclineController(state, at, inputs({ nowMs: 10100, targetPct: 6, dtMs: 100, hasLowerLimit: true }), SETTINGS);
      near(state.setpointPct, 0.2, 'setpoint 100 ms after homing');
    });

    it('times out exactly at the homing timeout counted from when it was asked (8000 ms)', () => {
      [
        { afterMs: 7999, failure: 'none', expected: 'down' },
        { afterMs: 8000, failure: 'timeout', expected: 'off' },
      ].forEach((row) => {
        const state = driving('down', 0, 0);
        startHoming(state, 20000);
        // Pulses keep coming (no stall), the switch never closes.
        stepInclineController(state, position('pulses', { homed: false, positionPct: 0, newPulses: 1 }), inputs({ nowMs: 20000 + row.afterMs, targetPct: 0, hasLowerLimit: true }), SETTINGS);
        assert.equal(state.homingFailure, row.failure, row.afterMs + ' ms');
        assert.equal(outputs(state), row.expected, row.afterMs + ' ms');
        assert.equal(state.homing, row.failure === 'none');
      });
    });

    it('a new homing clears an earlier failure and gets its full time again', () => {
      const state = driving('down', 0, 0);
      startHoming(state, 0);
      const at = position('pulses', { homed: false, positionPct: 0, newPulses: 1 });
      stepInclineController(state, at, inputs({ nowMs: 8000, targetPct: 0, hasLowerLimit: true }), SETTINGS);
      assert.equal(state.homingFailure, 'timeout');
      stepInclineController(state, at, inputs({ nowMs: 9000, targetPct: 0, hasLowerLimit: true }), SETTINGS);
      assert.equal(outputs(state), 'off', 'a failed homing holds the lift');
      startHoming(state, 9000);
      assert.equal(state.homingFailure, 'none');
      stepInclineController(state, at, inputs({ nowMs: 9600, targetPct: 0, hasLowerLimit: true }), SETTINGS);
      assert.equal(outputs(state), 'down', 'homing again after the dead time');
      assert.equal(state.homingFailure, 'none');
    });

    it('a homing asked while the lift already drives down times its stall from the request, not from the move', () => {
      const state = driving('down', 3, 0);
      startHoming(state, 5000);
      stepInclineController(state, position('pulses', { homed: false, positionPct: 3 }), inputs({ nowMs: 5100, targetPct: 3 }), SETTINGS);
      assert.equal(outputs(state), 'down', '100 ms after the request, 5100 ms after the move began');
      assert.equal(state.homing, true);
    });

    it('a pulse marks progress: the stall window restarts at each pulse', () => {
      const state = driving('down', 0, 0);
      startHoming(state, 0);
      const at = position('pulses', { homed: false, positionPct: 0, newPulses: 1 });
      stepInclineController(state, at, inputs({ nowMs: 900, targetPct: 0 }), SETTINGS);
      at.newPulses = 0;
      stepInclineController(state, at, inputs({ nowMs: 1899, targetPct: 0 }), SETTINGS);
      assert.equal(outputs(state), 'down', '999 ms after the last pulse');
      stepInclineController(state, at, inputs({ nowMs: 1900, targetPct: 0 }), SETTINGS);
      assert.equal(outputs(state), 'off', '1000 ms after the last pulse: stalled at the bottom');
      assert.equal(state.homing, false);
    });

    it('without a limit switch a stall is the bottom: homed at 0 %, setpoint 0 %; with one it is a failure', () => {
      [
        { hasLowerLimit: false, failure: 'none', homed: true },
        { hasLowerLimit: true, failure: 'stalledAboveLimit', homed: false },
      ].forEach((row) => {
        const state = driving('down', 5, 0);
        startHoming(state, 0);
        state.setpointPct = 5;
        const at = position('pulses', { homed: false, positionPct: 2 });
        at.edgeIndex = 8;
        stepInclineController(state, at, inputs({ nowMs: 999, targetPct: 5, hasLowerLimit: row.hasLowerLimit }), SETTINGS);
        assert.equal(outputs(state), 'down', '999 ms without a pulse');
        stepInclineController(state, at, inputs({ nowMs: 1000, targetPct: 5, hasLowerLimit: row.hasLowerLimit }), SETTINGS);
        assert.equal(outputs(state), 'off', 'stalled, switch ' + row.hasLowerLimit);
        assert.equal(state.homing, false);
        assert.equal(state.homingFailure, row.failure);
        assert.equal(at.homed, row.homed);
        assert.equal(state.setpointPct, 0);
        if (row.homed) assert.equal(at.positionPct, 0);
      });
    });

    it('a held lift keeps its homing pending: the timeout and the stall count from when it is allowed again', () => {
      const state = driving('down', 0, 0);
      startHoming(state, 0);
      const at = position('pulses', { homed: false, positionPct: 0 });
      stepInclineController(state, at, inputs({ nowMs: 30000, targetPct: 0, allowed: false }), SETTINGS);
      assert.equal(outputs(state), 'off');
      assert.equal(state.homing, true);
      // Allowed again after the dead time: 7999 ms later it has neither timed out nor stalled on the held time.
      stepInclineController(state, at, inputs({ nowMs: 30600, targetPct: 0 }), SETTINGS);
      assert.equal(outputs(state), 'down');
      at.newPulses = 1;
      stepInclineController(state, at, inputs({ nowMs: 37999, targetPct: 0, hasLowerLimit: true }), SETTINGS);
      assert.equal(state.homingFailure, 'none');
      assert.equal(outputs(state), 'down');
    });

    it('a held lift that was driving down is not seen as stalled once allowed (the stall counts from the hold)', () => {
      const state = driving('down', 0, 0);
      startHoming(state, 0);
      const at = position('pulses', { homed: false, positionPct: 0 });
      // Held while still driving (the motion stops at this step): the stall clock restarts.
      state.lastProgressMs = 0;
      stepInclineController(state, at, inputs({ nowMs: 500, targetPct: 0, allowed: false }), SETTINGS);
      assert.equal(state.lastProgressMs, 500);
      assert.equal(state.homingSinceMs, 500);
    });
  });

  describe('what the state reports to the position update and the runaway monitor', () => {
    it('a move started records its direction (what coasting pulses count as) and keeps the time the outputs last went off', () => {
      const state = makeInclineControllerState();
      stepInclineController(state, position('analog', { positionPct: 2 }), inputs({ nowMs: 3000, targetPct: 6, dtMs: 3000 }), SETTINGS);
      assert.equal(outputs(state), 'up');
      assert.equal(state.lastMotion, 'up');
      assert.equal(state.stoppedAtMs, -Infinity, 'still never off since boot while the first move runs');
      stepInclineController(state, position('analog', { positionPct: 6 }), inputs({ nowMs: 3100, targetPct: 6 }), SETTINGS);
      assert.equal(outputs(state), 'off');
      assert.equal(state.stoppedAtMs, 3100);
      assert.equal(state.lastMotion, 'up', 'the lift coasts up after the output goes off');
      stepInclineController(state, position('analog', { positionPct: 6 }), inputs({ nowMs: 3700, targetPct: 2, dtMs: 3000 }), SETTINGS);
      assert.equal(outputs(state), 'down');
      assert.equal(state.lastMotion, 'down');
      assert.equal(state.stoppedAtMs, 3100, 'the down move does not move the time the outputs went off');
    });

    it('a homing move times its stall from when the output went on, not from the request (the dead time is no progress window)', () => {
      const state = restingAt(4, 10000);
      startHoming(state, 10000);
      const at = position('pulses', { homed: false, positionPct: 0 });
      stepInclineController(state, at, inputs({ nowMs: 10600, targetPct: 4 }), SETTINGS);
      assert.equal(outputs(state), 'down', 'homing starts after the dead time');
      assert.equal(state.lastProgressMs, 10600);
      stepInclineController(state, at, inputs({ nowMs: 11599, targetPct: 4 }), SETTINGS);
      assert.equal(outputs(state), 'down', '999 ms after the output went on: no stall yet');
      stepInclineController(state, at, inputs({ nowMs: 11600, targetPct: 4 }), SETTINGS);
      assert.equal(outputs(state), 'off', '1000 ms without a pulse: the bottom');
      assert.equal(at.homed, true);
    });
  });

  describe('inputs the control loop never sends (the lift must still not move on them)', () => {
    it('a target that is not a number leaves the setpoint where it was', () => {
      [4, 0].forEach((setpointPct) => {
        const state = restingAt(setpointPct, 0);
        stepInclineController(state, position('analog', { positionPct: setpointPct }), inputs({ nowMs: 10000, targetPct: NaN, dtMs: 100 }), SETTINGS);
        assert.equal(state.setpointPct, setpointPct);
        assert.equal(outputs(state), 'off');
      });
    });

    it('a potentiometer lift never starts homing from the follow loop, even under a ceiling below 0 %', () => {
      const state = driving('down', 2, 9000);
      stepInclineController(state, position('analog', { positionPct: 3, upperBoundPct: 3.125 }), inputs({ nowMs: 10000, targetPct: 0, capPct: -1 }), SETTINGS);
      assert.equal(state.homing, false);
      assert.equal(state.setpointPct, -1);
    });
  });

  describe('the end stop as a backstop when the setpoint cannot be trusted', () => {
    it('a setpoint that is not a number (corrupted state) still never drives up past the end stop less the overrun', () => {
      [
        { upperBoundPct: 11.75, expected: 'off' },
        { upperBoundPct: 11.5, expected: 'up' },
      ].forEach((row) => {
        const state = driving('up', NaN, 9000);
        stepInclineController(state, position('pulses', { positionPct: row.upperBoundPct - PULSE_PCT, upperBoundPct: row.upperBoundPct }), inputs({ nowMs: 10000, targetPct: 5, maxPct: 12 }), SETTINGS);
        assert.equal(outputs(state), row.expected, 'upper bound ' + row.upperBoundPct + ' % under an end stop of 12 %');
      });
    });
  });

  describe('a failed homing', () => {
    it('holds the lift even when the position was homed before (a sub-pulse re-home that stalled above the limit switch)', () => {
      const state = driving('down', 0.5, 0);
      const at = position('pulses', { positionPct: 0.75, upperBoundPct: 0.75 });
      stepInclineController(state, at, inputs({ nowMs: 10000, targetPct: 0, dtMs: 1000, hasLowerLimit: true }), SETTINGS);
      assert.equal(state.homing, true);
      stepInclineController(state, at, inputs({ nowMs: 11000, targetPct: 0, hasLowerLimit: true }), SETTINGS);
      assert.equal(state.homingFailure, 'stalledAboveLimit');
      assert.equal(at.homed, true, 'the count was never cleared');
      stepInclineController(state, at, inputs({ nowMs: 20000, targetPct: 6, dtMs: 5000, hasLowerLimit: true }), SETTINGS);
      assert.equal(outputs(state), 'off', 'a stuck lift stays off until the fault is cleared and it re-homes');
    });
  });

  describe('stopping between ticks', () => {
    it('turns both outputs off at once and starts the dead time then', () => {
      const state = driving('up', 8, 0);
      stopInclineController(state, 4000);
      assert.equal(outputs(state), 'off');
      assert.equal(state.motion, 'stopped');
      assert.equal(state.stoppedAtMs, 4000);
      assert.equal(state.lastMotion, 'up');
      const at = position('analog', { positionPct: 5 });
      stepInclineController(state, at, inputs({ nowMs: 4599, targetPct: 8 }), SETTINGS);
      assert.equal(outputs(state), 'off', '599 ms after the stop');
      stepInclineController(state, at, inputs({ nowMs: 4600, targetPct: 8 }), SETTINGS);
      assert.equal(outputs(state), 'up', '600 ms after the stop');
    });

    it('a stop while already off does not restart the dead time', () => {
      const state = restingAt(8, 1000);
      stopInclineController(state, 1500);
      assert.equal(state.stoppedAtMs, 1000);
      stepInclineController(state, position('analog', { positionPct: 5 }), inputs({ nowMs: 1600, targetPct: 8 }), SETTINGS);
      assert.equal(outputs(state), 'up');
    });
  });
});
