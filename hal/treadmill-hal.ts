// The whole hardware contract: one struct of named ports handed to the firmware at boot.

import type { AnalogIn } from './analog-in';
import type { Beeper } from './beeper';
import type { Clock } from './clock';
import type { DigitalIn } from './digital-in';
import type { DigitalOut } from './digital-out';
import type { FtmsLink } from './ftms-link';
import type { Log } from './log';
import type { MemoryReport } from './memory-report';
import type { PulseCounter } from './pulse-counter';
import type { PwmOut } from './pwm-out';
import type { Scheduler } from './scheduler';
import type { Storage } from './storage';
import type { TextDisplay } from './text-display';
import type { Watchdog } from './watchdog';

export type { MemoryReport } from './memory-report';

/**
 * The belt motor drive, whatever the power stage (MC-2100 board, H-bridge).
 * Safe values: speed 0, enable off, brake as the board profile declares; direction is left as is
 * because toggling a direction relay under a coasting belt is itself unsafe.
 */
export interface MotorPorts {
  /** Speed demand as PWM duty 0..1 (MC-2100: 20 Hz, duty at most 0.85). */
  speed: PwmOut;
  /** Power stage enable (relay or driver enable); `false` lets the motor coast free. */
  enable: DigitalOut;
  /** Belt direction: active means backward. Changed only with speed 0, enable off, belt stopped. */
  direction: DigitalOut;
}

/** Incline position sensor: pulses from the lift motor, or a potentiometer. */
export type InclinePosition =
  | { kind: 'pulses'; counter: PulseCounter }
  | { kind: 'analog'; input: AnalogIn };

/** The incline lift motor. Safe value: both outputs off. Never both on. */
export interface InclinePorts {
  up: DigitalOut;
  down: DigitalOut;
  position: InclinePosition;
  /** Optional end-stop switch at the lowest position (active when at the bottom). */
  lowerLimit?: DigitalIn;
}

/** Console buttons; every one is optional so small builds can use the serial console only. */
export interface ConsoleButtons {
  start?: DigitalIn;
  stop?: DigitalIn;
  speedUp?: DigitalIn;
  speedDown?: DigitalIn;
  direction?: DigitalIn;
  slowDown?: DigitalIn;
  inclineUp?: DigitalIn;
  inclineDown?: DigitalIn;
  /** Steps through the programs on the idle screen; Start then runs the one shown (full edition). */
  program?: DigitalIn;
  /** Quick-speed keys: each sets the running belt to its speed from the configuration (`quickSpeedsKph`, full edition). */
  quick1?: DigitalIn;
  quick2?: DigitalIn;
  quick3?: DigitalIn;
}

/** Everything the firmware may touch. Made by a composition root (device boot, simulator, test). */
export interface TreadmillHal {
  clock: Clock;
  scheduler: Scheduler;
  watchdog: Watchdog;
  storage: Storage;
  log: Log;
  motor: MotorPorts;
  /** The safety key (magnetic pull-cord). Active means present. Wired fail-safe: open = removed. */
  safetyKey: DigitalIn;
  /** Belt encoder on the front roller (a reed or hall switch, or an optical disc). */
  beltEncoder: PulseCounter;
  /** Optional quadrature/direction sensor: active means the belt moves backward. */
  beltDirectionSensor?: DigitalIn;
  incline?: InclinePorts;
  buttons: ConsoleButtons;
  display?: TextDisplay;
  beeper?: Beeper;
  ftms?: FtmsLink;
  /**
   * Interpreter memory, for diagnostics (the console's `memory` request; cheap, no garbage
   * collection); absent where the platform cannot tell.
   */
  memory?: () => MemoryReport;
}
