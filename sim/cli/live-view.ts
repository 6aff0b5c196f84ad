// The terminal live view's text, pure: state, speeds, incline, program and the speed plot, as lines for a given width.

import { renderSpeedPlot, type SpeedSample } from './speed-plot';

/** The status fields the view shows: those of the line protocol's status (firmware/console-protocol.ts), so a board's stream fills it too. */
export interface LiveStatus {
  state: string;
  direction: string;
  pendingDirection: string | null;
  targetSpeedKph: number;
  measuredSpeedKph: number;
  keyPresent: boolean;
  fault: string | null;
  countdownRemainingMs: number;
  reason: string;
  distanceM: number;
  inclinePct: number;
  targetInclinePct: number;
}

/** The program part of the view (the protocol's programStatus reply). */
export interface LiveProgram {
  name: string;
  phase: string;
  label: string;
  segmentIndex: number;
  segmentCount: number;
  segmentRemainingMs: number;
  remainingMs: number;
}

export interface LiveViewContent {
  title: string;
  status: LiveStatus;
  /** A running or paused program, or null (none, or not known). */
  program: LiveProgram | null;
  /** Lines only this view has (the simulator's duty and walker), after the status. */
  extraLines: string[];
  samples: SpeedSample[];
  nowMs: number;
  /** Formats a speed given in km/h in the units shown. */
  speedText: (speedKph: number) => string;
}

/** Rows of the speed plot's drawing area, and the time it spans (the "last minute"). */
export const PLOT_ROWS = 8;
export const PLOT_SPAN_MS = 60000;

/**
 * The target to show: while stopping the belt ramps down to a standstill whatever was asked
 * before, so showing the old target there misleads (the defect); 0 is where it goes.
 */
export function shownTargetKph(state: string, targetSpeedKph: number): number {
  return state === 'stopping' ? 0 : targetSpeedKph;
}

/**
 * A command's answer in words, said once: the firmware's messages already name what they answer
 * ("start: countdown") and some refusals already say "refused", so neither is prefixed again.
 */
export function answerText(accepted: boolean, message: string): string {
  if (accepted || /\brefused\b/.test(message)) return message;
  return 'refused: ' + message;
}

function minutesSeconds(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
}

/** A running or paused program on one line: its name, the segment, and the time left in it and in all. */
export function programLine(program: LiveProgram | null): string {
  if (program === null || program.name === '') return 'program    none';
  const segment = 'segment ' + (program.segmentIndex + 1) + '/' + program.segmentCount + (program.label !== '' ? ' ' + program.label : '');
  return 'program    ' + program.name + (program.phase === 'paused' ? ' (paused)' : '') + ', ' + segment + ', ' + minutesSeconds(program.segmentRemainingMs) + ' left in it, ' + minutesSeconds(program.remainingMs) + ' in all';
}

/** The status as the view's labelled lines. */
export function statusLines(status: LiveStatus, speedText: (speedKph: number) => string): string[] {
  return [
    'state      ' + status.state.padEnd(10) + '  ' + status.reason,
    'direction  ' + status.direction.padEnd(10) + (status.pendingDirection ? '  pending: ' + status.pendingDirection : ''),
    'speed      target ' + speedText(shownTargetKph(status.state, status.targetSpeedKph)) + '   measured ' + speedText(status.measuredSpeedKph),
    'incline    target ' + status.targetInclinePct.toFixed(1) + ' %   measured ' + status.inclinePct.toFixed(1) + ' %',
    'key        ' + (status.keyPresent ? 'in' : 'OUT') + (status.fault ? '   fault ' + status.fault : '') + (status.countdownRemainingMs > 0 ? '   countdown ' + (status.countdownRemainingMs / 1000).toFixed(1) + ' s' : ''),
    'distance   ' + status.distanceM.toFixed(1) + ' m',
  ];
}

/** The whole view for a terminal `widthColumns` wide: title, status, extra lines, program, plot. */
export function liveViewLines(content: LiveViewContent, widthColumns: number): string[] {
  const lines = [content.title, ''].concat(statusLines(content.status, content.speedText), content.extraLines, [programLine(content.program), '']);
  return lines.concat(renderSpeedPlot(content.samples, content.nowMs, { widthColumns: widthColumns, heightRows: PLOT_ROWS, spanMs: PLOT_SPAN_MS }));
}

/** Keep the samples of the plot's span (and no more: the view runs for hours). */
export function keepRecentSamples(samples: SpeedSample[], nowMs: number): void {
  while (samples.length > 0 && samples[0].timeMs <= nowMs - PLOT_SPAN_MS) samples.shift();
}
