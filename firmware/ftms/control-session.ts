// The control point's state machine: who holds control, what each write may do to the belt, and the console's safety rules over Bluetooth.

import type { CommandName, Direction } from '../command';
import {
  decodeControlPointRequest,
  encodeControlPointResponse,
  makeControlPointRequest,
  OP_REQUEST_CONTROL,
  OP_RESET,
  OP_SET_TARGET_INCLINATION,
  OP_SET_TARGET_SPEED,
  OP_START_OR_RESUME,
  OP_STOP_OR_PAUSE,
  RESPONSE_BYTES,
  RESULT_CONTROL_NOT_PERMITTED,
  RESULT_INVALID_PARAMETER,
  RESULT_OP_CODE_NOT_SUPPORTED,
  RESULT_OPERATION_FAILED,
  RESULT_SUCCESS,
  type ControlPointRequest,
} from './control-point';
import { CONTROL_PAUSE, makeMachineStatusTracker, type MachineStatusTracker } from './machine-status';
import { deckInclinePct, effectiveDirection, maxDeckInclinePctFor, maxSpeedKphFor, type FtmsLimits } from './ftms-limits';
import type { FtmsTreadmillView } from './treadmill-view';
import { scaledRound } from './wire-values';

/** No client holds control. */
export const NO_CLIENT = -1;

/**
 * After a change of the target speed at the console, a control point write that would raise the
 * target is refused for this long, ms. Why: the app learns of the console's change from the
 * status notification and the next Treadmill Data (within a second) plus a write's round trip; a
 * raise arriving before that was chosen without seeing it (a stale write, or a bridge re-sending
 * its last speed) and would undo the user's slow-down. A raise after the window is deliberate.
 */
export const STALE_WRITE_WINDOW_MS = 2000;

/**
 * Local arming lapses when the belt has stood idle this long, ms. Why: arming stands for "the
 * walker is at the machine"; a break between intervals is minutes, a belt idle for longer may
 * have been left, and a remote start must not surprise whoever is next to it.
 */
export const ARMING_IDLE_LIMIT_MS = 300000;

/** What the wiring must ask the treadmill for (as a remote command); 'none' asks nothing. */
export type FtmsCommand = 'none' | 'start' | 'stop' | 'setSpeed' | 'setIncline';

/**
 * The control point's state and its latest decision, one object for the firmware's life.
 *
 * Local arming: a Start/Resume from a client is accepted only while the session is armed. A start
 * made at the machine (button or wired console: start, resume, start program) with the key in
 * arms it, for the direction the belt runs in. It is disarmed by a stop, pause, direction change
 * or free-belt mode at the machine, by a key pull or any fault, by a Reset, by a direction other
 * than the armed one, and by ARMING_IDLE_LIMIT_MS with the belt idle; it never survives a reboot
 * (the firmware starts disarmed). Why: a moving belt must always be the result of a person
 * choosing, at the machine, to walk on it now (the safety table refuses every remote start for
 * that reason). A local start proves a person is there and chose this session; the key proves
 * the pull-cord is in; the console stop rule keeps an app from restarting a belt the user has
 * just stopped (bridges send Start on every change). An app may then pause and resume an
 * interval session the walker started, which is what FTMS workouts need, and the treadmill still
 * runs its countdown for a remote start.
 */
export interface ControlSession {
  readonly limits: FtmsLimits;
  /** The client holding control, or NO_CLIENT. */
  controllingClientId: number;
  armed: boolean;
  /** The direction the local start that armed the session was made in. */
  armedDirection: Direction;
  /** Last time the belt was seen other than idle (or armed), ms. */
  lastActiveAtMs: number;
  /** Last change of the target speed at the machine, ms. */
  consoleSpeedChangeAtMs: number;
  /** A countdown under way was started by a client (a disconnect cancels it). */
  countdownByClient: boolean;
  /** The last target speed the control point set, 0.01 km/h, or -1. */
  clientSpeedRaw: number;
  /** Status reports (statuses caused by the control point are flagged through it). */
  readonly status: MachineStatusTracker;
  /** The write being answered (reused). */
  readonly request: ControlPointRequest;
  /** Op code being answered, or -1 when there is no response to send (an empty write, a disconnect). */
  requestOpCode: number;
  /** The result if the treadmill accepts `command` (a refusal turns it into operation failed). */
  resultCode: number;
  command: FtmsCommand;
  /** For setSpeed: km/h, on the increment. */
  commandSpeedKph: number;
  /** For setIncline: deck grade, percent, on the increment. */
  commandInclinePct: number;
  /** For stop: the client asked to pause. */
  commandIsPause: boolean;
  /** The response indication, written by finishControlPointWrite. */
  readonly response: Uint8Array;
}

