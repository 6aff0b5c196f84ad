// Maps console button presses to local commands.

import type { ConsoleButtons } from '../hal/treadmill-hal';
import type { DigitalIn, EdgeEvent } from '../hal/digital-in';
import type { Command, CommandName, CommandResult } from './command';

/**
 * Watch each button present on the console and call `onCommand` with a local command on every
 * press (the active edge). The direction button asks for the opposite of the current target
 * direction, which `directionAfterToggle` supplies. The incline buttons send `setIncline` with
 * the target `inclineAfterStep` gives for one step up (1) or down (-1), already clamped to the cap.
 * Each watch callback returns the firmware's answer to its press (undefined for a release): the
 * device ignores it, and the simulator, which wraps the inputs, reports a press's answer as it
 * does a command's (sim/scenario/sim-session.ts).
 */
export function bindButtons(
  buttons: ConsoleButtons,
  onCommand: (command: Command) => CommandResult,
  directionAfterToggle: () => 'forward' | 'backward',
  inclineAfterStep?: (stepSign: number) => number,
): void {
  const bind = (input: DigitalIn | undefined, name: CommandName) => {
    if (!input) return;
    input.watch((edge: EdgeEvent) => {
      if (!edge.active) return undefined;
      if (name === 'setDirection') return onCommand({ name, source: 'local', direction: directionAfterToggle() });
      return onCommand({ name, source: 'local' });
    });
  };
  bind(buttons.start, 'start');
  bind(buttons.stop, 'stop');
  bind(buttons.speedUp, 'speedUp');
  bind(buttons.speedDown, 'speedDown');
  bind(buttons.direction, 'setDirection');
  bind(buttons.slowDown, 'slowDown');
  const bindIncline = (input: DigitalIn | undefined, stepSign: number) => {
    if (!input || !inclineAfterStep) return;
    input.watch((edge: EdgeEvent) => {
      return edge.active ? onCommand({ name: 'setIncline', source: 'local', inclinePct: inclineAfterStep(stepSign) }) : undefined;
    });
  };
  bindIncline(buttons.inclineUp, 1);
  bindIncline(buttons.inclineDown, -1);
}
