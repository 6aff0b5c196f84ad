// FtmsLink over @stoprocent/bleno: the simulated treadmill served as a real Bluetooth LE peripheral, so apps on a phone or tablet can pair with the simulator (`npm start -- --ble`).

import { createRequire } from 'module';
import type { FtmsCharacteristic, FtmsLink } from '../../hal/ftms-link';
import type { Log } from '../../hal/log';
import type { Scheduler, TimerHandle } from '../../hal/scheduler';
import { FTMS_SERVICE_UUID, FTMS_UUIDS } from '../../hal/ftms-link';
import { FTMS_MAX_BYTES, ftmsAdvertisingData, INDICATION_MAX_ATTEMPTS, INDICATION_QUEUE_LIMIT, INDICATION_RETRY_MS } from '../../hal/espruino/espruino-ftms-link';

/** The name the simulator advertises (the board's is `retrotread`): 30 of the advertisement's 31 bytes. */
export const BLE_SIM_NAME = 'retrotread-sim';

/** The npm package, an optional dependency loaded only for `--ble`. */
export const BLENO_MODULE = '@stoprocent/bleno';

/** How long the adapter may take to power on, ms. */
export const ADAPTER_TIMEOUT_MS = 5000;

/** A control point response the client has not confirmed after this is given up (the board's retry time and attempts: about 2.5 s). */
export const INDICATION_TIMEOUT_MS = INDICATION_RETRY_MS * INDICATION_MAX_ATTEMPTS;

/** ATT error for a control point write from a client that has not enabled its indications (FTMS: Client Characteristic Configuration Descriptor Improperly Configured). */
export const ATT_CCCD_IMPROPERLY_CONFIGURED = 0xfd;

/** A GATT property as bleno names it. */
export type BlenoProperty = 'read' | 'write' | 'notify' | 'indicate';

/**
 * Each characteristic's GATT properties: those the Espruino link declares (readable, notify,
 * writable + indicate in hal/espruino/espruino-ftms-link.ts, where they are code, not a table;
 * test/sim/bleno-ftms-link.test.ts compares the two). UUIDs and maxLen are the Espruino link's own.
 */
export const FTMS_PROPERTIES: { [characteristic in FtmsCharacteristic]: BlenoProperty[] } = {
  feature: ['read'],
  treadmillData: ['notify'],
  trainingStatus: ['read', 'notify'],
  speedRange: ['read'],
  inclineRange: ['read'],
  controlPoint: ['write', 'indicate'],
  machineStatus: ['notify'],
};

/** bleno's connection handle (a number with its HCI bindings, a string on macOS). */
export type BlenoHandle = number | string;

/** What a characteristic is made with: the part of bleno's options this link uses. */
export interface BlenoCharacteristicOptions {
  uuid: string;
  properties: BlenoProperty[];
  onReadRequest: (handle: BlenoHandle, offset: number, callback: (result: number, data?: Buffer) => void) => void;
  onWriteRequest: (handle: BlenoHandle, data: Buffer, offset: number, withoutResponse: boolean, callback: (result: number) => void) => void;
  onSubscribe: (handle: BlenoHandle, maxValueSize: number, updateValueCallback: (data: Buffer) => void) => void;
  onUnsubscribe: (handle: BlenoHandle) => void;
  onIndicate: (handle: BlenoHandle) => void;
}

/** The part of the bleno module this link uses (the tests inject a fake with this shape). */
export interface BlenoModule {
  readonly state: string;
  Characteristic: (new (options: BlenoCharacteristicOptions) => object) & { RESULT_SUCCESS: number; RESULT_INVALID_OFFSET: number; RESULT_INVALID_ATTRIBUTE_LENGTH: number; RESULT_ATTR_NOT_LONG: number };
  PrimaryService: new (options: { uuid: string; characteristics: object[] }) => object;
  on(event: 'stateChange', listener: (state: string) => void): unknown;
  on(event: 'accept' | 'disconnect', listener: (address: string, handle: BlenoHandle) => void): unknown;
  removeListener(event: 'stateChange', listener: (state: string) => void): unknown;
  setServices(services: object[], callback: (error?: Error | null) => void): void;
  startAdvertising(name: string, serviceUuids: string[], callback: (error?: Error | null) => void): void;
  startAdvertisingWithEIRData(advertisementData: Buffer, callback: (error?: Error | null) => void): void;
  disconnect(): void;
}

/** A reason `--ble` cannot run, said in one line (no stack). */
export class BleUnavailable extends Error {}

/** A 16-bit UUID as bleno spells it ('2acd'). */
export function shortUuid(uuid: number): string {
  return uuid.toString(16).padStart(4, '0');
}

