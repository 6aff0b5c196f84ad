// Maps console button presses to local commands.

import type { ConsoleButtons } from '../hal/treadmill-hal';
import type { DigitalIn, EdgeEvent } from '../hal/digital-in';
import type { Command, CommandName } from './command';

/**
 * Watch each button present on the console and call `onCommand` with a local command on every
 * press (the active edge). The direction button asks for the opposite of the current target
 * direction, which `directionAfterToggle` supplies.
 */
export function bindButtons(buttons: ConsoleButtons, onCommand: (command: Command) => void, directionAfterToggle: () => 'forward' | 'backward'): void {
  const bind = (input: DigitalIn | undefined, name: CommandName) => {
    if (!input) return;
    input.watch((edge: EdgeEvent) => {
      if (!edge.active) return;
      if (name === 'setDirection') onCommand({ name, source: 'local', direction: directionAfterToggle() });
      else onCommand({ name, source: 'local' });
    });
  };
  bind(buttons.start, 'start');
  bind(buttons.stop, 'stop');
  bind(buttons.speedUp, 'speedUp');
  bind(buttons.speedDown, 'speedDown');
  bind(buttons.direction, 'setDirection');
  bind(buttons.slowDown, 'slowDown');
}
