// Table-driven tests of the safety transition table: one case per row, plus events that must change nothing.

import assert from 'node:assert/strict';
import type { CommandName, Direction } from '../../firmware/command';
import type { FaultCode } from '../../firmware/fault-code';
import { makeSafetyContext, makeSafetyInputs, type SafetyContext, type SafetyInputs } from '../../firmware/core/safety-inputs';
import { STATE_BITS, type SafetyState } from '../../firmware/core/safety-state';
import fc from 'fast-check';
import { applyTransition, findTransition, tickNeedsTable, TRANSITION_NAMES, transitionName, TRANSITIONS } from '../../firmware/core/safety-transitions';

interface Case {
  row: string | null;
  state: SafetyState;
  command?: CommandName;
  source?: 'local' | 'remote';
  /** A local arming is in force for this remote start. */
  remoteArmed?: boolean;
  key?: boolean;
  standstillMs?: number;
  measuredSpeedKph?: number;
  setpointKph?: number;
  detectedFault?: FaultCode;
  requestedDirection?: Direction;
  direction?: Direction;
  pendingDirection?: Direction;
  sinceMs?: number;
  fault?: FaultCode;
  expectState: SafetyState;
  expectAccepted?: boolean;
  expectFault?: FaultCode | null;
  expectDirection?: Direction;
  expectPending?: Direction | null;
}

const NOW_MS = 10000;

