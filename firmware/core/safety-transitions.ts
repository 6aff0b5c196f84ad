// The safety state machine as an ordered, first-match transition table: pure, readable, testable.

import type { CommandName } from '../command';
import type { FaultCode } from '../fault-code';
import type { SafetyContext, SafetyInputs } from './safety-inputs';
import { ANY_STATE, COUNTDOWN, FAULT, FREE_BELT, IDLE, RUNNING, STATE_BITS, STOPPING, type SafetyState } from './safety-state';

/** What a row does besides changing state. */
export type TransitionEffect = 'none' | 'latchFault' | 'clearFault' | 'setPendingDirection' | 'switchDirection';

/** A row's condition on the event, beyond its states and command. Pure. */
export type TransitionGuard = (context: SafetyContext, inputs: SafetyInputs) => boolean;

/** A row's `command` that matches every event, with or without a command (the key and fault rows). */
export const ANY_EVENT = '*';

/**
 * One row. A row matches when the state is in `fromStates` (a set of STATE_BITS), the event
 * carries `onCommand` (null: a tick or key event, i.e. no command; ANY_EVENT: any event), and
 * `when` holds. The first matching row wins. `to` null keeps the state. `accepts` is the answer
 * given to a command. Why these field names: names only this table uses are shortened in a small
 * board's bundle, where each row's fields cost interpreter memory (command, reason and the like
 * are external names and keep theirs).
 */
export interface TransitionRow {
  fromStates: number;
  onCommand: CommandName | typeof ANY_EVENT | null;
  when: TransitionGuard;
  to: SafetyState | null;
  effect: TransitionEffect;
  /** Fault latched by a `latchFault` row; null takes the detected fault from the inputs. */
  latchesFault: FaultCode | null;
  accepts: boolean;
  /** The reason given for the row: the answer to a command and the state's reason. */
  why: string;
}

const ACTIVE = COUNTDOWN | RUNNING | STOPPING | FREE_BELT;
const NOT_FAULT = ANY_STATE & ~FAULT;

/** Below this measured speed with a zero setpoint, a stopping belt counts as stopped, km/h. */
export const STOPPED_SPEED_KPH = 0.2;

/*
 * The guards, each a named function shared by the rows that ask the same question. Why not a
 * closure per row: each function costs interpreter memory on a board, and a name says what the
 * row asks.
 */
function always(): boolean {
  return true;
}
function keyAbsent(_context: SafetyContext, inputs: SafetyInputs): boolean {
  return !inputs.keyPresent;
}
function faultReported(_context: SafetyContext, inputs: SafetyInputs): boolean {
  return inputs.detectedFault !== null;
}
function remoteSource(_context: SafetyContext, inputs: SafetyInputs): boolean {
  return inputs.source !== 'local';
}
/**
 * A remote start without a local arming in force. Why the table checks it and not only the FTMS
 * session: the table is the one place every start passes, so no other remote path can start the
 * belt on the strength of an arming that was meant for the control point.
 */
function remoteStartUnarmed(_context: SafetyContext, inputs: SafetyInputs): boolean {
  return inputs.source !== 'local' && !inputs.remoteArmed;
}
function beltMoving(_context: SafetyContext, inputs: SafetyInputs): boolean {
  return inputs.standstillMs <= 0;
}
function lostEdgesLatched(context: SafetyContext): boolean {
  return context.fault === 'lostEdges';
}
function commandGiven(_context: SafetyContext, inputs: SafetyInputs): boolean {
  return inputs.command !== null;
}
function directionPending(context: SafetyContext): boolean {
  return context.pendingDirection !== null;
}
function noDirectionPending(context: SafetyContext): boolean {
  return context.pendingDirection === null;
}
function directionAlreadySelected(context: SafetyContext, inputs: SafetyInputs): boolean {
  return inputs.requestedDirection === (context.pendingDirection !== null ? context.pendingDirection : context.direction);
}
/** The countdown has run its length (timed row: a tick checks it). */
export function countdownElapsed(context: SafetyContext, inputs: SafetyInputs): boolean {
  return inputs.nowMs - context.stateSinceMs >= inputs.countdownMs;
}
/** The stop ramp has reached zero and the belt measures (almost) still (timed row). */
export function beltStopped(_context: SafetyContext, inputs: SafetyInputs): boolean {
  return inputs.setpointKph <= 0 && inputs.measuredSpeedKph < STOPPED_SPEED_KPH;
}
/** A direction change waits for this: the belt has measured standstill for the dwell (timed row). */
export function dwellElapsed(context: SafetyContext, inputs: SafetyInputs): boolean {
  return context.pendingDirection !== null && inputs.standstillMs >= inputs.directionDwellMs;
}

/*
 * The strings the rows repeat, each held once: on the interpreter every string literal in a row
 * is a string of its own in memory, while rows that refer to one constant share it.
 */