interface PendingIndication {
  handle: BlenoHandle;
  bytes: Buffer;
}

/**
 * The FTMS service on a bleno peripheral, implementing the FtmsLink port.
 *
 * - Seven characteristics by 16-bit UUID with the board's properties; reads answer the last value
 *   set or sent (a copy: the firmware reuses its buffers), cut to the board's maxLen as Espruino
 *   cuts it; a control point write longer than maxLen is refused with an ATT length error.
 * - Notifications go to the clients subscribed to that characteristic, and only to them.
 * - Control point writes are acknowledged at once (as the board's radio stack does) and reach
 *   the firmware in a later event on the simulator's scheduler, with the client id of the
 *   connection. A write from a client that has not enabled the control point's indications is
 *   refused (0xFD), as FTMS asks: it could never see the answer.
 * - A response is indicated to the client whose write the firmware was deciding, one unconfirmed
 *   at a time; the next waits for the confirmation (bleno itself would send a second at once),
 *   or is sent when the first is given up after INDICATION_TIMEOUT_MS. At most
 *   INDICATION_QUEUE_LIMIT wait, as on the board.
 * - Connections (bleno's accept and disconnect) are reported in a later event; each gets the
 *   next client id, since the radio reuses handles.
 */
export class BlenoFtmsLink implements FtmsLink {
  private readonly bleno: BlenoModule;
  private readonly scheduler: Scheduler;
  private readonly log: Log;
  private readonly values: { [characteristic: string]: Buffer } = {};
  /** Per characteristic, the subscribed connections and bleno's callback to notify each. */
  private readonly subscribers: { [characteristic: string]: Map<BlenoHandle, (data: Buffer) => void> } = {};
  /** Open connections and their client ids. */
  private readonly clientIds = new Map<BlenoHandle, number>();
  private lastClientId = 0;
  /** The connection whose write the firmware is deciding (its response goes there). */
  private respondTo: BlenoHandle | null = null;
  private readonly indications: PendingIndication[] = [];
  private inFlight: PendingIndication | null = null;
  private inFlightTimer: TimerHandle | null = null;
  private writeHandler: ((bytes: Uint8Array, clientId: number) => void) | null = null;
  private connectionHandler: ((connected: boolean, clientId: number) => void) | null = null;
  /** The primary service, for `bleno.setServices`. */
  readonly service: object;

  constructor(bleno: BlenoModule, scheduler: Scheduler, log: Log) {
    this.bleno = bleno;
    this.scheduler = scheduler;
    this.log = log;
    const characteristics = (Object.keys(FTMS_UUIDS) as FtmsCharacteristic[]).map((characteristic) => this.characteristic(characteristic));
    this.service = new bleno.PrimaryService({ uuid: shortUuid(FTMS_SERVICE_UUID), characteristics: characteristics });
    bleno.on('accept', (_address: string, handle: BlenoHandle) => this.onAccept(handle));
    bleno.on('disconnect', (_address: string, handle: BlenoHandle) => this.onDisconnect(handle));
  }

  setValue(characteristic: FtmsCharacteristic, bytes: Uint8Array): void {
    this.keep(characteristic, bytes);
  }

  send(characteristic: FtmsCharacteristic, bytes: Uint8Array): void {
    const value = this.keep(characteristic, bytes);
    if (characteristic === 'controlPoint') {
      this.queueIndication(value);
      return;
    }
    const subscribed = this.subscribers[characteristic];
    // Each client gets its own copy: bleno builds its packet from it later, maybe.
    subscribed.forEach((notify) => notify(Buffer.from(value)));
  }

  onControlPointWrite(handler: (bytes: Uint8Array, clientId: number) => void): void {
    this.writeHandler = handler;
  }

  onConnectionChange(handler: (connected: boolean, clientId: number) => void): void {
    this.connectionHandler = handler;
  }

  /** Connected clients now. */
  connectedClients(): number {
    return this.clientIds.size;
  }

  /** Responses not yet confirmed, the one in flight included (diagnostics and tests). */
  pendingIndications(): number {
    return this.indications.length + (this.inFlight === null ? 0 : 1);
  }

  /**
   * The board was reset (the simulator rebooted the firmware): a real board's radio restarts and
   * every client is dropped; the new firmware hears of no client until one connects again.
   */
  dropConnections(): void {
    this.clientIds.clear();
    Object.keys(this.subscribers).forEach((characteristic) => this.subscribers[characteristic].clear());
    this.clearIndications();
    this.respondTo = null;
    this.bleno.disconnect();
  }