/** A session that has seen `view` at `nowMs`: nobody in control, disarmed. Made once at boot. */
export function makeControlSession(limits: FtmsLimits, view: FtmsTreadmillView, nowMs: number): ControlSession {
  return {
    limits: limits,
    controllingClientId: NO_CLIENT,
    armed: false,
    armedDirection: view.direction,
    lastActiveAtMs: nowMs,
    consoleSpeedChangeAtMs: nowMs - STALE_WRITE_WINDOW_MS,
    countdownByClient: false,
    clientSpeedRaw: -1,
    status: makeMachineStatusTracker(view),
    request: makeControlPointRequest(),
    requestOpCode: -1,
    resultCode: RESULT_SUCCESS,
    command: 'none',
    commandSpeedKph: 0,
    commandInclinePct: 0,
    commandIsPause: false,
    response: new Uint8Array(RESPONSE_BYTES),
  };
}

function disarm(session: ControlSession): void {
  session.armed = false;
  session.countdownByClient = false;
}

/**
 * Brings the session up to date with the treadmill: disarms on a key pull, a fault, a direction
 * other than the armed one, or a long idle. Call it on every status update (at least once a
 * second) and after every command; the control point calls it itself before deciding.
 */
export function observeTreadmill(session: ControlSession, view: FtmsTreadmillView, nowMs: number): void {
  if (!view.keyPresent || view.state === 'fault') disarm(session);
  if (session.armed && effectiveDirection(view.direction, view.pendingDirection) !== session.armedDirection) disarm(session);
  if (view.state !== 'idle') session.lastActiveAtMs = nowMs;
  else if (session.armed && nowMs - session.lastActiveAtMs > ARMING_IDLE_LIMIT_MS) disarm(session);
  if (view.state !== 'countdown') session.countdownByClient = false;
}

/**
 * Tells the session about a command made at the machine (buttons, wired console) and whether the
 * treadmill accepted it, with the view after it. The wiring calls it for every local command.
 */
export function onLocalCommand(session: ControlSession, name: CommandName, accepted: boolean, view: FtmsTreadmillView, nowMs: number): void {
  if (!accepted) return;
  if (name === 'start' || name === 'resume' || name === 'startProgram') {
    if (!view.keyPresent) return;
    session.armed = true;
    session.armedDirection = effectiveDirection(view.direction, view.pendingDirection);
    session.lastActiveAtMs = nowMs;
    session.countdownByClient = false;
  } else if (name === 'stop' || name === 'pause' || name === 'setDirection' || name === 'freeBelt') {
    disarm(session);
  } else if (name === 'setSpeed' || name === 'speedUp' || name === 'speedDown' || name === 'slowDown') {
    session.consoleSpeedChangeAtMs = nowMs;
  }
}

function answer(session: ControlSession, resultCode: number): void {
  session.resultCode = resultCode;
  session.command = 'none';
}

function ask(session: ControlSession, command: FtmsCommand): void {
  session.resultCode = RESULT_SUCCESS;
  session.command = command;
}

/** Whether the belt is driven or about to be (the states a Stop acts on). */
function stoppable(view: FtmsTreadmillView): boolean {
  return view.state === 'countdown' || view.state === 'running' || view.state === 'stopping' || view.state === 'freeBelt';
}

/** Increment in wire units (at least 1), from a published increment and the field's scale. */
function incrementRaw(increment: number, scale: number): number {
  const raw = scaledRound(increment, scale);
  return raw < 1 ? 1 : raw;
}

/** `raw` rounded to the nearest multiple of `stepRaw`, half away from zero. */
function roundToStep(raw: number, stepRaw: number): number {
  return raw < 0 ? -Math.round(-raw / stepRaw) * stepRaw : Math.round(raw / stepRaw) * stepRaw;
}

function decideStopOrPause(session: ControlSession, request: ControlPointRequest, view: FtmsTreadmillView): void {
  // Stop and Pause are honoured from any client, in control or not, and even malformed: stopping
  // is always safe, and a stop refused on a protocol technicality is the worse failure.
  const malformed = !request.parameterValid;
  if (!stoppable(view)) {
    answer(session, malformed ? RESULT_INVALID_PARAMETER : RESULT_OPERATION_FAILED);
    return;
  }
  ask(session, 'stop');
  // Reported as a pause only when this stop is what stops the belt: a pause during a stop ramp
  // must not relabel some later stop.
  session.commandIsPause = request.controlInformation === CONTROL_PAUSE && (view.state === 'countdown' || view.state === 'running');
  if (malformed) session.resultCode = RESULT_INVALID_PARAMETER;
}

