// What a user or a client can ask the treadmill to do, and how the firmware answers.

/** Belt direction as the walker sees it: backward means walking backwards facing the console. */
export type Direction = 'forward' | 'backward';

/**
 * Where a command comes from. Only `local` (buttons, the wired console) may start the belt out of
 * a fault or clear a fault: safety rules demand a deliberate action at the machine.
 */
export type CommandSource = 'local' | 'remote';

export type CommandName =
  | 'start'
  | 'stop'
  | 'speedUp'
  | 'speedDown'
  | 'setSpeed'
  | 'setDirection'
  | 'slowDown'
  | 'freeBelt'
  | 'clearFault'
  | 'setIncline'
  | 'startProgram'
  | 'pause'
  | 'resume'
  | 'skip'
  | 'calibrate'
  | 'setBeltDistance';

/** One command. Fields beyond `name` and `source` are read only by the commands that use them. */
export interface Command {
  name: CommandName;
  source: CommandSource;
  /** For `setSpeed`: the target belt speed in km/h, always positive (direction is separate). */
  speedKph?: number;
  /** For `setDirection`. */
  direction?: Direction;
  /** For `setIncline`: target incline in percent grade. */
  inclinePct?: number;
  /**
   * For `startProgram`: a built-in program's name (e.g. "12-3-30", "backward-progression-3"), a
   * stored custom program's name, or a program as JSON text (firmware/program/program.ts).
   */
  program?: string;
  /**
   * For `setBeltDistance`: either the roller method (`rollerDiameterM`, `pulsesPerRevolution`) or
   * the measured-belt method (`beltLengthM`, `revolutions` counted by a mark, `pulses` counted meanwhile).
   */
  beltDistance?: BeltDistanceInput;
}

/** The figures a user measures to calibrate belt travel per encoder pulse (firmware/core/belt-distance.ts). */
export interface BeltDistanceInput {
  rollerDiameterM?: number;
  pulsesPerRevolution?: number;
  beltLengthM?: number;
  revolutions?: number;
  pulses?: number;
}

/** The answer to every command: refused or accepted, and in words why (clamped, capped...). */
export interface CommandResult {
  accepted: boolean;
  /** Human-readable: the reason for a refusal, or what was changed (e.g. "clamped to 4.0 km/h"). */
  message: string;
}

export const COMMAND_NAMES: CommandName[] = [
  'start',
  'stop',
  'speedUp',
  'speedDown',
  'setSpeed',
  'setDirection',
  'slowDown',
  'freeBelt',
  'clearFault',
  'setIncline',
  'startProgram',
  'pause',
  'resume',
  'skip',
  'calibrate',
  'setBeltDistance',
];
