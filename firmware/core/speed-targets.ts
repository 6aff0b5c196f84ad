// Target speed rules per direction: caps, steps, clamping, and telling the user which happened.

import type { Command, CommandResult, Direction } from '../command';
import { HARD_CAPS, type TreadmillConfig } from '../config';
import { formatSpeed, roundToSpeedStepKph, speedStepKph } from './units';

/** The highest target allowed in `direction`, km/h: the configured cap, never above the hard cap. */
export function speedCapKph(config: TreadmillConfig, direction: Direction): number {
  if (direction === 'backward') return Math.min(config.backward.maxSpeedKph, HARD_CAPS.backwardMaxSpeedKph);
  return Math.min(config.forward.maxSpeedKph, HARD_CAPS.forwardMaxSpeedKph);
}


function answer(result: CommandResult, accepted: boolean, message: string): void {
  result.accepted = accepted;
  result.message = message;
}

/**
 * Apply a speed command (speedUp, speedDown, setSpeed, slowDown) to a running belt's target.
 * Returns the new target, km/h, and fills `result`. Buttons clamp at the limits and say so;
 * an explicit `setSpeed` outside the allowed range is refused and changes nothing. Pure.
 */
export function applySpeedCommand(targetKph: number, command: Command, direction: Direction, config: TreadmillConfig, result: CommandResult): number {
  const units = config.units;
  // Messages speak the user's units (config.units); every figure here stays in km/h.
  const formatKph = function (speedKph: number): string {
    return formatSpeed(speedKph, units);
  };
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
  // Buttons step in the user's units (0.1 mph for mph users) and land on that grid, so the shown
  // and the applied target agree.
  const unitStepKph = speedStepKph(units, config.speedStepKph);
  const stepKph = command.name === 'speedUp' ? unitStepKph : -unitStepKph;
  const wanted = roundToSpeedStepKph(targetKph + stepKph, units, config.speedStepKph);
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
