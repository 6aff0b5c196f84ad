// The web console's board over Web Bluetooth as a Fitness Machine (FTMS): Treadmill Data and statuses read, the control point for start, stop, speed and incline.

import { BoardLinkHolder } from './board-link-holder';
import type { CommandName } from '../../firmware/command';
import type { SafetyState } from '../../firmware/core/safety-state';
import type { SpeedUnits } from '../../firmware/core/units';
import { controlPointRequestBytes, decodeControlPointResponse, MAX_WIRE_SPEED_KPH, type ControlPointOperation } from '../../sim/ftms/control-point-client';
import { decodeFeature, decodeMachineStatus, decodeTrainingStatus, decodeTreadmillData, type Decoded } from '../../sim/ftms/ftms-value-decoders';
import type { ViewCommandFields, ViewStatus } from '../view-source';
import { BOARD_PLOT_WINDOW_MS, BoardSeries } from './board-series';
import { lostLinkMessage, notConnectedAnswer, type BoardSource } from './board-source';
import { FTMS_CHARACTERISTICS, FTMS_SERVICE, NUS_SERVICE } from './ftms-gatt-uuids';
import type { SourceTimers } from './source-timers';
import { unknownStatus } from './unknown-status';
import { bytesOf, type BluetoothDeviceLike, type BluetoothLike, type GattCharacteristicLike } from './web-bluetooth-types';

/** How long the treadmill has to indicate its answer to a control point write, ms (FTMS's own procedure timeout is 30 s; the firmware answers within 50 ms of taking the write). */
export const CONTROL_ANSWER_TIMEOUT_MS = 3000;
/** Figures older than this are not shown, ms: Treadmill Data comes once a second, so three missed records mean the treadmill is not talking. */
export const FTMS_STALE_AFTER_MS = 3000;
/** Log lines kept for the page. */
const LOG_LINES_KEPT = 200;

/** Training Status codes the firmware sends (firmware/ftms/training-status.ts). */
const TRAINING_IDLE = 0x01;
const TRAINING_MANUAL_MODE = 0x0d;
const TRAINING_PRE_WORKOUT = 0x0e;
const BACKWARD_TEXT = 'Walking backward';

/** The commands FTMS has an op for: no fault clear, no direction, no speed steps, no programs (the firmware's FTMS rules: README "Bluetooth FTMS"). */
const FTMS_OPERATIONS: { [name: string]: ControlPointOperation } = {
  start: 'start',
  resume: 'start',
  stop: 'stop',
  pause: 'pause',
  setSpeed: 'setSpeed',
  setIncline: 'setIncline',
};

/** A control point result in words, with what the firmware's rules mean by it. */
export function controlResultWords(resultCode: number): string {
  if (resultCode === 1) return 'ok';
  if (resultCode === 2) return 'refused: the treadmill does not support this';
  if (resultCode === 3) return 'refused: invalid parameter (outside the range the treadmill publishes for this direction)';
  if (resultCode === 4) return 'refused: operation failed (a start while counting down or running, a stop with nothing moving, a stale raise)';
  if (resultCode === 5) return 'refused: control not permitted (an app may start the belt only after a start at the machine with the key in, and never with the key out or in a fault)';
  return 'refused: unknown result ' + resultCode;
}

/** The safety state a Training Status shows: FTMS tells idle, countdown and moving apart, not a fault or a ramp down (those read as idle and moving). */
function stateOfTraining(code: number | null): SafetyState | null {
  if (code === TRAINING_IDLE) return 'idle';
  if (code === TRAINING_PRE_WORKOUT) return 'countdown';
  if (code === TRAINING_MANUAL_MODE) return 'running';
  return null;
}

interface WaitingAnswer {
  requestOpCode: number;
  resolve: (resultCode: number) => void;
  reject: (error: Error) => void;
  timer: unknown;
}

