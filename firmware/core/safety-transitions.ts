// The safety state machine as an ordered, first-match transition table: pure, readable, testable.

import type { CommandName } from '../command';
import type { FaultCode } from '../fault-code';
import type { SafetyContext, SafetyInputs } from './safety-inputs';
import type { SafetyState } from './safety-state';

/** What a row does besides changing state. */
export type TransitionEffect = 'none' | 'latchFault' | 'clearFault' | 'setPendingDirection' | 'switchDirection';

/**
 * One row. A row matches when the state is in `from` (null: any state), the event carries
 * `command` (null: a tick or key event, i.e. no command), and `when` holds. The first matching
 * row wins. `to` null keeps the state. `accepted` is the answer given to a command.
 */
export interface TransitionRow {
  name: string;
  from: SafetyState[] | null;
  command: CommandName | null;
  /** For rows that match any command (refusals in fault): true. */
  anyCommand: boolean;
  when: (context: SafetyContext, inputs: SafetyInputs) => boolean;
  to: SafetyState | null;
  effect: TransitionEffect;
  /** Fault latched by a `latchFault` row; null takes the detected fault from the inputs. */
  fault: FaultCode | null;
  accepted: boolean;
  reason: string;
}

const ACTIVE: SafetyState[] = ['countdown', 'running', 'stopping', 'freeBelt'];
const NOT_FAULT: SafetyState[] = ['idle', 'countdown', 'running', 'stopping', 'freeBelt'];

/** Below this measured speed with a zero setpoint, a stopping belt counts as stopped, km/h. */
export const STOPPED_SPEED_KPH = 0.2;

function always(): boolean {
  return true;
}

function row(
  name: string,
  from: SafetyState[] | null,
  command: CommandName | null,
  when: (context: SafetyContext, inputs: SafetyInputs) => boolean,
  to: SafetyState | null,
  effect: TransitionEffect,
  accepted: boolean,
  reason: string,
): TransitionRow {
  return { name, from, command, anyCommand: false, when, to, effect, fault: null, accepted, reason };
}

function targetDirection(context: SafetyContext): string {
  return context.pendingDirection !== null ? context.pendingDirection : context.direction;
}

/**
 * The table, in priority order. Safety-key removal is always first; detected faults second;
 * a latched fault refuses everything but a local clear with the key in and the belt still.
 */
