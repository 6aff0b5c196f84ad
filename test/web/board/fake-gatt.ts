// A Web Bluetooth device for the tests: characteristics that record writes and subscriptions and notify what a test gives them.

import type { BluetoothDeviceLike, BluetoothLike, DeviceRequest, GattCharacteristicLike, GattServerLike, GattServiceLike } from '../../../web/board/web-bluetooth-types';

function viewOf(bytes: Uint8Array): DataView {
  const copy = new Uint8Array(bytes);
  return new DataView(copy.buffer);
}

/** One characteristic: `readBytes` answers a read, `emit` notifies or indicates, `onWrite` sees each write. */
export class FakeCharacteristic implements GattCharacteristicLike {
  value: DataView | null = null;
  subscribed = false;
  readonly written: Uint8Array[] = [];
  readBytes: Uint8Array = new Uint8Array(0);
  onWrite: ((bytes: Uint8Array) => void) | null = null;
  private readonly listeners: (() => void)[] = [];

  readValue(): Promise<DataView> {
    this.value = viewOf(this.readBytes);
    return Promise.resolve(this.value);
  }

  writeValue(value: Uint8Array): Promise<void> {
    this.written.push(new Uint8Array(value));
    if (this.onWrite !== null) this.onWrite(new Uint8Array(value));
    return Promise.resolve();
  }

  startNotifications(): Promise<unknown> {
    this.subscribed = true;
    return Promise.resolve(this);
  }

  addEventListener(_type: 'characteristicvaluechanged', listener: () => void): void {
    this.listeners.push(listener);
  }

  /** A notification or indication with `bytes` (only a subscriber hears it, as on a real link). */
  emit(bytes: Uint8Array): void {
    if (!this.subscribed) return;
    this.value = viewOf(bytes);
    this.listeners.forEach((listener) => listener());
  }
}

/** A device with services of characteristics by UUID; `drop` loses the link as a device going out of range does. */
export class FakeDevice implements BluetoothDeviceLike {
  readonly gatt: GattServerLike;
  private isConnected = false;
  private readonly disconnectListeners: (() => void)[] = [];

  constructor(
    readonly name: string,
    readonly services: { [service: string]: { [characteristic: string]: FakeCharacteristic } },
  ) {
    const isConnected = () => this.isConnected;
    const server: GattServerLike = {
      get connected() {
        return isConnected();
      },
      connect: () => {
        this.isConnected = true;
        return Promise.resolve(server);
      },
      // As in a browser: disconnecting fires the event too.
      disconnect: () => this.drop(),
      getPrimaryService: (uuid: number | string) => {
        const found = services[String(uuid)];
        if (found === undefined) return Promise.reject(new Error('NotFoundError: no service ' + uuid));
        const service: GattServiceLike = {
          getCharacteristic: (characteristic: number | string) => {
            const match = found[String(characteristic)];
            return match === undefined ? Promise.reject(new Error('NotFoundError: no characteristic ' + characteristic)) : Promise.resolve(match);
          },
        };
        return Promise.resolve(service);
      },
    };
    this.gatt = server;
  }

  addEventListener(_type: 'gattserverdisconnected', listener: () => void): void {
    this.disconnectListeners.push(listener);
  }

  drop(): void {
    if (!this.isConnected) return;
    this.isConnected = false;
    this.disconnectListeners.forEach((listener) => listener());
  }
}

/** `navigator.bluetooth` whose picker hands out `device` and keeps what it was asked for. */
export function fakeBluetooth(device: FakeDevice): BluetoothLike & { requests: DeviceRequest[] } {
  const bluetooth = {
    requests: [] as DeviceRequest[],
    requestDevice: (options: DeviceRequest) => {
      bluetooth.requests.push(options);
      return Promise.resolve(device as BluetoothDeviceLike);
    },
  };
  return bluetooth;
}