/**
 * A treadmill over FTMS. On connect it reads the Feature and Training Status and subscribes to
 * Treadmill Data, Training Status, Fitness Machine Status and the control point's indications:
 * nothing is written. Control is requested only when the user gives the first command; Stop and
 * Pause go out even without control (the firmware honours them from anyone). One control point
 * write at a time (FTMS's rule): a command given while one waits is refused, not queued, as is
 * any command while the link is down. The firmware itself refuses an app's start unless someone
 * started the belt at the machine first (local arming).
 */
export class FtmsBoardSource extends BoardLinkHolder implements BoardSource {
  readonly kind = 'board' as const;
  readonly description = 'board on Web Bluetooth (FTMS)';
  /** FTMS speaks km/h. */
  readonly units: SpeedUnits = 'kph';
  readonly series = new BoardSeries(BOARD_PLOT_WINDOW_MS);
  readonly logLines: string[] = [];
  lastAnswer = 'connecting: reading the treadmill over Bluetooth';
  private readonly openedMs: number;
  private controlPoint: GattCharacteristicLike | null = null;
  private hasControl = false;
  private busyWith: string | null = null;
  private waiting: WaitingAnswer | null = null;
  private inclineTarget = false;
  private trainingCode: number | null = null;
  private backward: boolean | null = null;
  private record: Decoded | null = null;
  private recordMs = 0;
  private partial: Decoded = {};
  private targetSpeedKph: number | null = null;
  /** The walker's target incline as FTMS reports it (negated backward). */
  private targetWalkerInclinePct: number | null = null;
  private lastEvent = '';

  constructor(
    private readonly device: BluetoothDeviceLike,
    private readonly timers: SourceTimers,
    private readonly answerTimeoutMs: number,
  ) {
    super('connecting over Web Bluetooth (FTMS)');
    this.openedMs = timers.nowMs();
    device.addEventListener('gattserverdisconnected', () => this.lose('the treadmill disconnected (out of range, reset or switched off)'));
  }

  /** Connect and subscribe (reads and subscriptions only). Rejects when the device is not an FTMS treadmill. */
  start(): Promise<void> {
    const gatt = this.device.gatt;
    if (gatt === undefined) return Promise.reject(new Error('the device has no GATT server'));
    let feature: GattCharacteristicLike;
    let treadmillData: GattCharacteristicLike;
    let trainingStatus: GattCharacteristicLike;
    let machineStatus: GattCharacteristicLike;
    let controlPoint: GattCharacteristicLike;
    // One GATT operation at a time: some platforms refuse parallel ones.
    return gatt
      .connect()
      .then((server) => server.getPrimaryService(FTMS_SERVICE))
      .then((service) =>
        service
          .getCharacteristic(FTMS_CHARACTERISTICS.feature)
          .then((found) => (feature = found))
          .then(() => service.getCharacteristic(FTMS_CHARACTERISTICS.treadmillData))
          .then((found) => (treadmillData = found))
          .then(() => service.getCharacteristic(FTMS_CHARACTERISTICS.trainingStatus))
          .then((found) => (trainingStatus = found))
          .then(() => service.getCharacteristic(FTMS_CHARACTERISTICS.machineStatus))
          .then((found) => (machineStatus = found))
          .then(() => service.getCharacteristic(FTMS_CHARACTERISTICS.controlPoint))
          .then((found) => (controlPoint = found)),
      )
      .then(() => feature.readValue())
      .then((value) => {
        const decoded = decodeFeature(bytesOf(value));
        this.inclineTarget = (decoded.targetSettingFeatures & 2) !== 0;
        return trainingStatus.readValue();
      })
      .then((value) => {
        this.takeTrainingStatus(value);
        treadmillData.addEventListener('characteristicvaluechanged', () => this.whenValue(treadmillData, (bytes) => this.takeTreadmillData(bytes)));
        trainingStatus.addEventListener('characteristicvaluechanged', () => this.whenValue(trainingStatus, () => this.takeTrainingStatus(trainingStatus.value as DataView)));
        machineStatus.addEventListener('characteristicvaluechanged', () => this.whenValue(machineStatus, (bytes) => this.takeMachineStatus(bytes)));
        controlPoint.addEventListener('characteristicvaluechanged', () => this.whenValue(controlPoint, (bytes) => this.takeControlAnswer(bytes)));
        return treadmillData.startNotifications();
      })
      .then(() => trainingStatus.startNotifications())
      .then(() => machineStatus.startNotifications())
      .then(() => controlPoint.startNotifications())
      .then(() => {
        if (this.state !== 'connecting') throw new Error('the treadmill disconnected while connecting');
        this.controlPoint = controlPoint;
        this.state = 'connected';
        this.message = 'connected over Web Bluetooth (FTMS)' + (this.device.name ? ' to ' + this.device.name : '');
        this.lastAnswer = 'connected: an app may start the belt only after a start at the machine, with the key in';
        this.log(this.message);
      });
  }

