// The shape of a board file: which physical pin does what, and how each is wired.

import type { PullMode } from './pin-mode-for-pull';

export type { PullMode } from './pin-mode-for-pull';

/**
 * A digital input. Prefer `activeLow: true` with `pull: 'up'` (a switch to ground): a broken
 * wire then reads as "not active", which is the safe reading for the safety key (open = removed)
 * and for buttons.
 */
export interface InputPinProfile {
  /** Espruino pin name, e.g. 'B10' or 'D17'. */
  pin: string;
  activeLow: boolean;
  pull: PullMode;
  /** Level must be stable this long before an edge counts, ms. */
  debounceMs: number;
}

/** A pulse input (belt encoder, incline position pulses). */
export interface PulseInputProfile extends InputPinProfile {
  /** Pulses closer than this to the previous accepted one are rejected as glitches, ms. */
  glitchFilterMs: number;
}

/**
 * A digital output. Choose wiring where the pin's reset state (floating input) means "off":
 * a driver with a pull-down for active-high, a module with a pull-up for active-low.
 */
export interface OutputPinProfile {
  pin: string;
  activeLow: boolean;
}

/** A PWM output. Always active high: duty 0 and a floating pin must mean "no drive". */
export interface PwmPinProfile {
  pin: string;
  frequencyHz: number;
  /** Ask Espruino for software PWM (ESP32 needs it below about 76 Hz, e.g. the MC-2100's 20 Hz). */
  softwarePwm: boolean;
}

/** An MC-2100 motor board: 20 Hz PWM speed input, an enable, and a reversing relay. */
export interface Mc2100DriveProfile {
  kind: 'mc2100';
  speed: PwmPinProfile;
  /** Gates the PWM path to the MC-2100 (see docs/wiring.md): off means no speed signal at all. */
  enable: OutputPinProfile;
  /** DPDT relay that swaps the motor leads; active means backward. Switched only at standstill. */
  direction: OutputPinProfile;
}

/** A DC motor on a BTS7960 H-bridge: PWM on RPWM (forward) or LPWM (backward), R_EN/L_EN enable. */
export interface HBridgeDriveProfile {
  kind: 'hbridge';
  /** RPWM. */
  forwardPwmPin: string;
  /** LPWM. */
  backwardPwmPin: string;
  /** R_EN and L_EN: one pin wired to both, or two pins driven alike. */
  enablePins: string[];
  enableActiveLow: boolean;
  pwmFrequencyHz: number;
  softwarePwm: boolean;
}

export type MotorDriveProfile = Mc2100DriveProfile | HBridgeDriveProfile;

/** Incline position: pulses from the lift motor, or a potentiometer on an analog pin. */
export type InclinePositionProfile =
  | { kind: 'pulses'; input: PulseInputProfile }
  | { kind: 'analog'; pin: string };

/** The incline lift motor outputs and its position sensor. */
export interface InclineProfile {
  up: OutputPinProfile;
  down: OutputPinProfile;
  position: InclinePositionProfile;
  lowerLimit?: InputPinProfile;
}

/** Console buttons; leave out what the console does not have. */
export interface ButtonsProfile {
  start?: InputPinProfile;
  stop?: InputPinProfile;
  speedUp?: InputPinProfile;
  speedDown?: InputPinProfile;
  direction?: InputPinProfile;
  slowDown?: InputPinProfile;
  inclineUp?: InputPinProfile;
  inclineDown?: InputPinProfile;
  /** The Program key and the quick-speed keys: only the full edition binds them (docs/wiring.md). */
  program?: InputPinProfile;
  quick1?: InputPinProfile;
  quick2?: InputPinProfile;
  quick3?: InputPinProfile;
}

/** The two pins of an I2C bus and which of the chip's buses drives them. */
export interface I2cPinsProfile {
  /** A hardware bus's global name ('I2C1'), or '' for Espruino's software bus (`new I2C()`, any two pins). */
  bus: string;
  scl: string;
  sda: string;
}

/** The display kinds the drivers in hal/espruino support. */
export type DisplayKind = 'hd44780-pcf8574' | 'ssd1306';

/**
 * A display on the console (README, "Display"): what the machine file's `display` says, with the
 * board's I2C pins. Made by the build (scripts/machine-description.ts), never written by hand.
 */
export interface DisplayProfile {
  kind: DisplayKind;
  /** Characters per row and rows: 16x2 or 20x4 for an HD44780, 21x8 (6x8-pixel characters) for the OLED. */
  columns: number;
  rows: number;
  /** 7-bit I2C address (PCF8574 0x20-0x27, PCF8574A 0x38-0x3F; SSD1306 0x3C or 0x3D). */
  address: number;
  i2c: I2cPinsProfile;
}

/**
 * Everything makeEspruinoHal needs to know about one board and its wiring. Board files
 * (hal/espruino/boards/*.ts) are the only place physical pin names appear.
 *
 * Watched inputs (setWatch): the safety key, the belt encoder, every button, pulse-type incline
 * position and the lower limit. The belt direction sensor is polled by the control tick. Limits
 * per chip: STM32 (Pico) cannot watch two pins with the same number (A1 and B1); nRF52
 * (Jolt.js) has 8 watch channels; ESP32 watches only
 * D0, D12-D19, D21, D22, D25-D27 and D34-D39, always with the internal pull-up on.
 */
/**
 * Which firmware edition a board runs (README: Editions): `full` has everything; `compact` leaves
 * out programs, calibration and the session history to fit a small board's flash; `core` also
 * leaves out the incline (its outputs stay off): the self-test's, no supported board's.
 */
export type FirmwareEdition = 'full' | 'compact' | 'core';

export interface BoardProfile {
  /** Human-readable name, printed at boot. */
  name: string;
  /** The firmware edition the build makes for this board (its saved-code area decides). */
  edition: FirmwareEdition;
  /**
   * The board's control period, ms: the firmware's `controlPeriodMs` on it, taken from the one
   * timing table (hal/espruino/boards/board-timing.ts) by the board file.
   */
  controlPeriodMs: number;
  motor: MotorDriveProfile;
  /** The magnetic safety key: active means present. Wire it fail-safe (open = removed). */
  safetyKey: InputPinProfile;
  beltEncoder: PulseInputProfile;
  /** Optional sensor whose active level means the belt moves backward. */
  beltDirectionSensor?: InputPinProfile;
  incline?: InclineProfile;
  buttons: ButtonsProfile;
  /** Passive piezo through a transistor, on a PWM pin of its own timer. */
  beeper?: { pin: string };
  /** The I2C pins a display goes on (docs/wiring.md); absent: the board has none free, so no display. */
  displayI2c?: I2cPinsProfile;
  /** The display the machine file configures (the build sets it); absent: none. */
  display?: DisplayProfile;
  /** The board has Bluetooth LE (Espruino's `NRF`): the full edition serves FTMS on it. */
  bluetooth?: boolean;
}