const CASES: Case[] = [
  { row: 'keyRemoved', state: 'running', key: false, expectState: 'fault', expectFault: 'keyRemoved' },
  { row: 'keyRemoved', state: 'countdown', key: false, expectState: 'fault', expectFault: 'keyRemoved' },
  { row: 'keyRemoved', state: 'stopping', key: false, command: 'start', expectState: 'fault', expectFault: 'keyRemoved' },
  { row: 'keyRemoved', state: 'freeBelt', key: false, expectState: 'fault', expectFault: 'keyRemoved' },
  { row: 'faultDetected', state: 'running', detectedFault: 'overspeed', expectState: 'fault', expectFault: 'overspeed' },
  { row: 'faultDetected', state: 'stopping', detectedFault: 'encoderLoss', pendingDirection: 'backward', expectState: 'fault', expectFault: 'encoderLoss', expectPending: null },
  { row: 'clearFaultRemote', state: 'fault', fault: 'stall', command: 'clearFault', source: 'remote', expectState: 'fault', expectAccepted: false, expectFault: 'stall' },
  { row: 'clearFaultNoKey', state: 'fault', fault: 'keyRemoved', command: 'clearFault', key: false, expectState: 'fault', expectAccepted: false, expectFault: 'keyRemoved' },
  { row: 'clearFaultLostEdges', state: 'fault', fault: 'lostEdges', command: 'clearFault', expectState: 'fault', expectAccepted: false, expectFault: 'lostEdges' },
  { row: 'clearFaultMoving', state: 'fault', fault: 'overspeed', command: 'clearFault', standstillMs: 0, expectState: 'fault', expectAccepted: false },
  { row: 'clearFault', state: 'fault', fault: 'keyRemoved', command: 'clearFault', expectState: 'idle', expectAccepted: true, expectFault: null },
  { row: 'refuseInFault', state: 'fault', fault: 'keyRemoved', command: 'start', expectState: 'fault', expectAccepted: false },
  { row: 'refuseInFault', state: 'fault', fault: 'stall', command: 'setSpeed', expectState: 'fault', expectAccepted: false },
  { row: 'clearFaultNone', state: 'idle', command: 'clearFault', expectState: 'idle', expectAccepted: true },
  { row: 'stopCountdown', state: 'countdown', command: 'stop', expectState: 'idle', expectAccepted: true },
  { row: 'stopRunning', state: 'running', command: 'stop', source: 'remote', expectState: 'stopping', expectAccepted: true },
  { row: 'stopFreeBelt', state: 'freeBelt', command: 'stop', expectState: 'idle', expectAccepted: true },
  { row: 'stopIdle', state: 'idle', command: 'stop', expectState: 'idle', expectAccepted: true },
  { row: 'startRemote', state: 'idle', command: 'start', source: 'remote', expectState: 'idle', expectAccepted: false },
  // Armed at the machine, a remote start passes this row and meets the same checks as a local one.
  { row: 'start', state: 'idle', command: 'start', source: 'remote', remoteArmed: true, expectState: 'countdown', expectAccepted: true },
  { row: 'startNoKey', state: 'idle', command: 'start', source: 'remote', remoteArmed: true, key: false, expectState: 'idle', expectAccepted: false },
  { row: 'startMoving', state: 'idle', command: 'start', source: 'remote', remoteArmed: true, standstillMs: 0, expectState: 'idle', expectAccepted: false },
  { row: 'refuseInFault', state: 'fault', fault: 'keyRemoved', command: 'start', source: 'remote', remoteArmed: true, expectState: 'fault', expectAccepted: false },
  // Arming is for starts: a remote clear or free belt stays refused.
  { row: 'freeBeltRemote', state: 'idle', command: 'freeBelt', source: 'remote', remoteArmed: true, expectState: 'idle', expectAccepted: false },
  { row: 'startNoKey', state: 'idle', command: 'start', key: false, expectState: 'idle', expectAccepted: false },
  { row: 'startDirectionPending', state: 'idle', command: 'start', pendingDirection: 'backward', expectState: 'idle', expectAccepted: false },
  { row: 'startMoving', state: 'idle', command: 'start', standstillMs: 0, expectState: 'idle', expectAccepted: false },
  { row: 'start', state: 'idle', command: 'start', expectState: 'countdown', expectAccepted: true },
  { row: 'resume', state: 'stopping', command: 'start', standstillMs: 0, expectState: 'running', expectAccepted: true },
  { row: 'startFreeBelt', state: 'freeBelt', command: 'start', expectState: 'freeBelt', expectAccepted: false },
  { row: 'startAgain', state: 'running', command: 'start', expectState: 'running', expectAccepted: true },
  { row: 'directionSame', state: 'running', command: 'setDirection', requestedDirection: 'forward', expectState: 'running', expectAccepted: true, expectPending: null },
  { row: 'directionFreeBelt', state: 'freeBelt', command: 'setDirection', requestedDirection: 'backward', expectState: 'freeBelt', expectAccepted: false },
  { row: 'directionWhileRunning', state: 'running', command: 'setDirection', requestedDirection: 'backward', expectState: 'stopping', expectAccepted: true, expectPending: 'backward', expectDirection: 'forward' },
  { row: 'directionInCountdown', state: 'countdown', command: 'setDirection', requestedDirection: 'backward', expectState: 'idle', expectAccepted: true, expectPending: 'backward' },
  { row: 'directionWhenStopped', state: 'idle', command: 'setDirection', requestedDirection: 'backward', expectState: 'idle', expectAccepted: true, expectPending: 'backward', expectDirection: 'forward' },
  { row: 'freeBeltRemote', state: 'idle', command: 'freeBelt', source: 'remote', expectState: 'idle', expectAccepted: false },
  { row: 'freeBeltNoKey', state: 'idle', command: 'freeBelt', key: false, expectState: 'idle', expectAccepted: false },
  { row: 'freeBelt', state: 'idle', command: 'freeBelt', expectState: 'freeBelt', expectAccepted: true },
  { row: 'freeBeltBusy', state: 'running', command: 'freeBelt', expectState: 'running', expectAccepted: false },
  { row: 'countdownDone', state: 'countdown', sinceMs: NOW_MS - 3000, expectState: 'running' },
  { row: 'stopComplete', state: 'stopping', setpointKph: 0, measuredSpeedKph: 0.1, expectState: 'idle' },
  { row: 'directionDwellDone', state: 'idle', pendingDirection: 'backward', standstillMs: 2000, expectState: 'idle', expectDirection: 'backward', expectPending: null },
  // Events that must change nothing.
  { row: null, state: 'idle', key: false, expectState: 'idle' },
  { row: null, state: 'countdown', sinceMs: NOW_MS - 2999, expectState: 'countdown' },
  { row: null, state: 'stopping', setpointKph: 0.3, measuredSpeedKph: 0.1, expectState: 'stopping' },
  { row: null, state: 'stopping', setpointKph: 0, measuredSpeedKph: 0.5, expectState: 'stopping' },
  { row: null, state: 'idle', pendingDirection: 'backward', standstillMs: 1999, expectState: 'idle', expectDirection: 'forward', expectPending: 'backward' },
  { row: null, state: 'fault', fault: 'keyRemoved', expectState: 'fault', expectFault: 'keyRemoved' },
  { row: null, state: 'fault', fault: 'overspeed', detectedFault: 'stall', expectState: 'fault', expectFault: 'overspeed' },
  { row: null, state: 'running', command: 'speedUp', expectState: 'running' },
];