  supports(name: CommandName): boolean {
    if (name === 'setIncline') return this.inclineTarget;
    return FTMS_OPERATIONS[name] !== undefined;
  }

  status(): ViewStatus {
    if (this.state === 'lost') return unknownStatus(this.message);
    if (this.state === 'closed') return unknownStatus('disconnected');
    const record = this.record;
    if (record === null) return unknownStatus('waiting for the treadmill\'s data');
    if (this.timers.nowMs() - this.recordMs > FTMS_STALE_AFTER_MS) return unknownStatus('no data from the treadmill for over ' + FTMS_STALE_AFTER_MS / 1000 + ' s');
    const deckSign = this.backward === true ? -1 : 1;
    const number = (key: string): number | null => (typeof record[key] === 'number' ? (record[key] as number) : null);
    const walkerIncline = number('inclinationPct');
    const elapsedS = number('elapsedTimeS');
    const view = unknownStatus(this.lastEvent);
    view.state = stateOfTraining(this.trainingCode);
    view.direction = this.backward === null ? null : this.backward ? 'backward' : 'forward';
    view.targetSpeedKph = this.targetSpeedKph;
    view.measuredSpeedKph = number('instantaneousSpeedKph');
    // FTMS gives the walker's grade ("feels uphill"): backward, the deck's grade negated.
    view.inclinePct = walkerIncline === null ? null : walkerIncline * deckSign;
    view.targetInclinePct = this.targetWalkerInclinePct === null ? null : this.targetWalkerInclinePct * deckSign;
    view.elapsedMs = elapsedS === null ? null : elapsedS * 1000;
    view.energyKcal = number('totalEnergyKcal');
    // One total, in either direction: FTMS does not split it.
    view.totalDistanceM = number('totalDistanceM');
    return view;
  }

  command(name: CommandName, fields?: ViewCommandFields): void {
    const operation = FTMS_OPERATIONS[name];
    if (operation === undefined || !this.supports(name)) {
      this.answer(name + ': not available over FTMS (use the machine or the console link)');
      return;
    }
    if (this.state !== 'connected' || this.controlPoint === null) {
      this.answer(notConnectedAnswer(name));
      return;
    }
    if (this.busyWith !== null) {
      this.answer(name + ': not sent: still waiting for the treadmill\'s answer to ' + this.busyWith + ' (nothing is queued)');
      return;
    }
    let value = 0;
    if (operation === 'setSpeed') {
      value = fields && typeof fields.speedKph === 'number' ? fields.speedKph : NaN;
      if (!(value > 0 && value <= MAX_WIRE_SPEED_KPH)) {
        this.answer(name + ': not sent: a speed from 0.01 to ' + MAX_WIRE_SPEED_KPH + ' km/h (use Stop to stop)');
        return;
      }
    }
    if (operation === 'setIncline') {
      const deckPct = fields && typeof fields.inclinePct === 'number' ? fields.inclinePct : NaN;
      if (!isFinite(deckPct) || Math.abs(deckPct) > 100) {
        this.answer(name + ': not sent: an incline in %');
        return;
      }
      value = this.backward === true ? -deckPct : deckPct;
    }
    const bytes = controlPointRequestBytes(operation, value);
    this.busyWith = name;
    this.lastAnswer = name + ': sent, waiting for the treadmill';
    // Stop and pause need no control: the firmware honours them from any client.
    const needsControl = operation !== 'stop' && operation !== 'pause';
    const controlled = needsControl && !this.hasControl ? this.write(new Uint8Array([0x00])).then((result) => this.controlGranted(result)) : Promise.resolve(true);
    controlled
      .then((granted: boolean) => (granted ? this.write(bytes).then((result) => name + ': ' + controlResultWords(result)) : name + ': ' + controlResultWords(5)))
      .then(
        (text: string) => {
          this.busyWith = null;
          this.answer(text);
        },
        (error: Error) => {
          this.busyWith = null;
          this.answer(name + ': ' + error.message);
        },
      );
  }

