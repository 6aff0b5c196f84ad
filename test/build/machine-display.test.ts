// The machine file's display: checked field by field, refused on boards without room or pins, and its driver the only one in the bundle.

import assert from 'node:assert/strict';
import { bundleFirmware } from '../../scripts/device-bundles';
import { displayOn, parseMachineDescription } from '../../scripts/machine-description';

const BELT = { beltDistance: { metersPerPulse: 0.3048 } };

function displayOf(display: unknown, board?: string): ReturnType<typeof parseMachineDescription>['display'] {
  return parseMachineDescription(Object.assign({}, BELT, { display }, board !== undefined ? { board } : {})).display;
}

function refusal(display: unknown, board?: string): string {
  try {
    displayOf(display, board);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('machine file: display', () => {
  it('no display field: no display', () => {
    assert.equal(parseMachineDescription(BELT).display, null);
  });

  it('an HD44780 backpack defaults to 20x4 at 0x27; 16x2 and the PCF8574A addresses are taken', () => {
    assert.deepEqual(displayOf({ kind: 'hd44780-pcf8574' }), { kind: 'hd44780-pcf8574', columns: 20, rows: 4, address: 0x27 });
    assert.deepEqual(displayOf({ kind: 'hd44780-pcf8574', columns: 16, rows: 2, address: 63 }), { kind: 'hd44780-pcf8574', columns: 16, rows: 2, address: 0x3f });
  });

  it('an SSD1306 is 21x8 text at 0x3C or 0x3D', () => {
    assert.deepEqual(displayOf({ kind: 'ssd1306' }), { kind: 'ssd1306', columns: 21, rows: 8, address: 0x3c });
    assert.equal(displayOf({ kind: 'ssd1306', address: 61 })!.address, 0x3d);
  });

  it('every problem names the field', () => {
    assert.equal(refusal('lcd'), 'display must be an object (got "lcd")');
    assert.equal(refusal({ kind: 'st7735' }), 'display.kind must be "hd44780-pcf8574" or "ssd1306" (got "st7735")');
    assert.equal(refusal({}), 'display.kind must be "hd44780-pcf8574" or "ssd1306" (got nothing)');
    assert.equal(refusal({ kind: 'hd44780-pcf8574', columns: 40 }), 'display.columns must be one of 20, 16 (got 40)');
    assert.equal(refusal({ kind: 'hd44780-pcf8574', rows: 3 }), 'display.rows must be one of 4, 2 (got 3)');
    assert.match(refusal({ kind: 'hd44780-pcf8574', address: 0x50 }), /^display\.address must be one of 39, 32, .* \(got 80\)$/);
    assert.equal(refusal({ kind: 'ssd1306', rows: 8 }), 'display.rows does not apply to an "ssd1306" display; allowed: kind, address');
    assert.equal(refusal({ kind: 'hd44780-pcf8574', contrast: 3 }), 'display.contrast does not apply to an "hd44780-pcf8574" display; allowed: kind, columns, rows, address');
  });

  it('the Pico\'s compact edition has no room for it, and the Jolt.js no pins: refused with the field named', () => {
    assert.equal(refusal({ kind: 'ssd1306' }, 'pico'), 'display: the pico board runs the compact edition, which has no room for a display (README.md, "Display"); remove "display" or build for the esp32');
    assert.equal(refusal({ kind: 'ssd1306' }, 'jolt'), 'display: the jolt board has no I2C pins free for a display (docs/wiring.md); remove "display" or build for the esp32');
  });

  it('on the ESP32 it goes on I2C1, SCL D15, SDA D5', () => {
    const machine = parseMachineDescription(Object.assign({}, BELT, { display: { kind: 'hd44780-pcf8574', columns: 16, rows: 2 } }));
    assert.deepEqual(displayOn(machine, 'esp32', 'hbridge'), { kind: 'hd44780-pcf8574', columns: 16, rows: 2, address: 0x27, i2c: { bus: 'I2C1', scl: 'D15', sda: 'D5' } });
  });

  it('the bundle holds the configured display\'s driver only, and none without a display', async function () {
    this.timeout(60000);
    const machine = parseMachineDescription(Object.assign({}, BELT, { display: { kind: 'ssd1306' } }));
    const oled = (await bundleFirmware('esp32', 'mc2100', {}, true, displayOn(machine, 'esp32', 'mc2100'))).text;
    const lcdMachine = parseMachineDescription(Object.assign({}, BELT, { display: { kind: 'hd44780-pcf8574' } }));
    const lcd = (await bundleFirmware('esp32', 'mc2100', {}, true, displayOn(lcdMachine, 'esp32', 'mc2100'))).text;
    const none = (await bundleFirmware('esp32', 'mc2100', {}, true, null)).text;
    assert.ok(oled.indexOf('vertical_byte') >= 0 && oled.indexOf('writeTo') >= 0, 'the OLED bundle draws with Graphics and writes I2C');
    assert.ok(lcd.indexOf('writeTo') >= 0 && lcd.indexOf('vertical_byte') < 0, 'the LCD bundle has no OLED driver');
    assert.ok(none.indexOf('writeTo') < 0 && none.indexOf('vertical_byte') < 0 && none.indexOf('I2C1') < 0, 'no display: no driver, no bus');
  });
});