  private characteristic(characteristic: FtmsCharacteristic): object {
    this.subscribers[characteristic] = new Map();
    const Characteristic = this.bleno.Characteristic;
    return new Characteristic({
      uuid: shortUuid(FTMS_UUIDS[characteristic]),
      properties: FTMS_PROPERTIES[characteristic].slice(),
      onReadRequest: (_handle, offset, callback) => {
        const value = this.values[characteristic] || Buffer.alloc(0);
        if (offset > value.length) callback(Characteristic.RESULT_INVALID_OFFSET);
        else callback(Characteristic.RESULT_SUCCESS, value.subarray(offset));
      },
      onWriteRequest: (handle, data, offset, _withoutResponse, callback) => {
        if (characteristic !== 'controlPoint') callback(Characteristic.RESULT_ATTR_NOT_LONG);
        else if (offset !== 0) callback(Characteristic.RESULT_INVALID_OFFSET);
        else if (data.length > FTMS_MAX_BYTES.controlPoint) callback(Characteristic.RESULT_INVALID_ATTRIBUTE_LENGTH);
        else if (!this.subscribers.controlPoint.has(handle)) callback(ATT_CCCD_IMPROPERLY_CONFIGURED);
        else {
          callback(Characteristic.RESULT_SUCCESS);
          this.deliverWrite(handle, new Uint8Array(data));
        }
      },
      onSubscribe: (handle, _maxValueSize, updateValueCallback) => {
        this.subscribers[characteristic].set(handle, updateValueCallback);
      },
      onUnsubscribe: (handle) => {
        this.subscribers[characteristic].delete(handle);
      },
      onIndicate: (handle) => {
        if (characteristic === 'controlPoint') this.onConfirmation(handle);
      },
    });
  }

  /** Keep a copy of `bytes`, cut to the characteristic's maxLen as Espruino cuts it. */
  private keep(characteristic: FtmsCharacteristic, bytes: Uint8Array): Buffer {
    const length = Math.min(bytes.length, FTMS_MAX_BYTES[characteristic]);
    if (length < bytes.length) this.log.warn('ftms: ' + characteristic + ' value of ' + bytes.length + ' bytes cut to ' + length);
    const copy = Buffer.from(bytes.subarray(0, length));
    this.values[characteristic] = copy;
    return copy;
  }

  private deliverWrite(handle: BlenoHandle, bytes: Uint8Array): void {
    this.scheduler.after(0, () => {
      const clientId = this.clientIds.get(handle);
      // Written just before the client went away: nobody is left to answer.
      if (clientId === undefined || this.writeHandler === null) return;
      this.respondTo = handle;
      this.writeHandler(bytes, clientId);
    });
  }

  /** Queue a response for the client whose write is being answered (before any write: every subscribed client, as the board's one). */
  private queueIndication(value: Buffer): void {
    const handle = this.respondTo;
    const to: BlenoHandle[] = handle !== null ? [handle] : Array.from(this.subscribers.controlPoint.keys());
    to.forEach((client) => {
      if (!this.clientIds.has(client)) return;
      if (this.indications.length >= INDICATION_QUEUE_LIMIT) {
        this.log.warn('ftms: control point response dropped, ' + INDICATION_QUEUE_LIMIT + ' waiting');
        return;
      }
      this.indications.push({ handle: client, bytes: value });
    });
    if (this.inFlight === null) this.indicateNext();
  }

  /** Send the oldest waiting response, if none is unconfirmed. */
  private indicateNext(): void {
    while (this.inFlight === null && this.indications.length > 0) {
      const next = this.indications.shift() as PendingIndication;
      const indicate = this.subscribers.controlPoint.get(next.handle);
      if (indicate === undefined) continue;
      this.inFlight = next;
      this.inFlightTimer = this.scheduler.after(INDICATION_TIMEOUT_MS, () => {
        this.log.warn('ftms: control point response not confirmed; dropped');
        this.inFlight = null;
        this.inFlightTimer = null;
        this.indicateNext();
      });
      indicate(Buffer.from(next.bytes));
    }
  }

  private onConfirmation(handle: BlenoHandle): void {
    if (this.inFlight === null || this.inFlight.handle !== handle) return;
    this.inFlight = null;
    if (this.inFlightTimer !== null) this.inFlightTimer.cancel();
    this.inFlightTimer = null;
    this.indicateNext();
  }

  private clearIndications(): void {
    this.indications.splice(0, this.indications.length);
    this.inFlight = null;
    if (this.inFlightTimer !== null) this.inFlightTimer.cancel();
    this.inFlightTimer = null;
  }

  private onAccept(handle: BlenoHandle): void {
    const clientId = ++this.lastClientId;
    this.clientIds.set(handle, clientId);
    this.scheduler.after(0, () => {
      if (this.connectionHandler !== null) this.connectionHandler(true, clientId);
    });
  }

