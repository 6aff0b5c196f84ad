// A scenario file run in the web console as `npm run sim` runs it: the same parser, runner, board timing, report lines and CSV trace, without Node.

import { bootTreadmill } from '../firmware/index';
import { formatSpeed } from '../firmware/core/units';
import { BOARD_TIMING, type TimedBoardName } from '../hal/espruino/boards/board-timing';
import { parseScenario } from '../sim/scenario/parse-scenario';
import { parseScenarioJson } from '../sim/scenario/scenario-json';
import { runScenario, type ScenarioResult } from '../sim/scenario/run-scenario';
import { headlineLine, scenarioUnits, summaryLine, summaryLines, timingLabel, verdictLines } from '../sim/scenario/scenario-report';
import type { Scenario } from '../sim/scenario/scenario-types';
import { formatTraceCsvRow, TRACE_CSV_HEADER } from '../sim/scenario/trace-csv';
import type { TraceRow } from '../sim/scenario/trace-row';
import { DEFAULT_SIM_OPTIONS } from '../sim/sim-treadmill';

/** What a run gives the page: the report as the command line prints it, the verdict, and the trace file's text. */
export interface PageScenarioRun {
  /** The report's lines, as `npm run sim` prints them without its wall-time and trace-file lines. */
  lines: string[];
  passed: boolean;
  result: ScenarioResult;
  /** The trace as `npm run sim -- --trace` writes it: the header and one line per control tick, each ending in a line feed. */
  traceCsv: string;
}

/**
 * The scenario in `text` (a file's contents), checked as the command line checks it; throws an
 * Error whose message names `fileName` on every line. A scenario naming a machine (a machine
 * file, or machine fields) is refused: the page reads no files beside it and has no machine
 * file parser (scripts/machine-description.ts reads from disk); `npm run sim` runs those.
 */
export function parseScenarioText(text: string, fileName: string): Scenario {
  // As the command line reads it: the same message for a syntax error, with line, column and caret.
  const parsed = parseScenarioJson(text, fileName);
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && (parsed as { machine?: unknown }).machine !== undefined) {
    throw new Error(fileName + ': names a machine; the web console runs scenarios on the reference treadmill only: run this one with npm run sim');
  }
  try {
    return parseScenario(parsed);
  } catch (error) {
    throw new Error(
      (error as Error).message
        .split('\n')
        .map((line) => fileName + ': ' + line)
        .join('\n'),
    );
  }
}

/**
 * Run `scenario` at `board`'s timing (the command line's default esp32 unless told) in
 * fast-forward, keeping the trace: the same options `npm run sim` passes, so verdict and trace
 * are the same, byte for byte. Throws when the firmware refuses the scenario's configuration.
 */
export function runPageScenario(scenario: Scenario, board?: TimedBoardName): PageScenarioRun {
  const boardName: TimedBoardName = board || 'esp32';
  const timing = BOARD_TIMING[boardName];
  const traceLines: string[] = [TRACE_CSV_HEADER];
  const result = runScenario(scenario, bootTreadmill, {
    // As sim/cli/board-timing-options.ts: the board's period beneath the scenario's config, its tick time as the output delay.
    defaultConfig: { controlPeriodMs: timing.controlPeriodMs },
    defaultSimOptions: Object.assign({}, DEFAULT_SIM_OPTIONS, { outputDelayMs: timing.tickMs }),
    onTraceRow: (row: TraceRow) => {
      traceLines.push(formatTraceCsvRow(row));
    },
  });
  const mph = scenarioUnits(scenario.config) === 'mph';
  const lines = [headlineLine(scenario)]
    .concat(summaryLines(result, mph ? (speedKph: number) => formatSpeed(speedKph, 'mph') : null))
    .concat([summaryLine('board timing', timingLabel(boardName, timing))])
    .concat(verdictLines(result));
  return { lines: lines, passed: result.passed, result: result, traceCsv: traceLines.join('\n') + '\n' };
}
