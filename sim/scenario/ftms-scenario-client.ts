// The scenario runner as an FTMS app: connects, writes the control point, judges each answer, and hands on every value for the FTMS log.

import type { FtmsCharacteristic } from '../../hal/ftms-link';
import { decodeControlPointResponse, resultName } from '../ftms/control-point-client';
import { hexFromBytes } from '../ftms/hex-bytes';
import type { SimFtmsEvent, SimFtmsLink } from '../ports/sim-ftms-link';
import type { ScenarioAction } from './scenario-types';
import type { SimSession } from './sim-session';

/** The characteristic names of the FTMS log, as ../shared/ftms-vectors.json names them: the control point's two directions apart. */
export type FtmsLogCharacteristic = Exclude<FtmsCharacteristic, 'controlPoint'> | 'controlPointRequest' | 'controlPointResponse';

export const FTMS_LOG_CHARACTERISTICS: FtmsLogCharacteristic[] = [
  'feature',
  'treadmillData',
  'speedRange',
  'inclineRange',
  'trainingStatus',
  'machineStatus',
  'controlPointRequest',
  'controlPointResponse',
];

/** Called for every value of the log: scenario time in seconds, the characteristic, the bytes as lowercase hex. */
export type OnFtmsValue = (timeS: number, characteristic: FtmsLogCharacteristic, hex: string) => void;

/** A write waiting for its answer, with the link it went to (a reset drops it unanswered). */
interface PendingWrite {
  action: ScenarioAction;
  link: SimFtmsLink;
}

function formatSeconds(timeMs: number): string {
  return (timeMs / 1000).toFixed(timeMs % 10 === 0 ? 2 : 3) + ' s';
}

/** The step in words, e.g. `ftms setSpeed 3 km/h (client 1)`. */
export function describeFtmsAction(action: ScenarioAction): string {
  let text = 'ftms ' + action.ftmsAction;
  if (action.ftmsAction === 'setSpeed' || action.ftmsAction === 'setIncline') {
    // The value as it goes on the wire, read back in the user's terms.
    const raw = action.ftmsRequest[1] + action.ftmsRequest[2] * 256;
    text += action.ftmsAction === 'setSpeed' ? ' ' + raw / 100 + ' km/h' : ' ' + (raw >= 32768 ? raw - 65536 : raw) / 10 + ' %';
  }
  if (action.ftmsRequest.length > 0) text += ' [' + hexFromBytes(new Uint8Array(action.ftmsRequest)) + ']';
  return text + ' (client ' + action.ftmsClientId + ')';
}

/**
 * One scenario's apps. `apply` plays an `ftms` step now; `collect` (after the simulation ran)
 * takes what the link recorded: the log's values, and each write's answer, judged against the
 * step's `expectResult` (success when it says none); `finish` fails the writes never answered.
 * Problems go to `failures` as one line each.
 */
export class FtmsScenarioClient {
  /** Writes made and how many were answered with a result other than success. */
  writes = 0;
  writesNotSuccessful = 0;
  private readonly failures: string[];
  private readonly onValue: OnFtmsValue | undefined;
  private readonly onEvent: ((timeS: number, text: string) => void) | undefined;
  private readonly pending: PendingWrite[] = [];
  /** The link each client is connected on, by client id (connections end with the link's firmware). */
  private readonly connections: { [clientId: string]: SimFtmsLink | undefined } = {};
  /** The last value set per characteristic, so a value set and notified in one event is logged once. */
  private readonly lastSet: { [characteristic: string]: { atMs: number; hex: string } | undefined } = {};

  constructor(failures: string[], onValue?: OnFtmsValue, onEvent?: (timeS: number, text: string) => void) {
    this.failures = failures;
    this.onValue = onValue;
    this.onEvent = onEvent;
  }