const NONE: TransitionEffect = 'none';
const LATCH_FAULT: TransitionEffect = 'latchFault';
const SET_PENDING_DIRECTION: TransitionEffect = 'setPendingDirection';
const CLEAR_LATCHED_FAULT: TransitionEffect = 'clearFault';
const TO_IDLE: SafetyState = 'idle';
const TO_STOPPING: SafetyState = 'stopping';
const TO_FAULT: SafetyState = 'fault';
const CLEAR_FAULT: CommandName = 'clearFault';
const STOP: CommandName = 'stop';
const START: CommandName = 'start';
const SET_DIRECTION: CommandName = 'setDirection';
const FREE_BELT_COMMAND: CommandName = 'freeBelt';

function row(from: number, command: CommandName | null, when: TransitionGuard, to: SafetyState | null, effect: TransitionEffect, accepted: boolean, reason: string): TransitionRow {
  return { fromStates: from, onCommand: command, when: when, to: to, effect: effect, latchesFault: null, accepts: accepted, why: reason };
}

/**
 * The table, in priority order. Safety-key removal is always first; detected faults second;
 * a latched fault refuses everything but a local clear with the key in and the belt still.
 */
export const TRANSITIONS: TransitionRow[] = [
  // Why first: the key is the user's emergency stop; nothing may delay or override it.
  { fromStates: ACTIVE, onCommand: ANY_EVENT, when: keyAbsent, to: TO_FAULT, effect: LATCH_FAULT, latchesFault: 'keyRemoved', accepts: false, why: 'safety key removed: motor cut and latched' },
  { fromStates: NOT_FAULT, onCommand: ANY_EVENT, when: faultReported, to: TO_FAULT, effect: LATCH_FAULT, latchesFault: null, accepts: false, why: 'fault detected: motor cut and latched' },

  // A latched fault clears only by a deliberate local action with the key in and the belt still.
  row(FAULT, CLEAR_FAULT, remoteSource, null, NONE, false, 'a fault can only be cleared at the machine'),
  row(FAULT, CLEAR_FAULT, keyAbsent, null, NONE, false, 'insert the safety key to clear the fault'),
  // Lost edges stay lost (the device's overflow flag is sticky until reset): say so, do not pretend.
  row(FAULT, CLEAR_FAULT, lostEdgesLatched, null, NONE, false, 'belt sensor edges were lost: restart the treadmill to clear'),
  row(FAULT, CLEAR_FAULT, beltMoving, null, NONE, false, 'wait until the belt stands still to clear the fault'),
  row(FAULT, CLEAR_FAULT, always, TO_IDLE, CLEAR_LATCHED_FAULT, true, 'fault cleared at the machine: idle, press start to run'),
  { fromStates: FAULT, onCommand: ANY_EVENT, when: commandGiven, to: null, effect: NONE, latchesFault: null, accepts: false, why: 'fault latched: insert the key and hold Stop for 2 s (or send clearFault at the console) to clear it' },
  row(ANY_STATE, CLEAR_FAULT, always, null, NONE, true, 'no fault to clear'),

  row(COUNTDOWN, STOP, always, TO_IDLE, NONE, true, 'start cancelled'),
  row(RUNNING, STOP, always, TO_STOPPING, NONE, true, 'stop requested: ramping down'),
  row(FREE_BELT, STOP, always, TO_IDLE, NONE, true, 'free-belt mode ended'),
  row(IDLE | STOPPING, STOP, always, null, NONE, true, 'already stopped or stopping'),

  // Starting needs a deliberate local action: an app may not set the belt moving (EN 957-6) unless
  // a person armed it at the machine in this session, with the key in (remoteArmed).
  row(ANY_STATE, START, remoteStartUnarmed, null, NONE, false, 'remote start refused: start at the machine'),
  row(ANY_STATE, START, keyAbsent, null, NONE, false, 'insert the safety key to start'),
  row(IDLE | STOPPING, START, directionPending, null, NONE, false, 'direction change in progress: wait for the belt to stand still'),
  row(IDLE, START, beltMoving, null, NONE, false, 'wait until the belt stands still to start'),
  row(IDLE, START, always, 'countdown', NONE, true, 'start: countdown'),
  row(STOPPING, START, always, 'running', NONE, true, 'resumed'),
  row(FREE_BELT, START, always, null, NONE, false, 'stop free-belt mode first'),
  row(COUNTDOWN | RUNNING, START, always, null, NONE, true, 'already started'),

  // Direction changes only from standstill: stop first, then dwell, then an explicit start.
  row(ANY_STATE, SET_DIRECTION, directionAlreadySelected, null, NONE, true, 'direction already selected'),
  row(FREE_BELT, SET_DIRECTION, always, null, NONE, false, 'stop free-belt mode first'),
  row(RUNNING, SET_DIRECTION, always, TO_STOPPING, SET_PENDING_DIRECTION, true, 'direction change: stopping first, then press start'),
  row(COUNTDOWN, SET_DIRECTION, always, TO_IDLE, SET_PENDING_DIRECTION, true, 'direction change: start cancelled, press start after the switch'),
  row(IDLE | STOPPING, SET_DIRECTION, always, null, SET_PENDING_DIRECTION, true, 'direction change after the belt stands still'),

  // Free belt: the walker drives an unpowered belt; the key is still required.
  row(ANY_STATE, FREE_BELT_COMMAND, remoteSource, null, NONE, false, 'free-belt mode starts only at the machine'),
  row(ANY_STATE, FREE_BELT_COMMAND, keyAbsent, null, NONE, false, 'insert the safety key first'),
  row(IDLE, FREE_BELT_COMMAND, noDirectionPending, 'freeBelt', NONE, true, 'free-belt mode: motor free, the walker drives the belt'),
  row(ANY_STATE, FREE_BELT_COMMAND, always, null, NONE, false, 'stop the belt first'),

  // Timed rows, evaluated on control ticks (see tickNeedsTable).
  row(COUNTDOWN, null, countdownElapsed, 'running', NONE, true, 'countdown finished: belt starting'),
  row(STOPPING, null, beltStopped, TO_IDLE, NONE, true, 'belt stopped'),
  row(IDLE, null, dwellElapsed, null, 'switchDirection', true, 'direction switched at standstill: press start'),
];

