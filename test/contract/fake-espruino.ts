// Faked Espruino globals on Node (pins, PWM, watches, time, E, Storage, process.memory) for the device ports.

import * as sinon from 'sinon';

/** PWM state of a fake pin while `analogWrite` drives it. */
export interface FakePwm {
  duty: number;
  frequencyHz: number;
  software: boolean;
}

/** One pin of the fake board. `toString` gives its name, as `String(pin)` does on Espruino. */
export interface FakePin {
  readonly name: string;
  /** Last `pinMode`, or 'output' after a write; undefined while untouched. */
  mode: string | undefined;
  /** Electrical level: what an output drives, or what the outside world drives into an input. */
  level: boolean;
  /** Set while `analogWrite` drives the pin; cleared by `digitalWrite`. */
  pwm: FakePwm | undefined;
  /** What `analogRead` returns, 0..1. */
  analogValue: number;
  /** When false, `setWatch` on this pin fails like an unwatchable pin on the device. */
  watchable: boolean;
  toString(): string;
}

/** One `setWatch` registration. */
export interface FakeWatch {
  id: number;
  pin: FakePin;
  callback: (event: EspruinoWatchEvent) => void;
  options: EspruinoWatchOptions;
  cleared: boolean;
  lastEdgeTimeS: number;
}

/** One call into a faked global, in order, for tests that check what happened first. */
export interface FakeCall {
  name: string;
  pin: string | undefined;
  args: unknown[];
}

/** The fake Storage module's failure modes. */
export type FakeStorageFailure = 'none' | 'returnFalse' | 'throw';

/** Pin names the fake board has (a superset of the Pico, Jolt.js and ESP32 names used here). */
function fakePinNames(): string[] {
  const names: string[] = [];
  for (let index = 0; index < 16; index++) {
    names.push('A' + index);
    names.push('B' + index);
  }
  for (let index = 13; index < 16; index++) names.push('C' + index);
  for (let index = 0; index < 48; index++) names.push('D' + index);
  return names;
}

function makeFakePin(name: string): FakePin {
  return {
    name,
    mode: undefined,
    level: false,
    pwm: undefined,
    analogValue: 0,
    watchable: true,
    toString: () => name,
  };
}

/**
 * A fake Espruino board installed on the global object. Time is sinon's fake clock:
 * `getTime()` is `clock.now / 1000`, and Espruino's `setInterval`/`setTimeout` are sinon's.
 * Watch callbacks and error-flag events run later from a zero-delay fake timer, as they run
 * from the event loop on the device: call `settle()` (or advance the clock) to deliver them.
 */
export class FakeEspruino {
  readonly clock: sinon.SinonFakeTimers;
  readonly calls: FakeCall[] = [];
  readonly watches: FakeWatch[] = [];
  readonly files = new Map<string, string>();
  storageFailure: FakeStorageFailure = 'none';
  watchdogTimeoutS: number | undefined = undefined;
  watchdogAutomatic: boolean | undefined = undefined;
  watchdogKicks = 0;
  memoryInfo: EspruinoMemoryInfo = { free: 4000, usage: 1100, total: 5100, blocksize: 12 };
  /** Every I2C transfer, in order: the bus ('I2C1', or 'software' for `new I2C()`), the address, the bytes. */
  readonly i2cWrites: { bus: string; address: number; bytes: number[] }[] = [];
  /** Every I2C `setup`: the bus, the pin names, the bitrate. */
  readonly i2cSetups: { bus: string; scl: string; sda: string; bitrate: number | undefined }[] = [];
  /** The font each fake Graphics was given last ('' before any). */
  graphicsFont = '';
  private readonly pins = new Map<string, FakePin>();
  private readonly errorFlagListeners: ((flags: string[]) => void)[] = [];
  private readonly savedGlobals = new Map<string, PropertyDescriptor | undefined>();
  private lastKickMs = 0;
  private nextWatchId = 1;

  constructor() {
    this.clock = sinon.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    fakePinNames().forEach((name) => this.pins.set(name, makeFakePin(name)));
    this.install();
  }

  /** The fake pin called `name` (throws for a name the fake board does not have). */
  pin(name: string): FakePin {
    const pin = this.pins.get(name);
    if (!pin) throw new Error('fake board has no pin ' + name);
    return pin;
  }

