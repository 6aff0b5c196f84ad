// Espruino Jolt.js (nRF52840, Bluetooth): which pin does what for a treadmill.

import type { BoardProfile, MotorDriveProfile } from '../board-profile';
import { bts7960Drive, groundedButton, mc2100Drive } from './shared-wiring';
import { BOARD_TIMING } from './board-timing';

/**
 * Pin choices (see docs/wiring.md, Jolt.js):
 * - The Jolt.js's own motor drivers (H0-H7) are for small motors, a few hundred mA per output:
 *   far too weak for a treadmill motor. They are not used; the motor runs on an external MC-2100
 *   or BTS7960 as on every board, and both drivers stay asleep (Espruino wakes one only when one
 *   of its H pins is made an output).
 * - The motor pins are on the top2 header (D26, D47, D46): Espruino's power-up self-test (BTN1
 *   held while power is applied) drives every Qwiic pin high and low in turn, but not these.
 * - The other pins are the Qwiic connectors' (Q0-Q3). Only Q0 and Q1 have analog inputs, so the
 *   incline potentiometer is on Q0.scl (D29). Q0 and Q1 switch their GND pin with a FET that
 *   retrotread leaves off: take ground from the board's GND pins.
 * - nRF52 pins are 3.3 V only, not 5 V tolerant: every sensor signal goes through a level
 *   shifter or divider.
 * - Watch channels are few (8 on the nRF52): exactly 8 inputs are watched here (key, encoder, six
 *   buttons). The incline buttons are left out and the incline position is analog, which needs no
 *   watch. For the same reason the full edition's Program and quick-speed keys have no pin here:
 *   a ninth watched input would need a channel the chip does not have. Espruino's three PWM units each hold one frequency: the motor (20 Hz or 5 kHz) and the
 *   beeper get different ones.
 * - Left free: D0 (BTN1), the LEDs, the Q0/Q1 FET pins D7 and D27, the H0-H7 driver pins.
 */
function joltProfile(name: string, motor: MotorDriveProfile): BoardProfile {
  return {
    name,
    edition: 'full',
    controlPeriodMs: BOARD_TIMING.jolt.controlPeriodMs,
    motor,
    safetyKey: { pin: 'D31', activeLow: true, pull: 'up', debounceMs: 10 },
    beltEncoder: { pin: 'D2', activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs: 2 },
    beltDirectionSensor: { pin: 'D3', activeLow: false, pull: 'down', debounceMs: 0 },
    incline: {
      up: { pin: 'D45', activeLow: false },
      down: { pin: 'D44', activeLow: false },
      position: { kind: 'analog', pin: 'D29' },
    },
    buttons: {
      start: groundedButton('D43'),
      stop: groundedButton('D36'),
      speedUp: groundedButton('D38'),
      speedDown: groundedButton('D39'),
      direction: groundedButton('D42'),
      slowDown: groundedButton('D37'),
    },
    beeper: { pin: 'D1' },
    bluetooth: true,
  };
}

// Marked pure so that a bundle keeps only the profile it boots: the other drive's profile cost
// the Pico's edition about 150 interpreter variables (measured).
/** Jolt.js driving an MC-2100 motor board (20 Hz hardware PWM on D26, enable D47, relay D46). */
export const BOARD: BoardProfile = /* @__PURE__ */ joltProfile('Jolt.js + MC-2100', /* @__PURE__ */ mc2100Drive('D26', 'D47', 'D46', false));

/** Jolt.js driving a low-voltage DC motor through a BTS7960 (same three pins: RPWM D26, EN D47, LPWM D46). */
export const BOARD_HBRIDGE: BoardProfile = /* @__PURE__ */ joltProfile('Jolt.js + BTS7960', /* @__PURE__ */ bts7960Drive('D26', 'D47', 'D46'));
