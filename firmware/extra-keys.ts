// The full edition's extra console keys: the Program key, which picks a program on the idle screen, and the quick-speed keys.

import type { DigitalIn, EdgeEvent } from '../hal/digital-in';
import type { ConsoleButtons } from '../hal/treadmill-hal';
import type { Command, CommandResult, Direction } from './command';
import type { TreadmillConfig } from './config';
import { speedCapKph } from './core/speed-targets';

/** What the extra keys need of the treadmill (the training features give it: firmware/training.ts). */
export interface ExtraKeysHost {
  /** A press's command through the treadmill's rules, as every button's (`Treadmill.command`; a refusal beeps). */
  press(command: Command): CommandResult;
  /** The Program key's press: step the idle screen's program choice (a refusal beeps). */
  chooseProgram(): CommandResult;
  /** The belt's direction now: a quick speed applies in it. */
  direction(): Direction;
  /** Refuse a press that never became a command: logged, with the refused beep. */
  refuse(message: string): CommandResult;
}

/**
 * The command quick key `index` (0-based) asks for in `direction`: `setSpeed` to its configured
 * speed, capped to the direction's cap (a backward belt never gets a forward walking pace), or
 * null when the configuration sets no speed for that key. Pure.
 */
export function quickSpeedCommand(config: TreadmillConfig, index: number, direction: Direction): Command | null {
  const speedKph = config.quickSpeedsKph[index];
  if (speedKph === undefined) return null;
  const capKph = speedCapKph(config, direction);
  return { name: 'setSpeed', source: 'local', speedKph: speedKph > capKph ? capKph : speedKph };
}

/** Watch quick key `index`: each press sets the running belt's target through the setSpeed path (its caps and refusals). */
function bindQuickKey(input: DigitalIn, index: number, config: TreadmillConfig, host: ExtraKeysHost): void {
  input.watch((edge: EdgeEvent) => {
    if (!edge.active) return undefined;
    const direction = host.direction();
    const command = quickSpeedCommand(config, index, direction);
    if (command === null) return host.refuse('quick key ' + (index + 1) + ': no speed set for it (machine.json quickSpeedsKph)');
    const result = host.press(command);
    if (result.accepted && command.speedKph !== config.quickSpeedsKph[index]) result.message += ' (quick key ' + (index + 1) + ' capped to the ' + direction + ' cap)';
    return result;
  });
}

/**
 * Watch the Program key and the quick-speed keys `buttons` has (each optional: a board wires what
 * it has pins for, the simulator all). Called once at boot by the training features; every press
 * acts in its own event, never in the control tick, and each watch callback returns the answer to
 * its press, as firmware/button-bindings.ts's do (the simulator reports it).
 */
export function bindExtraKeys(buttons: ConsoleButtons, config: TreadmillConfig, host: ExtraKeysHost): void {
  if (buttons.program) {
    buttons.program.watch((edge: EdgeEvent) => (edge.active ? host.chooseProgram() : undefined));
  }
  const quickKeys = [buttons.quick1, buttons.quick2, buttons.quick3];
  quickKeys.forEach((input, index) => {
    if (input) bindQuickKey(input, index, config, host);
  });
}
