// A supported board's timing as simulator settings: its control period for the firmware, its tick time as the output delay.

import { timingLabel } from '../scenario/scenario-report';
import { BOARD_TIMING, SIMULATED_BOARDS, type TimedBoardName } from '../../hal/espruino/boards/board-timing';

/** The board the command lines simulate unless told otherwise (the build's default board). */
export const DEFAULT_BOARD: TimedBoardName = 'esp32';

/** Firmware configuration overrides for `board`: the control period it runs at. */
export function boardConfig(board: TimedBoardName): { controlPeriodMs: number } {
  return { controlPeriodMs: BOARD_TIMING[board].controlPeriodMs };
}

/** Simulator options for `board`: its outputs reach the motor its measured tick time late. */
export function boardSimOptions(board: TimedBoardName): { outputDelayMs: number } {
  return { outputDelayMs: BOARD_TIMING[board].tickMs };
}

/** The board named `text`; throws an Error listing the boards for any other name. */
export function parseBoardName(text: string): TimedBoardName {
  const board = SIMULATED_BOARDS.find((name) => name === text);
  if (board === undefined) throw new Error('unknown board "' + text + '"; choose one of ' + SIMULATED_BOARDS.join(', '));
  return board;
}

/** "esp32 (100 ms period, 20 ms tick)" for titles, tables and summaries. */
export function boardTimingLabel(board: TimedBoardName): string {
  return timingLabel(board, BOARD_TIMING[board]);
}
