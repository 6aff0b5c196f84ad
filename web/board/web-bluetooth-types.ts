// What the board links use of the Web Bluetooth API (navigator.bluetooth), declared here: TypeScript's DOM library does not have it.

/** A GATT characteristic (BluetoothRemoteGATTCharacteristic): read, write, and notifications or indications as events. */
export interface GattCharacteristicLike {
  /** The latest value read or notified. */
  readonly value: DataView | null;
  readValue(): Promise<DataView>;
  /** A write with response (the control point asks for one; the UART's RX takes it too). */
  writeValue(value: Uint8Array): Promise<void>;
  /** Subscribe: notifications or indications, whichever the characteristic has. */
  startNotifications(): Promise<unknown>;
  addEventListener(type: 'characteristicvaluechanged', listener: () => void): void;
}

export interface GattServiceLike {
  getCharacteristic(uuid: number | string): Promise<GattCharacteristicLike>;
}

export interface GattServerLike {
  readonly connected: boolean;
  connect(): Promise<GattServerLike>;
  disconnect(): void;
  getPrimaryService(uuid: number | string): Promise<GattServiceLike>;
}

/** A device the user picked (BluetoothDevice). */
export interface BluetoothDeviceLike {
  readonly name?: string;
  readonly gatt?: GattServerLike;
  addEventListener(type: 'gattserverdisconnected', listener: () => void): void;
}

/** The picker's filters: services advertised, or a name prefix (Web Bluetooth's RequestDeviceOptions, the part used). */
export interface DeviceRequest {
  filters: ({ services: (number | string)[] } | { namePrefix: string })[];
  optionalServices?: (number | string)[];
}

/** `navigator.bluetooth`: the device picker (it must be called from a click: the browser asks the user). */
export interface BluetoothLike {
  requestDevice(options: DeviceRequest): Promise<BluetoothDeviceLike>;
}

/** The bytes of a DataView (a notified or read value), as their own copy. */
export function bytesOf(view: DataView): Uint8Array {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}
