// Ambient types for exactly the Espruino globals that hal/espruino calls, and nothing more.

/*
 * Why not @types/espruino (1.95.0): it is old and incomplete (no E.enableWatchdog, E.on,
 * process.memory, Storage, pin names), it wants three arguments for pinMode, and, included
 * globally, it adds `removeListener` to every Object and declares `arguments` as a global `any`
 * for the whole program (firmware, simulator and tests share one tsconfig). These declarations
 * describe the 2v2x interpreter; they were checked against Espruino's own jswrap sources.
 *
 * Timers (setInterval, setTimeout, clearInterval, clearTimeout), console and `global` come from
 * @types/node, whose shapes match Espruino's closely enough for the calls made here; on Espruino
 * a timer handle is a number. `require` and `process` are reached through `global` and cast to
 * the Espruino shapes below where they differ from Node's.
 */

/** A pin object (on the device pin names such as `B4` or `D13` are globals holding these). */
interface EspruinoPin {
  readonly espruinoPinBrand: 'EspruinoPin';
}

/** Options of `analogWrite`. `soft` asks for software PWM where hardware cannot do it (on ESP32: always). */
interface EspruinoAnalogWriteOptions {
  freq: number;
  soft?: boolean;
}

/** Pin modes of `pinMode` that the HAL uses. */
type EspruinoPinMode = 'input' | 'input_pullup' | 'input_pulldown' | 'output' | 'analog';

/** What a `setWatch` callback receives: the level after the edge and its time in seconds. */
interface EspruinoWatchEvent {
  state: boolean;
  time: number;
  lastTime: number;
}

interface EspruinoWatchOptions {
  repeat: boolean;
  edge: 'rising' | 'falling' | 'both';
  /** Milliseconds the level must stay stable before the callback runs (0: off). */
  debounce: number;
}

/** The built-in `Storage` module (flash file system). */
interface EspruinoStorageModule {
  read(name: string): string | undefined;
  write(name: string, data: string): boolean;
  erase(name: string): void;
  list(): string[];
}

/** What `process.memory()` reports, in variables ("blocks") of `blocksize` bytes. */
interface EspruinoMemoryInfo {
  free: number;
  usage: number;
  total: number;
  blocksize?: number;
}

/** The parts of Espruino's `process` object the HAL uses. */
interface EspruinoProcess {
  /** `runGarbageCollection` false skips the collection pass (keeps the call cheap). */
  memory(runGarbageCollection?: boolean): EspruinoMemoryInfo;
}

/** Hardware PWM (or software PWM with `soft`) at `value` 0..1. */
declare function analogWrite(pin: EspruinoPin, value: number, options?: EspruinoAnalogWriteOptions): void;
/** The pin's voltage as a fraction 0..1 of the supply. */
declare function analogRead(pin: EspruinoPin): number;
declare function digitalWrite(pin: EspruinoPin, value: boolean): void;
/** 1 for high, 0 for low. */
declare function digitalRead(pin: EspruinoPin): number;
declare function pinMode(pin: EspruinoPin, mode: EspruinoPinMode): void;
/** Returns the watch id, or undefined (with a console warning) when the pin cannot be watched. */
declare function setWatch(
  callback: (event: EspruinoWatchEvent) => void,
  pin: EspruinoPin,
  options: EspruinoWatchOptions,
): number | undefined;
/** Throws on an id that is not watched any more. */
declare function clearWatch(id: number): void;
/** Seconds since boot (or since `setTime`), as a float with microsecond resolution. */
declare function getTime(): number;

declare namespace E {
  /** Reset the chip `timeoutSeconds` after the last kick; `isAuto` false means only `kickWatchdog` kicks. */
  function enableWatchdog(timeoutSeconds: number, isAuto: boolean): void;
  function kickWatchdog(): void;
  /** Called with the error flags newly set, e.g. `['FIFO_FULL']` when watch edges were lost. */
  function on(event: 'errorFlag', listener: (flags: string[]) => void): void;
}

/** What `I2C.setup` takes: the pins and the clock rate, bits per second (default 100000). */
interface EspruinoI2CSetup {
  scl: EspruinoPin;
  sda: EspruinoPin;
  bitrate?: number;
}

