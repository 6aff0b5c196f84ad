// A scenario run's report as the command line prints it: the summary's aligned lines and the verdict lines, shared by `npm run sim` and the web console.

import type { Scenario } from './scenario-types';
import type { ScenarioResult } from './run-scenario';

/** The units a scenario's configuration asks the user to see ('kph' unless it sets units: 'mph'). */
export function scenarioUnits(config: { [key: string]: unknown }): 'kph' | 'mph' {
  return config.units === 'mph' ? 'mph' : 'kph';
}

function round(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** "esp32 (200 ms period, 20 ms tick)": a board's timing for titles and the report's "board timing" line. */
export function timingLabel(board: string, timing: { controlPeriodMs: number; tickMs: number }): string {
  return board + ' (' + timing.controlPeriodMs + ' ms period, ' + timing.tickMs + ' ms tick)';
}

/** The first line of a report: the scenario's name and its description. */
export function headlineLine(scenario: Scenario): string {
  return scenario.name + (scenario.description ? ': ' + scenario.description : '');
}

/** One "label  value" line aligned with the summary's (its labels are 17 characters wide at most). */
export function summaryLine(label: string, value: string): string {
  return '  ' + label.padEnd(17) + '  ' + value;
}

/**
 * The summary as aligned "label  value" lines. `mphText` formats a speed for a user who chose mph
 * (the scenario's config.units), shown with km/h alongside; null for km/h users. It is passed in
 * because the simulator's core imports only types from the firmware, whose formatting it is.
 */
export function summaryLines(result: ScenarioResult, mphText: ((speedKph: number) => string) | null): string[] {
  const summary = result.summary;
  const speed = (speedKph: number) => (mphText !== null ? mphText(speedKph) + ' = ' + round(speedKph, 2) + ' km/h' : round(speedKph, 2) + ' km/h');
  const rows: string[][] = [
    ['scenario', result.name],
    ['verdict', result.passed ? 'PASS' : 'FAIL'],
    ['simulated time', round(summary.durationS, 1) + ' s'],
    ['seed', String(summary.seed)],
    ['belt distance', round(summary.distanceM, 1) + ' m'],
    ['top belt speed', speed(summary.maxSpeedKph) + (summary.maxBackwardSpeedKph > 0.05 ? ' (backward ' + speed(summary.maxBackwardSpeedKph) + ')' : '')],
    ['session time', round(summary.sessionElapsedS, 1) + ' s (the firmware\'s latest session)'],
    ['session distance', 'forward ' + round(summary.sessionDistanceForwardM, 1) + ' m, backward ' + round(summary.sessionDistanceBackwardM, 1) + ' m, climbed ' + round(summary.sessionElevationGainM, 1) + ' m'],
    ['session energy', round(summary.sessionEnergyKcal, 1) + ' kcal, mean ' + round(summary.sessionAverageMet, 2) + ' MET' + (summary.sessionEnergyQuality === 'belowValidatedRange' ? ' (rough: over 10 % of it below 3 km/h, outside the walking equation\'s validated range)' : '')],
    ['session remaining', summary.sessionRemainingS === null ? 'no program' : round(summary.sessionRemainingS, 1) + ' s of the program'],
    ['final state', summary.finalState + (summary.finalFault ? ' (' + summary.finalFault + ')' : '')],
    ['faults seen', summary.faultsSeen.length > 0 ? summary.faultsSeen.join(', ') : 'none'],
    ['reboots', summary.reboots + ' (' + summary.powerLosses + ' power loss, ' + summary.watchdogResets + ' watchdog)'],
    ['direction changes', summary.directionChanges + (summary.minDirectionDwellS !== null ? ', shortest standstill before one ' + round(summary.minDirectionDwellS, 2) + ' s' : '')],
    ['commands', summary.commands + ' (' + summary.commandsRefused + ' refused)'],
    ['button presses', summary.presses + ' (' + summary.pressesRefused + ' refused or unanswered)'],
    ['ftms writes', summary.ftmsWrites + ' (' + summary.ftmsWritesNotSuccessful + ' answered other than success)'],
    ['control ticks', String(summary.controlTicks)],
    ['expectations', summary.expectations + ' (' + summary.expectationsFailed + ' failed)'],
  ];
  const width = rows.reduce((longest, row) => Math.max(longest, row[0].length), 0);
  return rows.map((row) => '  ' + row[0].padEnd(width) + '  ' + row[1]);
}

/** The closing lines: one per failure, then the verdict with the count of expectations met or of problems and the seed. */
export function verdictLines(result: ScenarioResult): string[] {
  const lines = result.failures.map((failure) => 'FAIL ' + failure);
  if (result.passed) lines.push('PASS ' + result.name + ': ' + result.summary.expectations + ' expectations met');
  else lines.push('FAIL ' + result.name + ': ' + result.failures.length + ' problem(s); seed ' + result.summary.seed);
  return lines;
}
