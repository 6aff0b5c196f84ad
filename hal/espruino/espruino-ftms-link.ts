// FtmsLink on Espruino's Bluetooth (Jolt.js nRF52840, ESP32): the FTMS GATT service, its advertising, notifications and queued control point indications.

import { FTMS_SERVICE_UUID, FTMS_UUIDS, type FtmsCharacteristic, type FtmsLink } from '../ftms-link';
import type { Log } from '../log';
import type { Scheduler } from '../scheduler';

/**
 * Each characteristic's longest value, bytes, given to Espruino as `maxLen`: left out, Espruino
 * takes the first value's length and every longer value is cut. 20 is one notification at the
 * default MTU: Treadmill Data parts are planned to it, a backward Training Status takes 18, the
 * control point accepts any write up to it (the firmware answers a malformed one) and status
 * values have room for op codes with longer parameters.
 */
export const FTMS_MAX_BYTES: { [characteristic in FtmsCharacteristic]: number } = {
  feature: 8,
  treadmillData: 20,
  trainingStatus: 20,
  speedRange: 6,
  inclineRange: 6,
  controlPoint: 20,
  machineStatus: 20,
};

/** The name apps list. Short: the advertisement's 31 bytes also hold the FTMS service data. */
export const ADVERTISED_NAME = 'retrotread';

/** Service data: flags (bit 0: Fitness Machine Available), then the machine type uint16 (bit 0: Treadmill Supported). */
const FTMS_SERVICE_DATA = [0x01, 0x01, 0x00];

/** An advertising packet holds 31 bytes. */
export const MAX_ADVERTISING_BYTES = 31;

/** Until the stack takes a queued indication (one unconfirmed at a time), try again after this, ms. */
export const INDICATION_RETRY_MS = 50;

/** Give a response up after this many refused attempts (about 2.5 s: the client is gone or stuck). */
export const INDICATION_MAX_ATTEMPTS = 50;

/** Responses waiting at most; a client must wait for each answer before it writes again, so more means a misbehaving client. */
export const INDICATION_QUEUE_LIMIT = 4;

/**
 * The advertising data as raw AD structures: flags (LE general discoverable, no BR/EDR), the
 * complete 16-bit service list with FTMS, the FTMS service data (apps that find none often do not
 * list the machine), the complete name. Raw, so that Espruino adds nothing (its default adds 4
 * bytes of manufacturer data) and the packet is exactly what is checked to fit 31 bytes.
 */
export function ftmsAdvertisingData(name: string): number[] {
  const data = [0x02, 0x01, 0x06, 0x03, 0x03, FTMS_SERVICE_UUID & 0xff, FTMS_SERVICE_UUID >> 8];
  data.push(3 + FTMS_SERVICE_DATA.length, 0x16, FTMS_SERVICE_UUID & 0xff, FTMS_SERVICE_UUID >> 8);
  FTMS_SERVICE_DATA.forEach((byte) => data.push(byte));
  data.push(name.length + 1, 0x09);
  for (let index = 0; index < name.length; index++) data.push(name.charCodeAt(index) & 0x7f);
  if (data.length > MAX_ADVERTISING_BYTES) throw new Error('ftms: advertising data of ' + data.length + ' bytes (at most ' + MAX_ADVERTISING_BYTES + ')');
  return data;
}

/**
 * The FTMS server on the board's Bluetooth. Made once at boot, before any client can connect
 * (`NRF.setServices` restarts the stack, so it is called only here).
 *
 * - Values are set with `NRF.updateServices` (notify or indicate as the characteristic's
 *   property says); the stack copies them, so the firmware's buffers can be reused at once.
 * - Notifications the radio has no room for are dropped by Espruino without an error (the next
 *   second's data replaces them); any other error of a notification is caught and counted.
 * - Control point responses are indications, one unconfirmed at a time: each is copied into a
 *   queue and sent when the stack takes it (it refuses a second while the first is unconfirmed).
 * - One client at a time on nRF52: the stack stops advertising while a client is connected, so a
 *   second app does not see the treadmill until the first disconnects. Each connection gets the
 *   next client id; a write belongs to the connection open when it arrives.
 */
export class EspruinoFtmsLink implements FtmsLink {
  private readonly scheduler: Scheduler;
  private readonly log: Log;
  private writeHandler: ((bytes: Uint8Array, clientId: number) => void) | null = null;
  private connectionHandler: ((connected: boolean, clientId: number) => void) | null = null;
  /** The open connection's id (1, 2, ...), or 0 with nobody connected. */
  private clientId = 0;
  private lastClientId = 0;
  /** Response indications not yet taken by the stack, copies, oldest first. */
  private readonly indications: Uint8Array[] = [];
  private indicationAttempts = 0;
  private indicationTimerRunning = false;
  /** Notifications that failed (besides those Espruino drops silently), for diagnostics. */
  failedSends = 0;
  /**
   * The retry timer's callback, made once. Why not an arrow at the call: the minifier folds the
   * `if` around it into `a && (..., after(50, () => this...))`, and Espruino's parser, skipping
   * that branch, trips over an arrow that binds `this` (an interpreter assertion, measured on
   * 2v29's Linux build with assertions on).
   */
  private readonly retryIndication: () => void;

