// Target incline rules per belt direction: caps, button steps, clamping, and telling the user which happened.

import type { CommandResult, Direction } from '../command';
import { HARD_CAPS, type TreadmillConfig } from '../config';

/** The highest incline allowed in `direction`, percent: the configured cap, never above the hard cap. */
export function inclineCapPct(config: TreadmillConfig, direction: Direction): number {
  if (direction === 'backward') return Math.min(config.backward.maxInclinePct, HARD_CAPS.backwardMaxInclinePct);
  return Math.min(config.forward.maxInclinePct, HARD_CAPS.forwardMaxInclinePct);
}

/** The lift's upper end stop for the control, percent: the highest cap of either direction. */
export function inclineMaxPct(config: TreadmillConfig): number {
  const forwardPct = inclineCapPct(config, 'forward');
  const backwardPct = inclineCapPct(config, 'backward');
  return forwardPct > backwardPct ? forwardPct : backwardPct;
}

function formatPct(inclinePct: number): string {
  return inclinePct.toFixed(1) + ' %';
}

/**
 * Apply `setIncline` with `requestedPct` for a belt set (or about to be set) to `direction`.
 * Returns the new target, percent, and fills `result`. A value above the direction's cap or
 * below 0 is refused and changes nothing (never clamped silently); a malformed one is refused. Pure.
 */
export function applyInclineTarget(targetPct: number, requestedPct: unknown, direction: Direction, config: TreadmillConfig, result: CommandResult): number {
  const capPct = inclineCapPct(config, direction);
  if (typeof requestedPct !== 'number' || !isFinite(requestedPct)) {
    result.accepted = false;
    result.message = 'setIncline needs inclinePct, a number';
    return targetPct;
  }
  if (requestedPct > capPct) {
    result.accepted = false;
    result.message = 'refused: ' + formatPct(requestedPct) + ' is above the ' + direction + ' incline cap of ' + formatPct(capPct);
    return targetPct;
  }
  if (requestedPct < 0) {
    result.accepted = false;
    result.message = 'refused: ' + formatPct(requestedPct) + ' is below 0 %; this lift does not decline';
    return targetPct;
  }
  result.accepted = true;
  result.message = 'incline target ' + formatPct(requestedPct);
  return requestedPct;
}

/**
 * The target after an incline button press: one `incline.stepPct` up (`stepSign` 1) or down (-1),
 * rounded to the step and clamped to 0..cap, so a button at a limit asks for the limit itself. Pure.
 */
export function steppedInclineTargetPct(targetPct: number, stepSign: number, direction: Direction, config: TreadmillConfig): number {
  const stepPct = config.incline.stepPct;
  const capPct = inclineCapPct(config, direction);
  const wantedPct = Math.round((targetPct + (stepSign > 0 ? stepPct : -stepPct)) / stepPct) * stepPct;
  if (wantedPct > capPct) return capPct;
  if (wantedPct < 0) return 0;
  return wantedPct;
}
