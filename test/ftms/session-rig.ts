// A test rig for the control point state machine: a plain treadmill view, writes by hex, the wiring's two steps in one call.

import { finishControlPointWrite, handleControlPointWrite, makeControlSession, type ControlSession, type FtmsCommand } from '../../firmware/ftms/control-session';
import type { FtmsLimits } from '../../firmware/ftms/ftms-limits';
import { MACHINE_STATUS_MAX_BYTES, nextMachineStatus } from '../../firmware/ftms/machine-status';
import type { FtmsTreadmillView } from '../../firmware/ftms/treadmill-view';
import { bytesFromHex, hexFromBytes } from '../../sim/ftms/hex-bytes';
import { FULL_LIMITS } from './limits-fixture';

export { FULL_LIMITS };

/** A treadmill at rest, key in, belt still, forward, target at the start speed. */
export function idleView(): FtmsTreadmillView {
  return { state: 'idle', direction: 'forward', pendingDirection: null, keyPresent: true, beltStill: true, targetSpeedKph: 0.8, setpointKph: 0, targetInclinePct: 0 };
}

/** A belt running forward at `speedKph` (target and setpoint). */
export function runningView(speedKph: number): FtmsTreadmillView {
  const view = idleView();
  view.state = 'running';
  view.beltStill = false;
  view.targetSpeedKph = speedKph;
  view.setpointKph = speedKph;
  return view;
}

export interface WriteOutcome {
  /** Response hex ('' when none). */
  response: string;
  command: FtmsCommand;
  speedKph: number;
  inclinePct: number;
}

export class SessionRig {
  readonly session: ControlSession;
  nowMs = 0;
  constructor(public view: FtmsTreadmillView, limits: FtmsLimits = FULL_LIMITS) {
    this.session = makeControlSession(limits, view, 0);
  }

  /**
   * One write from `clientId`; the treadmill answers `accepted` to any command, and `treadmillActs`
   * (when given) changes the view as the treadmill would have, before the session finishes.
   */
  write(hex: string, clientId = 1, accepted = true, treadmillActs?: (view: FtmsTreadmillView) => void): WriteOutcome {
    handleControlPointWrite(this.session, bytesFromHex(hex), clientId, this.view, this.nowMs);
    const command = this.session.command;
    if (treadmillActs !== undefined && command !== 'none') treadmillActs(this.view);
    const length = finishControlPointWrite(this.session, accepted, this.view);
    return { response: hexFromBytes(this.session.response, length), command, speedKph: this.session.commandSpeedKph, inclinePct: this.session.commandInclinePct };
  }

  /** Request control as `clientId`, expecting success. */
  control(clientId = 1): void {
    const outcome = this.write('00', clientId);
    if (outcome.response !== '800001') throw new Error(`request control answered ${outcome.response}`);
  }

  /** Every pending machine status, hex. */
  statuses(): string[] {
    const out = new Uint8Array(MACHINE_STATUS_MAX_BYTES);
    const list: string[] = [];
    for (let length = nextMachineStatus(this.session.status, this.view, out); length > 0; length = nextMachineStatus(this.session.status, this.view, out)) {
      list.push(hexFromBytes(out, length));
      if (list.length > 10) throw new Error('statuses never settle');
    }
    return list;
  }
}