export const TRANSITIONS: TransitionRow[] = [
  // Why first: the key is the user's emergency stop; nothing may delay or override it.
  { name: 'keyRemoved', from: ACTIVE, command: null, anyCommand: true, when: (_context, i) => !i.keyPresent, to: 'fault', effect: 'latchFault', fault: 'keyRemoved', accepted: false, reason: 'safety key removed: motor cut and latched' },
  { name: 'faultDetected', from: NOT_FAULT, command: null, anyCommand: true, when: (_context, i) => i.detectedFault !== null, to: 'fault', effect: 'latchFault', fault: null, accepted: false, reason: 'fault detected: motor cut and latched' },

  // A latched fault clears only by a deliberate local action with the key in and the belt still.
  row('clearFaultRemote', ['fault'], 'clearFault', (_context, i) => i.source !== 'local', null, 'none', false, 'a fault can only be cleared at the machine'),
  row('clearFaultNoKey', ['fault'], 'clearFault', (_context, i) => !i.keyPresent, null, 'none', false, 'insert the safety key to clear the fault'),
  // Lost edges stay lost (the device's overflow flag is sticky until reset): say so, do not pretend.
  row('clearFaultLostEdges', ['fault'], 'clearFault', (context) => context.fault === 'lostEdges', null, 'none', false, 'belt sensor edges were lost: restart the treadmill to clear'),
  row('clearFaultMoving', ['fault'], 'clearFault', (_context, i) => i.standstillMs <= 0, null, 'none', false, 'wait until the belt stands still to clear the fault'),
  row('clearFault', ['fault'], 'clearFault', always, 'idle', 'clearFault', true, 'fault cleared at the machine: idle, press start to run'),
  { name: 'refuseInFault', from: ['fault'], command: null, anyCommand: true, when: (_context, i) => i.command !== null, to: null, effect: 'none', fault: null, accepted: false, reason: 'fault latched: clear it at the machine with the key inserted' },
  row('clearFaultNone', null, 'clearFault', always, null, 'none', true, 'no fault to clear'),

  row('stopCountdown', ['countdown'], 'stop', always, 'idle', 'none', true, 'start cancelled'),
  row('stopRunning', ['running'], 'stop', always, 'stopping', 'none', true, 'stop requested: ramping down'),
  row('stopFreeBelt', ['freeBelt'], 'stop', always, 'idle', 'none', true, 'free-belt mode ended'),
  row('stopIdle', ['idle', 'stopping'], 'stop', always, null, 'none', true, 'already stopped or stopping'),

  // Starting needs a deliberate local action: an app may not set the belt moving (EN 957-6).
  row('startRemote', null, 'start', (_context, i) => i.source !== 'local', null, 'none', false, 'remote start refused: start at the machine'),
  row('startNoKey', null, 'start', (_context, i) => !i.keyPresent, null, 'none', false, 'insert the safety key to start'),
  row('startDirectionPending', ['idle', 'stopping'], 'start', (context) => context.pendingDirection !== null, null, 'none', false, 'direction change in progress: wait for the belt to stand still'),
  row('startMoving', ['idle'], 'start', (_context, i) => i.standstillMs <= 0, null, 'none', false, 'wait until the belt stands still to start'),
  row('start', ['idle'], 'start', always, 'countdown', 'none', true, 'start: countdown'),
  row('resume', ['stopping'], 'start', always, 'running', 'none', true, 'resumed'),
  row('startFreeBelt', ['freeBelt'], 'start', always, null, 'none', false, 'stop free-belt mode first'),
  row('startAgain', ['countdown', 'running'], 'start', always, null, 'none', true, 'already started'),

  // Direction changes only from standstill: stop first, then dwell, then an explicit start.
  row('directionSame', null, 'setDirection', (context, i) => i.requestedDirection === targetDirection(context), null, 'none', true, 'direction already selected'),
  row('directionFreeBelt', ['freeBelt'], 'setDirection', always, null, 'none', false, 'stop free-belt mode first'),
  row('directionWhileRunning', ['running'], 'setDirection', always, 'stopping', 'setPendingDirection', true, 'direction change: stopping first, then press start'),
  row('directionInCountdown', ['countdown'], 'setDirection', always, 'idle', 'setPendingDirection', true, 'direction change: start cancelled, press start after the switch'),
  row('directionWhenStopped', ['idle', 'stopping'], 'setDirection', always, null, 'setPendingDirection', true, 'direction change after the belt stands still'),

  // Free belt: the walker drives an unpowered belt; the key is still required.
  row('freeBeltRemote', null, 'freeBelt', (_context, i) => i.source !== 'local', null, 'none', false, 'free-belt mode starts only at the machine'),
  row('freeBeltNoKey', null, 'freeBelt', (_context, i) => !i.keyPresent, null, 'none', false, 'insert the safety key first'),
  row('freeBelt', ['idle'], 'freeBelt', (context) => context.pendingDirection === null, 'freeBelt', 'none', true, 'free-belt mode: motor free, the walker drives the belt'),
  row('freeBeltBusy', null, 'freeBelt', always, null, 'none', false, 'stop the belt first'),

  // Timed rows, evaluated on control ticks.
  row('countdownDone', ['countdown'], null, (context, i) => i.nowMs - context.stateSinceMs >= i.countdownMs, 'running', 'none', true, 'countdown finished: belt starting'),
  row('stopComplete', ['stopping'], null, (_context, i) => i.setpointKph <= 0 && i.measuredSpeedKph < STOPPED_SPEED_KPH, 'idle', 'none', true, 'belt stopped'),
  row('directionDwellDone', ['idle'], null, (context, i) => context.pendingDirection !== null && i.standstillMs >= i.directionDwellMs, null, 'switchDirection', true, 'direction switched at standstill: press start'),
];

/** The first row that matches, or null when nothing changes. Pure; allocates nothing. */
export function findTransition(context: SafetyContext, inputs: SafetyInputs): TransitionRow | null {
  for (let index = 0; index < TRANSITIONS.length; index++) {
    const candidate = TRANSITIONS[index];
    if (candidate.from !== null && candidate.from.indexOf(context.state) < 0) continue;
    if (candidate.anyCommand) {
      // Rows that apply to every event, with or without a command.
    } else if (candidate.command !== inputs.command) {
      continue;
    }
    if (candidate.when(context, inputs)) return candidate;
  }
  return null;
}

/** Apply a row to the context in place (the only way the safety context changes). */
export function applyTransition(context: SafetyContext, transition: TransitionRow, inputs: SafetyInputs): void {
  if (transition.to !== null && transition.to !== context.state) {
    context.state = transition.to;
    context.stateSinceMs = inputs.nowMs;
  }
  switch (transition.effect) {
    case 'latchFault':
      context.fault = transition.fault !== null ? transition.fault : inputs.detectedFault;
      // A direction change in progress is abandoned: after a fault the user decides afresh.
      context.pendingDirection = null;
      break;
    case 'clearFault':
      context.fault = null;
      break;
    case 'setPendingDirection':
      context.pendingDirection = inputs.requestedDirection;
      break;
    case 'switchDirection':
      if (context.pendingDirection !== null) context.direction = context.pendingDirection;
      context.pendingDirection = null;
      break;
    default:
      break;
  }
  context.reason = transition.reason;
}
