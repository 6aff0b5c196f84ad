// A board's Espruino console over Bluetooth as a text link: the Nordic UART Service (RX written in 20-byte pieces, TX notified).

import { ADVERTISED_NAME_PREFIX, FTMS_SERVICE, NUS_RX_CHARACTERISTIC, NUS_SERVICE, NUS_TX_CHARACTERISTIC } from './ftms-gatt-uuids';
import type { TextLink } from './text-link';
import { bytesOf, type BluetoothDeviceLike, type BluetoothLike, type GattCharacteristicLike } from './web-bluetooth-types';

/**
 * Longest write to the UART's RX, bytes: 20 fits one write at the default MTU (23 less 3 bytes of
 * header), which every central and Espruino accept; Espruino's own tools send 20 at a time.
 */
export const NUS_CHUNK_BYTES = 20;

/** `text` as UTF-8, cut into writes of at most `chunkBytes`. */
export function nusChunks(text: string, chunkBytes: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) chunks.push(bytes.subarray(offset, offset + chunkBytes));
  return chunks;
}

/**
 * Connect to `device`'s UART and make it a text link. Writes go out one after another in the
 * order given (a piece waits for the one before), so a request cut in pieces arrives whole.
 * Fails with a plain sentence when the device offers no UART.
 */
export function openNusLink(device: BluetoothDeviceLike): Promise<TextLink> {
  const gatt = device.gatt;
  if (gatt === undefined) return Promise.reject(new Error('the device has no GATT server'));
  const textListeners: ((text: string) => void)[] = [];
  const lostListeners: ((reason: string) => void)[] = [];
  let closing = false;
  let ended = false;
  device.addEventListener('gattserverdisconnected', () => {
    if (ended) return;
    ended = true;
    if (!closing) lostListeners.forEach((listener) => listener('the board disconnected (out of range, reset or switched off)'));
  });
  let rx: GattCharacteristicLike;
  let tx: GattCharacteristicLike;
  return gatt
    .connect()
    .then((server) =>
      server.getPrimaryService(NUS_SERVICE).then(undefined, () => {
        gatt.disconnect();
        throw new Error('this board offers no Bluetooth console (Nordic UART Service): use Web Serial or FTMS');
      }),
    )
    .then((service) =>
      service
        .getCharacteristic(NUS_RX_CHARACTERISTIC)
        .then((found) => (rx = found))
        .then(() => service.getCharacteristic(NUS_TX_CHARACTERISTIC))
        .then((found) => (tx = found)),
    )
    .then(() => {
      const decoder = new TextDecoder('utf-8');
      tx.addEventListener('characteristicvaluechanged', () => {
        if (ended || tx.value === null) return;
        const text = decoder.decode(bytesOf(tx.value), { stream: true });
        if (text !== '') textListeners.forEach((listener) => listener(text));
      });
      return tx.startNotifications();
    })
    .then(() => {
      let queue: Promise<void> = Promise.resolve();
      const link: TextLink = {
        description: 'Bluetooth console (NUS)',
        write: (text: string) => {
          if (ended) return Promise.reject(new Error('the Bluetooth link is closed'));
          nusChunks(text, NUS_CHUNK_BYTES).forEach((chunk) => {
            queue = queue.then(() => rx.writeValue(chunk));
          });
          const written = queue;
          // A failed piece fails this write; the next write starts afresh.
          queue = queue.then(undefined, () => undefined);
          return written;
        },
        onText: (listener) => {
          textListeners.push(listener);
        },
        onLost: (listener) => {
          lostListeners.push(listener);
        },
        close: () => {
          closing = true;
          gatt.disconnect();
          ended = true;
          return Promise.resolve();
        },
      };
      return link;
    });
}

/**
 * Ask the user for the board (call it from a click): one advertising FTMS or named as the
 * firmware names itself; the UART is asked for as an optional service (Espruino does not
 * advertise it, yet serves it).
 */
export function requestNusLink(bluetooth: BluetoothLike): Promise<TextLink> {
  return bluetooth.requestDevice({ filters: [{ services: [FTMS_SERVICE] }, { namePrefix: ADVERTISED_NAME_PREFIX }], optionalServices: [NUS_SERVICE] }).then(openNusLink);
}
