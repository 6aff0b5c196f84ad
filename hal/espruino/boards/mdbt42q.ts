// MDBT42Q module / Puck.js class boards (nRF52832, Bluetooth): which pin does what.

import type { BoardProfile, InputPinProfile, MotorDriveProfile } from '../board-profile';

/** A console button: switch to ground, internal pull-up, 25 ms debounce. */
function button(pin: string): InputPinProfile {
  return { pin, activeLow: true, pull: 'up', debounceMs: 25 };
}

/**
 * Pin choices (see docs/wiring.md):
 * - nRF52 pins are 3.3 V only, not 5 V tolerant: every sensor signal goes through a level
 *   shifter or divider.
 * - Any pin can do PWM; the three PWM units each share one frequency, and Espruino gives the
 *   motor (20 Hz) and the beeper different units.
 * - Watch channels are few: exactly 8 inputs are watched here (key, encoder, six buttons). The
 *   incline buttons are left out (the firmware does not bind them yet) and the incline position
 *   is an analog potentiometer (D31), which needs no watch.
 * - Left free: D0 (BTN1), D1 (LED1), D6/D8 (console serial), D9/D10 (NFC), D21 (reset).
 */
function mdbt42qProfile(name: string, motor: MotorDriveProfile): BoardProfile {
  return {
    name,
    edition: 'core',
    motor,
    safetyKey: { pin: 'D17', activeLow: true, pull: 'up', debounceMs: 10 },
    beltEncoder: { pin: 'D18', activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs: 2 },
    beltDirectionSensor: { pin: 'D19', activeLow: false, pull: 'down', debounceMs: 0 },
    incline: {
      up: { pin: 'D14', activeLow: false },
      down: { pin: 'D15', activeLow: false },
      position: { kind: 'analog', pin: 'D31' },
    },
    buttons: {
      start: button('D20'),
      stop: button('D22'),
      speedUp: button('D25'),
      speedDown: button('D26'),
      direction: button('D27'),
      slowDown: button('D28'),
    },
    beeper: { pin: 'D16' },
  };
}

/** MDBT42Q driving an MC-2100 motor board. */
export const BOARD: BoardProfile = /* @__PURE__ */ mdbt42qProfile('MDBT42Q + MC-2100', {
  kind: 'mc2100',
  speed: { pin: 'D11', frequencyHz: 20, softwarePwm: false },
  enable: { pin: 'D12', activeLow: false },
  direction: { pin: 'D13', activeLow: false },
});

/** MDBT42Q driving a low-voltage DC motor through a BTS7960 (RPWM D11, EN D12, LPWM D13). */
export const BOARD_HBRIDGE: BoardProfile = /* @__PURE__ */ mdbt42qProfile('MDBT42Q + BTS7960', {
  kind: 'hbridge',
  forwardPwmPin: 'D11',
  backwardPwmPin: 'D13',
  enablePins: ['D12'],
  enableActiveLow: false,
  pwmFrequencyHz: 5000,
  softwarePwm: false,
});