function decideStart(session: ControlSession, view: FtmsTreadmillView): void {
  if (view.state === 'countdown' || view.state === 'running' || view.state === 'freeBelt') {
    answer(session, RESULT_OPERATION_FAILED);
  } else if (!view.keyPresent || view.state === 'fault' || !session.armed) {
    // Needs the machine: insert the key and start there (or clear the fault there).
    answer(session, RESULT_CONTROL_NOT_PERMITTED);
  } else if (view.pendingDirection !== null || (view.state === 'idle' && !view.beltStill)) {
    // The treadmill would refuse too: a direction change or a coasting belt must finish first.
    answer(session, RESULT_OPERATION_FAILED);
  } else {
    ask(session, 'start');
  }
}

function decideTargetSpeed(session: ControlSession, request: ControlPointRequest, view: FtmsTreadmillView, nowMs: number): void {
  const limits = session.limits;
  if (!request.parameterValid) return answer(session, RESULT_INVALID_PARAMETER);
  const speedRaw = roundToStep(request.targetSpeedRaw, incrementRaw(limits.speedIncrementKph, 100));
  const direction = effectiveDirection(view.direction, view.pendingDirection);
  // Outside the range is refused, never clamped: the app must learn its target was not applied.
  if (speedRaw < scaledRound(limits.minSpeedKph, 100) || speedRaw > scaledRound(maxSpeedKphFor(limits, direction), 100)) {
    return answer(session, RESULT_INVALID_PARAMETER);
  }
  if (view.state === 'fault' || view.state === 'freeBelt') return answer(session, RESULT_OPERATION_FAILED);
  const currentRaw = scaledRound(view.targetSpeedKph, 100);
  // The same target again changes nothing: a repeated write never moves the speed twice.
  if (speedRaw === currentRaw) return answer(session, RESULT_SUCCESS);
  if (speedRaw > currentRaw && nowMs - session.consoleSpeedChangeAtMs < STALE_WRITE_WINDOW_MS) {
    return answer(session, RESULT_OPERATION_FAILED);
  }
  ask(session, 'setSpeed');
  session.commandSpeedKph = speedRaw / 100;
}

function decideTargetInclination(session: ControlSession, request: ControlPointRequest, view: FtmsTreadmillView): void {
  const limits = session.limits;
  if (!request.parameterValid) return answer(session, RESULT_INVALID_PARAMETER);
  const walkerRaw = roundToStep(request.targetInclinationRaw, incrementRaw(limits.inclineIncrementPct, 10));
  const direction = effectiveDirection(view.direction, view.pendingDirection);
  const deckRaw = deckInclinePct(walkerRaw, direction);
  if (deckRaw < 0 || deckRaw > scaledRound(maxDeckInclinePctFor(limits, direction), 10)) return answer(session, RESULT_INVALID_PARAMETER);
  if (view.state === 'fault' || view.state === 'freeBelt') return answer(session, RESULT_OPERATION_FAILED);
  if (deckRaw === scaledRound(view.targetInclinePct, 10)) return answer(session, RESULT_SUCCESS);
  ask(session, 'setIncline');
  session.commandInclinePct = deckRaw / 10;
}

/**
 * Decides what the write `bytes` from `clientId` asks of the treadmill, given `view` at `nowMs`:
 * sets `command` (and its parameter) and the provisional `resultCode`. The wiring then sends the
 * command to the treadmill as a remote command when it is not 'none', and calls
 * finishControlPointWrite with whether it was accepted. Never throws, allocates nothing.
 *
 * Rules, in order: an empty write gets no answer; an op the machine does not support gets "op
 * code not supported" (inclination without an incline, and every op beyond the six here); Stop
 * or Pause acts from anyone (decideStopOrPause); Request Control is granted when nobody else
 * holds it; every other op needs control ("control not permitted"); a malformed parameter is an
 * "invalid parameter"; targets are rounded to the published increment and refused (never
 * clamped) outside the current direction's range.
 */