/**
 * Each row's name, in table order: `TRANSITION_NAMES[i]` names `TRANSITIONS[i]` (the tests cite
 * rows by name, and check that every row has one, unique, and a case). Why beside the table and
 * not in each row: the firmware never reads a name, and in a small board's bundle, which leaves
 * out what it never reads, the names cost about a hundred interpreter variables.
 */
export const TRANSITION_NAMES: string[] = [
  'keyRemoved',
  'faultDetected',
  'clearFaultRemote',
  'clearFaultNoKey',
  'clearFaultLostEdges',
  'clearFaultMoving',
  'clearFault',
  'refuseInFault',
  'clearFaultNone',
  'stopCountdown',
  'stopRunning',
  'stopFreeBelt',
  'stopIdle',
  'startRemote',
  'startNoKey',
  'startDirectionPending',
  'startMoving',
  'start',
  'resume',
  'startFreeBelt',
  'startAgain',
  'directionSame',
  'directionFreeBelt',
  'directionWhileRunning',
  'directionInCountdown',
  'directionWhenStopped',
  'freeBeltRemote',
  'freeBeltNoKey',
  'freeBelt',
  'freeBeltBusy',
  'countdownDone',
  'stopComplete',
  'directionDwellDone',
];

/** The name of `row` (tests and tools; see TRANSITION_NAMES). */
export function transitionName(row: TransitionRow): string {
  return TRANSITION_NAMES[TRANSITIONS.indexOf(row)];
}

/** The first row that matches, or null when nothing changes. Pure; allocates nothing. */
export function findTransition(context: SafetyContext, inputs: SafetyInputs): TransitionRow | null {
  const stateBit = STATE_BITS[context.state];
  const command = inputs.command;
  for (let index = 0; index < TRANSITIONS.length; index++) {
    const candidate = TRANSITIONS[index];
    if ((candidate.fromStates & stateBit) !== 0 && (candidate.onCommand === command || candidate.onCommand === ANY_EVENT) && candidate.when(context, inputs)) return candidate;
  }
  return null;
}

/**
 * Whether a control tick (an event without a command) must consult the table: only when a row
 * could match. A tick can match only the key and fault rows and the timed rows of its state, so
 * this asks exactly their questions, and the tick skips the scan the rest of the time. Why:
 * on the interpreter the scan of every row on every tick cost about 40 % of the tick (issue 10);
 * the table stays the one place that decides. Property-tested against `findTransition`: whenever
 * this says no, no row matches. Pure.
 */
export function tickNeedsTable(context: SafetyContext, inputs: SafetyInputs): boolean {
  const state = context.state;
  if (state === 'fault') return false;
  if (inputs.detectedFault !== null) return true;
  if (state === 'idle') return dwellElapsed(context, inputs);
  // Every other state is active: the key row applies.
  if (!inputs.keyPresent) return true;
  if (state === 'countdown') return countdownElapsed(context, inputs);
  if (state === 'stopping') return beltStopped(context, inputs);
  return false;
}

/** Apply a row to the context in place (the only way the safety context changes). */
export function applyTransition(context: SafetyContext, transition: TransitionRow, inputs: SafetyInputs): void {
  // No row leads from a state to itself (test/firmware/safety-transitions.test.ts checks every row), so a `to` is a change.
  if (transition.to !== null) {
    context.state = transition.to;
    context.stateSinceMs = inputs.nowMs;
  }
  const effect = transition.effect;
  if (effect === 'latchFault') {
    context.fault = transition.latchesFault !== null ? transition.latchesFault : inputs.detectedFault;
    // A direction change in progress is abandoned: after a fault the user decides afresh.
    context.pendingDirection = null;
  } else if (effect === 'clearFault') {
    context.fault = null;
  } else if (effect === 'setPendingDirection') {
    context.pendingDirection = inputs.requestedDirection;
  } else if (effect === 'switchDirection') {
    if (context.pendingDirection !== null) context.direction = context.pendingDirection;
    context.pendingDirection = null;
  }
  context.reason = transition.why;
}
