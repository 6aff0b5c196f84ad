// The device check's harness settings (Node writes them, the harness reads them on the interpreter): types only.

/**
 * One input the harness drives: its Linux pin name (after aliasing) and its wiring. `activeLow`
 * as in the board profile: the function is active with the pin low.
 */
export interface HarnessInput {
  pin: string;
  activeLow: boolean;
}

/**
 * Everything the harness needs to know about one board and its firmware, in Linux pin names.
 * Kept flat and small: it lives in the interpreter's memory beside the firmware, and the device
 * check reports that memory.
 */
export interface HarnessConfig {
  /** Pin names the bundle uses -> Linux pins, as pairs [boardName, linuxName], all distinct. */
  aliases: string[][];
  /** Inputs held at their inactive level from power-up (buttons, direction sensor, incline pulses). */
  idleInputs: HarnessInput[];
  key: HarnessInput;
  encoder: HarnessInput;
  start: HarnessInput;
  stop: HarnessInput;
  speedUp: HarnessInput;
  /** The motor's speed PWM pin (MC-2100 speed input, or the H-bridge's forward PWM). */
  speedPin: string;
  enablePin: string;
  enableActiveLow: boolean;
  /** What every analog input reads, a fraction of the supply (the incline potentiometer at 0 %). */
  analogValue: number;
  /** The firmware's duty map, flattened: speedKph, duty, speedKph, duty, ... (sorted by speed). */
  dutyMap: number[];
  metersPerPulse: number;
  controlPeriodMs: number;
  /** How long after power-up the firmware watches the belt before it takes a start (its standstill timeout), ms. */
  standstillTimeoutMs: number;
  countdownMs: number;
  startSpeedKph: number;
  speedStepKph: number;
  /** Speed-up presses after the start (each one speed step). */
  speedUpPresses: number;
  /** A built-in program to start through the console handle, or '' where the edition has none. */
  program: string;
  /** Lowest belt speed the program's first segment must have reached 3 s after its countdown, km/h. */
  programMinKph: number;
  /** The display's I2C bus as the bundle names it ('I2C1', or '' for the software bus), or null: no display. */
  displayBus: string | null;
  /** The display's 7-bit I2C address (0 without one). */
  displayAddress: number;
  /** The firmware serves FTMS (a Bluetooth board's full edition): the harness fakes `NRF` and connects one client. */
  ftms: boolean;
}