export function handleControlPointWrite(session: ControlSession, bytes: Uint8Array, clientId: number, view: FtmsTreadmillView, nowMs: number): void {
  observeTreadmill(session, view, nowMs);
  session.command = 'none';
  session.commandIsPause = false;
  const request = session.request;
  if (!decodeControlPointRequest(bytes, request)) {
    session.requestOpCode = -1;
    return;
  }
  const opCode = request.opCode;
  session.requestOpCode = opCode;
  if (!request.known || (opCode === OP_SET_TARGET_INCLINATION && !session.limits.hasIncline)) return answer(session, RESULT_OP_CODE_NOT_SUPPORTED);
  if (opCode === OP_STOP_OR_PAUSE) return decideStopOrPause(session, request, view);
  if (opCode === OP_REQUEST_CONTROL) {
    if (!request.parameterValid) return answer(session, RESULT_INVALID_PARAMETER);
    if (session.controllingClientId !== NO_CLIENT && session.controllingClientId !== clientId) return answer(session, RESULT_CONTROL_NOT_PERMITTED);
    session.controllingClientId = clientId;
    return answer(session, RESULT_SUCCESS);
  }
  if (session.controllingClientId !== clientId) return answer(session, RESULT_CONTROL_NOT_PERMITTED);
  if (!request.parameterValid) return answer(session, RESULT_INVALID_PARAMETER);
  if (opCode === OP_START_OR_RESUME) return decideStart(session, view);
  if (opCode === OP_SET_TARGET_SPEED) return decideTargetSpeed(session, request, view, nowMs);
  if (opCode === OP_SET_TARGET_INCLINATION) return decideTargetInclination(session, request, view);
  // OP_RESET: targets keep their values (the belt is stopped rather than re-targeted), control
  // is released and arming lapses: a reset client starts over.
  if (opCode === OP_RESET) {
    if (stoppable(view)) ask(session, 'stop');
    else answer(session, RESULT_SUCCESS);
  }
}

/**
 * Completes the decision of handleControlPointWrite (or onClientDisconnected): `accepted` is the
 * treadmill's answer to `command` (ignored when it was 'none'). Writes the response into
 * `session.response` and returns its length: 3, or 0 when there is nothing to answer. A command
 * the treadmill refused turns into "operation failed"; only an accepted command has effects here.
 */
export function finishControlPointWrite(session: ControlSession, accepted: boolean, view: FtmsTreadmillView): number {
  const commanded = session.command !== 'none';
  if (commanded && !accepted) session.resultCode = RESULT_OPERATION_FAILED;
  const succeeded = session.resultCode === RESULT_SUCCESS || (commanded && accepted);
  if (commanded && accepted) {
    if (session.command === 'start' && view.state === 'countdown') session.countdownByClient = true;
    if (session.command === 'setSpeed') session.clientSpeedRaw = scaledRound(session.commandSpeedKph, 100);
    if (session.command === 'stop' && session.commandIsPause) session.status.nextStopIsPause = true;
  }
  if (session.requestOpCode === OP_RESET && succeeded) {
    session.controllingClientId = NO_CLIENT;
    session.clientSpeedRaw = -1;
    disarm(session);
    session.status.resetPending = true;
  }
  if (session.requestOpCode < 0) return 0;
  return encodeControlPointResponse(session.requestOpCode, session.resultCode, session.response);
}

/**
 * A client disconnected: it loses control, and the belt must not speed up for a client that is
 * gone. Sets `command` for the wiring (then finishControlPointWrite, which answers nothing): a
 * countdown the client started is stopped; a belt still ramping up to the client's target is held
 * at the speed it has reached (on the increment, at least the minimum). Otherwise the belt runs
 * on as it is: the walker is on it with the console, and stopping under them is not safer.
 */
export function onClientDisconnected(session: ControlSession, clientId: number, view: FtmsTreadmillView, nowMs: number): void {
  observeTreadmill(session, view, nowMs);
  session.requestOpCode = -1;
  session.command = 'none';
  session.commandIsPause = false;
  if (clientId !== session.controllingClientId) return;
  session.controllingClientId = NO_CLIENT;
  if (view.state === 'countdown' && session.countdownByClient) {
    ask(session, 'stop');
    return;
  }
  const targetRaw = scaledRound(view.targetSpeedKph, 100);
  if (view.state !== 'running' || targetRaw !== session.clientSpeedRaw) return;
  const stepRaw = incrementRaw(session.limits.speedIncrementKph, 100);
  const minRaw = scaledRound(session.limits.minSpeedKph, 100);
  let holdRaw = Math.floor(scaledRound(view.setpointKph, 100) / stepRaw) * stepRaw;
  if (holdRaw < minRaw) holdRaw = minRaw;
  if (holdRaw >= targetRaw) return;
  ask(session, 'setSpeed');
  session.commandSpeedKph = holdRaw / 100;
}