  /** The pin object a port would get from resolvePin. */
  pinObject(name: string): EspruinoPin {
    return this.pin(name) as unknown as EspruinoPin;
  }

  /** Drive an input from outside; an edge (level change) queues the matching watch callbacks. */
  driveInput(name: string, level: boolean): void {
    const pin = this.pin(name);
    if (pin.level === level) return;
    pin.level = level;
    const timeS = this.clock.now / 1000;
    this.watches.forEach((watch) => {
      if (watch.cleared || watch.pin !== pin) return;
      const edge = watch.options.edge;
      if ((edge === 'rising' && !level) || (edge === 'falling' && level)) {
        watch.lastEdgeTimeS = timeS;
        return;
      }
      const event: EspruinoWatchEvent = { state: level, time: timeS, lastTime: watch.lastEdgeTimeS };
      watch.lastEdgeTimeS = timeS;
      this.clock.setTimeout(() => {
        if (!watch.cleared) watch.callback(event);
      }, 0);
    });
  }

  /** Raise an interpreter error flag such as 'FIFO_FULL'; listeners hear it from the event loop. */
  raiseErrorFlag(flag: string): void {
    this.clock.setTimeout(() => {
      this.errorFlagListeners.forEach((listener) => listener([flag]));
    }, 0);
  }

  /** Run the event loop once at the current time (queued watch and error-flag callbacks). */
  settle(): void {
    this.clock.tick(0);
  }

  /** Active (not cleared) watches on pin `name`. */
  watchesOn(name: string): FakeWatch[] {
    return this.watches.filter((watch) => !watch.cleared && watch.pin.name === name);
  }

  /** True when the hardware watchdog would have reset the board by now. */
  watchdogExpired(): boolean {
    if (this.watchdogTimeoutS === undefined) return false;
    return this.clock.now - this.lastKickMs >= this.watchdogTimeoutS * 1000;
  }

  /** Take every fake off the global object and restore the real timers. */
  uninstall(): void {
    this.savedGlobals.forEach((descriptor, name) => {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    });
    this.savedGlobals.clear();
    delete (process as unknown as Record<string, unknown>).memory;
    this.clock.restore();
  }

  private record(name: string, pin: unknown, args: unknown[]): void {
    this.calls.push({ name, pin: pin === undefined ? undefined : String(pin), args });
  }

