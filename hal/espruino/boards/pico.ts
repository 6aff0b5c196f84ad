// Espruino Pico (STM32F401): which pin does what for a treadmill.

import type { BoardProfile, MotorDriveProfile } from '../board-profile';
import { bts7960Drive, groundedButton, mc2100Drive } from './shared-wiring';
import { BOARD_TIMING } from './board-timing';

/**
 * Pin choices (see docs/wiring.md for the circuits):
 * - Motor PWM on B4 (TIM3): 20 Hz is easy for the STM32 timers. The beeper is on B8 (TIM4/TIM10)
 *   because pins of one timer share its frequency.
 * - Watched inputs all have different pin numbers (0-7, 10, 13, 14): the STM32 cannot watch A1
 *   and B1 at once.
 * - B6/B7 are left free: they carry the console serial port when USB is unplugged.
 * - No Program or quick-speed keys: they belong to the full edition, and the Pico runs the compact
 *   one (no programs), so none is wired.
 * - Pico pins are 5 V tolerant except where the Pico page says otherwise; still level-shift
 *   sensor signals to 3.3 V (docs/wiring.md).
 */
function picoProfile(name: string, motor: MotorDriveProfile): BoardProfile {
  return {
    name,
    edition: 'compact',
    controlPeriodMs: BOARD_TIMING.pico.controlPeriodMs,
    motor,
    safetyKey: { pin: 'B10', activeLow: true, pull: 'up', debounceMs: 10 },
    beltEncoder: { pin: 'A0', activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs: 2 },
    beltDirectionSensor: { pin: 'B15', activeLow: false, pull: 'down', debounceMs: 0 },
    incline: {
      up: { pin: 'A8', activeLow: false },
      down: { pin: 'A10', activeLow: false },
      position: { kind: 'pulses', input: { pin: 'B14', activeLow: true, pull: 'up', debounceMs: 2, glitchFilterMs: 5 } },
    },
    buttons: {
      start: groundedButton('A1'),
      stop: groundedButton('A2'),
      speedUp: groundedButton('A3'),
      speedDown: groundedButton('A4'),
      direction: groundedButton('A5'),
      slowDown: groundedButton('A6'),
      inclineUp: groundedButton('A7'),
      inclineDown: groundedButton('B13'),
    },
    beeper: { pin: 'B8' },
  };
}

// Marked pure so that a bundle keeps only the profile it boots: the other drive's profile cost
// the Pico's edition about 150 interpreter variables (measured).
/** Pico driving an MC-2100 motor board (20 Hz PWM on B4, enable gate B5, reversing relay B3). */
export const BOARD: BoardProfile = /* @__PURE__ */ picoProfile('Espruino Pico + MC-2100', /* @__PURE__ */ mc2100Drive('B4', 'B5', 'B3', false));

/** Pico driving a low-voltage DC motor through a BTS7960 (same three pins: RPWM B4, EN B5, LPWM B3). */
export const BOARD_HBRIDGE: BoardProfile = /* @__PURE__ */ picoProfile('Espruino Pico + BTS7960', /* @__PURE__ */ bts7960Drive('B4', 'B5', 'B3'));
