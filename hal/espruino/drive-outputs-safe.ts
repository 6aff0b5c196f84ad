// The very first thing the device does: every output of a board to its safe level.

import type { BoardProfile, OutputPinProfile } from './board-profile';
import { resolvePin } from './resolve-pin';

/** A pin's electrical level when its function is off. */
function writeInactive(output: OutputPinProfile): void {
  digitalWrite(resolvePin(output.pin), output.activeLow);
}

/** Drive a PWM pin low (no drive); PWM pins are always active high. */
function writeLow(pinName: string): void {
  digitalWrite(resolvePin(pinName), false);
}

/**
 * Drive every output of `board` to its safe level before any port exists: motor speed low, then
 * motor enable off, incline up and down off, beeper silent. Why speed before enable: a driver
 * that briefly sees enable with a stale duty could lurch. The direction relay is not touched: at
 * power-up its pin floats and its driver's pull resistor holds it released, and toggling it under
 * a coasting belt (after a watchdog reset) is itself unsafe.
 *
 * Every write is attempted even if an earlier one throws (a misspelled pin name); the first error
 * is rethrown afterwards so the boot still stops. Called once, by makeEspruinoHal.
 */
export function driveOutputsSafe(board: BoardProfile): void {
  const writes: (() => void)[] = [];
  const motor = board.motor;
  if (motor.kind === 'mc2100') {
    writes.push(() => writeLow(motor.speed.pin));
    writes.push(() => writeInactive(motor.enable));
  } else {
    writes.push(() => writeLow(motor.forwardPwmPin));
    writes.push(() => writeLow(motor.backwardPwmPin));
    motor.enablePins.forEach((pin) => {
      writes.push(() => writeInactive({ pin, activeLow: motor.enableActiveLow }));
    });
  }
  const incline = board.incline;
  if (incline) {
    writes.push(() => writeInactive(incline.up));
    writes.push(() => writeInactive(incline.down));
  }
  const beeper = board.beeper;
  if (beeper) writes.push(() => writeLow(beeper.pin));
  let firstError: unknown = undefined;
  writes.forEach((write) => {
    try {
      write();
    } catch (error) {
      if (firstError === undefined) firstError = error;
    }
  });
  if (firstError !== undefined) throw firstError;
}
