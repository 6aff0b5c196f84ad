// Wiring every board file uses alike: console buttons to ground, and the two motor drives on the same three pins.

import type { HBridgeDriveProfile, InputPinProfile, Mc2100DriveProfile } from '../board-profile';

/** A console button: switch to ground, internal pull-up (a broken wire reads "not pressed"), 25 ms debounce. */
export function groundedButton(pin: string): InputPinProfile {
  return { pin, activeLow: true, pull: 'up', debounceMs: 25 };
}

/**
 * An MC-2100 motor board: 20 Hz PWM speed signal, the enable that gates it, the reversing relay
 * (docs/wiring.md). `softwarePwm` where the chip cannot make 20 Hz in hardware (ESP32).
 */
export function mc2100Drive(speedPin: string, enablePin: string, directionPin: string, softwarePwm: boolean): Mc2100DriveProfile {
  return {
    kind: 'mc2100',
    speed: { pin: speedPin, frequencyHz: 20, softwarePwm },
    enable: { pin: enablePin, activeLow: false },
    direction: { pin: directionPin, activeLow: false },
  };
}

/**
 * A BTS7960 on the MC-2100's three pins (speed = RPWM, enable = R_EN + L_EN, direction relay =
 * LPWM), so one harness serves both drives. 5 kHz hardware PWM: Espruino's default frequency on
 * every supported chip, above hearing for most motors' windings.
 */
export function bts7960Drive(forwardPwmPin: string, enablePin: string, backwardPwmPin: string): HBridgeDriveProfile {
  return {
    kind: 'hbridge',
    forwardPwmPin,
    backwardPwmPin,
    enablePins: [enablePin],
    enableActiveLow: false,
    pwmFrequencyHz: 5000,
    softwarePwm: false,
  };
}
