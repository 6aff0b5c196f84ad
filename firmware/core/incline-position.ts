// Incline position estimate from the lift's sensor: direction-free pulses counted by the active output, or a scaled potentiometer.

import type { InclineSettings } from '../config';

/** Which way the lift is driven (or was last driven): what a direction-free pulse is counted as. */
export type InclineMotion = 'stopped' | 'up' | 'down';

/**
 * The position estimate, updated in place once per control tick (no allocation).
 *
 * Pulse sensors mark fixed edges every 1/pulsesPerPct percent and do not say which way the lift
 * moved, so a pulse counts in the direction of the output that was on (or, while coasting, last
 * on). At a pulse the lift is exactly at an edge: `positionPct` is that edge; the truth lies
 * within one pulse beyond it in the direction of travel, which `upperBoundPct` states so that
 * caps are held against the worst case. A potentiometer is absolute: filtered, scaled, with a
 * fixed uncertainty either side.
 */
export interface InclinePositionEstimate {
  kind: 'pulses' | 'analog';
  /** Whether 0 % is known (pulses: after homing; a potentiometer always knows). */
  homed: boolean;
  /** Best estimate, percent grade. */
  positionPct: number;
  /** Highest grade the lift can be at now, percent. */
  upperBoundPct: number;
  /** Lowest grade the lift can be at now, percent. */
  lowerBoundPct: number;
  /** Pulses: the edge index (edge k is at k / pulsesPerPct percent) last crossed. */
  edgeIndex: number;
  /** Pulses: which way the last counted pulse went ('stopped' before any since homing). */
  lastPulseMotion: InclineMotion;
  /** Pulses: the counter reading at the previous update, or -1 before the first. */
  lastCount: number;
  /** Pulses counted in the latest update. */
  newPulses: number;
  /** Analog: the filtered reading, fraction 0..1, or -1 before the first. */
  filteredFraction: number;
}

export function makeInclinePositionEstimate(kind: 'pulses' | 'analog'): InclinePositionEstimate {
  return {
    kind: kind,
    homed: kind === 'analog',
    positionPct: 0,
    upperBoundPct: 0,
    lowerBoundPct: 0,
    edgeIndex: 0,
    lastPulseMotion: 'stopped',
    lastCount: -1,
    newPulses: 0,
    filteredFraction: -1,
  };
}

function setPulseBounds(estimate: InclinePositionEstimate, pulsesPerPct: number): void {
  const edgePct = estimate.edgeIndex / pulsesPerPct;
  const pulsePct = 1 / pulsesPerPct;
  estimate.positionPct = edgePct;
  // Past an up edge the lift is above it by less than a pulse; past a down edge, below it.
  estimate.upperBoundPct = estimate.lastPulseMotion === 'up' ? edgePct + pulsePct : edgePct;
  estimate.lowerBoundPct = estimate.lastPulseMotion === 'down' ? edgePct - pulsePct : edgePct;
}

/**
 * Count the pulses since the last update as moves in `motion`'s direction (the output on during
 * the interval, or the last one on while the lift coasts). Called once per control tick. Pure.
 */
export function updatePulsePosition(estimate: InclinePositionEstimate, count: number, motion: InclineMotion, settings: InclineSettings): void {
  const pulses = estimate.lastCount < 0 ? 0 : count - estimate.lastCount;
  estimate.lastCount = count;
  estimate.newPulses = pulses > 0 ? pulses : 0;
  if (estimate.newPulses > 0) {
    // An up pulse crosses the edge above the current cell; a down pulse the edge at its bottom.
    // Pulses with no output ever on cannot be told apart: count them up, the side caps guard.
    if (motion !== 'down') {
      if (estimate.lastPulseMotion === 'down') estimate.edgeIndex -= 1;
      estimate.edgeIndex += estimate.newPulses;
    } else {
      if (estimate.lastPulseMotion === 'up') estimate.edgeIndex += 1;
      estimate.edgeIndex -= estimate.newPulses;
    }
    estimate.lastPulseMotion = motion === 'down' ? 'down' : 'up';
  }
  setPulseBounds(estimate, settings.pulsesPerPct);
}

