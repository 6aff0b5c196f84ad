// What a part beside the control loop (the FTMS host) learns from the treadmill: commands with their answers, status changes, the end of the instance.

import type { Command, CommandResult } from './command';
import type { TreadmillStatus } from './treadmill-status';

/**
 * Told of events only, never per control tick: the treadmill calls these after a command, after
 * an event refreshed its status (a state change, a command, a key edge) and when it halts. They
 * run inside the event that caused them, after the outputs were made safe; an observer must be
 * quick, must not throw (the treadmill logs a throw and carries on) and must copy what it keeps.
 */
export interface TreadmillObserver {
  /** After every command through `command()` (buttons, wired console, a remote link), with its answer. */
  onCommand(command: Command, result: CommandResult): void;
  /** After an event changed what the status says; `status` is the treadmill's own object. */
  onStatusChange(status: TreadmillStatus): void;
  /** The treadmill stopped ticking for good (`halt`): stop timers, ignore links. */
  onHalt(): void;
}