function setUp(testCase: Case): { context: SafetyContext; inputs: SafetyInputs } {
  const context = makeSafetyContext(0);
  context.state = testCase.state;
  context.stateSinceMs = testCase.sinceMs !== undefined ? testCase.sinceMs : NOW_MS - 100;
  context.direction = testCase.direction || 'forward';
  context.pendingDirection = testCase.pendingDirection || null;
  context.fault = testCase.fault || null;
  const inputs = makeSafetyInputs();
  inputs.nowMs = NOW_MS;
  inputs.keyPresent = testCase.key !== undefined ? testCase.key : true;
  inputs.standstillMs = testCase.standstillMs !== undefined ? testCase.standstillMs : 5000;
  inputs.measuredSpeedKph = testCase.measuredSpeedKph || 0;
  inputs.setpointKph = testCase.setpointKph || 0;
  inputs.detectedFault = testCase.detectedFault || null;
  inputs.command = testCase.command || null;
  inputs.source = testCase.source || 'local';
  inputs.remoteArmed = testCase.remoteArmed === true;
  inputs.requestedDirection = testCase.requestedDirection || null;
  inputs.countdownMs = 3000;
  inputs.directionDwellMs = 2000;
  return { context, inputs };
}

describe('safety transition table', () => {
  it('starts with the safety-key row, then detected faults', () => {
    assert.equal(transitionName(TRANSITIONS[0]), 'keyRemoved');
    assert.equal(transitionName(TRANSITIONS[1]), 'faultDetected');
  });

  it('has a unique name and a reason for every row', () => {
    assert.equal(TRANSITION_NAMES.length, TRANSITIONS.length, 'one name per row');
    const names = TRANSITIONS.map((row) => transitionName(row));
    assert.equal(new Set(names).size, names.length);
    TRANSITIONS.forEach((row) => assert.ok(row.why.length > 5, transitionName(row)));
  });

  it('has no row that leads from a state to itself (applyTransition takes every target as a change)', () => {
    const states: SafetyState[] = ['idle', 'countdown', 'running', 'stopping', 'freeBelt', 'fault'];
    TRANSITIONS.forEach((row) => {
      if (row.to === null) return;
      const from = states.filter((state) => (row.fromStates & STATE_BITS[state]) !== 0);
      assert.ok(from.length > 0, transitionName(row) + ' leaves no state');
      assert.ok(from.indexOf(row.to) < 0, transitionName(row) + ' leads from ' + row.to + ' to itself');
    });
  });

  it('has a test case for every row', () => {
    const covered = new Set(CASES.map((testCase) => testCase.row));
    TRANSITIONS.forEach((row) => assert.ok(covered.has(transitionName(row)), 'no case for row ' + transitionName(row)));
  });

  CASES.forEach((testCase) => {
    const label = (testCase.row || 'no row') + ': ' + testCase.state + (testCase.command ? ' + ' + testCase.command : '') + ' -> ' + testCase.expectState;
    it(label, () => {
      const setup = setUp(testCase);
      const row = findTransition(setup.context, setup.inputs);
      assert.equal(row ? transitionName(row) : null, testCase.row);
      if (row) {
        applyTransition(setup.context, row, setup.inputs);
        if (testCase.expectAccepted !== undefined) assert.equal(row.accepts, testCase.expectAccepted);
        assert.equal(setup.context.reason, row.why);
      }
      assert.equal(setup.context.state, testCase.expectState);
      if (testCase.expectFault !== undefined) assert.equal(setup.context.fault, testCase.expectFault);
      if (testCase.expectDirection !== undefined) assert.equal(setup.context.direction, testCase.expectDirection);
      if (testCase.expectPending !== undefined) assert.equal(setup.context.pendingDirection, testCase.expectPending);
      if (testCase.state !== testCase.expectState) assert.equal(setup.context.stateSinceMs, NOW_MS);
    });
  });
});

