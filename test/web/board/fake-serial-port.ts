// A Web Serial port for the tests, on web streams (global in Node 20), wired to a fake board: what the page's Web Serial link sees.

import type { SerialLike, SerialPortLike } from '../../../web/board/web-serial-types';
import type { FakeConsoleBoard } from './fake-console-board';

/**
 * A SerialPort as Web Serial gives it: `open` makes a readable and a writable byte stream; bytes
 * written reach the board as text, the board's output is read back as bytes. `unplug` ends the
 * readable with the error a browser gives when the device goes.
 */
export class FakeSerialPort implements SerialPortLike {
  readable: ReadableStream<Uint8Array> | null = null;
  writable: WritableStream<Uint8Array> | null = null;
  /** The baud rate the port was opened at, or null before. */
  baudRate: number | null = null;
  closed = false;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor(private readonly board: FakeConsoleBoard) {
    const encoder = new TextEncoder();
    board.onOutput((text: string) => {
      if (this.controller !== null) this.controller.enqueue(encoder.encode(text));
    });
  }

  open(options: { baudRate: number }): Promise<void> {
    if (this.baudRate !== null) return Promise.reject(new Error('InvalidStateError: the port is already open'));
    this.baudRate = options.baudRate;
    const decoder = new TextDecoder();
    this.readable = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
    });
    const board = this.board;
    this.writable = new WritableStream<Uint8Array>({
      write: (chunk: Uint8Array) => {
        board.write(decoder.decode(chunk, { stream: true }));
      },
    });
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    this.controller = null;
    return Promise.resolve();
  }

  /** The cable pulled: reads fail as a browser's do. */
  unplug(): void {
    if (this.controller !== null) this.controller.error(new Error('The device has been lost.'));
    this.controller = null;
  }
}

/** `navigator.serial` that hands out `port` when asked (the user picks it), and counts the asks. */
export function fakeSerial(port: FakeSerialPort): SerialLike & { requests: number } {
  const serial = {
    requests: 0,
    requestPort: () => {
      serial.requests++;
      return Promise.resolve(port as SerialPortLike);
    },
  };
  return serial;
}
