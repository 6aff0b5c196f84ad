// Maps console button presses and holds to local commands, as a commercial treadmill's buttons behave.

import type { ConsoleButtons } from '../hal/treadmill-hal';
import type { DigitalIn, EdgeEvent } from '../hal/digital-in';
import type { Scheduler, TimerHandle } from '../hal/scheduler';
import type { Command, CommandName, CommandResult } from './command';

/**
 * Hold-to-repeat of the speed and incline buttons, ms: the first repeat after `FIRST_REPEAT_MS`
 * held, then one every `REPEAT_MS`, and every `FAST_REPEAT_MS` once held `FAST_AFTER_MS`. Why
 * these: a tap is one step (0.1 km/h), a hold walks 4 steps a second, and a long hold (from 2 s)
 * 10 a second, so 0.8 to 4 km/h backward takes about 5 s of holding instead of 32 taps. A
 * refused step (belt not running, fault) ends the repeating: the answer is given once.
 */
export const FIRST_REPEAT_MS = 500;
export const REPEAT_MS = 250;
export const FAST_AFTER_MS = 2000;
export const FAST_REPEAT_MS = 100;
/**
 * How long Stop must be held to clear a latched fault, ms. Why a hold: a clear must be a
 * deliberate act at the machine that a bump or a tap cannot make; the safety table still refuses
 * it without the key or with the belt moving, and a clear never starts the belt (idle, then Start).
 */
export const CLEAR_HOLD_MS = 2000;

/**
 * Watch each button present on the console and send local commands through `onCommand`:
 * - every press (the active edge) sends its command at once; the direction button asks for the
 *   opposite of the current target direction (`directionAfterToggle`), the incline buttons for
 *   the target one step up (1) or down (-1) from `inclineAfterStep`, already clamped to the cap;
 * - speed and incline buttons held repeat their step (hold-to-repeat, faster after a while);
 * - Stop held `CLEAR_HOLD_MS` also sends `clearFault` (the table decides: key in, belt still).
 * Each watch callback returns the firmware's answer to its press (undefined for a release): the
 * device ignores it, and the simulator, which wraps the inputs, reports a press's answer as it
 * does a command's (sim/scenario/sim-session.ts). The timers run on `scheduler`, never in the tick.
 */
export function bindButtons(
  buttons: ConsoleButtons,
  scheduler: Scheduler,
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
  // A button whose hold repeats `makeCommand`'s command (see FIRST_REPEAT_MS).
  const bindRepeating = (input: DigitalIn | undefined, makeCommand: () => Command) => {
    if (!input) return;
    let timer: TimerHandle | null = null;
    let pressedAtMs = 0;
    const repeat = (nowMs: number) => {
      timer = null;
      if (!onCommand(makeCommand()).accepted) return;
      timer = scheduler.after(nowMs - pressedAtMs >= FAST_AFTER_MS ? FAST_REPEAT_MS : REPEAT_MS, repeat);
    };
    input.watch((edge: EdgeEvent) => {
      if (timer !== null) timer.cancel();
      timer = null;
      if (!edge.active) return undefined;
      pressedAtMs = edge.timeMs;
      const answer = onCommand(makeCommand());
      if (answer.accepted) timer = scheduler.after(FIRST_REPEAT_MS, repeat);
      return answer;
    });
  };
  bind(buttons.start, 'start');
  if (buttons.stop) {
    let clearTimer: TimerHandle | null = null;
    buttons.stop.watch((edge: EdgeEvent) => {
      if (clearTimer !== null) clearTimer.cancel();
      clearTimer = null;
      if (!edge.active) return undefined;
      clearTimer = scheduler.after(CLEAR_HOLD_MS, () => {
        clearTimer = null;
        onCommand({ name: 'clearFault', source: 'local' });
      });
      return onCommand({ name: 'stop', source: 'local' });
    });
  }
  bindRepeating(buttons.speedUp, () => ({ name: 'speedUp', source: 'local' }));
  bindRepeating(buttons.speedDown, () => ({ name: 'speedDown', source: 'local' }));
  bind(buttons.direction, 'setDirection');
  bind(buttons.slowDown, 'slowDown');
  if (inclineAfterStep) {
    const stepIncline = inclineAfterStep;
    bindRepeating(buttons.inclineUp, () => ({ name: 'setIncline', source: 'local', inclinePct: stepIncline(1) }));
    bindRepeating(buttons.inclineDown, () => ({ name: 'setIncline', source: 'local', inclinePct: stepIncline(-1) }));
  }
}
