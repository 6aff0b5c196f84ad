// An HD44780 character LCD (16x2, 20x4) behind a PCF8574 I2C backpack, driven in 4-bit mode through the expander.

import type { TextDisplay } from '../text-display';
import type { DisplayProfile } from './board-profile';
import { openI2c } from './espruino-i2c';

/*
 * The backpack's wiring (the common one): expander bit 0 = RS, 1 = RW (always 0: write only),
 * 2 = E, 3 = backlight, 4-7 = the LCD's D4-D7. Every byte sent to the PCF8574 sets all eight
 * lines at once; the LCD takes a nibble on E's falling edge, so each nibble is two bytes: with E
 * high, then the same with E low.
 */
const REGISTER_SELECT = 0x01;
const ENABLE = 0x04;
const BACKLIGHT = 0x08;

/** The PCF8574 is a 100 kHz part; the waits below are counted in bytes at this rate (90 us a byte). */
export const HD44780_BITRATE_HZ = 100000;

/**
 * Power-up in 4-bit mode (HD44780 datasheet, "Initializing by instruction"): the nibble 3 three
 * times (8-bit function set, so that any state the LCD was left in ends the same), then 2 (4-bit
 * mode): the bytes 0x33 and 0x32 sent as nibbles. Then function set 0x28 (4-bit, two lines, 5x8
 * dots), display on without cursor 0x0C, clear 0x01, entry mode 0x06 (cursor moves right).
 */
export const HD44780_INIT_NIBBLES = [3, 3, 3, 2];
export const HD44780_INIT_COMMANDS = [0x28, 0x0c, 0x01, 0x06];
const CLEAR = 0x01;
/**
 * Idle bytes (E low) written as waits, at 90 us each: after the first nibble the datasheet wants
 * 4.1 ms (46 bytes), after the second 100 us (2), and a clear takes 1.52 ms (24 bytes, with
 * room for slower clones). Why bytes: the interpreter has no sleep, and a timer would split the
 * start-up over several events; the bus itself times the wait.
 */
const FIRST_NIBBLE_WAIT_BYTES = 46;
const SECOND_NIBBLE_WAIT_BYTES = 2;
const CLEAR_WAIT_BYTES = 24;
/** Set-DDRAM-address command. */
const SET_ADDRESS = 0x80;
/** Character written for anything outside the LCD's ASCII range (its ROM maps 0x5C and 0x7E elsewhere too). */
const UNKNOWN_CHARACTER = 0x3f;

/** The DDRAM address of `row`'s first character: 0x00, 0x40, then the first two rows' ends (0x14, 0x54 on 20 columns). */
export function hd44780RowAddress(row: number, columns: number): number {
  return (row % 2 === 1 ? 0x40 : 0) + (row >= 2 ? columns : 0);
}

/** The two bytes of one nibble (E high, then E low) with the register select `mode` and the backlight on. */
function pushNibble(bytes: number[], nibble: number, mode: number): void {
  const lines = ((nibble & 0x0f) << 4) | mode | BACKLIGHT;
  bytes.push(lines | ENABLE, lines);
}

function pushIdle(bytes: number[], count: number): void {
  for (let index = 0; index < count; index++) bytes.push(BACKLIGHT);
}

/** Write `value` as its two nibbles (four bytes) into `bytes` at `at`; returns where the next goes. */
function putByte(bytes: Uint8Array, at: number, value: number, mode: number): number {
  const high = (value & 0xf0) | mode | BACKLIGHT;
  const low = ((value << 4) & 0xf0) | mode | BACKLIGHT;
  bytes[at] = high | ENABLE;
  bytes[at + 1] = high;
  bytes[at + 2] = low | ENABLE;
  bytes[at + 3] = low;
  return at + 4;
}

/**
 * The LCD as a TextDisplay. Nothing is sent until the first line (the firmware's first redraw,
 * a quarter of a second after boot, long after the 40 ms the LCD needs from power-up); then it
 * is initialised, and each `showLine` is one bus transfer: the row's address and its characters,
 * 4 + 4 x columns bytes (84 on 20 columns, about 8 ms at 100 kHz). No allocation per line.
 */
export class Hd44780Display implements TextDisplay {
  readonly columns: number;
  readonly rows: number;
  private readonly bus: EspruinoI2C;
  private readonly address: number;
  /** One row's transfer, reused. */
  private readonly lineBytes: Uint8Array;
  private initialised = false;

  constructor(bus: EspruinoI2C, address: number, columns: number, rows: number) {
    this.bus = bus;
    this.address = address;
    this.columns = columns;
    this.rows = rows;
    this.lineBytes = new Uint8Array(4 + 4 * columns);
  }

  show(lines: string[]): void {
    for (let row = 0; row < this.rows; row++) this.showLine(row, row < lines.length ? lines[row] : '');
  }

  showLine(row: number, text: string): void {
    if (row < 0 || row >= this.rows) return;
    if (!this.initialised) this.initialise();
    const bytes = this.lineBytes;
    let at = putByte(bytes, 0, SET_ADDRESS | hd44780RowAddress(row, this.columns), 0);
    for (let column = 0; column < this.columns; column++) {
      let code = column < text.length ? text.charCodeAt(column) : 0x20;
      if (code < 0x20 || code > 0x7d) code = UNKNOWN_CHARACTER;
      at = putByte(bytes, at, code, REGISTER_SELECT);
    }
    this.bus.writeTo(this.address, bytes);
  }

  private initialise(): void {
    const bytes: number[] = [];
    HD44780_INIT_NIBBLES.forEach(function (nibble, index) {
      pushNibble(bytes, nibble, 0);
      pushIdle(bytes, index === 0 ? FIRST_NIBBLE_WAIT_BYTES : index === 1 ? SECOND_NIBBLE_WAIT_BYTES : 0);
    });
    HD44780_INIT_COMMANDS.forEach(function (command) {
      pushNibble(bytes, command >> 4, 0);
      pushNibble(bytes, command & 0x0f, 0);
      if (command === CLEAR) pushIdle(bytes, CLEAR_WAIT_BYTES);
    });
    this.bus.writeTo(this.address, new Uint8Array(bytes));
    this.initialised = true;
  }
}

/** Make the display `profile` describes on its I2C pins (the build's entry passes this to the HAL when the machine has one). */
export function makeHd44780Display(profile: DisplayProfile): TextDisplay {
  return new Hd44780Display(openI2c(profile.i2c, HD44780_BITRATE_HZ), profile.address, profile.columns, profile.rows);
}
