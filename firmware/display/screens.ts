// The console's screens: the treadmill's status as the lines of a small character display (pure).

import { CLEAR_HOLD_MS } from '../button-bindings';
import type { Direction } from '../command';
import type { SessionSuggestion } from '../core/progress-suggestion';
import type { SpeedUnits } from '../core/units';
import { FAULT_MESSAGES } from '../fault-code';
import type { HistoryEntry } from '../persistence/session-history';
import type { ProgramStatus } from '../program/program-control';
import type { TreadmillStatus } from '../treadmill-status';
import { clockText, directionMark, distanceText, fitText, pairText, speedFigure, speedUnitText, wrapText } from './screen-text';

/** What a screen shows besides the treadmill's status; what an edition lacks is null. */
export interface ScreenFacts {
  units: SpeedUnits;
  /** The program part's status (firmware/program/program-control.ts); null in an edition without programs. */
  program: ProgramStatus | null;
  /** The latest stored session, or null (none yet, or an edition without a history). */
  lastSession: HistoryEntry | null;
  /** The progress suggestion's next backward session, or null. */
  suggestion: SessionSuggestion | null;
}

/**
 * A two-row display shows each screen's headline on the first row and its details one at a time
 * on the second, each for this long, ms. Why: 16 characters hold a figure and its name, not
 * three figures; a taller display shows the details one a row and never pages.
 */
export const PAGE_MS = 3000;

/**
 * Short fault names, at most 13 characters so that 'Fault: ' and the name fit 20 columns and
 * the name alone fits 16 (the full sentence, FAULT_MESSAGES, goes on taller displays).
 */
export const FAULT_TITLES: { [code: string]: string } = {
  keyRemoved: 'Key pulled',
  encoderLoss: 'No belt pulse',
  overspeed: 'Belt too fast',
  wrongDirection: 'Wrong way',
  stall: 'Belt stalled',
  lostEdges: 'Pulses lost',
  controlError: 'Control error',
  inclineRunaway: 'Incline fault',
};

/** "Stop 2 s": the clear of firmware/button-bindings.ts (Stop held with the key in), in its own timing. */
const STOP_HELD = 'Stop ' + CLEAR_HOLD_MS / 1000 + ' s';

function directionWord(direction: Direction): string {
  return direction === 'backward' ? '< Backward' : '> Forward';
}

/**
 * The belt's speed with its direction mark and unit, and the incline, or `label` instead of the
 * incline: the first row of every moving screen. Below 20 columns the unit joins the figure
 * ('< 3.2km/h   2.0%'), or beside a label is left out ('Stopping   > 1.5'): 16 columns hold no more.
 */
function speedLine(label: string, direction: Direction, speedKph: number, inclinePct: number, units: SpeedUnits, width: number): string {
  const narrow = width < 20;
  const unit = narrow && label !== '' ? '' : (narrow ? '' : ' ') + speedUnitText(units);
  const speed = directionMark(direction) + ' ' + speedFigure(speedKph, units) + unit;
  return pairText(label === '' ? speed : label, label === '' ? inclinePct.toFixed(1) + '%' : speed, width);
}

/** The session's figures, most wanted first: time, distance, energy, then what only a tall display has room for. */
function sessionDetails(status: TreadmillStatus, units: SpeedUnits, width: number, details: string[]): void {
  const metrics = status.metrics;
  details.push(pairText('Time', clockText(metrics.elapsedMs), width));
  details.push(pairText('Distance', distanceText(metrics.distanceM, units), width));
  details.push(pairText('Energy', metrics.energyKcal.toFixed(0) + ' kcal', width));
  details.push(pairText('MET', metrics.currentMet.toFixed(1), width));
  details.push(pairText('Climb', metrics.elevationGainM.toFixed(0) + ' m', width));
}

/** The running program's segment and what comes next. */
function programDetails(program: ProgramStatus, units: SpeedUnits, width: number, details: string[]): void {
  details.push(pairText(program.segmentIndex + 1 + '/' + program.segmentCount + ' ' + program.label, clockText(program.segmentRemainingMs), width));
  if (program.nextDirection !== null) details.push(pairText('Next ' + program.nextLabel, directionMark(program.nextDirection) + ' ' + speedFigure(program.nextSpeedKph, units), width));
  else details.push('Last segment');
}

/**
 * A program's name as a screen row shows it: the progression's long names shortened so that 16
 * columns hold them whole ('backward-progression-3' is 22 characters, and cut to 20 it would read
 * as the suggested session), the others as they are.
 */
export function programTitle(name: string): string {
  const stagePrefix = 'backward-progression-';
  if (name.indexOf(stagePrefix) === 0) return 'Backward stage ' + name.substring(stagePrefix.length);
  if (name === 'backward-progression') return 'Next backward';
  return name;
}

/** The Program key's choice as an idle row: 'Program 12-3-30', or the title alone where both do not fit. */
function chosenProgramLine(name: string, width: number): string {
  const title = programTitle(name);
  const line = 'Program ' + title;
  return line.length <= width ? line : title;
}

