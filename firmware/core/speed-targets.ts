// Target speed rules per direction: caps, steps, clamping, and telling the user which happened.

import type { Command, CommandResult, Direction } from '../command';
import { HARD_CAPS, type TreadmillConfig } from '../config';

/** The highest target allowed in `direction`, km/h: the configured cap, never above the hard cap. */
export function speedCapKph(config: TreadmillConfig, direction: Direction): number {
  if (direction === 'backward') return Math.min(config.backward.maxSpeedKph, HARD_CAPS.backwardMaxSpeedKph);
  return Math.min(config.forward.maxSpeedKph, HARD_CAPS.forwardMaxSpeedKph);
}

function formatKph(speedKph: number): string {
  return speedKph.toFixed(1) + ' km/h';
}

function answer(result: CommandResult, accepted: boolean, message: string): void {
  result.accepted = accepted;
  result.message = message;
}

/** Round to the button step so displayed and applied targets agree (0.1 km/h by default). */
function roundToStep(speedKph: number, stepKph: number): number {
  return Math.round(speedKph / stepKph) * stepKph;
}

/**
 * Apply a speed command (speedUp, speedDown, setSpeed, slowDown) to a running belt's target.
 * Returns the new target, km/h, and fills `result`. Buttons clamp at the limits and say so;
 * an explicit `setSpeed` outside the allowed range is refused and changes nothing. Pure.
 */
export function applySpeedCommand(targetKph: number, command: Command, direction: Direction, config: TreadmillConfig, result: CommandResult): number {
  const capKph = speedCapKph(config, direction);
  const minKph = config.minSpeedKph;
  if (command.name === 'slowDown') {
    answer(result, true, 'slowing down to ' + formatKph(config.startSpeedKph));
    return config.startSpeedKph;
  }
  if (command.name === 'setSpeed') {
    const requested = command.speedKph;
    if (typeof requested !== 'number' || !isFinite(requested)) {
      answer(result, false, 'setSpeed needs speedKph, a number');
      return targetKph;
    }
    if (requested > capKph) {
      answer(result, false, 'refused: ' + formatKph(requested) + ' is above the ' + direction + ' cap of ' + formatKph(capKph));
      return targetKph;
    }
    if (requested < minKph) {
      answer(result, false, 'refused: ' + formatKph(requested) + ' is below the minimum of ' + formatKph(minKph) + '; use stop');
      return targetKph;
    }
    answer(result, true, 'target ' + formatKph(requested));
    return requested;
  }
  const stepKph = command.name === 'speedUp' ? config.speedStepKph : -config.speedStepKph;
  const wanted = roundToStep(targetKph + stepKph, config.speedStepKph);
  if (wanted > capKph) {
    answer(result, true, 'clamped to the ' + direction + ' cap of ' + formatKph(capKph));
    return capKph;
  }
  if (wanted < minKph) {
    answer(result, true, 'clamped to the minimum of ' + formatKph(minKph));
    return minKph;
  }
  answer(result, true, 'target ' + formatKph(wanted));
  return wanted;
}
