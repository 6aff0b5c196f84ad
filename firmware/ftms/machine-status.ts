// Fitness Machine Status (0x2ADA): the encoders, and a tracker that reports every change once, whoever made it.

import { effectiveDirection, walkerInclinePct } from './ftms-limits';
import type { FtmsTreadmillView } from './treadmill-view';
import { signedRaw, unsignedRaw, writeUint16, writeUint8 } from './wire-values';

/** Status op codes (FTMS 4.17). */
export const STATUS_RESET = 0x01;
export const STATUS_STOPPED_OR_PAUSED_BY_USER = 0x02;
export const STATUS_STOPPED_BY_SAFETY_KEY = 0x03;
export const STATUS_STARTED_OR_RESUMED_BY_USER = 0x04;
export const STATUS_TARGET_SPEED_CHANGED = 0x05;
export const STATUS_TARGET_INCLINE_CHANGED = 0x06;
export const STATUS_CONTROL_PERMISSION_LOST = 0xff;

/** Control information of a stop (also the Stop or Pause op's parameter). */
export const CONTROL_STOP = 0x01;
export const CONTROL_PAUSE = 0x02;

/** The longest status value, bytes. */
export const MACHINE_STATUS_MAX_BYTES = 3;

/** Writes a status without parameter (reset, stopped by safety key, started, control permission lost); returns 1. */
export function encodePlainStatus(opCode: number, out: Uint8Array): number {
  return writeUint8(out, 0, opCode);
}

/** Writes "stopped or paused by the user" with CONTROL_STOP or CONTROL_PAUSE; returns 2. */
export function encodeStoppedOrPaused(controlInformation: number, out: Uint8Array): number {
  return writeUint8(out, writeUint8(out, 0, STATUS_STOPPED_OR_PAUSED_BY_USER), controlInformation);
}

/** Writes "target speed changed" (uint16, 0.01 km/h); returns 3. */
export function encodeTargetSpeedChanged(targetSpeedKph: number, out: Uint8Array): number {
  return writeUint16(out, writeUint8(out, 0, STATUS_TARGET_SPEED_CHANGED), unsignedRaw(targetSpeedKph, 100, 0xffff));
}

/** Writes "target incline changed" (sint16, 0.1 %, the walker's inclination); returns 3. */
export function encodeTargetInclineChanged(targetInclinePct: number, out: Uint8Array): number {
  return writeUint16(out, writeUint8(out, 0, STATUS_TARGET_INCLINE_CHANGED), signedRaw(targetInclinePct, 10, -0x8000, 0x7fff));
}

/**
 * What was last reported. Why a tracker that compares snapshots instead of events from each
 * command path: a change made at the console, by a program, by the app or by a fault is then
 * reported the same way and exactly once, and nothing that changes the treadmill needs to
 * remember to tell FTMS. Targets are compared as wire integers, so rounding noise reports nothing.
 */
export interface MachineStatusTracker {
  /** The belt was counting down or running (stopping counts as stopped: the stop is under way). */
  moving: boolean;
  keyPresent: boolean;
  targetSpeedRaw: number;
  /** The walker's target inclination, 0.1 %. */
  targetInclineRaw: number;
  /** A Reset op succeeded: report it first. */
  resetPending: boolean;
  /** The next stop was asked as a pause (the control point's Pause): report it as paused. */
  nextStopIsPause: boolean;
}

/** Whether the belt counts as moving for the start and stop reports. */
function isMoving(view: FtmsTreadmillView): boolean {
  return view.state === 'countdown' || view.state === 'running';
}

function targetSpeedRaw(view: FtmsTreadmillView): number {
  return unsignedRaw(view.targetSpeedKph, 100, 0xffff);
}

function targetInclineRaw(view: FtmsTreadmillView): number {
  return signedRaw(walkerInclinePct(view.targetInclinePct, effectiveDirection(view.direction, view.pendingDirection)), 10, -0x8000, 0x7fff);
}

/** A tracker that has seen `view`: a client connecting learns the state from reads, not from a burst of statuses. */
export function makeMachineStatusTracker(view: FtmsTreadmillView): MachineStatusTracker {
  return {
    moving: isMoving(view),
    keyPresent: view.keyPresent,
    targetSpeedRaw: targetSpeedRaw(view),
    targetInclineRaw: targetInclineRaw(view),
    resetPending: false,
    nextStopIsPause: false,
  };
}

/**
 * Writes the next status the change from the last report to `view` calls for into `out` (at
 * least MACHINE_STATUS_MAX_BYTES) and records it as reported; returns its length, 0 when nothing
 * changed. Call it until it returns 0 after anything that may change the treadmill (a command,
 * a key edge, a status update). Order: reset, key pulled (before the stop it causes: a key pull
 * is reported as "stopped by safety key" alone), stopped or paused, started or resumed, target
 * speed, target incline. A fault other than the key is reported as stopped: FTMS has no fault
 * status. Allocates nothing.
 */
export function nextMachineStatus(tracker: MachineStatusTracker, view: FtmsTreadmillView, out: Uint8Array): number {
  if (tracker.resetPending) {
    tracker.resetPending = false;
    return encodePlainStatus(STATUS_RESET, out);
  }
  if (tracker.keyPresent !== view.keyPresent) {
    tracker.keyPresent = view.keyPresent;
    if (!view.keyPresent) {
      tracker.moving = false;
      tracker.nextStopIsPause = false;
      return encodePlainStatus(STATUS_STOPPED_BY_SAFETY_KEY, out);
    }
  }
  const moving = isMoving(view);
  if (tracker.moving !== moving) {
    tracker.moving = moving;
    const pause = tracker.nextStopIsPause;
    tracker.nextStopIsPause = false;
    if (moving) return encodePlainStatus(STATUS_STARTED_OR_RESUMED_BY_USER, out);
    return encodeStoppedOrPaused(pause ? CONTROL_PAUSE : CONTROL_STOP, out);
  }
  const speedRaw = targetSpeedRaw(view);
  if (tracker.targetSpeedRaw !== speedRaw) {
    tracker.targetSpeedRaw = speedRaw;
    return encodeTargetSpeedChanged(speedRaw / 100, out);
  }
  const inclineRaw = targetInclineRaw(view);
  if (tracker.targetInclineRaw !== inclineRaw) {
    tracker.targetInclineRaw = inclineRaw;
    return encodeTargetInclineChanged(inclineRaw / 10, out);
  }
  return 0;
}
