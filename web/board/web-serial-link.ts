// A board's Espruino console over Web Serial as a text link: the port opened, its bytes read in a loop and written as they come.

import type { TextLink } from './text-link';
import type { SerialPortLike } from './web-serial-types';

/**
 * The port's speed, baud. Espruino's USB console ignores it (USB CDC); an ESP32's console on its
 * USB-serial chip runs at 115200, Espruino's default there, and the Web IDE's default too; the
 * host console (`npm run console -- --port`) uses the same.
 */
export const ESPRUINO_BAUD_RATE = 115200;

/**
 * Open `port` and make it a text link. Bytes are decoded as UTF-8 as they come (a character split
 * between two reads is kept whole); the read loop ends when the port goes (cable out, board
 * reset), which is reported once as lost.
 */
export function openWebSerialLink(port: SerialPortLike, baudRate: number): Promise<TextLink> {
  return port.open({ baudRate: baudRate }).then(() => {
    if (port.readable === null || port.writable === null) throw new Error('the port opened without its streams');
    const reader = port.readable.getReader();
    const writer = port.writable.getWriter();
    const textListeners: ((text: string) => void)[] = [];
    const lostListeners: ((reason: string) => void)[] = [];
    const decoder = new TextDecoder('utf-8');
    const encoder = new TextEncoder();
    let closing = false;
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      if (!closing) lostListeners.forEach((listener) => listener(reason));
    };
    const readLoop = (): Promise<void> =>
      reader.read().then(
        (result) => {
          if (result.done) {
            end('the serial port closed');
            return undefined;
          }
          if (result.value !== undefined) {
            const text = decoder.decode(result.value, { stream: true });
            if (text !== '') textListeners.forEach((listener) => listener(text));
          }
          return readLoop();
        },
        (error: Error) => end('the serial port failed: ' + error.message),
      );
    readLoop();
    const link: TextLink = {
      description: 'Web Serial',
      write: (text: string) => {
        if (ended) return Promise.reject(new Error('the serial port is closed'));
        return writer.write(encoder.encode(text));
      },
      onText: (listener) => {
        textListeners.push(listener);
      },
      onLost: (listener) => {
        lostListeners.push(listener);
      },
      close: () => {
        closing = true;
        // The streams' locks must go before the port closes, or close() fails.
        return reader
          .cancel()
          .then(undefined, () => undefined)
          .then(() => {
            reader.releaseLock();
            writer.releaseLock();
            end('closed');
            return port.close();
          })
          .then(undefined, () => undefined);
      },
    };
    return link;
  });
}

