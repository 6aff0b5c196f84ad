// Opens the I2C bus a display is wired to: a hardware bus by its global name, or Espruino's software bus.

import type { I2cPinsProfile } from './board-profile';
import { resolvePin } from './resolve-pin';

/**
 * The bus of `pins`, set up at `bitrateHz`. A hardware bus (`I2C1`) sends while the interpreter
 * waits; the software bus toggles the pins from the interpreter, which costs more of its time
 * but works on any two pins. Called once at boot. Throws when the board has no such bus or pin.
 */
export function openI2c(pins: I2cPinsProfile, bitrateHz: number): EspruinoI2C {
  let bus: EspruinoI2C;
  if (pins.bus === '') bus = new I2C();
  else {
    const found = (global as unknown as { [name: string]: EspruinoI2C | undefined })[pins.bus];
    if (!found) throw new Error('openI2c: this board has no I2C bus named ' + pins.bus);
    bus = found;
  }
  bus.setup({ scl: resolvePin(pins.scl), sda: resolvePin(pins.sda), bitrate: bitrateHz });
  return bus;
}
