// A faked @stoprocent/bleno module: records the service and advertising, and plays centrals (connect, subscribe, write, read, confirm an indication, disconnect) as its HCI bindings would.

import { EventEmitter } from 'events';
import type { BlenoCharacteristicOptions, BlenoHandle, BlenoModule } from '../../sim/cli/bleno-ftms-link';

/** bleno's result codes (ATT error codes; lib/characteristic.js). */
const RESULTS = { RESULT_SUCCESS: 0x00, RESULT_INVALID_OFFSET: 0x07, RESULT_ATTR_NOT_LONG: 0x0b, RESULT_INVALID_ATTRIBUTE_LENGTH: 0x0d };

class FakeCharacteristic {
  static readonly RESULT_SUCCESS = RESULTS.RESULT_SUCCESS;
  static readonly RESULT_INVALID_OFFSET = RESULTS.RESULT_INVALID_OFFSET;
  static readonly RESULT_ATTR_NOT_LONG = RESULTS.RESULT_ATTR_NOT_LONG;
  static readonly RESULT_INVALID_ATTRIBUTE_LENGTH = RESULTS.RESULT_INVALID_ATTRIBUTE_LENGTH;
  constructor(readonly options: BlenoCharacteristicOptions) {}
}

class FakePrimaryService {
  readonly uuid: string;
  readonly characteristics: FakeCharacteristic[];
  constructor(options: { uuid: string; characteristics: object[] }) {
    this.uuid = options.uuid;
    this.characteristics = options.characteristics as FakeCharacteristic[];
  }
}

/** What one central received: a notification or an indication, by characteristic UUID. */
export interface FakeBlenoReceived {
  handle: BlenoHandle;
  uuid: string;
  bytes: number[];
}

export class FakeBleno extends EventEmitter implements BlenoModule {
  state = 'unknown';
  readonly Characteristic = FakeCharacteristic;
  readonly PrimaryService = FakePrimaryService;
  services: FakePrimaryService[] = [];
  advertisingData: number[] | null = null;
  advertisedName: string | null = null;
  advertisedUuids: string[] = [];
  disconnectCalls = 0;
  /** Every notification and indication sent, in order. */
  readonly received: FakeBlenoReceived[] = [];
  /** Fail setServices with this message. */
  failServices: string | null = null;

  setServices(services: object[], callback: (error?: Error | null) => void): void {
    this.services = services as FakePrimaryService[];
    callback(this.failServices === null ? null : new Error(this.failServices));
  }

  startAdvertising(name: string, serviceUuids: string[], callback: (error?: Error | null) => void): void {
    this.advertisedName = name;
    this.advertisedUuids = serviceUuids;
    callback(null);
  }

  startAdvertisingWithEIRData(advertisementData: Buffer, callback: (error?: Error | null) => void): void {
    this.advertisingData = Array.from(advertisementData);
    callback(null);
  }

  disconnect(): void {
    this.disconnectCalls++;
  }

  /** The adapter reports `state` (the first listener is what starts bleno). */
  setState(state: string): void {
    this.state = state;
    this.emit('stateChange', state);
  }

  characteristic(uuid: string): BlenoCharacteristicOptions {
    const found = this.services.length === 0 ? undefined : this.services[0].characteristics.find((characteristic) => characteristic.options.uuid === uuid);
    if (found === undefined) throw new Error('no characteristic ' + uuid + ' (services set: ' + this.services.length + ')');
    return found.options;
  }

  connect(handle: BlenoHandle): void {
    this.emit('accept', 'aa:bb:cc:dd:ee:ff', handle);
  }

  drop(handle: BlenoHandle): void {
    this.emit('disconnect', 'aa:bb:cc:dd:ee:ff', handle);
  }

  /** The central enables notifications or indications of `uuid` (bleno calls onSubscribe with the ATT MTU's room: 20 at the default). */
  subscribe(handle: BlenoHandle, uuid: string): void {
    this.characteristic(uuid).onSubscribe(handle, 20, (data: Buffer) => {
      this.received.push({ handle: handle, uuid: uuid, bytes: Array.from(data) });
    });
  }

  unsubscribe(handle: BlenoHandle, uuid: string): void {
    this.characteristic(uuid).onUnsubscribe(handle);
  }

  /** A write request; returns the ATT result code the link answered with. */
  write(handle: BlenoHandle, uuid: string, bytes: number[], offset = 0): number {
    let result = -1;
    this.characteristic(uuid).onWriteRequest(handle, Buffer.from(bytes), offset, false, (code) => {
      result = code;
    });
    return result;
  }

  /** A read request; the result code and the bytes. */
  read(handle: BlenoHandle, uuid: string, offset = 0): { result: number; bytes: number[] } {
    let answer = { result: -1, bytes: [] as number[] };
    this.characteristic(uuid).onReadRequest(handle, offset, (result, data) => {
      answer = { result: result, bytes: data === undefined ? [] : Array.from(data) };
    });
    return answer;
  }

  /** The central confirms the indication it got. */
  confirm(handle: BlenoHandle, uuid: string): void {
    this.characteristic(uuid).onIndicate(handle);
  }

  /** What `handle` received on `uuid`, hex each. */
  receivedHex(handle: BlenoHandle, uuid: string): string[] {
    return this.received.filter((entry) => entry.handle === handle && entry.uuid === uuid).map((entry) => entry.bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(''));
  }
}
