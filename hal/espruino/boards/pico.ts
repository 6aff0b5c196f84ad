// Espruino Pico (STM32F401): which pin does what for a treadmill.

import type { BoardProfile, InputPinProfile, MotorDriveProfile } from '../board-profile';

/** A console button: switch to ground, internal pull-up, 25 ms debounce (Espruino's button default). */
function button(pin: string): InputPinProfile {
  return { pin, activeLow: true, pull: 'up', debounceMs: 25 };
}

/**
 * Pin choices (see docs/wiring.md for the circuits):
 * - Motor PWM on B4 (TIM3): 20 Hz is easy for the STM32 timers. The beeper is on B8 (TIM4/TIM10)
 *   because pins of one timer share its frequency.
 * - Watched inputs all have different pin numbers (0-7, 10, 13, 14): the STM32 cannot watch A1
 *   and B1 at once.
 * - B6/B7 are left free: they carry the console serial port when USB is unplugged.
 * - Pico pins are 5 V tolerant except where the Pico page says otherwise; still level-shift
 *   sensor signals to 3.3 V (docs/wiring.md).
 */
function picoProfile(name: string, motor: MotorDriveProfile): BoardProfile {
  return {
    name,
    edition: 'compact',
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
      start: button('A1'),
      stop: button('A2'),
      speedUp: button('A3'),
      speedDown: button('A4'),
      direction: button('A5'),
      slowDown: button('A6'),
      inclineUp: button('A7'),
      inclineDown: button('B13'),
    },
    beeper: { pin: 'B8' },
  };
}

/** Pico driving an MC-2100 motor board (20 Hz PWM, enable gate, reversing relay). */
export const BOARD: BoardProfile = /* @__PURE__ */ picoProfile('Espruino Pico + MC-2100', {
  kind: 'mc2100',
  speed: { pin: 'B4', frequencyHz: 20, softwarePwm: false },
  enable: { pin: 'B5', activeLow: false },
  direction: { pin: 'B3', activeLow: false },
});

/** Pico driving a low-voltage DC motor through a BTS7960 (same three pins: RPWM B4, EN B5, LPWM B3). */
export const BOARD_HBRIDGE: BoardProfile = /* @__PURE__ */ picoProfile('Espruino Pico + BTS7960', {
  kind: 'hbridge',
  forwardPwmPin: 'B4',
  backwardPwmPin: 'B3',
  enablePins: ['B5'],
  enableActiveLow: false,
  pwmFrequencyHz: 5000,
  softwarePwm: false,
});