/** The idle screen's details: the program chosen, the direction, the last session, the suggested next one. */
function idleDetails(status: TreadmillStatus, facts: ScreenFacts, width: number, details: string[]): void {
  const units = facts.units;
  if (!status.beltStill) details.push('Belt still moving');
  // The Program key's choice first: it is what the next Start runs.
  const chosen = facts.program !== null ? facts.program.chosen : '';
  if (chosen) details.push(chosenProgramLine(chosen, width));
  details.push(directionWord(status.pendingDirection !== null ? status.pendingDirection : status.direction));
  const last = facts.lastSession;
  if (last !== null) details.push(pairText('Last ' + clockText(last.durationS * 1000), directionMark(last.direction) + ' ' + speedFigure(last.averageSpeedKph, units), width));
  const suggestion = facts.suggestion;
  if (suggestion !== null) details.push(pairText('Next ' + suggestion.durationMin + ' min', '< ' + speedFigure(suggestion.speedKph, units), width));
  if (status.keyPresent) details.push('Press Start');
}

/** What to do, in order, to clear `status.fault` here: the table's own rules (key in, belt still, Stop held). */
function faultDetails(status: TreadmillStatus, width: number, details: string[]): void {
  if (status.fault === 'lostEdges') details.push('Restart the', 'treadmill to clear');
  else if (!status.keyPresent) details.push('Insert the key', 'and hold ' + STOP_HELD);
  else if (!status.beltStill) details.push('Wait: belt moving', 'then hold ' + STOP_HELD);
  else details.push('Hold ' + STOP_HELD, 'to clear');
  details.push('Motor off, latched');
  wrapText(status.fault !== null ? FAULT_MESSAGES[status.fault] : status.reason, width).forEach(function (line) {
    details.push(line);
  });
}

/** The headline of the screen for `status`; fills `details` with the rest, most wanted first. */
function composeScreen(status: TreadmillStatus, facts: ScreenFacts, width: number, details: string[]): string {
  const units = facts.units;
  const program = facts.program !== null && facts.program.phase !== 'off' ? facts.program : null;
  const state = status.state;
  if (state === 'fault') {
    const title = status.fault !== null ? FAULT_TITLES[status.fault] : 'Fault';
    faultDetails(status, width, details);
    return width >= 20 ? 'Fault: ' + title : title;
  }
  if (state === 'countdown') {
    if (program !== null) programDetails(program, units, width, details);
    details.push(directionWord(status.direction), 'Hold the rails', 'Clip the key on');
    return pairText('Start in ' + Math.ceil(status.countdownRemainingMs / 1000) + ' s', directionMark(status.direction), width);
  }
  if (state === 'running') {
    if (program !== null) programDetails(program, units, width, details);
    sessionDetails(status, units, width, details);
    return speedLine('', status.direction, status.setpointKph, status.inclinePct, units, width);
  }
  if (state === 'stopping' || state === 'freeBelt') {
    sessionDetails(status, units, width, details);
    // Free belt: the walker drives it, so the speed is the belt's measured one (no setpoint).
    return speedLine(state === 'stopping' ? 'Stopping' : 'Free belt', status.direction, state === 'stopping' ? status.setpointKph : status.measuredSpeedKph, 0, units, width);
  }
  // Idle: ready for a start, or a program between its runs (paused, turning round, starting).
  if (program !== null) programDetails(program, units, width, details);
  idleDetails(status, facts, width, details);
  let headline = 'Ready';
  if (!status.keyPresent) headline = 'Insert key';
  else if (program !== null) headline = program.phase === 'paused' ? 'Paused' : 'Press Start';
  else if (facts.program !== null && facts.program.chosen) headline = 'Press Start';
  return pairText(headline, speedUnitText(units), width);
}

/**
 * Write the screen for `status` into `lines[0..rows-1]`, each exactly `columns` characters.
 * Screens: idle (ready or "insert key", units, the program the Program key chose, direction, the
 * last session, the suggested next backward session), countdown, running (speed with its direction mark, incline, time,
 * distance, energy), a program's segment, its time left and the next one, stopping, free belt,
 * fault (what happened and how to clear it here). A display of two rows pages through the
 * details (PAGE_MS, on the status's clock); a taller one shows as many as it has rows.
 * Pure: the same status, facts and size give the same lines. Called by the display host a few
 * times a second, never from the control tick.
 */
export function drawScreen(status: TreadmillStatus, facts: ScreenFacts, columns: number, rows: number, lines: string[]): void {
  const details: string[] = [];
  lines[0] = fitText(composeScreen(status, facts, columns, details), columns);
  if (rows === 2 && details.length > 0) {
    lines[1] = fitText(details[Math.floor(status.timeMs / PAGE_MS) % details.length], columns);
    return;
  }
  for (let row = 1; row < rows; row++) lines[row] = fitText(row - 1 < details.length ? details[row - 1] : '', columns);
}