  /** Close the GATT connection. No command is sent: the firmware keeps the belt as it is when an app goes (it never speeds up). */
  disconnect(): Promise<void> {
    if (this.state === 'closed' || this.state === 'lost') return Promise.resolve();
    this.state = 'closed';
    this.message = 'disconnected';
    this.failWaiting('disconnected before the treadmill answered');
    if (this.device.gatt !== undefined) this.device.gatt.disconnect();
    return Promise.resolve();
  }

  private controlGranted(resultCode: number): boolean {
    this.hasControl = resultCode === 1;
    if (!this.hasControl) this.log('request control: ' + controlResultWords(resultCode));
    return this.hasControl;
  }

  /** Write `bytes` to the control point and wait for the indication that answers it; gives the result code. */
  private write(bytes: Uint8Array): Promise<number> {
    const controlPoint = this.controlPoint as GattCharacteristicLike;
    return new Promise<number>((resolve, reject) => {
      const timer = this.timers.setTimer(() => {
        this.waiting = null;
        reject(new Error('no answer from the treadmill within ' + this.answerTimeoutMs / 1000 + ' s'));
      }, this.answerTimeoutMs);
      // Waiting before writing: the indication may come before the write's promise settles.
      this.waiting = { requestOpCode: bytes[0], resolve: resolve, reject: reject, timer: timer };
      controlPoint.writeValue(bytes).then(undefined, (error: Error) => this.failWaiting('the write failed: ' + error.message));
    });
  }

  private failWaiting(reason: string): void {
    const waiting = this.waiting;
    if (waiting === null) return;
    this.waiting = null;
    this.timers.clearTimer(waiting.timer);
    waiting.reject(new Error(reason));
  }

  private whenValue(characteristic: GattCharacteristicLike, take: (bytes: Uint8Array) => void): void {
    if (this.state === 'lost' || this.state === 'closed' || characteristic.value === null) return;
    try {
      take(bytesOf(characteristic.value));
    } catch (error) {
      // A strict client: a malformed value is logged and not believed, and the link goes on.
      this.log('a malformed value ignored: ' + (error as Error).message);
    }
  }

  private takeControlAnswer(bytes: Uint8Array): void {
    const answer = decodeControlPointResponse(bytes);
    const waiting = this.waiting;
    if (waiting === null || waiting.requestOpCode !== answer.requestOpCode) {
      this.log('an answer to no write waiting: op ' + answer.requestOpCode);
      return;
    }
    this.waiting = null;
    this.timers.clearTimer(waiting.timer);
    waiting.resolve(answer.resultCode);
  }