describe('tickNeedsTable: the control tick consults the table exactly when a row can match', () => {
  const STATES: SafetyState[] = ['idle', 'countdown', 'running', 'stopping', 'freeBelt', 'fault'];
  const FAULTS: FaultCode[] = ['keyRemoved', 'encoderLoss', 'overspeed', 'stall', 'lostEdges', 'wrongDirection', 'inclineRunaway', 'controlError'];
  const maybeDirection = fc.constantFrom<Direction | null>(null, 'forward', 'backward');
  const tickEvent = fc.record({
    state: fc.constantFrom(...STATES),
    sinceMs: fc.integer({ min: 0, max: 20000 }),
    direction: fc.constantFrom<Direction>('forward', 'backward'),
    pendingDirection: maybeDirection,
    fault: fc.constantFrom<FaultCode | null>(null, ...FAULTS),
    keyPresent: fc.boolean(),
    standstillMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
    measuredSpeedKph: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 20, noNaN: true })),
    setpointKph: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 20, noNaN: true })),
    detectedFault: fc.constantFrom<FaultCode | null>(null, null, null, ...FAULTS),
  });

  it('says yes for every tick some row matches, and no for every other (property, ticks only: no command)', () => {
    fc.assert(
      fc.property(tickEvent, (event) => {
        const context = makeSafetyContext(0);
        context.state = event.state;
        context.stateSinceMs = event.sinceMs;
        context.direction = event.direction;
        context.pendingDirection = event.pendingDirection;
        context.fault = event.state === 'fault' ? event.fault || 'stall' : null;
        const inputs = makeSafetyInputs();
        inputs.nowMs = 20000;
        inputs.keyPresent = event.keyPresent;
        inputs.standstillMs = event.standstillMs;
        inputs.measuredSpeedKph = event.measuredSpeedKph;
        inputs.setpointKph = event.setpointKph;
        inputs.detectedFault = event.detectedFault;
        inputs.countdownMs = 3000;
        inputs.directionDwellMs = 2000;
        assert.equal(tickNeedsTable(context, inputs), findTransition(context, inputs) !== null);
      }),
      { numRuns: 5000 },
    );
  });

  it('matches no row on a running tick with the key in and no fault found, whatever else the inputs hold (the tick does not fill them then; property)', () => {
    fc.assert(
      fc.property(tickEvent, (event) => {
        const context = makeSafetyContext(0);
        context.state = 'running';
        context.stateSinceMs = event.sinceMs;
        context.direction = event.direction;
        context.pendingDirection = event.pendingDirection;
        const inputs = makeSafetyInputs();
        inputs.nowMs = 20000;
        inputs.keyPresent = true;
        inputs.standstillMs = event.standstillMs;
        inputs.measuredSpeedKph = event.measuredSpeedKph;
        inputs.setpointKph = event.setpointKph;
        inputs.detectedFault = null;
        assert.equal(findTransition(context, inputs), null);
      }),
      { numRuns: 2000 },
    );
  });

  it('skips the table on an ordinary running tick, and not when the key is out or a fault is reported', () => {
    const context = makeSafetyContext(0);
    context.state = 'running';
    const inputs = makeSafetyInputs();
    inputs.keyPresent = true;
    assert.equal(tickNeedsTable(context, inputs), false);
    inputs.keyPresent = false;
    assert.equal(tickNeedsTable(context, inputs), true);
    inputs.keyPresent = true;
    inputs.detectedFault = 'overspeed';
    assert.equal(tickNeedsTable(context, inputs), true);
  });
});