  /** Play `action` on `session` at scenario time `timeMs`. */
  apply(action: ScenarioAction, session: SimSession, timeMs: number): void {
    const where = 'steps[' + action.index + '] ' + describeFtmsAction(action) + ' at ' + formatSeconds(timeMs) + ': ';
    const link = session.ftmsLink;
    const key = String(action.ftmsClientId);
    if (link === null) {
      this.failures.push(where + 'no Bluetooth: the firmware is not running (power off, hung, or its boot failed)');
      return;
    }
    const connectedHere = this.connections[key] === link;
    if (action.ftmsAction === 'connect') {
      if (connectedHere) this.failures.push(where + 'client ' + key + ' is already connected');
      else {
        this.connections[key] = link;
        link.connect(action.ftmsClientId);
      }
      return;
    }
    if (!connectedHere) {
      const lost = this.connections[key] !== undefined ? ' (its connection ended with a reset or power loss)' : '';
      this.failures.push(where + 'client ' + key + ' is not connected' + lost + '; connect it first: {"ftms": "connect"}');
      return;
    }
    if (action.ftmsAction === 'disconnect') {
      this.connections[key] = undefined;
      link.disconnect(action.ftmsClientId);
      return;
    }
    this.writes++;
    this.pending.push({ action, link });
    link.write(action.ftmsClientId, new Uint8Array(action.ftmsRequest));
  }

  /** Take what the session's links recorded since the last call: log it, and judge the answers. */
  collect(session: SimSession): void {
    session.takeFtmsEvents((timeMs, event) => this.take(timeMs, event));
    // A write to a link whose firmware is gone (power loss, watchdog reset) gets no answer any more.
    const current = session.ftmsLink;
    for (let index = 0; index < this.pending.length; ) {
      if (this.pending[index].link !== current) {
        this.unanswered(this.pending[index].action, 'the firmware was reset before it answered');
        this.pending.splice(index, 1);
      } else index++;
    }
  }

  /** The end of the run: a write still waiting was never answered. */
  finish(session: SimSession): void {
    this.collect(session);
    this.pending.forEach((write) => this.unanswered(write.action, 'the run ended before it'));
    this.pending.length = 0;
  }

  private unanswered(action: ScenarioAction, why: string): void {
    this.failures.push('steps[' + action.index + '] ' + describeFtmsAction(action) + ' at ' + formatSeconds(action.atMs) + ': no answer on the control point (' + why + ')');
  }

  private take(timeMs: number, event: SimFtmsEvent): void {
    const hex = hexFromBytes(event.bytes);
    let characteristic: FtmsLogCharacteristic;
    if (event.characteristic === 'controlPoint') characteristic = event.kind === 'write' ? 'controlPointRequest' : 'controlPointResponse';
    else characteristic = event.characteristic;
    if (event.kind === 'set') this.lastSet[characteristic] = { atMs: event.atMs, hex };
    const set = this.lastSet[characteristic];
    const alreadyLogged = event.kind === 'send' && set !== undefined && set.atMs === event.atMs && set.hex === hex;
    if (this.onValue && !alreadyLogged) this.onValue(timeMs / 1000, characteristic, hex);
    if (characteristic === 'controlPointResponse') this.judge(timeMs, event.bytes, hex);
  }

  /** The answer to the oldest write waiting: the op code it names and the result the step expects. */
  private judge(timeMs: number, bytes: Uint8Array, hex: string): void {
    const write = this.pending.shift();
    if (write === undefined) {
      this.failures.push('an answer on the control point at ' + formatSeconds(timeMs) + ' that no write asked for: ' + hex);
      return;
    }
    const action = write.action;
    const where = 'steps[' + action.index + '] ' + describeFtmsAction(action) + ' at ' + formatSeconds(action.atMs) + ': ';
    const noteText = action.note ? ' ("' + action.note + '")' : '';
    let result: string;
    try {
      const response = decodeControlPointResponse(bytes);
      if (response.requestOpCode !== action.ftmsRequest[0]) {
        this.failures.push(where + 'answered for op code ' + response.requestOpCode + ', not ' + action.ftmsRequest[0] + ' (' + hex + ')');
        return;
      }
      result = resultName(response.resultCode);
    } catch (error) {
      this.failures.push(where + 'an answer a client rejects: ' + hex + ' (' + (error as Error).message + ')');
      return;
    }
    if (result !== 'success') this.writesNotSuccessful++;
    if (this.onEvent) this.onEvent(timeMs / 1000, 'ftms answer to ' + action.ftmsAction + ' (client ' + action.ftmsClientId + '): ' + result);
    const expected = action.expectResult === null ? 'success' : action.expectResult;
    if (result === expected) return;
    const hint = action.expectResult === null ? '; a result other than success fails the scenario unless the step says "expectResult"' : '';
    this.failures.push(where + 'expected ' + expected + ', got ' + result + ' (' + hex + ')' + noteText + hint);
  }
}