  constructor(scheduler: Scheduler, log: Log, name: string) {
    this.scheduler = scheduler;
    this.log = log;
    this.retryIndication = () => this.sendIndication();
    const characteristics: { [uuid: number]: EspruinoCharacteristic } = {};
    characteristics[FTMS_UUIDS.feature] = this.characteristic('feature', true, false);
    characteristics[FTMS_UUIDS.treadmillData] = this.characteristic('treadmillData', false, true);
    characteristics[FTMS_UUIDS.trainingStatus] = this.characteristic('trainingStatus', true, true);
    characteristics[FTMS_UUIDS.speedRange] = this.characteristic('speedRange', true, false);
    characteristics[FTMS_UUIDS.inclineRange] = this.characteristic('inclineRange', true, false);
    characteristics[FTMS_UUIDS.machineStatus] = this.characteristic('machineStatus', false, true);
    const controlPoint = this.characteristic('controlPoint', false, false);
    controlPoint.writable = true;
    controlPoint.indicate = true;
    controlPoint.onWrite = (event: { data: ArrayBuffer }) => this.onWrite(event);
    characteristics[FTMS_UUIDS.controlPoint] = controlPoint;
    const services: EspruinoServices = {};
    services[FTMS_SERVICE_UUID] = characteristics;
    // The console's UART service stays: flashing and the Web IDE over Bluetooth keep working.
    NRF.setServices(services, { uart: true });
    NRF.setAdvertising(ftmsAdvertisingData(name), { interval: 375 });
    NRF.on('connect', () => this.onConnect());
    NRF.on('disconnect', () => this.onDisconnect());
  }

  setValue(characteristic: FtmsCharacteristic, bytes: Uint8Array): void {
    this.update(characteristic, bytes, false);
  }

  send(characteristic: FtmsCharacteristic, bytes: Uint8Array): void {
    if (characteristic !== 'controlPoint') {
      this.update(characteristic, bytes, true);
      return;
    }
    if (this.clientId === 0) return;
    if (this.indications.length >= INDICATION_QUEUE_LIMIT) {
      this.log.warn('ftms: control point response dropped, ' + INDICATION_QUEUE_LIMIT + ' waiting');
      return;
    }
    // Copied: the firmware writes its next response into the same buffer.
    this.indications.push(new Uint8Array(bytes));
    if (!this.indicationTimerRunning) this.sendIndication();
  }

  onControlPointWrite(handler: (bytes: Uint8Array, clientId: number) => void): void {
    this.writeHandler = handler;
  }

  onConnectionChange(handler: (connected: boolean, clientId: number) => void): void {
    this.connectionHandler = handler;
  }

  /** Responses waiting for the stack (diagnostics and tests). */
  pendingIndications(): number {
    return this.indications.length;
  }

  private characteristic(characteristic: FtmsCharacteristic, readable: boolean, notify: boolean): EspruinoCharacteristic {
    return { readable: readable, notify: notify, maxLen: FTMS_MAX_BYTES[characteristic] };
  }

  private update(characteristic: FtmsCharacteristic, bytes: Uint8Array, notify: boolean): void {
    const value: EspruinoCharacteristicUpdate = { value: bytes };
    if (notify) value.notify = true;
    const characteristics: { [uuid: number]: EspruinoCharacteristicUpdate } = {};
    characteristics[FTMS_UUIDS[characteristic]] = value;
    const updates: { [uuid: number]: { [uuid: number]: EspruinoCharacteristicUpdate } } = {};
    updates[FTMS_SERVICE_UUID] = characteristics;
    try {
      NRF.updateServices(updates);
    } catch (_radioBusy) {
      // A lost notification is replaced by the next (data each second, status on the next change).
      this.failedSends++;
    }
  }

  /** Offer the oldest response to the stack; refused (one still unconfirmed), try again later. */
  private sendIndication(): void {
    this.indicationTimerRunning = false;
    const next = this.indications[0];
    if (next === undefined || this.clientId === 0) return;
    const characteristics: { [uuid: number]: EspruinoCharacteristicUpdate } = {};
    characteristics[FTMS_UUIDS.controlPoint] = { value: next, indicate: true };
    const updates: { [uuid: number]: { [uuid: number]: EspruinoCharacteristicUpdate } } = {};
    updates[FTMS_SERVICE_UUID] = characteristics;
    let taken = true;
    try {
      NRF.updateServices(updates);
    } catch (_busy) {
      taken = false;
    }
    if (taken) {
      this.indications.shift();
      this.indicationAttempts = 0;
    } else if (++this.indicationAttempts >= INDICATION_MAX_ATTEMPTS) {
      this.indications.shift();
      this.indicationAttempts = 0;
      this.log.warn('ftms: control point response not confirmed; dropped');
    }
    if (this.indications.length > 0) {
      this.indicationTimerRunning = true;
      this.scheduler.after(INDICATION_RETRY_MS, this.retryIndication);
    }
  }

  private onWrite(event: { data: ArrayBuffer }): void {
    if (this.writeHandler === null || this.clientId === 0) return;
    this.writeHandler(new Uint8Array(event.data), this.clientId);
  }

  private onConnect(): void {
    this.lastClientId++;
    this.clientId = this.lastClientId;
    if (this.connectionHandler !== null) this.connectionHandler(true, this.clientId);
  }

  private onDisconnect(): void {
    const clientId = this.clientId;
    if (clientId === 0) return;
    this.clientId = 0;
    // Nobody is left to confirm them.
    this.indications.splice(0, this.indications.length);
    this.indicationAttempts = 0;
    if (this.connectionHandler !== null) this.connectionHandler(false, clientId);
  }
}

/** Makes the link for make-hal (passed in by the build's entry for Bluetooth boards only, so other bundles hold none). */
export function makeEspruinoFtmsLink(scheduler: Scheduler, log: Log): FtmsLink {
  return new EspruinoFtmsLink(scheduler, log, ADVERTISED_NAME);
}
