// ESP32 (ESP32-WROOM DevKitC running Espruino): which pin does what.

import type { BoardProfile, InputPinProfile, MotorDriveProfile } from '../board-profile';
import { bts7960Drive, groundedButton, mc2100Drive } from './shared-wiring';
import { BOARD_TIMING } from './board-timing';

/**
 * A console button on D34-D39: input-only pins without internal pull resistors; fit an external
 * 10 kOhm pull-up to 3.3 V (the incline keys on D34/D35, the Program key on D39).
 */
function buttonWithExternalPullUp(pin: string): InputPinProfile {
  return { pin, activeLow: true, pull: 'none', debounceMs: 25 };
}

/**
 * Pin choices (see docs/wiring.md):
 * - Espruino on ESP32 watches only D0, D12-D19, D21, D22, D25-D27 and D34-D39, and always turns
 *   the internal pull-up on for a watched pin: every watched input here is active low.
 * - Hardware PWM (LEDC) runs at 10-bit resolution, which cannot go below about 76 Hz: the
 *   MC-2100's 20 Hz is software PWM (`softwarePwm`). D25/D26 are DAC pins where analogWrite
 *   gives a voltage, not PWM, so they only switch the incline relays here.
 * - Avoided: strapping pins D0, D2, D5, D12, D15; flash pins D6-D11; UART0 D1/D3.
 *   On WROVER modules D16/D17 belong to the PSRAM: move start/stop elsewhere there.
 * - ESP32 pins are 3.3 V only.
 * - A display (optional, machine.json `display`) goes on the hardware bus I2C1, which the ESP32
 *   routes to any pins: SCL D15, SDA D5. Both are strapping pins whose boot level is high (their
 *   internal pull-ups), which the bus's pull-ups keep.
 * - The Program key takes D39, the last watchable pin free (input only, external pull-up). None is
 *   left for quick-speed keys: D0 and D12 are strapping pins a pressed or pulled-up key would
 *   upset at reset, and D37/D38 are not brought out on the DevKitC.
 */
function esp32Profile(name: string, motor: MotorDriveProfile): BoardProfile {
  return {
    name,
    edition: 'full',
    controlPeriodMs: BOARD_TIMING.esp32.controlPeriodMs,
    motor,
    safetyKey: { pin: 'D13', activeLow: true, pull: 'up', debounceMs: 10 },
    beltEncoder: { pin: 'D14', activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs: 2 },
    beltDirectionSensor: { pin: 'D27', activeLow: true, pull: 'up', debounceMs: 0 },
    incline: {
      up: { pin: 'D25', activeLow: false },
      down: { pin: 'D26', activeLow: false },
      position: { kind: 'analog', pin: 'D36' },
    },
    buttons: {
      start: groundedButton('D16'),
      stop: groundedButton('D17'),
      speedUp: groundedButton('D18'),
      speedDown: groundedButton('D19'),
      direction: groundedButton('D21'),
      slowDown: groundedButton('D22'),
      inclineUp: buttonWithExternalPullUp('D34'),
      inclineDown: buttonWithExternalPullUp('D35'),
      program: buttonWithExternalPullUp('D39'),
    },
    beeper: { pin: 'D4' },
    displayI2c: { bus: 'I2C1', scl: 'D15', sda: 'D5' },
    bluetooth: true,
  };
}

// Marked pure so that a bundle keeps only the profile it boots: the other drive's profile cost
// the Pico's edition about 150 interpreter variables (measured).
/** ESP32 driving an MC-2100 motor board (20 Hz software PWM on D23, enable D32, relay D33). */
export const BOARD: BoardProfile = /* @__PURE__ */ esp32Profile('ESP32 + MC-2100', /* @__PURE__ */ mc2100Drive('D23', 'D32', 'D33', true));

/**
 * ESP32 driving a low-voltage DC motor through a BTS7960 (RPWM D23, EN D32, LPWM D33) at
 * 5 kHz, Espruino's default LEDC frequency, which needs none of the three spare LEDC timers.
 */
export const BOARD_HBRIDGE: BoardProfile = /* @__PURE__ */ esp32Profile('ESP32 + BTS7960', /* @__PURE__ */ bts7960Drive('D23', 'D32', 'D33'));
