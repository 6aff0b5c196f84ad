// The web console's status panel as label/value rows, from a view source's status and program, in the units the settings choose. Pure.

import { FAULT_MESSAGES } from '../firmware/fault-code';
import { formatSpeed, type SpeedUnits } from '../firmware/core/units';
import type { ViewProgram, ViewStatus } from './view-source';

/** What the panel shows for a figure the source cannot know (a board's true belt speed): plainly unknown, never a made-up 0. */
export const UNKNOWN = '–';
/** Metres per mile and feet per metre, for mph users. */
const METERS_PER_MILE = 1609.344;
const FEET_PER_METER = 3.28084;

/** One status row: its label, its value and whether it is shown as a warning. */
export interface StatusRow {
  label: string;
  value: string;
  warning: boolean;
}

/** "m:ss", or "h:mm:ss" from an hour, of a duration in ms. */
export function clockText(durationMs: number): string {
  const seconds = Math.max(0, Math.floor(durationMs / 1000));
  const minutes = Math.floor(seconds / 60);
  const secondsText = String(seconds % 60).padStart(2, '0');
  if (minutes < 60) return minutes + ':' + secondsText;
  return Math.floor(minutes / 60) + ':' + String(minutes % 60).padStart(2, '0') + ':' + secondsText;
}

/** How a distance of `distanceM` is written in the user's units: metres then km for km/h users, miles for mph users. */
function distanceScale(distanceM: number, units: SpeedUnits): { metersPerUnit: number; decimals: number; unit: string } {
  if (units === 'mph') return { metersPerUnit: METERS_PER_MILE, decimals: 2, unit: 'mi' };
  return distanceM < 1000 ? { metersPerUnit: 1, decimals: 0, unit: 'm' } : { metersPerUnit: 1000, decimals: 2, unit: 'km' };
}

/** A distance in the user's units, with its unit: "850 m", "1.23 km", "0.53 mi". */
export function distanceText(distanceM: number, units: SpeedUnits): string {
  const scale = distanceScale(distanceM, units);
  return (distanceM / scale.metersPerUnit).toFixed(scale.decimals) + ' ' + scale.unit;
}

/** The session's distance with its forward and backward parts in the total's unit, written once (the line must fit a phone). */
function sessionDistanceText(forwardM: number, backwardM: number, units: SpeedUnits): string {
  const scale = distanceScale(forwardM + backwardM, units);
  const part = (distanceM: number) => (distanceM / scale.metersPerUnit).toFixed(scale.decimals);
  return part(forwardM + backwardM) + ' ' + scale.unit + ' (forward ' + part(forwardM) + ', backward ' + part(backwardM) + ')';
}

/** A height (the elevation gained) in metres, or feet for mph users. */
export function heightText(heightM: number, units: SpeedUnits): string {
  return units === 'mph' ? (heightM * FEET_PER_METER).toFixed(0) + ' ft' : heightM.toFixed(1) + ' m';
}

function known<T>(value: T | null | undefined, text: (value: T) => string): string {
  return value === null || value === undefined ? UNKNOWN : text(value);
}

/** The program line: name, paused, segment n/N with its label, time left in it and in all; 'none' without. */
export function programText(program: ViewProgram | null): string {
  if (program === null) return 'none';
  const segment = 'segment ' + (program.segmentIndex + 1) + '/' + program.segmentCount + (program.label !== '' ? ' ' + program.label : '');
  return program.name + (program.phase === 'paused' ? ' (paused)' : '') + ', ' + segment + ', ' + clockText(program.segmentRemainingMs) + ' left, ' + clockText(program.remainingMs) + ' in all';
}

/**
 * The panel's rows, always the same labels in the same order (the panel is built once and only
 * its texts change, so nothing moves). `program` is undefined for a source without programs.
 */
export function statusRows(status: ViewStatus, program: ViewProgram | null | undefined, units: SpeedUnits): StatusRow[] {
  const speed = (speedKph: number) => formatSpeed(Math.abs(speedKph), units);
  const direction = known(status.direction, (value) => value + (status.pendingDirection !== null && status.pendingDirection !== value ? ' (then ' + status.pendingDirection + ')' : ''));
  const state = known(status.state, (value) => value + (value === 'countdown' ? ' ' + (status.countdownRemainingMs / 1000).toFixed(1) + ' s' : ''));
  // While stopping the firmware steers to 0 whatever the target says, as the terminal console shows it.
  const targetKph = status.state === 'stopping' ? 0 : status.targetSpeedKph;
  const forwardM = status.distanceForwardM;
  const backwardM = status.distanceBackwardM;
  // A board over FTMS knows only the total (no direction): shown as such rather than unknown.
  const totalM = status.totalDistanceM;
  const distance = forwardM !== null && backwardM !== null ? sessionDistanceText(forwardM, backwardM, units) : totalM !== null && totalM !== undefined ? distanceText(totalM, units) : UNKNOWN;
  const met = status.currentMet === null || status.currentMet === undefined ? UNKNOWN : status.currentMet.toFixed(1) + known(status.averageMet, (value) => ' (mean ' + value.toFixed(1) + ')');
  return [
    { label: 'State', value: state, warning: status.state === 'fault' },
    { label: 'Direction', value: direction, warning: false },
    { label: 'Target speed', value: known(targetKph, speed), warning: false },
    { label: 'Measured speed', value: known(status.measuredSpeedKph, speed), warning: false },
    { label: 'True belt speed', value: known(status.beltKph, speed), warning: false },
    { label: 'Motor duty', value: known(status.duty, (value) => (value * 100).toFixed(0) + ' %'), warning: false },
    { label: 'Incline', value: known(status.inclinePct, (value) => value.toFixed(1) + ' %' + (status.targetInclinePct === null ? '' : ' (target ' + status.targetInclinePct.toFixed(1) + ')')), warning: false },
    { label: 'Program', value: program === undefined ? UNKNOWN : programText(program), warning: false },
    { label: 'Time', value: known(status.elapsedMs, clockText), warning: false },
    { label: 'Distance', value: distance, warning: false },
    { label: 'Average speed', value: known(status.averageSpeedKph, speed), warning: false },
    { label: 'Elevation gain', value: known(status.elevationGainM, (value) => heightText(value, units)), warning: false },
    { label: 'Energy', value: known(status.energyKcal, (value) => value.toFixed(1) + ' kcal'), warning: false },
    { label: 'MET', value: met, warning: false },
    { label: 'Safety key', value: known(status.keyPresent, (value) => (value ? 'in' : 'pulled')), warning: status.keyPresent === false },
    { label: 'Fault', value: status.fault ? status.fault + ': ' + FAULT_MESSAGES[status.fault] : 'none', warning: status.fault !== null },
  ];
}
