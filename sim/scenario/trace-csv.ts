// CSV text for the scenario trace: one header line and one line per trace row, built without allocation-heavy helpers.

import type { TraceRow } from './trace-row';

/** The CSV header, without a line break. Booleans are written 1/0 and a missing value (null) as empty. */
export const TRACE_CSV_HEADER =
  'timeS,state,direction,pendingDirection,targetKph,setpointKph,measuredKph,beltKph,duty,motorEnabled,directionOutput,keyPresent,inclinePct,fault,countdownMs,distanceM,beltDistanceM,reboots,directionDwellS,' +
  'elapsedS,distanceForwardM,distanceBackwardM,elevationGainM,energyKcal,met,averageMet,belowValidatedRange,powered';

/** `value` rounded to `decimals` places, without trailing zeros (toFixed exists on Espruino too). */
function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  if (text.indexOf('.') < 0) return text;
  let end = text.length;
  while (text.charAt(end - 1) === '0') end--;
  if (text.charAt(end - 1) === '.') end--;
  const trimmed = text.substring(0, end);
  return trimmed === '-0' ? '0' : trimmed;
}

function flag(value: boolean): string {
  return value ? '1' : '0';
}

/**
 * One CSV line for `row`, without a line break, matching TRACE_CSV_HEADER. Called once per
 * emitted trace row; no field can hold a comma (they are names and numbers).
 */
export function formatTraceCsvRow(row: TraceRow): string {
  return (
    fixed(row.timeS, 3) +
    ',' + row.state +
    ',' + row.direction +
    ',' + (row.pendingDirection === null ? '' : row.pendingDirection) +
    ',' + fixed(row.targetKph, 2) +
    ',' + fixed(row.setpointKph, 3) +
    ',' + fixed(row.measuredKph, 3) +
    ',' + fixed(row.beltKph, 3) +
    ',' + fixed(row.duty, 4) +
    ',' + flag(row.motorEnabled) +
    ',' + row.directionOutput +
    ',' + flag(row.keyPresent) +
    ',' + fixed(row.inclinePct, 2) +
    ',' + (row.fault === null ? '' : row.fault) +
    ',' + fixed(row.countdownMs, 0) +
    ',' + fixed(row.distanceM, 2) +
    ',' + fixed(row.beltDistanceM, 2) +
    ',' + row.reboots +
    ',' + fixed(row.directionDwellS, 3) +
    ',' + fixed(row.elapsedS, 2) +
    ',' + fixed(row.distanceForwardM, 2) +
    ',' + fixed(row.distanceBackwardM, 2) +
    ',' + fixed(row.elevationGainM, 2) +
    ',' + fixed(row.energyKcal, 2) +
    ',' + fixed(row.met, 2) +
    ',' + fixed(row.averageMet, 2) +
    ',' + flag(row.belowValidatedRange) +
    ',' + flag(row.powered)
  );
}
