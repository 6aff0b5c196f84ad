// The display drivers against a byte-level fake of the I2C bus: set-up, addressing, a row, a full screen.

import { strict as assert } from 'assert';
import * as sinon from 'sinon';
import type { DisplayProfile } from '../../hal/espruino/board-profile';
import { BOARD as ESP32_BOARD } from '../../hal/espruino/boards/esp32';
import { hd44780RowAddress, makeHd44780Display } from '../../hal/espruino/hd44780-display';
import { makeEspruinoHal } from '../../hal/espruino/make-hal';
import { makeSsd1306Display } from '../../hal/espruino/ssd1306-display';
import { FakeEspruino, installFakeEspruino } from './fake-espruino';

const E = 0x04;
const LIGHT = 0x08;

/** What the PCF8574 must get for one nibble: the lines with E high, then low (written out here, not taken from the driver). */
function nibble(value: number, rs: number): number[] {
  const lines = (value << 4) | rs | LIGHT;
  return [lines | E, lines];
}

function byteOf(value: number, rs: number): number[] {
  return nibble(value >> 4, rs).concat(nibble(value & 15, rs));
}

function idle(count: number): number[] {
  return new Array(count).fill(LIGHT);
}

/** The HD44780 power-up the datasheet asks for: 3, wait 4.1 ms, 3, wait 100 us, 3, 2, then 0x28, 0x0C, 0x01 (wait 1.52 ms), 0x06. */
const HD44780_INIT = nibble(3, 0)
  .concat(idle(46), nibble(3, 0), idle(2), nibble(3, 0), nibble(2, 0))
  .concat(byteOf(0x28, 0), byteOf(0x0c, 0), byteOf(0x01, 0), idle(24), byteOf(0x06, 0));

function lcd(columns: number, rows: number, address: number): DisplayProfile {
  return { kind: 'hd44780-pcf8574', columns, rows, address, i2c: { bus: 'I2C1', scl: 'D15', sda: 'D5' } };
}

