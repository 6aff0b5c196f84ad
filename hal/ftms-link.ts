// The Bluetooth Fitness Machine Service transport: bytes in and out, no protocol logic.

/** The FTMS characteristics the firmware serves (UUIDs in ../shared/ftms.md). */
export type FtmsCharacteristic =
  | 'feature'
  | 'treadmillData'
  | 'trainingStatus'
  | 'speedRange'
  | 'inclineRange'
  | 'controlPoint'
  | 'machineStatus';

/** Fitness Machine Service (16-bit UUID: some apps, on iOS in particular, need the short form). */
export const FTMS_SERVICE_UUID = 0x1826;

/** Each characteristic's 16-bit UUID (../shared/ftms.md). */
export const FTMS_UUIDS: { [characteristic in FtmsCharacteristic]: number } = {
  feature: 0x2acc,
  treadmillData: 0x2acd,
  trainingStatus: 0x2ad3,
  speedRange: 0x2ad4,
  inclineRange: 0x2ad5,
  controlPoint: 0x2ad9,
  machineStatus: 0x2ada,
};


/**
 * A GATT server hosting the Fitness Machine Service. The firmware encodes and decodes every
 * byte; the port only moves them.
 *
 * Contract: handlers run later from the event loop, never inside another port method.
 * `send` notifies or indicates according to the characteristic's property (indicate for the
 * control point). Treadmill data is sent about once a second, status on change.
 */
export interface FtmsLink {
  /** Set the value a client reads from `characteristic`. */
  setValue(characteristic: FtmsCharacteristic, bytes: Uint8Array): void;
  /** Notify (or indicate) connected clients that subscribed to `characteristic`. */
  send(characteristic: FtmsCharacteristic, bytes: Uint8Array): void;
  /** Receive control point writes: the raw bytes and the writing client's connection id. */
  onControlPointWrite(handler: (bytes: Uint8Array, clientId: number) => void): void;
  /** Learn when a client connects or disconnects (control is lost on disconnect). */
  onConnectionChange(handler: (connected: boolean, clientId: number) => void): void;
}