/**
 * The potentiometer's filtered reading after one more `fraction` over `dtMs`: a first-order
 * low-pass of time constant `filterMs` (none at 0), starting from the first reading (`previous`
 * below 0). One expression, so the device build writes it into its callers. Pure.
 */
export function filteredAnalogFraction(previous: number, fraction: number, dtMs: number, filterMs: number): number {
  return previous < 0 || filterMs <= 0 ? fraction : previous + (dtMs / (filterMs + dtMs)) * (fraction - previous);
}

/** The incline and its bounds from the filtered reading, with the calibration in `settings`. Pure. */
export function scaleAnalogPosition(estimate: InclinePositionEstimate, settings: InclineSettings): void {
  const scale = settings.analogSpanPct / (settings.analogAtSpan - settings.analogAtZero);
  const positionPct = (estimate.filteredFraction - settings.analogAtZero) * scale;
  estimate.positionPct = positionPct;
  estimate.upperBoundPct = positionPct + settings.analogUncertaintyPct;
  estimate.lowerBoundPct = positionPct - settings.analogUncertaintyPct;
}

/** The gap between 1 and the next double (Number.EPSILON, which Espruino does not have). */
const DOUBLE_EPSILON = 2.220446049250313e-16;

/**
 * The filtered readings that scale (`scaleAnalogPosition`) to an incline inside [lowPct, highPct]:
 * every reading from `lowFraction` to `highFraction` does. The scaling only ever rises, or only
 * ever falls, with the reading, so checking both ends proves it for all between. Each end starts
 * at the band's end mapped back and moves inward by a few rounding steps until it scales inside;
 * a band too narrow for that comes back empty (`lowFraction` 1, `highFraction` 0). Lets a
 * resting lift's tick compare its filtered reading without scaling it. Pure.
 */
export function quietAnalogFractions(lowPct: number, highPct: number, settings: InclineSettings): { lowFraction: number; highFraction: number } {
  const zero = settings.analogAtZero;
  const scale = settings.analogSpanPct / (settings.analogAtSpan - zero);
  const inside = (fraction: number) => {
    const pct = (fraction - zero) * scale;
    return pct >= lowPct && pct <= highPct;
  };
  const fromLow = lowPct / scale + zero;
  const fromHigh = highPct / scale + zero;
  let lowFraction = fromLow < fromHigh ? fromLow : fromHigh;
  let highFraction = fromLow < fromHigh ? fromHigh : fromLow;
  const nudge = (Math.abs(lowFraction) + Math.abs(highFraction) + 1) * 4 * DOUBLE_EPSILON;
  for (let attempt = 0; attempt < 16 && !inside(lowFraction); attempt++) lowFraction += nudge;
  for (let attempt = 0; attempt < 16 && !inside(highFraction); attempt++) highFraction -= nudge;
  const usable = inside(lowFraction) && inside(highFraction) && lowFraction <= highFraction;
  return { lowFraction: usable ? lowFraction : 1, highFraction: usable ? highFraction : 0 };
}

/**
 * Filter and scale a potentiometer reading (fraction 0..1 of the reference) with the calibration
 * in `settings`. Called once per control tick with the tick's `dtMs`. Pure.
 */
export function updateAnalogPosition(estimate: InclinePositionEstimate, fraction: number, dtMs: number, settings: InclineSettings): void {
  estimate.filteredFraction = filteredAnalogFraction(estimate.filteredFraction, fraction, dtMs, settings.analogFilterMs);
  estimate.newPulses = 0;
  scaleAnalogPosition(estimate, settings);
}

/** The lift stands at its lowest point: call it 0 % (homing). Pulses only; a potentiometer ignores it. */
export function setInclineHome(estimate: InclinePositionEstimate): void {
  if (estimate.kind !== 'pulses') return;
  estimate.homed = true;
  estimate.edgeIndex = 0;
  estimate.lastPulseMotion = 'stopped';
  estimate.positionPct = 0;
  estimate.upperBoundPct = 0;
  estimate.lowerBoundPct = 0;
}

/** Forget 0 % (after a runaway or a reset the count no longer says where the lift is). */
export function forgetInclineHome(estimate: InclinePositionEstimate): void {
  if (estimate.kind === 'pulses') estimate.homed = false;
}