/** An I2C bus in master mode: a hardware one (`I2C1`, a global) or a software one (`new I2C()`, any two pins). */
interface EspruinoI2C {
  setup(options: EspruinoI2CSetup): void;
  /** One transfer to the device at the 7-bit `address`: start, address, every byte of `data`, stop. Blocks until sent. */
  writeTo(address: number, data: Uint8Array): void;
}

/** The software I2C bus class, on every board. */
declare const I2C: { new (): EspruinoI2C };

/** What `Graphics.createArrayBuffer` takes; `vertical_byte`: each byte is 8 pixels down a column (an SSD1306 page). */
interface EspruinoGraphicsOptions {
  vertical_byte: boolean;
}

/** An offscreen 1-bit image drawn with Espruino's built-in Graphics library. */
interface EspruinoGraphics {
  /** The pixels: with `vertical_byte`, byte x + 128 * page holds column x of rows 8 * page .. 8 * page + 7, bit 0 on top. */
  readonly buffer: ArrayBuffer;
  /** A built-in bitmap font by name ('6x8', '4x6'); throws on a board that lacks it. */
  setFont(name: string): EspruinoGraphics;
  clearRect(x1: number, y1: number, x2: number, y2: number): EspruinoGraphics;
  drawString(text: string, x: number, y: number): EspruinoGraphics;
}

declare namespace Graphics {
  function createArrayBuffer(width: number, height: number, bitsPerPixel: number, options: EspruinoGraphicsOptions): EspruinoGraphics;
}

/*
 * The two globals the device boot itself makes (hal/espruino/boot.ts): the booted treadmill for
 * the console, and the line protocol's function. Declared as globals, and assigned by these names
 * (not through `global[...]`), so that the bundler sees them as the interpreter's and never gives
 * one of its own shortened top-level names the same name: a bundle whose minified helper was
 * called `rt` had it replaced by the console function at boot (found on the Pico with a display).
 * The top-level-name gate (scripts/top-level-names.ts) reads them here too.
 */
/** The booted treadmill (TreadmillConsole), reachable from the Espruino console. */
declare let treadmill: unknown;
/** The console line protocol: prints the reply to one JSON request line. */
declare let rt: (line: unknown) => void;
/** One characteristic of `NRF.setServices` (only the options the FTMS link uses). */
interface EspruinoCharacteristic {
  value?: number[] | Uint8Array;
  /** Longest value the characteristic may hold, bytes (Espruino's default: the first value's length). */
  maxLen?: number;
  readable?: boolean;
  writable?: boolean;
  notify?: boolean;
  indicate?: boolean;
  /** A client wrote: `data` holds the bytes (runs from the event loop, after the stack acknowledged the write). */
  onWrite?: (event: { data: ArrayBuffer }) => void;
}

/** Services by 16-bit UUID, each with its characteristics by 16-bit UUID. */
type EspruinoServices = { [serviceUuid: number]: { [characteristicUuid: number]: EspruinoCharacteristic } };

/** One characteristic's new value in `NRF.updateServices`; `notify`/`indicate` also send it to the connected client. */
interface EspruinoCharacteristicUpdate {
  value: Uint8Array;
  notify?: boolean;
  indicate?: boolean;
}

/** Espruino's Bluetooth LE object (nRF52 boards and ESP32); checked against libs/bluetooth/jswrap_bluetooth.c. */
declare namespace NRF {
  /** Replace the GATT services; only while no client is connected (it restarts the stack). */
  function setServices(services: EspruinoServices, options?: { uart?: boolean }): void;
  /**
   * Set values (and notify or indicate). Throws on a second indication before the first is
   * confirmed (nRF52: BUSY); a notification with the radio's buffers full is dropped silently.
   */
  function updateServices(updates: { [serviceUuid: number]: { [characteristicUuid: number]: EspruinoCharacteristicUpdate } }): void;
  /** Raw advertising data (AD structures, at most 31 bytes) when `data` is an array. */
  function setAdvertising(data: number[], options?: { interval?: number }): void;
  /** `connect` gets the client's address; `disconnect` the stack's reason code. */
  function on(event: 'connect' | 'disconnect', listener: (detail: unknown) => void): void;
}
