// What the board links use of the Web Serial API (navigator.serial), declared here: TypeScript's DOM library does not have it yet.

/** A stream reader as Web Serial hands it out (a ReadableStreamDefaultReader of bytes). */
export interface ByteReader {
  read(): Promise<{ value?: Uint8Array; done: boolean }>;
  cancel(): Promise<void>;
  releaseLock(): void;
}

/** A stream writer as Web Serial hands it out (a WritableStreamDefaultWriter of bytes). */
export interface ByteWriter {
  write(chunk: Uint8Array): Promise<void>;
  releaseLock(): void;
}

/** A serial port (Web Serial's SerialPort): opened once, then two byte streams. */
export interface SerialPortLike {
  open(options: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  readonly readable: { getReader(): ByteReader } | null;
  readonly writable: { getWriter(): ByteWriter } | null;
}

/** `navigator.serial`: the port picker (it must be called from a click: the browser asks the user). */
export interface SerialLike {
  requestPort(options?: { filters?: { usbVendorId?: number; usbProductId?: number }[] }): Promise<SerialPortLike>;
}