describe('display drivers on a fake I2C bus', () => {
  let fake: FakeEspruino;
  beforeEach(() => {
    fake = installFakeEspruino();
  });
  afterEach(() => fake.uninstall());

  describe('HD44780 behind a PCF8574', () => {
    it('sets the bus up at 100 kHz on the profile\'s pins and sends nothing before the first row', () => {
      makeHd44780Display(lcd(20, 4, 0x27));
      assert.deepEqual(fake.i2cSetups, [{ bus: 'I2C1', scl: 'D15', sda: 'D5', bitrate: 100000 }]);
      assert.deepEqual(fake.i2cWrites, []);
    });

    it('initialises in 4-bit mode at the first row, then writes the row at its DDRAM address, padded with spaces', () => {
      const display = makeHd44780Display(lcd(20, 4, 0x27));
      display.showLine!(1, 'Hi');
      assert.equal(fake.i2cWrites.length, 2);
      assert.deepEqual(fake.i2cWrites[0], { bus: 'I2C1', address: 0x27, bytes: HD44780_INIT });
      assert.deepEqual(fake.i2cWrites[0].bytes.slice(0, 2), [0x3c, 0x38], 'the first nibble: 3 with E high, then low, backlight on');
      const row = fake.i2cWrites[1];
      assert.equal(row.address, 0x27);
      assert.equal(row.bytes.length, 4 + 4 * 20);
      assert.deepEqual(row.bytes.slice(0, 4), [0xcc, 0xc8, 0x0c, 0x08], 'set DDRAM address 0x40 (0xC0) as a command');
      assert.deepEqual(row.bytes.slice(4, 12), [0x4d, 0x49, 0x8d, 0x89, 0x6d, 0x69, 0x9d, 0x99], '"H" and "i" as data (RS high)');
      assert.deepEqual(row.bytes.slice(12, 16), [0x2d, 0x29, 0x0d, 0x09], 'padded with spaces');
      display.showLine!(3, 'x');
      assert.equal(fake.i2cWrites.length, 3, 'initialised once');
      assert.deepEqual(fake.i2cWrites[2].bytes.slice(0, 4), byteOf(0x80 | 0x54, 0), 'row 3 of a 20x4 at 0x54');
    });

    it('row addresses: 0x00, 0x40, 0x14, 0x54 on 20 columns; 0x00, 0x40 on a 16x2', () => {
      assert.deepEqual([0, 1, 2, 3].map((row) => hd44780RowAddress(row, 20)), [0x00, 0x40, 0x14, 0x54]);
      assert.deepEqual([0, 1].map((row) => hd44780RowAddress(row, 16)), [0x00, 0x40]);
    });

    it('a full 16x2 screen at the alternative address 0x3F: two rows of 16 characters; odd characters become "?"', () => {
      const display = makeHd44780Display(lcd(16, 2, 0x3f));
      display.show(['Ready\u00b0      km/h', 'a line far too long for it']);
      assert.equal(fake.i2cWrites.length, 3);
      fake.i2cWrites.forEach((write) => assert.equal(write.address, 0x3f));
      const characters = (bytes: number[]) => {
        let text = '';
        for (let at = 4; at < bytes.length; at += 4) text += String.fromCharCode((bytes[at + 1] & 0xf0) | (bytes[at + 3] >> 4));
        return text;
      };
      assert.equal(characters(fake.i2cWrites[1].bytes), 'Ready?      km/h');
      assert.equal(characters(fake.i2cWrites[2].bytes), 'a line far too l');
      assert.deepEqual(fake.i2cWrites[2].bytes.slice(0, 4), byteOf(0xc0, 0));
    });

    it('ignores a row the display does not have', () => {
      const display = makeHd44780Display(lcd(16, 2, 0x27));
      display.showLine!(2, 'x');
      assert.deepEqual(fake.i2cWrites, []);
    });
  });

  describe('SSD1306 OLED', () => {
    const oled: DisplayProfile = { kind: 'ssd1306', columns: 21, rows: 8, address: 0x3c, i2c: { bus: '', scl: 'B6', sda: 'B7' } };
    const INIT = [0x00, 0xae, 0xd5, 0x80, 0xa8, 0x3f, 0xd3, 0x00, 0x40, 0x8d, 0x14, 0x20, 0x00, 0xa1, 0xc8, 0xda, 0x12, 0x81, 0xcf, 0xd9, 0xf1, 0xdb, 0x40, 0xa4, 0xa6, 0xaf];

    it('is 21x8 with the 6x8 font, on the software bus at 400 kHz', () => {
      const display = makeSsd1306Display(oled);
      assert.equal(display.columns, 21);
      assert.equal(display.rows, 8);
      assert.equal(fake.graphicsFont, '6x8');
      assert.deepEqual(fake.i2cSetups, [{ bus: 'software', scl: 'B6', sda: 'B7', bitrate: 400000 }]);
    });

    it('initialises and clears all 8 pages at the first row, then sends only that row\'s page', () => {
      const display = makeSsd1306Display(oled);
      display.showLine!(2, 'Hi');
      const writes = fake.i2cWrites;
      assert.deepEqual(writes[0], { bus: 'software', address: 0x3c, bytes: INIT });
      // Eight pages cleared, each a window then 129 bytes, then page 2 again with the text.
      assert.equal(writes.length, 1 + 2 * 8 + 2);
      for (let page = 0; page < 8; page++) {
        assert.deepEqual(writes[1 + 2 * page].bytes, [0x00, 0x21, 0, 127, 0x22, page, page]);
        assert.equal(writes[2 + 2 * page].bytes.length, 129);
        assert.equal(writes[2 + 2 * page].bytes[0], 0x40);
      }
      const window = writes[17].bytes;
      const data = writes[18].bytes;
      assert.deepEqual(window, [0x00, 0x21, 0, 127, 0x22, 2, 2]);
      assert.equal(data[0], 0x40);
      assert.equal(data[1], 'H'.charCodeAt(0), 'the text at column 0 of page 2');
      assert.equal(data[1 + 6], 'i'.charCodeAt(0), 'the next character 6 pixels on');
      display.showLine!(5, 'x');
      assert.equal(writes.length, 21, 'after the set-up, one row is two transfers');
      assert.deepEqual(writes[19].bytes, [0x00, 0x21, 0, 127, 0x22, 5, 5]);
      assert.equal(writes[20].bytes[1], 'x'.charCodeAt(0));
      assert.equal(writes[20].bytes[1 + 6], 0, 'the page was cleared before drawing');
    });

    it('a full screen: eight pages in order', () => {
      const display = makeSsd1306Display(oled);
      display.show(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
      const pageWrites = fake.i2cWrites.slice(17).filter((write) => write.bytes[0] === 0x40);
      assert.deepEqual(pageWrites.map((write) => String.fromCharCode(write.bytes[1])).join(''), 'abcdefgh');
    });
  });

  describe('makeEspruinoHal', () => {
    it('makes the display only when the board profile has one and the entry passed its driver', () => {
      // The HAL logs its board to the console: keep the test output clean.
      const consoleLog = sinon.stub(console, 'log');
      try {
        const display: DisplayProfile = lcd(20, 4, 0x27);
        assert.equal(makeEspruinoHal(ESP32_BOARD, makeHd44780Display).display, undefined, 'no display in the profile');
        assert.equal(makeEspruinoHal(Object.assign({}, ESP32_BOARD, { display })).display, undefined, 'no driver passed');
        const hal = makeEspruinoHal(Object.assign({}, ESP32_BOARD, { display }), makeHd44780Display);
        assert.ok(hal.display);
        assert.equal(hal.display.columns, 20);
        assert.equal(hal.display.rows, 4);
      } finally {
        consoleLog.restore();
      }
    });
  });
});
