// Clock from Espruino's getTime(): the same time base as setWatch edge timestamps.

import type { Clock } from '../clock';

/**
 * Milliseconds from `getTime()`, the clock that also stamps `setWatch` events, so edge times and
 * `nowMs` can be subtracted. It runs from boot and only `setTime` moves it: nothing in the
 * firmware calls `setTime`, and the Web IDE's "set current time on connect" option should be off
 * for a running treadmill (a jump forward looks like a long stall to the control loop, which
 * clamps its time step and fails safe).
 */
export class EspruinoClock implements Clock {
  nowMs(): number {
    return getTime() * 1000;
  }
}