  /** Treadmill Data: a record may come in parts (More Data set on all but the last); the view takes whole records. */
  private takeTreadmillData(bytes: Uint8Array): void {
    const part = decodeTreadmillData(bytes);
    this.partial = Object.assign(this.partial, part);
    if (part.moreData === true) return;
    this.record = this.partial;
    this.partial = {};
    const nowMs = this.timers.nowMs();
    this.recordMs = nowMs;
    const status = this.status();
    this.series.add(nowMs - this.openedMs, {
      targetKph: status.state === 'idle' ? 0 : status.targetSpeedKph,
      measuredKph: status.measuredSpeedKph,
      duty: null,
      inclinePct: status.inclinePct,
    });
  }

  private takeTrainingStatus(value: DataView): void {
    const decoded = decodeTrainingStatus(bytesOf(value));
    const code = decoded.trainingStatusCode as number;
    if (this.trainingCode !== null && code !== this.trainingCode) this.log('training status ' + this.trainingCode + ' -> ' + code);
    this.trainingCode = code;
    // The firmware sends the text whenever backward is selected, idle included.
    this.backward = decoded.text === BACKWARD_TEXT;
  }

  private takeMachineStatus(bytes: Uint8Array): void {
    const decoded = decodeMachineStatus(bytes);
    const opCode = decoded.opCode as number;
    let text = 'machine status ' + opCode;
    if (opCode === 0x01) text = 'reset';
    else if (opCode === 0x02) text = decoded.controlInformation === 2 ? 'paused' : 'stopped';
    else if (opCode === 0x03) text = 'stopped by the safety key';
    else if (opCode === 0x04) text = 'started or resumed';
    else if (opCode === 0x05) {
      this.targetSpeedKph = decoded.newTargetSpeedKph as number;
      text = 'target speed ' + this.targetSpeedKph.toFixed(1) + ' km/h';
    } else if (opCode === 0x06) {
      this.targetWalkerInclinePct = decoded.newTargetInclinationPct as number;
      text = 'target incline ' + this.targetWalkerInclinePct.toFixed(1) + ' % (as the walker feels it)';
    } else if (opCode === 0xff) {
      this.hasControl = false;
      text = 'control permission lost';
    }
    this.lastEvent = text;
    this.log(text);
  }

  private answer(text: string): void {
    this.lastAnswer = text;
    this.log(text);
  }

  private lose(reason: string): void {
    if (this.state === 'lost' || this.state === 'closed') return;
    const wasConnecting = this.state === 'connecting';
    this.state = 'lost';
    this.hasControl = false;
    this.message = lostLinkMessage(reason);
    this.lastAnswer = this.message;
    this.failWaiting('the link was lost before the treadmill answered');
    this.log(this.message);
    this.series.add(this.timers.nowMs() - this.openedMs, { targetKph: null, measuredKph: null, duty: null, inclinePct: null });
    if (!wasConnecting) this.tellLost(reason);
  }

  private log(text: string): void {
    this.logLines.push(((this.timers.nowMs() - this.openedMs) / 1000).toFixed(1) + ' s  ' + text);
    if (this.logLines.length > LOG_LINES_KEPT) this.logLines.splice(0, this.logLines.length - LOG_LINES_KEPT);
  }
}

/**
 * Ask the user for a treadmill advertising FTMS (call it from a click: the browser shows its
 * device picker), connect and subscribe. The UART service is asked for too, so the same device
 * may later be used over its console (Web Bluetooth grants only the services named here).
 */
export function connectFtmsSource(bluetooth: BluetoothLike, timers: SourceTimers, answerTimeoutMs?: number): Promise<BoardSource> {
  return bluetooth.requestDevice({ filters: [{ services: [FTMS_SERVICE] }], optionalServices: [NUS_SERVICE] }).then((device) => {
    const source = new FtmsBoardSource(device, timers, answerTimeoutMs !== undefined ? answerTimeoutMs : CONTROL_ANSWER_TIMEOUT_MS);
    return source.start().then(
      () => source as BoardSource,
      (error: Error) =>
        source.disconnect().then(() => {
          throw error;
        }),
    );
  });
}