  private onDisconnect(handle: BlenoHandle): void {
    const clientId = this.clientIds.get(handle);
    if (clientId === undefined) return;
    this.clientIds.delete(handle);
    Object.keys(this.subscribers).forEach((characteristic) => this.subscribers[characteristic].delete(handle));
    // Its responses have nobody to confirm them.
    for (let index = this.indications.length - 1; index >= 0; index--) if (this.indications[index].handle === handle) this.indications.splice(index, 1);
    if (this.inFlight !== null && this.inFlight.handle === handle) {
      this.inFlight = null;
      if (this.inFlightTimer !== null) this.inFlightTimer.cancel();
      this.inFlightTimer = null;
      this.indicateNext();
    }
    if (this.respondTo === handle) this.respondTo = null;
    this.scheduler.after(0, () => {
      if (this.connectionHandler !== null) this.connectionHandler(false, clientId);
    });
  }
}

/** Load bleno (not installed: BleUnavailable). `requireModule` is Node's require unless a test gives a fake. */
export function loadBleno(requireModule: (name: string) => unknown = createRequire(__filename)): BlenoModule {
  // bleno names the GATT device from this when it loads (the host name otherwise).
  if (process.env.BLENO_DEVICE_NAME === undefined) process.env.BLENO_DEVICE_NAME = BLE_SIM_NAME;
  try {
    return requireModule(BLENO_MODULE) as BlenoModule;
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BleUnavailable('--ble needs the optional package ' + BLENO_MODULE + ', which did not load (' + why + '): npm install ' + BLENO_MODULE);
  }
}

/** The one-line reason for an adapter state other than poweredOn. */
export function adapterStateMessage(state: string): string {
  if (state === 'unsupported') return 'no Bluetooth LE adapter found (bleno: unsupported); on Linux stop bluetoothd or name the adapter with BLENO_HCI_DEVICE_ID (README.md, "Bluetooth FTMS")';
  if (state === 'unauthorized') return 'not allowed to use the Bluetooth adapter (bleno: unauthorized); run: sudo setcap cap_net_raw+eip $(eval readlink -f $(which node))';
  if (state === 'poweredOff') return 'the Bluetooth adapter is off (bleno: poweredOff); on Linux: sudo hciconfig hci0 up';
  return 'the Bluetooth adapter did not power on (bleno: ' + state + ')';
}

/**
 * Wait until the adapter is powered on (adding the first state listener is what starts bleno).
 * Rejects with BleUnavailable (one line) for unsupported or unauthorized, or when `timeoutMs`
 * passes in any other state (poweredOff may pass while the adapter comes up). bleno's own
 * multi-line warnings go to console.log while it starts: `quiet` keeps them off the screen.
 */
export function waitForPoweredOn(bleno: BlenoModule, timeoutMs: number = ADAPTER_TIMEOUT_MS, quiet = false): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const consoleLog = console.log;
    if (quiet) console.log = () => undefined;
    let settled = false;
    let timer: NodeJS.Timeout | null = null;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      if (quiet) console.log = consoleLog;
      if (timer !== null) clearTimeout(timer);
      bleno.removeListener('stateChange', onState);
      if (error === null) resolve();
      else reject(error);
    };
    const onState = (state: string) => {
      if (state === 'poweredOn') finish(null);
      else if (state === 'unsupported' || state === 'unauthorized') finish(new BleUnavailable(adapterStateMessage(state)));
    };
    timer = setTimeout(() => finish(new BleUnavailable(adapterStateMessage(bleno.state))), timeoutMs);
    bleno.on('stateChange', onState);
    if (bleno.state === 'poweredOn') finish(null);
  });
}

/**
 * Serve `link`'s service and advertise as `name` (the adapter powered on). On Linux the
 * advertisement is the board's raw one (flags, the FTMS UUID, its service data, the name); macOS
 * takes only a name and service UUIDs, so there the service data is missing.
 */
export function advertiseFtms(bleno: BlenoModule, link: BlenoFtmsLink, name: string, platform: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    bleno.setServices([link.service], (servicesError) => {
      if (servicesError) {
        reject(new BleUnavailable('bleno could not set the FTMS service: ' + servicesError.message));
        return;
      }
      const done = (error?: Error | null) => (error ? reject(new BleUnavailable('bleno could not advertise: ' + error.message)) : resolve());
      if (platform === 'darwin') bleno.startAdvertising(name, [shortUuid(FTMS_SERVICE_UUID)], done);
      else bleno.startAdvertisingWithEIRData(Buffer.from(ftmsAdvertisingData(name)), done);
    });
  });
}