  private setGlobal(name: string, value: unknown): void {
    if (!this.savedGlobals.has(name)) this.savedGlobals.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true, enumerable: false });
  }

  /** A fake I2C bus that records its setup and transfers. */
  private makeI2c(bus: string): EspruinoI2C {
    return {
      setup: (options: EspruinoI2CSetup) => {
        this.i2cSetups.push({ bus, scl: String(options.scl), sda: String(options.sda), bitrate: options.bitrate });
      },
      writeTo: (address: number, data: Uint8Array) => {
        this.i2cWrites.push({ bus, address, bytes: Array.from(data) });
      },
    };
  }

  /**
   * A fake 1-bit Graphics with `vertical_byte` layout. It draws no glyphs: each character's code
   * goes into the first byte of its 6-pixel cell, so a test can see where text landed in the buffer.
   */
  private makeGraphics(widthPx: number, heightPx: number): EspruinoGraphics {
    const bytes = new Uint8Array((widthPx * heightPx) / 8);
    const graphics: EspruinoGraphics = {
      buffer: bytes.buffer,
      setFont: (name: string) => {
        this.graphicsFont = name;
        return graphics;
      },
      clearRect: (x1: number, y1: number, x2: number, y2: number) => {
        for (let page = y1 >> 3; page <= y2 >> 3; page++) bytes.fill(0, page * widthPx + x1, page * widthPx + x2 + 1);
        return graphics;
      },
      drawString: (text: string, x: number, y: number) => {
        for (let index = 0; index < text.length; index++) bytes[(y >> 3) * widthPx + x + index * 6] = text.charCodeAt(index);
        return graphics;
      },
    };
    return graphics;
  }

  private install(): void {
    this.pins.forEach((pin, name) => this.setGlobal(name, pin));
    this.setGlobal('I2C1', this.makeI2c('I2C1'));
    const makeSoftwareI2c = () => this.makeI2c('software');
    this.setGlobal('I2C', function () {
      return makeSoftwareI2c();
    });
    this.setGlobal('Graphics', { createArrayBuffer: (widthPx: number, heightPx: number) => this.makeGraphics(widthPx, heightPx) });
    this.setGlobal('digitalWrite', (pin: FakePin, value: boolean) => {
      this.record('digitalWrite', pin, [value]);
      pin.level = Boolean(value);
      pin.pwm = undefined;
      pin.mode = 'output';
    });
    this.setGlobal('digitalRead', (pin: FakePin) => {
      this.record('digitalRead', pin, []);
      return pin.level ? 1 : 0;
    });
    this.setGlobal('analogWrite', (pin: FakePin, value: number, options?: EspruinoAnalogWriteOptions) => {
      this.record('analogWrite', pin, [value, options]);
      pin.pwm = {
        duty: value,
        frequencyHz: options && options.freq ? options.freq : 0,
        software: Boolean(options && options.soft),
      };
      pin.mode = 'output';
    });
    this.setGlobal('analogRead', (pin: FakePin) => {
      this.record('analogRead', pin, []);
      return pin.analogValue;
    });
    this.setGlobal('pinMode', (pin: FakePin, mode: string) => {
      this.record('pinMode', pin, [mode]);
      pin.mode = mode;
      // An undriven input settles at its pull resistor's level.
      if (mode === 'input_pullup') pin.level = true;
      if (mode === 'input_pulldown') pin.level = false;
    });
    this.setGlobal('setWatch', (callback: (event: EspruinoWatchEvent) => void, pin: FakePin, options: EspruinoWatchOptions) => {
      this.record('setWatch', pin, [options]);
      if (!pin.watchable) return undefined;
      const watch: FakeWatch = { id: this.nextWatchId++, pin, callback, options, cleared: false, lastEdgeTimeS: 0 };
      this.watches.push(watch);
      return watch.id;
    });
    this.setGlobal('clearWatch', (id: number) => {
      this.record('clearWatch', undefined, [id]);
      const watch = this.watches.find((candidate) => candidate.id === id && !candidate.cleared);
      if (!watch) throw new Error('Unknown Watch ' + id);
      watch.cleared = true;
    });
    this.setGlobal('getTime', () => this.clock.now / 1000);
    this.setGlobal('E', {
      enableWatchdog: (timeoutS: number, isAuto: boolean) => {
        this.record('E.enableWatchdog', undefined, [timeoutS, isAuto]);
        this.watchdogTimeoutS = timeoutS;
        this.watchdogAutomatic = isAuto;
        this.lastKickMs = this.clock.now;
      },
      kickWatchdog: () => {
        this.record('E.kickWatchdog', undefined, []);
        this.watchdogKicks++;
        this.lastKickMs = this.clock.now;
      },
      on: (event: string, listener: (flags: string[]) => void) => {
        this.record('E.on', undefined, [event]);
        if (event === 'errorFlag') this.errorFlagListeners.push(listener);
      },
    });
    const storageModule: EspruinoStorageModule = {
      read: (name: string) => {
        this.record('Storage.read', undefined, [name]);
        return this.files.get(name);
      },
      write: (name: string, data: string) => {
        this.record('Storage.write', undefined, [name, data]);
        // Espruino's own checks: names up to 28 characters; a full flash fails the write.
        if (name.length > 28) throw new Error('Storage: file name too long');
        if (this.storageFailure === 'throw') throw new Error('Storage: not enough free space');
        if (this.storageFailure === 'returnFalse') return false;
        this.files.set(name, String(data));
        return true;
      },
      erase: (name: string) => {
        this.record('Storage.erase', undefined, [name]);
        this.files.delete(name);
      },
      list: () => Array.from(this.files.keys()),
    };
    this.setGlobal('require', (moduleName: string) => {
      if (moduleName === 'Storage') return storageModule;
      throw new Error('fake Espruino has no module ' + moduleName);
    });
    (process as unknown as Record<string, unknown>).memory = (runGarbageCollection?: boolean) => {
      this.record('process.memory', undefined, [runGarbageCollection]);
      return this.memoryInfo;
    };
  }
}

/** Install a fresh fake board; pair with `uninstall()` in afterEach. */
export function installFakeEspruino(): FakeEspruino {
  return new FakeEspruino();
}
